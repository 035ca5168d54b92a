"""Print a report's HTML to PDF: headless Chromium when present, WeasyPrint otherwise.

The PDF is printed from the very HTML file that readers open, so both show the same
thing. Chromium lays out the page as a browser does; the Makefile installs Debian's
``chromium`` package. WeasyPrint (pure Python on top of Pango) is the fallback where
no Chromium exists, e.g. on macOS without Chrome.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["PdfError", "find_chromium", "pdf_engine", "print_pdf"]

#: Names a Chromium or Chrome binary goes by on Linux and macOS.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
_MAC_CHROME = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"

#: Flags for a headless, offline, throwaway browser. --no-sandbox because the sandbox
#: cannot start as root (CI containers); nothing but a local file is opened.
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)


class PdfError(RuntimeError):
    """No PDF engine is available, or the engine failed."""


def find_chromium() -> str | None:
    """The path of a Chromium/Chrome binary, or None.

    ``CORPUS_TOOLS_CHROMIUM`` names one explicitly (an empty value means "none",
    which forces the WeasyPrint fallback).
    """
    explicit = os.environ.get("CORPUS_TOOLS_CHROMIUM")
    if explicit is not None:
        return explicit or None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return _MAC_CHROME if Path(_MAC_CHROME).exists() else None


def _weasyprint_available() -> bool:
    try:
        import weasyprint  # noqa: F401  (imports Pango through cffi: fails without it)
    except Exception:  # OSError when the Pango library is missing, ImportError when not installed
        return False
    return True


def pdf_engine() -> str:
    """``"chromium"`` or ``"weasyprint"``, whichever prints PDFs here.

    Raises
    ------
    PdfError
        When neither is available; says how to install one.
    """
    if find_chromium():
        return "chromium"
    if _weasyprint_available():
        return "weasyprint"
    raise PdfError(
        "PDF reports need Chromium or WeasyPrint and neither was found. Install Chromium "
        "(`make install` does it on Debian/Ubuntu: apt-get install chromium), or "
        "`pip install weasyprint`, or build HTML only with --format html."
    )


def _chromium_pdf(chromium: str, html_path: Path, pdf_path: Path, timeout: float) -> None:
    with tempfile.TemporaryDirectory(prefix="corpus_tools_chromium_") as profile:
        command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                   f"--print-to-pdf={pdf_path}", "--no-pdf-header-footer",
                   html_path.resolve().as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"Chromium did not print {html_path.name} within {timeout:.0f} s.") from exc
    if done.returncode != 0 or not pdf_path.exists() or pdf_path.stat().st_size == 0:
        # Chromium logs many harmless lines (no D-Bus in containers); keep the last ones.
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        raise PdfError(f"Chromium failed to print {html_path.name} (exit {done.returncode}):\n{tail}")


def print_pdf(html_path: str | Path, pdf_path: str | Path | None = None, *,
              engine: str | None = None, timeout: float = 120) -> Path:
    """Print an HTML report to PDF (A4, no browser header or footer).

    Parameters
    ----------
    html_path : path
        A self-contained HTML file (a report).
    pdf_path : path, optional
        Where to write; default: beside the HTML with a ``.pdf`` suffix.
    engine : {"chromium", "weasyprint"}, optional
        Default: :func:`pdf_engine`.
    timeout : float
        Seconds Chromium may take.

    Returns
    -------
    Path
        The PDF written.

    Raises
    ------
    PdfError
        When no engine is available or printing fails.
    """
    html_path = Path(html_path)
    pdf_path = Path(pdf_path) if pdf_path else html_path.with_suffix(".pdf")
    engine = engine or pdf_engine()
    # Write beside the target and rename: a failed print leaves no half-written PDF.
    partial = pdf_path.with_name(f".{pdf_path.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        if engine == "chromium":
            chromium = find_chromium()
            if not chromium:
                raise PdfError("No Chromium binary found (set CORPUS_TOOLS_CHROMIUM to its path).")
            _chromium_pdf(chromium, html_path, partial, timeout)
        elif engine == "weasyprint":
            import weasyprint

            weasyprint.HTML(filename=str(html_path)).write_pdf(str(partial))
        else:
            raise ValueError(f"Unknown PDF engine {engine!r}; expected 'chromium' or 'weasyprint'.")
        partial.replace(pdf_path)
    finally:
        partial.unlink(missing_ok=True)
    return pdf_path
