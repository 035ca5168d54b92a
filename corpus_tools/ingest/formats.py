"""Which reader reads an input: by suffix, confirmed or overridden by the content."""
from __future__ import annotations

import re

from .base import Member, Reader
from .errors import IngestError
from .sources import HTML_SUFFIXES, KNOWN_SUFFIXES, TABULAR_SUFFIXES

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)


def detect_format(member: Member) -> str:
    """Name the format of an input: ``"html"``, ``"tabular"`` or ``"pagetext"``.

    The suffix decides, except that text files whose content is an HTML document are
    read as HTML (scrapers often save pages as ``.txt``) and files with no suffix are
    sniffed (Parquet magic, JSON, HTML, else page text).

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
    if suffix in HTML_SUFFIXES or _HTML_START.match(head):
        return "html"
    if not suffix:
        stripped = head.lstrip()
        if head.startswith(b"PAR1") or stripped[:1] in (b"{", b"["):
            return "tabular"
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
    if fmt == "html":
        from .html import read_html

        return read_html
    if fmt == "tabular":
        from .tabular import read_tabular

        return read_tabular
    from .pagetext import read_pagetext

    return read_pagetext
