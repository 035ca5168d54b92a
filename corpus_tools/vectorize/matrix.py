"""The document-term matrix with its labels, and which rows a model is fitted on."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .estimator import NewsVectorizer

__all__ = ["DocumentTermMatrix", "one_copy_per_story"]


@dataclass
class DocumentTermMatrix:
    """A document-term matrix with its row and column labels.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        Term counts, one row per article in table order.
    vocabulary : numpy.ndarray of str
        The term of each column.
    doc_ids : pandas.Index
        The ``doc_id`` of each row.
    vectorizer : NewsVectorizer
        The fitted vectorizer; pass it to :func:`make_dtm` to vectorise new articles
        with the same vocabulary.
    fit_rows : numpy.ndarray of bool
        Rows to fit models on: one copy per syndicated story (all rows when the table
        has no syndication columns).
    """

    matrix: sp.csr_matrix
    vocabulary: np.ndarray
    doc_ids: pd.Index
    vectorizer: NewsVectorizer
    fit_rows: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return self.matrix.shape

    def __len__(self) -> int:
        return self.matrix.shape[0]

    def frequent_terms(self, n: int = 20, phrases_only: bool = False) -> pd.Series:
        """The ``n`` terms in most articles, with their document counts.

        Examples
        --------
        >>> dtm.frequent_terms(5, phrases_only=True)  # doctest: +SKIP
        """
        df = pd.Series(np.bincount(self.matrix.indices, minlength=self.matrix.shape[1]),
                       index=pd.Index(self.vocabulary, name="term"), name="n_docs")
        if phrases_only:
            df = df[df.index.str.contains("_", regex=False)]
        return df.sort_values(ascending=False, kind="stable").head(n)

    def subset(self, rows) -> "DocumentTermMatrix":
        """The matrix restricted to ``rows`` (a boolean mask or positions)."""
        rows = np.asarray(rows)
        if rows.dtype == bool:
            rows = np.flatnonzero(rows)
        return DocumentTermMatrix(self.matrix[rows], self.vocabulary, self.doc_ids[rows],
                                  self.vectorizer, self.fit_rows[rows])


def one_copy_per_story(corpus: pd.DataFrame) -> np.ndarray:
    """Boolean mask keeping one row per syndicated copy group (all rows if unknown).

    Uses ``is_original`` when present, else the first row of each ``copy_group``.
    """
    if "is_original" in corpus:
        mask = corpus["is_original"].fillna(True).astype(bool).to_numpy().copy()
        if "copy_group" in corpus:  # groups whose original is not in the table keep one
            groups = corpus["copy_group"]
            covered = set(groups[mask].dropna())
            first = ~groups.duplicated() & groups.notna() & ~groups.isin(covered)
            mask |= first.to_numpy()
        return mask
    if "copy_group" in corpus:
        groups = corpus["copy_group"]
        return (groups.isna() | ~groups.duplicated()).to_numpy()
    return np.ones(len(corpus), dtype=bool)
