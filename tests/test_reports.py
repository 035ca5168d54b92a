"""The report pipeline: notebooks execute on a corpus and export to offline HTML."""
from __future__ import annotations

import re

import pytest

from corpus_tools import build_reports
from corpus_tools.cli import main
from corpus_tools.reports import ReportError, notebook_sources
from tests.conftest import ROOT, SEED_FILES


@pytest.fixture(scope="module")
def overview_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    corpus = tmp_path_factory.mktemp("corpus")
    for seed in SEED_FILES:
        (corpus / seed.name).write_bytes(seed.read_bytes())
    written = build_reports(corpus=corpus, out=out, notebooks=[ROOT / "notebooks" / "01_corpus_overview.py"],
                            progress=False)
    return written


def test_overview_report_is_written_with_an_index(overview_report):
    names = [p.name for p in overview_report]
    assert names == ["01_corpus_overview.html", "index.html"]
    index = overview_report[-1].read_text(encoding="utf-8")
    assert 'href="01_corpus_overview.html"' in index


def test_overview_report_is_offline_and_hides_code(overview_report):
    page = overview_report[0].read_text(encoding="utf-8")
    assert "Articles per outlet" in page or "data:image/png;base64" in page
    assert "The Straits Times" in page
    assert not re.search(r"<(?:script|link|img)[^>]+(?:src|href)=[\"']https?://", page)
    assert "import corpus_tools" not in page  # code cells are hidden


def test_every_notebook_is_paired_and_has_a_parameters_cell():
    import jupytext

    for source in notebook_sources():
        assert source.with_suffix(".ipynb").exists(), f"{source.name} has no paired .ipynb"
        notebook = jupytext.read(source)
        tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, source.name
        assert "corpus_path" in tagged[0].source
        paired = jupytext.read(source.with_suffix(".ipynb"))
        assert all(not c.get("outputs") for c in paired.cells if c.cell_type == "code")


def test_a_failing_notebook_names_its_cell_and_writes_no_report(tmp_path):
    broken = tmp_path / "99_broken.py"
    broken.write_text('# %% tags=["parameters"]\ncorpus_path = None\n\n# %%\n1 / 0\n', encoding="utf-8")
    with pytest.raises(ReportError, match=r"99_broken.py: cell 2 failed with ZeroDivisionError"):
        build_reports(out=tmp_path / "out", notebooks=[broken], progress=False)
    assert not (tmp_path / "out" / "99_broken.html").exists()


def test_cli_ingest_round_trip(tmp_path):
    import pandas as pd

    from corpus_tools import load_corpus

    out = tmp_path / "table.parquet"
    assert main(["ingest", *map(str, SEED_FILES), "--out", str(out), "--quiet"]) == 0
    back = pd.read_parquet(out)
    direct = load_corpus(SEED_FILES, progress=False, cache_dir=False, log_path=False)
    assert back["doc_id"].tolist() == direct["doc_id"].tolist()


def test_cli_reports_a_missing_path_with_exit_code_2(tmp_path, capsys):
    assert main(["ingest", str(tmp_path / "nothing-here"), "--out", str(tmp_path / "t.parquet")]) == 2
    assert "nothing-here" in capsys.readouterr().err
