"""The article table on disk: a Parquet dataset folder written batch by batch.

``load_corpus(paths, out="corpus.parquet")`` writes::

    corpus.parquet/
        part-00000.parquet      one batch of articles each, in input order
        part-00001.parquet
        ...
        _corpus_tools.json      the manifest: rows, parts, inputs, parameters, version

Every part has one fixed schema: the article columns with the types of
:data:`corpus_tools.schema.ARTICLE_COLUMNS` (text as ``large_string``, ``published`` as
UTC nanosecond timestamps, counts as ``int64``), then the inputs' other columns as
text, the same set in every part (a part whose inputs lacked one has it empty). So
``pandas.read_parquet``, ``dask.dataframe.read_parquet`` and
:func:`corpus_tools.batches.iter_table_batches` all read the folder.

The folder is written under a temporary name beside the target and renamed into place
when complete, so a killed run never leaves a half-written dataset. A folder holding
the manifest is one we wrote and is replaced; any other existing path is refused.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np
import pandas as pd

from ..schema import ARTICLE_COLUMNS

MANIFEST = "_corpus_tools.json"
_KIND = "corpus_tools article dataset"


def arrow_schema(extra_columns: Iterable[str] = ()):
    """The pyarrow schema of every part: article columns, then extra text columns."""
    import pyarrow as pa

    types = {"string": pa.large_string(), "int64": pa.int64(),
             "datetime64[ns, UTC]": pa.timestamp("ns", tz="UTC")}
    fields = [pa.field(name, types[dtype], nullable=True) for name, dtype in ARTICLE_COLUMNS.items()]
    fields += [pa.field(name, pa.large_string(), nullable=True) for name in extra_columns]
    schema = pa.schema(fields)
    # pandas' metadata, so that pandas reads the text columns back as "string" (with
    # <NA>), the article table's dtype, rather than its default "str".
    empty = pd.DataFrame({name: pd.Series(dtype=ARTICLE_COLUMNS.get(name, "string"))
                          for name in schema.names})
    metadata = pa.Schema.from_pandas(empty, preserve_index=False).metadata
    return schema.with_metadata(metadata)


def is_corpus_dataset(path: str | Path) -> bool:
    """True when ``path`` is a dataset folder written by ``load_corpus(..., out=...)``."""
    manifest = Path(path) / MANIFEST
    try:
        return json.loads(manifest.read_text(encoding="utf-8")).get("kind") == _KIND
    except (OSError, ValueError, AttributeError):
        return False


def write_dataset(out: str | Path, make_batches: Callable[[], Iterator[pd.DataFrame]], *,
                  inputs=None, parameters: dict | None = None) -> Path:
    """Write the batches of ``make_batches()`` as a Parquet dataset folder at ``out``.

    Parameters
    ----------
    out : str or Path
        The dataset folder to create (or replace, if we wrote it).
    make_batches : callable
        Returns an iterator of article-table batches; called only once ``out`` has
        been checked, so that nothing is read when it would be refused.
    inputs, parameters
        Recorded in the manifest.

    Returns
    -------
    pathlib.Path
        ``out``.

    Raises
    ------
    FileExistsError
        When ``out`` exists and is not a dataset written by ``load_corpus``.
    """
    import pyarrow.parquet as pq

    out = Path(out)
    if out.exists() and not is_corpus_dataset(out):
        raise FileExistsError(
            f"{out} exists and is not an article dataset written by load_corpus (it has no "
            f"{MANIFEST}); it was left as it is. Choose another out= path, or move it away.")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.tmp-"))
    try:
        parts: list[tuple[Path, list[str]]] = []
        extras: list[str] = []  # every extra column, in order of first appearance
        rows = 0
        for batch in make_batches():
            batch_extras = [c for c in batch.columns if c not in ARTICLE_COLUMNS]
            extras += [c for c in batch_extras if c not in extras]
            path = tmp / f"part-{len(parts):05d}.parquet"
            pq.write_table(_to_arrow(batch, batch_extras), path)
            parts.append((path, batch_extras))
            rows += len(batch)
        # Inputs with different extra columns: give every part all of them (rare;
        # only the parts that lack one are rewritten, one at a time).
        schema = arrow_schema(extras)
        for path, batch_extras in parts:
            if batch_extras != extras:
                frame = pd.read_parquet(path)
                pq.write_table(_to_arrow(frame.reindex(columns=list(schema.names)), extras), path)
        if not parts:  # an empty corpus is still a readable dataset
            pq.write_table(_to_arrow(pd.DataFrame(columns=list(ARTICLE_COLUMNS)), []),
                           tmp / "part-00000.parquet")
        from .. import __version__

        manifest = {
            "kind": _KIND, "version": __version__, "rows": rows, "parts": max(1, len(parts)),
            "columns": list(schema.names),
            "inputs": [str(p) for p in ([inputs] if isinstance(inputs, (str, Path)) else list(inputs or []))],
            "parameters": parameters or {},
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        _replace(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return out


def _to_arrow(frame: pd.DataFrame, extras: list[str]):
    """A batch as an Arrow table with the fixed schema (extra columns as text)."""
    import pyarrow as pa

    from ..schema import conform

    frame = conform(frame) if len(frame) == 0 else frame
    schema = arrow_schema(extras)
    arrays = []
    for field in schema:
        column = frame[field.name]
        if field.name not in ARTICLE_COLUMNS:
            column = column.astype("string")  # 7 and "7" and NaN → "7", "7", null
        arrays.append(pa.array(column, type=field.type, from_pandas=True))
    return pa.Table.from_arrays(arrays, schema=schema)


def _replace(tmp: Path, out: Path) -> None:
    """Move the finished folder into place; an old dataset is removed only afterwards."""
    if not out.exists():
        os.replace(tmp, out)
        return
    old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.old-"))
    os.replace(out, old / out.name)
    os.replace(tmp, out)
    shutil.rmtree(old, ignore_errors=True)


def add_columns(path: str | Path, columns: pd.DataFrame) -> Path:
    """Write ``columns`` (one row per row of the dataset, in order) into the dataset at
    ``path``, replacing columns of the same names; each part is rewritten under a
    temporary name and renamed into place. How ``mark_copies`` and ``cluster_stories``
    give a dataset their columns, which later stages then read like any other."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..batches import dataset_files

    files = dataset_files(path)
    sizes = [pq.ParquetFile(f).metadata.num_rows for f in files]
    if sum(sizes) != len(columns):
        raise ValueError(f"{len(columns)} rows of new columns for a dataset of {sum(sizes)} "
                         f"rows at {path}: they must be computed from this dataset.")
    for file, end, size in zip(files, np.cumsum(sizes), sizes):
        table, extra = pq.read_table(file), pa.Table.from_pandas(
            columns.iloc[end - size:end].reset_index(drop=True), preserve_index=False)
        table = table.drop_columns([c for c in extra.column_names if c in table.column_names])
        for name in extra.column_names:
            table = table.append_column(extra.schema.field(name), extra.column(name))
        # pandas' metadata of both, so that each column reads back with its dtype
        pandas_meta = json.loads(table.schema.metadata.get(b"pandas", b"{}"))
        pandas_meta["columns"] = [c for c in pandas_meta.get("columns", [])
                                  if c.get("name") not in extra.column_names] \
            + json.loads(extra.schema.metadata[b"pandas"])["columns"]
        pandas_meta.setdefault("index_columns", [])
        table = table.replace_schema_metadata(
            {**table.schema.metadata, b"pandas": json.dumps(pandas_meta).encode()})
        pq.write_table(table, file.with_name(f".{file.name}.tmp"))
        os.replace(file.with_name(f".{file.name}.tmp"), file)
    manifest = Path(path) / MANIFEST
    if manifest.exists():
        record = json.loads(manifest.read_text(encoding="utf-8"))
        record["columns"] = [c for c in record["columns"] if c not in columns] + list(columns)
        manifest.write_text(json.dumps(record, indent=1), encoding="utf-8")
    return Path(path)
