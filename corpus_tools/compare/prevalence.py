"""The difference in topic prevalence between two groups, with its interval."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..topics.prevalence import bootstrap_means
from ._common import collapse_copies


def prevalence_difference(model, corpus: pd.DataFrame, a: str, b: str, by: str = "outlet", *,
                          n_boot: int = 1000, level: float = 0.95, random_state: int = 0,
                          collapse: bool = True) -> pd.DataFrame:
    """How much more of each topic group ``a`` prints than group ``b``, with a CI.

    Articles of each group are resampled independently (bootstrap); the interval is
    the percentile interval of the difference of mean topic shares.

    Parameters
    ----------
    model : TopicModel
    corpus : pandas.DataFrame
        The article table the model was fitted on.
    a, b : str
        The two groups.
    by : str
        Grouping column.
    n_boot, level, random_state
        Bootstrap resamples, confidence level and seed (same seed, same interval).
    collapse : bool
        One vote per syndicated story per group (default), or count every copy.

    Returns
    -------
    pandas.DataFrame
        One row per topic: ``topic``, ``label``, ``prevalence_a``, ``prevalence_b``,
        ``difference`` (a - b), ``ci_low``, ``ci_high``, ``n_a``, ``n_b``; sorted by
        difference. An interval that excludes 0 marks a difference unlikely to be
        chance alone.
    """
    rows = collapse_copies(corpus, by, collapse)
    shares = model.doc_topics.dropna(how="all")
    keyed = rows.drop_duplicates("doc_id").set_index("doc_id")[by].astype("string")
    common = shares.index.intersection(keyed.index, sort=False)
    values = {g: shares.loc[common[keyed.loc[common].to_numpy() == g]].to_numpy() for g in (a, b)}
    for group, v in values.items():
        if len(v) == 0:
            raise ValueError(f"No modelled articles for {by} = {group!r}; groups present: "
                             f"{sorted(keyed.loc[common].unique())}.")
    rng = np.random.default_rng(random_state)
    boot = bootstrap_means(values[a], n_boot, rng) - bootstrap_means(values[b], n_boot, rng)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(boot, [tail, 100 - tail], axis=0)
    mean_a, mean_b = values[a].mean(axis=0), values[b].mean(axis=0)
    out = pd.DataFrame({
        "topic": model.labels.index, "label": model.labels.to_numpy(),
        "prevalence_a": mean_a, "prevalence_b": mean_b, "difference": mean_a - mean_b,
        "ci_low": low, "ci_high": high, "n_a": len(values[a]), "n_b": len(values[b]),
    })
    out.attrs.update(a=a, b=b, by=by)
    return out.sort_values("difference", ascending=False).reset_index(drop=True)
