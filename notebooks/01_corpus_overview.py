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
# # Corpus overview
#
# What the corpus holds before any analysis: how many articles each outlet
# contributes and when, how long they are, which wire agencies they credit, which
# input files could not be read and why, and what the cleaning did to one page.

# %% tags=["parameters"]
corpus_path = None  # a file, folder or glob; None means the default corpus in data/raw
reference_date = None  # when the pages were captured, e.g. "2025-07-21", for "5 hours ago"

# %%
import pandas as pd

import corpus_tools as ct
from corpus_tools import overview, plots

pd.set_option("display.max_colwidth", 80)
corpus = ct.load_corpus(corpus_path or ct.config.RAW_DIR, reference_date=reference_date,
                        progress=False)
ingest_log = ct.read_ingest_log()
articles = corpus[corpus["kind"] == "article"]
print(f"{len(articles):,} articles and {len(corpus) - len(articles):,} teasers "
      f"from {corpus['outlet'].nunique()} outlets; {len(ingest_log)} problem(s) logged.")

# %% [markdown]
# ## Outlets
# One row per outlet. *wire_share* is the share of its articles that credit a wire
# agency in the text (a dateline such as "MOSCOW (Reuters)", a closing "— Reuters",
# an AFP desk slug); *undated* counts articles whose date could not be read.

# %%
ct.show_table(overview.outlet_summary(corpus), n=30)

# %%
plots.articles_per_outlet(corpus);

# %% [markdown]
# ## Over time
# Dated articles per month for the largest outlets. Gaps are months with no
# articles in the corpus, not necessarily months the outlet did not publish.

# %%
plots.articles_over_time(corpus, freq="MS");

# %% [markdown]
# ## Length
# Words per article, per outlet: the box spans the middle half of the articles,
# the line is the median. Very short articles are often teasers or captions that
# slipped through; very long ones can be live blogs or pages with two articles.

# %%
plots.article_lengths(corpus);

# %% [markdown]
# ## Wire agencies
# Articles per outlet by the agency they credit ("none": no credit in the text).
# A source an article only cites ("according to Xinhua") is not counted.

# %%
overview.agency_counts(corpus).pivot(index="outlet", columns="agency", values="articles").fillna(0).astype(int)

# %% [markdown]
# ## Ingest log
# Every input file is either in the table or here, with the reason.

# %%
ct.show_table(ingest_log, n=30) if len(ingest_log) else "No problems: every input file was read."

# %% [markdown]
# ## One page before and after cleaning
# The raw text of the first scraped page dump beside the body kept for its main
# article: interface lines, teaser lists, related stories and credit lines are gone.

# %%
example = corpus[corpus["source_file"].str.endswith(".txt") & (corpus["kind"] == "article")]
example = (example if len(example) else articles).iloc[0]
overview.side_by_side(ct.read_source_text(example["source_file"]), example["body"],
                      titles=(f"Raw: {example['source_file'].rsplit('/', 1)[-1]}",
                              f"Cleaned: {example['outlet']} — {example['title']}"))
