"""Execute the notebooks with parameters and write their reports and the index.

Notebooks live in ``notebooks/`` as jupytext ``py:percent`` scripts (the reviewed
source) paired with ``.ipynb`` files. Each is executed with papermill, so that its
one cell tagged ``parameters`` takes the values given here, then exported to HTML
(:mod:`.export`) and printed to PDF (:mod:`.pdf`).
"""
from __future__ import annotations

import os
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Iterable, Mapping

from .. import config
from ..settings import resolve
from .export import export_html
from .index import BuildInfo, ReportEntry, git_commit, write_index
from .parameters import check_parameters, notebook_parameters
from .pdf import PdfError, pdf_engine, print_pdf

__all__ = ["FORMATS", "KERNEL_NAME", "ReportError", "build_reports", "kernel_name",
           "notebook_sources"]

#: Formats a report can be written in.
FORMATS = ("html", "pdf")
#: The kernelspec ``make install`` puts into the project's .venv. A named kernel,
#: because a "python3" kernelspec in the user's own Jupyter folders would shadow
#: the environment's and run the notebooks with another Python.
KERNEL_NAME = "corpus-tools"


class ReportError(RuntimeError):
    """A notebook failed while it was executed (its report was not written), or a
    report could not be printed. ``failures`` maps each notebook to its message;
    ``written`` lists the files the build did write (the index last)."""

    def __init__(self, message: str, failures: Mapping[str, str] | None = None,
                 written: list[Path] | None = None):
        super().__init__(message)
        self.failures = dict(failures or {})
        self.written = list(written or [])


def notebook_sources(folder: Path | None = None) -> list[Path]:
    """The notebooks to run: ``NN_name.py`` jupytext scripts, in name order."""
    folder = Path(folder or config.NOTEBOOKS_DIR)
    return sorted(p for p in folder.glob("[0-9][0-9]_*.py"))


def kernel_name() -> str:
    """``corpus-tools`` when that kernelspec is installed, else ``python3``."""
    from jupyter_client.kernelspec import KernelSpecManager

    return KERNEL_NAME if KERNEL_NAME in KernelSpecManager().find_kernel_specs() else "python3"


def _check_formats(formats: Iterable[str] | str) -> tuple[str, ...]:
    if isinstance(formats, str):
        formats = formats.split(",")
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise ValueError(f"Unknown report format(s) {unknown or list(chosen)}; "
                         f"choose from {', '.join(FORMATS)} (e.g. 'html,pdf').")
    if "pdf" in chosen and "html" not in chosen:
        chosen = ("html", *chosen)  # the PDF is printed from the HTML, which is kept too
    return chosen


