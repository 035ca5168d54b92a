"""What opens an export's body: its headline, or the outlet's own agency credit.

Exports often put the headline (sometimes after a date) on the first line of the text
field as well as in its title column: that line leaves the body, or every text would
count its headline twice. And an article whose outlet is itself a news agency (SANA,
MENA, Xinhua, TASS, Reuters ...: ``data/agency_outlets.csv``) is that
agency's own wire copy: it is credited to the agency, and the dateline and credits its
text carries are read.
"""
from __future__ import annotations

import re

import pandas as pd

from .metadata import ABSOLUTE_DATE, extract_credits
from .outlets import agency_of_outlet

_FIRST_LINE = re.compile(r"^([^\n]*)\n?(.*)$", re.S)
_LEADING_DATE = re.compile(
    r"^(?:\w+day,?\s+)?(?:\d{1,2}\s+\w+\.?,?\s+\d{4}|\w+\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})(?:[,\s]+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?[\s|:—-]*",
    re.I,
)


def _comparable(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def drop_repeated_title(title: str, body: str) -> str:
    """``body`` without a first line that only repeats ``title`` (after a date, maybe).

    Examples
    --------
    >>> drop_repeated_title("Cyclone hits coast", "12 May 2020 Cyclone hits coast\\nThe storm ...")
    'The storm ...'
    >>> drop_repeated_title("Cyclone hits coast", "Cyclone hits coast, killing 12, officials said.")
    'Cyclone hits coast, killing 12, officials said.'
    """
    if not title or not body or "\n" not in body:
        return body
    first, rest = body.split("\n", 1)
    last_word = re.sub(r"\W+", "", title.split()[-1].lower())
    if last_word and last_word not in first.lower() and not ABSOLUTE_DATE.match(first.strip()):
        return body  # the cheap test first: the title's last word is not on the line
    line = first.strip()
    dated = _LEADING_DATE.match(line)
    candidates = {line, line[dated.end():] if dated else line}
    if ABSOLUTE_DATE.match(line):  # a date line alone, then the title on the next line
        second, _, after = rest.partition("\n")
        if _comparable(second) == _comparable(title):
            return after.strip()
    wanted = _comparable(title)
    if wanted and any(_comparable(c) == wanted for c in candidates):
        return rest.strip()
    return body


def drop_repeated_titles(rows: pd.DataFrame) -> pd.DataFrame:
    """:func:`drop_repeated_title` on every row with a title and a body."""
    if "title" not in rows or "body" not in rows:
        return rows
    titled = rows["title"].fillna("") != ""
    if not titled.any():
        return rows
    bodies = rows.loc[titled, "body"].fillna("").tolist()
    new = [drop_repeated_title(t, b) for t, b in zip(rows.loc[titled, "title"].tolist(), bodies)]
    if new == bodies:
        return rows
    out = rows.copy()
    out.loc[titled, "body"] = new
    return out


def read_credits(rows: pd.DataFrame) -> pd.DataFrame:
    """Datelines, agencies and credit lines read from the bodies of rows that lack them.

    What the loader does for every reader (:func:`extract_credits` on rows with no
    ``dateline`` and no ``agency``), done here, before furniture is learned, so that a
    notice moved to ``credit`` never stops a dateline from being read; credits already
    there are kept first. A row whose outlet is a news agency (SANA, MENA, Xinhua, TASS,
    Reuters ...: ``data/agency_outlets.csv``) is that agency's own wire
    copy and is credited to it when its text names no agency.
    """
    if "body" not in rows or rows.empty:
        return rows
    out = rows.copy()
    columns = {c: (out[c].astype("string").fillna("").tolist() if c in out else [""] * len(out))
               for c in ("body", "dateline", "agency", "credit")}
    outlets = (out["outlet"].astype("string").fillna("").tolist() if "outlet" in out
               else [""] * len(out))
    for i, (dateline, agency) in enumerate(zip(columns["dateline"], columns["agency"])):
        if dateline or agency:
            continue
        found = extract_credits(columns["body"][i])
        columns["body"][i] = found.body
        columns["dateline"][i] = found.dateline
        columns["agency"][i] = found.agency or agency_of_outlet(outlets[i])
        columns["credit"][i] = " | ".join(c for c in (columns["credit"][i], found.credit) if c)
    for column, values in columns.items():  # whole columns: Arrow cells set one by one are slow
        out[column] = pd.array(values, dtype="string")
    return out


#: Share of an export's texts whose first line must read as a headline for the first
#: lines to be taken as titles (a property of the export, not of one row).
HEADLINE_SHARE = 0.8


def split_headlines(rows: pd.DataFrame) -> pd.DataFrame:
    """Titles from the first lines of texts, in an export without a title column.

    Some exports write "headline\nbody" into one text field. When at least
    :data:`HEADLINE_SHARE` of the texts open with a line that reads as a headline (as
    for plain article files: :func:`corpus_tools.ingest.plaintext.is_headline`), those
    first lines become ``title``; otherwise the texts stay as they are.
    """
    from .plaintext import is_headline

    bodies = rows["body"].fillna("").tolist()
    split = []
    for body in bodies:
        lines = [line.strip() for line in body.split("\n") if line.strip()]
        split.append(bool(lines) and is_headline(lines[0], lines[1:]))
    if not bodies or sum(split) < HEADLINE_SHARE * len(bodies):
        return rows
    out = rows.copy()
    titles, texts = [], []
    for body, is_split in zip(bodies, split):
        first, _, rest = body.strip().partition("\n")
        titles.append(first.strip() if is_split else "")
        texts.append(rest.strip() if is_split else body)
    out["title"], out["body"] = titles, texts
    return out
