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
# # Who is quoted
#
# Whom each outlet lets speak: which people and organisations it quotes, how often it
# relies on anonymous sources or on documents, how much it gives in the speakers' own
# words, which speakers one outlet quotes more than another, and which quotes several
# outlets printed, who printed them first and how each cut them.
#
# Every attribution ("X said ...", "according to X", "... , he told reporters") is
# found by rules over sentences and quotation marks with a lexicon of reporting verbs;
# pronouns and descriptions ("he", "the spokesman", "the ministry") are resolved to
# the nearest matching named speaker of the article. The rules were measured against
# articles annotated by hand (docs/sources.md): they find most named sources, not
# all, so check a surprising figure in the articles with the tables below. Wire
# copies count once per outlet (one vote per story).

# %% tags=["parameters"]
corpus_path = None  # a file, folder or glob; None means the project's data/raw
reference_date = None  # when the pages were captured, e.g. "2025-07-21", for "5 hours ago"
columns = None  # input column -> article-table column, e.g. {"headline": "title"}
outlets = None  # only these outlets, a list of names; None: all
date_from = None  # only articles from this day on, "YYYY-MM-DD"; None: no limit
date_to = None  # only articles up to this day, "YYYY-MM-DD"; None: no limit
outlet_a = None  # the pair compared side by side; None: the two outlets quoting most
outlet_b = None
n_topics = "auto"  # a number of topics, or "auto" to compare candidates and take the recommended one
method = "nmf"  # topic model: "nmf" or "lda"
query = None  # attention query in Media Cloud syntax; None: top terms of a large topic
threshold = 0.5  # Jaccard of 5-word sequences for near copies
containment = 0.8  # share of a text's words inside a longer one for abridged copies
window_days = 3  # articles further apart in days are never one story
min_words = 8  # shorter quotes are not tracked across outlets
n_show = 10  # rows shown in the longer tables and speakers per outlet in the figures

# %%
import pandas as pd
from IPython.display import display

import corpus_tools as ct
from corpus_tools import compare
from corpus_tools.plots import sources as source_plots

pd.set_option("display.max_colwidth", 90)
prepared = ct.prepare(corpus_path, reference_date=reference_date, columns=columns,
                      outlets=outlets, date_from=date_from, date_to=date_to,
                      outlet_a=outlet_a, outlet_b=outlet_b, n_topics=n_topics, method=method,
                      query=query, threshold=threshold, containment=containment,
                      window_days=window_days)
corpus, articles = prepared.corpus, prepared.articles  # the selection, copies marked
found = prepared.attributions  # ct.attributions(articles), found once for every report
quoting = found["doc_id"].nunique()
print(f"{len(found):,} attributions in {quoting:,} of {len(articles):,} articles "
      f"({quoting / max(len(articles), 1):.0%}) from {articles['outlet'].nunique()} outlets.")
if found.empty:
    print("No attribution was found: the articles hold no reporting verb ('said', 'told', "
          "'according to') next to a source, so the sections below have nothing to show. "
          "Check that the corpus holds article bodies in English, not headlines only.")

# %% [markdown]
# ## How each outlet uses sources
# One row per outlet, wire copies counted once. *quoting_share*: articles with at
# least one attribution; *speakers_per_article*: distinct named speakers per article;
# *anonymous_share*: of the articles that quote anyone, those that quote an anonymous
# source ("officials said", "a source familiar with the talks"); *direct_share*: the
# attributions given in quotation marks; the last four columns split the outlet's
# attributions by speaker type.

# %%
profile = compare.source_profile(corpus, attributions=found)
ct.show_table(profile.round(3), n=30)

# %%
if found.empty:
    print("No attribution: no speaker types to draw.")
else:
    source_plots.speaker_type_shares(profile)
    sizeable = profile[profile["articles"] * profile["quoting_share"] >= 20]  # 20+ quoting articles
    if len(sizeable) > 1:
        most, least = sizeable["anonymous_share"].idxmax(), sizeable["anonymous_share"].idxmin()
        print(f"Among the {len(sizeable)} outlets with 20 or more quoting articles, {most} most often "
              f"quotes an anonymous source ({sizeable.loc[most, 'anonymous_share']:.0%} of its quoting "
              f"articles) and {least} least often ({sizeable.loc[least, 'anonymous_share']:.0%}).")

