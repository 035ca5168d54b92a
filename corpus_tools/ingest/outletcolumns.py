"""The ``outlet`` and ``outlet_domain`` columns of export rows, from names and URLs.

Vectorised over a column: each distinct host or name is looked up once
(:mod:`.outlets` holds the table and the rules).
"""
from __future__ import annotations

import pandas as pd

from .outlets import canonical_outlet, known_outlet_names, outlet_domains, outlet_from_host

# What comes before the host of an absolute or scheme-less URL: "https://user@".
_SCHEME_AND_USER = r"^(?:[A-Za-z][A-Za-z0-9+.-]*:)?(?://)?(?:[^/?#@\s]*@)?"


def fill_outlet_columns(out: pd.DataFrame) -> None:
    """Fill ``outlet`` and ``outlet_domain``; the table's names win for known hosts."""
    if "url" in out:
        hosts = _hosts(out["url"])
        url_name = _per_unique(hosts, lambda h: outlet_from_host(h)[0])
        url_domain = _per_unique(hosts, lambda h: outlet_from_host(h)[1])
    else:
        url_name = url_domain = pd.Series("", index=out.index, dtype="string")
    if "outlet" in out:
        outlet = _per_unique(out["outlet"].astype("string").fillna(""), canonical_outlet)
        # "Guest Writer - Right" on nationalreview.com is National Review's article.
        use_url = (~outlet.isin(known_outlet_names()) & url_domain.isin(outlet_domains())) | (
            outlet == ""
        )
        out["outlet"] = outlet.where(~use_url, url_name)
    else:
        out["outlet"] = url_name
    if "outlet_domain" in out:
        given = out["outlet_domain"].astype("string").fillna("")
        out["outlet_domain"] = given.where(given != "", url_domain)
        # A domain column without URLs ("vnexpress.net") names the outlet too.
        missing = out["outlet"].fillna("") == ""
        if missing.any():
            hosts = out.loc[missing, "outlet_domain"].str.lower().str.strip()
            out.loc[missing, "outlet"] = _per_unique(hosts, lambda h: outlet_from_host(h)[0])
    else:
        out["outlet_domain"] = url_domain


def _hosts(urls: pd.Series) -> pd.Series:
    """Lower-case host of each URL, "" when there is none (Arrow string kernels only)."""
    urls = urls.astype("string").fillna("").str.strip()
    rest = urls.str.replace(_SCHEME_AND_USER, "", regex=True)
    hosts = rest.str.replace(r"[/?#:\s].*$", "", regex=True).str.lower()
    return hosts.where(hosts.str.fullmatch(r"[^.]+(?:\.[^.]+)+"), "")


def _per_unique(values: pd.Series, function) -> pd.Series:
    """``values.map(function)``, calling ``function`` once per distinct value."""
    codes, uniques = pd.factorize(values)
    mapped = pd.array([function(v) for v in uniques], dtype="string")
    return pd.Series(mapped.take(codes), index=values.index)
