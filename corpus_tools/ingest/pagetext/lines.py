"""What each line of a page dump is: text, page chrome, a date, an outlet, a list header.

The classification uses features of the line (length, sentence punctuation, share of
stop words and of interface words) rather than a list of known boilerplate strings,
so that it carries over to sites it has never seen. Template lines that the features
miss are caught by repetition across the dumps of one site (see ``template.py``).
"""
from __future__ import annotations

import re
from enum import Enum

from ..metadata import AFP_SLUG, READ_TIME, is_date_line, standalone_dateline


class Kind(str, Enum):
    """The kinds of line in a page dump."""

    BLANK = "blank"
    TEXT = "text"  # a sentence, a paragraph, a title or a subheading
    CHROME = "chrome"  # the site's interface: buttons, prompts, subscription pitches
    DATE = "date"
    READ_TIME = "read_time"
    OUTLET = "outlet"  # a known outlet's name, alone or as "- The Star"
    LIST_HEADER = "list_header"  # "Related Articles", "MORE STORIES FROM ..."
    DATELINE = "dateline"  # a line that is only "BEIJING -"
    SEPARATOR = "separator"  # "-", "|", "***"
    SLUG = "slug"  # wire desk slug such as "bur-pfc/oho/rsc"
    EDITION = "edition"  # "This story is from the July 16, 2025 edition of The Straits Times."
    BYLINE = "byline"  # "By Jane Doe"


# Words of a site's interface rather than of news prose. Lines made mostly of them
# are chrome; a sentence that only mentions one ("the app store") is not.
INTERFACE_WORDS = frozenset(
    """
    subscribe subscriber subscribers subscription subscriptions sign login logout log register
    listen translate font size share shares comment comments hashtags hashtag tags features
    gold free premium newsletter newsletters follow download app apps advertisement advertising
    ad ads cookie cookies privacy terms print email e-mail whatsapp facebook twitter telegram
    linkedin instagram youtube copy link links menu search home close skip accept continue
    reading try explore ai magazines magazine access curated unlock account save bookmark
    notifications notification click tap here more load view watch video audio play replay
    gift trial offer plans upgrade already member members join navigation toggle settings
    """.split()
)
CALL_TO_ACTION = frozenset(
    "subscribe sign log register download follow share click tap join try explore listen "
    "watch get unlock upgrade read continue change view load".split()
)
# Headers that open a list of other stories.
_LIST_HEADER = re.compile(
    r"^(?:related(?: articles| stories| news| content)?|more stories(?: from .+)?|more from .+"
    r"|recommended(?: for you| stories)?|you may also like|you might also like|also read"
    r"|read (?:more|next|also)|most (?:read|popular|viewed)|trending(?: now)?|latest(?: news| stories)?"
    r"|top stories|popular(?: stories)?|in case you missed it|editor'?s picks)\s*:?$",
    re.I,
)
_MORE_FROM = re.compile(r"^more (?:stories )?from (.+?)\s*:?$", re.I)
_SEPARATOR = re.compile(r"^[-\u2014|*•·=_~]{1,5}$")
_EDITION = re.compile(
    r"^(?:this|the) (?:story|article) (?:is from|appeared in|was first published in|first appeared in)"
    r"(?P<rest>.*)$",
    re.I,
)
_BYLINE = re.compile(r"^by [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,4}(?: and [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3})?$", re.I)
_WORD = re.compile(r"[\w'+.,-]+", re.U)
# A line of at least 13 words of _WORD (possessive: each word taken whole, as findall does).
_THIRTEEN_WORDS = re.compile(r"(?:[^\w'+.,-]*+[\w'+.,-]++){13}")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")
STOP_WORDS = frozenset(
    """a an the of to in on at for from by with and or but is are was were be been has have had
    that this these those it its as not no he she they we you i his her their our who which
    will would can could should may might said says also than then there after before over
    into about more most into while when where""".split()
)


def words(line: str) -> list[str]:
    """Lower-cased word tokens of a line."""
    return [w.strip(".,'\"").lower() for w in _WORD.findall(line)]


def _token(word: str) -> str:
    """One token as :func:`words` gives it."""
    return word.strip(".,'\"").lower()


