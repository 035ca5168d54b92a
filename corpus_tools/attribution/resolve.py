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

from .lexicon import ANONYMOUS_NOUNS, DOCUMENT_NOUNS, ORG_NOUNS, PLACES, PRONOUNS, ROLE_NOUNS
from .names import Mention, find_mentions

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

    def __init__(self, text: str, sentence_starts: list[int], quotes, context: str = ""):
        self.text = text
        lowered = set(re.findall(r"\b[a-z]+\b", text))
        starts = set(sentence_starts)
        # A capitalised word that opens a sentence and is written in lower case elsewhere
        # ("Consumers who ...") is a common word, not a name.
        self.mentions = [m for m in find_mentions(text, [(q.start, q.end) for q in quotes])
                         if not (m.start in starts and " " not in m.name and m.name.lower() in lowered)]
        # Names in the title lend full forms to short ones ("Xi" -> "Xi Jinping"): people
        # of two words only, since a title-case headline capitalises every word.
        self.context = [m for m in (find_mentions(context) if context else [])
                        if m.kind == "person" and len(m.name.split()) == 2]
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
        """The fullest form of ``name`` that the article gave before (or soon after), or
        its title: "Peskov" -> "Dmitry Peskov", "Xi" -> "Xi Jinping", "Alibaba" ->
        "Alibaba Group"."""
        words = name.split()
        if len(words) != 1:
            return name
        key = words[0].lower()
        candidates = [m for m in self.mentions if m.start <= pos + 400] + self.context
        for match_last in (True, False):
            for mention in candidates:
                parts = mention.name.split()
                if mention.kind != kind or len(parts) < 2:
                    continue
                if (parts[-1].lower() == key) if match_last else (parts[0].lower() == key):
                    return mention.name
        return name

    def kind_of(self, mention: Mention) -> str:
        """A one-word name is an organisation when the article calls it one elsewhere
        ("state news agency Xinhua" ... "according to Xinhua")."""
        if mention.kind == "person" and " " not in mention.name:
            others = [m.kind for m in self.mentions if m.name == mention.name]
            if others.count("organisation") > others.count("person") - 1:
                return "organisation"
        return mention.kind

    def gender_of(self, name: str) -> str:
        for mention in self.mentions:
            if mention.gender and (mention.name == name or mention.name.split()[-1] == name.split()[-1]):
                return mention.gender
        for _, speaker, _, gender in self.resolved:
            if gender and speaker.name == name:
                return gender
        return ""


def _org_name(phrase: str) -> str:
    """An organisation named by its phrase: "the Israeli army" -> "Israeli army"."""
    name = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE)
    return re.split(r"\s+(?:in|at|on)\s+", name)[0]


def _named(phrase: str, article: _Article, pos: int) -> Speaker | None:
    """A source phrase holding a name: the name without titles, person or organisation."""
    mentions = [m for m in article.mentions if pos <= m.start < pos + len(phrase)]
    words = _words(phrase)
    if not mentions:
        return None
    head = _head(phrase)
    # The head mention: the one before any preposition's object ("Bryan Riley at the ...").
    cut = re.search(r"\s(?:at|from|for|with|of|in|on|familiar|close)\s", phrase)
    limit = pos + cut.start() if cut else pos + len(phrase)
    chosen = [m for m in mentions if m.start < limit]
    if not chosen:
        return None  # "The director of the ... Authority": a description
    mention = chosen[-1]
    tail = pos + len(phrase) - len(words[-1])  # where the phrase's last word starts
    single = mention.name.lower()
    if " " not in single and any(
            w in lexicon for w in (single, single.rstrip("s"))
            for lexicon in (ANONYMOUS_NOUNS, ROLE_NOUNS, ORG_NOUNS)):
        return None  # a common noun opening a sentence: "Experts say", "Police said"
    if head in DOCUMENT_NOUNS:
        return Speaker(phrase, article.canonical(mention.name, mention.kind, pos), "document")
    if head in ROLE_NOUNS and mention.end <= tail and words[0].lower() in {"the", "this", "that"}:
        return None  # "The Senate Majority leader": a description to resolve
    if head in ANONYMOUS_NOUNS and mention.end <= tail and head not in ORG_NOUNS:
        return Speaker(phrase, "", "anonymous")  # "US officials", "a Pentagon spokesman"
    if head in ORG_NOUNS and mention.end <= tail:
        # "Russia's TASS news agency" -> TASS; "Russia's foreign ministry" stays whole.
        if mention.kind == "organisation" and mention.name.lower() not in PLACES \
                and not mention.text.endswith(("'s", "\u2019s")):
            return Speaker(phrase, mention.name, "organisation")
        return Speaker(phrase, _org_name(phrase), "organisation")
    kind = article.kind_of(mention)
    return Speaker(phrase, article.canonical(mention.name, kind, pos), kind)


