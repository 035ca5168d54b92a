"""Split one page dump into its articles and teasers.

A dump is read as a sequence of classified lines (``lines.py``). The main article's
text is found by the line model (``article.py``: a classifier of each line and its
neighbours, then the best run with gaps), with its headline, outlet and date in the few
lines above it. Below a list header ("Related Articles", "MORE STORIES FROM ...") that
opens a list of entries with their own headers (outlet, date, read time), every entry
is a header, a title and some text: a full article when that text is long, a teaser
(title, summary, read time, date) when it is short, so teasers never end up inside a
body. A list header over a plain list of links opens no entries: the model decides
what of the page is the article.

Without a model (``model=None``) the main article is the previous rule: the longest run
of prose before the first list of other stories.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from ..metadata import extract_credits, parse_date, standalone_dateline
from .article import select_article
from .lines import (
    Kind,
    classify,
    edition_outlet_and_date,
    is_sentence,
    is_title_like,
    list_header_outlet,
    words,
)

#: An entry under a list header with at least this many words of text is a full
#: article; shorter ones are teasers (a title and a one-line summary).
MIN_ARTICLE_WORDS = 50
#: The main article of a page has at least this many words of prose.
MIN_MAIN_WORDS = 40
# Lines of other kinds allowed between two paragraphs of one body (a "-" rule, a
# standalone dateline, a stray button).
_MAX_GAP = 3
_SENTENCE_BREAK = re.compile(r"[.!?][\"')\]]*\s+(?=[A-Z\"'])")


@dataclass
class Line:
    index: int
    text: str
    kind: Kind


@dataclass
class Entry:
    """One article or teaser found in a dump, before it becomes a table row."""

    title: str = ""
    outlet: str = ""
    date: str = ""
    standfirst: str = ""
    paragraphs: list[str] = field(default_factory=list)
    dateline: str = ""
    credit: list[str] = field(default_factory=list)
    agency: str = ""
    kind: str = "article"
    has_read_time: bool = False  # "3 mins": a link to an article, not the article
    confidence: float = float("nan")  # the line model's, for a main article it found


def classify_lines(text: str, known_outlets: frozenset[str]) -> list[Line]:
    """Classify every line of ``text``; outlet names this dump repeats are learned."""
    raw = [line.strip() for line in text.split("\n")]
    names = {n.lower() for n in known_outlets} | _repeated_header_names(raw)
    for line in raw:
        named = list_header_outlet(line)
        if named:
            names.add(named.lower())
    frozen = frozenset(names)
    return [Line(i, t, classify(t, frozen)) for i, t in enumerate(raw)]


def _repeated_header_names(raw: list[str]) -> set[str]:
    """Short non-sentence lines a dump repeats 3+ times are outlet headers of entries."""
    counts = Counter(r.lstrip("-\u2014| ").strip() for r in raw if r)
    return {
        name.lower()
        for name, n in counts.items()
        if n >= 3 and 1 <= len(name.split()) <= 5 and not re.search(r"[.!?:,\d]", name)
        and name[:1].isupper()
    }


def split_page(text: str, known_outlets: frozenset[str], model=None) -> list[Entry]:
    """The articles and teasers of one page dump, main article first.

    Parameters
    ----------
    text : str
        The normalised text of the dump.
    known_outlets : frozenset of str
        Outlet display names to recognise in the text.
    model : LineModel, optional
        The line model that finds the main article; None for the previous rules.
    """
    lines = classify_lines(text, known_outlets)
    # Candidates for the main article: enough prose, and not a teaser's summary (a
    # read time such as "3 mins" right after it marks a link to an article).
    runs = [
        r for r in _prose_runs(lines)
        if _run_words(lines, r) >= MIN_MAIN_WORDS
        and not any(l.kind is Kind.READ_TIME for l in lines[r[1] + 1 : r[1] + 3])
    ]
    list_start = _list_start(lines, runs)
    site = next((list_header_outlet(l.text) for l in lines if l.kind is Kind.LIST_HEADER
                 and list_header_outlet(l.text)), "")
    if model is not None:
        return _split_with_model(text, lines, list_start, site, known_outlets, model)
    entries = []
    main_runs = [r for r in runs if r[1] < list_start]
    if main_runs:
        entries.append(_main_article(lines[:list_start], max(main_runs, key=lambda r: _run_words(lines, r)),
                                     known_outlets, site))
    entries.extend(_list_entries(lines[list_start:], site))
    return entries


def _split_with_model(text: str, lines: list[Line], list_start: int, site: str,
                      known_outlets: frozenset[str], model) -> list[Entry]:
    listed = _list_entries(lines[list_start:], site)
    structured = _is_structured_list(listed)
    end = list_start if structured else len(lines)
    selection = select_article(text.split("\n"), [l.kind for l in lines], model, end)
    entries = []
    if selection.lines:
        entry = _model_article(lines, selection.lines, known_outlets, site)
        entry.confidence = selection.confidence
        entries.append(entry)
    return entries + (listed if structured else [])


def _is_structured_list(entries: list[Entry]) -> bool:
    """True when the lines under a list header are a list of other stories.

    Most entries carry a date or a read time of their own, as lists of other stories
    do; a menu, a plain list of links, or the paragraphs of the main article going on
    below a "Related Articles" box set inside it do not. And no long entry lacks both:
    that too is the main article going on, not another story.
    """
    headed = sum(bool(e.date or e.has_read_time) for e in entries)
    article_goes_on = any(e.kind == "article" and not (e.date or e.has_read_time) for e in entries)
    return bool(entries) and headed * 2 >= len(entries) and not article_goes_on


def _model_article(lines: list[Line], body: list[int], known_outlets: frozenset[str],
                   site: str) -> Entry:
    """The article whose body lines the model chose, with its header and credits."""
    # A headline the model took for text goes to the title (found above the body).
    if len(body) > 1 and is_title_like(lines[body[0]].text) and not is_sentence(lines[body[0]].text):
        body = body[1:]
    chosen = set(body)
    return _article(lines, body[0], body[-1], lambda line: line.index in chosen, known_outlets, site)


def _run_words(lines: list[Line], run: tuple[int, int]) -> int:
    return sum(len(lines[p].text.split()) for p in range(run[0], run[1] + 1)
               if lines[p].kind is Kind.TEXT)


def _list_start(lines: list[Line], runs: list[tuple[int, int]]) -> int:
    """Index where the lists of other stories begin (len(lines) when there are none).

    A list header ("Related Articles") opens the lists only once the main article's
    prose has been seen: the same words in a navigation menu above the article do not.
    On a page with no main article at all, the first list header opens the lists.
    """
    headers = [l.index for l in lines if l.kind is Kind.LIST_HEADER]
    if runs:
        after_prose = [h for h in headers if h > runs[0][1]]
        if after_prose:
            return after_prose[0]
        # No header: an outlet line followed by a date, after prose, opens a list of
        # entries ("The Star / an hour ago / ...").
        for pos in range(runs[0][1] + 1, len(lines)):
            if lines[pos].kind is Kind.OUTLET and any(
                l.kind in (Kind.DATE, Kind.READ_TIME) for l in lines[pos + 1 : pos + 3]
            ):
                return pos
        return len(lines)
    return headers[0] if headers else len(lines)


def _prose_runs(lines: list[Line]) -> list[tuple[int, int]]:
    """(first, last) positions of runs of prose lines separated by small gaps."""
    prose = [p for p, l in enumerate(lines) if l.kind is Kind.TEXT and is_sentence(l.text)]
    runs: list[tuple[int, int]] = []
    for p in prose:
        if runs and p - runs[-1][1] - 1 <= _MAX_GAP and not any(
            lines[q].kind in (Kind.OUTLET, Kind.EDITION, Kind.LIST_HEADER)
            for q in range(runs[-1][1] + 1, p)
        ):
            runs[-1] = (runs[-1][0], p)
        else:
            runs.append((p, p))
    return runs


def _main_article(lines: list[Line], run: tuple[int, int], known_outlets: frozenset[str],
                  site: str) -> Entry:
    """The article whose body is the prose run ``run``, with its header and credits."""
    first, last = run
    return _article(lines, first, last, lambda line: line.kind is Kind.TEXT, known_outlets, site)


def _article(lines: list[Line], first: int, last: int, is_body, known_outlets: frozenset[str],
             site: str) -> Entry:
    """The article of lines ``first``..``last`` whose body lines pass ``is_body``: its
    header above, a dateline among its first lines, its credits below, its outlet."""
    entry = Entry()
    _read_header(lines, first, entry)
    for line in lines[first : last + 1]:
        if is_body(line):
            entry.paragraphs.append(line.text)
        elif line.kind is Kind.DATELINE and not entry.dateline and len(entry.paragraphs) <= 2:
            entry.dateline = standalone_dateline(line.text)
    _read_trailer(lines, last, entry)
    entry.outlet = entry.outlet or site or _outlet_named_in_chrome(lines, known_outlets)
    return entry


def _read_trailer(lines: list[Line], last: int, entry: Entry) -> None:
    """What follows the body: desk slugs, edition notes, a late byline."""
    for line in lines[last + 1 : last + 8]:
        if line.kind is Kind.SLUG:
            entry.credit.append(line.text)
            entry.agency = entry.agency or "AFP"
        elif line.kind is Kind.EDITION:
            outlet, date = edition_outlet_and_date(line.text)
            entry.outlet = entry.outlet or outlet
            entry.date = entry.date or date
        elif line.kind is Kind.BYLINE:
            entry.credit.append(line.text)
        elif line.kind is Kind.TEXT and is_sentence(line.text):
            break


def _read_header(lines: list[Line], first: int, entry: Entry) -> None:
    """Fill title, standfirst, outlet, date and byline from the lines above the body."""
    between: list[str] = []
    for line in reversed(lines[max(0, first - 10) : first]):
        if line.kind is Kind.DATE:
            entry.date = entry.date or line.text
        elif line.kind is Kind.OUTLET:
            entry.outlet = entry.outlet or line.text.lstrip("-\u2014| ").strip()
        elif line.kind is Kind.BYLINE:
            entry.credit.insert(0, line.text)
        elif line.kind is Kind.TEXT:
            if is_title_like(line.text):
                entry.title = line.text
                break
            between.insert(0, line.text)
        elif line.kind in (Kind.LIST_HEADER, Kind.EDITION):
            break
    entry.standfirst = "\n".join(between)


def _outlet_named_in_chrome(lines: list[Line], known_outlets: frozenset[str]) -> str:
    """A known outlet named by the page's own interface ("Explore what Daily8 AI can do"):
    the longest name found, the first in the text among names as long."""
    chrome = " ".join(l.text for l in lines if l.kind is Kind.CHROME)
    if not chrome or not known_outlets:
        return ""
    found = [m.group(1) for m in _outlet_pattern(known_outlets).finditer(chrome)]
    return max(found, key=len, default="")


@lru_cache(maxsize=8)
def _outlet_pattern(names: frozenset[str]) -> re.Pattern:
    """One search for every name (a lookahead, so that overlapping names are all seen;
    longer names first, so that each position gives its longest)."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    return re.compile(rf"(?=(?<!\w)({alternatives})(?!\w))")


