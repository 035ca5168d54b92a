# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: corpus_tools (.venv)
#     language: python
#     name: corpus-tools
# ---

# %% [markdown]
# # Topics: what the corpus is about, and who writes about what
#
# A topic model reads every article as a mix of a few themes ("topics"), each a set
# of words that tend to occur together. This notebook shows how the number of topics
# was chosen, each topic's words, and then how much room each outlet gives each
# topic and how that moves over time. Outlet and agency names, reporting words
# ("said", "told") and datelines are kept out of the vocabulary, so that topics are
# about the news and not about who printed it. Wire stories printed by several outlets
# are fitted once and then counted for every outlet that printed them.

# %% tags=["parameters"]
corpus_path = None  # a file, folder or glob; None means the project's data/raw
reference_date = None  # when the pages were captured, e.g. "2025-07-21", for "5 hours ago"
columns = None  # input column -> article-table column, e.g. {"headline": "title"}
outlets = None  # only these outlets, a list of names; None: all
date_from = None  # only articles from this day on, "YYYY-MM-DD"; None: no limit
date_to = None  # only articles up to this day, "YYYY-MM-DD"; None: no limit
outlet_a = None  # the pair compared side by side; None: the two largest outlets
outlet_b = None
n_topics = "auto"  # a number of topics, or "auto" to compare candidates and take the recommended one
method = "nmf"  # topic model: "nmf" or "lda"
query = None  # attention query in Media Cloud syntax; None: top terms of a large topic
threshold = 0.5  # Jaccard of 5-word sequences for near copies
containment = 0.8  # share of a text's words inside a longer one for abridged copies
window_days = 3  # articles further apart in days are never one story

# %%
import pandas as pd
from IPython.display import display

import corpus_tools as ct
from corpus_tools.plots import topics as topic_plots
from corpus_tools.reports import findings, not_shown, say, show_table

prepared = ct.prepare(corpus_path, reference_date=reference_date, columns=columns,
                      outlets=outlets, date_from=date_from, date_to=date_to,
                      outlet_a=outlet_a, outlet_b=outlet_b, n_topics=n_topics, method=method,
                      query=query, threshold=threshold, containment=containment,
                      window_days=window_days)
corpus = prepared.corpus  # the chosen rows, with copy groups and stories
dtm, model = prepared.dtm, prepared.model
say(prepared.describe())
if dtm is None:
    not_shown(prepared.why_not("topics"))
else:
    phrases = dtm.frequent_terms(8, phrases_only=True)
    say(f"The vocabulary has {dtm.shape[1]:,} terms, of which "
        f"{len(dtm.vectorizer.phrase_list_):,} are phrases learned from the corpus"
        + ("; the most widespread: " + ", ".join(f"{t.replace('_', ' ')} ({n:,} articles)"
                                                 for t, n in phrases.items())
           if len(phrases) else "") + ".")

# %% [markdown]
# ## How many topics?
# With `n_topics = "auto"`, each candidate number of topics k is fitted once on all
# articles and twice more on random 80 % samples. Read the three panels together:
#
# - **coherence** (mean NPMI of each topic's top 10 words, from how often they occur
#   in the same articles; 0 = no more than chance, 1 = always together): higher
#   means topics whose words belong together;
# - **stability** (0-1): how far the refits on samples find the same topics. Low
#   stability means the topics depend on which articles happen to be in the corpus;
# - **diversity** (0-1): the share of distinct words among all topics' top 25. Low
#   diversity means topics that repeat each other.
#
# The recommended k (dashed line) is the smallest one whose coherence is within 0.02
# of the best, among the candidates with stability of at least 0.6 and diversity of at
# least 0.7. A number given as `n_topics` is used as it is, and no comparison is run.

# %%
choice = prepared.topic_choice
given = prepared.parameters.n_topics != "auto"
if given and model is not None:
    say(f"k = {prepared.n_topics} was set by the n_topics parameter, so no numbers of topics "
        "were compared (set n_topics = \"auto\" to compare them).")
elif choice is None:
    not_shown(prepared.why_not("topics"))
