"""Figures of what a corpus holds: volume per outlet and over time, lengths."""
from __future__ import annotations

import pandas as pd

from ..schema import article_mask
from ._style import new_figure, rows_height, shorten


def articles_per_outlet(corpus: pd.DataFrame, top: int = 15):
    """Horizontal bars: articles (and teasers) per outlet, largest first.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The article table.
    top : int
        Show at most this many outlets.

    Returns
    -------
    matplotlib.figure.Figure
    """
    is_article = pd.Series(article_mask(corpus), index=corpus.index)
    by_outlet = is_article.groupby(corpus["outlet"])
    counts = pd.DataFrame({"article": by_outlet.sum(), "teaser": by_outlet.size() - by_outlet.sum()})
    n_outlets = len(counts)
    counts = counts.sort_values("article", ascending=True).tail(top)
    fig, ax = new_figure(height=rows_height(len(counts), 1.0))
    labels = [shorten(o or "(unknown outlet)") for o in counts.index]
    ax.barh(labels, counts["article"], color="#3b6ea8", label="articles")
    if counts["teaser"].any():
        ax.barh(labels, counts["teaser"], left=counts["article"], color="#b8c9de", label="teasers")
        ax.legend(loc="lower right")
    ax.set_title("Articles per outlet" + (f" (the {len(counts)} largest of {n_outlets:,})"
                                          if n_outlets > len(counts) else ""))
    ax.set_xlabel("Number of articles")
    ax.set_ylabel("Outlet")
    return fig


def articles_over_time(corpus: pd.DataFrame, freq: str = "MS", top: int = 8):
    """Lines: dated articles per period for the largest outlets.

    Parameters
    ----------
    corpus : pandas.DataFrame
    freq : str
        pandas period alias: "D", "W", "MS" (month start), "QS".
    top : int
        Number of outlets drawn; the others are summed as "other outlets".

    Returns
    -------
    matplotlib.figure.Figure
    """
    dated = corpus[article_mask(corpus) & corpus["published"].notna()]
    fig, ax = new_figure()
    if dated.empty:
        ax.text(0.5, 0.5, "No dated articles", ha="center", va="center", transform=ax.transAxes)
    else:
        leaders = dated["outlet"].value_counts().index[:top]
        outlet = dated["outlet"].where(dated["outlet"].isin(leaders), "other outlets")
        series = (
            dated.assign(outlet=outlet, published=dated["published"].dt.tz_localize(None))
            .groupby([pd.Grouper(key="published", freq=freq), "outlet"]).size()
            .unstack(fill_value=0)
        )
        # Periods without articles are gaps, not zeros: a corpus of two distant
        # collections would otherwise draw long lines across the years between them.
        series = series.asfreq(freq).where(lambda frame: frame > 0)
        for name in series.columns:
            ax.plot(series.index, series[name], marker="o", markersize=3, label=shorten(name, 24))
        ax.legend(ncols=2, loc="upper left")
    ax.set_title("Articles over time")
    ax.set_xlabel("Publication date")
    ax.set_ylabel("Articles per period")
    return fig


def article_lengths(corpus: pd.DataFrame, top: int = 15):
    """Box plots of article length in words per outlet (log scale).

    Returns
    -------
    matplotlib.figure.Figure
    """
    articles = corpus[article_mask(corpus) & (corpus["n_words"] > 0)]
    order = articles.groupby("outlet")["n_words"].median().sort_values().index[-top:]
    fig, ax = new_figure(height=rows_height(len(order), 1.0))
    ax.boxplot([articles.loc[articles["outlet"] == o, "n_words"] for o in order],
               vert=False, tick_labels=[shorten(o) for o in order], showfliers=False)
    ax.set_xscale("log")
    ax.set_title("Article length by outlet")
    ax.set_xlabel("Words per article (log scale)")
    ax.set_ylabel("Outlet")
    return fig
