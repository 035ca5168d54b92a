"""News-database text exports: many articles in one text (or Word) file, split into records.

LexisNexis Academic, Nexis Uni and Factiva let a user download search results as one
text or Word file. Each record is the article wrapped in the database's fields:

* LexisNexis Academic (``.txt``): a centred "N of M DOCUMENTS" line opens each record;
  centred lines give the outlet, the date and the edition; the headline is the first
  left-aligned text; tagged blocks (``BYLINE:``, ``SECTION:``, ``LENGTH:``) come before
  the body and others (``LOAD-DATE:``, ``LANGUAGE:``, ``PUBLICATION-TYPE:``) and the
  centred copyright notice after it. Lines are hard-wrapped: a paragraph is a block of
  lines between blank lines.
* Nexis Uni (``.docx`` or text): title, outlet and date paragraphs, tagged
  paragraphs, a "Body" paragraph, the body, a trailer, and "End of Document".
* Factiva (text): records end with a "Document <id>" line.

Tagged blocks become columns of their own (``byline``, ``section``, ``length``,
``load_date``, ``language`` ...), copyright notices go to ``credit``, and what an
outlet repeats in every record is then learned and moved out of the bodies by
:mod:`.furniture`. The publication date is the record's date line, never its
``LOAD-DATE`` (the day the database loaded it).
"""
from __future__ import annotations

import io
import re
import zipfile

import pandas as pd

from .base import Member, ReadOptions, decode_text
from .errors import IngestError, IngestLog
from .articletable import FINISHED
from .furniture import remove_furniture
from .leads import read_credits
from .metadata import _parse_absolute
from .normalise import normalise_text
from .outlets import canonical_outlet

_LN_RECORD = re.compile(r"^\s*\d+\s+of\s+\d+\s+DOCUMENTS\s*$", re.M)
_END_OF_DOCUMENT = re.compile(r"^\s*End of Document\s*$", re.M)
_FACTIVA_END = re.compile(r"^\s*Document [A-Za-z0-9]{20,}\s*$", re.M)
# "BYLINE: x", "LOAD-DATE: x", "Section:\xa0x", "Load-Date: x". Tags are one to three
# words; all-capital tags anywhere, Title-case ones only in a record's header/trailer.
_TAG = re.compile(r"^(?P<tag>[A-Z][A-Za-z]*(?:[- ][A-Za-z]+){0,2}):[\s\u00a0]*(?P<value>.*)$")
_UPPER_TAG = re.compile(r"^[A-Z][A-Z-]+(?: [A-Z-]+){0,2}$")
_CENTRED = re.compile(r"^\s{5,}\S")
_COPYRIGHT = re.compile(r"^\s*(?:copyright\b|©|\(c\)\s*\d{4}|all rights reserved)", re.I)
_DATE = re.compile(
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December),?\s+\d{4})(?:\s+\w+day)?(?:,?\s+\d{1,2}:\d{2}\s*(?:[AP]M)?"
    r"(?:\s+[A-Z]{2,4})?)?",
    re.I,
)
#: Export tags -> article-table columns; other tags become columns of their own.
_TAG_COLUMNS = {"headline": "title", "title": "title", "hd": "title", "dateline": "dateline",
                "url": "url", "source": "outlet", "publication title": "outlet", "sn": "outlet",
                "publication date": "published", "pd": "published", "byline": "byline",
                "by": "byline"}


def looks_like_text_export(text: str) -> bool:
    """True for a LexisNexis, Nexis Uni or Factiva multi-record text export."""
    return bool(_LN_RECORD.search(text) or len(_END_OF_DOCUMENT.findall(text)) >= 1
                and re.search(r"^\s*Body\s*$", text, re.M) or len(_FACTIVA_END.findall(text)) >= 1)


