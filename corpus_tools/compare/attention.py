"""Attention: the share of each outlet's stories that match a query, over time."""
from __future__ import annotations

import pandas as pd

from ._common import collapse_copies
from ..vectorize import article_texts
from .query import match_query


def attention(corpus: pd.DataFrame, query: str, by: str = "outlet", freq: str = "W", *,
              collapse: bool = True) -> pd.DataFrame:
    """Share of each group's articles matching ``query``, per period.

    Normalised the way Media Cloud does: matching stories divided by all stories the
    group published in the period, so a prolific outlet does not look more attentive
    only because it publishes more. The raw counts stand beside the share.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The article table; undated articles are left out (their number is in
        ``DataFrame.attrs["undated"]``).
    query : str
        Terms, "quoted phrases", AND, OR, NOT and parentheses; terms side by side are
        joined by OR, as in Media Cloud (see :mod:`corpus_tools.compare.query`).
    by : str
        Grouping column.
    freq : str
        pandas period alias: "D", "W", "MS", "QS" ...
    collapse : bool
        One vote per syndicated story per group (default), or count every copy.

    Returns
    -------
    pandas.DataFrame
        Columns ``group``, ``period`` (start of the period, UTC), ``matches``,
        ``articles``, ``share``; periods with no articles from a group are absent.

    Examples
    --------
    >>> attention(corpus, '"xi jinping" OR putin', freq="MS")  # doctest: +SKIP
    """
    rows = collapse_copies(corpus, by, collapse)
    texts = article_texts(rows, strip_datelines=False)
    matched = match_query(texts, query)
    dated = rows["published"].notna().to_numpy()
    frame = pd.DataFrame({
        "group": rows[by].astype("string").to_numpy()[dated],
        "published": rows["published"].to_numpy()[dated],
        "match": matched[dated],
    })
    frame["period"] = pd.to_datetime(frame["published"], utc=True).dt.tz_localize(None) \
        .dt.to_period(_period_alias(freq)).dt.start_time.dt.tz_localize("UTC")
    table = (
        frame.groupby(["group", "period"], observed=True)
        .agg(matches=("match", "sum"), articles=("match", "size"))
        .reset_index()
    )
    table["matches"] = table["matches"].astype("int64")
    table["share"] = table["matches"] / table["articles"]
    table.attrs["undated"] = int((~dated).sum())
    table.attrs["query"] = query
    return table


def _period_alias(freq: str) -> str:
    # Period aliases differ from offset aliases for starts: "MS" -> "M", "QS" -> "Q".
    return {"MS": "M", "QS": "Q", "YS": "Y", "AS": "Y"}.get(freq, freq)
