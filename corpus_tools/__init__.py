"""corpus_tools: analyse how news outlets cover the news.

The flow reads left to right: ``load_corpus`` (raw files → article table) →
``mark_copies`` / ``cluster_stories`` (wire copies, stories) → ``make_dtm``
(document-term matrix) → ``fit_topics`` and the outlet comparisons in
:mod:`corpus_tools.compare` → figures in :mod:`corpus_tools.plots` → ``build_reports``.
"""
from . import compare, config, overview, plots, syndication, topics
from .compare import (
    attention,
    distinctive_terms,
    keyness,
    kwic,
    outlet_similarity,
    prevalence_difference,
    sourcing,
)
from .ingest import (
    IngestError,
    clean_page_text,
    load_corpus,
    parse_page,
    read_ingest_log,
    read_source_text,
)
from .reports import build_reports, show_table
from .schema import ARTICLE_COLUMNS
from .syndication import (
    Coverage,
    align_copies,
    cluster_stories,
    coverage_table,
    find_duplicates,
    mark_copies,
)
from .topics import (
    TopicModel,
    choose_n_topics,
    fit_topics,
    representative_articles,
    topic_prevalence,
)
from .vectorize import DocumentTermMatrix, NewsVectorizer, make_dtm

__version__ = "0.1.0"

__all__ = [
    "ARTICLE_COLUMNS",
    "Coverage",
    "align_copies",
    "cluster_stories",
    "coverage_table",
    "find_duplicates",
    "mark_copies",
    "show_table",
    "DocumentTermMatrix",
    "IngestError",
    "NewsVectorizer",
    "TopicModel",
    "attention",
    "build_reports",
    "choose_n_topics",
    "clean_page_text",
    "compare",
    "config",
    "distinctive_terms",
    "fit_topics",
    "keyness",
    "kwic",
    "load_corpus",
    "make_dtm",
    "outlet_similarity",
    "overview",
    "parse_page",
    "plots",
    "prevalence_difference",
    "read_ingest_log",
    "read_source_text",
    "representative_articles",
    "sourcing",
    "syndication",
    "topic_prevalence",
    "topics",
]
