"""Figures of syndication: wire-copy share per outlet, largest copy groups, publication lag."""
from __future__ import annotations

import numpy as np
import pandas as pd

from matplotlib.ticker import MaxNLocator

from ._style import new_figure, rows_height, shorten

__all__ = ["wire_copy_share", "largest_copy_groups", "publication_lag"]

_OWN = "own reporting"
_UNCREDITED = "uncredited copy"


def wire_copy_share(outlets: pd.DataFrame, max_outlets: int = 15):
    """Stacked bars: the share of each outlet's articles by source (agency, uncredited
    copy, own reporting).

    Parameters
    ----------
    outlets : pandas.DataFrame
        ``coverage_table(corpus).outlets`` (columns ``outlet``, ``source``, ``share``,
        ``outlet_articles``).
    max_outlets : int
        Outlets shown, those with the most articles.

    Returns
    -------
    matplotlib.figure.Figure
        One horizontal bar per outlet (article count in the label), sorted by wire
        share; agencies in colour, uncredited copies hatched grey, own reporting light.
    """
    if outlets.empty:
        raise ValueError("No outlets to draw: coverage_table(...).outlets is empty.")
    wide = outlets.pivot_table(index="outlet", columns="source", values="share",
                               aggfunc="sum", fill_value=0.0)
    sizes = outlets.groupby("outlet")["outlet_articles"].first()
    keep = sizes.sort_values(ascending=False).index[:max_outlets]
    wide = wide.loc[keep]
    agencies = [c for c in wide.columns if c not in (_OWN, _UNCREDITED)]
    agencies = sorted(agencies, key=lambda c: -wide[c].sum())
    wire = wide[agencies].sum(axis=1) if agencies else pd.Series(0.0, index=wide.index)
    wide = wide.loc[wire.sort_values().index]
    fig, ax = new_figure(height=rows_height(len(wide), 1.4))
    left = np.zeros(len(wide))
    labels = [f"{shorten(o, 30)} ({sizes[o]})" for o in wide.index]
    colours = dict(zip(agencies, _palette(len(agencies))))
    for column in agencies + [_UNCREDITED, _OWN]:
        if column not in wide:
            continue
        values = wide[column].to_numpy()
        style = {"color": colours.get(column, "#dddddd")}
        if column == _UNCREDITED:
            style = {"color": "#9e9e9e", "hatch": "//", "edgecolor": "white"}
        ax.barh(labels, values, left=left, label=column, **style)
        left += values
    ax.set_xlim(0, 1)
    ax.set_xlabel("Share of the outlet's articles")
    ax.set_ylabel("Outlet (articles)")
    ax.set_title("How much of each outlet is wire copy, by agency")
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.06), ncol=min(5, len(agencies) + 2),
              frameon=False)
    return fig


def largest_copy_groups(marked: pd.DataFrame, n_groups: int = 15):
    """Largest copy groups: how many outlets printed each text, by outlet.

    Parameters
    ----------
    marked : pandas.DataFrame
        Output of ``mark_copies`` (columns ``copy_group``, ``is_original``, ``outlet``,
        ``title``, ``likely_agency``).
    n_groups : int
        Groups shown, largest first.

    Returns
    -------
    matplotlib.figure.Figure
        One bar per group, labelled with the original's title and agency; the bar's
        length is the number of articles in the group.
    """
    grouped = marked[marked["copy_group"].notna()]
    if grouped.empty:
        raise ValueError("No copy groups to draw: mark_copies found no copies.")
    sizes = grouped.groupby("copy_group").size().sort_values(ascending=False).head(n_groups)
    originals = grouped[grouped["is_original"].fillna(False).astype(bool)].set_index("copy_group")
    labels = []
    for group in sizes.index:
        row = originals.loc[group] if group in originals.index else grouped[
            grouped["copy_group"] == group].iloc[0]
        agency = row.get("likely_agency", "") or "no agency"
        labels.append(f"{shorten(row['title'] or group, 45)} [{agency}]")
    outlets = grouped.groupby("copy_group")["outlet"].nunique().reindex(sizes.index)
    fig, ax = new_figure(height=rows_height(len(sizes)))
    y = np.arange(len(sizes))[::-1]
    ax.barh(y, sizes.to_numpy(), color="#4c72b0")
    for yi, total, n_outlets in zip(y, sizes.to_numpy(), outlets.to_numpy()):
        ax.text(total, yi, f" {n_outlets} outlet{'s' if n_outlets != 1 else ''}",
                va="center", fontsize=7)
    ax.set_yticks(y, labels)
    ax.set_xlabel("Articles in the copy group")
    ax.set_ylabel("Original article [agency]")
    ax.set_title("Largest copy groups")
    ax.set_xlim(0, sizes.max() * 1.25)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return fig


def publication_lag(stories: pd.DataFrame, max_outlets: int = 15, min_stories: int = 2):
    """How many hours after the first outlet each outlet publishes a shared story.

    Parameters
    ----------
    stories : pandas.DataFrame
        ``coverage_table(corpus).stories`` (columns ``outlet``, ``hours_after_first``,
        ``n_outlets``).
    max_outlets : int
        Outlets shown, those in the most multi-outlet stories.
    min_stories : int
        Outlets in fewer dated multi-outlet stories are left out.

    Returns
    -------
    matplotlib.figure.Figure
        A box per outlet of its lag (hours, symmetric-log axis) over the stories it
        shares with other outlets; 0 means it published first.
    """
    shared = stories[(stories["n_outlets"] > 1) & stories["hours_after_first"].notna()]
    counts = shared.groupby("outlet").size()
    counts = counts[counts >= min_stories].sort_values(ascending=False).head(max_outlets)
    if counts.empty:
        raise ValueError("No dated stories shared by several outlets: nothing to draw.")
    median = shared[shared["outlet"].isin(counts.index)].groupby("outlet")[
        "hours_after_first"].median().sort_values()
    data = [shared.loc[shared["outlet"] == o, "hours_after_first"].to_numpy() for o in median.index]
    fig, ax = new_figure(height=rows_height(len(median)))
    ax.boxplot(data, vert=False, widths=0.6, showfliers=True,
               flierprops={"markersize": 3, "alpha": 0.5})
    ax.set_yticks(np.arange(1, len(median) + 1),
                  [f"{shorten(o, 30)} ({counts[o]})" for o in median.index])
    ax.set_xscale("symlog", linthresh=1)
    ax.set_xlim(left=0)
    ax.set_xlabel("Hours after the first outlet published the story (0 = first)")
    ax.set_ylabel("Outlet (shared stories)")
    ax.set_title("Who publishes first: lag behind the first outlet")
    return fig


def _palette(n: int) -> list:
    import matplotlib.pyplot as plt

    cmap = plt.get_cmap("tab10" if n <= 10 else "tab20")
    return [cmap(i % cmap.N) for i in range(n)]
