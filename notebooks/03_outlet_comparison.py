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
corpus_path = None  # a file, folder or glob; None means the default corpus in data/raw
outlet_a = "TASS"  # the pair compared side by side
outlet_b = "BBC"
# outlets to include as a list of names (None = all); dates as "YYYY-MM-DD" (None = open)
outlets = None
date_from = None
date_to = None
query = '"xi jinping" OR putin OR kremlin OR lavrov'  # attention query (Media Cloud syntax)
n_topics = 12

# %%
import pandas as pd

import corpus_tools as ct
from corpus_tools import compare, overview
from corpus_tools.plots import compare as compare_plots

pd.set_option("display.max_colwidth", 60)
corpus = ct.load_corpus(corpus_path or ct.config.RAW_DIR, progress=False)
corpus = overview.filter_corpus(corpus, outlets=outlets, date_from=date_from, date_to=date_to)
corpus = ct.mark_copies(corpus, progress=False)
articles = corpus[corpus["kind"] == "article"]
print(f"{len(articles):,} articles from {articles['outlet'].nunique()} outlets; "
      f"{int((~articles['is_original']).sum()):,} are copies of another article.")

# %% [markdown]
# **On the default corpus** (3,800 articles from nine international outlets,
# 2016-2017), with the default parameters, the comparison tells a clear story that the
# keyword-in-context table at the end lets you check: TASS writes about Russia's
# diplomacy in the words of its officials — its most distinctive terms are *russia*,
# *ukraine*, *syria*, *putin*, *diplomat*, *cooperation*, *lavrov*, the people
# it cites most are Sergey Lavrov and Dmitry Peskov, and about a quarter of its articles
# mention Xi, Putin, the Kremlin or Lavrov, against under 2% of the BBC's. China Daily
# is about markets, investment, companies and growth and quotes people by surname (Li,
# Zhang, Wang); the BBC's distinctive words are British (*uk*, *mps*, *nhs*, *brexit*);
# CNN's are the Trump White House, North Korea and attacks. Outlet size matters: an
# outlet with a handful of articles (the seed pages) looks unlike all the others.

# %% [markdown]
# ## What each outlet says more than the others
# For each outlet, the terms whose use sets it apart from all the other outlets
# together: the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
# and Quinn 2008, "Fightin' Words"), as a z-score. A z above 2 means the outlet uses
# the term clearly more than the rest; rare terms are pulled toward the corpus
# average, so one odd word cannot top the list. Outlet and agency names are left out.

# %%
dtm = ct.make_dtm(corpus, progress=False)  # one vocabulary for every comparison below
distinctive = compare.distinctive_terms(corpus, by="outlet", dtm=dtm)
top_terms = distinctive[distinctive["z"] > 0].groupby("group").head(10)
top_terms.assign(rank=top_terms.groupby("group").cumcount() + 1).pivot(
    index="rank", columns="group", values="term")

# %% [markdown]
# ## Two outlets side by side
# Every term is a dot: how often the first outlet uses it (up) against the second
# (across), per 10,000 words. Dots above the diagonal lean to the first outlet, below
# it to the second; colour is the z-score. The numbered terms are the most
# distinctive on each side and are listed on the right.

# %%
pair = compare.distinctive_terms(corpus, by="outlet", target=outlet_a, reference=outlet_b, dtm=dtm)
compare_plots.term_scatter(pair);

# %% [markdown]
# The same pair by keyness, as corpus linguists report it: log-likelihood (G2, signed:
# negative when the term is rarer in the first outlet) with its effect size, the
# binary log of the ratio of relative frequencies (1 = twice as frequent).

# %%
compare.keyness(corpus, by="outlet", target=outlet_a, reference=outlet_b, dtm=dtm).head(15)[
    ["term", "count", "count_reference", "g2", "log_ratio", "per_million", "per_million_reference"]
].round(2)

# %% [markdown]
# ## How alike the outlets are
# One minus the Jensen-Shannon distance between the outlets' word distributions:
# 1 means the same vocabulary in the same proportions. Outlets with few articles
# look unlike everyone, because a handful of stories is a narrow vocabulary.

# %%
compare_plots.similarity_heatmap(compare.outlet_similarity(corpus, by="outlet", dtm=dtm));

# %% [markdown]
# ## Topics one outlet gives more room than the other
# A topic model of the whole corpus, then for each topic the difference between the
# two outlets in the mean share of their articles it takes, with a 95% bootstrap
# interval. Bars whose interval crosses zero may be chance.

# %%
model = ct.fit_topics(corpus, n_topics, progress=False)
difference = compare.prevalence_difference(model, corpus, outlet_a, outlet_b)
compare_plots.prevalence_difference_bars(difference);

# %% [markdown]
# ## Attention over time
# The share of each outlet's articles that match the query, per week: matching
# stories divided by all the stories the outlet published that week, as Media Cloud
# normalises it, so that volume alone does not look like attention. The raw counts
# follow the figure.

# %%
attention = compare.attention(corpus, query, by="outlet", freq="W")
compare_plots.attention_over_time(attention);

# %%
attention.groupby("group")[["matches", "articles"]].sum().assign(
    share=lambda t: (t["matches"] / t["articles"]).round(3)).sort_values("share", ascending=False)

# %% [markdown]
# ## Whom they rely on
# The wire agencies each outlet credits (share of its articles) and the people and
# organisations it cites most ("according to X", "X said", "X told").

# %%
sources = compare.sourcing(corpus, by="outlet", top=8)
sources[sources["group"].isin([outlet_a, outlet_b])].assign(share=lambda t: t["share"].round(3))

# %% [markdown]
# ## Check it in the articles
# The most distinctive term of the first outlet, in context.

# %%
term = pair["term"].iloc[0].replace("_", " ")
print(f"Keyword in context: {term!r}")
compare.kwic(corpus[corpus["outlet"].isin([outlet_a, outlet_b])], term, window=8, limit=15)[
    ["outlet", "left", "keyword", "right"]]
