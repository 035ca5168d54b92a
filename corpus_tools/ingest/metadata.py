"""Metadata written in the text: dates, datelines, wire agencies and credit lines.

News text carries its own metadata: "MOSCOW (Reuters) -" opens a Reuters story,
"— Reuters" or "- Bloomberg" closes one, "bur-pfc/oho/rsc" is an AFP desk slug and
"(Reporting by ...; Editing by ...)" a Reuters credit line. A source the article only
*cites* ("according to Xinhua") is not its agency, so agencies are looked for only
where wire services credit themselves: in the dateline, in the last line, in slugs.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pandas as pd

from .places import is_place

#: Wire agencies: display name -> the spellings that credit it.
AGENCIES: dict[str, tuple[str, ...]] = {
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "Reuters": ("Reuters", "REUTERS", "Thomson Reuters", "Reuter", "REUTER"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "Bloomberg": ("Bloomberg",),
    "Xinhua": ("Xinhua", "XINHUA"),
    "TASS": ("TASS", "Tass", "ITAR-TASS"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Interfax": ("Interfax",),
    "Bernama": ("Bernama", "BERNAMA"),
    "ANI": ("ANI",),
    "PTI": ("PTI",),
    "IANS": ("IANS",),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap",),
    "dpa": ("dpa", "DPA"),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "UPI": ("UPI",),
    "AAP": ("AAP",),
    "CNA": ("CNA",),
    "Antara": ("Antara",),
    "Sputnik": ("Sputnik",),
    "Anadolu": ("Anadolu", "Anadolu Agency"),
    "Jiji": ("Jiji", "Jiji Press"),
    # State news agencies, often the outlet and the agency at once.
    "SANA": ("SANA", "Syrian Arab News Agency"),
    "MENA": ("MENA", "Middle East News Agency"),
    "IRNA": ("IRNA", "Islamic Republic News Agency"),
    "WAM": ("WAM", "Emirates News Agency"),
    "SPA": ("SPA", "Saudi Press Agency"),
    "QNA": ("QNA", "Qatar News Agency"),
    "KUNA": ("KUNA", "Kuwait News Agency"),
    "Petra": ("Petra", "Jordan News Agency"),
    "NNA": ("NNA", "National News Agency"),
    "KCNA": ("KCNA", "Korean Central News Agency"),
    "VNA": ("VNA", "Vietnam News Agency"),
    "Prensa Latina": ("Prensa Latina",),
    "Europa Press": ("Europa Press",),
    "Lusa": ("Lusa",),
    "Ukrinform": ("Ukrinform",),
    "PAP": ("PAP", "Polish Press Agency"),
}
_AGENCY_BY_SPELLING = {s.lower(): name for name, spellings in AGENCIES.items() for s in spellings}
# Case-sensitive on purpose: "AP" credits the agency, "ap" inside a word does not.
_AGENCY_ALT = "|".join(
    sorted((re.escape(s) for ss in AGENCIES.values() for s in ss), key=len, reverse=True)
)

# "BEIJING -", "KUALA LUMPUR —", "WASHINGTON:", "SINGAPORE, July 21 —",
# "MOSCOW (Reuters) -", "BAKU, February 7. /TASS/.", "Washington (CNN)".
_PLACE = r"[A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,3}"
_DAY = r"(?:,\s*[A-Z][a-z]{2,9}\.? \d{1,2}(?:,? \d{4})?)"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE}|[A-Z][a-z]+(?: [A-Z][a-z]+)?(?= \())"  # mixed case only before "("
    rf"(?P<day>{_DAY})?[.,]?\s*"
    rf"(?:\((?P<paren>[^()]{{2,40}})\)|/(?P<slash>[A-Za-z-]{{2,12}})(?P<reporters>[.,][^/\n]{{0,80}})?/\.?)?"
    r"\s*(?:[-\u2014:]{1,2}\s*|(?<=\))\s*|(?<=/)\s*|(?<=/\.)\s*)"
)
# An agency credit with no place: "(AFP) -", "AFP -", "(Reuters) —".
_OPENING_AGENCY = re.compile(rf"^(?:\((?P<p>{_AGENCY_ALT})\)|(?P<agency>{_AGENCY_ALT}))\s*[-\u2014:]{{1,2}}\s+")
_STANDALONE_DATELINE = re.compile(rf"^(?P<place>{_PLACE})(?P<day>{_DAY})?\s*[-\u2014:]$")
# The credit that ends a wire story: "— Reuters", "- Bloomberg", "-- AFP", "(AFP)".
_TRAILING_AGENCY = re.compile(
    rf"(?:\s[-\u2014]{{1,2}}\s*|\s\(|^)(?P<agency>{_AGENCY_ALT})\)?\s*$"
)
# A bare agency after the last sentence: "... research program. Xinhua"
_BARE_TRAILING_AGENCY = re.compile(rf"(?<=[.!?\"'])\s+(?P<agency>{_AGENCY_ALT})\s*$")
# AFP desk slugs: "bur-pfc/oho/rsc", "jm/sst", "sah-lb/mlm".
AFP_SLUG = re.compile(r"^(?:[a-z]{2,6}(?:-[a-z]{2,6})*)(?:/[a-z]{2,6}(?:-[a-z]{2,6})*)+$")
# Credit lines that leave the body: Reuters reporting credits, contributor notes,
# "Source: Al Jazeera and news agencies", edition notes, Bloomberg assistance lines.
_CREDIT_TAIL = re.compile(
    r"(?:\((?:Reporting|Writing|Additional reporting|Editing)\b[^()]*\)"
    r"|\s(?:[A-Z][\w.'-]* ){0,4}[A-Z][\w.'-]*\W{0,2}\s?\b(?:contributed|also contributed)"
    r" (?:to )?(?:this|the) (?:report|story)\.?"
    r"|\bSource:\s?-?\s?[A-Z][^.]{0,80}"
    r"|\((?:[A-Z][\w.]* ){1,5}\d{1,2}/\d{1,2}/\d{4}[^()]{0,20}\)"
    r"|[-\u2014]{1,2}\s?With assistance from [^.]{0,200}\.?)\s*$"
)
# A closing prompt to follow the writer: "Follow Jane Doe on Twitter: @jdoe", "Follow @jdoe".
_FOLLOW = re.compile(r"^(?:Follow|Find)\b.{0,80}?(?:\bon (?:Twitter|X|Facebook|Instagram|Threads|"
                     r"Bluesky|LinkedIn|TikTok|Mastodon)\b.{0,60}|\s@\w{1,30})$")
_REUTERS_CREDIT = re.compile(r"\((?:Reporting|Writing) by ", re.I)
# Photo captions before a dateline: "FILE PHOTO: ... REUTERS/File Photo MOSCOW (Reuters) -"
_CAPTION_MARK = re.compile(r"FILE PHOTO|/File Photo|REUTERS/|AFP/|Photo:|PHOTO:|\(Photo", re.I)


# Capitalised words that open a line with a colon or dash but are never a place.
_NOT_PLACES = {"UPDATE", "UPDATED", "EXCLUSIVE", "WATCH", "BREAKING", "LIVE", "VIDEO", "PHOTOS",
               "ANALYSIS", "OPINION", "EDITOR'S NOTE", "NOTE", "CORRECTION", "PHOTO", "FILE PHOTO"}


def agency_name(spelling: str) -> str:
    """The agency's display name for one of its spellings, or "" when not an agency."""
    return _AGENCY_BY_SPELLING.get(spelling.strip().lower(), "")