def _title(notebook, fallback: str) -> str:
    """The notebook's first level-1 heading: what a reader calls the report."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, flags=re.MULTILINE)
            if match:
                return match.group(1).strip()
    return fallback.replace("_", " ")


def _describe_failure(source: Path, notebook, exc) -> str:
    """Which cell failed (position, line in the script, first line) and why."""
    position, line = None, None
    failing = (exc.source or "").strip()
    for i, cell in enumerate(notebook.cells):
        if cell.cell_type == "code" and cell.source.strip() == failing:
            position = i + 1
            break
    if position and source.suffix == ".py":
        markers = [n for n, text in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
                   if text.startswith("# %%")]
        if len(markers) == len(notebook.cells):
            line = markers[position - 1]
    first = next((t for t in failing.splitlines() if t.strip()), "")
    where = f"cell {position}" if position else f"a cell (execution count {exc.exec_count})"
    at = f" at line {line}" if line else ""
    return (f"{source.name}: {where} failed with {exc.ename}: {exc.evalue} "
            f"(the cell{at} starting `{first[:80]}`). No report was written for it.")


#: One BLAS thread per kernel, unless the user set these: notebooks run side by side, and
#: OpenBLAS's threads spin while they wait (see corpus_tools.prepared.corpus).
_ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _kernel_manager(tables: Path):
    """A kernel manager whose kernel starts with this notebook's environment: where its
    cut tables go in full, and one BLAS thread. (The builder's own environment is not
    changed: notebooks run side by side in threads of this process.)"""
    from jupyter_client.manager import AsyncKernelManager

    env = {"CORPUS_TOOLS_TABLES_DIR": str(tables),
           **{k: v for k, v in _ONE_THREAD.items() if k not in os.environ}}

    class NotebookKernelManager(AsyncKernelManager):
        async def _async_pre_start_kernel(self, **kw):
            kw["env"] = {**kw.get("env", os.environ), **env}
            return await super()._async_pre_start_kernel(**kw)

    return NotebookKernelManager


def _execute(source: Path, parameters: Mapping[str, object], progress: bool, tables: Path):
    import jupytext
    import papermill

    notebook = jupytext.read(source)
    title = _title(notebook, source.stem)
    shutil.rmtree(tables, ignore_errors=True)  # tables of an earlier build of this notebook
    try:
        executed = papermill.execute_notebook(
            # The kernel runs in the working folder, as a script would: it finds the same
            # project, and so the corpus prepared for this build.
            notebook, None, parameters=dict(parameters), cwd=os.getcwd(),
            progress_bar=progress, kernel_name=kernel_name(), language="python",
            kernel_manager_class=_kernel_manager(tables),
            # ipykernel logs a transport warning at start and a KeyboardInterrupt at
            # shutdown for every notebook; a failing cell is reported through papermill.
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
    except papermill.PapermillExecutionError as exc:
        raise ReportError(_describe_failure(source, notebook, exc)) from exc
    except Exception as exc:  # the kernel died or could not start: still this notebook's failure
        raise ReportError(f"{source.name}: could not be executed: {type(exc).__name__}: {exc}. "
                          "No report was written for it.") from exc
    executed.metadata.setdefault("title", title)
    return executed, title


def _write_text(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def build_reports(
    corpus: str | Path | list | None = None,
    out: str | Path | None = None,
    formats: Iterable[str] | str = ("html", "pdf"),
    parameters: Mapping[str, object] | None = None,
    notebooks: Iterable[str | Path] | None = None,
    progress: bool | None = None,
    jobs: int | None = None,
) -> list[Path]:
    """Prepare the corpus once, execute every notebook and write its report, then ``index.html``.

    The corpus is prepared first (:func:`corpus_tools.prepare`: loaded, copies and
    stories found, matrix built, topics fitted, all kept on disk), so that a bad
    parameter or an unreadable corpus stops the build before any notebook runs, and
    every notebook reads the same stored stages instead of computing them again.

    Parameters
    ----------
    corpus : path or list of paths, optional
        Corpus to analyse (files, folders or globs, or an article table from
        ``corpus-tools ingest``); default the project's ``data/raw``. Passed to each
        notebook as the ``corpus_path`` parameter.
    out : path, optional
        Folder for the reports (default ``reports/``).
    formats : iterable of str, or str
        ``"html"`` and/or ``"pdf"`` (``"html,pdf"`` also works). A PDF is printed from
        its HTML by headless Chromium, or WeasyPrint when no Chromium is found.
    parameters : mapping, optional
        Notebook parameters (``corpus-tools report --help`` lists them): the shared
        ones (:class:`corpus_tools.prepared.Parameters`) reach every notebook and the
        prepared corpus, a notebook's own reach that notebook.
    notebooks : iterable of paths, optional
        Only these notebooks (default: every ``notebooks/NN_*.py``).
    progress : bool, optional
        Say what is being computed and which notebook runs (on stderr). Default: the
        run settings, ``corpus_tools.options`` (on).
    jobs : int, optional
        Notebooks executed at the same time (each in its own kernel). Default: two on
        a machine with two or more cores, one for tables above 200,000 rows (each
        kernel holds the table). While notebooks run, this process fits the topics;
        notebooks that need them wait for them.

    Returns
    -------
    list of Path
        The files written, ``index.html`` last.

    Raises
    ------
    ReportError
        When any notebook fails (after the others are built and the index lists
        the failure): names the notebook, the cell and the error. The failed
        notebook's report is not written, and an older one is removed.
    ParameterError
        Before anything runs, for a parameter no notebook declares or a value that
        cannot be used (a ``ValueError``; names the parameter).
    ValueError
        For an unknown format, or a corpus with no article.
    PdfError
        Before anything runs, when PDF is asked for and no engine is available.

    Examples
    --------
    >>> build_reports("data/raw", out="reports", formats="html",
    ...               parameters={"reference_date": "2025-07-21"})  # doctest: +SKIP
    [PosixPath('reports/01_corpus_overview.html'), PosixPath('reports/index.html')]
    """
    from .. import __version__
    from ..prepared import prepare

    progress = resolve(progress=progress).progress
    formats = _check_formats(formats)
    engine = pdf_engine() if "pdf" in formats else None  # fail before hours of work, not after
    sources = [Path(n) for n in notebooks] if notebooks is not None else notebook_sources()
    if not sources:
        raise ValueError(f"No notebooks to run: none named NN_*.py in {config.NOTEBOOKS_DIR} "
                         "(set CORPUS_TOOLS_NOTEBOOKS_DIR, or pass notebooks=).")
    params = dict(parameters or {})
    if corpus is not None:
        params["corpus_path"] = _absolute(corpus)
    shared = check_parameters(params, sources)
    # The corpus is prepared once, here; every notebook reads the stored stages. The
    # stages up to the matrix first, and the parameters checked against the corpus, so
    # that a bad value stops the build before any notebook runs.
    started = time.perf_counter()
    prepared = prepare(**{k: v for k, v in params.items() if k in shared.names()},
                       progress=progress).compute(until="dtm").check()
    params["corpus_path"] = _absolute(prepared.paths)
    out_dir = Path(out or config.REPORTS_DIR)
    out_dir.mkdir(parents=True, exist_ok=True)
    workers = jobs or _default_jobs(len(prepared.table), len(sources))
    tasks = [(source, {k: v for k, v in params.items() if k in notebook_parameters(source)},
              out_dir, engine, progress, progress and workers == 1) for source in sources]

    def topics():
        prepared.compute()  # the choice of k and the topic model
        if progress:
            print(f"Prepared {prepared.describe()} ({time.perf_counter() - started:.1f} s)",
                  file=sys.stderr, flush=True)

    if workers == 1:
        topics()
        entries = [_build_one(*task) for task in tasks]
    else:
        from concurrent.futures import ThreadPoolExecutor

        # Notebooks run side by side (threads here, each waiting on its kernel's process
        # and on Chromium); those that need the topics wait for them (the stage is locked
        # while this process computes it) while the others run.
        with ThreadPoolExecutor(workers) as pool:
            futures = [pool.submit(_build_one, *task) for task in tasks]
            topics()
            entries = [future.result() for future in futures]

    articles = prepared.articles
    info = BuildInfo(corpus=str(params["corpus_path"]), articles=len(articles),
                     outlets=int(articles["outlet"].nunique()), parameters=params,
                     version=__version__, commit=git_commit(config.CODE_ROOT))
    index = write_index(out_dir, entries, info)
    written = [p for e in entries for p in e.files] + [index]
    failures = {e.name: e.error for e in entries if e.error}
    if failures:
        raise ReportError("\n".join(failures.values()), failures, written)
    return written


#: Articles above which notebooks run one at a time: each kernel holds the article table.
PARALLEL_LIMIT = 200_000


def _default_jobs(n_rows: int, n_notebooks: int) -> int:
    """Two notebooks at a time where there are two cores and the tables are small."""
    if n_rows > PARALLEL_LIMIT or n_notebooks < 2:
        return 1
    return max(1, min(2, os.cpu_count() or 1))


def _absolute(paths):
    """Paths as the notebooks' kernels will find them from any folder (globs as given)."""
    if isinstance(paths, (list, tuple)):
        return [_absolute(p) for p in paths]
    return str(Path(paths).resolve()) if Path(paths).exists() else str(paths)


