"""Outlet names: from a URL or a name as some export wrote it, to one display name.

The table lives in ``data/outlets.csv`` (``domain,name,aliases``; aliases separated by
``|``); ``data/agency_outlets.csv`` names the outlets that are news agencies so that it can be extended without touching code. A host matches its own row
or the row of any parent domain, so ``edition.cnn.com``, ``m.bbc.co.uk`` and
``europe.chinadaily.com.cn`` need no rows of their own.
"""
from __future__ import annotations

import csv
import functools
import io
import re
from importlib import resources
from urllib.parse import urlsplit

# "CNN (Web News)", "Fox News (Online)", "New York Times - News", "NPR Online News".
_QUALIFIER = re.compile(
    r"\s*(?:\((?:web|online|print)?\s*(?:news|online|blog)?\)|"
    r"\s-\s(?:news|opinion|editorial|online)|\s(?:online news|web news))\s*$",
    re.I,
)
# Database exports name the place: "The Times (London)", "The Guardian(London)".
_PLACE_QUALIFIER = re.compile(r"\s*\([A-Z][A-Za-z .'-]{1,30}\)\s*$")
# A slug as databases and scrapers write outlets: "telegraph", "huff-post", "wash_post".
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
# A name that is a web address: "vnexpress.net", "http://uspoln.com", "www.bbc.co.uk/news".
_DOMAIN_NAME = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:[/:?#].*)?$", re.I)


def _slug_key(name: str) -> str:
    """"The Huffington-Post" -> "huffingtonpost": letters and digits, no leading "the"."""
    key = re.sub(r"[^0-9a-z]+", "", name.lower())
    return key[3:] if key.startswith("the") and len(key) > 5 else key


@functools.lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, str]]:
    """``({domain: name}, {lower-case alias or name: name})`` from the packaged CSV."""
    text = resources.files("corpus_tools.ingest").joinpath("data/outlets.csv").read_text("utf-8")
    by_domain: dict[str, str] = {}
    by_alias: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(text)):
        name = row["name"].strip()
        by_domain[row["domain"].strip().lower()] = name
        by_alias[name.lower()] = name
        for alias in filter(None, (a.strip() for a in (row["aliases"] or "").split("|"))):
            by_alias.setdefault(alias.lower(), name)
    return by_domain, by_alias


@functools.lru_cache(maxsize=1)
def _slugs() -> dict[str, str]:
    """``{slug key: name}`` for every name, alias and domain stem of the table.

    Names and aliases come first, so that a stem shared by two domains ("thesun" of
    thesun.co.uk and thesun.my) never overrides a name.
    """
    by_domain, by_alias = _table()
    slugs: dict[str, str] = {}
    for alias, name in by_alias.items():
        slugs.setdefault(_slug_key(alias), name)
    for domain, name in by_domain.items():
        slugs.setdefault(_slug_key(_stem(domain)), name)
    return slugs


@functools.lru_cache(maxsize=1)
def _agency_outlets() -> dict[str, str]:
    text = resources.files("corpus_tools.ingest").joinpath("data/agency_outlets.csv").read_text("utf-8")
    return {row["outlet"].strip(): row["agency"].strip() for row in csv.DictReader(io.StringIO(text))}


def agency_of_outlet(name: str) -> str:
    """The wire service an outlet *is* (TASS, SANA, Reuters ...), "" for other outlets.

    Examples
    --------
    >>> agency_of_outlet("SANA"), agency_of_outlet("CNA"), agency_of_outlet("The Straits Times")
    ('SANA', '', '')
    """
    return _agency_outlets().get(name, "")


def outlet_domains() -> dict[str, str]:
    """The table as ``{domain: display name}`` (a copy).

    Examples
    --------
    >>> outlet_domains()["straitstimes.com"]
    'The Straits Times'
    """
    return dict(_table()[0])


def known_outlet_names() -> frozenset[str]:
    """Display names of every outlet in the table ("The Star", "CNA", "Reuters" ...).

    Examples
    --------
    >>> "The Star" in known_outlet_names()
    True
    """
    return frozenset(_table()[0].values())


def host_of(url: str) -> str:
    """The lower-case host of ``url`` without port or trailing dot ("" when none).

    URLs without a scheme ("www.bbc.com/news/x") are read as if they had one.

    Examples
    --------
    >>> host_of("https://WWW.BBC.co.uk:443/news/world-123")
    'www.bbc.co.uk'
    """
    url = (url or "").strip()
    if not url:
        return ""
    if "//" not in url:
        url = "//" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # "http://[bad" and other unparseable netlocs
        return ""
    host = host.rstrip(".")
    return host if "." in host and " " not in host else ""


