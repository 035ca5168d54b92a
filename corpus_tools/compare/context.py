"""Keyword in context: check any finding in the articles themselves."""
from __future__ import annotations

import re

import pandas as pd

from ._common import articles_only
from .query import term_pattern


def kwic(corpus: pd.DataFrame, term: str, window: int = 8, *, limit: int | None = None) -> pd.DataFrame:
    """Every occurrence of ``term`` with ``window`` words either side.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The article table (article rows are searched: title, standfirst and body).
    term : str
        A word, a phrase ("xi jinping") or a prefix with ``*`` ("sanction*");
        case-insensitive, whole words.
    window : int
        Words shown on each side.
    limit : int, optional
        Stop after this many occurrences.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id``, ``outlet``, ``published``, ``left``, ``keyword``,
        ``right``, in table order.

    Examples
    --------
    >>> kwic(corpus, "lavrov", window=5)  # doctest: +SKIP
    """
    pattern = re.compile(term_pattern(term), re.IGNORECASE)
    rows = articles_only(corpus)
    records = []
    for doc_id, outlet, published, title, standfirst, body in zip(
        rows["doc_id"], rows["outlet"], rows["published"], rows["title"].fillna(""),
        rows["standfirst"].fillna(""), rows["body"].fillna("")
    ):
        text = " ".join(f"{title}\n{standfirst}\n{body}".split())
        for m in pattern.finditer(text):
            left = text[: m.start()].split()[-window:] if window else []
            right = text[m.end():].split()[:window] if window else []
            records.append((doc_id, outlet, published, " ".join(left), m.group(0), " ".join(right)))
            if limit and len(records) >= limit:
                break
        if limit and len(records) >= limit:
            break
    return pd.DataFrame.from_records(
        records, columns=["doc_id", "outlet", "published", "left", "keyword", "right"]
    )
