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
from typing import Iterable, Iterator, Mapping

import pandas as pd

from .. import config
from ..schema import ARTICLE_COLUMNS, conform
from .base import Member, ReadOptions
from .cache import ParseCache, content_hash
from .errors import IngestError, IngestLog, Problem
from .formats import detect_format, reader_for, suffix_for_sniffed
from .metadata import extract_credits
from .sources import open_members

PathLike = str | Path


def load_corpus(
    paths: PathLike | Iterable[PathLike],
    *,
    reference_date=None,
    strict: bool = False,
    progress: bool = True,
    columns: Mapping[str, str] | None = None,
    cache_dir: PathLike | None | bool = None,
    log_path: PathLike | None | bool = None,
    out: PathLike | None = None,
    batch_size: int | None = None,
    scheduler=None,
) -> pd.DataFrame | Path:
    """Read page dumps, HTML pages and exports into one article table.

    Every input ends up either in the table or in the ingest log with a reason.

    Parameters
    ----------
    paths : str, Path, or iterable of them
        Files, folders (read recursively) or glob patterns. Formats are detected by
        suffix and content: page-text dumps (``.txt``), HTML (``.html``, ``.htm``),
        ``.csv``, ``.tsv``, ``.jsonl``/``.ndjson``, ``.json``, ``.parquet``; ``.gz``
        files and ``.zip`` archives are opened transparently.
    reference_date : str, datetime or Timestamp, optional
        When the pages were captured: resolves relative dates ("5 hours ago"). Without
        it such dates stay empty and the phrase is kept in ``published_raw``.
    strict : bool, default False
        Raise :class:`IngestError` at the first problem instead of logging it.
    progress : bool, default True
        Show a progress bar over the files.
    columns : mapping, optional
        For tabular inputs, ``{their_column: article_table_column}``, e.g.
        ``{"headline_text": "title", "paper": "outlet"}``.
    cache_dir : path, None or False
        Parse cache folder (default ``cache/`` in the project's derived-data folder,
        :func:`corpus_tools.config.processed_dir`); ``False`` disables it.
        On a cluster the folder must be one the workers can write (or ``False``).
    log_path : path, None or False
        Where the ingest log is written as CSV (default: one file per set of inputs,
        :func:`corpus_tools.config.ingest_log_path`); ``False`` writes none.
    out : path, optional
        Write the table as a Parquet dataset folder (``part-00000.parquet``, ... in
        input order, see :mod:`corpus_tools.ingest.dataset`) instead of returning it,
        holding only one batch of articles in memory at a time. A folder written by
        an earlier ``load_corpus(..., out=...)`` is replaced; any other existing path
        is refused.
    batch_size : int, optional
        Articles per Parquet part with ``out`` (default 10,000); without ``out`` the
        table is built in one piece and this is ignored.
    scheduler : dask.distributed.Client, str, None or False
        Parse the files on a Dask cluster (see :func:`corpus_tools.use_dask`); None
        uses the cluster set by ``use_dask``, if any. The result is the same.

    Returns
    -------
    pandas.DataFrame or pathlib.Path
        The article table (see :mod:`corpus_tools.schema`), one row per article or
        teaser, in input order; with ``out``, the path of the dataset written.

    Raises
    ------
    FileNotFoundError
        When a path or pattern matches nothing.
    FileExistsError
        When ``out`` exists and is not a dataset written by ``load_corpus``.
    IngestError
        With ``strict=True``, on the first problem.

    Examples
    --------
    >>> corpus = load_corpus("data/raw", reference_date="2025-07-21")  # doctest: +SKIP
    >>> corpus[["outlet", "title", "agency"]].head(3)  # doctest: +SKIP
    >>> load_corpus("exports/", out="corpus.parquet")  # doctest: +SKIP
    PosixPath('corpus.parquet')
    """
    from .stream import DEFAULT_INGEST_BATCH, iter_articles

    kwargs = dict(reference_date=reference_date, strict=strict, progress=progress,
                  columns=columns, cache_dir=cache_dir, log_path=log_path, scheduler=scheduler)
    if out is not None:
        from .dataset import write_dataset

        parameters = {"reference_date": None if reference_date is None else str(reference_date),
                      "columns": dict(columns or {}), "strict": strict}
        return write_dataset(
            out,
            lambda: iter_articles(paths, batch_size=batch_size or DEFAULT_INGEST_BATCH, **kwargs),
            inputs=paths, parameters=parameters,
        )
    # One batch: the table is concatenated once, as it always was.
    batches = list(iter_articles(paths, batch_size=None, **kwargs))
    from ..schema import empty_table

    return batches[0] if batches else empty_table()


def read_ingest_log(path: PathLike | None = None) -> pd.DataFrame:
    """The ingest log written by the last :func:`load_corpus` (file, problem, detail).

    Each load writes its own log (:func:`corpus_tools.config.ingest_log_path`); by
    default this reads the newest one: that of the last load.
    """
    return pd.read_csv(path or config.latest_ingest_log(), dtype="string")


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
        rows["source_file"] = member.name
        result.rows = rows
    return result


def _enrich(rows: pd.DataFrame) -> pd.DataFrame:
    """Datelines, agencies and credit lines from the text of rows that lack them."""
    if "body" not in rows or rows.empty:
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


def check_columns(columns: Mapping[str, str] | None) -> Mapping[str, str] | None:
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


def default_path(value, default: Path) -> Path | None:
    """``False`` → None; None/True → ``default``; else the path given."""
    if value is False:
        return None
    return Path(value) if value not in (None, True) else default