def _registrable(host: str) -> str:
    """The registrable domain of ``host`` by the Public Suffix List (``tld``, offline):
    ``service-public.gouv.fr``, ``bar.blogspot.com``, ``politica.estadao.com.br`` ->
    ``estadao.com.br``."""
    from tld import get_fld

    found = get_fld(host, fix_protocol=True, fail_silently=True)
    return found or ".".join(host.split(".")[-2:])


def _stem(domain: str) -> str:
    """The name part of a registrable domain: ``example-news.co.uk`` -> ``example-news``."""
    from tld import get_tld

    found = get_tld(domain, fix_protocol=True, fail_silently=True, as_object=True)
    if found is not None and found.domain:
        return found.domain
    return domain.split(".")[0]


@functools.lru_cache(maxsize=65536)
def outlet_from_host(host: str) -> tuple[str, str]:
    """``(display name, domain)`` for a host; see :func:`outlet_from_url`."""
    host = host.lower().rstrip(".")
    if not host:
        return "", ""
    by_domain = _table()[0]
    labels = host.split(".")
    for i in range(len(labels) - 1):  # the host itself, then each parent domain
        candidate = ".".join(labels[i:])
        if candidate in by_domain:
            return by_domain[candidate], candidate
    domain = _registrable(host)
    return _readable(domain), domain


def _readable(domain: str) -> str:
    # "example-news.co.uk" -> "Example News"; "nytimes.com" -> "Nytimes".
    return readable_slug(_stem(domain))


def readable_slug(slug: str) -> str:
    """The one readable form of an unknown slug: words split at ``-``/``_``, capitalised.

    Examples
    --------
    >>> readable_slug("middle-east_monitor")
    'Middle East Monitor'
    """
    words = re.split(r"[-_]+", slug)
    return " ".join(w[:1].upper() + w[1:] for w in words if w)


def outlet_from_url(url: str) -> tuple[str, str]:
    """The outlet of a URL: ``(display name, domain)``.

    The host and then each parent domain is looked up in the table, so
    ``europe.chinadaily.com.cn`` finds ``chinadaily.com.cn``. An unknown host gives a
    readable name made from its registrable domain; an empty or invalid URL gives
    ``("", "")``. Never raises.

    Parameters
    ----------
    url : str

    Returns
    -------
    tuple of str
        Display name and the domain that matched (or the registrable domain).

    Examples
    --------
    >>> outlet_from_url("http://europe.chinadaily.com.cn/world/2017-02/07/content_1.htm")
    ('China Daily', 'chinadaily.com.cn')
    >>> outlet_from_url("https://www.example-news.co.uk/story")
    ('Example News', 'example-news.co.uk')
    >>> outlet_from_url("not a url")
    ('', '')
    """
    return outlet_from_host(host_of(url))


def canonical_outlet(name: str) -> str:
    """One display name for the spellings exports use for the same outlet.

    Strips qualifiers such as "(Web News)", "(Online)", " - News", " - Opinion" and a
    place ("(London)") and looks the rest up among the table's names and aliases; a
    web address gives its site's outlet (:func:`outlet_from_url`); a slug
    ("telegraph", "huff-post") is matched against the table's names, aliases and
    domain stems, and an unknown one gets one readable form ("some-paper" -> "Some
    Paper"). Any other name not in the table is returned with only the qualifier
    removed and its spaces tidied.

    Parameters
    ----------
    name : str
        An outlet name as written in the input ("CNN (Web News)", "Fox Online News").

    Returns
    -------
    str

    Examples
    --------
    >>> canonical_outlet("CNN (Web News)")
    'CNN'
    >>> canonical_outlet("New York Times - Opinion")
    'The New York Times'
    >>> canonical_outlet("Guest Writer - Right")
    'Guest Writer - Right'
    >>> [canonical_outlet(n) for n in ("telegraph", "huff-post", "The Times (London)", "some-paper")]
    ['The Telegraph', 'HuffPost', 'The Times', 'Some Paper']
    """
    return _canonical(" ".join(str(name or "").split()))


@functools.lru_cache(maxsize=65536)
def _canonical(name: str) -> str:
    by_alias = _table()[1]
    if name.lower() in by_alias:
        return by_alias[name.lower()]
    if _DOMAIN_NAME.match(name) and " " not in name:  # a web address names its site
        found = outlet_from_url(name)[0]
        if found:
            return found
    stripped = _QUALIFIER.sub("", name).strip()
    for candidate in (stripped, _PLACE_QUALIFIER.sub("", stripped).strip()):
        if candidate.lower() in by_alias:
            return by_alias[candidate.lower()]
    if _SLUG.match(name):  # "telegraph", "huff-post": a slug of a known outlet, or readable
        return _slugs().get(_slug_key(name)) or readable_slug(name)
    return stripped or name
