"""Ingest on a Dask cluster: the per-file parse runs on the workers, via ``dask.bag``.

One bag partition per input file, so that each file is parsed (and its parse cached)
on whichever worker is free. Results come back in input order with a bounded number
of files in flight: the driver holds at most ``in_flight`` files' rows, however large
the corpus. No engine of our own: Dask schedules, moves and retries the work.
"""
from __future__ import annotations

from typing import Callable, Iterator, Sequence


def map_files(client, function: Callable, paths: Sequence, *args,
              in_flight: int | None = None) -> Iterator:
    """Yield ``function(path, *args)`` for each path, computed on the cluster, in order.

    Parameters
    ----------
    client : dask.distributed.Client
        The cluster.
    function : callable
        A module-level function (workers import it by name).
    paths : sequence
        The inputs, one bag partition each.
    *args
        Passed to ``function`` after the path (sent to the workers once).
    in_flight : int, optional
        Files computed ahead of the one being consumed (default: twice the worker
        threads, at least 2).
    """
    import dask.bag as db

    if not len(paths):
        return
    if in_flight is None:
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
        in_flight = max(2, 2 * threads)
    paths = [str(p) for p in paths]
    bag = db.from_sequence(paths, npartitions=len(paths)).map(function, *args)
    parts = bag.to_delayed()
    futures = {}
    for index in range(len(parts)):
        for ahead in range(index, min(index + in_flight, len(parts))):
            if ahead not in futures:
                futures[ahead] = client.compute(parts[ahead])
        result = futures.pop(index).result()  # a list: one partition holds one file
        yield result[0]
