"""The article table: the columns every stage shares, their dtypes, and checks.

One row per article. Stages add columns (``story_id``, ``copy_group`` ...) but never
rename these.
"""
from __future__ import annotations

import hashlib
import re

import numpy as np
import pandas as pd

#: Column name -> pandas dtype of the article table, in display order.
ARTICLE_COLUMNS: dict[str, str] = {
    "doc_id": "string",
    "outlet": "string",
    "outlet_domain": "string",
    "title": "string",
    "standfirst": "string",
    "body": "string",
    "published": "datetime64[ns, UTC]",
    "published_raw": "string",  # the date as written, kept when it could not be resolved
    "dateline": "string",
    "agency": "string",
    "credit": "string",  # credit lines and desk slugs moved out of the body
    "url": "string",
    "kind": "string",
    "source_file": "string",
    "source_index": "int64",
    "n_words": "int64",
}

#: Values allowed in the ``kind`` column.
KINDS = ("article", "teaser")

_TEXT_COLUMNS = [c for c, t in ARTICLE_COLUMNS.items() if t == "string"]


def make_doc_id(outlet: str, title: str, body: str, url: str = "") -> str:
    """Stable identifier of an article: a hash of its outlet, title and body.

    The hash is SHA-256 over UTF-8 text, so it is the same on every machine and run.
    When the article has a URL it is hashed too: exports hold the same text under two
    URLs (an outlet republishing its own story), and those are two records, not one.

    Parameters
    ----------
    outlet, title, body : str
        The article's outlet display name, title and body text.
    url : str, optional
        The article's URL ("" when unknown, as in page dumps).

    Returns
    -------
    str
        16 hexadecimal characters.

    Examples
    --------
    >>> make_doc_id("The Star", "Kremlin acknowledges strain", "MOSCOW ...")
    '469daece9c5934d0'
    """
    digest = hashlib.sha256()
    for part in (outlet, title, body) + ((url,) if url else ()):
        digest.update((part or "").encode("utf-8"))
        digest.update(b"\x1f")  # unit separator: ("ab", "c") and ("a", "bc") differ
    return digest.hexdigest()[:16]


def count_words(texts: pd.Series) -> pd.Series:
    """Number of whitespace-separated words in each text (0 for missing)."""
    # A regex count runs in one vectorised pass; split() builds every word list (3x slower).
    return texts.astype("string").fillna("").str.count(r"\S+").astype("int64")


_FIRST, _LAST = pd.Timestamp.min.tz_localize("UTC"), pd.Timestamp.max.tz_localize("UTC")


def as_utc_timestamps(values: pd.Series) -> pd.Series:
    """Dates as tz-aware UTC nanosecond timestamps; unreadable or impossible ones NaT.

    pandas may read "0001-11-30" (seen in real exports) at a coarser resolution that
    nanoseconds cannot hold: such dates become NaT instead of failing the batch.
    """
    text = not pd.api.types.is_datetime64_any_dtype(values)
    parsed = pd.to_datetime(values, utc=True, errors="coerce", format="mixed" if text else None)
    parsed = parsed.where((parsed >= _FIRST) & (parsed <= _LAST))
    return parsed.astype(ARTICLE_COLUMNS["published"])


