"""Article folders with metadata, XML, encodings, round trips, frames and loud checks.

Real articles (the committed AllSides and newsarticles fixtures, the seeds) are
arranged in the layouts researchers receive: one .txt per article with a metadata
table beside it, outlet and date in file names, XML files of one or many records.
"""
from __future__ import annotations

import re
import warnings

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools import IngestError, IngestWarning, from_frame, load_corpus, read_ingest_log
from corpus_tools.cli import main
from corpus_tools.ingest.furniture import remove_furniture
from corpus_tools.ingest.metadata import extract_credits
from corpus_tools.ingest.normalise import normalise_text
from corpus_tools.ingest.outlets import canonical_outlet, outlet_from_url
from tests.conftest import FIXTURES

ALLSIDES = FIXTURES / "allsides" / "allsides_sample.jsonl"
SMALL = FIXTURES / "small_corpus"


@pytest.fixture(scope="module")
def allsides():
    return pd.read_json(ALLSIDES, lines=True, dtype=False)


def _load(paths, tmp_path, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", IngestWarning)
        table = load_corpus(paths, progress=False, cache_dir=False, log_path=tmp_path / "log.csv",
                            **kwargs)
    return table, read_ingest_log(tmp_path / "log.csv")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


@pytest.fixture()
def article_folder(tmp_path, allsides):
    """Six real articles as ``<outlet>_<date>_<slug>.txt`` (headline, blank line, text) and a
    metadata.tsv beside them, as a news archive delivers them."""
    folder = tmp_path / "articles"
    folder.mkdir()
    picked = allsides[allsides["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}")].head(6)
    meta = []
    for row in picked.itertuples():
        name = f"{_slug(row.source)}_{row.date}_{_slug(row.title)}.txt"
        (folder / name).write_text(f"{row.title}\n\n{row.content_original}\n", encoding="utf-8")
        meta.append({"file": name.removesuffix(".txt"), "publisher": row.source, "date": row.date,
                     "title": row.title, "author": row.authors, "wire": int(row.source == "Reuters")})
    pd.DataFrame(meta).to_csv(folder / "metadata.tsv", sep="\t", index=False)
    return folder, picked.reset_index(drop=True)


# --- 1. metadata beside article files ---------------------------------------------------
def test_metadata_table_beside_article_files(article_folder, tmp_path):
    folder, picked = article_folder
    table, log = _load(folder, tmp_path)
    assert log.empty  # metadata.tsv is not a broken export
    assert len(table) == 6
    by_title = table.set_index("title")
    for row in picked.itertuples():
        got = by_title.loc[row.title]
        assert got["outlet"] == canonical_outlet(row.source)
        assert got["published"] == pd.Timestamp(row.date, tz="UTC")
        assert got["author"] == row.authors
        assert not got["body"].startswith(row.title)  # the headline left the body
    assert pd.api.types.is_integer_dtype(table["wire"])
    reuters = table[table["outlet"] == "Reuters"]
    assert reuters["agency"].eq("Reuters").all() and (reuters["wire"] == 1).all()
    assert "NEW YORK" in set(reuters["dateline"])


def test_metadata_counts_files_without_rows_and_rows_without_files(article_folder, tmp_path):
    folder, picked = article_folder
    meta = pd.read_csv(folder / "metadata.tsv", sep="\t")
    extra = folder / "unlisted.txt"
    extra.write_text("Storm hits coast\n\nA storm hit the coast on Monday, officials said.\n",
                     encoding="utf-8")
    pd.concat([meta.iloc[1:], pd.DataFrame([{"file": "missing-article"}])]).to_csv(
        tmp_path / "meta.csv", index=False)
    (folder / "metadata.tsv").unlink()
    table, log = _load(folder, tmp_path, metadata=tmp_path / "meta.csv")
    assert len(table) == 7
    problems = dict(zip(log["problem"], log["detail"]))
    assert problems["no metadata row"].startswith("2 of 7 article files have no row in")
    assert problems["metadata row without file"].startswith("1 of 6 metadata rows name no file")
    assert "missing-article" in problems["metadata row without file"]
    with pytest.raises(FileNotFoundError, match=r"metadata='nope\.csv': no such file"):
        _load(folder, tmp_path, metadata="nope.csv")


def test_fields_from_file_names(article_folder, tmp_path):
    folder, picked = article_folder
    (folder / "metadata.tsv").unlink()
    table, log = _load(folder, tmp_path, filename_fields="{outlet}_{published}_{slug}")
    assert log.empty
    expected = sorted(canonical_outlet(_slug(s)) for s in picked["source"])
    assert sorted(table["outlet"]) == expected
    assert "The New York Times" in expected and "Reuters" in expected  # slugs of known outlets
    assert sorted(table["published"].dt.strftime("%Y-%m-%d")) == sorted(picked["date"])
    assert table["slug"].str.len().gt(0).all()
    with pytest.raises(ValueError, match="names no field"):
        _load(folder, tmp_path, filename_fields="plain")


def test_sidecar_files_beside_articles(tmp_path, allsides):
    """Fake.br's layout: true/1.txt with true-meta-information/1-meta.txt (bare values)."""
    for label in ("true", "fake"):
        (tmp_path / label).mkdir()
        (tmp_path / f"{label}-meta-information").mkdir()
    rows = allsides[allsides["url"].str.len() > 0].head(4).reset_index(drop=True)
    for i, row in rows.iterrows():
        label = "true" if i < 2 else "fake"
        n = i % 2 + 1  # true/1 and fake/1: the same names in two folders
        (tmp_path / label / f"{n}.txt").write_text(row.content_original, encoding="utf-8")
        day = pd.Timestamp("2017-12-26") if i % 2 else pd.Timestamp("2018-01-04")
        (tmp_path / f"{label}-meta-information" / f"{n}-meta.txt").write_text(
            f"Some Author\r\n{row.url}\r\npolitica\r\n{day.day}/{day.month}/{day.year}\r\n168\r\n",
            encoding="utf-8")
    table, log = _load(tmp_path, tmp_path)
    assert log.empty and len(table) == 4
    by_url = table.set_index("url")
    for i, row in rows.iterrows():
        assert by_url.loc[row.url, "outlet"] == outlet_from_url(row.url)[0]
    # "4/1/2018" is read day first, because "26/12/2017" in the same column shows the order.
    assert sorted(table["published"].dt.strftime("%Y-%m-%d").unique()) == ["2017-12-26", "2018-01-04"]


# --- 2. plain article files ------------------------------------------------------------------
def test_plain_article_files_headline_dateline_bulletin_and_last_sentence(tmp_path, allsides):
    reuters = allsides[allsides["content_original"].str.startswith("NEW YORK (Reuters) -")].iloc[0]
    (tmp_path / "wire.txt").write_text(f"{reuters.title}\n\n{reuters.content_original}\n",
                                       encoding="utf-8")
    # A two-line bulletin, and an article whose last paragraph is a social-media prompt.
    (tmp_path / "bulletin.txt").write_text(
        "Quake strikes off Japan\nTOKYO (AP) — A strong earthquake struck off northern Japan on "
        "Monday, the weather agency said.\n", encoding="utf-8")
    (tmp_path / "promo.txt").write_text(
        f"{reuters.title}, a follow-up\n\nWASHINGTON (Reuters) - The administration said it would "
        "comply with the order.\nIt gave no timetable.\nFollow Jonathan Stempel on Twitter: "
        "@jstempel\n", encoding="utf-8")
    table, log = _load(tmp_path, tmp_path)
    assert log.empty and len(table) == 3
    promo = table[table["source_file"].str.endswith("promo.txt")].iloc[0]
    assert promo["body"] == "The administration said it would comply with the order.\nIt gave no timetable."
    assert promo["credit"] == "Follow Jonathan Stempel on Twitter: @jstempel"
    wire = table[table["source_file"].str.endswith("wire.txt")].iloc[0]
    assert wire["title"] == reuters.title
    assert (wire["dateline"], wire["agency"]) == ("NEW YORK", "Reuters")
    assert wire["body"].startswith("Lawyers for immigrant families separated by the U")
    # The real last sentence stays.
    assert wire["body"].endswith("Many of the immigrants are fleeing violence in Guatemala, El "
                                 "Salvador and Honduras.")
    bulletin = table[table["source_file"].str.endswith("bulletin.txt")].iloc[0]
    assert bulletin["title"] == "Quake strikes off Japan"
    assert (bulletin["dateline"], bulletin["agency"]) == ("TOKYO", "AP")
    assert bulletin["body"] == ("A strong earthquake struck off northern Japan on Monday, the "
                                "weather agency said.")


def test_a_page_dump_is_still_split_as_a_page(seed_corpus):
    # The seeds are page dumps (menus, teaser lists): five articles and ten teasers.
    assert (seed_corpus["kind"] == "teaser").sum() == 10


# --- 4. XML ------------------------------------------------------------------------------------
def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_xml_one_article_per_file_and_many_records_per_file(tmp_path, allsides):
    rows = allsides.head(4)
    for i, row in enumerate(rows.itertuples()):
        (tmp_path / f"a{i}.xml").write_text(
            f'<?xml version="1.0" encoding="UTF-8"?>\n<article><title>{_xml_escape(row.title)}</title>'
            f"<mainText>{_xml_escape(row.content_original)}</mainText><uri>{_xml_escape(row.url)}</uri>"
            f"<portal>{_xml_escape(row.source)}</portal></article>", encoding="utf-8")
    records = "".join(
        f'<article published-at="{row.date}"><headline>{_xml_escape(row.title)}</headline><text>'
        + "".join(f"<p>{_xml_escape(p)}</p>" for p in row.content_original.split("\n") if p.strip())
        + f"</text><source>{_xml_escape(row.source)}</source></article>"
        for row in rows.itertuples())
    (tmp_path / "many.xml").write_text(f"<export><articles>{records}</articles></export>",
                                       encoding="utf-8")
    one, log = _load([tmp_path / f"a{i}.xml" for i in range(4)], tmp_path)
    assert log.empty
    assert one["title"].tolist() == rows["title"].tolist()
    # The URL's site names the outlet when the source field is a columnist ("Guest Writer").
    assert one["outlet"].tolist() == ["The New York Times", "The Washington Times", "Reuters", "Reason"]
    assert one["url"].tolist() == rows["url"].tolist()
    many, _ = _load(tmp_path / "many.xml", tmp_path / "m")
    assert many["title"].tolist() == rows["title"].tolist()
    assert many["published"].dt.strftime("%Y-%m-%d").tolist() == rows["date"].tolist()
    assert many.loc[0, "body"].split("\n")[0] == normalise_text(rows["content_original"].iloc[0].split("\n")[0])
    renamed, _ = _load(tmp_path / "many.xml", tmp_path / "r", columns={"headline": "standfirst"})
    assert renamed["standfirst"].tolist() == rows["title"].tolist()


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<article><title>t</title><text>&lol3;</text></article>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE article [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<article><title>t</title><text>&secret;</text></article>"""


@pytest.mark.parametrize("content", [BILLION_LAUGHS, EXTERNAL], ids=["entity-expansion", "external-entity"])
def test_unsafe_xml_is_refused_not_expanded(tmp_path, content):
    (tmp_path / "bad.xml").write_text(content, encoding="utf-8")
    table, log = _load(tmp_path / "bad.xml", tmp_path)
    assert table.empty
    assert log["problem"].tolist() == ["unsafe XML"]
    assert "was not expanded or read" in log["detail"].iloc[0]
    with pytest.raises(IngestError, match="unsafe XML: the document declares entities"):
        _load(tmp_path / "bad.xml", tmp_path, strict=True)


# --- 9. encodings --------------------------------------------------------------------------
def test_cp1252_article_is_decoded_right_and_a_guess_is_logged(tmp_path):
    text = ("Café owners \u201cfurious\u201d over new rules\n\nThe owners of cafés in the city said "
            "on Monday they were \u201cfurious\u201d about rules \u2014 which take effect next month.\n")
    (tmp_path / "cafe.txt").write_bytes(text.encode("cp1252"))
    table, log = _load(tmp_path / "cafe.txt", tmp_path)
    assert log.empty
    assert table.loc[0, "title"] == 'Café owners "furious" over new rules'
    assert table.loc[0, "body"].startswith("The owners of cafés in the city")
    russian = "Москва заявила, что переговоры продолжатся в понедельник, сообщили источники."
    (tmp_path / "ru.txt").write_bytes(f"Переговоры\n\n{russian}\n".encode("cp1251"))
    _, log = _load(tmp_path / "ru.txt", tmp_path / "ru")
    assert log["problem"].tolist() == ["uncertain encoding"]
    assert "neither UTF-8 nor Windows-1252" in log["detail"].iloc[0]


# --- 10. round trip --------------------------------------------------------------------------
def test_a_written_table_loads_back_the_same(tmp_path):
    table, _ = _load(SMALL, tmp_path)
    marked = ct.mark_copies(table, progress=False)
    for name, frame in (("plain", table), ("marked", marked)):
        path = tmp_path / f"{name}.parquet"
        frame.to_parquet(path)
        back, log = _load(path, tmp_path / name)
        assert log.empty
        pd.testing.assert_frame_equal(back, frame)


# --- 5. frames and columns -------------------------------------------------------------------
def test_from_frame_with_an_outlet_from_indicator_columns():
    news = pd.read_csv(SMALL / "newsarticles_sample.csv").head(6)
    frame = pd.DataFrame({"texts": news["text"], "headline_text": news["title"],
                          "wsj": [1, 0, 1, 0, 1, 0], "nyt": [0, 1, 0, 1, 0, 1]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", IngestWarning)
        plain = from_frame(frame)
    assert plain["outlet"].eq("").all() and plain["title"].tolist() == news["title"].tolist()
    frame["outlet"] = frame["wsj"].map({1: "wsj", 0: "nyt"})
    with pytest.warns(IngestWarning, match="most rows lack date: 6 of 6 articles"):
        table = from_frame(frame)
    assert table["outlet"].tolist() == ["The Wall Street Journal", "The New York Times"] * 3
    assert str(table["wsj"].dtype) == "int64" and (table["wsj"] == 1).sum() == 3
    assert table["doc_id"].is_unique and table["source_file"].eq("DataFrame").all()
    with pytest.raises(IngestError, match="no body column"):
        from_frame(frame.drop(columns="texts"))


def test_cli_ingest_columns_and_zero_rows(tmp_path, capsys):
    news = pd.read_csv(SMALL / "newsarticles_sample.csv").head(3)
    news.rename(columns={"text": "copy_txt"}).to_csv(tmp_path / "export.csv", index=False)
    out = tmp_path / "out.parquet"
    assert main(["ingest", str(tmp_path / "export.csv"), "--out", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "no rows: no article was read from 1 input file(s)" in err and "no body column" in err
    # The fix names the option and the log file, not only a Python function.
    assert "(CLI: --columns THEIR=body); the ingest log " in err and ".csv lists each file" in err
    assert not out.exists()
    assert main(["ingest", str(tmp_path / "export.csv"), "--out", str(out), "--quiet",
                 "--columns", "copy_txt=body"]) == 0
    assert pd.read_parquet(out)["title"].tolist() == news["title"].tolist()
    assert main(["ingest", str(tmp_path / "export.csv"), "--out", str(out), "--columns", "bad"]) == 2


# --- 7. outlets and agencies -------------------------------------------------------------------
def test_one_normalisation_for_names_slugs_and_domains():
    assert [canonical_outlet(n) for n in ("telegraph", "mail", "times", "express", "sun", "ahram",
                                          "sana", "huff-post", "wash-post", "The Times (London)",
                                          "MAIL ON SUNDAY (London)", "http://uspoln.com")] == [
        "The Telegraph", "Daily Mail", "The Times", "Daily Express", "The Sun", "Al-Ahram", "SANA",
        "HuffPost", "The Washington Post", "The Times", "The Mail on Sunday", "Uspoln"]
    assert canonical_outlet("al-mayadeen_net") == "Al Mayadeen Net"  # unknown: one readable form
    # The registrable domain from the Public Suffix List, not "the last two labels".
    assert outlet_from_url("https://www.service-public.gouv.fr/particuliers") == (
        "Service Public", "service-public.gouv.fr")
    assert outlet_from_url("https://someone.blogspot.com/2020/01/x.html")[1] == "someone.blogspot.com"
    assert outlet_from_url("https://user.github.io/post")[1] == "user.github.io"


def test_opening_agency_credits_and_datelines_need_places():
    assert extract_credits("(AFP) - Egypt's foreign minister said on Sunday.").agency == "AFP"
    assert extract_credits("CAIRO, Jan 1 (AFP) - Egypt said.").dateline == "CAIRO"
    for opener in ("FUND managers - the big ones - sold.", "REAL estate: prices rose."):
        found = extract_credits(opener)
        assert (found.dateline, found.body) == ("", opener)
    assert extract_credits("UNITED NATIONS (AP) — The council met.").dateline == "UNITED NATIONS"


# --- 3. furniture learned from repetition ------------------------------------------------------
def test_furniture_is_learned_per_outlet_and_moved_to_credit(allsides):
    bodies = allsides["content_original"].head(8).str.strip().tolist()
    notice = ("Copyright The Financial Times Limited 2019. All rights reserved. Please don't copy "
              "and paste FT articles and redistribute by email or post to the web.")
    rows = pd.DataFrame({"outlet": "Financial Times", "body": [f"{b}\n{notice}" for b in bodies],
                         "credit": ""})
    cleaned = remove_furniture(rows)
    assert not cleaned["body"].str.contains("All rights reserved").any()
    assert cleaned["body"].tolist() == ["\n".join(p.strip() for p in b.split("\n") if p.strip())
                                        for b in bodies]
    assert cleaned["credit"].eq(notice).all()
    # Updated versions of one story share their paragraphs: that is text, not furniture.
    versions = pd.DataFrame({"outlet": "Reuters", "credit": "",
                             "body": [bodies[0] + f"\nUpdate {i}: more details." for i in range(6)]})
    assert remove_furniture(versions)["body"].tolist() == versions["body"].tolist()


def test_middle_east_style_export_slugs_headline_in_body_and_state_agency(tmp_path, allsides):
    """A CSV like the Middle-East one of issue 13: article_title, article_content, source
    slugs, bodies that open with date and title, an AFP credit opening the text."""
    rows = allsides[allsides["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}")].head(3)
    bodies = [f"{pd.Timestamp(r.date):%d %B %Y} {r.title}\n{r.content_original}" for r in rows.itertuples()]
    bodies[1] = f"{rows['title'].iloc[1]}\n(AFP) - {rows['content_original'].iloc[1]}"
    bodies[2] = f"DAMASCUS, March 5 (SANA) - {rows['content_original'].iloc[2]}"
    pd.DataFrame({"article_title": rows["title"], "article_content": bodies,
                  "source": ["ahram", "ahram", "sana"]}).to_csv(tmp_path / "mideast.csv", index=False)
    table, log = _load(tmp_path / "mideast.csv", tmp_path)
    assert table["outlet"].tolist() == ["Al-Ahram", "Al-Ahram", "SANA"]
    assert table["title"].tolist() == rows["title"].tolist()
    assert not any(b.startswith(t) for b, t in zip(table["body"], table["title"]))
    assert table.loc[0, "body"].split("\n")[0] == normalise_text(rows["content_original"].iloc[0].split("\n")[0])
    assert table["agency"].tolist() == ["", "AFP", "SANA"]  # SANA is outlet and agency at once
    assert table.loc[2, "dateline"] == "DAMASCUS"


def test_a_domain_column_names_the_outlet_without_urls(tmp_path, allsides):
    rows = allsides.head(2)
    pd.DataFrame({"text": rows["content_original"], "domain": ["vnexpress.net", "www.reuters.com"]}
                 ).to_csv(tmp_path / "d.csv", index=False)
    table, _ = _load(tmp_path / "d.csv", tmp_path)
    assert table["outlet"].tolist() == ["Vnexpress", "Reuters"]
