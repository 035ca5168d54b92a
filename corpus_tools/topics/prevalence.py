"""Read a fitted topic model against the article table: prevalence and examples."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .model import TopicModel

__all__ = ["topic_prevalence", "representative_articles", "TIME_UNITS"]

#: ``by`` values computed from ``published`` when the table has no such column.
TIME_UNITS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}


def _group_keys(corpus: pd.DataFrame, by: str) -> pd.Series:
    if by in corpus.columns:
        return corpus[by]
    if by in TIME_UNITS:
        if "published" not in corpus:
            raise ValueError(f"by={by!r} needs a 'published' column; the table has none.")
        published = pd.to_datetime(corpus["published"], utc=True).dt.tz_localize(None)
        return published.dt.to_period(TIME_UNITS[by]).dt.start_time
    raise ValueError(
        f"by={by!r} is neither a column of the table nor one of {sorted(TIME_UNITS)}. "
        f"Columns: {list(corpus.columns)}."
    )


def _aligned(model: TopicModel, corpus: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The model's topic shares and the table's rows for the same articles."""
    if "doc_id" not in corpus:
        raise ValueError("The table has no doc_id column; pass the article table the "
                         "model was fitted on (or one from load_corpus()).")
    shares = model.doc_topics.dropna(how="all")
    rows = corpus.drop_duplicates("doc_id").set_index("doc_id")
    common = shares.index.intersection(rows.index.astype(str), sort=False)
    if common.empty:
        raise ValueError(
            "None of the table's doc_ids are in the model. Pass the table the model "
            "was fitted on, or get shares for new articles with model.transform(table)."
        )
    return shares.loc[common], rows.loc[common]


def bootstrap_means(values: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """``n_boot`` bootstrap resamples of the column means of ``values`` (rows × topics).

    Each resample is a multinomial draw of row weights: the same as resampling rows,
    without building an ``n_boot × rows × topics`` array.
    """
    n = len(values)
    weights = rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot) / n
    return weights @ values


def topic_prevalence(model: TopicModel, corpus: pd.DataFrame, by: str = "outlet", *,
                     n_boot: int = 500, level: float = 0.95,
                     random_state: int = 0) -> pd.DataFrame:
    """Mean share of each topic per group, with bootstrap confidence intervals.

    Parameters
    ----------
    model : TopicModel
    corpus : pandas.DataFrame
        The article table (rows are matched on ``doc_id``).
    by : str, default "outlet"
        A column of the table, or a time unit computed from ``published``: "day",
        "week", "month", "quarter", "year" (the group is the period's start).
    n_boot : int, default 500
        Bootstrap resamples of the articles within each group.
    level : float, default 0.95
        Confidence level of the percentile interval.
    random_state : int, default 0
        Seed of the resampling; the same seed gives the same intervals.

    Returns
    -------
    pandas.DataFrame
        Tidy, one row per group and topic: ``by``, ``topic``, ``label``,
        ``prevalence`` (mean share of the topic in the group's articles, so the
        topics of a group sum to 1), ``ci_low``, ``ci_high``, ``n_docs``.

    Examples
    --------
    >>> prev = topic_prevalence(model, corpus, by="outlet")  # doctest: +SKIP
    >>> prev.query("topic == 3").sort_values("prevalence")  # doctest: +SKIP
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, e.g. 0.95; got {level}.")
    shares, rows = _aligned(model, corpus)
    keys = _group_keys(rows.reset_index(), by)
    keys.index = shares.index
    rng = np.random.default_rng(random_state)
    tail = (1 - level) / 2 * 100
    frames = []
    for key, idx in keys.dropna().groupby(keys.dropna(), sort=True).groups.items():
        values = shares.loc[idx].to_numpy()
        n = len(values)
        boot = bootstrap_means(values, n_boot, rng)
        low, high = np.percentile(boot, [tail, 100 - tail], axis=0)
        frames.append(pd.DataFrame({
            by: key, "topic": model.labels.index, "label": model.labels.to_numpy(),
            "prevalence": values.mean(axis=0), "ci_low": low, "ci_high": high,
            "n_docs": n}))
    if not frames:
        raise ValueError(f"No article has a value in {by!r}; choose another grouping.")
    return pd.concat(frames, ignore_index=True)


def representative_articles(model: TopicModel, corpus: pd.DataFrame, topic, n: int = 5
                            ) -> pd.DataFrame:
    """The articles where a topic takes the largest share, one per syndicated story.

    Parameters
    ----------
    model : TopicModel
    corpus : pandas.DataFrame
        The article table.
    topic : int or str
        Topic number, or its label.
    n : int, default 5

    Returns
    -------
    pandas.DataFrame
        ``rank``, ``doc_id``, ``share``, ``outlet``, ``published``, ``title``; ties
        broken by ``doc_id`` so the list is the same on every run.

    Examples
    --------
    >>> representative_articles(model, corpus, topic=0, n=3)  # doctest: +SKIP
    """
    if isinstance(topic, str):
        matches = model.labels.index[model.labels == topic]
        if matches.empty:
            raise ValueError(f"No topic is labelled {topic!r}. Labels: "
                             f"{model.labels.tolist()}.")
        topic = int(matches[0])
    if topic not in model.doc_topics.columns:
        raise ValueError(f"topic must be between 0 and {model.n_topics - 1}; got {topic!r}.")
    shares, rows = _aligned(model, corpus)
    out = rows.assign(share=shares[topic]).reset_index()
    out = out.sort_values(["share", "doc_id"], ascending=[False, True], kind="stable")
    if "copy_group" in out:  # a wire story printed ten times is one example, not ten
        out = out[out["copy_group"].isna() | ~out["copy_group"].duplicated()]
    columns = [c for c in ("doc_id", "share", "outlet", "published", "title") if c in out]
    out = out.head(n)[columns].reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out
