"""Which reader reads an input: by suffix, confirmed or overridden by the content."""
from __future__ import annotations

import re

from .base import Member, Reader, decode_text
from .errors import IngestError
from .sources import (HTML_SUFFIXES, KNOWN_SUFFIXES, SGML_SUFFIXES, TABULAR_SUFFIXES,
                      WORD_SUFFIXES, XML_SUFFIXES)

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
#: Formats of text files whose lines a site repeats across files (template lines).
TEXT_FILE_FORMATS = ("pagetext", "article")
#: Formats whose files are read for template lines: text files, and small exports and
#: XML files (one article per file: a folder of news-please or newspaper3k JSON).
TEMPLATE_FORMATS = TEXT_FILE_FORMATS + ("tabular", "xml")
#: A JSON or XML file at most this large may be one article of a folder of them.
SMALL_FILE_BYTES = 256 * 1024
_ONE_RECORD_SUFFIXES = {".json"} | XML_SUFFIXES


def template_formats(path) -> tuple[str, ...]:
    """The formats read from ``path`` in the template-line pass: text files' formats, and
    the export and XML formats for a small one-record JSON or XML file (never for the
    exports inside an archive or a large file, which are read once)."""
    from pathlib import Path

    from .sources import format_suffix

    path = Path(path)
    if format_suffix(path.name) in _ONE_RECORD_SUFFIXES and may_repeat_lines(path):
        return TEMPLATE_FORMATS
    return TEXT_FILE_FORMATS


def may_repeat_lines(path) -> bool:
    """True for inputs read in the template-line pass: text files (page dumps, article
    files) and JSON and XML files small enough to hold one article or a few. Exports of
    many records (CSV, JSON lines, Parquet, large JSON) learn their furniture within
    themselves (:mod:`.furniture`) and are read once; HTML pages are cleaned by
    trafilatura."""
    from pathlib import Path

    from .sources import format_suffix

    path = Path(path)
    suffix = format_suffix(path.name)
    if suffix in (TABULAR_SUFFIXES - _ONE_RECORD_SUFFIXES) | HTML_SUFFIXES:
        return False  # CSV, JSON lines, Parquet: many records, furniture learned inside
    if suffix not in _ONE_RECORD_SUFFIXES:
        return True
    try:
        return path.stat().st_size <= SMALL_FILE_BYTES
    except OSError:
        return False
#: Formats and the module:function that reads each (imported on first use).
_READERS = {
    "html": ("html", "read_html"),
    "tabular": ("tabular", "read_tabular"),
    "xml": ("xmlrecords", "read_xml"),
    "sgml": ("sgml", "read_sgml"),
    "export": ("exports", "read_text_export"),
    "article": ("plaintext", "read_article_file"),
}


def detect_format(member: Member) -> str:
    """Name the format of an input: ``"html"``, ``"tabular"``, ``"xml"``, ``"sgml"``,
    ``"export"`` (a database text or Word export of many records), ``"article"`` (a
    plain one-article text file) or ``"pagetext"`` (the text of a whole page).

    The suffix decides, except that text files whose content is an HTML, XML or SGML
    document are read as such (scrapers often save pages as ``.txt``), text files are
    told apart by their content (a database export, one article, or a page dump; see
    :func:`corpus_tools.ingest.plaintext.looks_like_article`), and files with no
    suffix are sniffed.

    Raises
    ------
    IngestError
        For a suffix that is none of the supported formats.
    """
    suffix = member.suffix
    head = member.data[:2048]
    if suffix and suffix not in KNOWN_SUFFIXES:
        raise IngestError(
            member.name,
            "unsupported format",
            f"files ending in {suffix!r} are not read. Supported: "
            + ", ".join(sorted(KNOWN_SUFFIXES))
            + " (optionally .gz, or inside .zip).",
        )
    if suffix in TABULAR_SUFFIXES:
        return "tabular"
    if suffix in WORD_SUFFIXES:
        return "export"
    if suffix in HTML_SUFFIXES or _HTML_START.match(head):
        return "html"
    if suffix in SGML_SUFFIXES:
        return "sgml"
    from .xmlrecords import looks_like_xml

    if suffix in XML_SUFFIXES or looks_like_xml(head):
        return "sgml" if _is_sgml(member) else "xml"
    if not suffix:
        stripped = head.lstrip()
        if head.startswith(b"PAR1") or stripped[:1] in (b"{", b"["):
            return "tabular"
    return _text_format(member)


def _is_sgml(member: Member) -> bool:
    # An XML suffix or opening, but a DOCTYPE naming an SGML DTD and no XML declaration.
    head = member.data[:512].lstrip(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"<!DOCTYPE") and b"SYSTEM" in head[:200] and not head.startswith(b"<?xml")


def _text_format(member: Member) -> str:
    from .exports import looks_like_text_export
    from .plaintext import looks_like_article

    try:
        text = decode_text(member)
    except IngestError:
        return "pagetext"  # the page reader logs the binary file with its advice
    if looks_like_text_export(text):
        return "export"
    if looks_like_article(text):
        return "article"
    return "pagetext"


def suffix_for_sniffed(member: Member) -> str:
    """The tabular suffix a suffix-less tabular member should be read as."""
    if member.data[:4] == b"PAR1":
        return ".parquet"
    stripped = member.data[:2048].lstrip()
    if stripped[:1] == b"[":
        return ".json"
    return ".jsonl"


def reader_for(fmt: str) -> Reader:
    """The reader function of a format name from :func:`detect_format`."""
    # Imported here so that importing corpus_tools stays fast (trafilatura is heavy).
    import importlib

    if fmt in _READERS:
        module, function = _READERS[fmt]
        return getattr(importlib.import_module(f".{module}", __package__), function)
    from .pagetext import read_pagetext

    return read_pagetext
