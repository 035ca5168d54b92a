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

from .lexicon import (ANONYMOUS_NOUNS, CUE_LEMMA, DOCUMENT_NOUNS, ORG_NOUNS, PRONOUNS,
                      ROLE_NOUNS, SAY_LIKE)
from .text import Quote, Sentence

__all__ = ["Candidate", "find_candidates"]

_TOKEN = re.compile(r"[A-Za-z0-9\u00c0-\u024f$%][\w'\u2019\-&.%$]*|[,;:()\"\u2014\u2013]|(?<= )-(?= )|\S")
_BOUNDARY_WORDS = frozenset("""
that but and or while as because when after before although though since so which who
whom where if unless whereas than then meaning what how why whether until once though
instead
""".split())
_SKIP_BEFORE_CUE = frozenset("""
has have had is was were will would also earlier later previously repeatedly recently then
once publicly privately reportedly quickly already further still even again both not
never did does do had often just initially first later subsequently separately last
""".split())
_DAYS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
""".split())
_PREPOSITIONS = frozenset("""
on in at to during after before of about from via with while when by for over through
under amid into across afterward afterwards later earlier this last on
""".split())
_TIME_WORDS = _DAYS | frozenset("""
week weeks month months year years morning afternoon evening night day days hour hours
minute minutes earlier later recently ago now again also afterward afterwards jan feb
""".split())
_DETERMINERS = frozenset("the a an this that these those his her its their our one two three".split())
_OBJECT_WORDS = frozenset("""
him her them us me reporters journalists lawmakers legislators senators colleagues
supporters members parliament congress investigators police viewers listeners audience
crowd delegates students residents voters
""".split())
#: Cues that need an object before what was said ("told reporters that ...").
_TELL_LIKE = frozenset("tell inform assure advise".split())
#: Cues whose content is everything after them, object included ("urged X to ...").
_WHOLE_AFTER = frozenset("urge ask demand accuse blame call describe question criticise criticize condemn recommend".split())
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
    inherited: bool = False  # speaker taken from the sentence's subject or another cue


def _tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, lo, hi)]


def _inside(pos: int, quotes: list[Quote]) -> Quote | None:
    for quote in quotes:
        if quote.start <= pos < quote.end:
            return quote
    return None


def _word(token: str) -> str:
    return token.lower().rstrip(".").removesuffix("'s").removesuffix("\u2019s")


def _noun_like(token: str) -> bool:
    """Can a source phrase end with this word?"""
    word = _word(token)
    if token[:1].isupper() or word in PRONOUNS:
        return True
    base = word[:-1] if word.endswith("s") else word
    return any(w in lexicon for w in (word, base) for lexicon in
               (ROLE_NOUNS, ANONYMOUS_NOUNS, ORG_NOUNS, DOCUMENT_NOUNS))


def _trim_np(tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop leading time phrases and prepositions ("On Saturday Ilham Aliyev")."""
    while tokens and (_word(tokens[0][2]) in _PREPOSITIONS | _TIME_WORDS
                      or tokens[0][2] in {"-", "\u2014", "\u2013"}):
        tokens = tokens[1:]
    return tokens


_AUXILIARIES = frozenset("""
has have had is was were are be been being will would could should can may might must
did does do
""".split())
_OPENERS = frozenset("""
meanwhile but and so however still yet also instead now then later earlier separately
""".split())
_PUNCTUATION = {",", ";", ":", "(", ")", '"', "\u2014", "\u2013", "-"}


def _is_boundary(token: str) -> bool:
    if token in _PUNCTUATION or (len(token) == 1 and not token.isalnum() and token not in ".'&"):
        return True
    if "/" in token or "@" in token or token.lower().startswith("http"):
        return True
    return token[:1].islower() and token.lower() in _BOUNDARY_WORDS


