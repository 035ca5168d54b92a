"""Run settings in one place: corpus_tools.options, read by every stage, with the old
keyword arguments still winning for one call."""
from __future__ import annotations

import pytest

import corpus_tools as ct
from corpus_tools import iter_articles, make_dtm
from corpus_tools.parallel import LocalExecutor, executor, get_client
from corpus_tools.settings import DEFAULT_BATCH_SIZE, get_options, resolve
from tests.conftest import SEED_FILES

QUIET = dict(cache_dir=False, log_path=False)


def test_options_apply_inside_the_block_only():
    before = get_options()
    with ct.options(progress=False, batch_size=4) as inside:
        assert get_options() == inside and inside.batch_size == 4 and not inside.progress
        with ct.options(batch_size=2):
            assert get_options().batch_size == 2 and not get_options().progress
        assert get_options().batch_size == 4
    assert get_options() == before and before.batch_size == DEFAULT_BATCH_SIZE


def test_ingest_reads_the_batch_size_and_a_keyword_wins():
    with ct.options(batch_size=4, progress=False):
        sizes = [len(b) for b in iter_articles(SEED_FILES, **QUIET)]
        assert sizes == [4, 4, 4, 3]  # the seeds give 15 rows
        assert [len(b) for b in iter_articles(SEED_FILES, batch_size=10, **QUIET)] == [10, 5]
        assert [len(b) for b in iter_articles(SEED_FILES, batch_size=None, **QUIET)] == [15]


def test_keywords_override_and_false_means_this_process(dask_client):
    with ct.options(scheduler=dask_client, progress=False):
        assert get_client() is dask_client
        assert get_client(False) is None
        assert isinstance(executor(False), LocalExecutor)
        assert resolve(progress=True).progress is True
    assert get_client() is None


def test_the_same_matrix_whatever_the_batch_size(seed_corpus):
    whole = make_dtm(seed_corpus, progress=False)
    with ct.options(progress=False):
        cut = make_dtm(seed_corpus, batch_size=2)
    assert list(cut.vocabulary) == list(whole.vocabulary)
    assert (cut.matrix != whole.matrix).nnz == 0


@pytest.mark.parametrize("bad", [0, -3, 2.5, True])
def test_a_bad_batch_size_is_refused(bad):
    with pytest.raises(ValueError, match="batch_size must be a whole number of at least 1"):
        with ct.options(batch_size=bad):
            pass
