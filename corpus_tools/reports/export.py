"""Executed notebook → one self-contained, script-free HTML page.

The page is exported by nbconvert with the template in ``corpus_tools/templates/report``
(JupyterLab's look without require.js, MathJax, Mermaid or widget scripts), code
hidden and images embedded. The template also sets a Content-Security-Policy that
allows no script and no request: corpus text is escaped where it is displayed, and
should an output ever carry markup, the browser still runs nothing and fetches nothing.
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["TEMPLATE_DIR", "export_html"]

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"

#: Cell tags a notebook can use: drop a cell, or only its output, from the report.
REMOVE_CELL_TAG = "remove-cell"
REMOVE_OUTPUT_TAG = "remove-output"


def _drop_stderr(notebook):
    """Remove stderr streams (library warnings, progress bars): not for readers.

    A failing cell stops the build before export, so no error is hidden this way.
    """
    for cell in notebook.cells:
        if cell.get("cell_type") == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    return notebook


def export_html(notebook) -> str:
    """HTML of an executed notebook: code hidden, images embedded, no script, no request.

    Parameters
    ----------
    notebook : nbformat.NotebookNode or dict
        An executed notebook.

    Returns
    -------
    str
        A complete HTML document.
    """
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    if not isinstance(notebook, nbformat.NotebookNode):
        notebook = nbformat.from_dict(notebook)
    notebook = _drop_stderr(notebook)
    exporter = HTMLExporter(
        template_name="report",
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={REMOVE_CELL_TAG},
                              remove_all_outputs_tags={REMOVE_OUTPUT_TAG}),
        enabled=True,
    )
    body, _ = exporter.from_notebook_node(notebook)
    return body
