"""A news text cut into what attribution rules read: quotations and sentences, with offsets.

Ingest makes quotation marks straight (``"`` and ``'``), so an opening mark is told
from a closing one by its neighbours: an opener follows a space, a bracket or the
start of a paragraph and precedes a word; a closer follows a word or punctuation.
Single quotes are quotation marks only in that position, so that apostrophes ("don't",
"Ukraine's", "parties'") are left alone. Outlets close a double quote with a single one
now and then (``"These cases ... China,' said Jeremy Chan``); a double quote with no
double closer in its paragraph is closed by the next single closer. A quotation still
open at the end of its paragraph runs on, as a multi-paragraph quote does, until the
paragraph that closes it or that does not reopen it.

Sentences end at ``.``, ``!`` or ``?`` (with any closing quote) before a capital or an
opening quote, except after an abbreviation or an initial, and never inside a
quotation: ``"A. B," he said.`` is one sentence, so that the cue after a quote of
several sentences finds the whole quote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quote", "Sentence", "quotations", "sentences", "ABBREVIATIONS"]

#: Words after which a full stop does not end a sentence (lower case, without the stop).
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sen sens rep reps gov gen col lt sgt capt cmdr adm st jr sr inc co corp
ltd llc no nos vs etc jan feb mar apr jun jul aug sep sept oct nov dec fig approx dept
univ u.s u.k u.n e.g i.e a.m p.m pres supt insp det cpl pvt maj brig lieut hon rev fr
""".split())

_OPEN_BEFORE = " \t([{-\u2014\u2013/:;\n"
_MAX_SINGLE = 400  # a single-quoted stretch longer than this is apostrophes, not a quote


_MARK = re.compile("[\"']")


@dataclass(frozen=True)
class Quote:
    """Quoted words: ``start``/``end`` enclose the words, without the marks."""

    start: int
    end: int
    closed: bool  # False: ran to the end of its paragraph without a closing mark


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


def _is_opener(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _OPEN_BEFORE and not after.isspace()


def _is_closer(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _paragraph_quotes(text: str, lo: int, hi: int, carried: bool) -> tuple[list[Quote], bool]:
    """Quotes of one paragraph ``text[lo:hi]``; ``carried``: a quote is open from before.

    Returns the quotes and whether a quote is still open at the paragraph's end.
    """
    quotes: list[Quote] = []
    marks = [m.start() for m in _MARK.finditer(text, lo, hi)]
    open_at, open_char = (lo, '"') if carried else (None, None)
    for k, i in enumerate(marks):
        char = text[i]
        if open_at is None:
            if char == '"' and _is_opener(text, i):
                open_at, open_char = i + 1, '"'
            elif char == "'" and _is_opener(text, i):
                open_at, open_char = i + 1, "'"
            continue
        if not _is_closer(text, i):
            if char == '"' and open_char == "'" and _is_opener(text, i):
                open_at, open_char = i + 1, '"'  # the single quote was an apostrophe
            continue
        if char == open_char or (char == "'" and not any(
                text[j] == '"' and _is_closer(text, j) for j in marks[k + 1:])):
            if char == "'" and open_char == "'" and i - open_at > _MAX_SINGLE:
                open_at, open_char = None, None
                continue
            quotes.append(Quote(open_at, i, True))
            open_at, open_char = None, None
    if open_at is not None and open_char == '"':
        end = hi
        while end > open_at and text[end - 1].isspace():
            end -= 1
        quotes.append(Quote(open_at, end, False))
        return quotes, True
    return quotes, False


def quotations(text: str) -> list[Quote]:
    """Spans of quoted words in ``text`` (marks excluded), in order.

    Examples
    --------
    >>> t = "Xi said they should 'strengthen mutual support'. \\"It's fine,\\" he said."
    >>> [t[q.start:q.end] for q in quotations(t)]
    ['strengthen mutual support', "It's fine,"]
    """
    quotes: list[Quote] = []
    carried = False
    lo = 0
    for hi in [m.start() for m in re.finditer("\n", text)] + [len(text)]:
        stripped = text[lo:hi].lstrip()
        first = hi - len(stripped)
        # A multi-paragraph quote: the next paragraph reopens it with a quotation mark.
        reopened = carried and stripped.startswith('"')
        found, carried = _paragraph_quotes(text, first + 1 if reopened else lo, hi,
                                           carried=reopened)
        quotes.extend(found)
        lo = hi + 1
    return quotes


_END = re.compile(r"[.!?]+[\"')\]\-]*(?=\s+[\"'(\[]?[A-Z0-9])")


def sentences(text: str, quotes: list[Quote]) -> list[Sentence]:
    """Sentence spans of ``text`` (paragraph breaks end one; none ends inside a quote).

    Examples
    --------
    >>> t = 'Mr. Xi spoke. "It is good. Very good," he said. Then he left.'
    >>> [t[s.start:s.end] for s in sentences(t, quotations(t))]
    ['Mr. Xi spoke.', '"It is good. Very good," he said.', 'Then he left.']
    """
    inside = [(q.start, q.end) for q in quotes]
    out: list[Sentence] = []
    lo = 0
    for hi in [m.start() for m in re.finditer("\n", text)] + [len(text)]:
        start = lo
        for match in _END.finditer(text, lo, hi):
            stop = match.start()
            # Inside a quote, unless the quote closes right after this stop.
            closes = stop + len(match.group().rstrip("\"')]-"))
            if any(a < stop < b and b > closes for a, b in inside):
                continue
            words = text[start:stop].split()
            last = words[-1].lower().lstrip("\"'([") if words else ""
            if text[stop] == "." and (last in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", last)):
                continue
            _add(out, text, start, match.end())
            start = match.end()
        _add(out, text, start, hi)
        lo = hi + 1
    return out


def _add(out: list[Sentence], text: str, lo: int, hi: int) -> None:
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    if hi > lo:
        out.append(Sentence(lo, hi))
