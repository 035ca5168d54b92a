"""read_tabular on real exports: the newsarticles CSV and an AllSides slice.

Small inputs are built in tmp_path from real rows (newsarticles, AllSides), never
from invented prose.
"""
from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import ftfy
import pandas as pd
import pytest

from corpus_tools.ingest.base import Member, ReadOptions
from corpus_tools.ingest.errors import IngestError, IngestLog
from corpus_tools.ingest.normalise import (
    _FTFY_CONFIG,
    _NOT_TYPOGRAPHIC,
    fix_unicode,
    repair_lost_punctuation,
)
from corpus_tools.ingest.tabular import read_tabular

ROOT = Path(__file__).resolve().parent.parent
NEWSARTICLES = ROOT / "data" / "raw" / "newsarticles" / "NewsArticles.zip"
ALLSIDES = Path(__file__).parent / "fixtures" / "allsides" / "allsides_sample.jsonl"
RESIDUE = re.compile('"[?\ufffd]|[A-Za-z]"[A-Za-z]')


def _read(name: str, data: bytes, suffix: str, log: IngestLog | None = None, **options):
    return read_tabular(Member(name, data, suffix), ReadOptions(**options), log or IngestLog())


@pytest.fixture(scope="module")
def news_csv() -> bytes:
    with zipfile.ZipFile(NEWSARTICLES) as archive:
        return archive.read("NewsArticles.csv")


@pytest.fixture(scope="module")
def news_raw(news_csv) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(news_csv), dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def news(news_csv):
    log = IngestLog()
    return _read("NewsArticles.zip!NewsArticles.csv", news_csv, ".csv", log), log


def _csv_of(rows: pd.DataFrame, **kwargs) -> bytes:
    return rows.to_csv(index=False, **kwargs).encode(kwargs.pop("encoding", "utf-8"))


# --- the default corpus ---------------------------------------------------------------
def test_newsarticles_rows_and_empty_bodies(news):
    table, log = news
    # 3,824 rows, of which 36 (live blogs, galleries) have no text at all: kept, logged.
    assert len(table) == 3824
    problems = log.to_frame()
    assert problems["problem"].tolist() == ["empty body"]
    assert problems.loc[0, "detail"].startswith("36 of 3824 rows have no body text")
    assert table["source_index"].tolist() == list(range(3824))
    live = table[table["source_index"] == 21].iloc[0]  # "Trump watch: Live coverage"
    assert live["title"] == "Trump watch: Live coverage" and live["body"] == ""


def test_newsarticles_outlets_from_urls(news):
    table, _ = news
    counts = table["outlet"].value_counts().to_dict()
    assert set(counts) == {
        "Al Jazeera", "TASS", "ABC News", "RTÉ", "HuffPost", "DW", "China Daily", "BBC", "CNN"
    }
    assert counts["TASS"] == 485
    by_domain = table.groupby("outlet")["outlet_domain"].first().to_dict()
    assert by_domain["China Daily"] == "chinadaily.com.cn"  # from europe.chinadaily.com.cn
    assert by_domain["BBC"] == "bbc.co.uk"


def test_newsarticles_dates(news):
    table, _ = news
    assert str(table["published"].dtype) == "datetime64[ns, UTC]"
    assert table["published"].notna().all()
    assert table["published"].min() == pd.Timestamp("2016-04-19", tz="UTC")
    assert table["published"].max() == pd.Timestamp("2017-03-30", tz="UTC")
    first = table.loc[table["source_index"] == 0].iloc[0]
    assert first["published"] == pd.Timestamp("2017-02-07", tz="UTC")  # "2017/2/7"
    assert (table["published_raw"] == "").all()


def test_newsarticles_columns(news):
    table, _ = news
    assert {"title", "standfirst", "body", "url", "outlet", "outlet_domain"} <= set(table)
    assert "article_id" in table  # unmapped columns are kept
    assert table.loc[0, "title"].startswith("Betsy DeVos Confirmed as Education Secretary")


