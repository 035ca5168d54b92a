"""Run settings, read by every stage: progress bars, where batch work runs, batch size.

``corpus_tools.options`` sets them for a block, :func:`set_options` for the session;
the keyword arguments stages always had (``progress=``, ``scheduler=``,
``batch_size=``) still win for one call (``scheduler=False``: this process).

>>> import corpus_tools as ct
>>> with ct.options(progress=False, batch_size=20_000):
...     ct.get_options().batch_size
20000
>>> ct.get_options().batch_size
10000
"""
from __future__ import annotations

import contextlib
import contextvars
from dataclasses import dataclass, replace
from typing import Any, Iterator

__all__ = ["Options", "options", "get_options", "set_options", "resolve", "DEFAULT_BATCH_SIZE",
           "FROM_OPTIONS"]

#: Articles per batch in every stage: about 30 MB of news text, so that a batch's
#: transient copies stay far under a gigabyte while per-batch costs vanish. (Stages
#: had four defaults: 5,000, 10,000, 20,000 and 50,000; bench/scale.py measures this.)
DEFAULT_BATCH_SIZE = 10_000


@dataclass(frozen=True)
class Options:
    """The run settings.

    Attributes
    ----------
    progress : bool, default True
        Show progress bars (tqdm) on long work.
    scheduler : dask.distributed.Client, str or None, default None
        Run batch work on this Dask cluster (a client or a scheduler address); None:
        in this process. :func:`corpus_tools.use_dask` sets it for the session.
    batch_size : int, default 10,000
        Articles per batch wherever a stage reads its input in batches.
    """

    progress: bool = True
    scheduler: Any = None
    batch_size: int = DEFAULT_BATCH_SIZE

    def __post_init__(self):
        size = self.batch_size
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ValueError(f"batch_size must be a whole number of at least 1; got {size!r}.")
        if not isinstance(self.progress, bool):
            raise ValueError(f"progress must be True or False; got {self.progress!r}.")


class _FromOptions:
    """Default of an argument whose None already means something (``iter_articles``'
    ``batch_size=None`` is one batch): take the value from the options."""

    def __repr__(self) -> str:
        return "<from corpus_tools.options>"


FROM_OPTIONS = _FromOptions()
_session = Options()
_block: contextvars.ContextVar[Options | None] = contextvars.ContextVar("options", default=None)


def get_options() -> Options:
    """The settings in force: the innermost ``with options(...)``'s, else the session's."""
    return _block.get() or _session


def set_options(**changes) -> Options:
    """Change the session's settings; returns them."""
    global _session
    _session = replace(_session, **changes)
    return _session


@contextlib.contextmanager
def options(**changes) -> Iterator[Options]:
    """Use these settings (``progress``, ``scheduler``, ``batch_size``) inside a
    ``with`` block; a context variable, so each thread or task keeps its own."""
    token = _block.set(replace(get_options(), **changes))
    try:
        yield _block.get()
    finally:
        _block.reset(token)


def resolve(*, progress: bool | None = None, scheduler: Any = None,
            batch_size: int | None = None) -> Options:
    """The settings of one call: its keyword arguments where given, else the options."""
    changes: dict[str, Any] = {"progress": None if progress is None else bool(progress),
                               "batch_size": batch_size,
                               "scheduler": None if scheduler is False else scheduler}
    changes = {k: v for k, v in changes.items() if v is not None or
               (k == "scheduler" and scheduler is False)}
    return replace(get_options(), **changes) if changes else get_options()
