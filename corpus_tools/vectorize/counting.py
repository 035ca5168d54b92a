"""Counting term ids in numpy: one batch's counts, and the batches' counts merged.

A batch's counts are a CSR matrix over the terms that batch uses, named by those terms
(:class:`BatchCounts`: what a Dask worker sends back). :class:`Merger` puts the batches
under one vocabulary and, once the corpus is counted, in the pruned vocabulary's
columns. ``CountVectorizer`` builds a Python list per text and looks every token up in a
dict; numpy over term ids counts the same in a fraction of the time (bench/vectorize.py).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ..phrases import DOC_END
from ..schema import article_mask, article_texts

__all__ = ["BatchCounts", "count_ids", "count_frame", "kind_mask", "Merger", "stack"]


@dataclass
class BatchCounts:
    """Term counts of one batch: row ``i`` is text ``i``, column ``j`` the term ``names[j]``."""

    indptr: np.ndarray  # int64, one more than the texts
    columns: np.ndarray  # int32
    counts: np.ndarray  # int32
    names: np.ndarray  # object array of str: the terms this batch uses

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    def matrix(self, column_of: np.ndarray, n_columns: int, dtype) -> sp.csr_matrix:
        """The batch in the columns ``column_of[j]`` of a vocabulary (-1: not in it)."""
        column = column_of[self.columns]
        rows = np.repeat(np.arange(self.n_rows), np.diff(self.indptr))
        ok = column >= 0
        matrix = sp.csr_matrix((self.counts[ok].astype(dtype), (rows[ok], column[ok])),
                               shape=(self.n_rows, n_columns))
        matrix.sort_indices()
        return matrix


def count_ids(ids: np.ndarray, names: np.ndarray, n_texts: int) -> BatchCounts:
    """Counts of one batch from its term ids (each text closed by ``DOC_END``)."""
    ends = ids == DOC_END
    doc = (np.cumsum(ends) - ends)[~ends]  # the text each id belongs to
    used, term = np.unique(ids[~ends], return_inverse=True)
    matrix = sp.coo_matrix((np.ones(len(term), np.int32), (doc, term)),
                           shape=(n_texts, len(used))).tocsr()
    matrix.sum_duplicates()
    return BatchCounts(matrix.indptr.astype(np.int64), matrix.indices.astype(np.int32),
                       matrix.data.astype(np.int32), names[used])


class Merger:
    """The batches' counts under one vocabulary (in the order terms are first seen)."""

    def __init__(self):
        self.vocabulary: dict[str, int] = {}
        self.parts: list[BatchCounts] = []

    def add(self, part: BatchCounts) -> None:
        vocab = self.vocabulary
        to_global = np.fromiter((vocab.setdefault(n, len(vocab)) for n in part.names.tolist()),
                                dtype=np.int32, count=len(part.names))
        self.parts.append(BatchCounts(part.indptr, to_global[part.columns], part.counts,
                                      np.empty(0, object)))

    def names(self) -> np.ndarray:
        names = np.empty(len(self.vocabulary), dtype=object)
        names[list(self.vocabulary.values())] = list(self.vocabulary.keys())
        return names

    def document_frequency(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Documents (among ``rows``, a boolean mask) holding each term, and its count."""
        n_terms = len(self.vocabulary)
        df, totals = np.zeros(n_terms, np.int64), np.zeros(n_terms, np.int64)
        start = 0
        for part in self.parts:
            fit = rows[start + np.repeat(np.arange(part.n_rows), np.diff(part.indptr))]
            df += np.bincount(part.columns[fit], minlength=n_terms)
            totals += np.bincount(part.columns[fit], weights=part.counts[fit],
                                  minlength=n_terms).astype(np.int64)
            start += part.n_rows
        return df, totals

    def finish(self, column_of: np.ndarray, n_columns: int, dtype) -> sp.csr_matrix:
        """Every batch in the vocabulary's columns, one under the other; each batch's
        counts are freed as it is copied."""
        blocks = []
        while self.parts:
            blocks.append(self.parts.pop(0).matrix(column_of, n_columns, dtype))
        return stack(blocks, n_columns, dtype)


def stack(blocks: list, n_columns: int, dtype) -> sp.csr_matrix:
    """The blocks one under the other, each freed once copied: about one copy of the
    counts in memory at a time (``scipy.sparse.vstack`` would hold two)."""
    nnz = sum(block.nnz for block in blocks)
    n_rows = sum(block.shape[0] for block in blocks)
    index = np.int32 if max(nnz, n_columns) < 2**31 else np.int64
    data, indices = np.empty(nnz, dtype), np.empty(nnz, index)
    indptr = np.zeros(n_rows + 1, index)
    row = at = 0
    while blocks:
        block = blocks.pop(0)
        n, k = block.shape[0], block.nnz
        data[at:at + k], indices[at:at + k] = block.data, block.indices
        indptr[row + 1:row + n + 1] = block.indptr[1:] + at
        row, at = row + n, at + k
        del block
    return sp.csr_matrix((data, indices, indptr), shape=(n_rows, n_columns), copy=False)


def kind_mask(frame, kinds) -> np.ndarray:
    """The rows of ``frame`` to vectorise: ``kinds="articles"`` is the one rule
    (:func:`corpus_tools.schema.article_mask`), None every row, a list those kinds."""
    if kinds is None:
        return np.ones(len(frame), dtype=bool)
    if isinstance(kinds, str) and kinds == "articles":
        return article_mask(frame)
    if "kind" not in frame:
        return np.ones(len(frame), dtype=bool)
    return frame["kind"].isin(list(kinds)).to_numpy()


def count_frame(frame, vectorizer, kinds) -> tuple[np.ndarray, BatchCounts]:
    """The doc_ids and term counts of one batch of an article table (or one Dask
    partition, on a worker): what comes back to the process that merges them."""
    frame = frame[kind_mask(frame, kinds)]
    return (frame["doc_id"].astype(str).to_numpy(),
            vectorizer.count(article_texts(frame).tolist()))
