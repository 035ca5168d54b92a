"""Outlet names: from a URL or a name as some export wrote it, to one display name.

The table lives in ``data/outlets.csv`` (``domain,name,aliases``; aliases separated by
``|``) so that it can be extended without touching code. A host matches its own row
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

# Second-level labels under which registries sell names (example.co.uk, x.com.my):
# the registrable domain is then three labels, not two.
_SECOND_LEVEL = {"co", "com", "net", "org", "gov", "ac", "edu", "news", "or", "ne", "go"}
# "CNN (Web News)", "Fox News (Online)", "New York Times - News", "NPR Online News".
_QUALIFIER = re.compile(
    r"\s*(?:\((?:web|online|print)?\s*(?:news|online|blog)?\)|"
    r"\s-\s(?:news|opinion|editorial|online)|\s(?:online news|web news))\s*$",
    re.I,
)


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
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


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
    stem = domain.split(".")[0]
    words = re.split(r"[-_]+", stem)
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

    Strips qualifiers such as "(Web News)", "(Online)", " - News", " - Opinion" and
    looks the rest up among the table's names and aliases; a name not in the table is
    returned with only the qualifier removed and its spaces tidied.

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
    """
    return _canonical(" ".join(str(name or "").split()))


@functools.lru_cache(maxsize=65536)
def _canonical(name: str) -> str:
    by_alias = _table()[1]
    if name.lower() in by_alias:
        return by_alias[name.lower()]
    stripped = _QUALIFIER.sub("", name).strip()
    return by_alias.get(stripped.lower(), stripped or name)
