"""Figures of topic models: the choice of k, top terms, prevalence by group and time."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ._style import MAX_HEIGHT, new_figure, shorten

__all__ = ["n_topics_choice", "topic_terms_bars", "topic_prevalence_intervals",
           "topic_prevalence_over_time"]


def _grid(n_panels: int, ncols: int, panel_height: float, **subplots):
    ncols = max(1, min(ncols, n_panels))
    nrows = math.ceil(n_panels / ncols)
    fig, axes = new_figure(height=min(MAX_HEIGHT, max(2.2, panel_height * nrows)), nrows=nrows, ncols=ncols,
                           squeeze=False, **subplots)
    axes = axes.ravel()
    for ax in axes[n_panels:]:
        ax.axis("off")
    return fig, axes[:n_panels]


def n_topics_choice(choice):
    """Coherence, stability and diversity against k, the recommended k marked.

    Parameters
    ----------
    choice : TopicNumberChoice
        From :func:`corpus_tools.choose_n_topics`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = n_topics_choice(choose_n_topics(corpus))  # doctest: +SKIP
    """
    table = choice.table
    measures = [("coherence", "Coherence (mean NPMI, top 10)"),
                ("stability", "Stability (agreement of refits, 0-1)"),
                ("diversity", "Diversity (distinct top-25 terms)")]
    fig, axes = new_figure(height=2.6, ncols=3)
    for ax, (column, label) in zip(axes, measures):
        ax.plot(table["n_topics"], table[column], marker="o", color="tab:blue")
        ax.axvline(choice.k, color="tab:red", linestyle="--", linewidth=1,
                   label=f"recommended k = {choice.k}")
        ax.set_xlabel("Number of topics (k)")
        ax.set_ylabel(label)
        ax.set_xticks(table["n_topics"])
        ax.grid(alpha=0.3)
    axes[0].legend(loc="best")
    fig.suptitle(f"How many topics? Recommended: k = {choice.k}")
    return fig


def topic_terms_bars(model, n_terms: int = 8, topics=None, ncols: int = 4):
    """The heaviest terms of each topic as small bar charts, one panel per topic.

    Parameters
    ----------
    model : TopicModel
    n_terms : int, default 8
    topics : list of int, optional
        Which topics to draw (all by default).
    ncols : int, default 4

    Returns
    -------
    matplotlib.figure.Figure
        Bar length is the term's weight in the topic relative to the topic's top term.

    Examples
    --------
    >>> fig = topic_terms_bars(fit_topics(corpus, 12))  # doctest: +SKIP
    """
    topics = list(model.labels.index if topics is None else topics)
    fig, axes = _grid(len(topics), ncols, panel_height=0.18 * n_terms + 0.6)
    terms = model.topic_terms
    for ax, k in zip(axes, topics):
        rows = terms[terms["topic"] == k].nsmallest(n_terms, "rank")
        weight = rows["weight"].to_numpy() / max(rows["weight"].max(), 1e-12)
        ax.barh(np.arange(len(rows)), weight, color="tab:blue")
        ax.set_yticks(np.arange(len(rows)),
                      [shorten(t.replace("_", " "), 22) for t in rows["term"]])
        ax.invert_yaxis()
        ax.set_xlim(0, 1.05)
        ax.set_title(f"Topic {k}", fontsize=9, loc="left")
        ax.tick_params(axis="x", labelsize=7)
    for ax in axes[-ncols:]:
        ax.set_xlabel("Weight (top term = 1)")
    fig.suptitle(f"Top terms of {len(topics)} topics ({model.method.upper()}, "
                 f"k = {model.n_topics})")
    return fig


def _chosen_topics(prevalence: pd.DataFrame, topics, top: int) -> list:
    if topics is not None:
        return list(topics)
    overall = prevalence.groupby("topic")["prevalence"].mean()
    return overall.nlargest(top).index.tolist()


def topic_prevalence_intervals(prevalence: pd.DataFrame, topics=None, top: int = 6,
                               ncols: int = 3):
    """Share of each topic per group (outlet) with its confidence interval.

    Parameters
    ----------
    prevalence : pandas.DataFrame
        From :func:`corpus_tools.topic_prevalence` (``by`` is its first column).
    topics : list of int, optional
        Topics to draw; by default the ``top`` most prevalent overall.
    top : int, default 6
    ncols : int, default 3

    Returns
    -------
    matplotlib.figure.Figure
        One panel per topic: a dot per group at its mean share, a line across its
        bootstrap interval, and a dashed line at the topic's mean over groups.

    Examples
    --------
    >>> fig = topic_prevalence_intervals(topic_prevalence(model, corpus))  # doctest: +SKIP
    """
    by = prevalence.columns[0]
    topics = _chosen_topics(prevalence, topics, top)
    groups = sorted(prevalence[by].astype(str).unique())
    sizes = prevalence.assign(_g=prevalence[by].astype(str)).groupby("_g")["n_docs"].max()
    height = 0.16 * len(groups) + 0.9
    fig, axes = _grid(len(topics), ncols, panel_height=height, sharey=True)
    for ax, k in zip(axes, topics):
        rows = prevalence[prevalence["topic"] == k].assign(_g=lambda d: d[by].astype(str))
        rows = rows.set_index("_g").reindex(groups)
        y = np.arange(len(groups))
        ax.errorbar(rows["prevalence"], y,
                    xerr=[rows["prevalence"] - rows["ci_low"],
                          rows["ci_high"] - rows["prevalence"]],
                    fmt="o", color="tab:blue", ecolor="tab:gray", markersize=3, capsize=0)
        ax.axvline(rows["prevalence"].mean(), color="tab:red", linestyle="--",
                   linewidth=0.8)
        # n beside the name: an interval from 2 articles is not one from 400
        ax.set_yticks(y, [f"{shorten(g, 22)} (n={sizes[g]})" for g in groups])
        ax.invert_yaxis()
        ax.set_title(shorten(f"{k}: {rows['label'].dropna().iloc[0]}", 38), fontsize=8,
                     loc="left")
        ax.set_xlabel("Mean topic share")
        ax.grid(axis="x", alpha=0.3)
    level = "95 %"
    fig.suptitle(f"Topic prevalence by {by} (mean share, {level} bootstrap interval)")
    return fig


def _break_gaps(x: pd.Series, y: pd.Series):
    """Insert NaN where periods are missing, so that lines do not bridge gaps."""
    x, y = x.reset_index(drop=True), y.reset_index(drop=True)
    if len(x) < 3:
        return x, y
    step = x.diff().dropna()
    gap = step > 1.5 * step.median()
    if not gap.any():
        return x, y
    xs, ys = [], []
    for i in range(len(x)):
        if i and gap.get(i, False):
            xs.append(x[i - 1] + (x[i] - x[i - 1]) / 2)
            ys.append(np.nan)
        xs.append(x[i])
        ys.append(y[i])
    return pd.Series(xs), pd.Series(ys, dtype=float)


def topic_prevalence_over_time(prevalence: pd.DataFrame, topics=None, top: int = 6,
                               min_docs: int = 5):
    """Share of topics per period, with a shaded confidence band.

    Parameters
    ----------
    prevalence : pandas.DataFrame
        From :func:`corpus_tools.topic_prevalence` with a time ``by`` ("month", ...).
    topics : list of int, optional
        By default the ``top`` most prevalent overall.
    top : int, default 6
    min_docs : int, default 5
        Periods with fewer articles are left out: their shares are anecdotes.

    Returns
    -------
    matplotlib.figure.Figure
        Lines break where periods are missing.

    Examples
    --------
    >>> prev = topic_prevalence(model, corpus, by="month")  # doctest: +SKIP
    >>> fig = topic_prevalence_over_time(prev)  # doctest: +SKIP
    """
    by = prevalence.columns[0]
    topics = _chosen_topics(prevalence, topics, top)
    fig, ax = new_figure(height=4.2)
    colours = [f"C{i}" for i in range(10)]
    shown = prevalence[prevalence["n_docs"] >= min_docs]
    if shown.empty:
        raise ValueError(f"No {by} has {min_docs} or more articles; lower min_docs.")
    for i, k in enumerate(topics):
        rows = shown[shown["topic"] == k].sort_values(by)
        colour = colours[i % len(colours)]
        x, y = _break_gaps(rows[by], rows["prevalence"])
        ax.plot(x, y, marker="o", markersize=3, color=colour,
                label=shorten(f"{k}: {rows['label'].iloc[0]}", 40))
        for lo, hi in (("ci_low", "ci_high"),):
            x, low = _break_gaps(rows[by], rows[lo])
            _, high = _break_gaps(rows[by], rows[hi])
            ax.fill_between(x, low, high, color=colour, alpha=0.15)
    ax.set_xlabel(f"{by.capitalize()} (those with {min_docs}+ articles)")
    ax.set_ylabel("Mean topic share of articles")
    ax.set_title(f"Topic prevalence by {by} (band: 95 % bootstrap interval)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    return fig
