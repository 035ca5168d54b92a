"""Plain article files: one article per ``.txt`` file, as researchers and scrapers save them.

Such a file is the article and nothing else: an optional headline on the first line,
perhaps a byline or a date, then paragraphs. It is told apart from a *page dump* (the
text of a whole rendered page, read by :mod:`corpus_tools.ingest.pagetext`) by its
lines: a page dump is full of short lines that are not sentences (menus, buttons,
"Sign In", lists of other stories) all the way down; an article file has at most a few
such lines, at its top (headline, byline, date, dateline).

What is read: the first line becomes ``title`` when it reads as a headline (short,
one sentence, standing apart from a longer text below); a wire dateline on the first
lines ("NEW YORK (AP) —", "CAIRO, Jan 1 (AFP) -") fills ``dateline`` and ``agency``;
a closing credit ("Follow X on Twitter", "(Reporting by ...)", "— Reuters") moves to
``credit``. Nothing is dropped for being short: a two-line bulletin is an article.
"""
from __future__ import annotations

import re

import pandas as pd

from .base import Member, ReadOptions, decode_text
from .errors import IngestError, IngestLog
from .metadata import ABSOLUTE_DATE, extract_credits, parse_date
from .normalise import normalise_text
from .outlets import canonical_outlet, known_outlet_names

#: A paragraph longer than this is no article's (the page reader's limit too).
MAX_LINE_CHARS = 200_000
#: A headline has at most this many words.
MAX_TITLE_WORDS = 30
# Lines of an article file that are not prose: a headline, a byline, a date, a
# dateline. More of them than this below the top of the file make it a page dump.
_TOP_LINES = 5
_MAX_STRAY_SHARE = 0.34
_SENTENCE_END = re.compile(r"[.!?:;\"')\]\u201d\u2019…]\s*$")
_SENTENCE_SPLIT = re.compile(r"[.!?]['\")\]]*\s+(?=[A-Z\u00c0-\u024f\"'])")
_BYLINE = re.compile(r"^(?:by|por|par|von|di|de)\s+\S", re.I)


def _words(line: str) -> int:
    return len(line.split())


def _is_prose(line: str) -> bool:
    """A line of running text: a sentence, or several words that end like one."""
    return _words(line) >= 8 or bool(_SENTENCE_END.search(line) and _words(line) >= 3)


