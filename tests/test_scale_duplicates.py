"""find_duplicates out of core (a Parquet dataset read in batches) and on Dask (LSH
bands and fingerprints shuffled by key): the same pairs as the in-memory run."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from corpus_tools.syndication import duplicates, find_duplicates, minhash, winnowing
from corpus_tools.syndication.shingles import article_texts, shingles, tokenize


@pytest.fixture(scope="module")
def default_pairs(default_corpus):
    return find_duplicates(default_corpus, progress=False)


@pytest.fixture(scope="module")
def dataset(default_corpus, tmp_path_factory):
    """The default corpus as a Parquet dataset in four parts (several row groups)."""
    folder = tmp_path_factory.mktemp("dups") / "corpus.parquet"
    folder.mkdir()
    for p, part in enumerate(np.array_split(np.arange(len(default_corpus)), 4)):
        default_corpus.iloc[part].to_parquet(folder / f"part-{p:05d}.parquet",
                                             row_group_size=400)
    return folder


def test_default_corpus_has_copies_to_find(default_pairs):
    assert len(default_pairs) > 20
    assert {"exact", "near", "abridged"} <= set(default_pairs["relation"])


def test_parquet_dataset_gives_the_in_memory_pairs(dataset, default_pairs):
    assert_frame_equal(find_duplicates(dataset, progress=False, batch_size=700), default_pairs)


def test_results_do_not_depend_on_batches_spilling_or_check_blocks(
        default_corpus, dataset, default_pairs, monkeypatch):
    monkeypatch.setattr(duplicates, "SPILL_ABOVE", 10)  # fingerprints in files
    monkeypatch.setattr(duplicates, "BLOCK_WORDS", 20_000)  # many small check blocks
    assert_frame_equal(find_duplicates(default_corpus, progress=False, batch_size=333),
                       default_pairs)
    assert_frame_equal(find_duplicates(dataset, progress=False, batch_size=1_000),
                       default_pairs)


def test_empty_texts_are_never_paired(default_corpus, default_pairs):
    # Title-only rows (empty body) used to be "exact" copies of one another when they
    # fell in different batches; texts without a 5-word shingle are never compared.
    empty = set(default_corpus.loc[article_texts(default_corpus) == "", "doc_id"])
    assert len(empty) >= 2
    assert not (default_pairs["doc_id_a"].isin(empty) | default_pairs["doc_id_b"].isin(empty)).any()


def test_seeds_from_a_parquet_file(seed_corpus, tmp_path):
    path = tmp_path / "seeds.parquet"
    seed_corpus.to_parquet(path)
    pairs = find_duplicates(path, progress=False)
    assert_frame_equal(pairs, find_duplicates(seed_corpus, progress=False))
    assert pairs["relation"].tolist() == ["abridged"]


def test_a_dataset_without_a_body_column_is_refused(tmp_path):
    path = tmp_path / "bad.parquet"
    pd.DataFrame({"doc_id": ["a"], "title": ["t"]}).to_parquet(path)
    with pytest.raises(ValueError, match="doc_id and body"):
        find_duplicates(path, progress=False)
    with pytest.raises(TypeError, match="Parquet dataset"):
        find_duplicates(42, progress=False)


def test_band_keys_pair_like_the_signatures():
    h, d = shingles(tokenize(["a b c d e f g h", "a b c d e f g h", "x y z w v u t s"]), 5)
    sig = minhash.signatures(h, d, 3)
    assert minhash.pairs_from_keys(minhash.band_keys(sig, 0.5)).tolist() == [[0, 1]]
    # Keys of consecutive batches, joined band by band, number the texts across batches.
    halves = [minhash.band_keys(sig[:1], 0.5), minhash.band_keys(sig[1:], 0.5)]
    assert minhash.pairs_from_keys(halves).tolist() == [[0, 1]]


def test_spilled_fingerprint_index_equals_the_in_memory_one(tmp_path):
    words = " ".join(f"w{i}" for i in range(60))
    h, d = shingles(tokenize([words, "intro " + words, "other text " * 20, words[:150]]), 5)
    fp, fd = winnowing.fingerprints(h, d, 4)
    memory, disk = winnowing.FingerprintIndex(4), winnowing.FingerprintIndex(4, tmp_path)
    memory.add(fp, fd)
    disk.add(fp[:7], fd[:7])
    disk.add(fp[7:], fd[7:])
    expected = memory.pairs()
    assert len(expected) >= 2
    assert disk.pairs().tolist() == expected.tolist()
    assert not list(tmp_path.iterdir())  # parts are removed once paired


def test_dask_cluster_gives_the_single_process_pairs(dask_client, default_corpus, dataset,
                                                     default_pairs, seed_corpus):
    assert_frame_equal(find_duplicates(default_corpus, progress=False, scheduler=dask_client,
                                       batch_size=500), default_pairs)  # 8 partitions
    assert_frame_equal(find_duplicates(dataset, progress=False, scheduler=dask_client),
                       default_pairs)
    assert_frame_equal(find_duplicates(seed_corpus, progress=False, scheduler=dask_client),
                       find_duplicates(seed_corpus, progress=False))


def test_a_dask_dataframe_runs_through_dask(dask_client, default_corpus, default_pairs):
    dd = pytest.importorskip("dask.dataframe")
    frame = dd.from_pandas(default_corpus, npartitions=3, sort=False)
    assert_frame_equal(find_duplicates(frame, progress=False), default_pairs)
