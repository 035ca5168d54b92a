"""Static reports: notebooks executed with parameters, exported to HTML and PDF.

``build_reports`` prepares the corpus once, runs every ``notebooks/NN_*.py`` with
papermill and writes, per notebook, a self-contained HTML page (code hidden, images
embedded, no script and no network request) and a PDF printed from it, then
``index.html``. For notebooks: ``show_table`` (formatted top rows, the whole table as
CSV beside the report), ``say`` (a finding written from results, see
:mod:`.findings`) and ``not_shown`` (why a section does not apply to this corpus).
"""
from .build import FORMATS, KERNEL_NAME, ReportError, build_reports, kernel_name, notebook_sources
from .export import TEMPLATE_DIR, export_html
from .index import write_index
from .pdf import PdfError, find_chromium, pdf_engine, print_pdf
from .parameters import check_parameters, describe_parameters, notebook_parameters, report_parameters
from .tables import ShownTable, format_table, show_table
from .text import not_shown, say

__all__ = [
    "FORMATS",
    "KERNEL_NAME",
    "PdfError",
    "ReportError",
    "ShownTable",
    "TEMPLATE_DIR",
    "build_reports",
    "check_parameters",
    "describe_parameters",
    "format_table",
    "not_shown",
    "notebook_parameters",
    "report_parameters",
    "say",
    "export_html",
    "find_chromium",
    "kernel_name",
    "notebook_sources",
    "pdf_engine",
    "print_pdf",
    "show_table",
    "write_index",
]
