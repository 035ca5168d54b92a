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
# # Syndication: wire copies, who copies whom, and what each outlet cut
#
# Much of any news corpus is the same wire story printed many times. This notebook
# finds the copies (identical, lightly edited, or cut down), groups them, names the
# agency they probably came from even when the outlet does not credit it, links
# articles about the same event across outlets, and shows, sentence by sentence, what
# one outlet kept, cut, added or reworded from the version it copied.
#
# How copies are found: each text (standfirst and body, not the title, which outlets
# rewrite) is cut into overlapping 5-word sequences. Two texts are **near** copies
# when at least half of those sequences are shared (*jaccard*), or when each lies
# almost entirely inside the other. A text is an **abridged** copy when at least
# *containment* of its words lie in word pairs also found in a longer text, but not
# the other way round: an outlet that printed a cut-down version of a wire story.
# **exact** copies have the same words in the same order.

# %% tags=["parameters"]
corpus_path = None  # a file, folder or glob; None means the default corpus in data/raw
reference_date = None  # when the pages were captured, e.g. "2025-07-21", for "5 hours ago"
threshold = 0.5  # Jaccard of 5-word sequences for near copies
containment = 0.8  # share of a text's words found in the other for abridged copies
window_days = 3  # articles further apart in time are never the same story
# two doc_ids to align as a list (None = a pair found below)
align_pair = None
n_show = 15  # rows shown in the longer tables and figures

# %%
import pandas as pd
from IPython.display import display

import corpus_tools as ct
from corpus_tools.plots import syndication as syndication_plots
from corpus_tools.syndication import (align_copies, cluster_stories, coverage_table,
                                      find_duplicates, mark_copies)

pd.set_option("display.max_colwidth", 90)
corpus = ct.load_corpus(corpus_path or ct.config.RAW_DIR, reference_date=reference_date,
                        progress=False)
pairs = find_duplicates(corpus, threshold=threshold, containment=containment, progress=False)
marked = mark_copies(corpus, duplicates=pairs, progress=False)
stories = cluster_stories(marked, window_days=window_days, progress=False)
coverage = coverage_table(stories, progress=False)
articles = stories[stories["kind"] == "article"]
print(f"{len(articles):,} articles from {articles['outlet'].nunique()} outlets; "
      f"{len(pairs):,} copy pairs; {articles['copy_group'].nunique():,} copy groups; "
      f"{articles['story_id'].nunique():,} stories.")
pairs["relation"].value_counts()

# %% [markdown]
# ## How much of each outlet is wire copy
# Each bar splits an outlet's articles by where they come from. A coloured segment is
# wire copy from that agency: either the article credits it ("(Reuters)", "— AFP"),
# or it does not but is a copy of an article that does (the agency is then
# *inferred*; `agency_inferred` marks those rows). "uncredited copy" is an article
# that copies another article of the corpus with no agency anywhere in the group;
# "own reporting" is everything else. An outlet that is itself an agency (TASS,
# Reuters) shows as 100 % its own wire. Read the count in brackets before the
# shares: a share of 100 % over one article says little.

# %%
syndication_plots.wire_copy_share(coverage.outlets, max_outlets=n_show);

# %%
wire = coverage.outlets[~coverage.outlets["source"].isin(["own reporting", "uncredited copy"])]
wire.pivot_table(index="outlet", columns="source", values="n_articles", fill_value=0)

# %% [markdown]
# Articles whose agency was inferred from their copy group (the outlet printed wire
# copy without saying so):

# %%
inferred = articles[articles["agency_inferred"]]
inferred[["outlet", "title", "likely_agency", "copy_group", "published"]].head(n_show)

# %% [markdown]
# ## The largest copy groups
# A copy group is every article linked by a copy relation. Its *original* is the
# earliest member; when dates cannot decide (members published the same day, or
# undated) it is the longest. A group of many articles from one outlet is usually
# the same story republished or updated; groups spanning several outlets are
# syndication.

# %%
syndication_plots.largest_copy_groups(marked, n_groups=n_show);

