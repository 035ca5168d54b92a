"""Figures of outlet comparisons: two outlets' vocabularies, similarity, attention."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._style import MAX_HEIGHT, new_figure, rows_height, shorten


def term_scatter(terms: pd.DataFrame, n_labels: int = 12, min_count: int = 3):
    """Scattertext-like chart of two groups: frequency in one against the other.

    Parameters
    ----------
    terms : pandas.DataFrame
        Output of :func:`corpus_tools.compare.distinctive_terms` for one target and
        one reference (columns ``group``, ``reference``, ``term``, ``z``, ``count``,
        ``count_reference``).
    n_labels : int
        Most distinctive terms labelled on each side.
    min_count : int
        Terms used fewer times in both groups together are not drawn.

    Returns
    -------
    matplotlib.figure.Figure
        Log-log axes of occurrences per 10,000 words; colour is the z-score; the
        labelled terms are listed beside the plot so that labels never overlap.
    """
    if terms["group"].nunique() != 1 or terms["reference"].nunique() != 1:
        raise ValueError("term_scatter draws one target against one reference: filter the "
                         "distinctive_terms output to one group first.")
    target, reference = terms["group"].iloc[0], terms["reference"].iloc[0]
    shown = terms[(terms["count"] + terms["count_reference"]) >= min_count]
    rate_a = 1e4 * (shown["count"] + 0.5) / terms["count"].sum()
    rate_b = 1e4 * (shown["count_reference"] + 0.5) / terms["count_reference"].sum()
    fig, (ax, side) = new_figure(height=MAX_HEIGHT, ncols=2, width_ratios=[3, 1.25])
    limit = float(np.nanpercentile(np.abs(shown["z"]), 99)) or 1.0
    points = ax.scatter(rate_b, rate_a, c=shown["z"].clip(-limit, limit), cmap="coolwarm",
                        vmin=-limit, vmax=limit, s=8, alpha=0.7, linewidths=0)
    low, high = min(rate_a.min(), rate_b.min()), max(rate_a.max(), rate_b.max())
    ax.plot([low, high], [low, high], color="grey", linewidth=0.8, linestyle="--")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(f"{shorten(reference, 30)}: uses per 10,000 words")
    ax.set_ylabel(f"{shorten(target, 30)}: uses per 10,000 words")
    ax.set_title(f"{shorten(target, 25)} against {shorten(reference, 25)}")
    fig.colorbar(points, ax=ax, label="z (log-odds, informative prior)", shrink=0.8)
    top = shown.nlargest(n_labels, "z")
    bottom = shown.nsmallest(n_labels, "z")
    for rank, (_, row) in enumerate(pd.concat([top, bottom]).iterrows()):
        ax.annotate(str(rank + 1), (1e4 * (row["count_reference"] + 0.5) / terms["count_reference"].sum(),
                                    1e4 * (row["count"] + 0.5) / terms["count"].sum()),
                    fontsize=6, xytext=(2, 2), textcoords="offset points")
    lines = [f"More {shorten(target, 22)}:"] + [
        f"{i + 1:>2}. {shorten(t, 22)}" for i, t in enumerate(top["term"])
    ] + ["", f"More {shorten(reference, 22)}:"] + [
        f"{i + 1 + len(top):>2}. {shorten(t, 22)}" for i, t in enumerate(bottom["term"])
    ]
    side.axis("off")
    side.text(0, 1, "\n".join(lines), va="top", ha="left", family="monospace", fontsize=7,
              transform=side.transAxes)
    return fig


def similarity_heatmap(similarity: pd.DataFrame, title: str = "How alike the outlets are"):
    """Heatmap of a square similarity matrix with the values printed in the cells.

    Parameters
    ----------
    similarity : pandas.DataFrame
        Output of :func:`corpus_tools.compare.outlet_similarity`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    n = len(similarity)
    size = max(3.5, min(MAX_HEIGHT, 0.3 * n + 1.5))
    fig, ax = new_figure(height=size, width=min(7.0, size + 1.2))
    image = ax.imshow(similarity.to_numpy(), cmap="viridis", vmin=float(np.nanmin(similarity.to_numpy())), vmax=1)
    labels = [shorten(x, 20) for x in similarity.index]
    ax.set_xticks(range(n), labels, rotation=45, ha="right")
    ax.set_yticks(range(n), labels)
    if n <= 15:
        for i in range(n):
            for j in range(n):
                value = similarity.iat[i, j]
                ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=6,
                        color="white" if value < 0.75 else "black")
    ax.set_title(title)
    ax.set_xlabel("Outlet")
    ax.set_ylabel("Outlet")
    fig.colorbar(image, ax=ax, label="similarity (1 = identical)", shrink=0.8)
    return fig


def prevalence_difference_bars(difference: pd.DataFrame, top: int = 15):
    """Horizontal bars: difference in topic prevalence between two outlets, with CIs.

    Parameters
    ----------
    difference : pandas.DataFrame
        Output of :func:`corpus_tools.compare.prevalence_difference`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    rows = difference.reindex(difference["difference"].abs().sort_values(ascending=False).index).head(top)
    rows = rows.sort_values("difference")
    a, b = difference.attrs.get("a", "A"), difference.attrs.get("b", "B")
    fig, ax = new_figure(height=rows_height(len(rows)))
    y = np.arange(len(rows))
    colours = np.where(rows["difference"] > 0, "#b2182b", "#2166ac")
    ax.barh(y, rows["difference"], color=colours, alpha=0.8)
    ax.errorbar(rows["difference"], y, xerr=[rows["difference"] - rows["ci_low"], rows["ci_high"] - rows["difference"]],
                fmt="none", ecolor="black", elinewidth=0.8, capsize=2)
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set_yticks(y, [shorten(f"{t}: {l}", 38) for t, l in zip(rows["topic"], rows["label"])])
    ax.set_xlabel(f"Share of articles' words: {shorten(a, 20)} minus {shorten(b, 20)}")
    ax.set_ylabel("Topic")
    ax.set_title(f"Topic prevalence: {shorten(a, 25)} against {shorten(b, 25)} (95% intervals)")
    return fig


def attention_over_time(attention: pd.DataFrame, top: int = 8):
    """Lines: share of each outlet's articles that match the query, per period.

    Parameters
    ----------
    attention : pandas.DataFrame
        Output of :func:`corpus_tools.compare.attention`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = new_figure()
    leaders = attention.groupby("group")["matches"].sum().sort_values(ascending=False).index[:top]
    for name in leaders:
        rows = attention[attention["group"] == name].sort_values("period")
        ax.plot(rows["period"].dt.tz_localize(None), 100 * rows["share"], marker="o", markersize=3,
                label=shorten(name, 24))
    query = attention.attrs.get("query", "")
    ax.set_title(f"Attention to {shorten(query, 50)!s}" if query else "Attention over time")
    ax.set_xlabel("Period")
    ax.set_ylabel("% of the outlet's articles matching")
    if len(leaders):
        ax.legend(ncols=2, loc="upper left")
    return fig
