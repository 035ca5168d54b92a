"""Scale: out-of-core and Dask document-term matrices equal the in-memory one, and
topic models learned from batches (fit_topics(..., batch_size=...)) work like in-memory ones."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfTransformer

from corpus_tools import fit_topics, make_dtm, representative_articles, topic_prevalence
from corpus_tools.topics import online
from corpus_tools.topics.model import prepare

@pytest.fixture(scope="module")
def dtm(default_corpus):
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


def test_batches_give_the_in_memory_matrix(default_corpus, dtm):
    # The default corpus is smaller than the phrase sample, so batching must change
    # nothing at all: same phrases, same pruning, same columns, same counts.
    _assert_same(make_dtm(default_corpus, batch_size=700, progress=False), dtm)


def test_dataset_and_dask_give_the_same_matrix(default_corpus, dataset, dask_client, dtm):
    import dask.dataframe as dd

    _assert_same(make_dtm(dataset, progress=False), dtm)
    frame = dd.from_pandas(default_corpus, npartitions=3)
    _assert_same(make_dtm(frame, scheduler=dask_client, progress=False), dtm)
    _assert_same(make_dtm(dataset, scheduler=dask_client, progress=False), dtm)


def test_sample_does_not_depend_on_batches(default_corpus, dtm):
    # With a sample smaller than the corpus the phrases differ from the full fit, but
    # not with the batch size: the sample is chosen by doc_id.
    a = make_dtm(default_corpus, batch_size=500, fit_sample=1000, progress=False)
    b = make_dtm(default_corpus, batch_size=1500, fit_sample=1000, progress=False)
    _assert_same(a, b)
    shared = len(set(a.vocabulary) & set(dtm.vocabulary)) / len(dtm.vocabulary)
    assert 0.9 < shared < 1.0


def test_fitted_vectorizer_counts_new_articles_out_of_core(default_corpus, dataset, dtm):
    streamed = make_dtm(dataset, progress=False)
    again = make_dtm(dataset, vectorizer=streamed.vectorizer, progress=False)
    assert (again.matrix != streamed.matrix).nnz == 0
    with pytest.raises(ValueError, match="cannot change a fitted vectorizer"):
        make_dtm(dataset, vectorizer=streamed.vectorizer, min_df=3, progress=False)


def test_no_rows_of_the_kind_asked(dataset):
    with pytest.raises(ValueError, match="none of kind"):
        make_dtm(dataset, kinds=["obituary"], progress=False)


# -- topics in batches ----------------------------------------------------------


@pytest.fixture(scope="module")
def batched(dtm):
    return fit_topics(dtm, 10, batch_size=1000, progress=False)


def test_idf_from_counts_equals_scikit_learn(dtm):
    counts, _, _, weighting, fit_rows = prepare(dtm, "nmf")
    df = np.bincount(counts[fit_rows].indices, minlength=counts.shape[1])
    ours = online.tfidf_from_df(df, int(fit_rows.sum()))
    reference = TfidfTransformer(sublinear_tf=True).fit(counts[fit_rows])
    assert np.array_equal(ours.idf_, reference.idf_)
    assert (ours.transform(counts[:50]) != weighting.transform(counts[:50])).nnz == 0


def test_batches_learn_topics_close_to_the_in_memory_fit(dtm, batched):
    whole = fit_topics(dtm, 10, progress=False)
    assert np.array_equal(batched.columns, whole.columns)
    assert batched.doc_topics.shape == whole.doc_topics.shape
    # Measured: mean NPMI 0.29 in batches of 1,000 against 0.35 at once on this
    # 3,800-article corpus (12 mini-batch steps); bench/topics.py measures allsides.
    assert batched.diagnostics["coherence"].mean() > 0.75 * whole.diagnostics["coherence"].mean()
    # the big stories of the default corpus are found either way
    labels = " ".join(batched.labels)
    assert "trump" in labels and ("russia" in labels or "syria" in labels)


def test_batches_are_deterministic(dtm, batched):
    again = fit_topics(dtm, 10, batch_size=1000, progress=False)
    assert np.array_equal(again.components, batched.components)
    assert again.doc_topics.equals(batched.doc_topics)


def test_batched_model_works_with_the_rest(default_corpus, batched):
    shares = topic_prevalence(batched, default_corpus, by="outlet", n_boot=20)
    assert len(shares) and shares["prevalence"].between(0, 1).all()
    top = representative_articles(batched, default_corpus, topic=0, n=2)
    assert len(top) == 2
    assert np.allclose(batched.doc_topics.dropna().sum(axis=1), 1.0)


def test_online_lda_in_batches(dtm):
    model = fit_topics(dtm, 5, method="lda", batch_size=1500, progress=False)
    assert model.components.shape[0] == 5 and model.diagnostics["coherence"].notna().all()


def test_topics_from_a_dataset_out_of_core(default_corpus, tmp_path, dtm):
    default_corpus.to_parquet(tmp_path / "part-00000.parquet")
    model = fit_topics(tmp_path, 10, batch_size=1000, progress=False)
    assert list(model.dtm.vocabulary) == list(dtm.vocabulary)


@pytest.mark.parametrize("bad", [0, -5, 2.5, True])
def test_bad_batch_size(dtm, bad):
    with pytest.raises(ValueError, match="batch_size"):
        fit_topics(dtm, 10, batch_size=bad, progress=False)


def test_topics_on_dask_equal_single_process(default_corpus, dask_client, dtm, batched):
    # A Dask DataFrame is counted on the cluster; the matrix is the same, so the
    # batched fit (seeded) gives the very same topics and shares.
    import dask.dataframe as dd

    frame = dd.from_pandas(default_corpus, npartitions=3)
    model = fit_topics(frame, 10, batch_size=1000, scheduler=dask_client, progress=False)
    assert np.array_equal(model.components, batched.components)
    assert model.doc_topics.equals(batched.doc_topics)
