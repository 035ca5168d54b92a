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
from corpus_tools import overview, plots
from corpus_tools.reports import findings, not_shown, say, show_table
from corpus_tools.schema import article_mask

prepared = ct.prepare(corpus_path, reference_date=reference_date, columns=columns,
                      outlets=outlets, date_from=date_from, date_to=date_to,
                      outlet_a=outlet_a, outlet_b=outlet_b, n_topics=n_topics, method=method,
                      query=query, threshold=threshold, containment=containment,
                      window_days=window_days)
rows = prepared.selected  # articles and teasers of the chosen outlets and dates
articles = rows[article_mask(rows)]
problems = len(prepared.ingest_log)
say(f"{prepared.describe()} "
    + (f"{problems:,} input problem{'' if problems == 1 else 's'} logged (see the ingest log below)."
       if problems else "Every input file was read."))

# %% [markdown]
# ## Outlets
# One row per outlet. *wire_share* is the share of its articles that credit a wire
# agency in the text (a dateline such as "MOSCOW (Reuters)", a closing "— Reuters",
# an agency's desk slug); *undated* counts articles whose date could not be read.

# %%
plots.articles_per_outlet(rows);

# %%
summary = overview.outlet_summary(rows)
say(findings.outlets_finding(summary))
show_table(summary, n=30, name="outlets", percent=["wire_share"])

# %% [markdown]
# ## Over time
# Dated articles per month for the largest outlets. Gaps are months with no
# articles in the corpus, not necessarily months the outlet did not publish.

# %%
why = prepared.why_not("dates")
if why:
    not_shown(why)
else:
    plots.articles_over_time(rows, freq="MS");

# %% [markdown]
# ## Length
# Words per article, per outlet: the box spans the middle half of the articles,
# the line is the median. Very short articles are often teasers or captions that
# slipped through; very long ones can be live blogs or pages with two articles.

# %%
why = prepared.why_not("bodies")
if why:
    not_shown(why)
else:
    plots.article_lengths(rows);

# %% [markdown]
# ## Wire agencies
# Articles per outlet by the agency they credit ("none": no credit in the text).
# A source an article only cites ("according to Xinhua") is not counted.

# %%
why = prepared.why_not("credited agencies")
if why:
    not_shown(why)
else:
    counts = overview.agency_counts(rows)
    wide = counts.pivot(index="outlet", columns="agency", values="articles").fillna(0)
    wide = wide.loc[[o for o in prepared.outlet_sizes.index if o in wide.index]]
    display(show_table(wide, n=30, name="agencies"))

# %% [markdown]
# ## Ingest log
# Every input file is either in the table or here, with the reason.

# %%
if problems:
    display(show_table(prepared.ingest_log, n=30, name="ingest_log"))
else:
    say("No problems: every input file was read.")

# %% [markdown]
# ## One page before and after cleaning
# The raw text of one scraped page beside the body kept for its main article:
# interface lines, teaser lists, related stories and credit lines are gone.

# %%
why = prepared.why_not("page sources")
if why:
    not_shown(why)
else:
    display(overview.page_before_after(articles))
