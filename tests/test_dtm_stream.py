"""Out-of-core and Dask document-term matrices equal the in-memory one."""
from __future__ import annotations

import numpy as np
import pytest

from corpus_tools import make_dtm


@pytest.fixture(scope="module")
def in_memory(default_corpus):
    return make_dtm(default_corpus, progress=False)


@pytest.fixture(scope="module")
def dataset(default_corpus, tmp_path_factory):
    """The default corpus as a three-part Parquet dataset."""
    folder = tmp_path_factory.mktemp("dtm_dataset")
    for i, part in enumerate(np.array_split(np.arange(len(default_corpus)), 3)):
        default_corpus.iloc[part].to_parquet(folder / f"part-{i:05d}.parquet")
    return folder


def _assert_same(a, b):
    assert list(a.vocabulary) == list(b.vocabulary)
    assert a.doc_ids.equals(b.doc_ids)
    assert (a.matrix != b.matrix).nnz == 0
    assert np.array_equal(a.fit_rows, b.fit_rows)


def test_batches_give_the_in_memory_matrix(default_corpus, in_memory):
    # The default corpus is smaller than the phrase sample, so batching must change
    # nothing at all: same phrases, same pruning, same columns, same counts.
    _assert_same(make_dtm(default_corpus, batch_size=700, progress=False), in_memory)


def test_dataset_and_dask_give_the_same_matrix(default_corpus, dataset, dask_client, in_memory):
    import dask.dataframe as dd

    _assert_same(make_dtm(dataset, progress=False), in_memory)
    frame = dd.from_pandas(default_corpus, npartitions=3)
    _assert_same(make_dtm(frame, scheduler=dask_client, progress=False), in_memory)
    _assert_same(make_dtm(dataset, scheduler=dask_client, progress=False), in_memory)


def test_sample_does_not_depend_on_batches(default_corpus):
    # With a sample smaller than the corpus the phrases differ from the full fit, but
    # not with the batch size: the sample is chosen by doc_id.
    a = make_dtm(default_corpus, batch_size=500, fit_sample=1000, progress=False)
    b = make_dtm(default_corpus, batch_size=1500, fit_sample=1000, progress=False)
    _assert_same(a, b)
    full = make_dtm(default_corpus, progress=False)
    shared = len(set(a.vocabulary) & set(full.vocabulary)) / len(full.vocabulary)
    assert 0.9 < shared < 1.0


def test_fitted_vectorizer_counts_new_articles_out_of_core(default_corpus, dataset, in_memory):
    streamed = make_dtm(dataset, progress=False)
    again = make_dtm(dataset, vectorizer=streamed.vectorizer, progress=False)
    assert (again.matrix != streamed.matrix).nnz == 0
    with pytest.raises(ValueError, match="cannot change a fitted vectorizer"):
        make_dtm(dataset, vectorizer=streamed.vectorizer, min_df=3, progress=False)


def test_no_rows_of_the_kind_asked(dataset):
    with pytest.raises(ValueError, match="none of kind"):
        make_dtm(dataset, kinds=["obituary"], progress=False)
