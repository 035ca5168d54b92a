"""Where things are: the only module that knows paths.

Two kinds of place, set separately:

* the **project**, where a user's data and results live: the folder found from the
  working directory (the nearest one, going up, that holds a ``corpus_tools.toml`` or
  a ``data/`` folder), or ``CORPUS_TOOLS_ROOT``. Its ``data/raw`` is the default
  corpus, ``data/processed`` holds the parse cache, the ingest logs and the prepared
  corpora, and ``reports/`` the built reports. Outside any project, derived data goes
  to the user's cache folder (``platformdirs.user_cache_dir("corpus_tools")``): the
  package never writes next to its own code.
* the **code**: the notebooks the report builder runs are the ones shipped beside the
  package (``notebooks/`` of the checkout), or ``CORPUS_TOOLS_NOTEBOOKS_DIR``.
  ``CORPUS_TOOLS_ROOT`` does not move them.

Every place is looked up when it is asked for (a kernel that changes its working
folder follows), and each can be set by an environment variable:

=============================  ============================================
``CORPUS_TOOLS_ROOT``          the project folder
``CORPUS_TOOLS_RAW_DIR``       the default corpus (``<project>/data/raw``)
``CORPUS_TOOLS_PROCESSED_DIR`` derived data (``<project>/data/processed``)
``CORPUS_TOOLS_REPORTS_DIR``   built reports (``<project>/reports``)
``CORPUS_TOOLS_NOTEBOOKS_DIR`` the notebooks (``notebooks/`` beside the code)
``CORPUS_TOOLS_TABLES_DIR``    full CSVs of tables a report cuts (set per
                               notebook by the report builder)
=============================  ============================================

The upper-case names of earlier versions (``PROJECT_ROOT``, ``RAW_DIR``,
``PROCESSED_DIR``, ``REPORTS_DIR``, ``NOTEBOOKS_DIR``) still work and are computed the
same way on each access.
"""
from __future__ import annotations

import glob
import hashlib
import os
import re
from pathlib import Path
from typing import Iterable

__all__ = [
    "CODE_ROOT", "PROJECT_MARKER", "find_project", "ingest_log_path", "latest_ingest_log",
    "notebooks_dir", "processed_dir", "project_root", "raw_dir", "reports_dir",
    "resolve_input", "tables_dir",
]

#: The folder holding the ``corpus_tools`` package: the checkout in a development
#: install (its ``notebooks/`` and ``data/raw`` example corpus), site-packages otherwise.
CODE_ROOT: Path = Path(__file__).resolve().parent.parent
#: A file that marks a folder as a corpus_tools project (its content is not read yet).
PROJECT_MARKER = "corpus_tools.toml"

def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else None


def find_project(start: str | Path | None = None) -> Path | None:
    """The project folder of ``start`` (default: the working directory), or None.

    The nearest folder, from ``start`` going up, that holds a ``corpus_tools.toml``
    or a ``data/`` folder. The search stops at the home folder (when ``start`` is
    inside it) and never takes the file-system root, so that a stray ``/data`` is
    not mistaken for a project.

    Examples
    --------
    >>> find_project(CODE_ROOT) == CODE_ROOT  # a checkout is a project (it has data/)
    True
    """
    folder = Path(start or Path.cwd()).expanduser().resolve()
    home = Path.home().resolve()
    for candidate in (folder, *folder.parents):
        if candidate == candidate.parent:  # the root
            return None
        if (candidate / PROJECT_MARKER).is_file() or (candidate / "data").is_dir():
            return candidate
        if candidate == home:
            return None
    return None


def project_root() -> Path:
    """``CORPUS_TOOLS_ROOT``, else the project found from the working directory, else
    the working directory itself."""
    return _env_path("CORPUS_TOOLS_ROOT") or find_project() or Path.cwd().resolve()


def _project() -> Path | None:
    return _env_path("CORPUS_TOOLS_ROOT") or find_project()


def raw_dir() -> Path:
    """The default corpus: ``CORPUS_TOOLS_RAW_DIR``, else the project's ``data/raw``,
    else the example corpus shipped in the checkout's ``data/raw``."""
    explicit = _env_path("CORPUS_TOOLS_RAW_DIR")
    if explicit:
        return explicit
    project = _project()
    if project and (project / "data" / "raw").exists():
        return project / "data" / "raw"
    shipped = CODE_ROOT / "data" / "raw"
    if shipped.exists():
        return shipped
    return (project or Path.cwd().resolve()) / "data" / "raw"


