"""``from_frame``: a pandas DataFrame a user prepared, made an article table like any export.

An analyst often builds the table themselves: an outlet derived from indicator
columns, a text column joined from two, rows filtered in a notebook. ``from_frame``
puts such a frame through what ``load_corpus`` does to an export: the column mapping
(common names, then ``columns=``), text normalisation, outlet names, date parsing,
datelines, agencies and credit lines, furniture learned per outlet, ``doc_id``s. Extra
columns keep their values and dtypes.
"""
from __future__ import annotations

import warnings
from typing import Mapping

import pandas as pd

from ..schema import conform
from .base import Member, ReadOptions, check_column_map
from .checks import IngestWarning, LoadCheck
from .errors import IngestLog
from .tabular import rows_from_frame


def from_frame(frame: pd.DataFrame, columns: Mapping[str, str] | None = None, *,
               name: str = "DataFrame", strict: bool = False) -> pd.DataFrame:
    """Turn any DataFrame of articles into the article table.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per article, with a text column (``body``, ``text``, ``texts``,
        ``content`` ... or named in ``columns``).
    columns : mapping, optional
        ``{their_column: article_table_column}``, as for :func:`load_corpus`.
    name : str, default "DataFrame"
        What ``source_file`` says.
    strict : bool, default False
        Raise :class:`~corpus_tools.IngestError` at the first problem.

    Returns
    -------
    pandas.DataFrame
        The article table (see :mod:`corpus_tools.schema`), extra columns after it;
        repeated articles (same ``doc_id``) are kept once, with a warning.

    Raises
    ------
    IngestError
        When no column holds the article text (the message lists the columns).

    Examples
    --------
    >>> df = pd.DataFrame({"texts": ["WASHINGTON (Reuters) - Rates rose.", "Rates fell."],
    ...                    "wsj": [1, 0], "nyt": [0, 1]})
    >>> df["outlet"] = df["wsj"].map({1: "wsj", 0: "nyt"})
    >>> table = from_frame(df)
    >>> table[["outlet", "agency", "dateline", "body", "wsj"]].values.tolist()
    [['The Wall Street Journal', 'Reuters', 'WASHINGTON', 'Rates rose.', 1], ['The New York Times', '', '', 'Rates fell.', 0]]
    """
    log = IngestLog(strict=strict)
    options = ReadOptions(columns=check_column_map(columns))
    member = Member(name, b"", "")
    # The export path: mapping, normalisation, datelines and credits, furniture.
    rows = conform(rows_from_frame(frame.reset_index(drop=True), member, options, log))
    rows.attrs.clear()
    rows["source_file"] = name
    repeated = rows["doc_id"].duplicated()
    if repeated.any():
        warnings.warn(f"from_frame: {int(repeated.sum())} rows repeat an article already in the "
                      f"frame (same outlet, title, body and URL); each kept once.", IngestWarning,
                      stacklevel=2)
        rows = rows[~repeated].reset_index(drop=True)
    check = LoadCheck()
    check.add(rows)
    check.report(1, log, name)
    for problem in log.problems:
        if problem.problem == "empty body":
            warnings.warn(f"from_frame: {problem.detail}", IngestWarning, stacklevel=2)
    return rows
