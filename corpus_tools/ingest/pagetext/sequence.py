"""The article as one run of lines with gaps: a small Viterbi over the line model's scores.

A line model scores each line alone (with its neighbours as features); an article is
more than that: one stretch of the page, from its first paragraph to its last, in which
a photo caption, a subheading, an embedded list or an "Advertisement" line may sit
without ending it. Four states say where a line stands::

    before ──> content <──> gap
                  │
                  └──> after

``before`` and ``after`` are the page around the article, ``content`` its text, ``gap``
a line inside the article that is not its text (kept out of the body, but it does not
cut the article). A line's evidence is its log probability of being article text (for
``content``) or not (for the other states), weighted by its length, since a long line
weighs more in what a reader gets. Opening a gap and each line inside one cost a
little, so that a stray paragraph-like line far from the article (a comment, a teaser)
is left out rather than bridged to, and two pieces of one article separated by a
caption are joined. The best path is exact (dynamic programming), linear in the lines.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

BEFORE, CONTENT, GAP, AFTER = 0, 1, 2, 3


@dataclass(frozen=True)
class RunParameters:
    """Costs of the sequence step (log-probability units), tuned on the training pages.

    Attributes
    ----------
    weight_power : float
        A line's evidence is weighted by ``(1 + words) ** weight_power``.
    gap_open : float
        Cost of leaving the article's text for a line that is not (per gap).
    gap_line : float
        Cost of each line inside a gap.
    enter : float
        Cost of starting the article (a page where nothing is likely text stays empty
        only when even its best line cannot pay this).
    """

    weight_power: float = 0.5
    gap_open: float = 2.0
    gap_line: float = 0.5
    enter: float = 0.0


def best_run(probabilities: np.ndarray, words: np.ndarray, params: RunParameters) -> np.ndarray:
    """Which lines are article text: a boolean array, ``True`` on the best run's text lines.

    Parameters
    ----------
    probabilities : numpy.ndarray
        The line model's probability that each line is article text.
    words : numpy.ndarray
        Words in each line.
    params : RunParameters
        The costs of the path.

    Examples
    --------
    A caption (0.2) inside the article is left out without cutting it; a paragraph-like
    line (0.8) twelve lines below the article's end is not bridged to:

    >>> import numpy as np
    >>> p = np.array([0.1, 0.9, 0.2, 0.95, 0.9] + [0.1] * 12 + [0.8, 0.05])
    >>> best_run(p, np.full(len(p), 20), RunParameters()).astype(int).tolist()
    [0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    """
    n = len(probabilities)
    if n == 0:
        return np.zeros(0, dtype=bool)
    p = np.clip(probabilities, 1e-6, 1 - 1e-6)
    weight = (1.0 + words) ** params.weight_power
    yes = (weight * np.log(p)).tolist()
    no = (weight * np.log1p(-p)).tolist()
    minus_inf = -math.inf
    # score[state] of the best path ending in that state at the current line
    before, content, gap, after = no[0], yes[0] - params.enter, minus_inf, minus_inf
    back = []  # for each line after the first: the best previous state of each state
    for i in range(1, n):
        # content <- before | content | gap
        from_before = before - params.enter
        c_prev, c_score = (BEFORE, from_before)
        if content > c_score:
            c_prev, c_score = CONTENT, content
        if gap > c_score:
            c_prev, c_score = GAP, gap
        # gap <- content (open) | gap (stay)
        open_gap, stay = content - params.gap_open - params.gap_line, gap - params.gap_line
        g_prev, g_score = (CONTENT, open_gap) if open_gap >= stay else (GAP, stay)
        # after <- content | after
        a_prev, a_score = (CONTENT, content) if content >= after else (AFTER, after)
        back.append((BEFORE, c_prev, g_prev, a_prev))
        before, content, gap, after = before + no[i], c_score + yes[i], g_score + no[i], a_score + no[i]
    # A path ends before the article (no article), in it, or after it, never in a gap.
    state = max(((before, BEFORE), (content, CONTENT), (after, AFTER)))[1]
    chosen = np.zeros(n, dtype=bool)
    for i in range(n - 1, -1, -1):
        chosen[i] = state == CONTENT
        if i:
            state = back[i - 1][state]
    return chosen
