"""The outlet table and the name/URL lookups, on outlets and URLs from real corpora."""
from __future__ import annotations

import csv
import json
import re
from importlib import resources
from pathlib import Path

import pytest

from corpus_tools.ingest.outlets import (
    canonical_outlet,
    host_of,
    known_outlet_names,
    outlet_domains,
    outlet_from_url,
)

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted((Path(__file__).resolve().parent.parent / "data" / "raw").glob("0*.txt"))


def _rows() -> list[dict]:
    text = resources.files("corpus_tools.ingest").joinpath("data/outlets.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def test_table_is_well_formed():
    rows = _rows()
    domains = [r["domain"] for r in rows]
    assert len(rows) >= 200
    assert len(domains) == len(set(domains)), "a domain is listed twice"
    for row in rows:
        assert re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", row["domain"]), row
        assert not row["domain"].startswith(("www.", "m.")), row
        assert row["name"].strip() == row["name"] and row["name"], row


@pytest.mark.parametrize(
    "url, expected",
    [  # hosts of the newsarticles corpus (NewsArticles.csv), as written there
        ("http://abcnews.go.com/Politics/pence-break-tie-betsy-devos-confirmation-vote-today/story?id=45310061",
         ("ABC News", "abcnews.go.com")),
        ("http://europe.chinadaily.com.cn/epaper/2016-12/16/content_27685646.htm",
         ("China Daily", "chinadaily.com.cn")),
        ("http://www.bbc.co.uk/news/in-pictures-38839655", ("BBC", "bbc.co.uk")),
        ("http://www.dw.com/en/live-last-16-german-cup/a-37447173?maca=en-rss-en-all-1573-rdf",
         ("DW", "dw.com")),
        ("http://www.rte.ie/news/2017/0207/850756-live-blog-politics/", ("RTÉ", "rte.ie")),
        ("http://tass.com/economy/929393", ("TASS", "tass.com")),
        # AllSides URLs with sub-domains of known outlets
        ("http://money.cnn.com/2018/05/23/technology/elon-musk-media/index.html", ("CNN", "cnn.com")),
        ("https://www.apnews.com/fbecae2b7e7c4c62b2e90a2d125007dd", ("AP", "apnews.com")),
        ("http://in.reuters.com/article/2014/12/30/india-sensex", ("Reuters", "reuters.com")),
        ("http://latino.foxnews.com/latino/entertainment/2014/12/29/x", ("Fox News", "foxnews.com")),
        # scheme-less, upper case, port
        ("www.straitstimes.com/asia/east-asia/x", ("The Straits Times", "straitstimes.com")),
        ("HTTPS://WWW.THESTAR.COM.MY:443/news/world", ("The Star", "thestar.com.my")),
    ],
)
def test_outlet_from_url_known(url, expected):
    assert outlet_from_url(url) == expected


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.example-news.co.uk/story/1", ("Example News", "example-news.co.uk")),
        ("https://prachatai.com/journal/2019/01/80642", ("Prachatai", "prachatai.com")),
        ("http://ultimahora.es/mallorca/noticia/x.html", ("Ultimahora", "ultimahora.es")),
        ("https://news.some-paper.com.my/x", ("Some Paper", "some-paper.com.my")),
        ("", ("", "")),
        ("not a url", ("", "")),
        ("http://[broken/x", ("", "")),
        (None, ("", "")),
    ],
)
def test_outlet_from_url_fallback_never_raises(url, expected):
    assert outlet_from_url(url) == expected


def test_host_of():
    assert host_of("http://user@www.bbc.co.uk:8080/news?x=1#y") == "www.bbc.co.uk"
    assert host_of("localhost/x") == ""


def test_known_names_cover_the_seed_outlets():
    names = known_outlet_names()
    # The outlet lines of the seed page dumps in data/raw.
    lines = {line.strip() for path in SEEDS for line in path.read_text("utf-8").splitlines()}
    seed_outlets = {"The Straits Times", "The Star", "Malay Mail"}
    assert seed_outlets <= lines and seed_outlets <= names
    assert {"Reuters", "AFP", "AP", "Bloomberg", "Xinhua", "CNA", "Daily8", "TASS"} <= names
    assert {"South China Morning Post", "TODAY"} <= names


def test_canonical_outlet_on_allsides_names():
    sources = {json.loads(line)["source"]
               for line in (FIXTURES / "allsides" / "allsides_sample.jsonl").read_text("utf-8").splitlines()}
    canonical = {s: canonical_outlet(s) for s in sources}
    assert canonical["CNN (Web News)"] == "CNN"
    assert canonical["Fox Online News"] == canonical["Fox News (Online)"] == "Fox News"
    assert canonical["New York Times - News"] == "The New York Times"
    assert canonical["Associated Press"] == "AP"
    assert canonical["TheBlaze.com"] == "TheBlaze"
    assert canonical["Washington Times"] == "The Washington Times"
    assert canonical["Guest Writer - Right"] == "Guest Writer - Right"  # not an outlet
    assert canonical["Brookings Institution"] == "Brookings Institution"


def test_canonical_outlet_of_unknown_names():
    assert canonical_outlet("  Sinar   Harian (Online News)") == "Sinar Harian"
    assert canonical_outlet("") == ""
    assert canonical_outlet("NPR Online News") == "NPR"


def test_every_known_name_maps_to_itself():
    for name in known_outlet_names():
        assert canonical_outlet(name) == name


def test_domains_table_is_a_copy():
    table = outlet_domains()
    table["cnn.com"] = "changed"
    assert outlet_from_url("https://cnn.com/x")[0] == "CNN"