def is_sentence(line: str) -> bool:
    """True for prose: a line ending a sentence with 6+ words, or a long paragraph."""
    tokens = line.split()
    if len(tokens) >= 25:
        return True
    # Stop words tell prose from a list of names; long lines pass without them so that
    # pages in other languages are read too.
    return (
        len(tokens) >= 6
        and bool(_SENTENCE_END.search(line))
        and (len(tokens) >= 12 or _stop_share(line) >= 0.1)
    )


def is_title_like(line: str) -> bool:
    """True for a headline: 3-30 words, no full stop at the end, starts with a capital."""
    tokens = line.split()
    return (
        3 <= len(tokens) <= 30
        and not line.rstrip().endswith(".")
        and (line[:1].isupper() or line[:1].isdigit() or line[:1] in "'\"")
    )


def _stop_share(line: str) -> float:
    tokens = words(line)
    return sum(t in STOP_WORDS for t in tokens) / len(tokens) if tokens else 0.0


def interface_share(line: str, tokens: list[str] | None = None) -> float:
    """Share of a line's content words (not stop words) that are interface words."""
    content = [t for t in (words(line) if tokens is None else tokens) if t and t not in STOP_WORDS]
    if not content:
        return 0.0
    return sum(t in INTERFACE_WORDS for t in content) / len(content)


def is_chrome(line: str) -> bool:
    """True when a line is the site's interface rather than the article.

    Two signals: a short line made mostly of interface words ("Change font size",
    "Already a subscriber? Sign In", "No comments yet..."), or a line that opens with
    a call to action and talks about the interface ("Subscribe to ... premium stories").
    """
    # A line of more than 12 words (so of 25 characters or more) can only be chrome by
    # the last rule, which needs its first word to be a call to action. Most lines of a
    # page are such prose; for them only the first 13 words are read (measured on the
    # Readability pages: is_chrome took 0.81 ms a page reading every word, 0.29 ms with
    # this and the interface-word check below).
    if (len(line) >= 25 and _THIRTEEN_WORDS.match(line)
            and _token(_WORD.search(line).group()) not in CALL_TO_ACTION):
        return False
    found = _WORD.findall(line)
    if not found:
        return False
    if len(found) > 40:
        return False
    tokens = [w.strip(".,'\"").lower() for w in found]
    if INTERFACE_WORDS.isdisjoint(tokens):  # no interface word: share 0
        return False
    share = interface_share(line, tokens)
    if len(tokens) <= 12 and share >= 0.5:
        return True
    if len(tokens) <= 12 and share >= 0.3 and not _SENTENCE_END.search(line):
        return True
    return tokens[0] in CALL_TO_ACTION and share >= 0.25 and len(tokens) <= 40


def classify(line: str, outlet_names: frozenset[str]) -> Kind:
    """The :class:`Kind` of one (stripped) line.

    Parameters
    ----------
    line : str
        One line of a page dump, already stripped.
    outlet_names : frozenset of str
        Outlet names to recognise, in lower case: known outlets plus the names that
        this dump repeats as entry headers.
    """
    if not line:
        return Kind.BLANK
    if _SEPARATOR.match(line):
        return Kind.SEPARATOR
    bare = line.lstrip("-\u2014|• ").strip()
    if bare.lower() in outlet_names:
        return Kind.OUTLET
    if is_date_line(line):
        return Kind.DATE
    if READ_TIME.match(line):
        return Kind.READ_TIME
    if AFP_SLUG.match(line):
        return Kind.SLUG
    if standalone_dateline(line):
        return Kind.DATELINE
    if _LIST_HEADER.match(line):
        return Kind.LIST_HEADER
    if _EDITION.match(line):
        return Kind.EDITION
    if _BYLINE.match(line):
        return Kind.BYLINE
    if is_chrome(line):
        return Kind.CHROME
    return Kind.TEXT


def edition_outlet_and_date(line: str) -> tuple[str, str]:
    """From an edition note, the date phrase and the outlet named after "edition of"."""
    m = _EDITION.match(line)
    if not m:
        return "", ""
    rest = m.group("rest").strip().rstrip(".")
    date = re.search(r"(?:the )?(.+?) edition of (.+)$", rest, re.I)
    if not date:
        return "", ""
    return date.group(2).strip(), date.group(1).strip()


def list_header_outlet(line: str) -> str:
    """The outlet named by a list header ("MORE STORIES FROM The Straits Times")."""
    m = _MORE_FROM.match(line)
    return m.group(1).strip() if m else ""
