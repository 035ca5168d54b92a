"""Execute the notebooks with parameters and export them as static reports.

Notebooks live in ``notebooks/`` as jupytext ``py:percent`` scripts (the reviewed
source) paired with ``.ipynb`` files. Each is executed with papermill, so that one
cell tagged ``parameters`` takes the values given here, and exported by nbconvert
as HTML with the code hidden and everything embedded: a report makes no network
request when opened.
"""
from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path
from typing import Iterable, Mapping

from . import config

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


class ReportError(RuntimeError):
    """A notebook failed while it was executed; its report was not written."""


def notebook_sources(folder: Path | None = None) -> list[Path]:
    """The notebooks to run: ``NN_name.py`` jupytext scripts, in name order."""
    folder = Path(folder or config.NOTEBOOKS_DIR)
    return sorted(p for p in folder.glob("[0-9][0-9]_*.py"))


def build_reports(
    corpus: str | Path | None = None,
    out: str | Path | None = None,
    formats: Iterable[str] = ("html",),
    parameters: Mapping[str, object] | None = None,
    notebooks: Iterable[str | Path] | None = None,
    progress: bool = True,
) -> list[Path]:
    """Execute every notebook and write its report.

    Parameters
    ----------
    corpus : path, optional
        Corpus to analyse (file, folder or glob); default the corpus in ``data/raw``.
        Passed to each notebook as the ``corpus_path`` parameter.
    out : path, optional
        Folder for the reports (default ``reports/``).
    formats : iterable of str
        ``"html"`` (and ``"pdf"`` once the PDF export lands).
    parameters : mapping, optional
        More papermill parameters for every notebook (unknown names are ignored by
        notebooks that lack them, with a papermill warning).
    notebooks : iterable of paths, optional
        Only these notebooks (default: all in ``notebooks/``).
    progress : bool
        Show papermill's progress bar per notebook.

    Returns
    -------
    list of Path
        The files written, ``index.html`` last.

    Raises
    ------
    ReportError
        When a notebook fails: names the notebook, the cell and the error.
    """
    import jupytext
    import papermill

    out_dir = Path(out or config.REPORTS_DIR)
    out_dir.mkdir(parents=True, exist_ok=True)
    params = dict(parameters or {})
    if corpus is not None:
        params["corpus_path"] = str(Path(corpus).resolve())
    sources = [Path(n) for n in notebooks] if notebooks else notebook_sources()
    unknown = set(formats) - {"html"}
    if unknown:
        raise ValueError(f"Unknown report format(s) {sorted(unknown)}; available: html.")
    written: list[Path] = []
    for source in sources:
        notebook = jupytext.read(source)
        executed_path = out_dir / f".{source.stem}.executed.ipynb"
        jupytext.write(notebook, executed_path, fmt="ipynb")
        try:
            executed = papermill.execute_notebook(
                str(executed_path), str(executed_path), parameters=params,
                cwd=str(config.PROJECT_ROOT), progress_bar=progress, kernel_name="python3",
            )
        except papermill.PapermillExecutionError as exc:
            raise ReportError(
                f"{source.name}: cell {exc.exec_count} failed with {exc.ename}: {exc.evalue}. "
                "No report was written for it."
            ) from exc
        finally:
            executed_path.unlink(missing_ok=True)
        target = out_dir / f"{source.stem}.html"
        target.write_text(export_html(executed), encoding="utf-8")
        written.append(target)
    written.append(write_index(out_dir, written, params))
    return written


def export_html(notebook) -> str:
    """HTML of an executed notebook: code hidden, images embedded, no external request."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="report",
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    if not isinstance(notebook, nbformat.NotebookNode):
        notebook = nbformat.from_dict(notebook)
    body, _ = exporter.from_notebook_node(notebook)
    return body


def write_index(out_dir: Path, reports: list[Path], parameters: Mapping[str, object]) -> Path:
    """An ``index.html`` linking every report, with the parameters and build date."""
    from . import __version__

    items = "\n".join(
        f'<li><a href="{html.escape(p.name)}">{html.escape(p.stem.replace("_", " "))}</a></li>'
        for p in reports
    )
    built = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>corpus_tools reports</title>
<style>body{{font-family:sans-serif;max-width:50rem;margin:2rem auto}}</style></head>
<body><h1>corpus_tools reports</h1>
<ul>
{items}
</ul>
<p>Parameters: <code>{html.escape(json.dumps(dict(parameters), default=str))}</code></p>
<p>Built {built} with corpus_tools {html.escape(__version__)}.</p>
</body></html>
"""
    target = out_dir / "index.html"
    target.write_text(page, encoding="utf-8")
    return target