def _build_one(source: Path, parameters: Mapping[str, object], out_dir: Path, engine: str | None,
               progress: bool, bar: bool) -> ReportEntry:
    """Execute one notebook and write its HTML (and PDF): the entry of the index."""
    entry = ReportEntry(name=source.stem, title=source.stem.replace("_", " "))
    for fmt in FORMATS:  # a report from an earlier build would pass for this one's
        (out_dir / f"{source.stem}.{fmt}").unlink(missing_ok=True)
    started = time.perf_counter()
    if progress:
        print(f"Executing {source.name}", file=sys.stderr, flush=True)
    try:
        executed, entry.title = _execute(source, parameters, bar, out_dir / "tables" / source.stem)
    except ReportError as exc:
        entry.error = str(exc)
        return entry
    html_path = out_dir / f"{source.stem}.html"
    _write_text(html_path, export_html(executed))
    entry.files.append(html_path)
    if engine:
        try:
            entry.files.append(print_pdf(html_path, engine=engine))
        except PdfError as exc:
            entry.error = f"{source.name}: the HTML was written but not the PDF: {exc}"
    entry.seconds = time.perf_counter() - started
    if progress:
        print(f"Wrote {source.stem} ({entry.seconds:.1f} s)", file=sys.stderr, flush=True)
    return entry
