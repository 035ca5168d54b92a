"""Topics' entry points: ``fit_topics`` and ``choose_n_topics``, on an article table, a
dataset or Dask frame (vectorised first) or a ``DocumentTermMatrix``. They check sizes,
read the run settings and call the kernels (:mod:`.model`, :mod:`.choose`), which never
import this module.
"""
from __future__ import annotations

import pandas as pd

from ..batches import is_table_source
from ..schema import article_mask
from ..settings import resolve
from ..vectorize import DocumentTermMatrix, make_dtm
from .choose import TopicNumberChoice, compare_candidates
from .model import MIN_DOCS_PER_TOPIC, TopicModel, check_k, fit_batched, fit_whole, too_small

__all__ = ["fit_topics", "choose_n_topics", "as_dtm", "AUTO_BATCH_ROWS"]

#: Above this many articles to fit, fit_topics learns from batches by default: the
#: in-memory fit holds three weighted copies of the matrix and a dense documents x
#: topics array in every pass.
AUTO_BATCH_ROWS = 300_000


def fit_topics(corpus_or_dtm, n_topics: int, *, method: str = "nmf",
               random_state: int = 0, progress: bool | None = None,
               batch_size: int | None = None, scheduler=None) -> TopicModel:
    """Fit a topic model to an article table or a document-term matrix.

    Parameters
    ----------
    corpus_or_dtm : pandas.DataFrame or DocumentTermMatrix
        An article table (vectorised with :func:`corpus_tools.make_dtm` defaults) or
        the result of ``make_dtm`` for other options.
    n_topics : int
        Number of topics (at least 2); :func:`choose_n_topics` suggests one.
    method : {"nmf", "lda"}, default "nmf"
        NMF on TF-IDF (fast, sharp topics) or LDA on counts (a probabilistic model).
    random_state : int, default 0
        Seed; the same inputs and seed give identical results.
    progress : bool, optional
        Show a progress bar while vectorising (and fitting in batches); default:
        ``corpus_tools.options``.
    batch_size : int, optional
        Learn from batches of this many articles (MiniBatchNMF or online LDA
        ``partial_fit``, :mod:`corpus_tools.topics.online`) instead of the whole matrix
        at once: for corpora whose weighted matrix would not fit in memory. By default
        used above ``AUTO_BATCH_ROWS`` (300,000) articles, with batches of
        ``corpus_tools.options().batch_size`` (10,000).
        An article table too large for memory can be given as the folder that
        ``load_corpus(..., out=...)`` wrote or as a Dask DataFrame: it is vectorised
        out of core first (:func:`corpus_tools.make_dtm`).
    scheduler : dask.distributed.Client, str, None or False
        For a dataset path or Dask DataFrame: the cluster that counts its partitions
        (see :func:`corpus_tools.make_dtm`; default: ``corpus_tools.options``); the fit
        itself streams the in-memory matrix in this process.

    Returns
    -------
    TopicModel
        Fitted on one copy per syndicated story (``dtm.fit_rows``); topic shares are
        given for every row of the matrix.

    Raises
    ------
    ValueError
        For an empty corpus, or fewer than 3 articles per topic.

    Examples
    --------
    A three-article corpus is too small for two topics, and the error says so:

    >>> from corpus_tools.schema import conform
    >>> t = conform(pd.DataFrame({"outlet": ["A", "B", "C"], "title": ["Xi meets Putin",
    ...     "Putin hosts Xi", "Trade talks"], "body": ["a b", "c d", "e f"]}))
    >>> fit_topics(t, 2)
    Traceback (most recent call last):
    ValueError: Too few articles for 2 topics: ...
    >>> model = fit_topics(corpus, 20)  # doctest: +SKIP
    >>> model.diagnostics.head()  # doctest: +SKIP
    """
    n_topics = check_k(n_topics)
    settings = resolve(progress=progress, scheduler=scheduler)
    dtm = as_dtm(corpus_or_dtm, n_topics, settings.progress, scheduler)
    if batch_size is None and dtm.fit_rows.sum() > AUTO_BATCH_ROWS:
        batch_size = settings.batch_size
    if batch_size is not None:
        return fit_batched(dtm, n_topics, method, random_state, batch_size, settings.progress)
    return fit_whole(dtm, n_topics, method, random_state)


def choose_n_topics(corpus_or_dtm, candidates=range(5, 31, 5), *, method: str = "nmf",
                    n_seeds: int = 3, random_state: int = 0,
                    progress: bool | None = None) -> TopicNumberChoice:
    """Compare numbers of topics and recommend one.

    For each candidate k the model is fitted once on all articles (coherence and
    diversity of its topics) and ``n_seeds`` more times, each on a different random
    80 % of the articles with a different seed; stability is how well those refits
    find the same topics (top-term Jaccard after matching, Greene et al. 2014). A k
    whose topics come back when the data are shaken is one the corpus supports.

    Parameters
    ----------
    corpus_or_dtm : pandas.DataFrame or DocumentTermMatrix
    candidates : iterable of int, default range(5, 31, 5)
    method : {"nmf", "lda"}, default "nmf"
    n_seeds : int, default 3
        Refits per candidate for stability (each costs one fit).
    random_state : int, default 0
    progress : bool, optional
        Default: ``corpus_tools.options``.

    Returns
    -------
    TopicNumberChoice
        ``.table``, ``.k`` and ``.reason``. The rule: among acceptable candidates,
        the smallest k whose coherence is within 0.02 of the best.

    Examples
    --------
    >>> choice = choose_n_topics(corpus, candidates=[5, 10, 15])  # doctest: +SKIP
    >>> choice.k, choice.reason  # doctest: +SKIP
    (10, 'k=10 is the smallest number of topics whose coherence ...')
    """
    ks = sorted({check_k(k) for k in candidates})
    if not ks:
        raise ValueError("candidates is empty; pass numbers of topics such as range(5, 31, 5).")
    progress = resolve(progress=progress).progress
    dtm = as_dtm(corpus_or_dtm, ks[0], progress)
    return compare_candidates(dtm, ks, method, n_seeds, random_state, progress)


def as_dtm(corpus_or_dtm, n_topics: int | None = None, progress: bool | None = None,
           scheduler=None) -> DocumentTermMatrix:
    """An article table, a dataset, a Dask frame or a DocumentTermMatrix → the
    DocumentTermMatrix, with the corpus's size checked against ``n_topics``."""
    if isinstance(corpus_or_dtm, DocumentTermMatrix):
        return corpus_or_dtm
    if isinstance(corpus_or_dtm, pd.DataFrame):
        if n_topics is not None:
            n_rows = int(article_mask(corpus_or_dtm).sum())
            if n_rows == 0:
                raise ValueError(
                    "The corpus is empty: no rows of kind 'article' to model. Load "
                    "articles with corpus_tools.load_corpus() and check your filters."
                )
            if n_rows < n_topics * MIN_DOCS_PER_TOPIC:
                raise too_small(n_rows, n_topics)
        return make_dtm(corpus_or_dtm, progress=progress)
    if is_table_source(corpus_or_dtm):  # a dataset or a Dask frame: out of core
        return make_dtm(corpus_or_dtm, progress=progress, scheduler=scheduler)
    raise TypeError(
        f"Expected an article table (DataFrame) or a DocumentTermMatrix from "
        f"make_dtm(); got {type(corpus_or_dtm).__name__}."
    )