def test_newsarticles_mojibake_repaired(news, news_raw):
    table, _ = news
    devos = table.loc[table["source_index"] == 0, "body"].iloc[0]
    assert "The Senate voted on DeVos' highly contentious nomination this afternoon" in devos
    assert '"It is hard to imagine a worse choice," Sen. Elizabeth Warren' in devos
    tass = table.loc[table["source_index"] == 122, "title"].iloc[0]
    assert tass == "Russia's foreign trade down 11.9%, to $470 bln in 2016 \u2014 Economy Ministry"
    for column, raw_column in (("body", "text"), ("title", "title"), ("standfirst", "subtitle")):
        assert not table[column].str.contains('"?', regex=False).any()
        before = news_raw[raw_column].str.contains(RESIDUE).sum()
        after = table[column].str.contains(RESIDUE).sum()
        # Measured: body 1,070 -> 54, title 87 -> 1, standfirst 50 -> 1 articles with
        # residue left; what remains lost letters too ("Spies"in", "O"ullivan").
        assert before >= 50 and after <= before * 0.06, (column, before, after)


# --- normalisation --------------------------------------------------------------------
@pytest.mark.parametrize(
    "damaged, repaired",
    [  # all from NewsArticles.csv
        ('The Senate voted on DeVos"?highly contentious nomination',
         "The Senate voted on DeVos' highly contentious nomination"),
        ('"It is hard to imagine a worse choice,"?Sen. Elizabeth Warren',
         '"It is hard to imagine a worse choice," Sen. Elizabeth Warren'),
        ('that prize "?the first poetry prize I ever won "?was',
         "that prize \u2014 the first poetry prize I ever won \u2014 was"),
        ('calling for Nunes"?recusal', "calling for Nunes' recusal"),
        ('concluded there was "Ample legal justification"?to deny it',
         'concluded there was "Ample legal justification" to deny it'),
        ('He said, "\ufffdPut a commission together', 'He said, "Put a commission together'),
        ("I definitely didn\"t bomb it", "I definitely didn't bomb it"),
        ('solicitor David O"\ufffdMalley said', "solicitor David O'Malley said"),
        ('Chuck Boring told "?0/20."?"This', 'Chuck Boring told "\ufffd0/20." "This'),
    ],
)
def test_repair_lost_punctuation(damaged, repaired):
    assert repair_lost_punctuation(damaged) == repaired


def test_text_without_residue_is_untouched(news_raw):
    clean = news_raw["text"][~news_raw["text"].str.contains(RESIDUE)].head(200)
    assert all(repair_lost_punctuation(t) == t for t in clean)


def test_fix_unicode_shortcuts_match_ftfy(news_raw):
    texts = news_raw["text"][news_raw["text"].map(str.isascii)].head(300).tolist()
    # The same articles as a Windows export with a stray escape code would have them.
    texts += [t.replace(". ", ".\r\n", 3).replace(" ", " \x1b[1m", 1) + "\x07" for t in texts[:20]]
    texts += [t.replace(". ", ".\u2028", 2).replace(", ", ",\u206a\u2019 ", 2) + "\r" for t in texts[:20]]
    # Curly quotes and dashes only (the typographic shortcut), and everything else.
    allsides = [json.loads(line)["content_original"] for line in ALLSIDES.read_text("utf-8").splitlines()]
    typographic = [t for t in allsides if not t.isascii() and not _NOT_TYPOGRAPHIC.search(t)]
    assert len(typographic) >= 15
    accented = news_raw["text"][~news_raw["text"].map(str.isascii)].tolist()
    texts += allsides + accented
    # Lines are repaired one by one: mix lines that need ftfy's search (accents, and
    # mojibake made by decoding UTF-8 as cp1252) with lines that do not, and odd breaks.
    mojibake = [t.encode("utf-8").decode("cp1252", errors="replace") for t in accented[:20]]
    texts += [f"{a}\n{t}\r\n{m}\n\n{a[:80]}\u2028x\n" for a, t, m in zip(accented, typographic, mojibake)]
    for text in texts:
        assert fix_unicode(text) == ftfy.fix_text(text, _FTFY_CONFIG)


