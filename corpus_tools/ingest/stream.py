"""The article table in batches, streaming over the input files (the core of
``iter_articles`` and ``load_corpus``, :mod:`.api`).

Memory stays bounded by one batch and the file being read, not by the corpus:

* files are parsed one at a time (here) or a few at a time (on Dask workers), through
  :func:`corpus_tools.parallel.executor`, and their rows are passed on as soon as the
  cross-file steps allow;
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
from typing import Iterator

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from .base import ReadOptions
from .errors import IngestLog, Problem
from .filemeta import FileMetadata
from .formats import TEMPLATE_FORMATS, may_repeat_lines, template_formats
from .loader import MemberResult, iter_events, parse_file
from .sources import is_documentation
from .template_index import TemplateIndex, strip_template_lines

PathLike = str | Path


def stream_articles(files: list[Path], file_meta: FileMetadata, options: ReadOptions,
                    cache: Path | None, run, log: IngestLog, batch_size: int | None,
                    progress: bool) -> Iterator[pd.DataFrame]:
    """The article table of ``files`` in batches: the per-file parse mapped over the files
    with the executor ``run`` (:func:`corpus_tools.parallel.executor`), its events
    replayed here in input order through the cross-file steps (``file_meta`` joins the
    metadata found beside the files). Problems go to ``log``.
    """
    stream = _Stream(log, batch_size)
    stream.file_meta = file_meta
    stream.template = _template_lines(files, options, cache, run, progress)
    for index, events in _parsed_files(files, options, cache, run, stream, progress):
        yield from stream.add_file(files[index], events)
    yield from stream.flush(final=True)


def _parsed_files(files, options, cache, run, stream, progress):
    """``(index, events)`` of every input file, in order, parsed here or on Dask."""
    # Here the events of a file are parsed as the stream consumes them (a large file's
    # pieces one at a time), skipping contents already read (the stream's digests); on
    # a worker a file is parsed whole (its parse cached there) and comes back as a list.
    parse = iter_events if run.client is None else parse_file
    todo = [str(p) for p in files if not is_documentation(p)]
    parsed = iter(run.map(parse, todo, options, cache, stream.seen_content))
    for index, path in enumerate(tqdm(files, desc="Reading", unit="file",
                                      disable=not progress)):
        yield index, ([] if is_documentation(path) else next(parsed))


def _may_hold_page_text(path: Path) -> bool:
    """Files whose lines may repeat a site's template across files (see formats.py)."""
    return not is_documentation(path) and may_repeat_lines(path)


def template_evidence(path: PathLike, options: ReadOptions, cache_folder) -> TemplateIndex:
    """The :class:`TemplateIndex` of one file's page-text articles (runs on workers too)."""
    index = TemplateIndex()
    for event in iter_events(path, options, cache_folder, formats=template_formats(path)):
        if isinstance(event, MemberResult) and event.fmt in TEMPLATE_FORMATS and event.rows is not None:
            index.add(event.rows)
    return index


def _template_lines(files, options, cache, run, progress) -> frozenset:
    """First pass: the template lines of page-text sites, over page-text inputs only."""
    candidates = [p for p in files if _may_hold_page_text(p)]
    index = TemplateIndex()
    if not candidates:
        return index.template_lines()
    parts = run.map(template_evidence, [str(p) for p in candidates], options, cache)
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
        self.file_meta = FileMetadata()
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
        rows = self._drop_repeated(self.file_meta.apply(result.rows, result.name), result.name)
        rows = strip_template_lines(rows, self.template)  # (outlet, line) pairs: any format
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
