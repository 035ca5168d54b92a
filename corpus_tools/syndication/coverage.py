"""Who covered which story, how late, and how much of each outlet is wire copy: the
tables of ``coverage_table`` (:mod:`.api`).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["Coverage", "stories_table", "outlets_table", "OWN", "UNCREDITED", "COVERAGE_COLUMNS"]

#: The columns :func:`stories_table` and :func:`outlets_table` read (no text).
COVERAGE_COLUMNS = ["doc_id", "kind", "outlet", "title", "published", "agency",
                    "likely_agency", "copy_group", "is_original", "story_id"]

#: ``source`` of an article that is neither wire copy nor a copy of another article.
OWN = "own reporting"
#: ``source`` of a copy of another article in the corpus that credits no agency.
UNCREDITED = "uncredited copy"


@dataclass
class Coverage:
    """The two tables of :func:`corpus_tools.coverage_table`.

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


def stories_table(rows: pd.DataFrame) -> pd.DataFrame:
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


def outlets_table(rows: pd.DataFrame) -> pd.DataFrame:
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
