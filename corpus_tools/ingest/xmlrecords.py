"""XML exports: one article per file, or many records in one file, parsed safely.

Archives and scrapers write articles as XML in many shapes: a root element holding
``<title>``, ``<mainText>``, ``<uri>``, ``<portal>`` for one article; a root holding
hundreds of ``<article>`` (or ``<item>``, ``<doc>``) records, each with ``<p>``
children in its text element; fields as attributes (``<article date="..."
source="...">``). The records are found by structure, not by name: the element whose
children repeat one tag (and have fields of their own) holds the records; otherwise
the root is one record. Each record becomes a dict of its attributes and child
elements (an element with children gives its paragraphs joined by newlines), and the
records are mapped onto the article table exactly as export columns are
(:mod:`.tabular`), so ``columns=`` works for XML too.

Parsing is safe by construction: ``defusedxml`` refuses entity declarations (the
"billion laughs" expansion bomb) and external entities or DTDs (which would read
local files or the network); such a file is logged as "unsafe XML", never expanded.
"""
from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from .base import Member, ReadOptions
from .errors import IngestError, IngestLog

_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<[A-Za-z_]", re.S)


def looks_like_xml(head: bytes) -> bool:
    """True when ``head`` (the first bytes of an input) opens an XML document."""
    return bool(_XML_START.match(head)) and not head.lstrip().lower().startswith((b"<html", b"<!doctype html"))


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text_of(element) -> str:
    """An element's text: its own, or its children's as paragraphs."""
    children = list(element)
    if not children:
        return (element.text or "").strip()
    parts = []
    if element.text and element.text.strip():
        parts.append(element.text.strip())
    for child in children:
        text = _text_of(child)
        if text:
            parts.append(text)
        if child.tail and child.tail.strip():
            parts.append(child.tail.strip())
    return "\n".join(parts)


def record_of(element) -> dict:
    """One record's fields: attributes, then child elements (repeated ones joined)."""
    record = {_local(k): v for k, v in element.attrib.items()}
    for child in element:
        name = _local(child.tag)
        if not name:
            continue
        value = _text_of(child)
        for key, attr in child.attrib.items():  # <source url="...">Name</source>
            record.setdefault(f"{name}_{_local(key)}", attr)
        if name in record and record[name] and value:
            record[name] = f"{record[name]}; {value}"
        else:
            record[name] = value
    return record


def find_records(root) -> list:
    """The record elements of a document (see the module's text)."""
    node = root
    for _ in range(4):  # <export><articles><article> ...: look a few levels down
        children = [c for c in node if _local(c.tag)]
        counts = Counter(_local(c.tag) for c in children)
        if counts:
            tag, n = counts.most_common(1)[0]
            records = [c for c in children if _local(c.tag) == tag]
            if n >= 2 and sum(1 for r in records if len(r) or r.attrib) >= n / 2:
                return records
        if len(children) == 1 and len(children[0]):
            node = children[0]
            continue
        break
    return [root]


def parse_xml(data: bytes, name: str):
    """The root element of ``data``, parsed without entities, DTDs or network access.

    Raises
    ------
    IngestError
        "unsafe XML" for entity declarations or external references, "malformed XML"
        for a document that does not parse.
    """
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise IngestError(
            name, "unsafe XML",
            f"the document declares entities or refers to external files ({type(exc).__name__}: "
            f"{exc}); it was not expanded or read. Remove the DOCTYPE's entity declarations "
            f"if the file is yours.",
        ) from exc
    except ParseError as exc:
        raise IngestError(name, "malformed XML", f"the XML parser said: {exc}.") from exc


def read_xml(member: Member, options: ReadOptions, log: IngestLog) -> pd.DataFrame:
    """Reader for XML files (see :mod:`corpus_tools.ingest.base`).

    Returns
    -------
    pandas.DataFrame
        One row per record, mapped as export columns are (``columns=`` applies).

    Examples
    --------
    >>> xml = (b"<articles><article><title>Quake</title><source>Reuters</source>"
    ...        b"<text><p>TOKYO (Reuters) - A quake hit.</p><p>No damage.</p></text>"
    ...        b"</article><article><title>Rain</title><source>AFP</source>"
    ...        b"<text><p>Rain fell.</p></text></article></articles>")
    >>> rows = read_xml(Member("a.xml", xml, ".xml"), ReadOptions(), IngestLog())
    >>> rows[["title", "outlet", "agency"]].values.tolist(), rows.loc[0, "dateline"], rows.loc[0, "body"]
    ([['Quake', 'Reuters', 'Reuters'], ['Rain', 'AFP', 'AFP']], 'TOKYO', 'A quake hit.\\nNo damage.')
    """
    from .tabular import rows_from_frame

    root = parse_xml(member.data, member.name)
    records = [record_of(element) for element in find_records(root)]
    frame = pd.DataFrame.from_records(records).fillna("")
    return rows_from_frame(frame, member, options, log)
