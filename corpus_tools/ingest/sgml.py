"""SGML news collections (Reuters-21578, TREC ``<DOC>`` files): records read leniently.

These files are not XML: they hold numeric references to control characters
(``&#2;``), a bare ``>`` after an escaped ``&lt;``, a DOCTYPE naming a DTD that is
not there, and sometimes a byte that is not UTF-8. An XML parser refuses them, so
records are cut with regular expressions: the element that repeats at the top level
(``<REUTERS ...>``, ``<DOC>``) is a record; its attributes and the innermost elements
inside it (``<TITLE>``, ``<DATELINE>``, ``<BODY>``, ``<DATE>``, ``<D>`` lists) are its
fields, mapped onto the article table as export columns are. Nothing is fetched and
no entity is expanded: only ``&lt;``, ``&gt;``, ``&amp;`` and numeric references are
decoded, and control characters are dropped.

A record with no text element of its own (Reuters' ``TYPE="UNPROC"``) gives the text
of its ``<TEXT>`` as body. Hard-wrapped lines are joined; an indented line starts a
paragraph.
"""
from __future__ import annotations

import html
import re
from collections import Counter

import pandas as pd

from .base import Member, ReadOptions, decode_text
from .errors import IngestError, IngestLog
from .metadata import extract_credits

_OPEN = re.compile(r"<([A-Za-z][\w.-]*)((?:\s+[\w.-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))*)\s*>")
_ATTR = re.compile(r"([\w.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
_LEAF = re.compile(r"<([A-Za-z][\w.-]*)(?:\s[^<>]*)?>([^<]*)</\1\s*>", re.S)
_ANY_TAG = re.compile(r"</?[A-Za-z][\w.-]*(?:\s[^<>]*)?>")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
# Share of a file's outlet-less records one agency must sign to be its outlet ("most").
_ARCHIVE_SHARE = 0.5


def looks_like_sgml(text_head: str) -> bool:
    """True for a file of SGML records (a DOCTYPE or a record tag that repeats)."""
    tags = Counter(m.group(1).upper() for m in _OPEN.finditer(text_head[:20000]))
    return bool(tags) and tags.most_common(1)[0][1] >= 2


def _unescape(text: str) -> str:
    text = re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))) if int(m.group(1)) >= 32 else "", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return _CONTROL.sub("", html.unescape(text) if "&" in text else text)


def _reflow(text: str) -> str:
    """Hard-wrapped lines joined; an indented line (or a blank one) starts a paragraph."""
    paragraphs: list[list[str]] = [[]]
    for line in text.split("\n"):
        if not line.strip() or line[:1].isspace():
            if paragraphs[-1]:
                paragraphs.append([])
        if line.strip():
            paragraphs[-1].append(line.strip())
    return "\n".join(" ".join(p) for p in paragraphs if p)


def split_sgml_records(text: str) -> tuple[str, list[tuple[dict, str]]]:
    """The record tag and each record's ``(attributes, inner text)``."""
    tags = Counter(m.group(1) for m in _OPEN.finditer(text))
    for tag, _ in tags.most_common():
        pattern = re.compile(rf"<{re.escape(tag)}(\s[^<>]*)?>(.*?)</{re.escape(tag)}\s*>", re.S)
        records = [(_attributes(m.group(1) or ""), m.group(2)) for m in pattern.finditer(text)]
        # The record element holds other elements (a <D> list item holds none).
        if len(records) >= 1 and sum(1 for _, inner in records if _LEAF.search(inner)) >= len(records) / 2:
            return tag, records
    return "", []


def _attributes(text: str) -> dict:
    return {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
            for m in _ATTR.finditer(text)}


def record_fields(attributes: dict, inner: str) -> dict:
    """A record's fields: attributes, its innermost elements, and UNPROC text."""
    record = dict(attributes)
    for m in _LEAF.finditer(inner):
        name, value = m.group(1).lower(), _unescape(m.group(2))
        value = _reflow(value) if name in ("body", "text") else " ".join(value.split())
        if name in record and record[name]:
            record[name] = f"{record[name]}; {value}" if value else record[name]
        else:
            record[name] = value
    if "body" not in record and "text" not in record:
        m = re.search(r"<TEXT(?:\s[^<>]*)?>(.*?)</TEXT\s*>", inner, re.S | re.I)
        if m:
            # The text around the fields already read (a brief's title): its own words.
            rest = _LEAF.sub(" ", m.group(1))
            record["body"] = _reflow(_unescape(_ANY_TAG.sub(" ", rest))).strip("* \n")
    return record


def read_sgml(member: Member, options: ReadOptions, log: IngestLog) -> pd.DataFrame:
    """Reader for SGML record files (see :mod:`corpus_tools.ingest.base`).

    Examples
    --------
    >>> sgml = (b'<!DOCTYPE lewis SYSTEM "lewis.dtd">\\n<REUTERS NEWID="1"><DATE> 5-MAR-1987 09:07:54.17'
    ...         b'</DATE><TEXT>&#2;\\n<TITLE>JAGUAR SEES GROWTH</TITLE><DATELINE>    LONDON, March 5 - '
    ...         b'</DATELINE><BODY>Jaguar Plc &lt;JAGR.L> is about to sell\\nits new model.\\n'
    ...         b' REUTER\\n&#3;</BODY></TEXT></REUTERS>')
    >>> row = read_sgml(Member("r.sgm", sgml, ".sgm"), ReadOptions(), IngestLog()).iloc[0]
    >>> row["title"], row["body"], row["agency"], row["outlet"], str(row["published"])
    ('JAGUAR SEES GROWTH', 'Jaguar Plc <JAGR.L> is about to sell its new model.', 'Reuters', 'Reuters', '1987-03-05 09:07:54.170000+00:00')
    """
    from .tabular import rows_from_frame

    text = decode_text(member)
    tag, records = split_sgml_records(text)
    if not records:
        raise IngestError(member.name, "no records",
                          "no repeated SGML record element (such as <REUTERS> or <DOC>) "
                          "with fields inside was found.")
    frame = pd.DataFrame.from_records([record_fields(a, inner) for a, inner in records]).fillna("")
    if "dateline" in frame:  # "    LONDON, March 5 - " -> "LONDON"
        frame["dateline"] = frame["dateline"].str.replace(r"[,\s-]+$", "", regex=True).str.split(",").str[0].str.strip()
    # The wire's sign-off ("REUTER") ends the body: it credits the agency, and a wire
    # archive's record that names no outlet is the agency's own story. Read before the
    # rows are finished, where a sign-off every record repeats would be furniture.
    if "body" in frame:
        found = [extract_credits(body) for body in frame["body"]]
        frame["body"] = [f.body for f in found]
        frame["agency"] = [f.agency for f in found]
        frame["credit"] = [f.credit for f in found]
    rows = rows_from_frame(frame, member, options, log)
    no_outlet = rows["outlet"].fillna("") == ""
    signed = rows.loc[no_outlet, "agency"]
    top = signed[signed != ""].value_counts()
    if len(top) and top.iloc[0] >= _ARCHIVE_SHARE * no_outlet.sum():
        # Most records are signed by one agency and none names an outlet: the file
        # is that agency's archive, its unsigned records (briefs) included.
        rows.loc[no_outlet, "outlet"] = top.index[0]
    else:
        rows.loc[no_outlet, "outlet"] = signed
    return rows
