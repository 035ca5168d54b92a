"""Ingest's entry points: ``load_corpus``, ``iter_articles``, ``read_ingest_log``. They
check the arguments, read the run settings and hand the files to the one core,
:func:`.stream.stream_articles` (the per-file parse of :mod:`.loader` mapped over the
files by the executor, here or on Dask, then the cross-file steps).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Mapping

import pandas as pd

from .. import config
from ..parallel import executor
from ..schema import empty_table
from ..settings import FROM_OPTIONS, resolve
from .base import ReadOptions, check_column_map
from .checks import LoadCheck
from .dataset import write_dataset
from .errors import IngestLog
from .filemeta import FileMetadata
from .metadata import as_utc
from .sources import resolve_paths
from .stream import stream_articles

__all__ = ["load_corpus", "iter_articles", "read_ingest_log"]

PathLike = str | Path


def load_corpus(
    paths: PathLike | Iterable[PathLike],
    *,
    reference_date=None,
    strict: bool = False,
    progress: bool | None = None,
    columns: Mapping[str, str] | None = None,
    cache_dir: PathLike | None | bool = None,
    log_path: PathLike | None | bool = None,
    out: PathLike | None = None,
    batch_size: int | None = None,
    scheduler=None,
    metadata=None,
    filename_fields: str | None = None,
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
    progress : bool, optional
        Show a progress bar over the files (default: ``corpus_tools.options``, on).
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
        Articles per Parquet part with ``out`` (default: ``corpus_tools.options``,
        10,000); without ``out`` the table is built in one piece and this is ignored.
    scheduler : dask.distributed.Client, str, None or False
        Parse the files on a Dask cluster (see :func:`corpus_tools.use_dask`); None
        uses the one in ``corpus_tools.options``, if any. The result is the same.
    metadata : path or list of paths, optional
        Metadata tables whose one column names the article files (see
        :mod:`corpus_tools.ingest.filemeta`); such tables and per-article sidecar
        files inside the input folders are found without it.
    filename_fields : str, optional
        Fields in the article files' names: ``"{outlet}_{published}_{slug}"`` or a
        regular expression with named groups.

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
    kwargs = dict(reference_date=reference_date, strict=strict, progress=progress,
                  columns=columns, cache_dir=cache_dir, log_path=log_path, scheduler=scheduler,
                  metadata=metadata, filename_fields=filename_fields)
    if out is not None:
        parameters = {"reference_date": None if reference_date is None else str(reference_date),
                      "columns": dict(columns or {}), "strict": strict,
                      "metadata": None if metadata is None else str(metadata),
                      "filename_fields": filename_fields}
        size = resolve(batch_size=batch_size).batch_size
        return write_dataset(out, lambda: iter_articles(paths, batch_size=size, **kwargs),
                             inputs=paths, parameters=parameters)
    # One batch: the table is concatenated once, as it always was.
    batches = list(iter_articles(paths, batch_size=None, **kwargs))
    return batches[0] if batches else empty_table()


def iter_articles(
    paths: PathLike | Iterable[PathLike],
    *,
    batch_size: int | None = FROM_OPTIONS,
    reference_date=None,
    strict: bool = False,
    progress: bool | None = None,
    columns: Mapping[str, str] | None = None,
    cache_dir: PathLike | None | bool = None,
    log_path: PathLike | None | bool = None,
    scheduler=None,
    metadata=None,
    filename_fields: str | None = None,
) -> Iterator[pd.DataFrame]:
    """Yield the article table of the inputs in batches, without holding the corpus.

    Takes the arguments of :func:`load_corpus` and gives the same rows, in the same
    order, with the same columns and dtypes, cut into batches.

    Parameters
    ----------
    paths : str, Path, or iterable of them
        Files, folders (read recursively) or glob patterns.
    batch_size : int or None, optional
        Articles per batch (the last one may be smaller); None: one batch. Default:
        ``corpus_tools.options`` (10,000).
    reference_date, strict, progress, columns, cache_dir, log_path, metadata, filename_fields
        As for :func:`load_corpus`. The ingest log is written when the iteration ends
        (not when it is abandoned part way); with ``strict=True`` the first problem
        raises :class:`IngestError` from the iteration.
    scheduler : dask.distributed.Client, str, None or False
        Parse the files on a Dask cluster (the per-file reader and its cache run on
        the workers; a few files are in flight at a time and come back in input
        order). None: the one in ``corpus_tools.options`` (:func:`corpus_tools.use_dask`).

    Yields
    ------
    pandas.DataFrame
        Consecutive rows of the article table, with a RangeIndex that continues
        across batches (row ``i`` of the corpus has index ``i``).

    Examples
    --------
    >>> for batch in iter_articles("data/raw", batch_size=1000, progress=False):  # doctest: +SKIP
    ...     print(len(batch))
    """
    if not isinstance(paths, (str, Path)):
        paths = list(paths)  # named in the log's file name, then read
    settings = resolve(progress=progress, scheduler=scheduler)
    if batch_size is FROM_OPTIONS:
        batch_size = settings.batch_size
    if batch_size is not None and batch_size < 1:
        raise ValueError(f"batch_size must be at least 1 (or None for one batch), got {batch_size}.")
    options = ReadOptions(columns=check_column_map(columns),
                          reference_date=None if reference_date is None else as_utc(reference_date))
    cache = _default_path(cache_dir, config.processed_dir() / "cache")
    target = _default_path(log_path, config.ingest_log_path(paths))
    files = resolve_paths(paths)
    log = IngestLog(strict=strict)
    files, file_meta = FileMetadata.find(files, metadata, filename_fields, options, log)
    check = LoadCheck()  # warns at the end when the load gave no or thin rows
    yield from stream_articles(files, file_meta, options, cache, executor(settings.scheduler),
                               log, batch_size, settings.progress, check)
    file_meta.report(log)
    check.report(len(files), log,
                 ", ".join(map(str, [paths] if isinstance(paths, (str, Path)) else paths)),
                 None if target is None else Path(target))
    if target is not None:
        log.write(Path(target))


def read_ingest_log(path: PathLike | None = None) -> pd.DataFrame:
    """The ingest log written by the last :func:`load_corpus` (file, problem, detail).

    Each load writes its own log (:func:`corpus_tools.config.ingest_log_path`); by
    default this reads the newest one: that of the last load.
    """
    return pd.read_csv(path or config.latest_ingest_log(), dtype="string")


def _default_path(value, default: Path) -> Path | None:
    """``False`` → None; None/True → ``default``; else the path given."""
    if value is False:
        return None
    return Path(value) if value not in (None, True) else default
