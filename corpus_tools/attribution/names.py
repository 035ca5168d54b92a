"""Names in a news text: where they are, what they are, and their short forms.

A name is a run of capitalised words ("Sergei Lavrov", "Syrian Observatory for Human
Rights", "H.R. McMaster", "U.N.") joined by the particles names use inside ("of",
"for", "de", "al", "bin" ...). Titles and roles in front of a person's name are cut off
("Kremlin spokesman Dmitry Peskov" -> "Dmitry Peskov", "US Secretary of State Marco
Rubio" -> "Marco Rubio") but kept as the mention's role, which later resolves "the
spokesman" to Peskov. A name is an organisation when it holds an organisation word
("Ministry", "Post", "Group"), is an acronym ("SDF", "U.N.") or a country or capital
("Beijing says"); otherwise a person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import FEMALE_WORDS, MALE_WORDS, ORG_NOUNS, ORG_WORDS, PERSON_TITLES, PLACES, ROLE_NOUNS

__all__ = ["Mention", "find_mentions", "split_title", "name_kind", "surname", "CAPITALISED"]

_WORD = r"[A-Z][a-z]+\.(?:com|org|net)|(?:Mc|Mac|O')?[A-Z][a-z\u00e0-\u024f]*(?:[A-Z][a-z\u00e0-\u024f]+)*(?:-[A-Za-z][a-z\u00e0-\u024f]*)*\.?"
_ACRONYM = r"(?:[A-Z]\.){1,4}(?![a-z])|[A-Z]{2,6}s?(?![a-z])"
_PART = rf"(?:{_ACRONYM}|{_WORD})(?:'s)?"
_PARTICLE = r"(?:of|for|de|del|della|da|dos|du|al|el|bin|ibn|van|von|der|den|la|le|y)"
_PARTICLE_RE = re.compile(_PARTICLE)
_ACRONYM_RE = re.compile(_ACRONYM)
#: A run of capitalised words, with name particles inside.
CAPITALISED = re.compile(rf"(?<![\w'])(?:{_PART})(?:[ \u00a0](?:{_PARTICLE}[ \u00a0](?:the[ \u00a0])?)?(?:{_PART}))*")

#: Capitalised words that open sentences or clauses but name nothing.
_FUNCTION = frozenset("""
the a an this that these those there then their they them he she it its his her we our
i you your but and or so if as at in on of for from with by to into after before while
when where which who whom whose what why how though although because since until unless
also meanwhile however still yet now here earlier later last next first most more many
much some several other others another each every no not nor all both either neither
according during despite under over between among against about above below without
within toward towards through across around near beyond like unlike just only even such
mr mrs ms dr sir monday tuesday wednesday thursday friday saturday sunday january february
march april may june july august september october november december today yesterday
tomorrow tonight speaking asked told said says read more advertisement photo image file
former ex again instead indeed already perhaps finally overall thus hence besides moreover
furthermore nevertheless nonetheless otherwise later soon recently currently
""".split())
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ean|ese|ish|ic)|(?:" + "|".join(w.capitalize() for w in """
israeli pakistani iraqi saudi yemeni kuwaiti qatari omani emirati bangladeshi somali nepali
azerbaijani kazakhstani bahraini bengali thai american african mexican cuban german korean
european moroccan dominican kenyan ugandan rwandan tibetan afghan republican puerto filipino
""".split()) + ")")
_MONTHS_DAYS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april
june july august september october november december
""".split())


@dataclass
class Mention:
    """One name in the text: ``name`` without titles, ``kind`` person / organisation."""

    start: int
    end: int
    text: str  # as written, titles included
    name: str
    kind: str
    role: set = field(default_factory=set)  # role words before or inside ("spokesman")
    gender: str = ""


def _clean(token: str) -> str:
    return token.lower().rstrip(".").removesuffix("'s")


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """Split ``["US", "Navy", "Capt.", "Jeff", "Davis"]`` into title and name words.

    Everything up to the last title or role word is title; a remainder that still
    starts with a particle ("of State Marco Rubio") keeps its last two or three words.
    """
    last_role = -1
    for i, word in enumerate(words[:-1]):
        if _clean(word) in ROLE_NOUNS or _clean(word) in PERSON_TITLES:
            last_role = i
    title, name = words[:last_role + 1], words[last_role + 1:]
    if name and re.fullmatch(_PARTICLE, name[0]):
        keep = 3 if len(name) >= 4 and (len(name[-2]) <= 2 or name[-2].endswith(".")) else 2
        title, name = title + name[:-keep], name[-keep:]
    return title, name