def looks_like_article(text: str) -> bool:
    """True when ``text`` is one plain article, not the text of a whole page.

    Below its first few lines (headline, byline, date, dateline), an article's
    non-empty lines are prose; a page dump has menus, buttons and lists of other
    stories throughout. Below the top, a short line that is not a sentence must stand
    alone between paragraphs (a crosshead), not in a run nor at the end (a menu, a
    footer), and such lines are at most a third of the lines.

    Examples
    --------
    >>> looks_like_article("Storm hits coast\\n\\nA storm hit the coast on Monday, "
    ...                    "officials said.\\nSchools were closed.")
    True
    >>> looks_like_article("Home\\nNews\\nSport\\nSign In\\nStorm hits coast\\n"
    ...                    "A storm hit the coast on Monday, officials said.\\nShare\\nMore stories")
    False
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines or not any(_is_prose(line) for line in lines):
        return False
    if max(len(line) for line in lines) > MAX_LINE_CHARS:
        return False  # a minified or one-line file: the page reader logs it
    top, below = lines[:_TOP_LINES], lines[_TOP_LINES:]
    if sum(1 for line in top if not _is_prose(line) and not ABSOLUTE_DATE.match(line)) > 2:
        return False  # more than a headline and a byline above the text
    stray = [not _is_prose(line) and not _is_top_line(line) for line in below]
    if len(stray) > 1 and (stray[-1] and stray[-2] or _longest_run(stray) > 3):
        return False  # a footer, or a long run of menu lines: a page
    return sum(stray) <= max(1, _MAX_STRAY_SHARE * len(below))


def _longest_run(flags: list[bool]) -> int:
    longest = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        longest = max(longest, run)
    return longest


def _is_top_line(line: str) -> bool:
    """Lines an article may hold below its top: a date or a dateline on its own."""
    return bool(ABSOLUTE_DATE.match(line)) or line.endswith(("\u2014", "-", ":")) and _words(line) <= 4


def is_headline(first: str, rest: list[str]) -> bool:
    """True when the first line of an article file is its headline.

    A headline is short (at most :data:`MAX_TITLE_WORDS` words), one sentence, and
    followed by more text; when it ends with a full stop (as some sites write
    headlines) it must also be shorter than the paragraph after it.
    """
    if not rest or not first or _words(first) > MAX_TITLE_WORDS:
        return False
    if len(_SENTENCE_SPLIT.findall(first)) > 0:
        return False  # two sentences: a paragraph, not a headline
    if first.rstrip().endswith((".", ",", ";")):
        return _words(first) < 0.8 * _words(rest[0]) and len(rest) >= 2
    return True


def parse_article_text(text: str, *, reference_date: pd.Timestamp | None = None) -> dict:
    """The article-table fields of one plain article file's text.

    Parameters
    ----------
    text : str
        The file's text (normalised here).
    reference_date : pandas.Timestamp, optional
        Accepted for symmetry with the page reader; dates here are absolute.

    Returns
    -------
    dict
        ``title``, ``body``, ``published``, ``published_raw``, ``dateline``,
        ``agency``, ``credit``, ``byline``, ``outlet`` (when a line under the
        headline names a known outlet).

    Examples
    --------
    >>> row = parse_article_text("Quake strikes\\n\\nTOKYO (AP) — A strong quake hit Japan "
    ...                          "on Monday.\\nNo damage was reported.")
    >>> row["title"], row["dateline"], row["agency"], row["body"]
    ('Quake strikes', 'TOKYO', 'AP', 'A strong quake hit Japan on Monday.\\nNo damage was reported.')
    """
    lines = [line.strip() for line in normalise_text(text).split("\n") if line.strip()]
    title = byline = date_raw = outlet = ""
    if lines and is_headline(lines[0], lines[1:]):
        title, lines = lines[0], lines[1:]
    # A byline, a date line and the outlet's name may stand under the headline.
    for _ in range(3):
        if len(lines) < 2:
            break
        if _BYLINE.match(lines[0]) and _words(lines[0]) <= 8:
            byline, lines = lines[0], lines[1:]
        elif ABSOLUTE_DATE.match(lines[0]):
            date_raw, lines = lines[0], lines[1:]
        elif not outlet and _words(lines[0]) <= 6 and canonical_outlet(lines[0]) in known_outlet_names():
            outlet, lines = canonical_outlet(lines[0]), lines[1:]
    found = extract_credits("\n".join(lines))
    published = parse_date(date_raw) if date_raw else pd.NaT
    return {
        "title": title,
        "body": found.body,
        "published": published,
        "published_raw": date_raw if date_raw and pd.isna(published) else "",
        "dateline": found.dateline,
        "agency": found.agency,
        "credit": found.credit,
        "byline": byline,
        "outlet": outlet,
    }


def read_article_file(member: Member, options: ReadOptions, log: IngestLog) -> pd.DataFrame:
    """Reader for plain one-article text files (see :mod:`corpus_tools.ingest.base`).

    Raises
    ------
    IngestError
        When the file holds no text at all after normalisation.
    """
    row = parse_article_text(decode_text(member), reference_date=options.reference_date)
    if not row["body"] and not row["title"]:
        raise IngestError(member.name, "no article text",
                          "the file holds no text once spaces and credit lines are removed.")
    frame = pd.DataFrame([row])
    frame["source_index"] = 0
    frame["published"] = pd.to_datetime(frame["published"], utc=True).astype("datetime64[ns, UTC]")
    return frame
