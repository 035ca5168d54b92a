"""corpus_tools: analyse how news outlets cover the news.

The flow reads left to right: ``load_corpus`` (raw files → article table) →
``mark_copies`` / ``cluster_stories`` (wire copies, stories) → ``make_dtm``
(document-term matrix) → ``fit_topics`` and the outlet comparisons in
:mod:`corpus_tools.compare` → figures in :mod:`corpus_tools.plots` → ``build_reports``.

Names are imported on first use (PEP 562), so that ``import corpus_tools`` and the
``corpus-tools`` command start fast: scikit-learn, matplotlib and trafilatura load only
when a function that needs them is called.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: Public name -> the submodule that defines it.
_EXPORTS: dict[str, str] = {
    "ARTICLE_COLUMNS": ".schema",
    "IngestError": ".ingest",
    "IngestWarning": ".ingest",
    "from_frame": ".ingest",
    "clean_page_text": ".ingest",
    "iter_articles": ".ingest",
    "load_corpus": ".ingest",
    "parse_page": ".ingest",
    "read_ingest_log": ".ingest",
    "read_source_text": ".ingest",
    "Coverage": ".syndication",
    "align_copies": ".syndication",
    "cluster_stories": ".syndication",
    "coverage_table": ".syndication",
    "find_duplicates": ".syndication",
    "mark_copies": ".syndication",
    "DocumentTermMatrix": ".vectorize",
    "NewsVectorizer": ".vectorize",
    "make_dtm": ".vectorize",
    "TopicModel": ".topics",
    "choose_n_topics": ".topics",
    "fit_topics": ".topics",
    "representative_articles": ".topics",
    "topic_prevalence": ".topics",
    "attention": ".compare",
    "distinctive_terms": ".compare",
    "keyness": ".compare",
    "kwic": ".compare",
    "outlet_similarity": ".compare",
    "prevalence_difference": ".compare",
    "sourcing": ".compare",
    "distinctive_sources": ".compare",
    "source_profile": ".compare",
    "attributions": ".attribution",
    "track_quotes": ".attribution",
    "use_dask": ".parallel",
    "options": ".settings",
    "get_options": ".settings",
    "build_reports": ".reports",
    "show_table": ".reports",
    "ParameterError": ".prepared",
    "PreparedCorpus": ".prepared",
    "prepare": ".prepared",
}
_SUBMODULES = ("attribution", "batches", "compare", "config", "overview", "parallel", "plots",
               "prepared", "reports", "settings", "syndication", "topics")

__all__ = sorted([*_EXPORTS, *_SUBMODULES])


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module 'corpus_tools' has no attribute {name!r}")
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
