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
# when at least `threshold` of those sequences are shared (*jaccard*), or when each
# lies almost entirely inside the other. A text is an **abridged** copy when at least
# `containment` of its words lie in word pairs also found in a longer text, but not
# the other way round: an outlet that printed a cut-down version of a wire story.
# **exact** copies have the same words in the same order.

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
align_pair = None  # two doc_ids to align, as a list; None: a pair found below
n_show = 15  # rows shown in the longer tables and figures

# %%
import pandas as pd
from IPython.display import display

import corpus_tools as ct
from corpus_tools.plots import syndication as syndication_plots
from corpus_tools.reports import findings, not_shown, say, show_table
from corpus_tools.syndication import align_copies

prepared = ct.prepare(corpus_path, reference_date=reference_date, columns=columns,
                      outlets=outlets, date_from=date_from, date_to=date_to,
                      outlet_a=outlet_a, outlet_b=outlet_b, n_topics=n_topics, method=method,
                      query=query, threshold=threshold, containment=containment,
                      window_days=window_days)
corpus, articles, pairs = prepared.corpus, prepared.articles, prepared.pairs
coverage = prepared.coverage
relations = pairs["relation"].value_counts()
say(f"{prepared.describe()} {findings.plural(len(pairs), 'pair')} of copies"
    + (" (" + ", ".join(f"{n:,} {r}" for r, n in relations.items()) + ")" if len(pairs) else "")
    + f"; {findings.plural(articles['copy_group'].nunique(), 'copy group')}; "
    + f"{findings.plural(articles['story_id'].nunique(), 'story')}.")

# %% [markdown]
# ## How much of each outlet is wire copy
# Each bar splits an outlet's articles by where they come from. A coloured segment is
# wire copy from that agency: either the article credits it ("(Reuters)", "— AFP"),
# or it does not but is a copy of an article that does (the agency is then
# *inferred*; `agency_inferred` marks those rows). "uncredited copy" is an article
# that copies another article of the corpus with no agency anywhere in the group;
# "own reporting" is everything else. An outlet that is itself an agency shows as
# 100 % its own wire. Read the count in brackets before the shares: a share of 100 %
# over one article says little.

# %%
why = prepared.why_not("wire copy")
if why:
    not_shown(why)
else:
    say(findings.copies_finding(coverage.outlets, pairs, articles))
    syndication_plots.wire_copy_share(coverage.outlets, max_outlets=n_show)
    wire = coverage.outlets[~coverage.outlets["source"].isin(["own reporting", "uncredited copy"])]
    if len(wire):
        table = wire.pivot_table(index="outlet", columns="source", values="n_articles", fill_value=0)
        table = table.loc[[o for o in prepared.outlet_sizes.index if o in table.index]]
        display(show_table(table, n=n_show, name="wire_copy_by_outlet"))

# %% [markdown]
# Articles whose agency was inferred from their copy group (the outlet printed wire
# copy without saying so):

# %%
inferred = articles[articles["agency_inferred"].fillna(False).astype(bool)]
if prepared.why_not("copies"):
    not_shown(prepared.why_not("copies"))
elif inferred.empty:
    say("No article's agency was inferred: every copy of a credited wire story credits it too, "
        "or no copy group credits an agency.")
else:
    display(show_table(inferred[["outlet", "title", "likely_agency", "copy_group", "published"]],
                       n=n_show, name="inferred_agencies"))

# %% [markdown]
# ## The largest copy groups
# A copy group is every article linked by a copy relation. Its *original* is the
# earliest member; when dates cannot decide (members published the same day, or
# undated) it is the longest. A group of many articles from one outlet is usually
# the same story republished or updated; groups spanning several outlets are
# syndication.

# %%
why = prepared.why_not("copies")
if why:
    not_shown(why)
else:
    syndication_plots.largest_copy_groups(corpus, n_groups=n_show)
    groups = (articles[articles["copy_group"].notna()]
              .groupby("copy_group")
              .agg(articles=("doc_id", "size"), outlets=("outlet", "nunique"),
                   agency=("likely_agency", "first"), first_published=("published", "min"))
              .sort_values(["outlets", "articles"], ascending=False))
    display(show_table(groups, n=n_show, name="copy_groups"))