@dataclass
class Credits:
    """What :func:`extract_credits` finds in and takes out of a body."""

    body: str
    dateline: str = ""
    agency: str = ""
    credit: str = ""
    dateline_day: str = ""  # "July 21" when the dateline carries a date


def standalone_dateline(line: str) -> str:
    """The place of a line that is only a dateline ("BEIJING -"), else ""."""
    m = _STANDALONE_DATELINE.match(line.strip())
    return _clean_place(m.group("place")) if m and is_place(_clean_place(m.group("place"))) else ""


def _clean_place(place: str) -> str:
    return place.strip(" .,-").upper()


def extract_credits(body: str) -> Credits:
    """Take the dateline, agency credit and credit lines out of a body.

    Parameters
    ----------
    body : str
        Article text, paragraphs separated by newlines.

    Returns
    -------
    Credits
        The body without them, and what was found.

    Examples
    --------
    >>> c = extract_credits("MOSCOW (Reuters) -Russia said so. (Editing by Mark Trevelyan)")
    >>> c.dateline, c.agency, c.body, c.credit
    ('MOSCOW', 'Reuters', 'Russia said so.', '(Editing by Mark Trevelyan)')
    """
    found = Credits(body=body.strip())
    credits: list[str] = []
    lines = found.body.split("\n")
    # Slugs and bare agency lines at the end ("bur-pfc/oho/rsc", "— Reuters").
    while lines and (AFP_SLUG.match(lines[-1].strip()) or _is_agency_line(lines[-1])
                     or _FOLLOW.match(lines[-1].strip())):
        last = lines.pop().strip()
        credits.insert(0, last)
        if not _FOLLOW.match(last):
            found.agency = found.agency or (
                "AFP" if AFP_SLUG.match(last) else agency_name(last.strip("-\u2014(). "))
            )
    if lines:
        lines[0] = _take_dateline(lines[0], found, credits)
    if lines:
        lines[-1] = _take_tail(lines[-1], found, credits)
    found.body = "\n".join(line for line in lines if line.strip())
    found.credit = " | ".join(credits)
    return found


