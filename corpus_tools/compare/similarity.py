"""How alike outlets are: their topic mixes or their vocabularies, as a matrix."""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.spatial.distance import jensenshannon

from ._common import collapse_copies, fit_dtm, group_term_counts

METRICS = ("jensen_shannon", "cosine")


def outlet_similarity(corpus_or_model, by: str = "outlet", metric: str = "jensen_shannon", *,
                      corpus: pd.DataFrame | None = None, collapse: bool = True,
                      dtm=None) -> pd.DataFrame:
    """Similarity of every pair of groups, from topic mixes or term distributions.

    Parameters
    ----------
    corpus_or_model : pandas.DataFrame or TopicModel
        An article table (compares the groups' term distributions), or a fitted
        :class:`corpus_tools.topics.TopicModel` (compares their mean topic mixes; pass
        the table as ``corpus=``).
    by : str
        Grouping column.
    metric : {"jensen_shannon", "cosine"}
        ``1 - Jensen-Shannon distance`` (base 2; 1 = identical distributions,
        0 = disjoint) or cosine similarity.
    corpus : pandas.DataFrame, optional
        The article table, required with a model.
    collapse : bool
        One vote per syndicated story per group (default), or count every copy.
    dtm : DocumentTermMatrix, optional
        A matrix from :func:`corpus_tools.make_dtm` of the same table, to reuse.

    Returns
    -------
    pandas.DataFrame
        Square, symmetric, indexed and labelled by group, 1 on the diagonal.
    """
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {METRICS}; got {metric!r}.")
    if isinstance(corpus_or_model, pd.DataFrame):
        rows = collapse_copies(corpus_or_model, by, collapse)
        counts, groups, _ = group_term_counts(rows, by, dtm or fit_dtm(corpus_or_model))
        profiles = np.asarray(counts.todense(), dtype=float)
    else:
        if corpus is None:
            raise ValueError("With a topic model, pass the article table too: "
                             "outlet_similarity(model, corpus=table).")
        profiles, groups = _topic_profiles(corpus_or_model, collapse_copies(corpus, by, collapse), by)
    return _matrix(profiles, groups, metric)


def _topic_profiles(model, rows: pd.DataFrame, by: str):
    shares = model.doc_topics.dropna(how="all")
    keyed = rows.drop_duplicates("doc_id").set_index("doc_id")[by].astype("string")
    common = shares.index.intersection(keyed.index, sort=False)
    if common.empty:
        raise ValueError("None of the table's articles are in the model; pass the table it was fitted on.")
    mean = shares.loc[common].groupby(keyed.loc[common].to_numpy()).mean()
    return mean.to_numpy(dtype=float), mean.index.rename(by)


def _matrix(profiles: np.ndarray, groups: pd.Index, metric: str) -> pd.DataFrame:
    n = len(groups)
    out = np.eye(n)
    if metric == "cosine":
        norms = np.linalg.norm(profiles, axis=1, keepdims=True)
        unit = np.divide(profiles, norms, out=np.zeros_like(profiles), where=norms > 0)
        out = unit @ unit.T
        np.fill_diagonal(out, 1.0)
    else:
        totals = profiles.sum(axis=1, keepdims=True)
        dist = np.divide(profiles, totals, out=np.zeros_like(profiles), where=totals > 0)
        for i in range(n):
            for j in range(i + 1, n):
                out[i, j] = out[j, i] = 1.0 - jensenshannon(dist[i], dist[j], base=2)
    return pd.DataFrame(out, index=groups, columns=groups)
