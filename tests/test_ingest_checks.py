"""The loud checks say the fix that fits the inputs: page text with dates written
relative to the day it was saved needs ``reference_date``; an export needs its columns
mapped; article files need a metadata file or fields in their names."""
from __future__ import annotations

import re
import warnings

import pandas as pd
import pytest

from corpus_tools import IngestWarning, load_corpus
from corpus_tools.cli import main
from corpus_tools.ingest.checks import ARTICLE_FILES, EXPORTS, PAGE_TEXT, LoadCheck, input_kind
from corpus_tools.ingest.errors import IngestLog
from tests.conftest import FIXTURES, SEED_FILES

ALLSIDES = FIXTURES / "allsides" / "allsides_sample.jsonl"


def _date_warnings(paths, lacking: str = "date", **kwargs) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_corpus(paths, progress=False, cache_dir=False, log_path=False, **kwargs)
    return [str(w.message) for w in caught
            if issubclass(w.category, IngestWarning) and f"lack {lacking}" in str(w.message)]


def test_seed_pages_without_reference_date_are_told_to_give_one():
    # The seeds date three of their four articles "an hour ago" / "5 hours ago".
    said = _date_warnings(SEED_FILES)
    assert len(said) == 1
    assert re.search(r"most rows lack date: 4 of 5 articles \(80%\) have no date: 3 of the 5 "
                     r"articles from page text give it only relative to the day the page was "
                     r"saved \(e.g. '(an hour|5 hours) ago'\)", said[0])
    assert "reference_date='YYYY-MM-DD' (CLI: --reference-date YYYY-MM-DD)" in said[0]
    assert "columns=" not in said[0]  # no column to map in a page dump
    assert _date_warnings(SEED_FILES, reference_date="2025-07-21") == []


def test_cli_prints_the_reference_date_fix(tmp_path, capsys):
    assert main(["ingest", *map(str, SEED_FILES), "--out", str(tmp_path / "t.parquet")]) == 0
    assert "--reference-date YYYY-MM-DD" in capsys.readouterr().err


def test_article_files_without_dates_are_told_about_metadata_and_file_names(tmp_path):
    rows = pd.read_json(ALLSIDES, lines=True, dtype=False).head(4)
    for i, row in enumerate(rows.itertuples()):
        (tmp_path / f"article-{i}.txt").write_text(f"{row.title}\n\n{row.content_original}\n",
                                                   encoding="utf-8")
    said = _date_warnings(tmp_path)
    assert len(said) == 1
    assert "4 of the 4 articles from article files have none in the files" in said[0]
    assert "metadata='meta.csv' (CLI: --metadata)" in said[0]
    assert "filename_fields='{published}_{slug}' (CLI: --filename-fields)" in said[0]
    assert "columns=" not in said[0] and "reference_date" not in said[0]


def test_an_export_is_told_to_map_its_date_column():
    said = _date_warnings(FIXTURES / "layouts" / "fakenewscorpus_news_sample_12.csv")
    assert len(said) == 1
    assert ("12 of the 12 articles from exports have no value in a column the loader reads as "
            "the date") in said[0]
    assert "map the date column: columns={'their_column': 'published'}" in said[0]
    assert "reference_date" not in said[0] and "metadata=" not in said[0]


def test_rows_without_outlet_are_told_the_fix_for_their_kind_of_input(tmp_path):
    # Real newsarticles rows without the link their outlet comes from: as an export, and
    # the same articles as article files.
    news = pd.read_csv(FIXTURES / "small_corpus" / "newsarticles_sample.csv").dropna(subset=["text"]).head(4)
    news.drop(columns="article_source_link").to_csv(tmp_path / "export.csv", index=False)
    said = _date_warnings(tmp_path / "export.csv", lacking="outlet")
    assert len(said) == 1
    assert ("most rows lack outlet: 4 of 4 articles (100%) have no outlet: 4 of the 4 articles "
            "from exports have no value in a column the loader reads as the outlet") in said[0]
    assert said[0].endswith("Fix: map the outlet column: columns={'their_column': 'outlet'} "
                            "(CLI: --columns THEIR=outlet).")
    files = tmp_path / "files"
    files.mkdir()
    for row in news.itertuples():
        (files / f"{row.article_id}.txt").write_text(f"{row.title}\n\n{row.text}\n", encoding="utf-8")
    said = _date_warnings(files, lacking="outlet")
    assert len(said) == 1
    assert "4 of the 4 articles from article files have none in the files" in said[0]
    assert "filename_fields='{outlet}_{published}_{slug}' (CLI: --filename-fields)" in said[0]
    assert "columns=" not in said[0]


def test_dates_written_but_unreadable_are_named_with_an_example():
    table = load_corpus(ALLSIDES, progress=False, cache_dir=False, log_path=False)
    unread = table[table["published"].isna() & (table["published_raw"] != "")]
    assert unread["published_raw"].tolist() == ["0001-11-30"]  # an impossible date in the export
    check = LoadCheck()
    check.add(unread, EXPORTS)
    (problem, detail), = check.messages(1, IngestLog())
    assert problem == "most rows lack date"
    assert "give it in a form the loader cannot read (e.g. '0001-11-30'; kept in published_raw)" in detail
    assert detail.endswith("correct those dates in the input, or map the date column: columns="
                           "{'their_column': 'published'} (CLI: --columns THEIR=published) if "
                           "another column holds a better one.")


@pytest.mark.parametrize("fmt, records, kind", [
    ("pagetext", 5, PAGE_TEXT), ("article", 1, ARTICLE_FILES), ("tabular", 1, ARTICLE_FILES),
    ("xml", 1, ARTICLE_FILES), ("tabular", 12, EXPORTS), ("sgml", 1, EXPORTS),
    ("export", 19, EXPORTS)])
def test_the_kind_of_input_comes_from_the_reader_not_the_file_name(fmt, records, kind):
    assert input_kind(fmt, records) == kind