def processed_dir() -> Path:
    """Derived data (parse cache, ingest logs, prepared corpora): safe to delete.

    ``CORPUS_TOOLS_PROCESSED_DIR``, else the project's ``data/processed``, else the
    user's cache folder (``platformdirs``), never the package's own folder.
    """
    explicit = _env_path("CORPUS_TOOLS_PROCESSED_DIR")
    if explicit:
        return explicit
    project = _project()
    if project:
        return project / "data" / "processed"
    import platformdirs

    return Path(platformdirs.user_cache_dir("corpus_tools")) / "processed"


def reports_dir() -> Path:
    """``CORPUS_TOOLS_REPORTS_DIR``, else the project's ``reports/``, else ``reports/``
    in the working directory."""
    return (_env_path("CORPUS_TOOLS_REPORTS_DIR")
            or (_project() or Path.cwd().resolve()) / "reports")


def notebooks_dir() -> Path:
    """The notebooks the report builder runs: ``CORPUS_TOOLS_NOTEBOOKS_DIR``, else the
    ``notebooks/`` shipped beside the code (not moved by ``CORPUS_TOOLS_ROOT``)."""
    return _env_path("CORPUS_TOOLS_NOTEBOOKS_DIR") or CODE_ROOT / "notebooks"


def tables_dir(notebook: str | None = None) -> Path:
    """Where a report writes the full CSV of a table it shows cut.

    ``CORPUS_TOOLS_TABLES_DIR`` (the report builder sets it to ``<out>/tables/<notebook>``
    for each notebook), else ``<reports>/tables/<notebook>``, the notebook named by
    ``notebook`` or by the JupyterLab session (``JPY_SESSION_NAME``).
    """
    explicit = _env_path("CORPUS_TOOLS_TABLES_DIR")
    if explicit:
        return explicit
    name = notebook or Path(os.environ.get("JPY_SESSION_NAME") or "session").stem
    return reports_dir() / "tables" / name


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._-")[:40] or "corpus"


def ingest_log_path(paths: str | Path | Iterable[str | Path]) -> Path:
    """The ingest log of one load: ``<processed>/logs/ingest_<input>_<hash>.csv``.

    One file per set of inputs (named by the first input, with a hash of all of
    them), so that loading another corpus does not overwrite this one's log.

    Examples
    --------
    >>> ingest_log_path("data/raw").name.startswith("ingest_raw_")
    True
    """
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    names = sorted(str(Path(p).expanduser().resolve()) if not glob.has_magic(str(p)) else str(p)
                   for p in items)
    digest = hashlib.sha256("\n".join(names).encode("utf-8")).hexdigest()[:10]
    first = Path(str(items[0])).name if items else "corpus"
    return processed_dir() / "logs" / f"ingest_{_slug(first)}_{digest}.csv"


def latest_ingest_log() -> Path:
    """The newest ingest log written in the project (that of the last load).

    Raises
    ------
    FileNotFoundError
        When no load has written a log in this project yet.
    """
    logs = sorted((processed_dir() / "logs").glob("ingest_*.csv"), key=lambda p: p.stat().st_mtime)
    if logs:
        return logs[-1]
    raise FileNotFoundError(f"No ingest log in {processed_dir() / 'logs'}: load a corpus first "
                            "(load_corpus writes one log per set of inputs).")


def resolve_input(path: str | Path) -> str | Path:
    """A corpus path as the user means it: relative to the working folder, or else to
    the project.

    A relative path (or glob) that matches nothing in the working folder but matches
    in the project folder is taken from the project: ``"data/raw/newsarticles"`` then
    works in a JupyterLab kernel, which runs in ``notebooks/``, as in a script run from
    the project folder. Anything else is returned unchanged.

    Examples
    --------
    >>> import os
    >>> here = os.getcwd(); os.chdir(CODE_ROOT / "notebooks")
    >>> resolve_input("data/raw") == CODE_ROOT / "data" / "raw"
    True
    >>> os.chdir(here)
    """
    text = str(path)
    candidate = Path(text).expanduser()
    if candidate.is_absolute() or _matches(Path.cwd(), text):
        return path
    project = _project()
    if project and _matches(project, text):
        return project / text
    return path


def _matches(base: Path, text: str) -> bool:
    if glob.has_magic(text):
        return bool(glob.glob(str(base / text), recursive=True))
    return (base / text).exists()


_COMPUTED = {"PROJECT_ROOT": project_root, "RAW_DIR": raw_dir, "PROCESSED_DIR": processed_dir,
             "REPORTS_DIR": reports_dir, "NOTEBOOKS_DIR": notebooks_dir}


def __getattr__(name: str):
    # The upper-case names of earlier versions, looked up on each access (PEP 562).
    if name in _COMPUTED:
        return _COMPUTED[name]()
    raise AttributeError(f"module 'corpus_tools.config' has no attribute {name!r}")
