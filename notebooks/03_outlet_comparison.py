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
# # How the outlets cover the news differently
#
# Which words each outlet uses more than the others, how one outlet compares with
# another side by side, how alike all of them are, which topics one gives more room
# than another, how much attention each pays to a subject over time, and whom each
# relies on. Wire copies count once per outlet (one vote per story), so that a wire
# story printed many times does not decide the result. Check any finding in the
# articles themselves with the keyword-in-context table at the end.

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
from IPython.display import display

import corpus_tools as ct
from corpus_tools import compare, overview
from corpus_tools.plots import compare as compare_plots
from corpus_tools.reports import findings, not_shown, say, show_table

prepared = ct.prepare(corpus_path, reference_date=reference_date, columns=columns,
                      outlets=outlets, date_from=date_from, date_to=date_to,
                      outlet_a=outlet_a, outlet_b=outlet_b, n_topics=n_topics, method=method,
                      query=query, threshold=threshold, containment=containment,
                      window_days=window_days)
corpus = prepared.corpus  # the chosen rows, with copy groups and stories
dtm, model = prepared.dtm, prepared.model  # one vocabulary and one model for every section
a, b = prepared.outlet_a, prepared.outlet_b
copies = int((~prepared.articles["is_original"]).sum())
say(f"{prepared.describe()} "
    + ("No article is a copy of another." if copies == 0 else
       f"{findings.plural(copies, 'article')} {'is a copy' if copies == 1 else 'are copies'} "
       "of another article of the corpus.")
    + (f" The pair compared side by side: {a} and {b}"
       + (" (the two largest outlets)." if outlet_a is None and outlet_b is None else ".")
       if b is not None else ""))

# %% [markdown]
# ## What each outlet says more than the others
# For each outlet, the terms whose use sets it apart from all the other outlets
# together: the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
# and Quinn 2008, "Fightin' Words"), as a z-score. Listed are terms with a z above 2,
# which the outlet uses clearly more than the rest; rare terms are pulled toward the
# corpus average, so one odd word cannot top the list. Outlet and agency names are
# left out.

# %%
why = prepared.why_not("outlets", "bodies") or (None if dtm is not None else prepared.why_not("topics"))
if why:
    not_shown(why)
else:
    distinctive = compare.distinctive_terms(corpus, by="outlet", dtm=dtm)
    display(show_table(overview.top_terms_by_group(distinctive, prepared.outlet_sizes),
                       n=30, name="distinctive_terms", max_chars=200))

# %% [markdown]
# ## Two outlets side by side
# Every term is a dot: how often the first outlet uses it (up) against the second
# (across), per 10,000 words. Dots above the diagonal lean to the first outlet, below
# it to the second; colour is the z-score. The numbered terms are the most
# distinctive on each side and are listed on the right.

# %%
why = prepared.why_not("pair", "bodies") or (None if dtm is not None else prepared.why_not("topics"))
pair = None
if why:
    not_shown(why)
else:
    pair = compare.distinctive_terms(corpus, by="outlet", target=a, reference=b, dtm=dtm)
    say(findings.distinctive_finding(pair, a, b))
    compare_plots.term_scatter(pair);

# %% [markdown]
# The same pair by keyness, as corpus linguists report it: log-likelihood (G2, signed:
# negative when the term is rarer in the first outlet) with its effect size, the
# binary log of the ratio of relative frequencies (1 = twice as frequent).

# %%
if pair is not None:
    key = compare.keyness(corpus, by="outlet", target=a, reference=b, dtm=dtm)
    display(show_table(key[["term", "count", "count_reference", "g2", "log_ratio", "per_million",
                            "per_million_reference"]], n=15, name="keyness"))

# %% [markdown]
# ## How alike the outlets are
# One minus the Jensen-Shannon distance between the outlets' word distributions:
# 1 means the same vocabulary in the same proportions. Outlets with few articles
# look unlike everyone, because a handful of stories is a narrow vocabulary. The
# figure shows the largest outlets.

# %%
why = prepared.why_not("outlets", "bodies") or (None if dtm is not None else prepared.why_not("topics"))
if why:
    not_shown(why)
else:
    largest = prepared.largest_outlets(25)
    similarity = compare.outlet_similarity(corpus[corpus["outlet"].isin(largest)], by="outlet",
                                           dtm=dtm)
    say(findings.similarity_finding(similarity))
    compare_plots.similarity_heatmap(similarity);

# %% [markdown]
# ## Topics one outlet gives more room than the other
# The topic model of the whole selection (the one of the topics report), then for each
# topic the difference between the two outlets in the mean share of their articles it
# takes, with a 95% bootstrap interval. Bars whose interval crosses zero may be chance.

# %%
why = prepared.why_not("pair", "topics")
if why:
    not_shown(why)
else:
    difference = compare.prevalence_difference(model, corpus, a, b)
    compare_plots.prevalence_difference_bars(difference);

# %% [markdown]
# ## Attention over time
# The share of each outlet's articles that match the query, per week: matching
# stories divided by all the stories the outlet published that week, as Media Cloud
# normalises it, so that volume alone does not look like attention. The raw counts
# follow the figure.

# %%
why = prepared.why_not("dates") or (None if prepared.query else
                                    "No query was given and the corpus has no terms to derive one from.")
if why:
    not_shown(why)
else:
    if prepared.query_is_derived:
        say(f"No query was given: the query is the three heaviest terms of a large, well-defined "
            f"topic, {prepared.query} (set query to follow a subject of your own).")
    attention = compare.attention(corpus, prepared.query, by="outlet", freq="W")
    if attention["matches"].sum() == 0:
        not_shown(f"No dated article matches {prepared.query}.")
    else:
        say(findings.attention_finding(attention, a, b))
        compare_plots.attention_over_time(attention)
        totals = attention.groupby("group")[["matches", "articles"]].sum()
        totals = totals.assign(share=totals["matches"] / totals["articles"])
        display(show_table(totals.sort_values("share", ascending=False), n=30,
                           name="attention_totals", percent=["share"]))

# %% [markdown]
# ## Whom they rely on
# The wire agencies each outlet credits (share of its articles) and the people and
# organisations it cites most ("according to X", "X said", "X told").

# %%
why = prepared.why_not("bodies")
if why:
    not_shown(why)
else:
    sources = compare.sourcing(corpus, by="outlet", top=8, attributions=prepared.attributions)
    shown = sources[sources["group"].isin([o for o in (a, b) if o is not None])]
    display(show_table(shown, n=len(shown), name="sourcing", percent=["share"]))

# %% [markdown]
# ## Check it in the articles
# The most distinctive term of the first outlet against the second, in context.

# %%
if pair is None or not (pair["z"] > 0).any():
    not_shown(prepared.why_not("pair", "bodies") or
              f"No term is used more by {a} than by {b}, so there is no term to show in context.")
else:
    term = pair["term"].iloc[0].replace("_", " ")
    say(f"Keyword in context: {term!r}, in articles of {a} and {b}.")
    display(show_table(compare.kwic(corpus[corpus["outlet"].isin([a, b])], term, window=8,
                                    limit=15)[["outlet", "left", "keyword", "right"]],
                       n=15, name="kwic"))
