"""``iter_articles``: the article table in batches, streaming over the input files.

Memory stays bounded by one batch and the file being read, not by the corpus:

* files are parsed one at a time (here) or a few at a time (on Dask workers, see
  :mod:`.distributed`), and their rows are passed on as soon as the cross-file steps
  allow;
* the cross-file steps keep only what they must: the digests of the inputs read
  (duplicate files), the ``doc_id`` of every article kept with the index of its file
  (repeated articles; about 100 bytes an article, 100 MB for a million), and the
  template lines of page-text sites (see :mod:`.template_index`: a first pass over the
  page-text inputs only);
* the ingest log is written when the iteration ends.

Concatenated, the batches are exactly ``load_corpus(paths)`` (which is built on this).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Mapping

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from .. import config
from ..schema import empty_table
from .base import ReadOptions
from .errors import IngestLog, Problem
from .loader import MemberResult, check_columns, default_path, iter_events, parse_file
from .metadata import as_utc
from .sources import HTML_SUFFIXES, TABULAR_SUFFIXES, format_suffix, is_documentation, resolve_paths
from .template_index import TemplateIndex, strip_template_lines

PathLike = str | Path

#: Articles per batch of :func:`iter_articles` (about 30 MB of news text).
DEFAULT_INGEST_BATCH = 10_000


def iter_articles(
    paths: PathLike | Iterable[PathLike],
    *,
    batch_size: int | None = DEFAULT_INGEST_BATCH,
    reference_date=None,
    strict: bool = False,
    progress: bool = True,
    columns: Mapping[str, str] | None = None,
    cache_dir: PathLike | None | bool = None,
    log_path: PathLike | None | bool = None,
    scheduler=None,
) -> Iterator[pd.DataFrame]:
    """Yield the article table of the inputs in batches, without holding the corpus.

    Takes the arguments of :func:`corpus_tools.load_corpus` and gives the same rows,
    in the same order, with the same columns and dtypes, cut into batches.

    Parameters
    ----------
    paths : str, Path, or iterable of them
        Files, folders (read recursively) or glob patterns.
    batch_size : int or None, default 10,000
        Articles per batch (the last one may be smaller); None: one batch.
    reference_date, strict, progress, columns, cache_dir, log_path
        As for :func:`corpus_tools.load_corpus`. The ingest log is written when the
        iteration ends (not when it is abandoned part way); with ``strict=True`` the
        first problem raises :class:`IngestError` from the iteration.
    scheduler : dask.distributed.Client, str, None or False
        Parse the files on a Dask cluster (the per-file reader and its cache run on
        the workers; a few files are in flight at a time and come back in input
        order). None: the cluster set by :func:`corpus_tools.use_dask`, if any.

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
    if batch_size is not None and batch_size < 1:
        raise ValueError(f"batch_size must be at least 1 (or None for one batch), got {batch_size}.")
    options = ReadOptions(columns=check_columns(columns),
                          reference_date=None if reference_date is None else as_utc(reference_date))
    cache = default_path(cache_dir, config.PROCESSED_DIR / "cache")
    target = default_path(log_path, config.ingest_log_path(paths))
    files = resolve_paths(paths)
    from ..parallel import get_client

    client = get_client(scheduler)
    stream = _Stream(IngestLog(strict=strict), batch_size)
    stream.template = _template_lines(files, options, cache, client, progress)
    for index, events in _parsed_files(files, options, cache, client, stream, progress):
        yield from stream.add_file(files[index], events)
    yield from stream.flush(final=True)
    if target is not None:
        stream.log.write(Path(target))


def _parsed_files(files, options, cache, client, stream, progress):
    """``(index, events)`` of every input file, in order, parsed here or on Dask."""
    bar = tqdm(total=len(files), desc="Reading", unit="file", disable=not progress)
    try:
        if client is None:
            for index, path in enumerate(files):
                # The digests read so far: a duplicate file is not parsed again. The
                # events are parsed as the stream consumes them (a large file's pieces
                # one at a time).
                events = [] if is_documentation(path) else iter_events(
                    path, options, cache, stream.seen_content)
                yield index, events
                bar.update()
        else:
            from .distributed import map_files

            todo = [i for i, p in enumerate(files) if not is_documentation(p)]
            results = map_files(client, parse_file, [files[i] for i in todo], options, cache)
            done = 0
            for index, events in zip(todo, results):
                bar.update(index + 1 - done)
                done = index + 1
                yield index, events
            bar.update(len(files) - done)
            for index in range(done, len(files)):
                yield index, []
    finally:
        bar.close()


def _may_hold_page_text(path: Path) -> bool:
    """False for files whose name says they are exports or HTML (no page text inside)."""
    return not is_documentation(path) and format_suffix(path.name) not in (
        TABULAR_SUFFIXES | HTML_SUFFIXES)


