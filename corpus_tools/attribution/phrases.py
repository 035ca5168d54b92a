"""Source phrases: the noun phrase next to a cue that says who speaks.

Before the cue (``Craig said``, ``a source at the dam told``, ``Ilham Aliyev, the
president of Azerbaijan, said``), after it (``"...," said Mr. Lavrov``, ``according to
state news agency Xinhua``), or the subject of the sentence (``Francis ..., saying``).
A phrase is read off the tokens between boundaries (punctuation, conjunctions, another
cue, a determiner that opens it) and kept when its head can be a source: a name, a
pronoun or a source noun of the lexicon, with no verb inside.
"""
from __future__ import annotations

import re

from .lexicon import ANONYMOUS_NOUNS, DOCUMENT_NOUNS, ORG_NOUNS, PRONOUNS, ROLE_NOUNS
from .text import Quote, Sentence

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

def _strip_span(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Trim spaces, punctuation and quotation marks at both ends; "that" at the start."""
    while lo < hi and (text[lo].isspace() or text[lo] in ",;:-\u2014\u2013\"'"):
        lo += 1
    if text[lo:lo + 5].lower() == "that " :
        lo += 5
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ".,;:-\u2014\u2013\"'"):
        hi -= 1
    return lo, hi


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