def _is_agency_line(line: str) -> bool:
    return bool(agency_name(line.strip().strip("-\u2014(). ")))


def _take_dateline(first: str, found: Credits, credits: list[str]) -> str:
    # A photo caption may precede the dateline in the same paragraph; look a little in.
    start = 0
    if _CAPTION_MARK.search(first[:400]):
        for m in re.finditer(r"(?<=[\s.])(?=[A-Z]{3,}[A-Z ]*(?:,| \(|\s[-\u2014:]))", first[:600]):
            if _DATELINE.match(first[m.start():]) and _dateline_ok(_DATELINE.match(first[m.start():])):
                start = m.start()
                break
    m = _DATELINE.match(first[start:])
    if not m or not _dateline_ok(m):
        return _take_opening_agency(first, found)
    if start:
        credits.insert(0, first[:start].strip())
    reporters = (m.group("reporters") or "").strip(" .,")
    if reporters:  # "/TASS, Maxim Allanazarov, Yevgeny Ionov/."
        credits.append(reporters)
    paren = m.group("paren") or m.group("slash") or ""
    found.dateline = _clean_place(m.group("place"))
    found.dateline_day = (m.group("day") or "").strip(" ,")
    if paren and not found.agency:
        found.agency = agency_name(paren)
    return first[start + m.end():].lstrip()


def _take_opening_agency(first: str, found: Credits) -> str:
    """An agency credit without a place opening the text: "(AFP) - ...", "AFP - ..."."""
    m = _OPENING_AGENCY.match(first)
    if not m or m.end() >= len(first):
        return first
    found.agency = found.agency or agency_name(m.group("p") or m.group("agency"))
    return first[m.end():].lstrip()


def _dateline_ok(m: re.Match) -> bool:
    """Reject matches that are an ordinary capitalised sentence start."""
    place = m.group("place")
    paren = m.group("paren") or m.group("slash")
    if place.isupper():
        # The regex demands a separator or an agency after the place; what remains to
        # reject are interview prefixes ("DW:", "Q:") and credits ("AFP -"), very long
        # runs of capitals, which are headlines, and sentence openers in capitals
        # ("FUND managers -"): the place must be in the gazetteer, unless an agency
        # credit follows it ("UNITED NATIONS (AP) -").
        return (3 <= len(place) <= 40 and not place.endswith("-")
                and not agency_name(place) and place not in _NOT_PLACES
                and (is_place(_clean_place(place)) or bool(paren and agency_name(paren))))
    return bool(paren)  # "Washington (CNN)" only with the parenthesis


