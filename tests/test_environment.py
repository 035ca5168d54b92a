"""environment.yml (for conda users) lists the same packages as pyproject.toml."""
from __future__ import annotations

import re
import tomllib

import yaml

from tests.conftest import ROOT


def _name_and_spec(requirement: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.-]+)\s*(.*)$", requirement)
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_name_and_spec(r) for r in project["dependencies"])
    wanted |= dict(_name_and_spec(r) for r in project["optional-dependencies"]["dev"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    listed = dict(_name_and_spec(d) for d in conda if not d.startswith(("python", "pip")))
    assert listed == wanted, (
        "environment.yml and pyproject.toml disagree. Only in pyproject: "
        f"{ {k: v for k, v in wanted.items() if listed.get(k) != v} }; only in environment.yml: "
        f"{ {k: v for k, v in listed.items() if wanted.get(k) != v} }"
    )
    python = next(d for d in conda if d.startswith("python"))
    assert python.replace(" ", "") == "python" + project["requires-python"].replace(">=", ">=")
    pip_section = next(d for d in env["dependencies"] if isinstance(d, dict))["pip"]
    assert pip_section == ["--no-deps -e ."]