else:
    say(choice.reason)
    display(show_table(choice.table, n=len(choice.table), name="n_topics_candidates"))
    topic_plots.n_topics_choice(choice);

# %% [markdown]
# ## The topics
# One row per topic. The **label** is its three heaviest words; **n_docs** is the
# number of articles in which it is the largest topic, **share** its mean share over
# all articles, **coherence** as above, and **exclusivity** the share of its top
# words' weight that belongs to this topic rather than others (1 = words used by no
# other topic). A topic with low coherence *and* low exclusivity is usually a mix of
# leftovers (general vocabulary) rather than a theme: read its articles before
# naming it.

# %%
why = prepared.why_not("topics")
if why:
    not_shown(why)
else:
    say(findings.topics_finding(model, choice, prepared.n_topics if given else None))
    display(show_table(model.diagnostics, n=model.n_topics, name="topics",
                       percent=["share", "exclusivity"], index=False))

# %% [markdown]
# Each panel lists a topic's heaviest words; a bar's length is the word's weight
# relative to the topic's top word. Words joined by a space ("xi jinping") are
# phrases learned from the corpus and counted as one word.

# %%
if model is not None:
    for first in range(0, model.n_topics, 8):  # 8 panels a figure: half a printed page
        topic_plots.topic_terms_bars(model, n_terms=8,
                                     topics=range(first, min(first + 8, model.n_topics)))

# %% [markdown]
# ## Which outlet gives room to which topic
# A dot is an outlet's mean share of the topic over its articles (the topics of an
# outlet add up to 1); the grey line is a 95 % bootstrap interval (articles resampled
# within the outlet), and the dashed red line the topic's mean over outlets. Where two
# outlets' intervals do not overlap, the difference is unlikely to be an accident of
# which articles were collected. The number after each outlet is its article count:
# intervals from a handful of articles are wide, and one article gives no interval.
# The figure shows the largest outlets; the table below it, all of them.

# %%
why = prepared.why_not("topics", "outlets")
if why:
    not_shown(why)
else:
    by_outlet = ct.topic_prevalence(model, corpus, by="outlet")
    say(findings.prevalence_finding(by_outlet))
    largest = prepared.largest_outlets(20)
    shown = by_outlet[by_outlet["outlet"].isin(largest)]
    six = shown.groupby("topic")["prevalence"].mean().nlargest(6).index.tolist()
    for topics in (six[:3], six[3:]):  # three panels a figure: half a printed page
        if topics:
            topic_plots.topic_prevalence_intervals(shown, topics=topics)
    shares = by_outlet.pivot(index="outlet", columns="topic", values="prevalence")
    shares = shares.loc[[o for o in prepared.outlet_sizes.index if o in shares.index]]
    display(show_table(shares, n=30, name="topic_share_by_outlet",
                       percent=list(shares.columns)))

# %% [markdown]
# ## Over time
# The mean share of the six largest topics per month, with a shaded 95 % bootstrap
# band. Months with fewer than 5 articles are left out, and lines break where months
# are missing. A rise means the corpus's articles that month gave more room to the
# topic; it says nothing about outlets not in the corpus.

# %%
why = prepared.why_not("topics", "months")
if why:
    not_shown(why)
else:
    by_month = ct.topic_prevalence(model, corpus, by="month")
    topic_plots.topic_prevalence_over_time(by_month, top=6);

# %% [markdown]
# ## Representative articles
# For each topic, the three articles in which it takes the largest share (one per
# wire story). Read them to check that the label means what it seems to mean.

# %%
why = prepared.why_not("topics")
if why:
    not_shown(why)
else:
    examples = pd.concat(
        {f"{t}: {label}": ct.representative_articles(model, corpus, t, n=3)
         for t, label in model.labels.items()},
        names=["topic", "row"],
    ).reset_index(level="topic").reset_index(drop=True)  # rows within a topic: no label
    display(show_table(examples[["topic", "rank", "share", "outlet", "published", "title"]],
                       n=len(examples), name="representative_articles", percent=["share"],
                       max_chars=110))
