"""Article tables in batches: from memory, from a Parquet dataset, or from Dask.

Every out-of-core function reads its input through :func:`iter_table_batches`, so that
the same code takes a pandas article table, the folder that
``load_corpus(..., out="corpus.parquet")`` writes (or any Parquet file or folder with
article-table columns), or a Dask DataFrame (its partitions are computed one at a time).
Only the columns a step needs are read, so a million articles' bodies are never in
memory at once.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Sequence

import pandas as pd

from .parallel import is_dask_collection
from .settings import DEFAULT_BATCH_SIZE

__all__ = ["iter_table_batches", "read_columns", "count_rows", "dataset_files",
           "is_table_source", "DEFAULT_BATCH_SIZE"]


def dataset_files(path: str | Path) -> list[Path]:
    """The Parquet files of a dataset folder (or the file itself), in name order.

    Name order is the order ``load_corpus(..., out=...)`` wrote the parts in, so rows
    come back in input order.
    """
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise FileNotFoundError(
            f"No Parquet dataset at {path}. Write one with "
            f"corpus_tools.load_corpus(paths, out={str(path)!r})."
        )
    files = sorted(p for p in path.rglob("*.parquet") if not p.name.startswith((".", "_")))
    if not files:
        raise FileNotFoundError(f"{path} holds no .parquet files.")
    return files


def is_table_source(obj) -> bool:
    """True for what :func:`iter_table_batches` reads: a DataFrame, a path, Dask."""
    return isinstance(obj, (pd.DataFrame, str, Path)) or is_dask_collection(obj)


def count_rows(source) -> int:
    """Number of rows, without reading the texts."""
    if isinstance(source, pd.DataFrame):
        return len(source)
    if is_dask_collection(source):
        return int(source.map_partitions(len).sum().compute())
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(f).metadata.num_rows for f in dataset_files(source))


def iter_table_batches(source, columns: Sequence[str] | None = None,
                       batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[pd.DataFrame]:
    """Yield the rows of ``source`` as pandas DataFrames of at most ``batch_size`` rows.

    Parameters
    ----------
    source : pandas.DataFrame, str, Path or dask.dataframe.DataFrame
        An article table, a Parquet file or dataset folder, or a Dask DataFrame.
    columns : sequence of str, optional
        Only these columns (those missing from the source are left out); all by default.
    batch_size : int
        Rows per batch (Dask partitions are yielded whole, one at a time).

    Yields
    ------
    pandas.DataFrame
        Consecutive rows, in the source's order, with a fresh RangeIndex continuing
        across batches (row ``i`` of the source has index ``i``).
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}.")
    if isinstance(source, pd.DataFrame):
        yield from _frame_batches(source, columns, batch_size)
    elif is_dask_collection(source):
        yield from _dask_batches(source, columns)
    elif isinstance(source, (str, Path)):
        yield from _parquet_batches(source, columns, batch_size)
    else:
        raise TypeError(
            f"Expected an article table (pandas or Dask DataFrame) or the path of a "
            f"Parquet dataset, got {type(source).__name__}."
        )


def _frame_batches(frame, columns, batch_size):
    keep = list(frame.columns) if columns is None else [c for c in columns if c in frame]
    for start in range(0, len(frame), batch_size):
        batch = frame.iloc[start:start + batch_size][keep]
        yield batch.set_axis(pd.RangeIndex(start, start + len(batch)), axis=0)


def _dask_batches(frame, columns):
    keep = list(frame.columns) if columns is None else [c for c in columns if c in frame.columns]
    start = 0
    for i in range(frame.npartitions):
        batch = frame.get_partition(i)[keep].compute()
        yield batch.set_axis(pd.RangeIndex(start, start + len(batch)), axis=0)
        start += len(batch)


def _parquet_batches(path, columns, batch_size):
    import pyarrow.parquet as pq

    start = 0
    for file in dataset_files(path):
        handle = pq.ParquetFile(file)
        names = handle.schema_arrow.names
        keep = names if columns is None else [c for c in columns if c in names]
        for record_batch in handle.iter_batches(batch_size=batch_size, columns=keep):
            batch = record_batch.to_pandas()
            yield batch.set_axis(pd.RangeIndex(start, start + len(batch)), axis=0)
            start += len(batch)


def read_columns(source, columns: Sequence[str], batch_size: int = DEFAULT_BATCH_SIZE
                 ) -> pd.DataFrame:
    """The ``columns`` of ``source`` (those it has) as one table, read a batch at a
    time: for the short columns of a dataset too large to read whole (no text)."""
    frames = list(iter_table_batches(source, columns, batch_size))
    if not frames:
        return pd.DataFrame(columns=list(columns))
    return pd.concat(frames) if len(frames) > 1 else frames[0]
