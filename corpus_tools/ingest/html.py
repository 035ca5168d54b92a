"""Read one saved HTML page into one article row, with trafilatura.

trafilatura finds the main text and the page's metadata (title, date, site name,
canonical URL, description); this module only maps its answer onto the article
table. It never fetches anything: the page's bytes are all it sees.
"""
from __future__ import annotations

import re
import warnings

import pandas as pd

from .base import Member, ReadOptions, decode_text
from .errors import IngestError, IngestLog
from .normalise import normalise_text
from .outlets import canonical_outlet, host_of, known_outlet_names, outlet_from_url
from .quality import tokens

_SHORT = 25  # words; fewer is rarely an article (a saved 403 page has 10)
# Site names that are only a domain ("AL.com" is a name; "www.al.com" is not).
_DOMAIN_LIKE = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?$", re.I)


def read_html(member: Member, options: ReadOptions, log: IngestLog) -> pd.DataFrame:
    """Extract the article of a saved HTML page.

    Parameters
    ----------
    member : Member
        The page (``.html``, ``.htm`` or a text file holding HTML).
    options : ReadOptions
        Unused; accepted so that every reader has the same signature.
    log : IngestLog
        Told when the text found is very short (an error page saved by a scraper).

    Returns
    -------
    pandas.DataFrame
        One row: ``title``, ``standfirst``, ``body`` (paragraphs separated by
        ``"\\n"``), ``published``, ``published_raw``, ``outlet``, ``outlet_domain``,
        ``url``, ``source_index`` (0).

    Raises
    ------
    IngestError
        When trafilatura finds no main text in the page.

    Examples
    --------
    >>> page = open("tests/fixtures/newspaper_pages/html/foxnews.com1.html", "rb").read()
    >>> row = read_html(Member("foxnews.com1.html", page, ".html"), ReadOptions(), IngestLog())
    >>> row.loc[0, "outlet"]  # doctest: +SKIP
    'Fox News'
    """
    doc = _extract(member)
    body = normalise_text(doc.get("text") or "")
    if not body.strip():
        raise IngestError(
            member.name, "no article text",
            "trafilatura found no main text in this page (a front page, a gallery, a "
            "page rendered by JavaScript, or a login wall?). Save the article page "
            "itself, or copy its text into a .txt file.",
        )
    url = (doc.get("url") or "").strip()
    title = normalise_text(doc.get("title") or "")
    first, _, rest = body.partition("\n")
    if rest and title and first.strip().lower() == title.lower():
        body = rest  # the headline repeated as the first paragraph
    sitename = doc.get("sitename") or ""
    # trafilatura falls back on the title when a page names no site (prachatai.com)
    sitename = "" if normalise_text(sitename) == title else sitename
    outlet, domain = _outlet(sitename, url, doc.get("hostname") or "")
    published = _date(doc.get("date"))
    row = {
        "title": _strip_site_suffix(title, {outlet, normalise_text(sitename)}),
        "standfirst": _standfirst(doc.get("description") or "", body),
        "body": body,
        "published": published,
        "published_raw": "" if pd.notna(published) else (doc.get("date") or ""),
        "outlet": outlet,
        "outlet_domain": domain,
        "url": url,
        "source_index": 0,
    }
    if len(body.split()) < _SHORT:
        log.add(member.name, "short article text",
                f"only {len(body.split())} words were found ({body[:60]!r}): an error or "
                "cookie page saved instead of the article? The row is kept.")
    frame = pd.DataFrame([row])
    frame["published"] = pd.to_datetime(frame["published"], utc=True).astype("datetime64[ns, UTC]")
    return frame


def _extract(member: Member) -> dict:
    import trafilatura  # heavy; imported only when a page is read

    html = decode_text(member)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # htmldate warns about odd time-zone names
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,  # readers' comments are not the outlet's text
            include_tables=True,
            include_images=False,
            include_links=False,
        )
    return doc.as_dict() if doc is not None else {}


def _outlet(sitename: str, url: str, hostname: str) -> tuple[str, str]:
    """The site's own name when it gives a real one, else the URL host's."""
    from_url = outlet_from_url(url) if url else outlet_from_url(hostname)
    name = canonical_outlet(normalise_text(sitename)) if sitename else ""
    if not name or _DOMAIN_LIKE.match(name):
        return from_url
    if name not in known_outlet_names() and from_url[0] in known_outlet_names():
        return from_url  # "Ari Wasserman; al.com" or a section name: the table knows better
    return name, from_url[1] or host_of(url)


def _strip_site_suffix(title: str, names: set[str]) -> str:
    """Drop a trailing " - Telegraph" or " | CNN": the site's name, not the headline."""
    match = re.match(r"^(?P<head>.+?)\s+[-|\u2014]\s+(?P<tail>[^-|\u2014]+)$", title)
    if not match:
        return title
    tail = match["tail"].strip()
    names = {n.lower().removeprefix("the ") for n in names if n}
    candidates = {tail.lower(), canonical_outlet(tail).lower(), canonical_outlet(f"The {tail}").lower()}
    return match["head"] if any(c.removeprefix("the ") in names for c in candidates) else title


def _date(text: str | None) -> pd.Timestamp:
    if not text:
        return pd.NaT
    ts = pd.to_datetime(text, utc=True, errors="coerce")
    return ts if pd.notna(ts) and pd.Timestamp("1678-01-01", tz="UTC") < ts else pd.NaT


def _standfirst(description: str, body: str) -> str:
    """The page's description, unless it only repeats the start of the body."""
    description = normalise_text(description)
    words = tokens(description)
    if not words:
        return ""
    # A description cut from the body (its first paragraph, or a pull quote such as
    # al.com's '"Mark May is a great guy," he said.') opens with words of the body.
    probe = " ".join(words[:12])
    return "" if probe in " ".join(tokens(body)) else description