def docx_paragraphs(data: bytes) -> list[str]:
    """The paragraphs of a Word (.docx) file's main text, parsed without entities.

    Raises
    ------
    ValueError
        When the file is not a Word document.
    """
    from defusedxml import ElementTree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ValueError(f"not a Word document ({exc})") from exc
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = ElementTree.fromstring(xml)
    paragraphs = []
    for p in root.iter(f"{w}p"):
        parts = []
        for node in p.iter():
            if node.tag == f"{w}t":
                parts.append(node.text or "")
            elif node.tag in (f"{w}br", f"{w}cr"):
                parts.append("\n")
            elif node.tag == f"{w}tab":
                parts.append("\t")
        paragraphs.append("".join(parts))
    return paragraphs


def read_text_export(member: Member, options: ReadOptions, log: IngestLog) -> pd.DataFrame:
    """Reader for database text exports and Nexis Uni Word files (see :mod:`.base`).

    Returns
    -------
    pandas.DataFrame
        One row per record: ``title``, ``outlet``, ``published``, ``published_raw``,
        ``body``, ``credit`` (copyright notices and learned furniture), ``byline``,
        ``section``, ``length``, ``load_date`` ... and ``source_index``.

    Raises
    ------
    IngestError
        When no record can be found.
    """
    if member.suffix == ".docx":
        try:
            # Blank lines between paragraphs: the text layout of the other exports.
            text = "\n\n".join(p.replace("\n", " ") for p in docx_paragraphs(member.data))
        except ValueError as exc:
            raise IngestError(member.name, "unreadable Word file", str(exc)) from exc
    else:
        text = decode_text(member)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    records = [parse_record(chunk) for chunk in split_records(text)]
    records = [r for r in records if r.get("body") or r.get("title")]
    if not records:
        raise IngestError(member.name, "no records",
                          "the file looks like a database export but no record with a title "
                          "or text was found in it.")
    frame = pd.DataFrame.from_records(records)
    frame["source_index"] = range(len(frame))
    for column in ("title", "body", "outlet"):
        frame[column] = frame.get(column, pd.Series("", index=frame.index)).fillna("").map(normalise_text)
    frame["outlet"] = frame["outlet"].map(canonical_outlet)
    raw = frame.pop("published") if "published" in frame else pd.Series("", index=frame.index)
    frame["published"] = [_parse_absolute(d) if d else pd.NaT for d in raw.fillna("")]
    frame["published"] = pd.to_datetime(frame["published"], utc=True).astype("datetime64[ns, UTC]")
    frame["published_raw"] = raw.fillna("").where(frame["published"].isna(), "")
    missing = int((frame["published"].isna() & (raw.fillna("") != "")).sum())
    if missing:
        log.add(member.name, "unreadable date",
                f"{missing} of {len(frame)} record dates could not be read; kept in published_raw")
    rows = remove_furniture(read_credits(frame.fillna("")))
    rows.attrs[FINISHED] = True
    return rows


def split_records(text: str) -> list[str]:
    """The records of an export's text, cover page and separators removed."""
    if _LN_RECORD.search(text):
        return [chunk for chunk in _LN_RECORD.split(text)[1:] if chunk.strip()]
    if _END_OF_DOCUMENT.search(text):
        chunks = _END_OF_DOCUMENT.split(text)[:-1]
        # The Nexis Uni cover page (a list of titles and "Narrowed by:") precedes the first record.
        if chunks:
            chunks[0] = _skip_cover(chunks[0])
        return [c for c in chunks if c.strip()]
    return [c for c in _FACTIVA_END.split(text)[:-1] if c.strip()]


def _skip_cover(first: str) -> str:
    """The first Nexis Uni record without the cover page before it.

    The cover lists the records ("1. <title>", "2. <title>" ... each with its search
    fields); the first record starts where the first listed title stands alone on a
    line after the list.
    """
    items = list(re.finditer(r"^\s*(\d+)\.\s+(.+?)\s*$", first, re.M))
    if not items or items[0].group(1) != "1":
        return first
    title = items[0].group(2)
    m = re.compile(rf"^\s*{re.escape(title)}\s*$", re.M).search(first, items[-1].end())
    return first[m.start():] if m else first


