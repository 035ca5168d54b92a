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
# of words that tend to occur together. This notebook chooses how many topics the
# corpus supports, shows each topic's words, and then how much room each outlet gives
# each topic and how that moves over time. Outlet and agency names, reporting words
# ("said", "told") and datelines are kept out of the vocabulary, so that topics are
# about the news and not about who printed it. Wire stories printed by several outlets
# are fitted once (when the copies have been marked) and then counted for every outlet
# that printed them.

# %% tags=["parameters"]
corpus_path = None  # a file, folder or glob; None means the default corpus in data/raw
n_topics = "auto"  # a number, or "auto" to use the recommended one
method = "nmf"  # "nmf" (sharp topics, fast) or "lda" (a probabilistic model)
# outlets to include as a list of names (None = all); dates as "YYYY-MM-DD" (None = open)
outlets = None
date_from = None
date_to = None

# %%
import pandas as pd

import corpus_tools as ct
from corpus_tools import overview
from corpus_tools.plots import topics as topic_plots

pd.set_option("display.max_colwidth", 90)
corpus = ct.load_corpus(corpus_path or ct.config.RAW_DIR, progress=False)
corpus = overview.filter_corpus(corpus, outlets=outlets, date_from=date_from, date_to=date_to)
# one copy per wire story for fitting, once syndication marking is available
corpus = ct.mark_copies(corpus, progress=False)
articles = corpus[corpus["kind"] == "article"]
dtm = ct.make_dtm(corpus, progress=False)
print(f"{len(articles):,} articles from {articles['outlet'].nunique()} outlets; "
      f"{dtm.shape[1]:,} terms, of which {len(dtm.vectorizer.phrase_list_):,} are "
      f"phrases learned from the corpus. The most widespread phrases:")
dtm.frequent_terms(15, phrases_only=True).to_frame().T

# %% [markdown]
# ## How many topics?
# Each candidate number of topics k is fitted once on all articles and three more
# times on random 80 % samples. Read the three panels together:
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
# least 0.7. Set `n_topics` above to override it.

# %%
choice = ct.choose_n_topics(dtm, candidates=range(5, 31, 5), method=method, n_seeds=2,
                            progress=False)
k = choice.k if n_topics == "auto" else int(n_topics)
print(choice.reason)
print(f"Using k = {k}.")
choice.table.round(3)

# %%
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
model = ct.fit_topics(dtm, k, method=method, progress=False)
model.diagnostics.round(3)

# %% [markdown]
# Each panel lists a topic's heaviest words; a bar's length is the word's weight
# relative to the topic's top word. Words joined by a space ("xi jinping") are
# phrases learned from the corpus and counted as one word.

# %%
topic_plots.topic_terms_bars(model, n_terms=8);

# %% [markdown]
# ## Which outlet gives room to which topic
# A dot is an outlet's mean share of the topic over its articles (the topics of an
# outlet add up to 1); the grey line is a 95 % bootstrap interval (articles resampled
# within the outlet), and the dashed red line the topic's mean over outlets. Where two
# outlets' intervals do not overlap, the difference is unlikely to be an accident of
# which articles were collected. The number after each outlet is its article count:
# intervals from a handful of articles are wide, and one article gives no interval.

# %%
by_outlet = ct.topic_prevalence(model, corpus, by="outlet")
topic_plots.topic_prevalence_intervals(by_outlet, top=6);

# %%
by_outlet.pivot(index="outlet", columns="topic", values="prevalence").round(3)

# %% [markdown]
# ## Over time
# The mean share of the six largest topics per month, with a shaded 95 % bootstrap
# band. Months with fewer than 5 articles are left out, and lines break where months
# are missing. A rise means the corpus's articles that month gave more room to the
# topic; it says nothing about outlets not in the corpus.

# %%
by_month = ct.topic_prevalence(model, corpus, by="month")
topic_plots.topic_prevalence_over_time(by_month, top=6);

# %% [markdown]
# ## Representative articles
# For each topic, the three articles in which it takes the largest share (one per
# wire story). Read them to check that the label means what it seems to mean.

# %%
examples = pd.concat(
    {f"{t}: {label}": ct.representative_articles(model, corpus, t, n=3)
     for t, label in model.labels.items()},
    names=["topic", "row"],
)
examples[["rank", "share", "outlet", "published", "title"]]
