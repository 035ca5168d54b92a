"""What every comparison shares: collapsing wire copies and counting terms per group."""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..schema import article_mask


def articles_only(corpus: pd.DataFrame) -> pd.DataFrame:
    """The article rows (:func:`corpus_tools.schema.article_mask`: teasers are a headline
    and one line of a story told elsewhere)."""
    return corpus[article_mask(corpus)]


def collapse_copies(corpus: pd.DataFrame, by: str, collapse: bool = True) -> pd.DataFrame:
    """One row per story per group: syndicated copies get one vote, not one each.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Article table; ``copy_group`` is used when present, else computed with
        :func:`corpus_tools.mark_copies`.
    by : str
        The grouping column ("outlet" ...).
    collapse : bool
        ``False`` counts every row (all copies).

    Returns
    -------
    pandas.DataFrame
        The article rows kept, in table order.
    """
    rows = articles_only(corpus)
    _require_column(rows, by)
    if not collapse or rows.empty:
        return rows
    if "copy_group" not in rows:
        from ..syndication import mark_copies

        rows = mark_copies(rows, progress=False)
    group = rows["copy_group"].astype("string")
    key = group.where(group.notna() & (group != ""), rows["doc_id"].astype("string"))
    return rows[~pd.DataFrame({"g": rows[by].astype("string"), "k": key}).duplicated().to_numpy()]


def _require_column(corpus: pd.DataFrame, column: str) -> None:
    if column not in corpus:
        raise KeyError(
            f"The table has no column {column!r} to group by. Columns: {list(corpus.columns)}."
        )


def fit_dtm(corpus: pd.DataFrame):
    """The document-term matrix of every article of the table, for the comparisons.

    Fitted on the whole table (one copy per story when it has syndication columns),
    whichever rows a comparison then counts, so that counting every copy or one per
    story changes the counts and never the vocabulary.
    """
    from ..vectorize import make_dtm

    return make_dtm(articles_only(corpus), progress=False)


def group_term_counts(corpus: pd.DataFrame, by: str, dtm):
    """Term counts per group of the rows of ``corpus``, counted with ``dtm``.

    Returns
    -------
    counts : scipy.sparse.csr_matrix
        Groups × terms.
    groups : pandas.Index
        The group of each row of ``counts`` (sorted).
    vocabulary : numpy.ndarray
        The term of each column.
    """
    positions = pd.Index(dtm.doc_ids).get_indexer(corpus["doc_id"])
    if (positions < 0).any():
        raise ValueError("dtm= does not hold every article of the table; build it from the same table.")
    labels = corpus[by].astype("string").fillna("(none)").to_numpy()
    groups, codes = np.unique(labels, return_inverse=True)
    indicator = sp.csr_matrix(
        (np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(len(groups), len(codes))
    )
    counts = (indicator @ dtm.matrix[positions]).tocsr()
    return counts, pd.Index(groups, name=by), np.asarray(dtm.vocabulary)