def empty_table() -> pd.DataFrame:
    """An article table with no rows and the right columns and dtypes."""
    return conform(pd.DataFrame(columns=list(ARTICLE_COLUMNS)))


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with every article column present, in order, with its dtype.

    Missing text columns become empty strings, a missing ``published`` becomes NaT;
    extra columns are kept after the standard ones. ``n_words`` and ``doc_id`` are
    computed when absent.
    """
    out = frame.copy()
    for column in _TEXT_COLUMNS:
        if column not in out:
            out[column] = ""
        out[column] = out[column].astype("string").fillna("")
    if "published" not in out:
        out["published"] = pd.NaT
    out["published"] = as_utc_timestamps(out["published"])
    if "source_index" not in out:
        out["source_index"] = 0
    out["source_index"] = out["source_index"].fillna(0).astype("int64")
    out["n_words"] = count_words(out["body"])
    missing_id = out["doc_id"] == ""
    if missing_id.any():
        out.loc[missing_id, "doc_id"] = [
            make_doc_id(o, t, b, u)
            for o, t, b, u in zip(
                out.loc[missing_id, "outlet"],
                out.loc[missing_id, "title"],
                out.loc[missing_id, "body"],
                out.loc[missing_id, "url"],
            )
        ]
    out.loc[out["kind"] == "", "kind"] = "article"
    extra = [c for c in out.columns if c not in ARTICLE_COLUMNS]
    return out[list(ARTICLE_COLUMNS) + extra].reset_index(drop=True)


def validate(frame, columns=None) -> None:
    """Raise ``TypeError`` or ``ValueError`` (naming what was expected and found) if
    ``frame`` is not an article table, or lacks the ``columns`` a stage reads.

    Every stage calls this at its entry, so that a wrong table fails at once with the
    column named. Without ``columns`` the whole contract is checked: every standard
    column present, ``doc_id`` unique, ``kind`` only known values.

    Examples
    --------
    >>> validate(pd.DataFrame({"doc_id": ["a"]}), columns=["doc_id", "body"])
    Traceback (most recent call last):
    ValueError: Expected an article table with columns doc_id and body; missing ['body']. ...
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(
            f"Expected an article table (pandas.DataFrame), got {type(frame).__name__}. "
            f"Build one with corpus_tools.load_corpus()."
        )
    if columns is not None:
        check_columns(frame.columns, columns)
        return
    missing = [c for c in ARTICLE_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(
            f"Not an article table: missing columns {missing}. "
            f"Found {list(frame.columns)}. Build one with corpus_tools.load_corpus()."
        )
    duplicated = frame["doc_id"][frame["doc_id"].duplicated()]
    if len(duplicated):
        raise ValueError(
            f"doc_id must be unique; {len(duplicated)} repeated, e.g. {duplicated.iloc[0]!r}."
        )
    unknown = set(frame["kind"].dropna()) - set(KINDS)
    if unknown:
        raise ValueError(f"kind must be one of {KINDS}; found {sorted(unknown)}.")


def check_columns(present, columns) -> None:
    """Raise ``ValueError`` naming the ``columns`` missing from ``present`` (a table's
    column names, or a Parquet dataset's)."""
    present = list(present)
    missing = [c for c in columns if c not in present]
    if missing:
        wanted = " and ".join([", ".join(columns[:-1]), columns[-1]] if len(columns) > 1
                              else columns)
        raise ValueError(
            f"Expected an article table with columns {wanted}; missing {missing}. "
            f"Found {present[:20]}. Build one with corpus_tools.load_corpus() or pass it "
            f"through corpus_tools.schema.conform()."
        )


def article_mask(frame: pd.DataFrame) -> np.ndarray:
    """True for the rows that are articles: every row but teasers.

    The one rule every stage uses. A teaser is a headline and a line of a story told
    elsewhere; everything else is a text of its own, including rows of an export that
    carries its own ``kind`` values ("blog", "opinion"), and rows without a ``kind``.

    Examples
    --------
    >>> article_mask(pd.DataFrame({"kind": ["article", "teaser", "opinion", None]})).tolist()
    [True, False, True, True]
    """
    if "kind" not in frame:
        return np.ones(len(frame), dtype=bool)
    return (frame["kind"].astype("string").fillna("article") != "teaser").to_numpy(bool)


# "BEIJING (Reuters) - " or "WASHINGTON — " at the start of a body: where the desk
# filed from, not what the story is about.
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .,'/-]{1,40}(?:\([^)]{0,40}\))?\s*[-–—:]+\s")


def article_texts(frame: pd.DataFrame, *, title: bool = True,
                  strip_datelines: bool = True) -> pd.Series:
    """The text of each article (a Series indexed like ``frame``): title, standfirst and
    body, one per line, blank ends stripped; missing columns count as empty.

    The one definition every stage uses. Topics and comparisons read the title too and
    leave out the dateline at the start of the body ("BEIJING (Reuters) -": where the
    desk filed from is not what a story is about); copy detection reads the standfirst
    and body as printed (``title=False, strip_datelines=False``): outlets re-headline
    wire copy.

    Examples
    --------
    >>> t = pd.DataFrame({"title": ["T"], "body": ["BEIJING (Reuters) - China said ..."]})
    >>> article_texts(t).tolist(), article_texts(t, title=False, strip_datelines=False).tolist()
    (['T\\n\\nChina said ...'], ['BEIJING (Reuters) - China said ...'])
    """
    def column(name: str) -> pd.Series:
        if name not in frame:
            return pd.Series("", index=frame.index, dtype=object)
        return frame[name].astype(object).where(frame[name].notna(), "").astype(str)

    body = column("body")
    if strip_datelines:
        body = body.str.replace(_DATELINE, "", n=1, regex=True)
    text = column("standfirst") + "\n" + body
    if title:
        text = column("title") + "\n" + text
    return text.str.strip().astype(object)
