"""A prepared corpus: loaded, copies and stories found, matrix built and topics fitted
once, kept on disk, and read by scripts, JupyterLab and every report notebook.

>>> import corpus_tools as ct
>>> corpus = ct.prepare("data/raw", n_topics=12)  # doctest: +SKIP
>>> corpus.articles, corpus.pairs, corpus.dtm, corpus.model  # doctest: +SKIP
"""
from .checks import Checks
from .api import prepare
from .corpus import PreparedCorpus
from .parameters import PARAMETER_HELP, ParameterError, Parameters
from .stages import read_article_table, read_articles
from .store import StageRun, Store

__all__ = ["Checks", "PARAMETER_HELP", "ParameterError", "Parameters", "PreparedCorpus",
           "StageRun", "Store", "prepare", "read_article_table", "read_articles"]
