"""One rule per concept: which rows are articles, what an article's text is, and every
stage checking its input at the door with the column named."""
from __future__ import annotations

import pytest

from corpus_tools import cluster_stories, find_duplicates, fit_topics, make_dtm, mark_copies
from corpus_tools.schema import article_mask, article_texts
from corpus_tools.syndication import shingles


def test_an_exports_own_kind_is_an_article_everywhere(seed_corpus):
    # An export labels its rows "opinion": the stages that compare copies and the
    # ones that model topics now take the same rows (before, topics dropped them).
    table = seed_corpus.copy()
    table["kind"] = table["kind"].replace({"article": "opinion"})
    assert article_mask(table).sum() == (seed_corpus["kind"] == "article").sum() == 5
    dtm = make_dtm(table, progress=False)
    assert list(dtm.doc_ids) == list(table.loc[table["kind"] == "opinion", "doc_id"])
    assert find_duplicates(table, progress=False)["relation"].tolist() == ["abridged"]
    assert make_dtm(table, kinds=["opinion"], progress=False).shape == dtm.shape


def test_one_text_per_article_two_readings(seed_corpus):
    # The Straits Times' cut of the AFP story, with the dateline the wire version carries.
    row = seed_corpus[seed_corpus["kind"] == "article"].head(1).copy()
    row["body"] = "BEIJING (AFP) - " + row["body"]
    topics_text, copy_text = article_texts(row).iloc[0], shingles.article_texts(row).iloc[0]
    assert topics_text.startswith(row["title"].iloc[0]) and "BEIJING" not in topics_text
    assert not copy_text.startswith(row["title"].iloc[0])
    assert copy_text.endswith(row["body"].iloc[0])  # copies compare the body as printed


def test_stages_name_the_missing_column_at_their_entry(seed_corpus):
    no_body = seed_corpus.drop(columns=["body"])
    for stage in (find_duplicates, mark_copies, cluster_stories):
        with pytest.raises(ValueError, match=r"missing \['body'\]"):
            stage(no_body, progress=False)
    with pytest.raises(ValueError, match=r"missing \['doc_id'\]"):
        make_dtm(seed_corpus.drop(columns=["doc_id"]), progress=False)
    with pytest.raises(TypeError, match="article table"):
        fit_topics(["a list of texts"], 2, progress=False)
    with pytest.raises(TypeError, match="Parquet dataset"):
        mark_copies(42, progress=False)