def _head_ok(phrase: list[tuple[int, int, str]]) -> bool:
    """Is this a noun phrase a source can be: a name, a pronoun or a source noun, and
    no verb inside ("A DNA match has linked a man")?"""
    words = [_word(t[2]) for t in phrase]
    if any(w in _AUXILIARIES for w in words):
        return False
    if _noun_like(phrase[-1][2]):
        return True
    for k, word in enumerate(words):  # "a source at the dam": the head before the preposition
        if k and word in _PREPOSITIONS:
            return _noun_like(phrase[k - 1][2])
    return False


def left_source(text: str, lo: int, cue_start: int) -> tuple[int, int] | None:
    """The source phrase ending right before a cue, or None.

    ``lo`` is where the sentence (or the part of it after a quote) starts.
    """
    tokens = _tokens(text, lo, cue_start)
    while tokens and (_word(tokens[-1][2]) in _SKIP_BEFORE_CUE | _DAYS
                      or (tokens[-1][2].islower() and tokens[-1][2].endswith("ly"))):
        tokens = tokens[:-1]
    if tokens and _word(tokens[-1][2]) == "on":
        tokens = tokens[:-1]
    phrase: list[tuple[int, int, str]] = []
    k = len(tokens) - 1
    while k >= 0:
        token = tokens[k][2]
        if phrase and _word(phrase[0][2]) in {"the", "a", "an"} and not (
                _word(token) in _PREPOSITIONS or token.endswith("'s")):
            break  # a determiner opens the phrase: "... programme the judge told"
        if token in {"said", "told", "says", "tells", "added", "asked", "wrote"}:
            break  # another cue: "Miss Clark told the programme the judge told ..."
        if _is_boundary(token):
            # "Officials in West Bengal and Bangladesh": names joined by "and".
            if token == "and" and phrase and phrase[0][2][:1].isupper() and len(phrase) <= 2 \
                    and k > 0 and tokens[k - 1][2][:1].isupper():
                phrase.insert(0, tokens[k])
                k -= 1
                continue
            break
        phrase.insert(0, tokens[k])
        k -= 1
    if not phrase and k >= 1 and tokens[k][2] == ",":
        # Appositions between commas: "Bruce Plant, a rifle range club secretary in
        # Oamaru, south of Christchurch, said": the source is the first chunk that names.
        commas = [j for j in range(k, -1, -1) if tokens[j][2] == ","][:4]
        for j in reversed(commas[1:]):
            found = left_source(text, lo, tokens[j][0])
            if found and (text[found[0]:found[1]][:1].isupper() or _word(text[found[0]:found[1]]) in PRONOUNS):
                return found
        return None
    phrase = _trim_np(phrase)
    while phrase and _word(phrase[0][2]) in _OPENERS:
        phrase = phrase[1:]
    if not phrase or len(phrase) > 16 or not _head_ok(phrase):
        return None
    if _word(phrase[-1][2]) in {"i", "we", "you"}:
        return None
    last = phrase[-1]
    if re.fullmatch(r"(?:he|she|it|they)(?:'s|'re|'ve|'d)", last[2].lower()):
        return phrase[0][0], last[1] - (3 if last[2].lower().endswith("re") or last[2].lower().endswith("ve") else 2)
    return phrase[0][0], last[1]


