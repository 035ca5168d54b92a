"""read_html on real saved news pages, against newspaper's expected article texts."""
from __future__ import annotations

import statistics
from pathlib import Path

import pandas as pd
import pytest

from corpus_tools.ingest.base import Member, ReadOptions
from corpus_tools.ingest.errors import IngestError, IngestLog
from corpus_tools.ingest.html import read_html
from corpus_tools.ingest.quality import token_f1

PAGES = Path(__file__).parent / "fixtures" / "newspaper_pages"
ARTICLES = sorted(p.stem for p in (PAGES / "text").glob("*.txt"))


def _read(stem: str) -> pd.DataFrame:
    page = PAGES / "html" / f"{stem}.html"
    return read_html(Member(page.name, page.read_bytes(), ".html"), ReadOptions(), IngestLog())


@pytest.fixture(scope="module")
def rows() -> dict[str, pd.DataFrame]:
    return {stem: _read(stem) for stem in ARTICLES}


def test_twelve_committed_articles():
    assert len(ARTICLES) == 12


def test_body_token_f1_against_expected_texts(rows):
    scores = {
        stem: token_f1(rows[stem].loc[0, "body"], (PAGES / "text" / f"{stem}.txt").read_text("utf-8"))[2]
        for stem in ARTICLES
    }
    report = ", ".join(f"{stem} {f1:.3f}" for stem, f1 in sorted(scores.items(), key=lambda kv: kv[1]))
    assert statistics.mean(scores.values()) >= 0.9, f"mean token F1 below 0.9: {report}"
    assert min(scores.values()) >= 0.75, f"a page fell below token F1 0.75: {report}"


def test_one_row_with_article_columns(rows):
    row = rows["telegraph.co.uk1"]
    assert len(row) == 1
    assert row.loc[0, "title"] == "AirAsia plane found in Java Sea: latest"  # " - Telegraph" dropped
    assert row.loc[0, "outlet"] == "The Telegraph"
    assert row.loc[0, "outlet_domain"] == "telegraph.co.uk"
    assert row.loc[0, "url"].startswith("http://www.telegraph.co.uk/news/worldnews/asia/indonesia/")
    assert row.loc[0, "published"] == pd.Timestamp("2014-12-31", tz="UTC")
    assert str(row["published"].dtype) == "datetime64[ns, UTC]"


def test_paragraphs_are_lines(rows):
    body = rows["cnn_article"].loc[0, "body"]
    assert body.count("\n") >= 10
    assert "\n\n" not in body and not any(line != line.strip() for line in body.split("\n"))


@pytest.mark.parametrize(
    "stem, outlet, domain",
    [
        ("cnn_article", "CNN", "cnn.com"),
        ("foxnews.com1", "Fox News", "foxnews.com"),  # latino.foxnews.com: parent domain
        ("reuters.com2", "Reuters", "reuters.com"),  # in.reuters.com
        ("huffingtonpost.com1", "HuffPost", "huffingtonpost.com"),
        ("theglobeandmail.com1", "The Globe and Mail", "theglobeandmail.com"),
        ("arabic_article", "CNN", "cnn.com"),  # arabic.cnn.com
    ],
)
def test_outlet_from_site_name_or_url(rows, stem, outlet, domain):
    assert (rows[stem].loc[0, "outlet"], rows[stem].loc[0, "outlet_domain"]) == (outlet, domain)


def test_standfirst_is_description_not_body_start(rows):
    globe = rows["theglobeandmail.com1"].loc[0]
    assert globe["standfirst"].startswith("Flight data show pilots attempted to fly over")
    assert not globe["body"].startswith(globe["standfirst"][:40])
    # HuffPost's description is the first paragraph again: no standfirst.
    assert rows["huffingtonpost.com1"].loc[0, "standfirst"] == ""


def test_page_without_article_is_refused():
    with pytest.raises(IngestError, match="no article text: trafilatura found no main text"):
        _read("google_meta_refresh")


def test_error_page_is_read_but_logged():
    # A scraper saved fool.com's "403 Forbidden" page instead of the article.
    page = PAGES / "html" / "fool.com2.html"
    log = IngestLog()
    row = read_html(Member(page.name, page.read_bytes(), ".html"), ReadOptions(), log)
    assert row.loc[0, "body"] == "Forbidden URL\nHTTP Error 403. The request URL is forbidden."
    assert pd.isna(row.loc[0, "published"]) and str(row["published"].dtype) == "datetime64[ns, UTC]"
    assert log.to_frame()["problem"].tolist() == ["short article text"]
    assert log.to_frame().loc[0, "detail"].startswith("only 10 words were found")
