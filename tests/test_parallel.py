"""Choosing where work runs, and reading tables in batches from every kind of source."""
from __future__ import annotations

import pandas as pd
import pytest

import corpus_tools
from corpus_tools.batches import count_rows, iter_table_batches
from corpus_tools.parallel import get_client, use_dask


def test_use_dask_sets_and_resets_the_default(dask_client):
    try:
        assert corpus_tools.use_dask(dask_client) is dask_client
        assert get_client() is dask_client
        assert get_client(False) is None
    finally:
        use_dask(None)
    assert get_client() is None


def test_use_dask_rejects_what_is_not_a_client():
    with pytest.raises(TypeError, match="scheduler address"):
        use_dask(42)


def test_batches_agree_across_sources(seed_corpus, tmp_path, dask_client):
    import dask.dataframe as dd

    table = seed_corpus.reset_index(drop=True)
    table.iloc[:7].to_parquet(tmp_path / "part-00000.parquet")
    table.iloc[7:].to_parquet(tmp_path / "part-00001.parquet")
    sources = [table, tmp_path, dd.from_pandas(table, npartitions=3)]
    for source in sources:
        assert count_rows(source) == len(table)
        batches = list(iter_table_batches(source, ["doc_id", "body", "missing"], batch_size=4))
        joined = pd.concat(batches)
        assert list(joined.columns) == ["doc_id", "body"]
        assert joined.index.tolist() == list(range(len(table)))
        assert joined["doc_id"].tolist() == table["doc_id"].tolist()


def test_missing_dataset_says_how_to_make_one(tmp_path):
    with pytest.raises(FileNotFoundError, match="load_corpus"):
        list(iter_table_batches(tmp_path / "nothing.parquet"))