def right_source(text: str, start: int, hi: int) -> tuple[int, int] | None:
    """The source phrase right after an inverted cue (``said Jeremy Chan, a ...``).

    It must end the sentence or be followed by a comma or by place and time
    (``said United in a statement``), so that ``said he wanted ...`` is not inverted.
    """
    tokens = _tokens(text, start, hi)
    phrase = []
    rest = len(tokens)
    for k, (begin, end, token) in enumerate(tokens):
        if _is_boundary(token) or token in {".", "!", "?"} or (token[:1].islower() and _word(token) in
                                               _PREPOSITIONS - {"of", "for"} | {"told", "said", "says"}):
            rest = k
            break
        phrase.append((begin, end, token))
    if not phrase or len(phrase) > 8:
        return None
    if rest < len(tokens) and not (tokens[rest][2] in {",", ".", "!", "?", ";", "(", "-", "\u2014"}
                                   or _word(tokens[rest][2]) in _PREPOSITIONS):
        return None
    last = phrase[-1]
    end = last[1]
    if last[2].endswith(".") and not re.fullmatch(r"(?:[A-Za-z]\.)+", last[2]) \
            and _word(last[2]) not in {"jr", "sr"}:
        end -= 1
    if not _head_ok(phrase) or not any(t[2][:1].isupper() or _word(t[2]) in _DETERMINERS
                                       or _word(t[2]) in PRONOUNS for t in phrase):
        return None
    return phrase[0][0], end


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


def _strip_span(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Trim spaces, punctuation and quotation marks at both ends; "that" at the start."""
    while lo < hi and (text[lo].isspace() or text[lo] in ",;:-\u2014\u2013\"'"):
        lo += 1
    if text[lo:lo + 5].lower() == "that " :
        lo += 5
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ".,;:-\u2014\u2013\"'"):
        hi -= 1
    return lo, hi


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


_CLAUSE_OPENERS = frozenset("""
as speaking meeting asked despite following reached with although though when while since
if in but so yet however after before during on at last earlier later for by under amid
""".split())


def _subject(text: str, sentence: Sentence, quotes: list[Quote], upto: int) -> tuple[int, int] | None:
    """The first noun phrase of the sentence: who does what a participle cue reports."""
    lo = sentence.start
    tokens = _tokens(text, lo, upto)
    # Skip an opening clause: "Meeting Sergei Lavrov in Beijing, Xi said ...".
    if tokens and (_word(tokens[0][2]) in _CLAUSE_OPENERS | _TIME_WORDS
                   or tokens[0][2].lower().endswith("ing")):
        commas = [t for t in tokens if t[2] == ","]
        if not commas:
            return None
        tokens = _tokens(text, commas[0][1], upto)
    phrase: list[tuple[int, int, str]] = []
    has_noun = False
    for begin, end, token in tokens[:10]:
        word = _word(token)
        if _is_boundary(token) or word in _AUXILIARIES:
            break
        noun = _noun_like(token) and word not in _DETERMINERS
        if token[:1].islower() and has_noun and not noun:
            break
        phrase.append((begin, end, token))
        has_noun = has_noun or noun
        if word in PRONOUNS:
            break
    phrase = _trim_np(phrase)
    while phrase and not _noun_like(phrase[-1][2]):
        phrase = phrase[:-1]
    if not phrase or not has_noun or _inside(phrase[0][0], quotes):
        return None
    if _word(phrase[-1][2]) in {"i", "we", "you"}:
        return None  # the author or a speech's speaker, not a source
    return phrase[0][0], phrase[-1][1]


# Words looked up in a dict: 6x faster than one alternation of every cue form.
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


def right_source_preposed(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The source after "according to" / "citing": up to the comma or the end."""
    match = re.compile(r"[^,;:()\"]+").match(text, lo, hi)
    if not match:
        return None
    span = _strip_span(text, match.start(), match.end())
    words = text[span[0]:span[1]].split()
    if not words or len(words) > 14:
        return None
    for stop in (" who ", " which ", " that ", " as "):
        cut = text.find(stop, span[0], span[1])
        if cut > 0:
            span = (span[0], cut)
    return span


#: Participles that report what the sentence's subject said (", saying ...").
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
        return Candidate(*source, start, end, *content, index, inherited=True)
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
    inherited = False
    if source is None:
        previous = text[lo:start].split()
        if previous and previous[-1].lower() in {"and", "but"}:
            source = _subject(text, sentence, quotes, start)
            inherited = True
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
    return Candidate(*source, start, end, *content, index, inherited=inherited)


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
