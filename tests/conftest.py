"""Shared fixtures: the real corpora the tests run on, loaded once per session."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Tests (and the notebook kernels they start) write caches and logs to a throwaway
# folder, never into the project's data/processed.
os.environ.setdefault("CORPUS_TOOLS_PROCESSED_DIR", tempfile.mkdtemp(prefix="corpus_tools_tests_"))
# The whole CSV of a table a notebook shows cut goes beside the report; outside a build
# (a notebook run by a test) into a throwaway folder too.
os.environ.setdefault("CORPUS_TOOLS_TABLES_DIR", tempfile.mkdtemp(prefix="corpus_tools_tables_"))

ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = ROOT / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_FILES = sorted(RAW_DIR.glob("0*.txt"))


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory):
    """The article table of the two seed page dumps (5 articles, 10 teasers)."""
    from corpus_tools import load_corpus

    work = tmp_path_factory.mktemp("seed_cache")
    return load_corpus(SEED_FILES, progress=False, cache_dir=work, log_path=work / "log.csv")


@pytest.fixture(scope="session")
def default_corpus(tmp_path_factory):
    """The article table of the default corpus shipped in data/raw/ (seeds + newsarticles)."""
    from corpus_tools import load_corpus

    work = tmp_path_factory.mktemp("default_cache")
    return load_corpus(RAW_DIR, progress=False, cache_dir=work, log_path=work / "log.csv")


@pytest.fixture(scope="session")
def dask_client():
    """A LocalCluster with two worker processes, as the scale issue asks, shared by the
    tests that check that Dask gives the single-process results."""
    distributed = pytest.importorskip("dask.distributed")
    import dask

    # On a machine busy with other work, two worker processes can take longer to start,
    # answer and stop than distributed's defaults allow (30 s to connect, 30 s to close):
    # a slow start or a slow shutdown of the session's cluster used to end a green run
    # with "1 error" at teardown. Generous limits; nothing under test depends on them.
    with dask.config.set({"distributed.comm.timeouts.connect": "180s",
                          "distributed.comm.timeouts.tcp": "180s",
                          "distributed.deploy.lost-worker-timeout": "180s"}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None, memory_limit="4GiB")
        client = distributed.Client(cluster, timeout="180s")
        yield client
        try:  # the processes are ended at exit in any case; a slow stop is no failure
            client.close(timeout=180)
            cluster.close(timeout=180)
        except TimeoutError:
            pass
