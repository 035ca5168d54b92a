"""Project paths: the only module that knows where data and reports live.

Every path can be overridden with an environment variable, so that scripts and
tests can point the package at another project folder without editing code.
"""
from __future__ import annotations

import os
from pathlib import Path


def _path_from_env(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default


#: Root of the project checkout (the folder holding ``pyproject.toml``).
PROJECT_ROOT: Path = _path_from_env(
    "CORPUS_TOOLS_ROOT", Path(__file__).resolve().parent.parent
)
#: Immutable inputs: page dumps, HTML pages, database exports. Never written by code.
RAW_DIR: Path = _path_from_env("CORPUS_TOOLS_RAW_DIR", PROJECT_ROOT / "data" / "raw")
#: Derived data (parse cache, ingest log); safe to delete, rebuilt on demand.
PROCESSED_DIR: Path = _path_from_env(
    "CORPUS_TOOLS_PROCESSED_DIR", PROJECT_ROOT / "data" / "processed"
)
#: Built reports (HTML, PDF, index).
REPORTS_DIR: Path = _path_from_env("CORPUS_TOOLS_REPORTS_DIR", PROJECT_ROOT / "reports")
#: Notebooks executed by the report builder.
NOTEBOOKS_DIR: Path = _path_from_env(
    "CORPUS_TOOLS_NOTEBOOKS_DIR", PROJECT_ROOT / "notebooks"
)