def template_evidence(path: PathLike, options: ReadOptions, cache_folder) -> TemplateIndex:
    """The :class:`TemplateIndex` of one file's page-text articles (runs on workers too)."""
    index = TemplateIndex()
    for event in iter_events(path, options, cache_folder, formats=("pagetext",)):
        if isinstance(event, MemberResult) and event.fmt == "pagetext" and event.rows is not None:
            index.add(event.rows)
    return index


def _template_lines(files, options, cache, client, progress) -> frozenset:
    """First pass: the template lines of page-text sites, over page-text inputs only."""
    candidates = [p for p in files if _may_hold_page_text(p)]
    index = TemplateIndex()
    if not candidates:
        return index.template_lines()
    if client is None:
        parts = (template_evidence(p, options, cache) for p in candidates)
    else:
        from .distributed import map_files

        parts = map_files(client, template_evidence, candidates, options, cache)
    for part in tqdm(parts, total=len(candidates), desc="Template lines", unit="file",
                     disable=not progress or len(candidates) < 2):
        index.merge(part)
    return index.template_lines()


class _Stream:
    """The cross-file steps, applied to each file's events in input order."""

    def __init__(self, log: IngestLog, batch_size: int | None):
        self.log = log
        self.batch_size = batch_size
        self.template: frozenset = frozenset()
        self.seen_content: dict[str, str] = {}  # digest -> first input with it
        self.seen_ids: dict[str, int] = {}  # doc_id -> index into self.names
        self.names: list[str] = []
        self.pending: list[pd.DataFrame] = []
        self.n_pending = 0
        self.start = 0

    def add_file(self, path: Path, events: list) -> Iterator[pd.DataFrame]:
        if is_documentation(path):
            self.log.add(path.as_posix(), "not an input",
                         "README, LICENSE and notes are documentation, not articles: skipped.")
            return
        for event in events:
            if isinstance(event, Problem):
                self.log.add(event.file, event.problem, event.detail)
            else:
                self._add_member(event)
                if self.batch_size is not None and self.n_pending >= self.batch_size:
                    yield from self.flush()

    def _add_member(self, result: MemberResult) -> None:
        log = self.log
        if result.empty:
            log.add(result.name, "empty file", f"the file {result.empty}: nothing to read.")
            return
        if result.digest in self.seen_content:
            log.add(result.name, "duplicate file",
                    f"same content as {self.seen_content[result.digest]}; its articles were read once.")
            return
        if result.skipped:  # cannot happen: parse_file skips only digests seen here
            raise RuntimeError(f"{result.name} was skipped as a duplicate of an unknown input.")
        self.seen_content[result.digest] = result.name
        for problem in result.problems:
            log.add(problem.file, problem.problem, problem.detail)
        if result.error is not None:
            log.add(result.error.file, result.error.problem, result.error.detail)
            return
        if result.rows is None:
            log.add(result.name, "no articles", "no article text was found in this file.")
            return
        rows = self._drop_repeated(result.rows, result.name)
        if result.fmt == "pagetext":
            rows = strip_template_lines(rows, self.template)
        # Kept even when empty: its extra columns are part of the table, as in one concat.
        self.pending.append(rows)
        self.n_pending += len(rows)

    def _drop_repeated(self, rows: pd.DataFrame, name: str) -> pd.DataFrame:
        """Keep the first copy of each doc_id in the corpus; log the others."""
        ids = rows["doc_id"]
        seen = self.seen_ids
        # A dict lookup per id: Series.isin(seen.keys()) would copy every id seen so far
        # for each file (4.4 s a file at a million articles, quadratic in all).
        already = np.fromiter((doc_id in seen for doc_id in ids.tolist()), bool, len(ids))
        repeated = ids.duplicated().to_numpy() | already
        self.names.append(name)
        file_index = len(self.names) - 1
        if repeated.any():
            example = rows[repeated].iloc[0]
            where = (self.names[seen[example["doc_id"]]] if example["doc_id"] in seen
                     else name)
            self.log.add(
                name, "duplicate article",
                f"{int(repeated.sum())} article(s) already read (e.g. {example['title'][:60]!r} "
                f"from {where}); each kept once.",
            )
            rows = rows[~repeated]
        seen.update(dict.fromkeys(rows["doc_id"].tolist(), file_index))
        return rows

    def flush(self, final: bool = False) -> Iterator[pd.DataFrame]:
        """Yield full batches (and, at the end, the rest)."""
        if not self.pending:
            return
        table = pd.concat(self.pending, ignore_index=True) if len(self.pending) > 1 else self.pending[0]
        self.pending, self.n_pending = [], 0
        size = self.batch_size or len(table)
        cut = len(table) if final else len(table) - len(table) % size
        for begin in range(0, cut, size):
            yield self._finish(table.iloc[begin:begin + size])
        if cut < len(table):
            rest = table.iloc[cut:]
            self.pending, self.n_pending = [rest], len(rest)

    def _finish(self, batch: pd.DataFrame) -> pd.DataFrame:
        batch = batch.set_axis(pd.RangeIndex(self.start, self.start + len(batch)), axis=0)
        batch["source_file"] = batch["source_file"].astype("string")
        self.start += len(batch)
        return batch
