"""Which words and phrases set a group apart: Fightin' Words log-odds and keyness.

``distinctive_terms`` is the weighted log-odds ratio with an informative Dirichlet
prior of Monroe, Colaresi and Quinn (2008), "Fightin' Words", Political Analysis 16(4),
eqs. 16-22: it shrinks the estimates of rare words toward the corpus and reports
z-scores, so that a word seen twice is not "the most distinctive". ``keyness`` gives
the corpus linguists' log-likelihood (G2) and chi-squared with an effect size (log
ratio) beside each statistic.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from ._common import collapse_copies, fit_dtm, group_term_counts

#: Total pseudo-count of the corpus prior (alpha_0). Larger values shrink more.
DEFAULT_PRIOR_STRENGTH = 1000.0


def log_odds_z(y_i, y_j, alpha):
    """Monroe et al.'s z-score of each term, group i against group j.

    Parameters
    ----------
    y_i, y_j : array of float
        Term counts of the two groups.
    alpha : array of float
        Dirichlet prior pseudo-counts per term (all > 0).

    Returns
    -------
    delta, z : numpy.ndarray
        Log-odds ratio and its z-score (positive: more typical of group i).

    Examples
    --------
    >>> delta, z = log_odds_z(np.array([10., 0.]), np.array([2., 8.]), np.array([1., 1.]))
    >>> bool(z[0] > 0 > z[1])
    True
    """
    y_i, y_j, alpha = (np.asarray(a, dtype=float) for a in (y_i, y_j, alpha))
    n_i, n_j, alpha_0 = y_i.sum(), y_j.sum(), alpha.sum()
    omega_i = (y_i + alpha) / (n_i + alpha_0 - y_i - alpha)
    omega_j = (y_j + alpha) / (n_j + alpha_0 - y_j - alpha)
    delta = np.log(omega_i) - np.log(omega_j)
    variance = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
    return delta, delta / np.sqrt(variance)


def _prior(prior, totals: np.ndarray, vocabulary: np.ndarray, strength: float) -> np.ndarray:
    if isinstance(prior, str) and prior == "corpus":
        # Informative prior: the corpus's own word frequencies, alpha_0 pseudo-words.
        return strength * (totals + 0.01) / (totals + 0.01).sum()
    if isinstance(prior, str) and prior == "uniform":
        return np.full(len(vocabulary), 0.01)
    if isinstance(prior, (pd.Series, dict)):
        # Used as given; terms it does not name get the flat 0.01.
        values = pd.Series(prior, dtype=float).reindex(vocabulary).fillna(0.01).to_numpy()
        if (values <= 0).any():
            raise ValueError("Prior pseudo-counts must all be positive.")
        return values
    raise ValueError(
        f"prior must be 'corpus', 'uniform' or a Series of pseudo-counts per term; got {prior!r}."
    )


def _pairs(groups: pd.Index, target, reference):
    """(target group, reference group or None for 'the rest') pairs to compare."""
    names = list(groups)
    targets = names if target is None else [target] if isinstance(target, str) else list(target)
    missing = [t for t in targets + ([reference] if reference else []) if t not in names]
    if missing:
        raise ValueError(f"No articles for {missing} after filtering; groups present: {names}.")
    return [(t, reference) for t in targets if t != reference]


def _counts_for(counts, groups, name):
    if name is None:
        return None
    return np.asarray(counts[groups.get_loc(name)].todense()).ravel()


def distinctive_terms(corpus: pd.DataFrame, by: str = "outlet", *, target=None, reference=None,
                      prior="corpus", prior_strength: float = DEFAULT_PRIOR_STRENGTH,
                      collapse: bool = True, dtm=None) -> pd.DataFrame:
    """Terms that set each group apart: log-odds ratios with an informative prior, as z.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The article table.
    by : str
        Column that defines the groups ("outlet", "agency", "dateline" ...).
    target : str or list of str, optional
        Group(s) to describe; default every group.
    reference : str, optional
        Compare against this one group; default against all the other groups together.
    prior : "corpus", "uniform" or pandas.Series
        Dirichlet prior: the corpus's term frequencies (Monroe et al.'s informative
        prior), a flat 0.01, or pseudo-counts per term.
    prior_strength : float
        alpha_0, the total pseudo-count of the "corpus" prior.
    collapse : bool
        Count one copy per syndicated story per group (default), or every copy.
    dtm : DocumentTermMatrix, optional
        A matrix from :func:`corpus_tools.make_dtm` covering the table's articles, to
        reuse its vocabulary (phrases included) instead of fitting a new one.

    Returns
    -------
    pandas.DataFrame
        Columns ``group``, ``reference``, ``term``, ``z``, ``log_odds``, ``count``,
        ``count_reference``; terms used by either side, sorted by group and z.
        ``z`` above 1.96 marks a term more typical of the group at the 5% level.

    Examples
    --------
    >>> terms = distinctive_terms(corpus, target="TASS", reference="BBC")  # doctest: +SKIP
    >>> terms.head(10)[["term", "z", "count", "count_reference"]]  # doctest: +SKIP
    """
    rows = collapse_copies(corpus, by, collapse)
    counts, groups, vocabulary = group_term_counts(rows, by, dtm or fit_dtm(corpus))
    totals = np.asarray(counts.sum(axis=0)).ravel()
    alpha = _prior(prior, totals, vocabulary, prior_strength)
    frames = []
    for name, other in _pairs(groups, target, reference):
        y_i = _counts_for(counts, groups, name)
        y_j = _counts_for(counts, groups, other) if other else totals - y_i
        delta, z = log_odds_z(y_i, y_j, alpha)
        used = (y_i + y_j) > 0
        frames.append(pd.DataFrame({
            "group": name, "reference": other or "(rest)", "term": vocabulary[used],
            "z": z[used], "log_odds": delta[used],
            "count": y_i[used].astype("int64"), "count_reference": y_j[used].astype("int64"),
        }))
    return _sorted(frames, "z")


def keyness(corpus: pd.DataFrame, by: str = "outlet", *, target=None, reference=None,
            collapse: bool = True, dtm=None) -> pd.DataFrame:
    """Keyness of each term: log-likelihood (G2) and chi-squared, with effect sizes.

    Parameters
    ----------
    corpus, by, target, reference, collapse, dtm
        As in :func:`distinctive_terms`.

    Returns
    -------
    pandas.DataFrame
        Columns ``group``, ``reference``, ``term``, ``count``, ``count_reference``,
        ``g2`` (signed: negative when the term is rarer in the group), ``chi2``,
        ``p_value`` (of G2, 1 degree of freedom, not corrected for the many terms
        tested), ``log_ratio`` (binary log of the ratio of relative frequencies,
        Hardie's effect size, 0.5 added to zero counts) and ``per_million`` and
        ``per_million_reference``. Sorted by group and signed G2.
    """
    rows = collapse_copies(corpus, by, collapse)
    counts, groups, vocabulary = group_term_counts(rows, by, dtm or fit_dtm(corpus))
    totals = np.asarray(counts.sum(axis=0)).ravel()
    frames = []
    for name, other in _pairs(groups, target, reference):
        a = _counts_for(counts, groups, name)
        b = _counts_for(counts, groups, other) if other else totals - a
        used = (a + b) > 0
        a, b = a[used], b[used]
        n_a = _size(counts, groups, name)  # all tokens of the group, not only used terms
        n_b = _size(counts, groups, other) if other else totals.sum() - n_a
        g2, chi2 = _g2_chi2(a, b, n_a, n_b)
        sign = np.sign(a / n_a - b / n_b)
        frames.append(pd.DataFrame({
            "group": name, "reference": other or "(rest)", "term": vocabulary[used],
            "count": a.astype("int64"), "count_reference": b.astype("int64"),
            "g2": sign * g2, "chi2": chi2, "p_value": stats.chi2.sf(g2, df=1),
            "log_ratio": np.log2(((np.where(a > 0, a, 0.5)) / n_a) / ((np.where(b > 0, b, 0.5)) / n_b)),
            "per_million": 1e6 * a / n_a, "per_million_reference": 1e6 * b / n_b,
        }))
    return _sorted(frames, "g2")


def _size(counts, groups, name) -> float:
    return float(counts[groups.get_loc(name)].sum())


def _g2_chi2(a, b, n_a, n_b):
    """Dunning's G2 and Pearson's chi2 of the 2x2 table (term/other × group/reference)."""
    observed = np.stack([a, b, n_a - a, n_b - b])  # 4 × terms
    total = n_a + n_b
    row = np.stack([a + b, a + b, total - a - b, total - a - b])
    col = np.array([n_a, n_b, n_a, n_b])[:, None]
    expected = row * col / total
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
        chi = np.where(expected > 0, (observed - expected) ** 2 / expected, 0.0)
    return 2 * terms.sum(axis=0), chi.sum(axis=0)


def _sorted(frames, column):
    if not frames:
        return pd.DataFrame(columns=["group", "reference", "term", column])
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["group", column, "term"], ascending=[True, False, True],
                           kind="stable").reset_index(drop=True)
