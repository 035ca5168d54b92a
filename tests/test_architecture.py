"""The layers of docs/architecture.md hold: no import cycles, stages that flow one way,
entry points above kernels. The contracts live in pyproject.toml ([tool.importlinter]);
import-linter reads every import, those inside functions too."""
from __future__ import annotations

import pytest

from tests.conftest import ROOT

grimp = pytest.importorskip("grimp")


def test_the_import_contracts_hold(capsys):
    from importlinter.cli import lint_imports

    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True,
                        no_logo=True)
    report = capsys.readouterr().out
    assert code == 0, report
    assert "0 broken" in report and "No import cycles KEPT" in report


def test_a_kernel_importing_its_entry_point_would_be_caught():
    # The checker is not blind: an import from the counter up to make_dtm's module,
    # placed inside a function as the old cycles were, breaks the vectorize contract.
    graph = grimp.build_graph("corpus_tools")
    layers = ("api", "matrix", "estimator", "counting")
    assert not graph.find_illegal_dependencies_for_layers(
        layers=layers, containers={"corpus_tools.vectorize"})
    graph.add_import(importer="corpus_tools.vectorize.counting",
                     imported="corpus_tools.vectorize.api", line_number=1,
                     line_contents="from .api import make_dtm")
    broken = graph.find_illegal_dependencies_for_layers(
        layers=layers, containers={"corpus_tools.vectorize"})
    assert {(d.importer, d.imported) for d in broken} == {
        ("corpus_tools.vectorize.counting", "corpus_tools.vectorize.api")}


def test_imports_inside_functions_are_seen():
    # dataset.py imports the package's version inside write_dataset(): the graph has it.
    graph = grimp.build_graph("corpus_tools")
    assert graph.direct_import_exists(importer="corpus_tools.ingest.dataset",
                                      imported="corpus_tools")
