"""``load_corpus``: every input file into one article table (or a Parquet dataset), or
into the ingest log; and the per-file parse that :func:`iter_articles` runs, in this
process or on Dask workers.

The work splits in two. :func:`parse_file` reads one input file (its archive members,
the parse cache, the format's reader) and returns what happened as a list of events,
without deciding anything that needs the other files; it is a plain function of its
arguments, so Dask can run it on a worker. :mod:`.stream` replays those events in input
order and applies the cross-file steps (duplicate files, repeated articles, template
lines, the ingest log). ``load_corpus`` is :func:`iter_articles` collected.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

import pandas as pd

from ..schema import conform
from .articletable import FINISHED
from .base import Member, ReadOptions, log_uncertain_encoding
from .cache import ParseCache, content_hash
from .errors import IngestError, IngestLog, Problem
from .formats import detect_format, reader_for, suffix_for_sniffed
from .metadata import extract_credits
from .sources import open_members

PathLike = str | Path


# --- one file, anywhere -------------------------------------------------------------
@dataclass
class MemberResult:
    """What reading one input (a file, or one member of an archive) gave.

    Attributes
    ----------
    name : str
        The input's display name.
    digest : str or None
        SHA-256 of its bytes; None when it is empty (``empty`` says how).
    fmt : str
        ``"pagetext"``, ``"html"`` or ``"tabular"`` ("" when not detected).
    rows : DataFrame or None
        Its conformed article rows (``source_file`` set), None when it gave none.
    problems : list of Problem
        What its reader logged about parts of it, in order.
    error : Problem or None
        Why it gave no rows, when it could not be read.
    empty : str
        "" or the description of an empty input.
    skipped : bool
        Not parsed because its content was already read (a duplicate file).
    """

    name: str
    digest: str | None = None
    fmt: str = ""
    rows: pd.DataFrame | None = None
    problems: list = field(default_factory=list)
    error: Problem | None = None
    empty: str = ""
    skipped: bool = False


_PROBLEMS = "corpus_tools_ingest_problems"


class _RecordingLog(IngestLog):
    """An ingest log that only records, so that the driver can replay it in order."""

    def __init__(self):
        super().__init__(strict=False)


def parse_file(path: PathLike, options: ReadOptions, cache_folder: PathLike | None,
               skip_digests=frozenset(), formats=None) -> list:
    """Read one input file into events: a :class:`Problem` or a :class:`MemberResult`.

    The list of :func:`iter_events`, which a Dask worker can send back.
    """
    return list(iter_events(path, options, cache_folder, skip_digests, formats))


def iter_events(path: PathLike, options: ReadOptions, cache_folder: PathLike | None,
                skip_digests=frozenset(), formats=None) -> Iterator:
    """Yield the events of one input file: a :class:`Problem` or a :class:`MemberResult`.

    Problems of the file itself (a damaged archive) and the results of its members
    come in the order they happened. A large JSON-lines file comes as several members
    (see :data:`corpus_tools.ingest.sources.JSONL_PIECE_BYTES`), parsed one at a time
    as they are consumed, so that one file's rows need not be in memory at once.
    Nothing here depends on other files, so this runs on a Dask worker as well as here.

    Parameters
    ----------
    path : str or Path
        The file.
    options : ReadOptions
        How to read it.
    cache_folder : path or None
        The parse cache (None: no cache).
    skip_digests : collection of str
        Contents already read: members with these digests are not parsed.
    formats : collection of str, optional
        Parse only members of these formats (the others come back with ``fmt`` set
        and no rows); all by default.
    """
    cache = ParseCache(Path(cache_folder) if cache_folder else None)
    file_log = _RecordingLog()
    seen_here: set[str] = set()
    for member in open_members(Path(path), file_log):
        yield from file_log.problems
        file_log.problems.clear()
        result = parse_member(member, options, cache, skip=(seen_here, skip_digests),
                              formats=formats)
        if result.digest:
            seen_here.add(result.digest)
        yield result
    yield from file_log.problems


def parse_member(member: Member, options: ReadOptions, cache: ParseCache,
                 skip=(), formats=None) -> MemberResult:
    """Rows of one input, from the cache or its reader, with what went wrong.

    ``skip`` holds collections of digests already read: such an input is not parsed;
    nor is one whose format is not in ``formats`` (when given).

    What the reader logged is stored with the cached rows (in their ``attrs``, which
    Parquet keeps), so that a cached parse logs the same problems as a fresh one.
    """
    if not member.data.strip():
        kind = "is empty (0 bytes)" if not member.data else "holds only whitespace"
        return MemberResult(member.name, empty=kind)
    digest = content_hash(member.data)
    result = MemberResult(member.name, digest=digest)
    if any(digest in seen for seen in skip):
        result.skipped = True
        return result
    log = _RecordingLog()
    try:
        fmt = result.fmt = detect_format(member)
        if fmt == "tabular" and not member.suffix:
            member = replace(member, suffix=suffix_for_sniffed(member))
        if formats is not None and fmt not in formats:
            return result
        key = cache.key(digest, fmt, options.cache_token())
        rows = cache.get(key)
        if rows is None:
            log_uncertain_encoding(member, log)
            rows = _enrich(reader_for(fmt)(member, options, log))
            rows = conform(rows)
            rows.attrs[_PROBLEMS] = [[p.file, p.problem, p.detail] for p in log.problems]
            cache.put(key, rows)
        else:
            log.problems = [Problem(*p) for p in rows.attrs.get(_PROBLEMS, [])]
        rows.attrs.clear()  # the table carries no per-file attrs
    except IngestError as exc:
        result.error = Problem(exc.file, exc.problem, exc.detail)
        rows = None
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        result.error = Problem(member.name, "could not be read", f"{type(exc).__name__}: {exc}")
        rows = None
    result.problems = list(log.problems)
    if rows is not None and not rows.empty:
        rows = rows.copy()
        rows["source_file"] = rows["source_file"].where(rows["source_file"] != "", member.name)
        result.rows = rows
    return result


def _enrich(rows: pd.DataFrame) -> pd.DataFrame:
    """Datelines, agencies and credit lines from the text of rows that lack them."""
    if "body" not in rows or rows.empty or rows.attrs.get(FINISHED):
        return rows
    rows = rows.copy()
    for column in ("dateline", "agency", "credit"):
        if column not in rows:
            rows[column] = ""
        rows[column] = rows[column].astype("string").fillna("")
    todo = rows.index[(rows["dateline"] == "") & (rows["agency"] == "") & (rows["credit"] == "")]
    if len(todo):
        found = [extract_credits(str(b)) for b in rows.loc[todo, "body"].fillna("")]
        rows.loc[todo, "body"] = [f.body for f in found]
        rows.loc[todo, "dateline"] = [f.dateline for f in found]
        rows.loc[todo, "agency"] = [f.agency for f in found]
        rows.loc[todo, "credit"] = [f.credit for f in found]
    return rows
