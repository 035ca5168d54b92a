"""Syndication on real inputs: the seed pages (an abridged AFP copy) and AllSides roundups."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from corpus_tools.schema import conform
from corpus_tools.syndication import (align_copies, cluster_stories, coverage_table,
                                      find_duplicates, mark_copies, split_sentences)

ROUNDUPS = Path(__file__).resolve().parent / "fixtures" / "roundups" / "roundups_sample.jsonl"


@pytest.fixture(scope="module")
def articles(seed_corpus):
    return seed_corpus[seed_corpus["kind"] == "article"].reset_index(drop=True)


@pytest.fixture(scope="module")
def straits(articles):
    return articles[articles["outlet"] == "The Straits Times"].iloc[0]


@pytest.fixture(scope="module")
def daily8(articles):
    return articles[articles["outlet"] == "Daily8"].iloc[0]


@pytest.fixture(scope="module")
def seed_pairs(seed_corpus):
    return find_duplicates(seed_corpus, progress=False)


def test_seed_pair_is_abridged_straits_times_inside_afp(seed_pairs, straits, daily8):
    assert list(seed_pairs.columns) == ["doc_id_a", "doc_id_b", "jaccard", "containment",
                                        "relation"]
    assert len(seed_pairs) == 1  # the three other articles are unrelated to each other
    pair = seed_pairs.iloc[0]
    # Direction: a is the shortened copy (The Straits Times), b the AFP text (Daily8).
    assert (pair["doc_id_a"], pair["doc_id_b"]) == (straits["doc_id"], daily8["doc_id"])
    assert pair["relation"] == "abridged"
    assert pair["containment"] >= 0.8
    assert pair["jaccard"] < 0.2  # far too low for any Jaccard-only method


def test_exact_copy_under_another_outlet_and_title(articles):
    star = articles[articles["agency"] == "Reuters"].iloc[[0]]
    reprint = star.assign(outlet="Reprint Daily", title="Another headline", doc_id="")
    table = conform(pd.concat([articles, reprint], ignore_index=True))
    pairs = find_duplicates(table, progress=False)
    exact = pairs[pairs["relation"] == "exact"]
    assert len(exact) == 1
    assert set(exact.iloc[0][["doc_id_a", "doc_id_b"]]) == {
        star.iloc[0]["doc_id"], table.iloc[-1]["doc_id"]}
    assert exact.iloc[0]["jaccard"] == 1.0


def test_lightly_cut_copy_is_near_and_heavily_cut_copy_is_abridged(articles):
    bloomberg = articles[articles["agency"] == "Bloomberg"].iloc[0]
    sentences = split_sentences(bloomberg["body"])
    light = " ".join(sentences[:-2])  # last two sentences cut: ~5% of the text
    heavy = " ".join(sentences[:10])  # first ten sentences: a third of the text
    table = conform(pd.DataFrame({
        "outlet": ["Bloomberg wire", "Light", "Heavy"],
        "body": [bloomberg["body"], light, heavy]}))
    pairs = find_duplicates(table, progress=False)
    by_a = {table.set_index("doc_id").loc[a, "outlet"] + "-" + table.set_index("doc_id").loc[b, "outlet"]: r
            for a, b, r in zip(pairs["doc_id_a"], pairs["doc_id_b"], pairs["relation"])}
    assert by_a["Light-Bloomberg wire"] == "near"
    assert by_a["Heavy-Bloomberg wire"] == "abridged"
    assert by_a["Heavy-Light"] == "abridged"


def test_unrelated_articles_are_not_paired(articles):
    unrelated = articles[articles["outlet"].isin(["Malay Mail", "The Star"])]
    assert len(unrelated) == 3  # two Reuters stories and a Bloomberg one, all different
    assert find_duplicates(unrelated, progress=False).empty


def test_results_are_deterministic(seed_corpus, seed_pairs):
    again = find_duplicates(seed_corpus, progress=False)
    pd.testing.assert_frame_equal(seed_pairs, again)


def test_bad_input_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="missing \\['body'\\]"):
        find_duplicates(pd.DataFrame({"doc_id": ["a"]}), progress=False)
    with pytest.raises(ValueError, match="threshold and containment must be in"):
        find_duplicates(conform(pd.DataFrame({"body": ["x"]})), threshold=0, progress=False)
    with pytest.raises(TypeError, match="Expected an article row"):
        align_copies(3, "text")


def test_mark_copies_groups_the_seed_pair_and_infers_the_agency(seed_corpus, seed_pairs,
                                                                 straits, daily8):
    marked = mark_copies(seed_corpus, duplicates=seed_pairs, progress=False).set_index("doc_id")
    st, d8 = marked.loc[straits["doc_id"]], marked.loc[daily8["doc_id"]]
    assert st["copy_group"] == d8["copy_group"] == daily8["doc_id"]
    # Daily8 is undated, so dates cannot decide: the longer text is the original.
    assert bool(d8["is_original"]) and not bool(st["is_original"])
    assert st["agency"] == "" and st["likely_agency"] == "AFP" and bool(st["agency_inferred"])
    assert d8["likely_agency"] == "AFP" and not bool(d8["agency_inferred"])
    teasers = marked[marked["kind"] == "teaser"]
    assert teasers["copy_group"].isna().all() and teasers["is_original"].isna().all()
    others = marked[(marked["kind"] == "article") & marked["copy_group"].isna()]
    assert len(others) == 3 and others["is_original"].all()


def test_alignment_names_what_the_straits_times_dropped(daily8, straits):
    aligned = align_copies(daily8, straits)
    assert set(aligned["status"]) == {"kept", "changed", "dropped", "added"}
    dropped = " ".join(aligned.loc[aligned["status"] == "dropped", "sentence_a"])
    assert "Lavrov met Sunday with his Chinese counterpart Wang Yi to discuss Ukraine and " \
           "relations with the United States." in dropped
    assert dropped.count("Ukraine") >= 4  # every paragraph about the war was cut
    assert "TASS" in dropped and "CCTV" in dropped
    kept = aligned[aligned["status"].isin(["kept", "changed"])]
    assert kept["sentence_b"].str.startswith("Beijing and Moscow should work to").any()
    added = aligned.loc[aligned["status"] == "added", "sentence_b"].tolist()
    assert added == [straits["body"].split("\n")[0]]  # ST's own lead sentence
    nato = aligned[aligned["sentence_a"].str.contains("counterweight")].iloc[0]
    assert nato["status"] == "changed"
    assert "such as" in nato["words_removed"] and "like" in nato["words_added"]


def _roundups() -> pd.DataFrame:
    rows = []
    for line in ROUNDUPS.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        for news in event["news"].values():
            rows.append({"event": event["id"], "outlet": news["newsSource"],
                         "title": news["newsTitle"], "body": "\n".join(news["newBody"]),
                         "published": event["date"][:10], "url": news["newsLink"]})
    return conform(pd.DataFrame(rows))


def test_cluster_stories_joins_three_versions_and_keeps_other_events_apart():
    table = _roundups()
    stories = cluster_stories(table, progress=False)
    per_event = stories.groupby("event")["story_id"].agg(["nunique", "first"])
    assert (per_event["nunique"] == 1).all()  # each event's three versions together
    assert per_event["first"].is_unique  # and no two events merged
    assert (stories["story_size"] == 3).all()
    # A one-day window cannot join articles published five days apart.
    late = table.assign(published=lambda t: t["published"].where(
        t["outlet"] != "HuffPost", pd.Timestamp("2021-10-22", tz="UTC")))
    split = cluster_stories(late, window_days=1, progress=False)
    huffpost = split[split["outlet"] == "HuffPost"].iloc[0]
    assert huffpost["story_size"] == 1


def test_coverage_table_on_the_seeds(seed_corpus, straits, daily8):
    coverage = coverage_table(seed_corpus, progress=False)
    outlets = coverage.outlets.set_index(["outlet", "source"])
    assert outlets.loc[("The Straits Times", "AFP"), "share"] == 1.0  # inferred from Daily8
    assert outlets.loc[("Malay Mail", "Reuters"), "share"] == 1.0
    assert set(coverage.outlets.loc[coverage.outlets["outlet"] == "The Star", "source"]) == {
        "Bloomberg", "Reuters"}
    stories = coverage.stories
    top = stories[stories["n_outlets"] == stories["n_outlets"].max()]
    assert set(top["doc_id"]) == {straits["doc_id"], daily8["doc_id"]}
    assert top.iloc[0]["outlet"] == "The Straits Times"  # the only dated one comes first
    assert top.iloc[0]["hours_after_first"] == 0.0


def test_default_corpus_copies(default_corpus):
    pairs = find_duplicates(default_corpus, progress=False)
    ids = default_corpus.set_index("doc_id")
    outlets = set(zip(ids.loc[pairs["doc_id_a"], "outlet"], ids.loc[pairs["doc_id_b"], "outlet"]))
    assert ("The Straits Times", "Daily8") in outlets  # the seed pair, among 3,800 articles
    assert ((pairs["jaccard"] >= 0.5) | (pairs["containment"] >= 0.8)).all()
    assert set(pairs["relation"]) <= {"exact", "near", "abridged"}
    marked = mark_copies(default_corpus, duplicates=pairs, progress=False)
    # A HuffPost newsletter blurb left in by the scraper lies inside ten unrelated
    # HuffPost articles; it must not chain them into one copy group.
    assert marked["copy_group"].value_counts().max() <= 5


def test_figures_have_titles_and_labels(seed_corpus):
    from corpus_tools.plots import syndication as figures

    coverage = coverage_table(seed_corpus, progress=False)
    marked = mark_copies(seed_corpus, progress=False)
    for fig in (figures.wire_copy_share(coverage.outlets), figures.largest_copy_groups(marked)):
        ax = fig.axes[0]
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    shares = figures.wire_copy_share(coverage.outlets).axes[0]
    assert "The Straits Times (1)" in [t.get_text() for t in shares.get_yticklabels()]
    # Daily8 is undated: no story has two dated outlets, and the message says so.
    with pytest.raises(ValueError, match="No dated stories shared by several outlets"):
        figures.publication_lag(coverage.stories)
