"""Figures of sourcing: whom each outlet quotes, how, and one quote's path across outlets."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._style import new_figure, shorten

__all__ = ["top_speakers", "speaker_type_shares", "source_scatter", "quote_path"]

_TYPE_COLOURS = {"person": "#4c72b0", "organisation": "#55a868", "anonymous": "#c44e52",
                 "document": "#8172b2"}


def top_speakers(sources: pd.DataFrame, groups=None, n: int = 8):
    """Bars: for each outlet, the speakers quoted in the largest share of its articles.

    Parameters
    ----------
    sources : pandas.DataFrame
        :func:`corpus_tools.compare.sourcing` output (rows of kind "cited" are drawn).
    groups : list of str, optional
        Outlets shown, in this order; default the (up to) four with most quoted speakers.
    n : int
        Speakers per outlet.

    Returns
    -------
    matplotlib.figure.Figure
        One panel per outlet; bar length is the share of the outlet's articles that
        quote the speaker, the article count is written at the end of each bar.
    """
    cited = sources[sources["kind"] == "cited"]
    if cited.empty:
        raise ValueError("No named speaker to draw: sourcing(...) found no attribution to a "
                         "named person or organisation.")
    if groups is None:
        groups = cited.groupby("group")["articles"].sum().sort_values(ascending=False).index[:4].tolist()
    groups = [g for g in groups if g in set(cited["group"])]
    if not groups:
        raise ValueError("None of the groups asked for quotes a named speaker.")
    fig, axes = new_figure(height=max(2.4, 0.22 * n * ((len(groups) + 1) // 2) + 1.2),
                           nrows=(len(groups) + 1) // 2, ncols=min(2, len(groups)), squeeze=False)
    for ax, group in zip(axes.ravel(), groups):
        rows = cited[cited["group"] == group].nlargest(n, "articles").iloc[::-1]
        ax.barh([shorten(s, 26) for s in rows["source"]], rows["share"], color="#4c72b0")
        for y, (share, count) in enumerate(zip(rows["share"], rows["articles"])):
            ax.text(share, y, f" {count}", va="center", fontsize=7)
        ax.set_title(shorten(group, 40))
        ax.set_xlabel("Share of the outlet's articles quoting them")
        ax.set_xlim(0, max(0.05, float(rows["share"].max()) * 1.25))
    for ax in axes.ravel()[len(groups):]:
        ax.axis("off")
    fig.suptitle("Who each outlet quotes most")
    return fig


def speaker_type_shares(profile: pd.DataFrame, max_groups: int = 20):
    """Stacked bars: each outlet's attributions by speaker type.

    Parameters
    ----------
    profile : pandas.DataFrame
        :func:`corpus_tools.compare.source_profile` output.
    max_groups : int
        Outlets shown, those with the most articles.

    Returns
    -------
    matplotlib.figure.Figure
        One bar per outlet (article count in the label), sorted by the share of
        anonymous sources; persons, organisations, anonymous sources and documents.
    """
    shown = profile[profile["attributions_per_article"] > 0].nlargest(max_groups, "articles")
    if shown.empty:
        raise ValueError("No attribution in any group: nothing to draw.")
    shown = shown.sort_values("anonymous")
    fig, ax = new_figure(height=max(2.5, 0.3 * len(shown) + 1.4))
    labels = [f"{shorten(g, 28)} ({n})" for g, n in zip(shown.index, shown["articles"])]
    left = np.zeros(len(shown))
    for kind, colour in _TYPE_COLOURS.items():
        values = shown[kind].to_numpy(dtype=float)
        ax.barh(labels, values, left=left, color=colour, label=kind)
        left += values
    ax.set_xlim(0, 1)
    ax.set_xlabel("Share of the outlet's attributions")
    ax.set_title("Whom the outlets quote: people, organisations, anonymous sources, documents")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.06), ncol=4, frameon=False)
    return fig


def source_scatter(distinctive: pd.DataFrame, n_labels: int = 8):
    """Two outlets' speakers: articles quoting each in one outlet against the other.

    Parameters
    ----------
    distinctive : pandas.DataFrame
        :func:`corpus_tools.compare.distinctive_sources` for one target and one reference.
    n_labels : int
        Most distinctive speakers named on each side.

    Returns
    -------
    matplotlib.figure.Figure
        Each dot a speaker (jittered counts, log scales); colour is the z-score; the
        most distinctive on each side are named.
    """
    if distinctive.empty:
        raise ValueError("No speaker to draw: neither group quotes a named speaker.")
    if distinctive["group"].nunique() != 1 or distinctive["reference"].nunique() != 1:
        raise ValueError("source_scatter draws one target against one reference: filter the "
                         "distinctive_sources output to one group first.")
    target, reference = distinctive["group"].iloc[0], distinctive["reference"].iloc[0]
    fig, ax = new_figure(height=4.6)
    x = distinctive["count_reference"].to_numpy() + 1
    y = distinctive["count"].to_numpy() + 1
    limit = float(np.nanmax(np.abs(distinctive["z"]))) or 1.0
    points = ax.scatter(x, y, c=distinctive["z"].clip(-limit, limit), cmap="coolwarm",
                        vmin=-limit, vmax=limit, s=14, alpha=0.8, linewidths=0)
    top = pd.concat([distinctive.nlargest(n_labels, "z"), distinctive.nsmallest(n_labels, "z")])
    for _, row in top.drop_duplicates("source").iterrows():
        ax.annotate(shorten(row["source"], 22), (row["count_reference"] + 1, row["count"] + 1),
                    fontsize=7, xytext=(3, 2), textcoords="offset points")
    high = max(x.max(), y.max()) * 1.3
    ax.plot([1, high], [1, high], color="grey", linewidth=0.8, linestyle="--")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(f"{shorten(reference, 30)}: articles quoting the speaker (+1)")
    ax.set_ylabel(f"{shorten(target, 30)}: articles quoting the speaker (+1)")
    ax.set_title(f"Speakers {shorten(target, 25)} quotes more (up) and {shorten(reference, 25)} more (down)")
    fig.colorbar(points, ax=ax, label="z (log-odds, informative prior)", shrink=0.8)
    return fig


def quote_path(paths: pd.DataFrame, quote_id: str | None = None):
    """One quote's path: which outlets printed which version, and when.

    Parameters
    ----------
    paths : pandas.DataFrame
        :func:`corpus_tools.track_quotes` output.
    quote_id : str, optional
        The quote drawn; default the one printed by the most outlets.

    Returns
    -------
    matplotlib.figure.Figure
        Outlets up the side, dates across; each article a marker (filled: the full
        quote, open: a shortened or edited version); the first printer is marked.
    """
    if paths.empty:
        raise ValueError("No quote printed by several outlets to draw.")
    quote_id = quote_id or paths["quote_id"].iloc[0]
    rows = paths[paths["quote_id"] == quote_id]
    if rows.empty:
        raise ValueError(f"No quote {quote_id!r} in the table.")
    dated = rows[rows["published"].notna()]
    if dated.empty:
        raise ValueError(f"Quote {quote_id!r}: no version has a date, so there is no path to draw.")
    outlets = list(dict.fromkeys(dated.sort_values("published")["outlet"]))
    fig, ax = new_figure(height=max(2.4, 0.35 * len(outlets) + 1.6))
    y = dated["outlet"].map({o: i for i, o in enumerate(outlets)})
    for version, marker in (("full", "o"), ("shortened", "o"), ("edited", "s")):
        chosen = dated["version"] == version
        ax.scatter(dated.loc[chosen, "published"], y[chosen], marker=marker, s=40,
                   facecolors="#4c72b0" if version == "full" else "none",
                   edgecolors="#4c72b0", label=version)
    first = dated[dated["first"]]
    ax.scatter(first["published"], y[first.index], marker="*", s=160, color="#c44e52",
               label="printed first", zorder=3)
    ax.set_yticks(range(len(outlets)), [shorten(o, 28) for o in outlets])
    ax.set_xlabel("Published")
    speaker = rows["speaker"].replace("", np.nan).dropna()
    who = f"{shorten(speaker.mode().iloc[0], 30)}: " if len(speaker) else ""
    ax.set_title(f"{who}\u201c{shorten(rows['root'].iloc[0], 70)}\u201d", fontsize=9)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    fig.autofmt_xdate()
    return fig
