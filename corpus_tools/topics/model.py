"""Topic models (NMF or LDA) of a document-term matrix: the kernels of ``fit_topics``.

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

from ..vectorize import DocumentTermMatrix, make_dtm
from . import online
from .diagnostics import exclusivity, top_term_indices
from .inputs import coherence, model_columns, rows_with_terms, tfidf_from_df

__all__ = ["TopicModel", "fit_whole", "fit_batched", "prepare", "fit_estimator", "assemble",
           "check_k", "check_method", "too_small", "METHODS", "MIN_DOCS_PER_TOPIC"]

METHODS = ("nmf", "lda")
#: A topic needs at least this many articles to be more than one article's words.
MIN_DOCS_PER_TOPIC = 3
N_TOP_TERMS = 10


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
        return doc_topic_frame(self.estimator.transform(X), dtm.doc_ids)

    def _input(self, matrix) -> sp.csr_matrix:
        X = sp.csr_matrix(matrix[:, self.columns], dtype=np.float32)
        return self.weighting.transform(X).astype(np.float32) if self.weighting else X


def check_k(n_topics) -> int:
    if isinstance(n_topics, bool) or not isinstance(n_topics, (int, np.integer)) \
            or n_topics < 2:
        raise ValueError(
            f"n_topics must be a whole number of at least 2; got {n_topics!r}. "
            f"If you do not know how many topics to ask for, use choose_n_topics()."
        )
    return int(n_topics)


def too_small(n_docs: int, n_topics: int) -> ValueError:
    most = n_docs // MIN_DOCS_PER_TOPIC
    fix = (f"Ask for at most {most} topics, or add articles." if most >= 2 else
           f"Add articles: 2 topics need at least {2 * MIN_DOCS_PER_TOPIC}.")
    return ValueError(
        f"Too few articles for {n_topics} topics: the corpus has {n_docs} article(s) "
        f"with words, and each topic needs at least {MIN_DOCS_PER_TOPIC} "
        f"({n_topics * MIN_DOCS_PER_TOPIC} in all). {fix}"
    )


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


def fit_whole(dtm: DocumentTermMatrix, n_topics: int, method: str,
              random_state: int) -> TopicModel:
    """The in-memory fit: NMF (or LDA) on the whole weighted matrix of the fit rows;
    the other rows' shares from ``transform``."""
    counts, X, columns, weighting, fit_rows = prepare(dtm, method)
    if fit_rows.sum() < n_topics * MIN_DOCS_PER_TOPIC:
        raise too_small(int(fit_rows.sum()), n_topics)
    estimator, fit_weights = fit_estimator(X[fit_rows], n_topics, method, random_state)
    weights = np.zeros((X.shape[0], n_topics), dtype=np.float64)
    weights[fit_rows] = fit_weights
    rest = ~fit_rows & (np.diff(X.indptr) > 0)
    if rest.any():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            weights[rest] = estimator.transform(X[rest])
    return assemble(method, n_topics, random_state, weights, estimator, dtm, columns,
                    weighting)


def fit_batched(dtm: DocumentTermMatrix, n_topics: int, method: str, random_state: int,
                batch_size: int, progress: bool) -> TopicModel:
    """The fit from batches of rows (see :mod:`corpus_tools.topics.online`): the same
    columns, TF-IDF and rows as :func:`prepare`, never copied whole."""
    check_method(method)
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) \
            or batch_size < 1:
        raise ValueError(f"batch_size must be a whole number of at least 1; got {batch_size!r}.")
    columns, df = model_columns(dtm.matrix, dtm.fit_rows)
    fit_rows = dtm.fit_rows & rows_with_terms(dtm.matrix, columns)
    if fit_rows.sum() < n_topics * MIN_DOCS_PER_TOPIC:
        raise too_small(int(fit_rows.sum()), n_topics)
    weighting = tfidf_from_df(df[columns], int(fit_rows.sum())) if method == "nmf" else None
    estimator, weights = online.fit_in_batches(dtm.matrix, fit_rows, columns, weighting,
                                               n_topics, method, random_state, batch_size,
                                               progress)
    return assemble(method, n_topics, random_state, weights, estimator, dtm, columns,
                    weighting)


def prepare(dtm: DocumentTermMatrix, method: str):
    """The model's input: pruned counts, the weighted matrix, and the rows to fit.

    Returns ``(counts, X, columns, weighting, fit_rows)``: ``X`` is float32 TF-IDF
    for NMF (``weighting`` its fitted transformer) and the counts for LDA.
    """
    check_method(method)
    columns, df = model_columns(dtm.matrix, dtm.fit_rows)
    counts = sp.csr_matrix(dtm.matrix[:, columns], dtype=np.float32)
    fit_rows = dtm.fit_rows & rows_with_terms(dtm.matrix, columns)
    weighting, X = None, counts
    if method == "nmf":
        weighting = tfidf_from_df(df[columns], int(fit_rows.sum()))
        X = weighting.transform(counts).astype(np.float32)
    return counts, X, columns, weighting, fit_rows


def check_method(method: str) -> str:
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}; got {method!r}.")
    return method


def doc_topic_frame(weights: np.ndarray, doc_ids) -> pd.DataFrame:
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


def assemble(method, n_topics, random_state, weights, estimator, dtm, columns,
             weighting) -> TopicModel:
    """The :class:`TopicModel` of a fitted estimator and every row's topic weights."""
    components = np.asarray(estimator.components_, dtype=np.float64)
    vocabulary = np.asarray(dtm.vocabulary)[columns]
    doc_topics = doc_topic_frame(weights, dtm.doc_ids)
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
        "coherence": coherence(dtm.matrix, columns, top),
        "exclusivity": exclusivity(components, top),
    })
    return TopicModel(method, n_topics, random_state, doc_topics, topic_terms, labels,
                      diagnostics, components, vocabulary, estimator, dtm, columns,
                      weighting)
