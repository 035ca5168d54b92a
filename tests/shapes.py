"""Corpora of the shapes a report must survive, built from real data: committed
fixtures and slices of the default corpus in data/raw.

Each shape is one line of :data:`SHAPES`: a name, a function that writes (or points to)
the corpus given a scratch folder, and the sentences its reports must contain (the
sections that cannot apply say why). Adding a corpus, e.g. a layout that ``load_corpus``
learns to read, is one more line.
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from tests.conftest import FIXTURES, RAW_DIR

EXPORT = RAW_DIR / "newsarticles" / "NewsArticles.zip"


@dataclass
class Shape:
    """A corpus shape: ``make(folder)`` returns the corpus path; ``expect`` maps a report
    (notebook stem prefix, "01" ...) to phrases that must be in it."""

    name: str
    make: Callable[[Path], Path | str]
    expect: dict[str, list[str]] = field(default_factory=dict)


def fixture(relative: str) -> Callable[[Path], Path]:
    return lambda folder: FIXTURES / relative


def seeds(folder: Path) -> str:
    """The two page dumps of data/raw, as a glob."""
    return str(RAW_DIR / "0*.txt")


def export_slice(*, outlets: list[str] | None = None, per_outlet: int = 20,
                 drop: tuple[str, ...] = (), fmt: str = "csv") -> Callable[[Path], Path]:
    """Rows of the default corpus's export (NewsArticles.csv in data/raw): ``per_outlet``
    articles of each outlet host (all hosts, or those of ``outlets``), the first by
    ``article_id``, written as ``fmt``: csv, csv.gz, jsonl, or ingest.parquet (the
    article table ``corpus-tools ingest`` writes)."""
    hosts = {"TASS": "tass.com", "BBC": "www.bbc.co.uk", "CNN": "www.cnn.com",
             "Al Jazeera": "www.aljazeera.com", "DW": "www.dw.com"}

    def make(folder: Path) -> Path:
        raw = pd.read_csv(EXPORT, dtype=str, keep_default_na=False)
        host = raw["article_source_link"].str.extract(r"https?://([^/]+)")[0]
        if outlets:
            wanted = {hosts[o] for o in outlets}
            raw, host = raw[host.isin(wanted)], host[host.isin(wanted)]
        rows = (raw.assign(_n=raw["article_id"].astype(int)).sort_values("_n")
                .groupby(host, sort=True).head(per_outlet).drop(columns="_n").drop(columns=list(drop)))
        stem = folder / "slice"
        if fmt == "csv":
            rows.to_csv(path := stem.with_suffix(".csv"), index=False)
        elif fmt == "csv.gz":
            with gzip.open(path := folder / "slice.csv.gz", "wt", encoding="utf-8") as handle:
                rows.to_csv(handle, index=False)
        elif fmt == "jsonl":
            rows.to_json(path := stem.with_suffix(".jsonl"), orient="records", lines=True)
        elif fmt == "ingest.parquet":
            from corpus_tools.cli import main

            rows.to_csv(source := stem.with_suffix(".csv"), index=False)
            assert main(["ingest", str(source), "--out", str(path := folder / "table.parquet"),
                         "--quiet"]) == 0
        else:
            raise ValueError(fmt)
        return path

    return make


UNDATED = "has a publication date"
ONE_OUTLET = "All articles come from one outlet"
NO_COPIES = "are copies of each other"
NO_PAGES = "there is no scraped page to show"

#: The shapes: the default corpus's layouts and sizes, other layouts, and the edge cases
#: an unseen corpus brings (undated, one or two outlets, no copies, no agencies, ten
#: articles). One line each.
SHAPES = [
    Shape("two page dumps", seeds, {"02": ["Topics need at least"]}),
    Shape("html pages", fixture("newspaper_pages/html"), {"04": [NO_COPIES]}),
    Shape("jsonl export, 16 outlets", fixture("allsides/allsides_sample.jsonl"), {"01": [NO_PAGES]}),
    Shape("undated csv export", fixture("fakenews/news_sample_slice.csv"), {"01": [UNDATED], "03": [UNDATED]}),
    Shape("one outlet, csv.gz", export_slice(outlets=["TASS"], per_outlet=40, fmt="csv.gz"), {"03": [ONE_OUTLET], "01": [NO_PAGES]}),
    Shape("two outlets, ingest parquet", export_slice(outlets=["BBC", "CNN"], per_outlet=30, fmt="ingest.parquet")),
    Shape("ten articles, jsonl", export_slice(outlets=["TASS", "BBC", "CNN", "DW", "Al Jazeera"], per_outlet=2, fmt="jsonl")),
    Shape("undated slice of the default export", export_slice(per_outlet=8, drop=("publish_date",)), {"01": [UNDATED], "04": [UNDATED]}),
]
