"""Tables this package wrote, read back as they are; and the dtypes of text columns.

``load_corpus(...).to_parquet(p)`` (or ``corpus-tools ingest --out p``) writes the
article table itself. Loading ``p`` again must give the same table: the same
``doc_id``s (an analysis refers to them), columns and dtypes, including the columns
later stages added (``copy_group``, ``is_original`` ...). Such a file is recognised
by its columns and passed through unchanged: not re-mapped (its ``doc_id`` is not an
input's column to rename), not re-cleaned, its ``source_file`` and ``source_index``
kept.

CSV holds only text, so a CSV export's extra columns are given the dtype their values
show: whole numbers, decimals and true/false become nullable integer, float and
boolean columns (``wsj == 1`` then matches), while identifiers with leading zeros
("007") stay text.
"""
from __future__ import annotations

import pandas as pd

from ..schema import ARTICLE_COLUMNS

#: Columns that only an article table written by this package has all of.
TABLE_MARKERS = ("doc_id", "outlet", "title", "body", "published", "kind", "source_file",
                 "source_index", "n_words")
#: ``attrs`` key that tells the loader a reader's rows need no more reading of datelines,
#: agencies and credits (a finished article table, or rows whose reader read them).
FINISHED = "corpus_tools_article_table"

_INTEGER = r"-?(?:0|[1-9]\d{0,17})"
# No leading zeros ("007" is an identifier), as for integers.
_FLOAT = r"-?(?:(?:0|[1-9]\d*)(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_TRUE, _FALSE = {"true", "yes"}, {"false", "no"}


def is_article_table(frame: pd.DataFrame) -> bool:
    """True when ``frame`` has every column of a written article table."""
    return all(column in frame.columns for column in TABLE_MARKERS)


def as_article_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A written article table, marked so that the loader keeps it as it is."""
    out = frame.reset_index(drop=True)
    if out.columns.duplicated().any():
        raise ValueError(f"repeated column names: {sorted(set(out.columns[out.columns.duplicated()]))}")
    out.attrs[FINISHED] = True
    return out


def infer_dtypes(frame: pd.DataFrame, skip=ARTICLE_COLUMNS) -> pd.DataFrame:
    """Give text columns not in ``skip`` the dtype all their non-empty values share.

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns read as text (CSV, TSV).
    skip : collection of str
        Columns left alone (the article table's own).

    Returns
    -------
    pandas.DataFrame
        Integer columns as ``Int64``, decimals as ``Float64``, true/false and yes/no
        as ``boolean``; empty cells become missing values. Other columns unchanged.

    Examples
    --------
    >>> frame = pd.DataFrame({"wsj": ["1", "0", ""], "id": ["007", "010", "011"],
    ...                       "score": ["0.5", "1", "2.25"], "live": ["TRUE", "false", "true"]})
    >>> typed = infer_dtypes(frame)
    >>> typed[["wsj", "score", "live"]].dtypes.astype(str).tolist(), typed["id"].tolist()
    (['Int64', 'Float64', 'boolean'], ['007', '010', '011'])
    """
    out = frame
    for column in frame.columns:
        if column in skip or not (pd.api.types.is_object_dtype(frame[column])
                                  or pd.api.types.is_string_dtype(frame[column])):
            continue
        values = frame[column].astype("string").str.strip()
        present = values[values.fillna("") != ""]
        if present.empty:
            continue
        converted = _convert(values, present)
        if converted is not None:
            out = out.copy() if out is frame else out
            out[column] = converted
    return out


def _convert(values: pd.Series, present: pd.Series) -> pd.Series | None:
    empty = values.fillna("") == ""
    if present.str.fullmatch(_INTEGER).all():
        return pd.to_numeric(values.where(~empty, None)).astype("Int64")
    if present.str.fullmatch(_FLOAT).all():
        return pd.to_numeric(values.where(~empty, None)).astype("Float64")
    lowered = present.str.lower()
    if lowered.isin(_TRUE | _FALSE).all():
        return values.str.lower().map(lambda v: True if v in _TRUE else False if v in _FALSE else pd.NA,
                                      na_action="ignore").astype("boolean").where(~empty, pd.NA)
    return None