def _blocks(chunk: str) -> list[list[str]]:
    """Blocks of lines between blank lines, lines kept with their indentation."""
    blocks, current = [], []
    for line in chunk.split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _tag(line: str, strict: bool) -> tuple[str, str] | None:
    m = _TAG.match(line.strip())
    if not m or (strict and not _UPPER_TAG.match(m["tag"])):
        return None
    return re.sub(r"[- ]", "_", m["tag"].strip().lower()), m["value"].strip()


def parse_record(chunk: str) -> dict:
    """The fields of one export record (see the module's text for the layouts)."""
    blocks = _blocks(chunk)
    record: dict[str, str] = {}
    credits: list[str] = []
    centred = []
    while blocks and all(_CENTRED.match(line) for line in blocks[0]):
        centred.extend(line.strip() for line in blocks.pop(0))
    # Trailer: tagged and centred (copyright) blocks at the end.
    trailer = []
    nexis_uni = any(b[0].strip() == "Body" for b in blocks)
    while blocks and (_tag(blocks[-1][0], strict=not nexis_uni) or _is_centred_or_copyright(blocks[-1])
                      or blocks[-1][0].strip() in ("Classification", "Notes")):
        trailer.insert(0, blocks.pop())
    for block in trailer:
        _add_block(block, record, credits, strict=False)
    if nexis_uni:
        at = next(i for i, b in enumerate(blocks) if b[0].strip() == "Body")
        header, body = blocks[:at], blocks[at + 1:]
        plain = []
        for block in header:
            if not _add_block(block, record, credits, strict=False):
                plain.append(" ".join(line.strip() for line in block))
        centred = plain[1:] + centred
        record.setdefault("title", plain[0] if plain else "")
    else:
        header_end = max((i for i, b in enumerate(blocks[:8]) if _tag(b[0], strict=True)), default=-1)
        header, body = blocks[:header_end + 1], blocks[header_end + 1:]
        plain = []
        for block in header:
            if not _add_block(block, record, credits, strict=True):
                plain.append(" ".join(line.strip() for line in block))
        if plain:
            record.setdefault("title", plain[0])
            body = [[p] for p in plain[1:]] + body
    for line in centred:  # outlet, date, edition lines
        if _COPYRIGHT.match(line):
            credits.append(line)
        elif not record.get("published") and _DATE.search(line):
            record["published"] = _DATE.search(line).group()
        elif not record.get("outlet"):
            record["outlet"] = line
        else:
            record["edition"] = "; ".join(filter(None, [record.get("edition", ""), line.strip(" ;")]))
    record["body"] = "\n".join(" ".join(line.strip() for line in block) for block in body)
    if record.get("published") and not _DATE.fullmatch(record["published"]):
        found = _DATE.search(record["published"])
        record["published"] = found.group() if found else record["published"]
    record["credit"] = " | ".join(credits)
    return record


def _is_centred_or_copyright(block: list[str]) -> bool:
    return all(_CENTRED.match(line) or _COPYRIGHT.match(line) for line in block)


def _add_block(block: list[str], record: dict, credits: list[str], strict: bool) -> bool:
    """Store a tagged or copyright block in ``record``; False for any other block."""
    first = block[0].strip()
    if _COPYRIGHT.match(first):
        credits.append(" ".join(line.strip() for line in block))
        return True
    found = _tag(first, strict)
    if found is None:
        return first in ("Classification", "Notes")
    tag, value = found
    value = " ".join([value] + [line.strip() for line in block[1:]]).strip()
    column = _TAG_COLUMNS.get(tag.replace("_", " "), tag)
    record[column] = "; ".join(filter(None, [record.get(column, ""), value])) if column in record else value
    return True
