"""Topic quality measures shared by the models and the benchmark.

One implementation of each, so that every model is judged the same way:

- NPMI coherence of a topic's top terms from document co-occurrence over the whole
  corpus (Bouma 2009; a pair that never co-occurs scores -1),
- topic diversity: the share of distinct terms among all topics' top terms
  (Dieng et al. 2020),
- exclusivity: how much of each top term's weight belongs to this topic,
- agreement between two fits: top-term Jaccard after matching topics one-to-one
  (Greene et al. 2014), the basis of the stability in ``choose_n_topics``.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment

__all__ = ["npmi_coherence", "topic_diversity", "exclusivity", "topic_agreement",
           "top_term_indices"]


def top_term_indices(components: np.ndarray, n: int = 10) -> np.ndarray:
    """Column indices of the ``n`` heaviest terms of each topic, heaviest first.

    Ties are broken by column index, so the result is deterministic.
    """
    components = np.asarray(components)
    n = min(n, components.shape[1])
    # stable sort on the negated weights: equal weights keep column order
    return np.argsort(-components, axis=1, kind="stable")[:, :n]


def npmi_coherence(dtm, top_terms: Sequence[Sequence[int]]) -> np.ndarray:
    """Mean normalised PMI of each topic's top-term pairs, from document co-occurrence.

    Parameters
    ----------
    dtm : scipy.sparse matrix (documents × terms)
        Counts or weights over the reference corpus; only presence is used.
    top_terms : sequence of sequences of int
        For each topic, the column indices of its top terms.

    Returns
    -------
    numpy.ndarray
        One value per topic in [-1, 1]; higher means the terms occur together.

    Examples
    --------
    >>> X = sp.csr_matrix([[1, 1, 0], [1, 1, 0], [0, 0, 1]])
    >>> npmi_coherence(X, [[0, 1], [0, 2]]).round(2).tolist()
    [1.0, -1.0]
    """
    present = sp.csc_matrix(dtm, dtype=np.float32, copy=True)
    present.data[:] = 1.0
    n_docs = float(present.shape[0])
    scores = []
    for terms in top_terms:
        terms = np.asarray(terms, dtype=np.int64)
        sub = present[:, terms]
        co = (sub.T @ sub).toarray().astype(np.float64)
        df = np.diag(co).copy()
        i, j = np.triu_indices(len(terms), k=1)
        joint = co[i, j] / n_docs
        with np.errstate(divide="ignore", invalid="ignore"):
            pmi = np.log(joint / ((df[i] / n_docs) * (df[j] / n_docs)))
            npmi = pmi / -np.log(joint)
        npmi = np.where(joint > 0, npmi, -1.0)
        npmi = np.where(joint >= 1.0, 1.0, npmi)  # both terms in every document
        scores.append(float(np.mean(npmi)) if len(npmi) else np.nan)
    return np.asarray(scores)


def topic_diversity(top_terms: Sequence[Sequence]) -> float:
    """Share of distinct terms among all topics' top terms (1.0 = no term repeats).

    Examples
    --------
    >>> topic_diversity([["a", "b"], ["b", "c"]])
    0.75
    """
    flat = [t for terms in top_terms for t in terms]
    return len(set(flat)) / len(flat) if flat else float("nan")


def exclusivity(components: np.ndarray, top_terms: Sequence[Sequence[int]]) -> np.ndarray:
    """Mean share of each top term's weight that falls in its topic (1/k .. 1).

    Examples
    --------
    >>> exclusivity(np.array([[3.0, 1.0], [1.0, 1.0]]), [[0], [1]]).round(3).tolist()
    [0.6, 0.667]
    """
    comp = np.asarray(components, dtype=np.float64)
    comp = comp / np.maximum(comp.sum(axis=1, keepdims=True), 1e-300)  # p(term | topic)
    share = comp / np.maximum(comp.sum(axis=0, keepdims=True), 1e-300)
    return np.array([share[k, np.asarray(t)].mean() for k, t in enumerate(top_terms)])


def topic_agreement(a: Sequence[Sequence], b: Sequence[Sequence]) -> float:
    """Mean top-term Jaccard of two topic sets after a best one-to-one matching.

    1.0 when both fits found the same topics, near 0 when they share nothing.

    Examples
    --------
    >>> topic_agreement([["a", "b"], ["c", "d"]], [["c", "d"], ["a", "e"]])
    0.6666666666666666
    """
    sets_a, sets_b = [set(t) for t in a], [set(t) for t in b]
    if not sets_a or not sets_b:
        return float("nan")
    sim = np.array([[len(x & y) / len(x | y) if x | y else 0.0 for y in sets_b]
                    for x in sets_a])
    rows, cols = linear_sum_assignment(-sim)
    return float(sim[rows, cols].sum() / max(len(sets_a), len(sets_b)))
