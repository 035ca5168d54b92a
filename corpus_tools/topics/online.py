"""Topic models that learn from batches of rows: for document-term matrices too large
to copy, weight and fit at once.

``fit_topics(..., batch_size=...)`` comes here. The in-memory fit copies the matrix
three times (pruned counts, float32, TF-IDF) and NMF keeps a dense documents × topics
matrix in every pass; here every step reads ``batch_size`` rows of the document-term
matrix, prunes and weights just those, and hands them to scikit-learn's
``partial_fit``:

* NMF: :class:`sklearn.decomposition.MiniBatchNMF` on the same sublinear TF-IDF as the
  in-memory fit (its document frequencies counted block by block, not by copying);
* LDA: online variational Bayes, :class:`~sklearn.decomposition.LatentDirichletAllocation`
  with ``learning_method="online"`` and ``total_samples`` set to the corpus size.

Each of ``EPOCHS`` passes visits the batches in a seeded random order, so the same
inputs and ``random_state`` give the same topics. Document-topic weights are then
computed batch by batch with ``transform``. bench/topics.py compares the coherence and
time of both with the in-memory fit (figures in the README).
"""
from __future__ import annotations

import warnings

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import LatentDirichletAllocation, MiniBatchNMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfTransformer
from tqdm.auto import tqdm

from .inputs import column_document_counts, tfidf_from_df

__all__ = ["EPOCHS", "fit_in_batches", "column_document_counts", "tfidf_from_df"]

#: Passes over the batches. On allsides (bench/topics.py) coherence stopped rising
#: after three passes of MiniBatchNMF.
EPOCHS = 3

def fit_in_batches(matrix: sp.csr_matrix, fit_rows: np.ndarray, columns: np.ndarray,
                   weighting: TfidfTransformer | None, n_topics: int, method: str,
                   random_state: int, batch_size: int, progress: bool):
    """Fit on ``fit_rows`` in batches; return the estimator and every row's weights.

    Rows without any modelled term get zero weights (NaN shares downstream).
    """
    fit_index = np.flatnonzero(fit_rows)
    batches = [fit_index[i:i + batch_size] for i in range(0, len(fit_index), batch_size)]
    if method == "nmf":
        estimator = MiniBatchNMF(n_components=n_topics, init="nndsvda",
                                 batch_size=batch_size, random_state=random_state)
    else:
        estimator = LatentDirichletAllocation(
            n_components=n_topics, learning_method="online", total_samples=len(fit_index),
            batch_size=batch_size, random_state=random_state)
    rng = np.random.default_rng(random_state)
    with warnings.catch_warnings(), tqdm(total=EPOCHS * len(batches), desc="Fitting topics",
                                         unit="batch", disable=not progress) as bar:
        warnings.simplefilter("ignore", ConvergenceWarning)
        for epoch in range(EPOCHS):
            # the first batch stays first in the first pass: NNDSVDa starts from it
            order = rng.permutation(len(batches)) if epoch else np.arange(len(batches))
            for b in order:
                estimator.partial_fit(_model_input(matrix, batches[b], columns, weighting))
                bar.update()
        weights = np.zeros((matrix.shape[0], n_topics), dtype=np.float64)
        for start in range(0, matrix.shape[0], batch_size):
            rows = np.arange(start, min(start + batch_size, matrix.shape[0]))
            X = _model_input(matrix, rows, columns, weighting)
            has_words = np.diff(X.indptr) > 0
            if has_words.any():
                weights[rows[has_words]] = estimator.transform(X[has_words])
    return estimator, weights


def _model_input(matrix, rows, columns, weighting) -> sp.csr_matrix:
    X = sp.csr_matrix(matrix[rows][:, columns], dtype=np.float32)
    # canonical column order within rows: the sums in the solvers then run in the same
    # order whichever way the matrix was built (CountVectorizer leaves rows unsorted)
    X.sort_indices()
    return weighting.transform(X).astype(np.float32) if weighting is not None else X
