"""Where results go: caches and logs under the project found from the working folder
(never next to the package), one ingest log per load, data and notebooks set apart."""
from __future__ import annotations

from pathlib import Path

import pytest

from corpus_tools import config, load_corpus, read_ingest_log
from tests.conftest import ROOT, SEED_FILES

_ENV = ("CORPUS_TOOLS_ROOT", "CORPUS_TOOLS_RAW_DIR", "CORPUS_TOOLS_PROCESSED_DIR",
        "CORPUS_TOOLS_REPORTS_DIR", "CORPUS_TOOLS_NOTEBOOKS_DIR", "CORPUS_TOOLS_TABLES_DIR")


@pytest.fixture
def bare_env(monkeypatch, tmp_path):
    """No path settings, a home folder of its own, and an empty working folder in it."""
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    work = tmp_path / "somewhere"
    work.mkdir()
    monkeypatch.chdir(work)
    return tmp_path


def test_a_folder_with_data_or_a_marker_file_is_the_project_from_any_subfolder(bare_env):
    project = bare_env / "study"
    (project / "data").mkdir(parents=True)
    (project / "notebooks" / "drafts").mkdir(parents=True)
    assert config.find_project(project / "notebooks" / "drafts") == project
    marked = bare_env / "other"
    (marked / "sub").mkdir(parents=True)
    (marked / config.PROJECT_MARKER).write_text("")
    assert config.find_project(marked / "sub") == marked
    assert config.find_project(bare_env / "somewhere") is None  # nothing up to home


def test_derived_data_follows_the_working_folder_not_the_package(bare_env, monkeypatch):
    project = bare_env / "study"
    (project / "data" / "raw").mkdir(parents=True)
    monkeypatch.chdir(project)
    assert config.processed_dir() == project / "data" / "processed"
    assert config.PROCESSED_DIR == project / "data" / "processed"  # the old name still works
    assert config.raw_dir() == project / "data" / "raw"
    assert config.reports_dir() == project / "reports"
    # Outside any project: the user's cache folder, never the checkout.
    monkeypatch.chdir(bare_env / "somewhere")
    assert config.processed_dir() == bare_env / "user-cache" / "corpus_tools" / "processed"
    assert ROOT not in config.processed_dir().parents
    assert config.raw_dir() == ROOT / "data" / "raw"  # the shipped example corpus


def test_loading_from_another_folder_writes_nothing_into_the_checkout(bare_env, monkeypatch):
    project = bare_env / "study"
    (project / "data").mkdir(parents=True)
    monkeypatch.chdir(project)
    before = sorted((ROOT / "data").rglob("*"))
    load_corpus(SEED_FILES, progress=False)
    assert sorted((ROOT / "data").rglob("*")) == before
    assert list((project / "data" / "processed" / "cache").iterdir())
    assert len(list((project / "data" / "processed" / "logs").glob("ingest_*.csv"))) == 1


def test_each_set_of_inputs_gets_its_own_ingest_log(bare_env, monkeypatch, tmp_path):
    monkeypatch.setenv("CORPUS_TOOLS_PROCESSED_DIR", str(tmp_path / "processed"))
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    load_corpus([SEED_FILES[0], empty], progress=False)
    first = read_ingest_log()
    assert first["problem"].str.contains("empty").any()
    load_corpus(SEED_FILES[1], progress=False)
    logs = sorted((tmp_path / "processed" / "logs").glob("ingest_*.csv"))
    assert len(logs) == 2  # the second load did not overwrite the first one's log
    assert read_ingest_log().empty  # the newest: the second load had no problem
    assert config.ingest_log_path([SEED_FILES[0], empty]) in logs
    assert config.ingest_log_path(SEED_FILES[1]).name.startswith(f"ingest_{SEED_FILES[1].name}_")


def test_reading_a_log_before_any_load_says_what_to_do(bare_env, monkeypatch, tmp_path):
    monkeypatch.setenv("CORPUS_TOOLS_PROCESSED_DIR", str(tmp_path / "nothing"))
    with pytest.raises(FileNotFoundError, match=r"No ingest log in .*: load a corpus first"):
        read_ingest_log()


def test_the_project_setting_moves_the_data_but_not_the_notebooks(bare_env, monkeypatch):
    monkeypatch.setenv("CORPUS_TOOLS_ROOT", str(bare_env / "elsewhere"))
    assert config.processed_dir() == bare_env / "elsewhere" / "data" / "processed"
    assert config.notebooks_dir() == ROOT / "notebooks"
    assert list(config.notebooks_dir().glob("[0-9][0-9]_*.py"))
    monkeypatch.setenv("CORPUS_TOOLS_NOTEBOOKS_DIR", str(bare_env))
    assert config.notebooks_dir() == bare_env


def test_relative_corpus_paths_work_from_the_notebooks_folder(monkeypatch):
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(ROOT / "notebooks")  # where a JupyterLab kernel runs
    assert config.resolve_input("data/raw/newsarticles") == ROOT / "data" / "raw" / "newsarticles"
    assert config.resolve_input("data/raw/*.txt") == ROOT / "data/raw/*.txt"
    monkeypatch.chdir(ROOT)  # a script or the CLI in the project: left as given
    assert config.resolve_input("data/raw") == "data/raw"
    assert config.resolve_input("no/such/folder") == "no/such/folder"
    assert config.resolve_input(Path("/abs/path")) == Path("/abs/path")