# %% [markdown]
# ## Who publishes first
# For every story covered by more than one outlet, the hours between the first
# article and each outlet's first article on it. A box near 0 means the outlet is
# usually first; a long box means it often follows a day or more later. Dates that
# carry no time of day (most page dumps) give lags in whole days.

# %%
why = prepared.why_not("dated shared stories")
if why:
    not_shown(why)
else:
    shared = coverage.stories[(coverage.stories["n_outlets"] > 1)
                              & coverage.stories["hours_after_first"].notna()]
    say(findings.first_finding(shared))
    syndication_plots.publication_lag(coverage.stories, max_outlets=n_show, min_stories=1)
    order = (shared.assign(first=shared["rank"] == 1)
             .groupby("outlet")
             .agg(stories=("story_id", "size"), first=("first", "sum"),
                  median_hours_after_first=("hours_after_first", "median"))
             .sort_values("stories", ascending=False))
    display(show_table(order, n=n_show, name="publication_order"))

# %% [markdown]
# ## What one outlet kept, cut, added and reworded
# A side-by-side alignment of two versions of one text, sentence by sentence.
# *a* is the reference (the longer, or the original) and *b* the other version.
# **kept**: the same words; **changed**: the same sentence edited (the words removed
# and added are listed); **dropped**: only in *a*, the copy cut it; **added**: only
# in *b*, the copy wrote it. By default the pair is a copy printed by two different
# outlets (abridged if there is one); set `align_pair` to choose another.

# %%
why = None if align_pair else prepared.why_not("copies")
if why:
    not_shown(why)
else:
    by_id = corpus.drop_duplicates("doc_id").set_index("doc_id")
    if align_pair:
        doc_a, doc_b = align_pair
    else:  # prefer a copy across two outlets, abridged, with the longest short version
        ranked = (pairs.merge(by_id[["outlet", "n_words"]], left_on="doc_id_a", right_index=True)
                  .merge(by_id[["outlet"]].add_suffix("_b"), left_on="doc_id_b", right_index=True))
        ranked = ranked.assign(cross=ranked["outlet"] != ranked["outlet_b"],
                               abridged=ranked["relation"] == "abridged")
        chosen = ranked.sort_values(["cross", "abridged", "n_words", "doc_id_a"],
                                    ascending=[False, False, False, True]).iloc[0]
        doc_a, doc_b = chosen["doc_id_b"], chosen["doc_id_a"]  # the longer version first
    version_a, version_b = by_id.loc[doc_a], by_id.loc[doc_b]
    for side, version in (("a", version_a), ("b", version_b)):
        say(f"{side}: {version['outlet']} ({version['agency'] or 'no agency credited'}), "
            f"{version['n_words']:,} words: {version['title']}")
    alignment = align_copies(version_a, version_b)
    counts = alignment["status"].value_counts()
    say("Sentences: " + ", ".join(f"{n:,} {status}" for status, n in counts.items()) + ".")
    display(show_table(alignment[["status", "sentence_a", "sentence_b", "words_removed",
                                  "words_added"]], n=60, name="alignment", max_chars=400))

# %% [markdown]
# ## Stories covered by the most outlets
# A story gathers articles about the same event, even when they share no sentence:
# their headlines and first paragraphs use the same names and words, and they appeared
# within `window_days` of each other. Measured on AllSides roundups (events covered
# by 2-3 outlets each), about 3 in 4 linked pairs are truly the same event and about
# 7 in 10 true pairs are found, so check a story's titles before building on it.

# %%
why = prepared.why_not("shared stories")
if why:
    not_shown(why)
else:
    top = (coverage.stories.drop_duplicates("story_id")
           .sort_values(["n_outlets", "published", "story_id"], ascending=[False, True, True])
           [["story_id", "n_outlets", "published", "outlet", "title"]]
           .rename(columns={"published": "first_published", "outlet": "first_outlet",
                            "title": "first_title"}))
    display(show_table(top, n=n_show, name="stories_by_outlets"))
    largest = top["story_id"].iloc[0]
    say("The story covered by the most outlets, article by article:")
    display(show_table(coverage.stories[coverage.stories["story_id"] == largest][
        ["outlet", "rank", "hours_after_first", "n_articles", "likely_agency", "title"]],
        n=n_show, name="largest_story"))