def _take_tail(last: str, found: Credits, credits: list[str]) -> str:
    for _ in range(3):  # a Reuters story may end "... (Reporting by X; Editing by Y) — Reuters"
        m = _TRAILING_AGENCY.search(last) or _BARE_TRAILING_AGENCY.search(last)
        if m and m.start() > 0:
            found.agency = found.agency or agency_name(m.group("agency"))
            credits.insert(0, last[m.start():].strip())
            last = last[: m.start()].rstrip()
            continue
        m = _CREDIT_TAIL.search(last)
        if m and m.start() > 0:
            credit = last[m.start():].strip()
            if _REUTERS_CREDIT.match(credit) and not found.agency:
                found.agency = "Reuters"
            credits.insert(0, credit)
            last = last[: m.start()].rstrip()
            continue
        break
    return last


# --- dates -------------------------------------------------------------------------

_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
ABSOLUTE_DATE = re.compile(
    rf"^\|?\s*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?"
    rf"(?:{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    r"(?:[,\s]+\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*\|?$",
    re.I,
)
RELATIVE_DATE = re.compile(
    r"^(?:(?:an?|one|\d{1,3})\s+(?:sec|second|min|minute|hr|hour|day|week|month|year)s?\s+ago"
    r"|yesterday|today|just now)$",
    re.I,
)
READ_TIME = re.compile(r"^\d{1,3}\s*(?:mins?|minutes?)(?:\s+read)?$", re.I)


def is_date_line(line: str) -> bool:
    """True when the whole line is a date, absolute or relative."""
    line = line.strip()
    return bool(ABSOLUTE_DATE.match(line) or RELATIVE_DATE.match(line))


def parse_date(text: str, reference_date: pd.Timestamp | None = None) -> pd.Timestamp:
    """Parse a date as written on a page; relative ones need ``reference_date``.

    Parameters
    ----------
    text : str
        "July 16, 2025", "|July 16, 2025", "5 hours ago", "an hour ago", "yesterday".
    reference_date : pandas.Timestamp, optional
        The moment the page was captured; relative dates without it give NaT.

    Returns
    -------
    pandas.Timestamp
        tz-aware (UTC), or NaT.

    Examples
    --------
    >>> parse_date("|July 16, 2025")
    Timestamp('2025-07-16 00:00:00+0000', tz='UTC')
    >>> parse_date("5 hours ago", pd.Timestamp("2025-07-21 12:00", tz="UTC"))
    Timestamp('2025-07-21 07:00:00+0000', tz='UTC')
    """
    text = text.strip().strip("|").strip()
    if not text:
        return pd.NaT
    if RELATIVE_DATE.match(text):
        if reference_date is None:
            return pd.NaT
        return _parse_relative(text.lower(), as_utc(reference_date))
    if not ABSOLUTE_DATE.match(text):
        return pd.NaT  # free text such as "3 mins" is not a date, however lenient a parser is
    return _parse_absolute(text)


@functools.lru_cache(maxsize=4096)
def _parse_absolute(text: str) -> pd.Timestamp:
    # dateparser knows every month spelling and order; cached because page dumps
    # repeat the same few dates many times.
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "RETURN_AS_TIMEZONE_AWARE": True,
            "TIMEZONE": "UTC",
            "PREFER_DAY_OF_MONTH": "first",
            # never read "3 mins" or "today" as a date relative to the machine's clock
            "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        },
    )
    return pd.Timestamp(parsed).tz_convert("UTC") if parsed else pd.NaT


def _parse_relative(text: str, now: pd.Timestamp) -> pd.Timestamp:
    import dateparser

    parsed = dateparser.parse(
        text, languages=["en"],
        settings={"RELATIVE_BASE": now.tz_localize(None).to_pydatetime(), "TIMEZONE": "UTC",
                  "RETURN_AS_TIMEZONE_AWARE": True},
    )
    return pd.Timestamp(parsed).tz_convert("UTC") if parsed else pd.NaT


def as_utc(ts) -> pd.Timestamp:
    """``ts`` as a tz-aware UTC Timestamp (a naive one is taken to be UTC)."""
    ts = pd.Timestamp(ts)
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
