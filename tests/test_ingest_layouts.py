"""Real corpus files in other layouts: database exports, SGML collections, scraper CSVs.

The fixtures are byte-for-byte slices of real files (tests/fixtures/layouts/README.md);
every expected value below was read from those files by hand.
"""
from __future__ import annotations

import warnings

import pandas as pd
import pytest

from corpus_tools import IngestWarning, load_corpus, read_ingest_log
from corpus_tools.ingest.base import Member, ReadOptions
from corpus_tools.ingest.errors import IngestLog
from corpus_tools.ingest.exports import read_text_export
from tests.conftest import FIXTURES

LAYOUTS = FIXTURES / "layouts"
LEXIS = LAYOUTS / "lexisnexis_sample_docs1-3.TXT"
NEXIS_UNI = LAYOUTS / "nexis_uni_sample.DOCX"
REUTERS = LAYOUTS / "reut2-002_first3.sgm"
REUTERS_LATIN1 = LAYOUTS / "reut2-017_latin1_record.sgm"
FAKENEWS = LAYOUTS / "fakenewscorpus_news_sample_12.csv"


def _load(path, tmp_path, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", IngestWarning)
        table = load_corpus(path, progress=False, cache_dir=False, log_path=tmp_path / "log.csv",
                            **kwargs)
    return table, read_ingest_log(tmp_path / "log.csv")


# --- LexisNexis Academic text export ------------------------------------------------------
def test_lexisnexis_text_export_splits_into_records_with_their_fields(tmp_path):
    table, log = _load(LEXIS, tmp_path)
    assert log.empty
    assert len(table) == 3
    # Centred lines: outlet, date (not LOAD-DATE), edition.
    assert table["outlet"].tolist() == ["The Guardian", "The Guardian", "The Sun"]
    assert table["published"].dt.strftime("%Y-%m-%d").tolist() == ["2010-01-11"] * 3
    assert table["title"].tolist() == ["Lorem ipsum dolor sit amet"] * 3
    assert table["byline"].tolist() == ["Andrew Sparrow", "Simon Tisdall", "TREVOR Kavanagh"]
    assert table["length"].tolist() == ["355 words", "927 words", "677 words"]
    assert table.loc[2, "section"] == "FEATURES; Pg. 6"
    assert table.loc[2, "edition"] == "Edition 1; Scotland"
    assert table.loc[2, "journal_code"] == "SUN"
    assert table["load_date"].tolist() == ["January 11, 2010"] * 3


def test_lexisnexis_furniture_leaves_the_bodies(tmp_path):
    table, _ = _load(LEXIS, tmp_path)
    first = table.loc[0]
    # Hard-wrapped lines joined into paragraphs; the trailer and copyright moved out.
    assert first["body"].startswith("Lorem ipsum dolor sit amet, consectetur adipiscing elit. Etiam "
                                    "lacinia elementum sapien, eget aliquet ex finibus ut. ")
    assert first["body"].endswith("Fusce sit amet aliquet lorem, id faucibus nisl. Nulla suscipit "
                                  "metus neque, ut varius.")
    assert len(first["body"].split("\n")) == 5
    assert first["credit"] == "Copyright 2010 Guardian Unlimited All Rights Reserved"
    assert table.loc[2, "credit"] == "Copyright 2010 NEWS GROUP NEWSPAPERS LTD All Rights Reserved"
    for furniture in ("LOAD-DATE", "LENGTH:", "BYLINE:", "All Rights Reserved", "PUBLICATION-TYPE",
                      "DOCUMENTS", "Copyright"):
        assert not table["body"].str.contains(furniture).any(), furniture


# --- Nexis Uni Word export ------------------------------------------------------------------
def test_nexis_uni_word_export():
    log = IngestLog()
    rows = read_text_export(Member(NEXIS_UNI.name, NEXIS_UNI.read_bytes(), ".docx"), ReadOptions(), log)
    assert len(rows) == 10 and not log.problems
    assert set(rows["outlet"]) == {"The Guardian"}  # "The Guardian(London)"
    assert rows.loc[0, "published"] == pd.Timestamp("2019-07-01 09:20", tz="UTC")
    assert rows.loc[0, "byline"] == "Mattha Busby (now), Andrew Sparrow (earlier)"
    assert rows.loc[0, "section"] == "POLITICS; Version:28"
    assert rows.loc[0, "length"] == "355 words"
    assert rows["title"].tolist()[-3:] == ["Lorem ipsum dolor sit amet, nec egestas blandit",
                                          "R (programming language) on Wikipedia", "What is Wikipedia"]
    assert rows.loc[1, "credit"] == ("Copyright 2019 The Guardian, a division of Transcontinental "
                                     "Media Group Inc. All Rights Reserved")
    assert rows.loc[9, "load_date"] == "July 2, 2019"
    for furniture in ("Load-Date", "End of Document", "Narrowed by", "Job Number", "Byline:"):
        assert not rows["body"].str.contains(furniture).any(), furniture
    assert rows.loc[9, "body"].endswith("YouTube announced a similar plan in 2018.")


def test_a_file_that_is_not_a_word_document_is_logged(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    table, log = _load(tmp_path, tmp_path)
    assert table.empty
    assert log["problem"].tolist() == ["unreadable Word file"]
    assert log["detail"].iloc[0].startswith("not a Word document")


# --- Reuters-21578 SGML ---------------------------------------------------------------------
def test_reuters_sgml_records(tmp_path):
    table, log = _load(REUTERS, tmp_path)
    assert log.empty
    assert table["title"].tolist() == [
        "JAGUAR SEES STRONG GROWTH IN NEW MODEL SALES",
        "OCCIDENTAL PETROLEUM COMMON STOCK OFFERING RAISED TO 36 MLN SHARES",
        "CCC ACCEPTS BONUS BID ON WHEAT FLOUR TO IRAQ",
    ]
    assert table["published"].tolist() == [pd.Timestamp(t, tz="UTC") for t in (
        "1987-03-05 09:07:54.17", "1987-03-05 09:18:26.80", "1987-03-05 09:19:43.22")]
    assert table["dateline"].tolist() == ["LONDON", "", "WASHINGTON"]
    # Signed "REUTER": the agency; the unsigned brief of a Reuters archive is Reuters' too.
    assert table["agency"].tolist() == ["Reuters", "", "Reuters"]
    assert table["outlet"].tolist() == ["Reuters"] * 3
    assert table["newid"].tolist() == ["2001", "2002", "2003"]
    jaguar = table.loc[0, "body"]
    assert jaguar.startswith("Jaguar Plc <JAGR.L> is about to sell its new XJ-6 model on the U.S. "
                             "And Japanese markets")
    assert jaguar.endswith("in line with market expectations, dealers said.")
    assert table.loc[0, "credit"] == "REUTER..."
    assert table.loc[1, "body"] == "Blah blah blah."


def test_reuters_record_with_a_byte_that_is_not_utf8(tmp_path):
    table, log = _load(REUTERS_LATIN1, tmp_path)
    assert log.empty and len(table) == 1
    assert table.loc[0, "title"] == "LAWSON SAYS LOUVRE CURRENCY ACCORD SATISFACTORY"
    assert table.loc[0, "published"] == pd.Timestamp("1987-06-02 09:14:36.57", tz="UTC")
    assert table.loc[0, "body"].endswith('"There is a consensus, which we have to push further."')


# --- a scraper's CSV with domains and no date ----------------------------------------------
def test_fakenewscorpus_csv_outlets_from_domains_and_a_loud_missing_date(tmp_path):
    with pytest.warns(IngestWarning, match=r"most rows lack date: 12 of 12 articles \(100%\) have no "
                                           r"date.*Fix: map the date column"):
        table = load_corpus(FAKENEWS, progress=False, cache_dir=False, log_path=False)
    assert len(table) == 12
    assert table["outlet_domain"].tolist()[:3] == ["awm.com", "beforeitsnews.com", "cnnnext.com"]
    assert table["outlet"].tolist()[:3] == ["Awm", "Beforeitsnews", "Cnnnext"]
    assert table["published"].isna().all()  # scraped_at is a crawl date, not a publication date
    assert table["title"].iloc[0] == ("Church Congregation Brings Gift to Waitresses Working on "
                                      "Christmas Eve, Has Them Crying (video)")
    assert str(table["id"].dtype) == "Int64" and table["id"].iloc[0] == 141
    assert table["type"].tolist()[:2] == ["unreliable", "fake"]