# %% [markdown]
# ## Who each outlet quotes most
# The named people and organisations quoted in the largest share of each outlet's
# articles ("Lavrov", "he" after "Sergei Lavrov", and "Russia's foreign minister" where
# the text makes it clear count as one speaker). The number at the end of each bar is
# the count of articles.

# %%
sources = compare.sourcing(corpus, attributions=found, top=n_show)
cited = sources[sources["kind"] == "cited"]
if cited.empty:
    print("No named person or organisation is quoted in this corpus.")
else:
    source_plots.top_speakers(sources, n=n_show)

# %%
ct.show_table(cited[["group", "source", "articles", "share", "attributions", "direct_share"]]
              .round(3), n=40)

# %% [markdown]
# ## Anonymous sources
# The unnamed sources the outlets lean on most, as written. A high count of
# "officials" or "sources familiar with" is a reporting style worth reading closely.

# %%
anonymous = found[found["speaker_type"] == "anonymous"].merge(
    articles[["doc_id", "outlet"]], on="doc_id")
if anonymous.empty:
    print("No anonymous source was found.")
else:
    display(ct.show_table(anonymous.assign(source=anonymous["speaker_text"].str.lower())
                  .groupby(["outlet", "source"]).size().rename("attributions")
                  .sort_values(ascending=False).reset_index(), n=n_show * 2))

# %% [markdown]
# ## Two outlets side by side
# Which named speakers the first outlet quotes more than the second, and the other
# way round: the log-odds ratio with an informative prior (the corpus's own speaker
# frequencies), as a z-score, counting articles that quote each speaker. A z above 2
# means the first outlet quotes the speaker clearly more; a speaker quoted in a couple
# of articles is pulled toward the corpus average.

# %%
ranked = cited.groupby("group")["articles"].sum().sort_values(ascending=False).index.tolist()
first = outlet_a or (ranked[0] if ranked else None)
pair = [first, outlet_b or next((g for g in ranked if g != first), None)]
if None in pair or not set(pair) <= set(ranked):
    print(f"No two outlets quoting named speakers to compare (asked for {pair[0]} and {pair[1]}).")
    side = pd.DataFrame()
else:
    side = compare.distinctive_sources(corpus, target=pair[0], reference=pair[1], attributions=found)
    source_plots.source_scatter(side)
    more_a = side[side["z"] > 1.96]["source"].head(5).tolist()
    more_b = side[side["z"] < -1.96].sort_values("z")["source"].head(5).tolist()
    print(f"{pair[0]} quotes more than {pair[1]} (z > 1.96): {', '.join(more_a) or 'no speaker'}.")
    print(f"{pair[1]} quotes more than {pair[0]} (z < -1.96): {', '.join(more_b) or 'no speaker'}.")

# %%
ct.show_table(side.round(2), n=n_show * 2) if len(side) else "Nothing to compare."

# %% [markdown]
# ## One quote's path across outlets
# The same words in quotation marks, or a shortened version of them, printed by
# several outlets (as MemeTracker followed phrases): each family of versions has a
# root, its longest version. *version* is "full" (the root's words), "shortened" (a
# cut of it) or "edited" (other words changed); *cut* says where words were left out
# and *words_cut* which. The first printer is the earliest dated article; pages
# without a time of day give whole days.

# %%
paths = ct.track_quotes(corpus, found, min_words=min_words)
families = (paths.groupby("quote_id")
            .agg(outlets=("n_outlets", "first"), articles=("n_articles", "first"),
                 speaker=("speaker", lambda s: s.mode().iloc[0] if s.str.len().gt(0).any() else ""),
                 first_outlet=("outlet", "first"), quote=("root", "first"))
            .sort_values(["outlets", "articles"], ascending=False)) if len(paths) else pd.DataFrame()
if len(families):
    print(f"{len(families):,} quotes of {min_words}+ words were printed by two or more outlets.")
    display(ct.show_table(families.reset_index(), n=n_show))
else:
    print(f"No quote of {min_words}+ words was printed by two or more outlets.")

# %%
chosen = families.index[0] if len(families) else None
if chosen is None:
    print("No quote to follow.")
elif paths.loc[paths["quote_id"] == chosen, "published"].notna().any():
    source_plots.quote_path(paths, chosen)
else:
    print("The most printed quote has no dated version: no path to draw.")
if chosen is not None:
    display(ct.show_table(paths[paths["quote_id"] == chosen][
        ["outlet", "published", "speaker", "version", "cut", "words_cut", "quote"]], n=30))
