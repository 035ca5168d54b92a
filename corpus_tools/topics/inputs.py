"""A topic model's input, one way for every fit (in memory or in batches): the
columns it models, their TF-IDF, the rows that have words, and the topics' coherence,
read block by block so that a million-row matrix is never copied whole."""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer

from .diagnostics import npmi_coherence

__all__ = ["TERM_BUDGET", "MIN_MODEL_TERMS", "MAX_MODEL_TERMS", "column_document_counts",
           "columns_from_df", "model_columns", "tfidf_from_df", "rows_with_terms",
           "coherence"]

#: Terms kept for the model, the most widespread ones: a budget of documents × terms,
#: between 5,000 and 20,000 terms. On allsides (37,554 articles) 5,000 terms gave
#: topics as coherent as 8,000 or all 33,000 in a fraction of the time; on the
#: 3,800-article default corpus coherence kept rising up to ~12,000 terms, which
#: there cost little (bench/topics.py).
TERM_BUDGET = 2e8
MIN_MODEL_TERMS, MAX_MODEL_TERMS = 5000, 20000
#: Rows read at a time when counting document frequencies.
_BLOCK = 100_000


def column_document_counts(matrix: sp.csr_matrix, rows: np.ndarray) -> np.ndarray:
    """Documents (among ``rows``, a boolean mask) in which each column occurs, counted
    block by block so that the rows are never copied all at once."""
    df = np.zeros(matrix.shape[1], np.int64)
    for start in range(0, matrix.shape[0], _BLOCK):
        block = matrix[start:start + _BLOCK][rows[start:start + _BLOCK]]
        df += np.bincount(block.indices, minlength=matrix.shape[1])
    return df


def columns_from_df(df: np.ndarray, n_docs: int, max_terms: int | None = None) -> np.ndarray:
    """Columns kept for modelling: the ``max_terms`` terms in most documents, from the
    columns' document frequencies over ``n_docs``; by default ``TERM_BUDGET / n_docs``
    terms, within [5,000, 20,000]."""
    if max_terms is None:
        budget = TERM_BUDGET / max(n_docs, 1)
        max_terms = int(np.clip(budget, MIN_MODEL_TERMS, MAX_MODEL_TERMS))
    if len(df) <= max_terms:
        return np.flatnonzero(df > 0)
    order = np.argsort(-df, kind="stable")[:max_terms]
    return np.sort(order[df[order] > 0])


def model_columns(matrix: sp.csr_matrix, rows: np.ndarray,
                  max_terms: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The columns modelled (:func:`columns_from_df` over ``rows``) and the document
    frequency of every column among ``rows``."""
    df = column_document_counts(matrix, rows)
    return columns_from_df(df, int(rows.sum()), max_terms), df


def tfidf_from_df(df: np.ndarray, n_docs: int) -> TfidfTransformer:
    """The sublinear TF-IDF weighting, from the document frequencies of ``n_docs``
    documents (smooth idf): what ``TfidfTransformer(sublinear_tf=True).fit`` learns,
    which reads nothing but these (the tests check they are equal), without handing
    it a copy of the rows. Sublinear tf: a word repeated 20 times in one article should
    not become its own topic; l2 rows: long and short articles weigh the same."""
    weighting = TfidfTransformer(sublinear_tf=True)
    idf = np.full(len(df), n_docs + 1, dtype=np.float32) / (df.astype(np.float32) + 1)
    weighting.idf_ = np.log(idf) + np.float32(1.0)
    weighting.n_features_in_ = len(df)
    return weighting


def rows_with_terms(matrix: sp.csr_matrix, columns: np.ndarray) -> np.ndarray:
    """True for the rows holding at least one of ``columns``, read block by block."""
    kept = np.zeros(matrix.shape[1], bool)
    kept[columns] = True
    out = np.zeros(matrix.shape[0], bool)
    for start in range(0, matrix.shape[0], _BLOCK):
        block = matrix[start:start + _BLOCK]
        hits = kept[block.indices].astype(np.int64)
        per_row = np.add.reduceat(np.r_[hits, 0], np.minimum(block.indptr[:-1], len(hits)))
        out[start:start + block.shape[0]] = (per_row > 0) & (np.diff(block.indptr) > 0)
    return out


def coherence(matrix: sp.csr_matrix, columns: np.ndarray, top: np.ndarray) -> np.ndarray:
    """NPMI of each topic's top terms (``top``: indices into ``columns``) over all rows
    of ``matrix``, reading only those terms' columns."""
    used, local = np.unique(np.concatenate(list(top)), return_inverse=True)
    sub = matrix[:, columns[used]]
    local_top, start = [], 0
    for terms in top:
        local_top.append(local[start:start + len(terms)])
        start += len(terms)
    return npmi_coherence(sub, local_top)
