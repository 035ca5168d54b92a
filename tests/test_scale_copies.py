"""Copies and stories out of core: mark_copies and cluster_stories on a Parquet dataset
write their columns into it, equal to the in-memory ones, so that make_dtm(dataset)
fits one copy per story as make_dtm(table) does."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from corpus_tools import (cluster_stories, coverage_table, find_duplicates, load_corpus,
                          make_dtm, mark_copies, options)
from corpus_tools.ingest.dataset import MANIFEST
from tests.conftest import SEED_FILES

COPY = ["copy_group", "is_original", "likely_agency", "agency_inferred"]
STORY = ["story_id", "story_size"]


@pytest.fixture(scope="module")
def pairs(default_corpus):
    return find_duplicates(default_corpus, progress=False)


@pytest.fixture(scope="module")
def marked(default_corpus, pairs):
    return cluster_stories(mark_copies(default_corpus, duplicates=pairs, progress=False),
                           progress=False)


@pytest.fixture(scope="module")
def dataset(default_corpus, pairs, tmp_path_factory):
    """The default corpus as a three-part dataset, copies and stories marked in it."""
    folder = tmp_path_factory.mktemp("copies") / "corpus.parquet"
    folder.mkdir()
    for i, part in enumerate(np.array_split(np.arange(len(default_corpus)), 3)):
        default_corpus.iloc[part].to_parquet(folder / f"part-{i:05d}.parquet")
    assert mark_copies(folder, duplicates=pairs, progress=False) == folder
    with options(batch_size=700):  # the leads read in batches across the parts
        assert cluster_stories(folder, progress=False) == folder
    return folder


def test_dataset_columns_equal_the_in_memory_ones(dataset, marked):
    written = pd.read_parquet(dataset)
    assert_frame_equal(written[COPY + STORY], marked[COPY + STORY])
    assert written["copy_group"].notna().sum() > 20  # the default corpus has copies
    # the other columns are untouched
    assert_frame_equal(written.drop(columns=COPY + STORY), marked.drop(columns=COPY + STORY))


def test_the_scale_path_fits_one_copy_per_story(dataset, marked):
    streamed, whole = make_dtm(dataset, progress=False), make_dtm(marked, progress=False)
    assert not streamed.fit_rows.all()  # copies are left out of the fit
    assert np.array_equal(streamed.fit_rows, whole.fit_rows)
    assert list(streamed.vocabulary) == list(whole.vocabulary)
    assert (streamed.matrix != whole.matrix).nnz == 0


def test_coverage_of_a_dataset_reads_its_columns(dataset, marked):
    streamed, whole = coverage_table(dataset, progress=False), coverage_table(marked, progress=False)
    assert_frame_equal(streamed.outlets, whole.outlets)
    assert_frame_equal(streamed.stories, whole.stories)


def test_a_written_dataset_lists_its_new_columns(tmp_path):
    out = load_corpus(SEED_FILES, out=tmp_path / "seeds.parquet", progress=False,
                      cache_dir=False, log_path=False)
    mark_copies(out, progress=False)
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["columns"][-4:] == COPY
    table = pd.read_parquet(out)
    assert table["copy_group"].dtype == "string" and table["is_original"].dtype == "boolean"
    assert table["copy_group"].notna().sum() == 2  # the Straits Times cut of the AFP story


def test_columns_for_another_dataset_are_refused(dataset, marked):
    from corpus_tools.ingest.dataset import add_columns

    with pytest.raises(ValueError, match="must be computed from this dataset"):
        add_columns(dataset, marked[COPY].head(10))


def test_a_parquet_file_without_word_counts(seed_corpus, tmp_path):
    # Any Parquet file with article columns will do; word counts are made batch by batch.
    path = tmp_path / "seeds.parquet"
    seed_corpus.drop(columns=["n_words"]).to_parquet(path)
    mark_copies(path, progress=False)
    expected = mark_copies(seed_corpus, progress=False)
    assert_frame_equal(pd.read_parquet(path)[COPY], expected[COPY])
