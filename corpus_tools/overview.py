"""What is in a corpus: per-outlet summaries and side-by-side views for notebooks."""
from __future__ import annotations

import html
from pathlib import Path, PurePath

import pandas as pd

from .schema import article_mask

#: Inputs whose raw text is a page (a dump or HTML) that can be shown beside its article.
PAGE_SUFFIXES = (".txt", ".html", ".htm")


def outlet_summary(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet: articles, teasers, date range, length and wire share.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The article table.

    Returns
    -------
    pandas.DataFrame
        Columns ``outlet``, ``articles``, ``teasers``, ``first``, ``last``,
        ``median_words``, ``undated``, ``wire_share`` (share of articles crediting a
        wire agency), sorted by number of articles.

    Examples
    --------
    >>> table = pd.DataFrame({"outlet": ["A", "A", "B"], "kind": ["article"] * 3,
    ...     "published": pd.to_datetime(["2025-07-01", None, "2025-07-02"], utc=True),
    ...     "n_words": [100, 300, 50], "agency": ["AFP", "", ""]})
    >>> outlet_summary(table)["articles"].tolist()
    [2, 1]
    """
    is_article = article_mask(corpus)
    articles = corpus[is_article]
    summary = articles.groupby("outlet").agg(
        articles=("published", "size"),
        first=("published", "min"),
        last=("published", "max"),
        median_words=("n_words", lambda s: int(round(s.median()))),
        undated=("published", lambda s: int(s.isna().sum())),
        wire_share=("agency", lambda s: float((s != "").mean())),
    )
    teasers = corpus[~is_article].groupby("outlet").size().rename("teasers")
    summary = summary.join(teasers, how="outer").fillna({"articles": 0, "teasers": 0})
    summary[["articles", "teasers"]] = summary[["articles", "teasers"]].astype("int64")
    columns = ["articles", "teasers", "first", "last", "median_words", "undated", "wire_share"]
    return (
        summary[columns].sort_values(["articles", "teasers"], ascending=False)
        .reset_index().rename(columns={"index": "outlet"})
    )


def agency_counts(corpus: pd.DataFrame) -> pd.DataFrame:
    """Articles per outlet and credited wire agency ("none" when no agency is credited)."""
    articles = corpus[article_mask(corpus)]
    agency = articles["agency"].replace("", "none")
    return (
        articles.assign(agency=agency).groupby(["outlet", "agency"]).size()
        .rename("articles").reset_index().sort_values(["outlet", "articles"], ascending=[True, False])
        .reset_index(drop=True)
    )


def side_by_side(left: str, right: str, titles: tuple[str, str] = ("Raw", "Cleaned")):
    """Two texts in two columns, escaped: corpus text is shown as text, never markup.

    Returns
    -------
    IPython.display.HTML
    """
    from IPython.display import HTML

    cell = (
        '<td style="vertical-align:top;width:50%"><pre style="white-space:pre-wrap;'
        'font-size:0.8em">{}</pre></td>'
    )
    head = "".join(f"<th>{html.escape(t)}</th>" for t in titles)
    body = cell.format(html.escape(left)) + cell.format(html.escape(right))
    return HTML(f"<table><tr>{head}</tr><tr>{body}</tr></table>")


def filter_corpus(corpus: pd.DataFrame, *, outlets=None, date_from=None, date_to=None) -> pd.DataFrame:
    """The rows of some outlets and a date range (bounds included; None = no bound).

    Undated articles are kept when no date bound is given and dropped otherwise.

    Examples
    --------
    >>> filter_corpus(corpus, outlets=["TASS", "BBC"], date_from="2017-01-01")  # doctest: +SKIP
    """
    rows = corpus
    if outlets:
        wanted = [outlets] if isinstance(outlets, str) else list(outlets)
        unknown = sorted(set(wanted) - set(corpus["outlet"]))
        if unknown:
            raise ValueError(f"No articles from {unknown}. Outlets in the table: "
                             f"{sorted(corpus['outlet'].unique())}.")
        rows = rows[rows["outlet"].isin(wanted)]
    if date_from is not None:
        rows = rows[rows["published"] >= pd.Timestamp(date_from, tz="UTC")]
    if date_to is not None:
        end = pd.Timestamp(date_to, tz="UTC") + pd.Timedelta(days=1)  # the whole last day
        rows = rows[rows["published"] < end]
    return rows


def page_before_after(articles: pd.DataFrame, max_chars: int = 4000):
    """The raw input of the first article read from a page (dump or HTML) beside the
    body kept for it; None when no article comes from a page that can be opened.

    The raw text is cut to ``max_chars`` (a page dump can be much longer than its
    article), and the heading says so.

    Returns
    -------
    IPython.display.HTML or None
    """
    from .ingest import read_source_text

    pages = page_source_rows(articles)
    if pages.empty:
        return None
    # A page dump shows cleaning best (chrome, teasers, related stories); HTML next.
    order = pages["source_file"].str.lower().str.contains(r"\.html?(?:\.gz)?$", regex=True)
    example = pages.assign(_html=order).sort_values(["_html", "source_file", "source_index"]).iloc[0]
    raw = read_source_text(example["source_file"])
    shown = raw if len(raw) <= max_chars else raw[:max_chars] + "\u2026"
    cut = "" if len(raw) <= max_chars else f" (first {max_chars:,} of {len(raw):,} characters)"
    name = str(example["source_file"]).replace("\\", "/").rsplit("/", 1)[-1]
    return side_by_side(shown, example["body"],
                        titles=(f"Raw: {name}{cut}", f"Cleaned: {example['outlet']} — {example['title']}"))


def top_terms_by_group(distinctive: pd.DataFrame, sizes: pd.Series, n_terms: int = 10) -> pd.DataFrame:
    """One row per group: its article count and its most distinctive terms, in one cell.

    Parameters
    ----------
    distinctive : pandas.DataFrame
        :func:`corpus_tools.compare.distinctive_terms` of every group against the rest.
    sizes : pandas.Series
        Articles per group, in the order to show them.
    n_terms : int
        Terms per group (only those used clearly more than by the rest, z > 2).

    Examples
    --------
    >>> d = pd.DataFrame({"group": ["A", "A", "B"], "term": ["xi_jinping", "trade", "nhs"],
    ...                   "z": [5.0, 1.0, 3.0]})
    >>> top_terms_by_group(d, pd.Series({"A": 10, "B": 4})).to_dict("list")
    {'outlet': ['A', 'B'], 'articles': [10, 4], 'distinctive terms': ['xi jinping', 'nhs']}
    """
    ahead = distinctive[distinctive["z"] > 2].sort_values(["group", "z"], ascending=[True, False])
    terms = ahead.groupby("group")["term"].apply(
        lambda t: ", ".join(str(x).replace("_", " ") for x in t.head(n_terms)))
    return pd.DataFrame({"outlet": list(sizes.index), "articles": sizes.to_numpy(),
                         "distinctive terms": [terms.get(g, "") for g in sizes.index]})


def source_suffix(source_file: str) -> str:
    """The format suffix of an input (an archive member's own; ``.gz`` looked through)."""
    name = PurePath(str(source_file).rsplit("!", 1)[-1]).name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return PurePath(name).suffix


def page_source_rows(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles read from page dumps or HTML pages whose input can still be opened."""
    pages = articles[articles["source_file"].map(source_suffix).isin(PAGE_SUFFIXES)]
    exists = {f: Path(str(f).split("!", 1)[0]).exists() for f in pages["source_file"].unique()}
    return pages[pages["source_file"].map(exists).astype(bool)] if len(pages) else pages
