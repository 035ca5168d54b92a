"""Static reports: notebooks executed with parameters, exported to HTML and PDF.

``build_reports`` runs every ``notebooks/NN_*.py`` with papermill and writes, per
notebook, a self-contained HTML page (code hidden, images embedded, no script and
no network request) and a PDF printed from it, then ``index.html``. ``show_table``
is for notebooks: the top rows of a long table and the count of the rest.
"""
from .build import FORMATS, KERNEL_NAME, ReportError, build_reports, kernel_name, notebook_sources
from .export import TEMPLATE_DIR, export_html
from .index import write_index
from .pdf import PdfError, find_chromium, pdf_engine, print_pdf
from .tables import ShownTable, show_table

__all__ = [
    "FORMATS",
    "KERNEL_NAME",
    "PdfError",
    "ReportError",
    "ShownTable",
    "TEMPLATE_DIR",
    "build_reports",
    "export_html",
    "find_chromium",
    "kernel_name",
    "notebook_sources",
    "pdf_engine",
    "print_pdf",
    "show_table",
    "write_index",
]