# %%
groups = (articles[articles["copy_group"].notna()]
          .groupby("copy_group")
          .agg(articles=("doc_id", "size"), outlets=("outlet", "nunique"),
               agency=("likely_agency", "first"), first_published=("published", "min"))
          .sort_values(["outlets", "articles"], ascending=False))
groups.head(n_show)

# %% [markdown]
# ## Who publishes first
# For every story covered by more than one outlet, the hours between the first
# article and each outlet's first article on it. A box near 0 means the outlet is
# usually first; a long box means it often follows a day or more later. Dates that
# carry no time of day (most page dumps) give lags in whole days.

# %%
syndication_plots.publication_lag(coverage.stories, max_outlets=n_show);

# %%
shared = coverage.stories[coverage.stories["n_outlets"] > 1]
(shared.assign(first=shared["rank"] == 1)
 .groupby("outlet")
 .agg(stories=("story_id", "size"), first=("first", "sum"),
      median_hours_after_first=("hours_after_first", "median"))
 .sort_values("stories", ascending=False)
 .head(n_show))

# %% [markdown]
# ## What one outlet kept, cut, added and reworded
# A side-by-side alignment of two versions of one text, sentence by sentence.
# *a* is the reference (the longer, or the original) and *b* the other version.
# **kept**: the same words; **changed**: the same sentence edited (the words removed
# and added are listed); **dropped**: only in *a*, the copy cut it; **added**: only
# in *b*, the copy wrote it. By default the pair is a copy printed by two different
# outlets (abridged if there is one); set `align_pair` to choose another.

# %%
by_id = corpus.set_index("doc_id")
if align_pair:
    doc_a, doc_b = align_pair
else:  # prefer a copy across two outlets, abridged, with the longest short version
    ranked = (pairs.merge(by_id[["outlet", "n_words"]], left_on="doc_id_a", right_index=True)
              .merge(by_id[["outlet"]].add_suffix("_b"), left_on="doc_id_b", right_index=True))
    ranked = ranked.assign(cross=ranked["outlet"] != ranked["outlet_b"],
                           abridged=ranked["relation"] == "abridged")
    chosen = ranked.sort_values(["cross", "abridged", "n_words"], ascending=False).iloc[0]
    doc_a, doc_b = chosen["doc_id_b"], chosen["doc_id_a"]  # the longer version first
version_a, version_b = by_id.loc[doc_a], by_id.loc[doc_b]
print(f"a: {version_a['outlet']} ({version_a['agency'] or 'no agency credited'}), "
      f"{version_a['n_words']} words: {version_a['title']}")
print(f"b: {version_b['outlet']} ({version_b['agency'] or 'no agency credited'}), "
      f"{version_b['n_words']} words: {version_b['title']}")
alignment = align_copies(version_a, version_b)
alignment["status"].value_counts()

# %%
with pd.option_context("display.max_colwidth", 200):
    display(alignment[["status", "sentence_a", "sentence_b", "words_removed", "words_added"]])

# %% [markdown]
# ## Stories covered by the most outlets
# A story gathers articles about the same event, even when they share no sentence:
# their headlines and first paragraphs use the same names and words, and they appeared
# within `window_days` of each other. Measured on AllSides roundups (events covered
# by 2-3 outlets each), about 3 in 4 linked pairs are truly the same event and about
# 7 in 10 true pairs are found, so check a story's titles before building on it.

# %%
top = (coverage.stories.drop_duplicates("story_id")
       .sort_values(["n_outlets", "published"], ascending=[False, True])
       .head(n_show)[["story_id", "n_outlets", "published", "outlet", "title"]]
       .rename(columns={"published": "first_published", "outlet": "first_outlet",
                        "title": "first_title"}))
top

# %%
largest = top["story_id"].iloc[0] if len(top) else None
coverage.stories[coverage.stories["story_id"] == largest][
    ["outlet", "rank", "hours_after_first", "n_articles", "likely_agency", "title"]]
