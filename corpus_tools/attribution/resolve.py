"""Who a source phrase is: a named person or organisation, an anonymous source, a document.

Inside one article:

* a name is cut from its title ("Kremlin spokesman Dmitry Peskov" -> "Dmitry Peskov")
  and a surname or short name ("Peskov", "Alibaba") is linked to the full name the
  article gave before ("Dmitry Peskov", "Alibaba Group");
* a pronoun ("he", "she", "it", "they") is resolved to the nearest compatible name:
  the speaker of a recent attribution, else the first person (or organisation) named
  in the same or the previous sentences, with "she" never going to a man;
* a description ("the spokesman", "the ministry", "the newspaper") goes to the nearest
  named speaker with the same role or head word ("Kremlin spokesman Dmitry Peskov",
  "Russia's foreign ministry"), else to the last named speaker of its kind; an
  indefinite one ("a spokeswoman said") goes to a person named with that role in the
  next sentences, and stays anonymous otherwise;
* "officials", "a source familiar with", "experts" are anonymous; "a statement",
  "court documents", "Lee's proposal" are documents, whose speaker is the author named
  in them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import ANONYMOUS_NOUNS, DOCUMENT_NOUNS, ORG_NOUNS, PRONOUNS, ROLE_NOUNS
from .names import Mention, find_mentions, name_kind, split_title

__all__ = ["Speaker", "resolve_speakers"]

_GENERIC_PERSON = frozenset("official source person woman man people friend relative resident witness".split())


@dataclass
class Speaker:
    text: str
    name: str
    kind: str  # person / organisation / anonymous / document


def _words(phrase: str) -> list[str]:
    return phrase.replace("\u00a0", " ").split()


def _base(word: str) -> str:
    word = word.lower().strip(".,'\"").removesuffix("'s")
    return word[:-1] if word.endswith("s") and word[:-1] in (ANONYMOUS_NOUNS | ORG_NOUNS | DOCUMENT_NOUNS | ROLE_NOUNS) else word


def _head(phrase: str) -> str:
    """The head noun: the last word before a preposition ("lawyers for families")."""
    words = _words(phrase)
    for k, word in enumerate(words):
        if k and word in {"for", "at", "from", "with", "of", "in", "on", "close", "familiar"} and not (
                k + 1 < len(words) and words[k - 1][:1].isupper() and words[k + 1][:1].isupper()):
            return _base(words[k - 1])
    return _base(words[-1]) if words else ""


class _Article:
    """What resolution needs of one article: its names and the speakers so far."""

    def __init__(self, text: str, sentence_starts: list[int], quotes):
        self.text = text
        self.mentions = find_mentions(text, [(q.start, q.end) for q in quotes])
        self.sentence_starts = sentence_starts
        self.full_names: dict[str, str] = {}  # last word / first word -> full name
        self.resolved: list[tuple[int, Speaker, set, str]] = []  # (position, speaker, roles, gender)

    def sentence_of(self, pos: int) -> int:
        lo, hi = 0, len(self.sentence_starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.sentence_starts[mid] <= pos:
                lo = mid + 1
            else:
                hi = mid
        return lo - 1

    def canonical(self, name: str, kind: str, pos: int) -> str:
        """The fullest form of ``name`` that the article gave before (or soon after)."""
        words = name.split()
        key = words[-1].lower()
        if len(words) == 1:
            for mention in self.mentions:
                if mention.kind != kind or mention.start > pos + 400:
                    continue
                parts = mention.name.split()
                if len(parts) > 1 and (parts[-1].lower() == key or (kind == "organisation" and parts[0].lower() == key)):
                    return mention.name
        return name

    def gender_of(self, name: str) -> str:
        for mention in self.mentions:
            if mention.gender and (mention.name == name or mention.name.split()[-1] == name.split()[-1]):
                return mention.gender
        for _, speaker, _, gender in self.resolved:
            if gender and speaker.name == name:
                return gender
        return ""


def _named(phrase: str, article: _Article, pos: int) -> Speaker | None:
    """A source phrase holding a name: the name without titles, person or organisation."""
    mentions = [m for m in article.mentions if pos <= m.start < pos + len(phrase)]
    if not mentions:
        return None
    head = _head(phrase)
    # The head mention: the one before any preposition's object ("Bryan Riley at the ...").
    cut = re.search(r"\s(?:at|from|for|with|of|in|on|familiar)\s", phrase)
    limit = pos + cut.start() if cut else pos + len(phrase)
    chosen = [m for m in mentions if m.start < limit] or mentions
    mention = chosen[-1]
    words = _words(phrase)
    if head in DOCUMENT_NOUNS:
        return Speaker(phrase, article.canonical(mention.name, mention.kind, pos), "document")
    kind = mention.kind
    if head in ORG_NOUNS and mention.end <= pos + len(phrase) - len(words[-1]) and kind != "person":
        kind = "organisation"
    if kind == "person" and head in ORG_NOUNS and not mention.role:
        # "Russia's foreign ministry", "Syria's army high command": the phrase is the name.
        name = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE)
        return Speaker(phrase, name, "organisation")
    if head in ANONYMOUS_NOUNS and head not in ROLE_NOUNS and mention.end < pos + len(phrase) - len(words[-1]):
        return Speaker(phrase, "", "anonymous")  # "US officials", "Pentagon officials"
    if head in ORG_NOUNS and mention.end < pos + len(phrase) - len(words[-1]):
        name = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE)
        return Speaker(phrase, name, "organisation")  # "the Israeli army"
    return Speaker(phrase, article.canonical(mention.name, kind, pos), kind)


def _describe(phrase: str, article: _Article, pos: int) -> Speaker:
    """A source phrase without a name: description, anonymous source or document."""
    words = [w.lower() for w in _words(phrase)]
    head = _head(phrase)
    definite = words[0] in {"the", "this", "that", "these", "those"}
    if head in DOCUMENT_NOUNS:
        return Speaker(phrase, "", "document")
    if head in ORG_NOUNS and head not in ANONYMOUS_NOUNS:
        if definite:
            for _, speaker, roles, _ in reversed(article.resolved):
                if speaker.kind == "organisation" and speaker.name and (
                        head in speaker.text.lower() or head in speaker.name.lower()):
                    return Speaker(phrase, speaker.name, "organisation")
            for mention in reversed([m for m in article.mentions if m.start < pos]):
                if mention.kind == "organisation" and head in mention.name.lower():
                    return Speaker(phrase, mention.name, "organisation")
            if head not in {"police", "government", "military", "army", "court", "authorities"}:
                for _, speaker, _, _ in reversed(article.resolved):
                    if speaker.kind == "organisation" and speaker.name:
                        return Speaker(phrase, speaker.name, "organisation")
        return Speaker(phrase, "", "organisation")
    if head in ROLE_NOUNS or head in ANONYMOUS_NOUNS:
        if definite and len(words) <= 6:
            for _, speaker, roles, _ in reversed(article.resolved[-6:]):
                if head in roles or head in speaker.text.lower():
                    return Speaker(phrase, speaker.name, speaker.kind)
            for mention in reversed([m for m in article.mentions if m.start < pos]):
                if mention.kind == "person" and head in mention.role:
                    return Speaker(phrase, mention.name, "person")
            if head not in _GENERIC_PERSON and head in ROLE_NOUNS:
                for _, speaker, _, _ in reversed(article.resolved[-4:]):
                    if speaker.kind == "person" and speaker.name:
                        return Speaker(phrase, speaker.name, "person")
        if words[0] in {"a", "an"} and head in ROLE_NOUNS and head not in _GENERIC_PERSON:
            here = article.sentence_of(pos)
            for mention in article.mentions:
                if mention.start > pos and mention.kind == "person" and head in mention.role \
                        and article.sentence_of(mention.start) - here <= 3:
                    return Speaker(phrase, mention.name, "person")
        return Speaker(phrase, "", "anonymous")
    if len(words) <= 6 and definite:
        # "the billionaire entrepreneur and inventor": the last person who spoke.
        for _, speaker, _, _ in reversed(article.resolved[-3:]):
            if speaker.kind == "person" and speaker.name:
                return Speaker(phrase, speaker.name, "person")
    return Speaker(phrase, "", "anonymous")


def _pronoun(phrase: str, article: _Article, pos: int) -> Speaker:
    want = PRONOUNS[phrase.lower()]
    kinds = {"male": {"person"}, "female": {"person"}, "thing": {"organisation", "document"},
             "plural": {"organisation", "anonymous"}}.get(want, {"person"})
    here = article.sentence_of(pos)

    def fits(name: str, kind: str) -> bool:
        if kind not in kinds or not name and kind != "anonymous":
            return False
        if want in {"male", "female"}:
            gender = article.gender_of(name)
            return not gender or gender == want
        return True

    # The nearest earlier mention in this sentence or the previous ones, subjects first.
    for sentence in range(here, max(here - 3, -1), -1):
        lo = article.sentence_starts[sentence]
        hi = pos if sentence == here else article.sentence_starts[sentence + 1]
        recent = [(p, s) for p, s, _, _ in article.resolved if lo <= p < hi and fits(s.name, s.kind)]
        if recent:
            return Speaker(phrase, recent[-1][1].name, recent[-1][1].kind)
        named = [m for m in article.mentions if lo <= m.start < hi and fits(m.name, m.kind)]
        if named:
            first = named[0]
            return Speaker(phrase, article.canonical(first.name, first.kind, first.start), first.kind)
    return Speaker(phrase, "", "anonymous" if want == "plural" else "person" if want in {"male", "female"} else "organisation")


def resolve_speakers(text: str, spans: list[tuple[int, int]], sentence_starts: list[int],
                     quotes) -> list[Speaker]:
    """The speaker of each source span of one article, in reading order."""
    article = _Article(text, sentence_starts, quotes)
    out = []
    for start, end in spans:
        phrase = text[start:end]
        lower = phrase.lower()
        if lower in PRONOUNS:
            speaker = _pronoun(phrase, article, start)
        else:
            speaker = _named(phrase, article, start) or _describe(phrase, article, start)
        roles = {w.lower().strip(".,") for w in _words(phrase)} & ROLE_NOUNS
        gender = PRONOUNS.get(lower, "") if lower in {"he", "she"} else ""
        gender = {"he": "male", "she": "female"}.get(lower, "")
        article.resolved.append((start, speaker, roles, gender))
        out.append(speaker)
    return out
