"""Words that are not news: stop words, and the names of the corpus's outlets and agencies.

Kept apart from the vectorizer so that the lists can be read, and extended, on their own.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .ingest.metadata import AGENCIES

# scikit-learn's list carries words that are news content ("bill", "fire", "system",
# "interest", "side", "call", "move", "de" as in "de Blasio"); they stay in.
_NOT_STOP = {"bill", "fire", "system", "interest", "side", "call", "cry", "mill", "move",
             "detail", "describe", "empty", "fill", "find", "found", "front", "full",
             "serious", "sincere", "thick", "thin", "bottom", "top", "name", "part",
             "show", "keep", "give", "take", "de", "amount", "hundred", "con"}
_NEWS_WORDS = """
said says say saying told tell tells telling according added adding asked noted
reported reportedly stated statement spokesman spokeswoman spokesperson
mr mrs ms dr sir
monday tuesday wednesday thursday friday saturday sunday
today yesterday tomorrow tonight week weeks weekend month months year years day days
time times ago later earlier recently just like including included also would could
should will can may might must shall let lets going got get gets make makes made
don doesn didn isn wasn aren weren won wouldn couldn shouldn hasn haven hadn
ll ve re im ive youre theyre thats theres whats
percent per cent mln bn
image images photo photos caption getty copyright advertisement subscribe click read
share video watch file pm com www http https html
""".split()
#: Stop words for news: scikit-learn's English list less content words, plus reporting
#: verbs, honorifics, weekdays and time words, and web furniture.
NEWS_STOP_WORDS: frozenset[str] = frozenset(
    (set(ENGLISH_STOP_WORDS) - _NOT_STOP) | set(_NEWS_WORDS)
)
#: Wire services and press agencies (every spelling ingest recognises as a credit), and
#: broadcasters whose names run through other outlets' copy, kept out of the vocabulary
#: with the corpus's own outlets.
AGENCY_NAMES: tuple[str, ...] = tuple(
    spelling for spellings in AGENCIES.values() for spelling in spellings
) + ("Al Jazeera", "BBC", "CNN")

_GENERIC_NAME_WORDS = {"the", "news", "online", "web", "daily", "com", "www", "edition"}


def fold(text: str) -> str:
    """Lower-case without accents and separators: "RTÉ News" → "rtenews"."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if ch.isalnum())


def excluded_vocabulary(terms: Iterable[str], names: Iterable[str]) -> set[str]:
    """Terms that spell one of ``names``, alone or as a run of words inside a phrase."""
    keys = {fold(n) for n in names if fold(n)}
    if not keys:
        return set()
    out = set()
    for term in set(terms):
        parts = [fold(p) for p in term.split("_")]
        runs = ("".join(parts[i:j]) for i in range(len(parts))
                for j in range(i + 1, len(parts) + 1))
        if any(run in keys for run in runs):
            out.add(term)
    return out


def outlet_terms(corpus: pd.DataFrame) -> list[str]:
    """The names by which a corpus's outlets and agencies appear in text.

    From each outlet's display name: the name itself ("The Straits Times"), without
    parenthesised notes or a " - " suffix, and without generic words ("Fox Online
    News" → "Fox News", "Fox"); from each domain its main label ("aljazeera"); every
    agency credited in the table plus :data:`AGENCY_NAMES`.

    Examples
    --------
    >>> t = pd.DataFrame({"outlet": ["CNN (Web News)"], "outlet_domain": ["www.cnn.com"],
    ...                   "agency": ["AFP"]})
    >>> [name in outlet_terms(t) for name in ("CNN", "cnn", "AFP", "Reuters")]
    [True, True, True, True]
    """
    names: set[str] = set(AGENCY_NAMES)
    for column in ("outlet", "agency"):
        if column not in corpus:
            continue
        for value in pd.unique(corpus[column].dropna().astype(str)):
            value = re.sub(r"\(.*?\)", " ", value).split(" - ")[0].strip()
            if not value:
                continue
            names.add(value)
            # a name whose accents were lost in scraping ("RTÉ" printed as "RT?")
            ascii_only = re.sub(r"[^\x00-\x7f]", "", value).strip()
            if ascii_only != value and len(fold(ascii_only)) >= 2:
                names.add(ascii_only)
            words = value.split()
            if words and words[0].lower() == "the":
                names.add(" ".join(words[1:]))
            core = [w for w in words if w.lower() not in _GENERIC_NAME_WORDS]
            if core:
                names.add(" ".join(core))
            if "online" in value.lower() or "web" in value.lower():
                names.add(" ".join(w for w in words if w.lower() not in {"online", "web"}))
    if "outlet_domain" in corpus:
        for domain in pd.unique(corpus["outlet_domain"].dropna().astype(str)):
            labels = [p for p in domain.lower().split(".") if p not in _GENERIC_NAME_WORDS
                      and p not in {"co", "org", "net", "gov", "uk", "ie", "cn", "go"}]
            if labels:
                names.add(max(labels, key=len) if len(labels) > 1 else labels[0])
    return sorted(n for n in names if fold(n))
