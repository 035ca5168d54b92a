"""Who covered which story, how late, and how much of each outlet is wire copy:
``coverage_table``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .copies import mark_copies
from .duplicates import articles_only
from .stories import cluster_stories

__all__ = ["Coverage", "coverage_table", "OWN", "UNCREDITED"]

#: ``source`` of an article that is neither wire copy nor a copy of another article.
OWN = "own reporting"
#: ``source`` of a copy of another article in the corpus that credits no agency.
UNCREDITED = "uncredited copy"


@dataclass
class Coverage:
    """The two tables of :func:`coverage_table`.

    Attributes
    ----------
    stories : pandas.DataFrame
        One row per (story, outlet): ``story_id``, ``outlet``, ``doc_id`` and ``title``
        of the outlet's first article in the story, ``published``, ``hours_after_first``
        (hours after the story's first article; NaN when undated), ``rank`` (1 = first
        outlet; ties share a rank), ``n_articles`` (the outlet's articles in the story),
        ``n_outlets`` (outlets in the story), ``likely_agency``. Sorted by number of
        outlets (most first), story, then rank.
    outlets : pandas.DataFrame
        One row per (outlet, source): ``outlet``, ``source`` (an agency such as
        "Reuters" for wire copy, credited or inferred from the copy group;
        "uncredited copy" for a non-original member of a copy group without agency;
        "own reporting" otherwise), ``n_articles``, ``share`` of the outlet's articles,
        ``outlet_articles``. Sorted by outlet, then share (largest first).
    """

    stories: pd.DataFrame
    outlets: pd.DataFrame


def coverage_table(corpus: pd.DataFrame, *, window_days: float = 3,
                   include_teasers: bool = False, progress: bool = True) -> Coverage:
    """Per story, which outlets covered it and how many hours after the first; per
    outlet, the share of its articles that are wire copies, by agency.

    Parameters
    ----------
    corpus : pandas.DataFrame
        An article table. Copy columns (``copy_group``, ``likely_agency`` from
        :func:`mark_copies`) and ``story_id`` (from :func:`cluster_stories`) are used
        when present and computed when not.
    window_days : float
        Time window of :func:`cluster_stories` when stories are computed here.
    include_teasers : bool
        Count teaser rows too (skipped by default).
    progress : bool
        Show progress bars.

    Returns
    -------
    Coverage
        ``.stories`` and ``.outlets`` (see :class:`Coverage`).

    Examples
    --------
    >>> import pandas as pd
    >>> from corpus_tools.schema import conform
    >>> wire = "Beijing and Moscow should work to unite countries of the Global South, Xi said."
    >>> table = conform(pd.DataFrame({"outlet": ["A", "B"], "agency": ["AFP", ""],
    ...     "title": ["Xi urges unity", "Xi urges unity of Global South"],
    ...     "published": ["2025-07-15 08:00", "2025-07-15 14:00"], "body": [wire, wire]}))
    >>> cov = coverage_table(table, progress=False)
    >>> cov.stories[["outlet", "hours_after_first"]].values.tolist()
    [['A', 0.0], ['B', 6.0]]
    >>> cov.outlets[["outlet", "source", "share"]].values.tolist()
    [['A', 'AFP', 1.0], ['B', 'AFP', 1.0]]
    """
    table = corpus
    if "likely_agency" not in table or "copy_group" not in table:
        table = mark_copies(table, include_teasers=include_teasers, progress=progress)
    if "story_id" not in table:
        table = cluster_stories(table, window_days=window_days,
                                include_teasers=include_teasers, progress=progress)
    rows = articles_only(table, include_teasers)
    rows = rows[rows["story_id"].notna()] if "story_id" in rows else rows
    return Coverage(stories=_stories(rows), outlets=_outlets(rows))


def _stories(rows: pd.DataFrame) -> pd.DataFrame:
    columns = ["story_id", "outlet", "doc_id", "title", "published", "hours_after_first",
               "rank", "n_articles", "n_outlets", "likely_agency"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    frame = rows.assign(published=pd.to_datetime(rows["published"], utc=True),
                        _undated=pd.to_datetime(rows["published"], utc=True).isna())
    frame = frame.sort_values(["story_id", "_undated", "published", "doc_id"])
    counts = frame.groupby(["story_id", "outlet"]).size().rename("n_articles")
    first = frame.drop_duplicates(["story_id", "outlet"]).join(counts, on=["story_id", "outlet"])
    start = first.groupby("story_id")["published"].transform("min")
    first["hours_after_first"] = (first["published"] - start) / pd.Timedelta(hours=1)
    first["rank"] = first.groupby("story_id")["published"].rank(method="min").astype("Int64")
    first["n_outlets"] = first.groupby("story_id")["outlet"].transform("size")
    if "likely_agency" not in first:
        first["likely_agency"] = first.get("agency", "")
    out = first[columns].sort_values(["n_outlets", "story_id", "rank"],
                                     ascending=[False, True, True], na_position="last")
    return out.reset_index(drop=True)


def _outlets(rows: pd.DataFrame) -> pd.DataFrame:
    columns = ["outlet", "source", "n_articles", "share", "outlet_articles"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    agency = rows["likely_agency"].fillna("").astype(str) if "likely_agency" in rows else \
        rows["agency"].fillna("").astype(str)
    copied = rows["copy_group"].notna().to_numpy() & ~rows["is_original"].fillna(True).astype(bool).to_numpy() \
        if "copy_group" in rows else np.zeros(len(rows), bool)
    source = np.where(agency != "", agency, np.where(copied, UNCREDITED, OWN))
    frame = pd.DataFrame({"outlet": rows["outlet"].astype(str).to_numpy(), "source": source})
    counts = frame.groupby(["outlet", "source"]).size().rename("n_articles").reset_index()
    counts["outlet_articles"] = counts.groupby("outlet")["n_articles"].transform("sum")
    counts["share"] = counts["n_articles"] / counts["outlet_articles"]
    counts = counts.sort_values(["outlet", "share", "source"], ascending=[True, False, True])
    counts["source"] = counts["source"].astype("string")
    counts["outlet"] = counts["outlet"].astype("string")
    return counts[columns].reset_index(drop=True)
