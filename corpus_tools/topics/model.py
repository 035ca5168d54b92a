"""Fit a topic model (NMF or LDA) on an article table or a document-term matrix.

The default is NMF on a pruned, float32 TF-IDF matrix: on news it gives topics at
least as coherent as LDA at a fraction of the time (``bench/topics.py`` measures it
against scikit-learn, gensim and tomotopy). Everything is seeded, so the same inputs
and ``random_state`` give identical results.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfTransformer

from ..batches import is_table_source
from ..vectorize import DocumentTermMatrix, make_dtm
from . import online
from .diagnostics import exclusivity, npmi_coherence, top_term_indices

__all__ = ["TopicModel", "fit_topics", "METHODS", "MIN_DOCS_PER_TOPIC"]

METHODS = ("nmf", "lda")
#: A topic needs at least this many articles to be more than one article's words.
MIN_DOCS_PER_TOPIC = 3
#: Terms kept for the model, the most widespread ones: a budget of documents × terms,
#: between 5,000 and 20,000 terms. On allsides (37,554 articles) 5,000 terms gave
#: topics as coherent as 8,000 or all 33,000 in a fraction of the time; on the
#: 3,800-article default corpus coherence kept rising up to ~12,000 terms, which
#: there cost little (bench/topics.py).
TERM_BUDGET = 2e8
MIN_MODEL_TERMS, MAX_MODEL_TERMS = 5000, 20000
N_TOP_TERMS = 10
#: Above this many articles to fit, fit_topics learns from batches of
#: DEFAULT_BATCH_ROWS by default: the in-memory fit holds three weighted copies of
#: the matrix and a dense documents x topics array in every pass.
AUTO_BATCH_ROWS = 300_000
DEFAULT_BATCH_ROWS = 20_000


@dataclass
class TopicModel:
    """A fitted topic model and its diagnostics.

    Attributes
    ----------
    method : str
        "nmf" or "lda".
    n_topics : int
    random_state : int
    doc_topics : pandas.DataFrame
        Share of each topic in each article (rows sum to 1; all-NaN for an article
        with no modelled words), indexed by ``doc_id``, one column per topic number.
    topic_terms : pandas.DataFrame
        Tidy: ``topic``, ``rank``, ``term``, ``weight`` for the top terms of each topic.
    labels : pandas.Series
        A short label per topic from its top three terms, indexed by topic number.
    diagnostics : pandas.DataFrame
        Per topic: ``label``, ``n_docs`` (articles whose main topic it is), ``share``
        (mean share over articles), ``coherence`` (NPMI of the top 10 terms over the
        corpus), ``exclusivity`` (share of the top terms' weight in this topic).
    components : numpy.ndarray
        Topic × term weights over ``vocabulary``.
    vocabulary : numpy.ndarray of str
    estimator : sklearn estimator
        The fitted ``NMF`` or ``LatentDirichletAllocation``.
    dtm : DocumentTermMatrix
        The matrix it was fitted on (its vectorizer counts new articles).
    """

    method: str
    n_topics: int
    random_state: int
    doc_topics: pd.DataFrame
    topic_terms: pd.DataFrame
    labels: pd.Series
    diagnostics: pd.DataFrame
    components: np.ndarray
    vocabulary: np.ndarray
    estimator: object
    dtm: DocumentTermMatrix = field(repr=False)
    columns: np.ndarray = field(repr=False)  # columns of dtm.matrix the model uses
    weighting: TfidfTransformer | None = field(repr=False, default=None)

    def __repr__(self) -> str:
        return (f"TopicModel(method={self.method!r}, n_topics={self.n_topics}, "
                f"random_state={self.random_state}, n_docs={len(self.doc_topics)}, "
                f"n_terms={len(self.vocabulary)}, mean_coherence="
                f"{self.diagnostics['coherence'].mean():.3f})")

    def top_terms(self, n: int = N_TOP_TERMS) -> dict[int, list[str]]:
        """The ``n`` heaviest terms of each topic: ``{topic: [term, ...]}``."""
        idx = top_term_indices(self.components, n)
        return {k: self.vocabulary[row].tolist() for k, row in enumerate(idx)}

    def main_topic(self) -> pd.Series:
        """Each article's heaviest topic (``<NA>`` for articles without modelled words)."""
        filled = self.doc_topics.fillna(-1.0)
        main = pd.Series(filled.to_numpy().argmax(axis=1), index=self.doc_topics.index,
                         name="topic").astype("Int64")
        return main.mask(self.doc_topics.isna().all(axis=1))

    def transform(self, corpus_or_dtm) -> pd.DataFrame:
        """Topic shares of new articles, counted with the fitted vectorizer.

        Examples
        --------
        >>> new_shares = model.transform(new_articles)  # doctest: +SKIP
        """
        if isinstance(corpus_or_dtm, pd.DataFrame):
            dtm = make_dtm(corpus_or_dtm, vectorizer=self.dtm.vectorizer, progress=False)
        else:
            dtm = corpus_or_dtm
        X = self._input(dtm.matrix)
        return _doc_topic_frame(self.estimator.transform(X), dtm.doc_ids)

    def _input(self, matrix) -> sp.csr_matrix:
        X = sp.csr_matrix(matrix[:, self.columns], dtype=np.float32)
        return self.weighting.transform(X).astype(np.float32) if self.weighting else X


def _check_k(n_topics) -> int:
    if isinstance(n_topics, bool) or not isinstance(n_topics, (int, np.integer)) \
            or n_topics < 2:
        raise ValueError(
            f"n_topics must be a whole number of at least 2; got {n_topics!r}. "
            f"If you do not know how many topics to ask for, use choose_n_topics()."
        )
    return int(n_topics)


def _too_small(n_docs: int, n_topics: int) -> ValueError:
    most = n_docs // MIN_DOCS_PER_TOPIC
    fix = (f"Ask for at most {most} topics, or add articles." if most >= 2 else
           f"Add articles: 2 topics need at least {2 * MIN_DOCS_PER_TOPIC}.")
    return ValueError(
        f"Too few articles for {n_topics} topics: the corpus has {n_docs} article(s) "
        f"with words, and each topic needs at least {MIN_DOCS_PER_TOPIC} "
        f"({n_topics * MIN_DOCS_PER_TOPIC} in all). {fix}"
    )


def as_dtm(corpus_or_dtm, n_topics: int | None = None, progress: bool = True,
           scheduler=None):
    """An article table or a DocumentTermMatrix → DocumentTermMatrix, with size checks."""
    if isinstance(corpus_or_dtm, DocumentTermMatrix):
        dtm = corpus_or_dtm
    elif not isinstance(corpus_or_dtm, pd.DataFrame) and is_table_source(corpus_or_dtm):
        dtm = make_dtm(corpus_or_dtm, progress=progress, scheduler=scheduler)  # out of core
    elif isinstance(corpus_or_dtm, pd.DataFrame):
        if n_topics is not None:
            n_rows = int((corpus_or_dtm["kind"] == "article").sum()) \
                if "kind" in corpus_or_dtm else len(corpus_or_dtm)
            if n_rows == 0:
                raise ValueError(
                    "The corpus is empty: no rows of kind 'article' to model. Load "
                    "articles with corpus_tools.load_corpus() and check your filters."
                )
            if n_rows < n_topics * MIN_DOCS_PER_TOPIC:
                raise _too_small(n_rows, n_topics)
        dtm = make_dtm(corpus_or_dtm, progress=progress)
    else:
        raise TypeError(
            f"Expected an article table (DataFrame) or a DocumentTermMatrix from "
            f"make_dtm(); got {type(corpus_or_dtm).__name__}."
        )
    return dtm


def model_columns(matrix: sp.csr_matrix, max_terms: int | None = None) -> np.ndarray:
    """Columns kept for modelling: the ``max_terms`` terms in most documents.

    By default ``TERM_BUDGET / n_docs`` terms, within [5,000, 20,000].
    """
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    return columns_from_df(df, matrix.shape[0], max_terms)


def columns_from_df(df: np.ndarray, n_docs: int, max_terms: int | None = None) -> np.ndarray:
    """:func:`model_columns` from the columns' document frequencies over ``n_docs``."""
    if max_terms is None:
        budget = TERM_BUDGET / max(n_docs, 1)
        max_terms = int(np.clip(budget, MIN_MODEL_TERMS, MAX_MODEL_TERMS))
    if len(df) <= max_terms:
        return np.flatnonzero(df > 0)
    order = np.argsort(-df, kind="stable")[:max_terms]
    return np.sort(order[df[order] > 0])


def fit_estimator(X: sp.csr_matrix, n_topics: int, method: str, random_state: int,
                  max_iter: int | None = None):
    """Fit the scikit-learn estimator; return it and the document-topic weights."""
    if method == "nmf":
        # nndsvda starts near a good solution, so a loose tolerance and few passes
        # reach the coherence of scikit-learn's defaults (tol 1e-4, 200 passes):
        # the top terms stop changing long before the loss does. On allsides
        # (bench/topics.py) 40 passes gave mean NPMI 0.291, 60 passes 0.300 and
        # scikit-learn's defaults 0.286; 40 passes cost a third less than 60.
        model = NMF(n_components=n_topics, init="nndsvda", solver="cd", tol=1e-3,
                    max_iter=max_iter or 40, random_state=random_state)
    else:
        model = LatentDirichletAllocation(
            n_components=n_topics, learning_method="online", max_iter=max_iter or 10,
            batch_size=512, random_state=random_state,
        )
    with warnings.catch_warnings():
        # stopping at max_iter is the intended trade (see above), not a failure
        warnings.simplefilter("ignore", ConvergenceWarning)
        weights = model.fit_transform(X)
    return model, weights


def fit_topics(corpus_or_dtm, n_topics: int, *, method: str = "nmf",
               random_state: int = 0, progress: bool = True,
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
    progress : bool, default True
        Show a progress bar while vectorising (and fitting in batches).
    batch_size : int, optional
        Learn from batches of this many articles (MiniBatchNMF or online LDA
        ``partial_fit``, :mod:`corpus_tools.topics.online`) instead of the whole matrix
        at once: for corpora whose weighted matrix would not fit in memory. By default
        used, with batches of 20,000, above ``AUTO_BATCH_ROWS`` (300,000) articles.
        An article table too large for memory can be given as the folder that
        ``load_corpus(..., out=...)`` wrote or as a Dask DataFrame: it is vectorised
        out of core first (:func:`corpus_tools.make_dtm`).
    scheduler : dask.distributed.Client, str, None or False
        For a dataset path or Dask DataFrame: the cluster that counts its partitions
        (see :func:`corpus_tools.make_dtm`); the fit itself streams the in-memory
        matrix in this process.

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
    n_topics = _check_k(n_topics)
    dtm = as_dtm(corpus_or_dtm, n_topics, progress, scheduler)
    if batch_size is None and dtm.fit_rows.sum() > AUTO_BATCH_ROWS:
        batch_size = DEFAULT_BATCH_ROWS
    if batch_size is not None:
        return _fit_in_batches(dtm, n_topics, method, random_state, batch_size, progress)
    counts, X, columns, weighting, fit_rows = prepare(dtm, method)
    if fit_rows.sum() < n_topics * MIN_DOCS_PER_TOPIC:
        raise _too_small(int(fit_rows.sum()), n_topics)
    estimator, fit_weights = fit_estimator(X[fit_rows], n_topics, method, random_state)
    weights = np.zeros((X.shape[0], n_topics), dtype=np.float64)
    weights[fit_rows] = fit_weights
    rest = ~fit_rows & (np.diff(X.indptr) > 0)
    if rest.any():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            weights[rest] = estimator.transform(X[rest])
    components = np.asarray(estimator.components_, dtype=np.float64)
    vocabulary = np.asarray(dtm.vocabulary)[columns]
    doc_topics = _doc_topic_frame(weights, dtm.doc_ids)
    return _assemble(method, n_topics, random_state, doc_topics, components, vocabulary,
                     estimator, dtm, columns, weighting, counts)


def _fit_in_batches(dtm: DocumentTermMatrix, n_topics: int, method: str,
                    random_state: int, batch_size: int, progress: bool) -> TopicModel:
    """fit_topics from batches of rows (see :mod:`corpus_tools.topics.online`)."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}; got {method!r}.")
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) \
            or batch_size < 1:
        raise ValueError(f"batch_size must be a whole number of at least 1; got {batch_size!r}.")
    matrix = dtm.matrix
    df = online.column_document_counts(matrix, dtm.fit_rows)
    columns = columns_from_df(df, int(dtm.fit_rows.sum()))
    kept = np.zeros(matrix.shape[1], bool)
    kept[columns] = True
    # rows with at least one modelled term (as prepare() drops empty rows)
    has_words = np.zeros(matrix.shape[0], bool)
    for start in range(0, matrix.shape[0], batch_size):
        block = matrix[start:start + batch_size]
        hits = kept[block.indices]
        has_words[start:start + batch_size] = np.add.reduceat(
            np.r_[hits, False].astype(np.int64), np.minimum(block.indptr[:-1], len(hits))
        ) * (np.diff(block.indptr) > 0) > 0
    fit_rows = dtm.fit_rows & has_words
    if fit_rows.sum() < n_topics * MIN_DOCS_PER_TOPIC:
        raise _too_small(int(fit_rows.sum()), n_topics)
    weighting = online.tfidf_from_df(df[columns], int(fit_rows.sum())) if method == "nmf" else None
    estimator, weights = online.fit_in_batches(matrix, fit_rows, columns, weighting, n_topics,
                                               method, random_state, batch_size, progress)
    components = np.asarray(estimator.components_, dtype=np.float64)
    return _assemble(method, n_topics, random_state, _doc_topic_frame(weights, dtm.doc_ids),
                     components, np.asarray(dtm.vocabulary)[columns], estimator, dtm, columns,
                     weighting, counts=None,
                     coherence=online.coherence_of(matrix, columns, components, N_TOP_TERMS))


def prepare(dtm: DocumentTermMatrix, method: str):
    """The model's input: pruned counts, the weighted matrix, and the rows to fit.

    Returns ``(counts, X, columns, weighting, fit_rows)``: ``X`` is float32 TF-IDF
    for NMF (``weighting`` its fitted transformer) and the counts for LDA.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}; got {method!r}.")
    columns = model_columns(dtm.matrix[dtm.fit_rows])
    counts = sp.csr_matrix(dtm.matrix[:, columns], dtype=np.float32)
    fit_rows = dtm.fit_rows & (np.diff(counts.indptr) > 0)
    weighting, X = None, counts
    if method == "nmf":
        # sublinear tf: a word repeated 20 times in one article should not become
        # its own topic; l2 rows: long and short articles weigh the same.
        weighting = TfidfTransformer(sublinear_tf=True).fit(counts[fit_rows])
        X = weighting.transform(counts).astype(np.float32)
    return counts, X, columns, weighting, fit_rows


def _doc_topic_frame(weights: np.ndarray, doc_ids) -> pd.DataFrame:
    totals = weights.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(totals > 0, weights / totals, np.nan)
    frame = pd.DataFrame(shares, index=pd.Index(doc_ids, name="doc_id"))
    frame.columns = pd.RangeIndex(weights.shape[1], name="topic")
    return frame


def topic_labels(top_terms: dict[int, list[str]], n: int = 3) -> pd.Series:
    """Short labels from each topic's top terms: "xi jinping · putin · sco"."""
    labels, seen = {}, set()
    for k, terms in top_terms.items():
        label = " · ".join(t.replace("_", " ") for t in terms[:n])
        if label in seen:  # two topics with the same top terms stay distinguishable
            label = f"{label} ({k})"
        seen.add(label)
        labels[k] = label
    return pd.Series(labels, name="label").rename_axis("topic")


def _assemble(method, n_topics, random_state, doc_topics, components, vocabulary,
              estimator, dtm, columns, weighting, counts, coherence=None) -> TopicModel:
    top = top_term_indices(components, N_TOP_TERMS)
    rows = [{"topic": k, "rank": r + 1, "term": vocabulary[j], "weight": components[k, j]}
            for k in range(n_topics) for r, j in enumerate(top[k])]
    topic_terms = pd.DataFrame(rows)
    labels = topic_labels({k: vocabulary[top[k]].tolist() for k in range(n_topics)})
    main = doc_topics.fillna(-1).to_numpy().argmax(axis=1)
    has_words = ~doc_topics.isna().all(axis=1).to_numpy()
    n_docs = np.bincount(main[has_words], minlength=n_topics)
    diagnostics = pd.DataFrame({
        "topic": np.arange(n_topics),
        "label": labels.to_numpy(),
        "n_docs": n_docs,
        "share": doc_topics.mean(axis=0, skipna=True).to_numpy(),
        "coherence": npmi_coherence(counts, top) if coherence is None else coherence,
        "exclusivity": exclusivity(components, top),
    })
    return TopicModel(method, n_topics, random_state, doc_topics, topic_terms, labels,
                      diagnostics, components, vocabulary, estimator, dtm, columns,
                      weighting)
