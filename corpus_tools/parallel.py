"""Where the work runs: this process, or a Dask cluster.

corpus_tools has no engine of its own. On one machine every function streams its input
in batches in this process; when a corpus outgrows one machine, the same functions run
their per-partition work on a ``dask.distributed`` cluster and only small results
(sparse counts, signatures, candidate pairs) come back to this process.

Choose the cluster once with :func:`use_dask`, or per call with ``scheduler=``:

>>> from corpus_tools import use_dask          # doctest: +SKIP
>>> use_dask("tcp://scheduler.example.org:8786")  # an existing cluster  # doctest: +SKIP
>>> use_dask(None)                               # back to this process  # doctest: +SKIP

``scheduler=`` takes the same values as :func:`use_dask` plus ``False`` (this process,
whatever :func:`use_dask` said). Dask is imported only when a cluster is used.
"""
from __future__ import annotations

from typing import Any

__all__ = ["use_dask", "get_client", "is_dask_collection"]

_default_client: Any = None


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
    global _default_client
    _default_client = _connect(client) if client is not None else None
    return _default_client


def get_client(scheduler: Any = None):
    """The Dask client a call should use, or None to run in this process.

    Parameters
    ----------
    scheduler : Client, str, None or False
        None: the client set by :func:`use_dask` (None if none was set). False: none,
        whatever :func:`use_dask` said. A ``Client`` or an address: that cluster.
    """
    if scheduler is False:
        return None
    if scheduler is None:
        return _default_client
    return _connect(scheduler)


def is_dask_collection(obj: Any) -> bool:
    """True for a Dask DataFrame or Bag (without importing Dask when it is not loaded)."""
    import sys

    if "dask" not in sys.modules:
        return False
    from dask import is_dask_collection as _is

    return bool(_is(obj))


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
