"""The default corpus in data/raw, read by load_corpus as a new user's first call does."""
from __future__ import annotations

import pandas as pd
import pytest

NEWS_OUTLETS = {"Al Jazeera", "TASS", "ABC News", "RTÉ", "HuffPost", "DW", "China Daily", "BBC", "CNN"}


def test_every_newsarticles_row_is_in_the_table(default_corpus):
    news = default_corpus[default_corpus["source_file"].str.endswith("NewsArticles.csv")]
    assert len(news) == 3824
    assert set(news["outlet"]) == NEWS_OUTLETS
    assert news["doc_id"].is_unique


def test_newsarticles_dates_are_parsed(default_corpus):
    news = default_corpus[default_corpus["source_file"].str.endswith("NewsArticles.csv")]
    assert news["published"].notna().all()
    assert news["published"].min() == pd.Timestamp("2016-04-19", tz="UTC")
    assert news["published"].max() == pd.Timestamp("2017-03-30", tz="UTC")


def test_newsarticles_mojibake_is_repaired(default_corpus):
    bodies = default_corpus["body"]
    assert not bodies.str.contains('"?', regex=False).any()
    devos = bodies[bodies.str.contains("Betsy DeVos was confirmed today")].iloc[0]
    assert "DeVos' highly contentious nomination" in devos


def test_tass_credits_itself_and_its_datelines_are_read(default_corpus):
    tass = default_corpus[default_corpus["outlet"] == "TASS"]
    assert (tass["agency"] == "TASS").mean() > 0.85
    assert (tass["dateline"] == "MOSCOW").mean() > 0.4
    assert not tass["body"].str.startswith("MOSCOW, ").any()  # the dateline left the body


def test_the_seeds_and_the_export_together(default_corpus):
    assert len(default_corpus) == 3824 + 15
    assert default_corpus["doc_id"].is_unique
    assert set(default_corpus["kind"]) == {"article", "teaser"}


def test_the_table_passes_schema_validation_and_a_broken_one_does_not(default_corpus):
    from corpus_tools.schema import validate

    validate(default_corpus)
    with pytest.raises(ValueError, match="missing columns"):
        validate(default_corpus.drop(columns="agency"))
    with pytest.raises(ValueError, match="doc_id must be unique"):
        validate(pd.concat([default_corpus.head(2), default_corpus.head(1)]))