def name_kind(words: list[str]) -> str:
    """"organisation" or "person" for a name without its title."""
    cleaned = [_clean(w) for w in words]
    if any(w in ORG_WORDS or w in ORG_NOUNS for w in cleaned):
        return "organisation"
    if len(words) == 1 and (cleaned[0] in PLACES or re.fullmatch(_ACRONYM, words[0])):
        return "organisation"
    if all(re.fullmatch(_ACRONYM, w) or w.lower() in PLACES for w in words):
        return "organisation"
    return "person"


def surname(name: str) -> str:
    """The word a name is matched by: its last word, without suffixes.

    Examples
    --------
    >>> surname("Martin Luther King Jr."), surname("Ministry of Foreign Affairs")
    ('king', 'affairs')
    """
    words = [w for w in re.split(r"[\s\u00a0]+", name.strip()) if w]
    while len(words) > 1 and words[-1].lower().rstrip(".,") in {"jr", "sr", "ii", "iii", "iv"}:
        words.pop()
    return words[-1].lower().strip(".,'\"").removesuffix("'s") if words else ""


def _pieces(run: str) -> list[str]:
    """Cut a run of capitalised words where a name ends inside it: after a full stop
    that ends a sentence ("Fisher. Hundreds"), and after a possessive ("Al Jazeera's |
    Alan Fisher")."""
    pieces, current = [], []
    for word in run.split(" "):
        current.append(word)
        bare = word.rstrip(".")
        sentence_end = (word.endswith(".") and len(bare) > 1 and "." not in bare
                        and not bare.isupper() and bare.lower() not in PERSON_TITLES)
        if sentence_end or word.endswith(("'s", "\u2019s")):
            pieces.append(" ".join(current))
            current = []
    if current:
        pieces.append(" ".join(current))
    return pieces


def find_mentions(text: str, hidden: list[tuple[int, int]] = ()) -> list[Mention]:
    """The names of ``text`` in order, skipping the spans in ``hidden`` (quotations).

    Examples
    --------
    >>> [(m.name, m.kind, sorted(m.role)) for m in find_mentions("Kremlin spokesman Dmitry Peskov said.")]
    [('Kremlin', 'organisation', []), ('Dmitry Peskov', 'person', ['spokesman'])]
    """
    mentions = []
    for match in CAPITALISED.finditer(text):
        if any(a <= match.start() < b for a, b in hidden):
            continue
        # "Al Jazeera's Alan Fisher": the possessor and the name are two mentions.
        start = match.start()
        for part in _pieces(match.group()):
            _add_mention(text, start, part, mentions)
            start += len(part) + 1
    return mentions


@lru_cache(maxsize=100_000)
def _parse_run(run: str) -> tuple[int, int, tuple, str, str] | None:
    """What a run of capitalised words is, on its own (cached: names repeat).

    Returns the characters cut at its start, its length, its title words, its name and
    its kind; None when it names nothing ("The", "Monday").
    """
    words = run.split()
    cut = 0
    # Leading function words ("The", "But", "In") are not part of the name.
    while words and (_clean(words[0]) in _FUNCTION or _PARTICLE_RE.fullmatch(words[0])):
        cut += len(words[0]) + 1
        words = words[1:]
    while words and (_clean(words[-1]) in _FUNCTION or _PARTICLE_RE.fullmatch(words[-1])):
        words = words[:-1]
    if not words or all(_clean(w) in _MONTHS_DAYS for w in words):
        return None
    title, name = split_title(words)
    if not name:
        return None
    name = name[:-1] + [name[-1].removesuffix("'s")]
    joined = " ".join(name)
    if not _ACRONYM_RE.fullmatch(name[-1]):
        joined = joined.rstrip(".")
    return cut, len(" ".join(words)), tuple(title), joined, name_kind(name)


def _add_mention(text: str, start: int, run: str, mentions: list[Mention]) -> None:
    parsed = _parse_run(run)
    if parsed is None:
        return
    cut, length, title, name, kind = parsed
    start += cut
    end = start + length
    if " " not in text[start:end] and text[end:end + 1] == " " and text[end + 1:end + 2].islower() and (
            _DEMONYM.fullmatch(text[start:end]) or "-" in text[start:end]):
        return  # an adjective: "Israeli daily", "Google-owned firm"
    before = text[max(0, start - 40):start].lower().split()[-3:]
    role = {_clean(w) for w in (*title, *before) if _clean(w) in ROLE_NOUNS}
    if kind == "person" and before and _clean(before[-1]) in ORG_NOUNS:
        kind = "organisation"  # "cybersecurity firm Mandiant", "state broadcaster CCTV"
    context = {_clean(w) for w in (*title, *before[-2:])}
    gender = "female" if context & FEMALE_WORDS else "male" if context & MALE_WORDS else ""
    mentions.append(Mention(start, end, text[start:end], name, kind, role, gender))
