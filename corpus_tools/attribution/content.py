"""The content of an attribution: what follows its cue, or what precedes its source."""
from __future__ import annotations

import re

from .lexicon import ANONYMOUS_NOUNS, DOCUMENT_NOUNS, ORG_NOUNS, ROLE_NOUNS
from .phrases import (_DETERMINERS, _OBJECT_WORDS, _PREPOSITIONS, _TIME_WORDS, _inside, _strip_span,
                      _tokens, _word)
from .text import Quote

_TELL_LIKE = frozenset("tell inform assure advise".split())
#: Cues whose content is everything after them, object included ("urged X to ...").
_WHOLE_AFTER = frozenset("urge ask demand accuse blame call describe question criticise criticize condemn recommend".split())


def _is_adverbial(text: str, lo: int, hi: int) -> bool:
    """Only time, place and manner after a cue ("Thursday", "in a statement")?"""
    tokens = [t for t in _tokens(text, lo, hi) if t[2] not in {".", "!", "?"}]
    if not tokens:
        return True
    words = [_word(t[2]) for t in tokens]
    if '"' in words or "that" in words or len(words) > 16:
        return False
    first = tokens[0][2]
    if _word(first) == "to" and len(tokens) > 1:
        after = tokens[1][2]
        return after[:1].isupper() or _word(after) in _DETERMINERS | _OBJECT_WORDS
    if first[:1].isupper():  # "told AFP", "said Thursday"; not "says Indiana's plan is ..."
        return len(tokens) <= 4 and all(t[2][:1].isupper() or _word(t[2]) in _PREPOSITIONS | _TIME_WORDS
                                        | _DETERMINERS | {"news", "agency"} for t in tokens)
    return first == "," or _word(first) in _PREPOSITIONS | _TIME_WORDS | _OBJECT_WORDS



def _content_after(text: str, lo: int, hi: int, lemma: str, quotes: list[Quote]) -> tuple[int, int] | None:
    """What was said, after a cue at ``lo``; ``hi`` ends the sentence."""
    tokens = _tokens(text, lo, hi)
    if not tokens:
        return None
    # A quote right after the cue or its object (", ": ", "told supporters: ").
    for k, (begin, end, token) in enumerate(tokens[:6]):
        if token in {'"', "'"} and _inside(end, quotes):
            quote = _inside(end, quotes)
            if all(t[2] in {",", ":", '"', "'"} or _word(t[2]) in _OBJECT_WORDS | _TIME_WORDS
                   or t[2][:1].isupper() or t[2].islower() for t in tokens[:k]):
                return _cut(text, quote.start, hi, quotes)
        if token in {",", ";"} and k > 0 and tokens[k + 1:k + 2] and tokens[k + 1][2] not in {'"', "'"}:
            break
    # Or after "that" within a few words.
    for k, (begin, end, token) in enumerate(tokens[:12]):
        if token == '"' or (token == "'" and _inside(end, quotes)):
            quote = _inside(end, quotes)
            if quote and k <= 3:
                return _cut(text, quote.start, hi, quotes)
        if token in {",", ";", "("} and k > 0:
            break
        if token.lower() == "that" and (lemma not in _WHOLE_AFTER or k > 0):
            return _cut(text, end, hi, quotes)
        if k >= 8 or (token[:1].islower() and _word(token) not in _PREPOSITIONS | _TIME_WORDS
                      | _DETERMINERS | _OBJECT_WORDS | DOCUMENT_NOUNS | {"earlier", "interview", "news",
                                                                          "conference", "briefing", "agency"}):
            break
    start = tokens[0][0]
    if lemma in _TELL_LIKE:
        k = 0
        if _word(tokens[0][2]) in _OBJECT_WORDS:
            k = 1
        elif _word(tokens[0][2]) in _DETERMINERS | {"news"} or tokens[0][2][:1].isupper():
            k = 1
            while k < len(tokens) and k < 6 and (tokens[k][2][:1].isupper() or tokens[k][2].islower() and (
                    _word(tokens[k][2]) in ORG_NOUNS | ANONYMOUS_NOUNS | ROLE_NOUNS | {"news", "court"})):
                k += 1
        while k < len(tokens) and (_word(tokens[k][2]) in _TIME_WORDS or tokens[k][2] == ","):
            k += 1
        if k >= len(tokens):
            return None
        start = tokens[k][0]
    return _cut(text, start, hi, quotes)


_STOP_CONTENT = re.compile(r",\s+(?:according to|citing|saying|adding|(?:he|she|they|it) (?:said|added|says))\b")


def _cut(text: str, lo: int, hi: int, quotes: list[Quote]) -> tuple[int, int] | None:
    """The content from ``lo`` to the sentence end, stopped by a second attribution."""
    for match in _STOP_CONTENT.finditer(text, lo, hi):
        if not _inside(match.start(), quotes):
            hi = match.start()
            break
    span = _strip_span(text, lo, hi)
    return span if span[1] - span[0] >= 3 else None


def _content_before(text: str, lo: int, source_start: int, quotes: list[Quote]) -> tuple[int, int] | None:
    span = _strip_span(text, lo, source_start)
    return span if span[1] - span[0] >= 3 else None