# --- formats --------------------------------------------------------------------------
def test_jsonl_with_a_malformed_line(news_raw, tmp_path):
    rows = news_raw.head(5).rename(columns={"text": "content", "title": "headline",
                                            "article_source_link": "link"})
    lines = [json.dumps(r) for r in rows.to_dict("records")]
    lines[2] = lines[2][: len(lines[2]) // 2]  # a line cut short, as by a crashed scraper
    log = IngestLog()
    table = _read("cut.jsonl", "\n".join(lines).encode(), ".jsonl", log)
    assert len(table) == 4
    assert table["source_index"].tolist() == [0, 1, 3, 4]
    assert table["title"].tolist() == rows["headline"].drop(index=2).tolist()
    problems = log.to_frame()
    assert problems["problem"].tolist() == ["malformed JSON line"]
    assert problems.loc[0, "detail"].startswith("line 3: ")
    with pytest.raises(IngestError, match="malformed JSON line: line 3"):
        _read("cut.jsonl", "\n".join(lines).encode(), ".jsonl", IngestLog(strict=True))


def test_csv_without_body_column(news_raw):
    data = _csv_of(news_raw.head(3).drop(columns=["text"]))
    with pytest.raises(IngestError, match=r"no body column: expected a column with the article "
                       r"text .*found columns \['article_id', 'publish_date', "
                       r"'article_source_link', 'title', 'subtitle'\]\. .*columns=\{"):
        _read("nobody.csv", data, ".csv")


def test_columns_mapping(news_raw):
    data = _csv_of(news_raw.head(3).rename(columns={"text": "copy_txt", "title": "hdl"}))
    with pytest.raises(IngestError, match="no body column"):
        _read("renamed.csv", data, ".csv")
    table = _read("renamed.csv", data, ".csv", columns={"copy_txt": "body", "hdl": "title"})
    assert table["title"].tolist() == news_raw["title"].head(3).tolist()
    assert table.loc[0, "body"].startswith("Michigan billionaire education activist Betsy DeVos")
    with pytest.raises(IngestError, match="mapped column missing: columns=\\{'story': 'body'\\}"):
        _read("renamed.csv", data, ".csv", columns={"story": "body"})


def test_cp1252_csv(tmp_path):
    rows = pd.read_json(ALLSIDES, lines=True, dtype=False)
    # An AllSides article with curly quotes, dashes and "©", as Excel would save it.
    row = rows[rows["content_original"].str.contains("\u2019") & rows["content_original"].str.contains("©")]
    assert len(row), "the fixture should hold an article with ’ and ©"
    data = row.head(1)[["title", "content_original", "url"]].to_csv(index=False)
    utf8 = _read("a.csv", data.encode("utf-8"), ".csv")
    cp1252 = _read("a.csv", data.encode("cp1252"), ".csv")
    assert cp1252.loc[0, "body"] == utf8.loc[0, "body"]
    assert "©" in cp1252.loc[0, "body"] and "\u2014" in cp1252.loc[0, "body"]


def test_tsv_and_parquet_round_trip(news_raw, news_csv, tmp_path):
    head = news_raw.head(40)
    from_csv = _read("h.csv", _csv_of(head), ".csv")
    from_tsv = _read("h.tsv", _csv_of(head, sep="\t"), ".tsv")
    path = tmp_path / "h.parquet"
    head.to_parquet(path)
    from_parquet = _read("h.parquet", path.read_bytes(), ".parquet")
    pd.testing.assert_frame_equal(from_tsv, from_csv)
    # Parquet keeps the dtype it was written with (text here); CSV ids that are whole
    # numbers become integers. The values are the same.
    assert str(from_csv["article_id"].dtype) == "Int64"
    assert from_parquet["article_id"].astype("Int64").tolist() == from_csv["article_id"].tolist()
    pd.testing.assert_frame_equal(from_parquet.drop(columns="article_id"),
                                  from_csv.drop(columns="article_id"))


def test_allsides_jsonl(tmp_path):
    log = IngestLog()
    table = _read("allsides_sample.jsonl", ALLSIDES.read_bytes(), ".jsonl", log)
    assert len(table) == 28
    assert table["body"].str.len().min() > 200  # content_original is the body
    cnn = table[table["url"].str.startswith("http://money.cnn.com/2018/05/23/")]
    assert cnn[["outlet", "outlet_domain"]].values.tolist() == [["CNN", "cnn.com"]]  # "CNN (Web News)"
    assert set(table["outlet"]) >= {"CNN", "Fox News", "The New York Times", "AP", "BBC", "TheBlaze"}
    # A columnist is not an outlet: the URL's outlet is used instead.
    guest = table[table["url"].str.contains("reason.com/2019/06/13")]
    assert guest["outlet"].tolist() == ["Reason"]
    assert "Guest Writer - Right" not in set(table["outlet"])
    # An outlet the table does not know keeps its own name.
    assert "Brookings Institution" in set(table["outlet"])


def test_allsides_dates(tmp_path):
    log = IngestLog()
    table = _read("allsides_sample.jsonl", ALLSIDES.read_bytes(), ".jsonl", log)
    by_url = table.set_index("url")
    guardian = by_url.filter(like="slipknot", axis=0).iloc[0]
    assert guardian["published"] == pd.Timestamp("2017-09-06", tz="UTC")  # "9/6/17"
    brookings = by_url.filter(like="brookings.edu", axis=0).iloc[0]
    assert pd.isna(brookings["published"]) and brookings["published_raw"] == "0001-11-30"
    empty = table[table["url"].str.contains("bbc.com/news/world-us-canada-49147365")].iloc[0]
    assert pd.isna(empty["published"]) and empty["published_raw"] == ""
    assert log.to_frame()["problem"].tolist() == ["unreadable date"]
    assert "1 of 28 dates could not be read, e.g. ['0001-11-30']" in log.to_frame().loc[0, "detail"]


def test_json_list_object_and_single_article(tmp_path):
    records = [json.loads(line) for line in ALLSIDES.read_text("utf-8").splitlines()]
    as_list = _read("a.json", json.dumps(records).encode(), ".json")
    in_object = _read("b.json", json.dumps({"status": "ok", "articles": records}).encode(), ".json")
    single = _read("c.json", json.dumps(records[0]).encode(), ".json")
    from_lines = _read("d.jsonl", ALLSIDES.read_bytes(), ".jsonl")
    pd.testing.assert_frame_equal(as_list, from_lines)
    pd.testing.assert_frame_equal(in_object, from_lines)
    assert len(single) == 1 and single.loc[0, "title"] == from_lines.loc[0, "title"]


def test_epoch_dates(tmp_path):
    records = [json.loads(line) for line in ALLSIDES.read_text("utf-8").splitlines()][:5]
    expected = pd.to_datetime([r["date"] for r in records], utc=True)
    for r, ts in zip(records, expected):
        r["date"] = int(ts.timestamp())
    records[1]["date"] = int(expected[1].timestamp() * 1000)  # milliseconds
    table = _read("e.json", json.dumps(records).encode(), ".json")
    assert table["published"].tolist() == list(expected)


def test_iso_only_dates_keep_what_was_written():
    # pyarrow reads a column of ISO dates as timestamps; "0001-11-30" must survive as text.
    records = [json.loads(line) for line in ALLSIDES.read_text("utf-8").splitlines()]
    records = [r for r in records if re.fullmatch(r"\d{4}-\d\d-\d\d", r["date"])]
    log = IngestLog()
    table = _read("iso.jsonl", "\n".join(json.dumps(r) for r in records).encode(), ".jsonl", log)
    assert table.loc[table["published"].isna(), "published_raw"].tolist() == ["0001-11-30"]
    assert table["published"].notna().sum() == len(records) - 1


def test_csv_with_a_malformed_row_and_a_cut_short_end(news_raw):
    lines = _csv_of(news_raw.head(6)).decode().splitlines(keepends=True)
    lines[3] = lines[3].rstrip("\n") + ",extra\n"  # a stray separator adds a field
    log = IngestLog()
    table = _read("x.csv", "".join(lines).encode(), ".csv", log)
    assert table["article_id"].tolist() == [1, 2, 4, 5, 6]
    assert log.to_frame()["problem"].tolist() == ["malformed CSV line"]
    assert "expected 6 fields, saw 7: '3,2017/2/7,http://abcnews.go.com" in log.to_frame().loc[0, "detail"]
    cut = _csv_of(news_raw.head(6))[:-300]  # a download that stopped inside the last text
    log = IngestLog()
    table = _read("y.csv", cut, ".csv", log)
    assert len(table) == 6 and log.to_frame()["problem"].tolist() == ["truncated file"]


def test_newsapi_style_source_objects_and_reserved_names():
    # NewsAPI exports write the outlet as {"id": ..., "name": ...}; an input "doc_id"
    # must not pass for the article table's own.
    records = [json.loads(line) for line in ALLSIDES.read_text("utf-8").splitlines()][:4]
    for r in records:
        r["source"] = {"id": None, "name": r["source"]}
        r["doc_id"] = r.pop("ID")
    for name, data in (("n.jsonl", "\n".join(map(json.dumps, records))), ("n.json", json.dumps(records))):
        table = _read(name, data.encode(), name[-6:] if name.endswith("jsonl") else ".json")
        assert table["outlet"].tolist()[:2] == ["The New York Times", "The Washington Times"]
        assert "doc_id" not in table and table["input_doc_id"].tolist() == [r["doc_id"] for r in records]