def _list_entries(lines: list[Line], site: str) -> list[Entry]:
    """Entries under list headers: header lines, a title, text, then read time and date."""
    entries: list[Entry] = []
    current: Entry | None = None
    phase = "header"
    blank_run = 0

    def close():
        nonlocal current, phase
        if current is not None and (current.title or current.paragraphs):
            entries.append(current)
        current, phase = None, "header"

    for line in lines:
        kind = line.kind
        blank_run = blank_run + 1 if kind is Kind.BLANK else 0
        if kind is Kind.LIST_HEADER:
            close()
            site = list_header_outlet(line.text) or site
        elif kind is Kind.BLANK:
            if phase != "header":
                close()
        elif kind is Kind.OUTLET:
            if phase != "header":
                close()
            current = current or Entry()
            current.outlet = current.outlet or line.text.lstrip("-\u2014| ").strip()
        elif kind in (Kind.DATE, Kind.READ_TIME):
            current = current or Entry()
            if kind is Kind.DATE:
                current.date = current.date or line.text
            else:
                current.has_read_time = True
            if phase == "content":
                phase = "trailer"
        elif kind is Kind.TEXT:
            if phase == "trailer":
                close()
            current = current or Entry()
            if phase == "header":
                current.title, phase = line.text, "content"
            else:
                current.paragraphs.append(line.text)
        elif kind is Kind.DATELINE and current is not None and phase == "content":
            current.dateline = current.dateline or standalone_dateline(line.text)
        elif kind is Kind.SLUG and current is not None:
            current.credit.append(line.text)
            current.agency = current.agency or "AFP"
    close()
    for entry in entries:
        entry.outlet = entry.outlet or site
        text = " ".join(entry.paragraphs)
        if (
            entry.has_read_time
            or len(words(text)) < MIN_ARTICLE_WORDS
            or len(_SENTENCE_BREAK.findall(text)) < 2  # one sentence is a summary
        ):
            entry.kind = "teaser"
            entry.standfirst = "\n".join(entry.paragraphs)
            entry.paragraphs = []
    return entries


def entry_to_record(entry: Entry, reference_date: pd.Timestamp | None) -> dict:
    """One article-table row (as a dict) from an :class:`Entry`."""
    credits = extract_credits("\n".join(entry.paragraphs)) if entry.paragraphs else None
    body = credits.body if credits else ""
    published = parse_date(entry.date, reference_date) if entry.date else pd.NaT
    return {
        "title": entry.title,
        "standfirst": entry.standfirst,
        "body": body,
        "outlet": entry.outlet,
        "published": published,
        "published_raw": entry.date if pd.isna(published) else "",
        "dateline": entry.dateline or (credits.dateline if credits else ""),
        "agency": entry.agency or (credits.agency if credits else ""),
        "credit": " | ".join(entry.credit + ([credits.credit] if credits and credits.credit else [])),
        "kind": entry.kind,
        "clean_confidence": entry.confidence,
    }
