"""Where the batch work runs: this process, or a Dask cluster. The one executor.

Every stage is written once against :func:`executor`, whose ``map`` applies a
module-level function to each batch (a file, a table batch, a Dask partition) and
yields the results in order: here one after the other, or on a ``dask.distributed``
cluster with a few tasks in flight per worker thread, so that this process holds only
a bounded number of results. No engine of our own: grouping by key and reductions are
numpy's here and Dask's on a cluster.

Choose the cluster once with :func:`use_dask` (or ``corpus_tools.options``), or per
call with ``scheduler=`` (the same values, plus ``False``: this process, whatever
:func:`use_dask` said). Dask is imported only when a cluster is used.

>>> from corpus_tools import use_dask          # doctest: +SKIP
>>> use_dask("tcp://scheduler.example.org:8786")  # an existing cluster  # doctest: +SKIP
>>> use_dask(None)                               # back to this process  # doctest: +SKIP
"""
from __future__ import annotations

import sys
from typing import Any, Callable, Iterable, Iterator

from .settings import resolve, set_options

__all__ = ["use_dask", "get_client", "is_dask_collection", "executor", "LocalExecutor",
           "DaskExecutor"]

#: Batches computed ahead of the one being consumed, per worker thread: enough to keep
#: every worker busy, few enough that this process holds only a handful of results.
IN_FLIGHT_PER_THREAD = 2


def use_dask(client: Any = None):
    """Run corpus_tools' batch work on a Dask cluster from now on (or stop doing so).

    Parameters
    ----------
    client : dask.distributed.Client, str or None
        A connected ``Client``; a scheduler address (``"tcp://host:8786"``), to which a
        ``Client`` is connected; or None to run everything in this process again.

    Returns
    -------
    dask.distributed.Client or None
        The client now in use.
    """
    connected = _connect(client) if client is not None else None
    set_options(scheduler=connected)
    return connected


def get_client(scheduler: Any = None):
    """The Dask client a call should use, or None to run in this process.

    Parameters
    ----------
    scheduler : Client, str, None or False
        None: the one in ``corpus_tools.options`` (set by :func:`use_dask`; None if
        none was set). False: none, whatever the options say. A ``Client`` or an
        address: that cluster.
    """
    chosen = resolve(scheduler=scheduler).scheduler
    return None if chosen is None else _connect(chosen)


def is_dask_collection(obj: Any) -> bool:
    """True for a Dask DataFrame or Bag (without importing Dask when it is not loaded)."""
    if "dask" not in sys.modules:
        return False
    from dask import is_dask_collection as _is

    return bool(_is(obj))


def executor(scheduler: Any = None) -> "LocalExecutor | DaskExecutor":
    """The executor of a call: :class:`DaskExecutor` when a cluster is chosen (see
    :func:`get_client`), else :class:`LocalExecutor`."""
    client = get_client(scheduler)
    return LocalExecutor() if client is None else DaskExecutor(client)


class LocalExecutor:
    """Runs each batch in this process, as it is consumed."""

    client = None

    def map(self, function: Callable, items: Iterable, *args) -> Iterator:
        """``function(item, *args)`` for each item, in order, computed lazily."""
        for item in items:
            yield function(item, *args)


class DaskExecutor:
    """Runs each batch as a task on a ``dask.distributed`` cluster."""

    def __init__(self, client):
        self.client = client

    @property
    def n_threads(self) -> int:
        workers = self.client.scheduler_info().get("workers", {})
        return max(sum(w.get("nthreads", 1) for w in workers.values()), 1)

    def map(self, function: Callable, items: Iterable, *args) -> Iterator:
        """``function(item, *args)`` for each item on the cluster, yielded in order.

        ``items`` may be plain values (paths) or Dask delayed objects (partitions,
        computed on the worker that runs the task); ``args`` are sent to the workers
        once. At most ``IN_FLIGHT_PER_THREAD`` tasks per worker thread are pending.
        """
        from dask import delayed

        # hash=False: a key of its own, so that releasing an earlier map's copy of the
        # same object never takes this one away; in a list, so that a dict is one value
        shared = [self.client.scatter([a], broadcast=True, hash=False)[0]
                  if _worth_scattering(a) else a for a in args]
        limit = IN_FLIGHT_PER_THREAD * self.n_threads
        task = delayed(function, pure=False)
        pending = []
        for item in items:
            pending.append(self.client.compute(task(item, *shared)))
            if len(pending) >= limit:
                yield pending.pop(0).result()
        while pending:
            yield pending.pop(0).result()


def _worth_scattering(value: Any) -> bool:
    """Objects sent once to every worker rather than with each task (an estimator)."""
    return not isinstance(value, (str, bytes, int, float, bool, type(None), tuple, frozenset)) \
        and not hasattr(value, "__fspath__")


def _connect(client: Any):
    if isinstance(client, str):
        try:
            from dask.distributed import Client
        except ImportError as err:  # pragma: no cover - dask is a dependency
            raise ImportError("Running on a cluster needs dask.distributed: "
                              "pip install 'dask[distributed]'.") from err
        return Client(client)
    if not hasattr(client, "submit") or not hasattr(client, "scheduler_info"):
        raise TypeError(
            f"Expected a dask.distributed.Client or a scheduler address such as "
            f"'tcp://10.0.0.5:8786', got {type(client).__name__}."
        )
    return client
