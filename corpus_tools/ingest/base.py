"""What every reader shares: the unit of input, the options, and text decoding.

A *reader* is a function ``read(member, options, log) -> DataFrame``. It returns any
subset of the article table's columns (``corpus_tools.schema.ARTICLE_COLUMNS``), one
row per article; :func:`corpus_tools.load_corpus` adds ``source_file``, ``doc_id`` and
``n_words``. A reader raises :class:`IngestError` when the whole input is unusable and
calls ``log.add(...)`` for a problem with a part of it (one bad line among good ones).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

import pandas as pd

from ..schema import ARTICLE_COLUMNS
from .encoding import decode_bytes, detect_encoding
from .errors import IngestError, IngestLog


@dataclass(frozen=True)
class Member:
    """One input after archives and compression are opened.

    Attributes
    ----------
    name : str
        Display name: the path, or ``archive.zip!inner/file.csv`` for a zip member.
    data : bytes
        The decompressed content.
    suffix : str
        Lower-case format suffix with any ``.gz`` removed (``".csv"``, ``".txt"``).
    first_line : int
        For one piece of a large JSON-lines file: the records before it in the file,
        so that ``source_index`` counts from the start of the file (0 otherwise).
    """

    name: str
    data: bytes
    suffix: str
    first_line: int = 0


@dataclass(frozen=True)
class ReadOptions:
    """Options that change what a reader returns (and so are part of the cache key).

    Attributes
    ----------
    columns : mapping or None
        For tabular inputs: ``{their_column: article_table_column}``, applied before
        the automatic mapping of common names.
    reference_date : pandas.Timestamp or None
        "Now" for relative dates such as "5 hours ago" (tz-aware, UTC if naive).
    """

    columns: Mapping[str, str] | None = None
    reference_date: pd.Timestamp | None = None

    def cache_token(self) -> str:
        """A string that changes whenever the options change what is read."""
        columns = sorted((self.columns or {}).items())
        return f"columns={columns};reference_date={self.reference_date}"


Reader = Callable[[Member, ReadOptions, IngestLog], pd.DataFrame]

# Bytes that never occur in text files but fill binary ones.
_CONTROL = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}


def looks_binary(data: bytes) -> bool:
    """True when ``data`` looks like a binary file rather than text.

    A NUL byte, or more than 10% control characters in the first 8 KiB, marks binary
    data (UTF-16 text, which has NULs, is not a format this project reads).
    """
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    return sum(b in _CONTROL for b in head) / len(head) > 0.10


def decode_text(member: Member) -> str:
    """Decode a member's bytes to ``str``.

    UTF-8 (with or without BOM) first, then Windows-1252 when the result reads as a
    Western text, then charset-normalizer's guess (see
    :mod:`corpus_tools.ingest.encoding`; :func:`log_uncertain_encoding` logs a guess).

    Raises
    ------
    IngestError
        When the data is binary.
    """
    if looks_binary(member.data):
        raise IngestError(
            member.name,
            "binary file",
            "the file holds binary data (NUL or control bytes), not text. Supported "
            "inputs: page-text dumps (.txt), HTML pages, CSV, JSON lines, JSON, Parquet, "
            "each optionally in .gz or .zip.",
        )
    return decode_bytes(member.data)[0]


def log_uncertain_encoding(member: Member, log: IngestLog) -> None:
    """Log an input whose encoding had to be guessed (not UTF-8 nor Windows-1252)."""
    if member.suffix == ".parquet" or member.data.isascii() or looks_binary(member.data):
        return
    encoding = detect_encoding(member.data)
    if not encoding.certain:
        log.add(member.name, "uncertain encoding",
                f"the file is neither UTF-8 nor Windows-1252; it was decoded as "
                f"{encoding.name!r}, a statistical guess. Check a few of its rows, or save "
                f"it as UTF-8 and load it again.")


def check_column_map(columns: Mapping[str, str] | None) -> Mapping[str, str] | None:
    """``columns=`` checked: every target must be an article-table column."""
    if columns is None:
        return None
    wrong = {k: v for k, v in dict(columns).items() if v not in ARTICLE_COLUMNS}
    if wrong:
        raise ValueError(
            f"columns= maps input columns to article-table columns; {wrong} are not "
            f"article-table columns. Use one of: {', '.join(ARTICLE_COLUMNS)}."
        )
    return dict(columns)
