"""Run settings: progress bars, where the batch work runs, and how large a batch is.

(The module is ``settings``; ``corpus_tools.options`` is its context manager.)

Every stage reads these settings here instead of taking the same three keyword
arguments on every function. Set them for a block of code, or for the session:

>>> import corpus_tools as ct
>>> with ct.options(progress=False, batch_size=20_000):
...     ct.get_options().batch_size
20000
>>> ct.get_options().batch_size
10000

The keyword arguments that stages had before (``progress=``, ``scheduler=``,
``batch_size=``) still work and win over the options for that one call.

``scheduler`` is where batch work runs: ``None`` in this process, or a
``dask.distributed.Client`` (or a scheduler address) to run it on that cluster.
:func:`corpus_tools.use_dask` sets it for the session; a call's ``scheduler=False``
runs that call in this process whatever the options say.
"""
from __future__ import annotations

import contextlib
import contextvars
from dataclasses import dataclass, replace
from typing import Any, Iterator

__all__ = ["Options", "options", "get_options", "set_options", "resolve", "DEFAULT_BATCH_SIZE",
           "FROM_OPTIONS"]

#: Articles per batch, for every stage: about 30 MB of news text, small enough that a
#: batch's transient copies stay well under a gigabyte, large enough that per-batch
#: costs vanish. (Stages used 5,000, 10,000, 20,000 and 50,000 before; bench/scale.py
#: measures the stages with this one.)
DEFAULT_BATCH_SIZE = 10_000


class _FromOptions:
    """The default of an argument whose None already means something else (for
    ``iter_articles(batch_size=None)``, one batch): take the value from the options."""

    def __repr__(self) -> str:
        return "<from corpus_tools.options>"


FROM_OPTIONS = _FromOptions()


@dataclass(frozen=True)
class Options:
    """The run settings every stage reads.

    Attributes
    ----------
    progress : bool, default True
        Show progress bars (tqdm) on long work.
    scheduler : dask.distributed.Client, str or None, default None
        Run batch work on this Dask cluster (a client or a scheduler address); None
        runs it in this process.
    batch_size : int, default 10,000
        Articles per batch when a stage reads its input in batches (a Parquet
        dataset, a Dask frame, or a table counted out of core).
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


_session = Options()
_current: contextvars.ContextVar[Options | None] = contextvars.ContextVar(
    "corpus_tools_options", default=None)


def get_options() -> Options:
    """The settings in force here: those of the innermost ``with options(...)`` block,
    else the session's (:func:`set_options`)."""
    return _current.get() or _session


def set_options(**changes) -> Options:
    """Change the session's settings (outside any ``with`` block); returns them."""
    global _session
    _session = replace(_session, **changes)
    return _session


@contextlib.contextmanager
def options(**changes) -> Iterator[Options]:
    """Use these settings inside a ``with`` block (and any thread or task it starts).

    Parameters
    ----------
    **changes
        ``progress``, ``scheduler`` and/or ``batch_size`` (see :class:`Options`).

    Examples
    --------
    >>> with options(progress=False):
    ...     get_options().progress
    False
    """
    token = _current.set(replace(get_options(), **changes))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def resolve(*, progress: bool | None = None, scheduler: Any = None,
            batch_size: int | None = None) -> Options:
    """The settings of one call: its keyword arguments where given, else the options.

    ``scheduler=False`` means this process, whatever the options say.
    """
    current = get_options()
    changes: dict[str, Any] = {}
    if progress is not None:
        changes["progress"] = bool(progress)
    if scheduler is False:
        changes["scheduler"] = None
    elif scheduler is not None:
        changes["scheduler"] = scheduler
    if batch_size is not None:
        changes["batch_size"] = batch_size
    return replace(current, **changes) if changes else current