def _describe(phrase: str, article: _Article, pos: int) -> Speaker:
    """A source phrase without a name: description, anonymous source or document."""
    words = [w.lower() for w in _words(phrase)]
    head = _head(phrase)
    definite = words[0] in {"the", "this", "that", "these", "those"}
    if head in DOCUMENT_NOUNS:
        return Speaker(phrase, "", "document")
    if head in ORG_NOUNS and head not in ANONYMOUS_NOUNS:
        modifiers = [w for w in _words(phrase) if _base(w) != head and w.lower() not in {"the", "a", "an"}]
        if any(w[:1].isupper() for w in modifiers):
            return Speaker(phrase, _org_name(phrase), "organisation")  # "the Israeli army"
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
            if head not in _GENERIC_PERSON and head in ROLE_NOUNS and not {"of", "for", "at"} & set(words):
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
    if len(words) <= 6 and definite and not {"of", "for", "at", "in"} & set(words):
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

    def fits(name: str, kind: str, strict: bool = False) -> bool:
        if kind not in kinds or not name and kind != "anonymous":
            return False
        if want in {"male", "female"}:
            gender = article.gender_of(name)
            return gender == want if strict else (not gender or gender == want)
        return True

    windows = []
    for sentence in range(here, max(here - 6, -1), -1):
        lo = article.sentence_starts[sentence]
        hi = pos if sentence == here else article.sentence_starts[sentence + 1]
        windows.append((lo, hi))
    # The speaker of an attribution in this or the previous sentence goes first; then a
    # name of the right gender ("Mrs Clinton" for "she"); then the first name of the
    # nearest sentence that has one.
    for lo, hi in windows[:2]:
        recent = [s for p, s, _, _ in article.resolved if lo <= p < hi and fits(s.name, s.kind)]
        if recent:
            return Speaker(phrase, recent[-1].name, recent[-1].kind)
    if want in {"male", "female"}:
        for lo, hi in windows:
            recent = [s for p, s, _, _ in article.resolved if lo <= p < hi and fits(s.name, s.kind, True)]
            named = [m for m in article.mentions if lo <= m.start < hi and fits(m.name, m.kind, True)]
            if recent:
                return Speaker(phrase, recent[-1].name, recent[-1].kind)
            if named:
                return Speaker(phrase, article.canonical(named[0].name, named[0].kind, named[0].start), named[0].kind)
    for lo, hi in windows[:3]:
        recent = [s for p, s, _, _ in article.resolved if lo <= p < hi and fits(s.name, s.kind)]
        if recent:
            return Speaker(phrase, recent[-1].name, recent[-1].kind)
        named = [m for m in article.mentions if lo <= m.start < hi and fits(m.name, article.kind_of(m))]
        if named:
            first = named[0]
            kind = article.kind_of(first)
            return Speaker(phrase, article.canonical(first.name, kind, first.start), kind)
    return Speaker(phrase, "", "anonymous" if want == "plural" else "person" if want in {"male", "female"} else "organisation")


def resolve_speakers(text: str, spans: list[tuple[int, int]], sentence_starts: list[int],
                     quotes, context: str = "") -> list[Speaker]:
    """The speaker of each source span of one article, in reading order.

    ``context`` (the title and standfirst) only lends full names ("Xi" -> "Xi Jinping").
    """
    article = _Article(text, sentence_starts, quotes, context)
    out = []
    for start, end in spans:
        phrase = text[start:end]
        lower = phrase.lower()
        if lower in PRONOUNS:
            speaker = _pronoun(phrase, article, start)
        else:
            speaker = _named(phrase, article, start) or _describe(phrase, article, start)
        roles = {w.lower().strip(".,") for w in _words(phrase)} & ROLE_NOUNS
        roles |= {r for m in article.mentions if m.name == speaker.name for r in m.role}
        gender = {"he": "male", "she": "female"}.get(lower, "")
        article.resolved.append((start, speaker, roles, gender))
        out.append(speaker)
    return out
