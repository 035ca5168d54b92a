"""corpus_tools: analyse how news outlets cover the news.

The flow reads left to right: ``load_corpus`` (raw files → article table) →
syndication (copies, stories) → ``make_dtm`` (document-term matrix) → topics and
outlet comparisons → plots and reports.
"""
from . import config
from . import overview, plots
from .ingest import (
    IngestError,
    clean_page_text,
    load_corpus,
    parse_page,
    read_ingest_log,
    read_source_text,
)
from .reports import build_reports
from .schema import ARTICLE_COLUMNS

__version__ = "0.1.0"

__all__ = [
    "ARTICLE_COLUMNS",
    "IngestError",
    "clean_page_text",
    "build_reports",
    "config",
    "load_corpus",
    "overview",
    "parse_page",
    "plots",
    "read_ingest_log",
    "read_source_text",
]
