"""Find attributions in one text: the cue, the source phrase next to it, and the content.

A cue is a reporting verb outside quotation marks ("said", "told", "warned" ...) or
a phrase that names its source after it ("according to", "citing"). Around each cue:

* the **source** is the noun phrase before it (``Craig said``, ``a source at the dam
  told``, ``Ilham Aliyev, the president of Azerbaijan, said``), after it when the cue
  follows what was said (``"...," said Mr. Lavrov``, ``according to Xinhua``), or the
  subject of the sentence for a participle (``Francis ..., saying``);
* the **content** is what follows the cue (``said that ...``, ``told TASS on Thursday
  that ...``, ``warned of ...``) or, when only place and time follow (``Craig said
  Thursday.``), what precedes the source: the quote or the clause before the comma.

A quote that goes on in the next sentences or paragraphs without a new cue is added to
the attribution before it. The rules read characters and word lists only, so that a
text of 600 words takes about a millisecond.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .content import _WHOLE_AFTER, _content_after, _content_before, _cut, _is_adverbial, _strip_span
from .lexicon import CUE_LEMMA, SAY_LIKE
from .phrases import (_inside, _subject, left_source, right_source, right_source_preposed)
from .text import Quote, Sentence

__all__ = ["Candidate", "find_candidates"]

_PARTICIPLE = re.compile(r"\w+ing$")
_PREPOSED = re.compile(r"\b(?:according to|citing|quoting)\b", re.IGNORECASE)


@dataclass
class Candidate:
    """One attribution found in the text, before its speaker is resolved."""

    speaker_start: int
    speaker_end: int
    cue_start: int
    cue_end: int
    quote_start: int
    quote_end: int
    sentence: int
    cue: str = ""


_LOWER_WORD = re.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")


def _cues(text: str, sentence: Sentence, quotes: list[Quote]):
    """(start, end, lemma) of the cues of one sentence, outside quotation marks."""
    found = []
    for match in _LOWER_WORD.finditer(text, sentence.start, sentence.end):
        lemma = CUE_LEMMA.get(match.group())
        if lemma is not None and not _inside(match.start(), quotes):
            found.append((match.start(), match.end(), lemma))
    for match in _PREPOSED.finditer(text, sentence.start, sentence.end):
        if not _inside(match.start(), quotes):
            found.append((match.start(), match.end(), match.group().lower()))
    return sorted(found)


def _plausible(text: str, start: int, end: int, lemma: str, sentence: Sentence) -> bool:
    """Is this occurrence of a cue word a report of speech?"""
    after = text[end:sentence.end]
    before = text[sentence.start:start]
    next_word = re.match(r"\s*([\w']+)", after)
    next_word = next_word.group(1).lower() if next_word else ""
    prev_word = re.search(r"([\w']+)\W*$", before)
    prev_word = prev_word.group(1).lower() if prev_word else ""
    form = text[start:end].lower()
    if next_word in CUE_LEMMA and CUE_LEMMA[next_word] in {"say", "tell", "add"}:
        return False  # "news reports said": the noun, not the verb
    if prev_word in {"is", "was", "were", "are", "be", "been", "being"} and lemma != "tell":
        return False  # "is said to be", "was reported"
    if prev_word in {"the", "a", "an", "his", "her", "their", "its", "this", "that", "so", "to", "of"}:
        return False  # a noun ("the report", "a call") or "to say"
    if re.search(r"(?:'s|s')\s*$", before) and not re.search(
            r"\b(?:he|she|it|that|there|who|what|here)'s\s*$", before, re.IGNORECASE):
        return False  # "the judge's comments", "the CBO's estimates"
    if lemma == "accuse" and next_word == "of":
        return False  # "a man accused of shooting"
    if lemma == "add" and re.match(r"\s+(?:a|an|the|\d)", after) and not re.match(r"\s+that\b", after):
        return False  # "adds a tumultuous twist"
    if lemma == "call":
        if next_word not in {"for", "on", "it", "him", "her", "them", "the", "a", "an", "his",
                             "their", "this", "that"} and '"' not in after[:40]:
            return False
    if lemma == "agree" and not re.match(r"\s+(?:with\b[^.]{0,60}?\bthat|that)\b", after):
        return False
    if lemma in {"report", "note", "post", "estimate", "record", "comment", "question", "state"} and form in {
            "report", "note", "post", "state", "states", "comment", "question", "estimate"}:
        return False
    if lemma == "think" and prev_word in {"i", "we", "you"}:
        return False
    return True


def find_candidates(text: str, sentences: list[Sentence], quotes: list[Quote]) -> list[Candidate]:
    """Every attribution the rules find in ``text``, in reading order."""
    found: list[Candidate] = []
    for index, sentence in enumerate(sentences):
        in_sentence: list[Candidate] = []
        for start, end, lemma in _cues(text, sentence, quotes):
            if lemma in {"according to", "citing", "quoting"}:
                candidate = _preposed(text, sentence, index, start, end, quotes, in_sentence)
            elif _plausible(text, start, end, lemma, sentence):
                candidate = _verbal(text, sentence, index, start, end, lemma, quotes, in_sentence)
            else:
                candidate = None
            if candidate is not None:
                candidate.cue = text[start:end]
                in_sentence.append(candidate)
        found.extend(in_sentence)
    return _continue_quotes(text, sentences, quotes, found)


def _preposed(text, sentence, index, start, end, quotes, in_sentence):
    source = right_source_preposed(text, end, sentence.end)
    if source is None:
        return None
    if text[sentence.start:start].strip(" ,\"'") == "":
        content = _cut(text, source[1], sentence.end, quotes)
    elif in_sentence and text[start:end].lower() == "citing":
        previous = in_sentence[-1]
        content = (previous.quote_start, previous.quote_end)
    else:
        content = _content_before(text, sentence.start, start, quotes)
    if content is None:
        return None
    return Candidate(source[0], source[1], start, end, content[0], content[1], index)


_PARTICIPLES = frozenset("""
saying adding telling warning arguing insisting noting stressing claiming accusing urging
calling explaining describing suggesting acknowledging admitting denying asserting
declaring confirming insisting vowing pledging promising demanding blaming predicting
""".split())


def _verbal(text, sentence, index, start, end, lemma, quotes, in_sentence):
    form = text[start:end].lower()
    before = text[sentence.start:start].rstrip()
    progressive = re.search(r"(?:\b(?:is|are|was|were|been|be)|'s|'re)$", before)
    if _PARTICIPLE.search(form) and not progressive:
        if form not in _PARTICIPLES or not re.search(r"(?:,|\bwhile|\balso|\bbefore|\bafter|\bby)$", before):
            return None
        if in_sentence:
            source = (in_sentence[-1].speaker_start, in_sentence[-1].speaker_end)
        else:
            source = _subject(text, sentence, quotes, start)
        if source is None:
            return None
        content = _content_after(text, end, sentence.end, lemma, quotes)
        if content is None:
            return None
        return Candidate(*source, start, end, *content, index)
    if before and before[-1] in ",\"'?!" and lemma in SAY_LIKE:
        source = right_source(text, end, sentence.end)
        if source is not None:
            lo = in_sentence[-1].cue_end if in_sentence and in_sentence[-1].cue_end < start else sentence.start
            content = _content_before(text, lo, start, quotes)
            if content is not None:
                return Candidate(*source, start, end, *content, index)
    lo = sentence.start
    if in_sentence and in_sentence[-1].cue_end <= start:
        lo = in_sentence[-1].cue_end
    quote_before = [q for q in quotes if sentence.start <= q.end <= start]
    if quote_before and quote_before[-1].end > lo:
        lo = max(lo, quote_before[-1].end + 1)
    source = left_source(text, lo, start)
    if source is None:
        previous = text[lo:start].split()
        if previous and previous[-1].lower() in {"and", "but"}:
            source = _subject(text, sentence, quotes, start)
        if source is None:
            return None
    content = None
    if not _is_adverbial(text, end, sentence.end) or lemma in _WHOLE_AFTER:
        content = _content_after(text, end, sentence.end, lemma, quotes)
    if content is None:
        content = _content_before(text, _clause_start(text, sentence, quotes, in_sentence, source[0]),
                                  source[0], quotes)
    if content is None:
        return None
    return Candidate(*source, start, end, *content, index)


def _clause_start(text, sentence, quotes, in_sentence, source_start) -> int:
    """Where the content before a source starts: the sentence, after any earlier cue."""
    lo = sentence.start
    for candidate in in_sentence:
        if candidate.cue_end <= source_start and candidate.quote_end <= source_start:
            lo = max(lo, candidate.cue_end)
    return lo


def _continue_quotes(text: str, sentences: list[Sentence], quotes: list[Quote],
                     found: list[Candidate]) -> list[Candidate]:
    """Add quotes that go on without a new cue to the attribution before them."""
    by_sentence = {c.sentence for c in found}
    last: Candidate | None = None
    for index, sentence in enumerate(sentences):
        if index in by_sentence:
            last = [c for c in found if c.sentence == index][-1]
            continue
        body = text[sentence.start:sentence.end].strip()
        if last is None or not body.startswith('"'):
            last = None if not body.startswith('"') else last
            continue
        quote = _inside(sentence.start + 1, quotes)
        quoted_end = _strip_span(text, sentence.start, sentence.end)[1]
        whole = quote is not None and quote.end >= quoted_end - 1
        previous_is_quote = _inside(max(last.quote_end - 1, 0), quotes) is not None
        if whole and previous_is_quote and index - last.sentence <= 2:
            last.quote_end = max(last.quote_end, _strip_span(text, quote.start, quote.end)[1])
            last.sentence = index
        else:
            last = None
    return found
