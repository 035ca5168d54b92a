"""Which lines of a page are its main article's text: the line model, then the best run.

Lines the rules of :mod:`.lines` already name (a date, an outlet, a byline, a dateline,
a desk slug, an edition note, a list header, a separator, the site's interface) never
enter a body: they go to their own columns or away. Every other line gets the model's
probability of being article text, and :func:`~.sequence.best_run` takes the article
as one run with gaps. A page where no line is likely text still gives its most likely
run, with a low confidence, instead of nothing: what it holds is the reader's call,
and the confidence (and the ingest log) says how sure the cleaner was.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .features import FEATURE_NAMES, line_features, page_lines, word_counts
from .lines import Kind
from .model import LineModel
from .sequence import best_run

FEATURE_TUPLE = tuple(FEATURE_NAMES)
#: Rule kinds that are never body text.
NOT_BODY = frozenset({Kind.DATE, Kind.OUTLET, Kind.READ_TIME, Kind.SLUG, Kind.DATELINE,
                      Kind.EDITION, Kind.BYLINE, Kind.LIST_HEADER, Kind.SEPARATOR, Kind.CHROME,
                      Kind.BLANK})
#: With no run the model believes in, the most likely run is still returned when its
#: best line has at least this probability (below it the page is taken to hold no
#: article: an error page, a bare list of links).
FALLBACK_MIN_PROBABILITY = 0.05
#: Pages whose cleaning confidence is below this are counted in the ingest log.
LOW_CONFIDENCE = 0.8
#: A main article with fewer words is kept but counted in the ingest log: it is rarely an
#: article (a saved "HTTP Error 403" page has 8), as the HTML reader says of its pages.
SHORT_ARTICLE_WORDS = 25


@dataclass
class Selection:
    """The main article's lines in a page.

    Attributes
    ----------
    lines : list of int
        Positions (in the page's lines, blank lines counted) of the body lines, in order.
    confidence : float
        Expected share of the page's words that were put on the right side (article or
        not), by the model's own probabilities: 1.0 when every line was clear-cut. NaN
        when the page has no candidate line.
    fallback : bool
        True when no run was likely and the most likely one was taken anyway.
    """

    lines: list[int]
    confidence: float
    fallback: bool = False


def select_article(raw_lines: list[str], kinds: list[Kind], model: LineModel,
                   end: int | None = None) -> Selection:
    """The main article's lines among ``raw_lines[:end]`` (all lines when ``end`` is None).

    Parameters
    ----------
    raw_lines : list of str
        The page's lines as read (unstripped: tabs count as a feature).
    kinds : list of Kind
        The rule kind of each line (:func:`.segment.classify_lines`).
    model : LineModel
        The line model.
    end : int, optional
        Lines from here on belong to lists of other stories, not to the main article.
    """
    if model.feature_names != FEATURE_TUPLE:
        raise ValueError(
            f"This line model reads {len(model.feature_names)} features that are not the "
            f"{len(FEATURE_TUPLE)} this version computes: retrain it with "
            "`python -m corpus_tools.ingest.pagetext.train`."
        )
    page = page_lines(raw_lines, kinds)
    end = len(raw_lines) if end is None else end
    # The run is found over every line before ``end``; lines that cannot be body text stay
    # in it with probability 0, so that a stretch of them between two prose blocks costs
    # what any gap costs.
    inside = [i for i, where in enumerate(page.index) if where < end]
    read_time = [kind is Kind.READ_TIME for kind in page.kinds] + [False, False]
    # not a teaser's title or summary: a read time ("3 mins") within the next two lines
    # marks a link to an article, not the article
    can_be_body = np.array([page.kinds[i] not in NOT_BODY and not (read_time[i + 1] or read_time[i + 2])
                            for i in inside], dtype=bool)
    if not can_be_body.any():
        return Selection([], float("nan"))
    features = line_features(page)[inside]
    # Only the lines that can be body text are scored (a line's score does not depend on
    # the other rows scored with it): a third to a half of a page's lines are chrome,
    # dates, bylines and other lines the rules already placed.
    probability = np.zeros(len(inside))
    probability[can_be_body] = model.predict_proba(features[can_be_body])
    words = word_counts(features)
    chosen = best_run(probability, words, model.run) & can_be_body
    fallback = False
    if not chosen.any() and probability.max() >= FALLBACK_MIN_PROBABILITY:
        # Rescaled so that the most likely line is likely: the run around it is taken.
        rescaled = np.minimum(probability / probability.max() * 0.9, 0.9)
        chosen = best_run(rescaled, words, model.run) & can_be_body
        fallback = True
    weight = np.maximum(words, 1.0)[can_be_body]
    p = probability[can_be_body]
    right = np.where(chosen[can_be_body], p, 1.0 - p)
    confidence = float((weight * right).sum() / weight.sum())
    if fallback:
        # The model did not believe in any line: the page is as unsure as its best line.
        confidence = min(confidence, float(p.max()))
    return Selection([page.index[inside[i]] for i in np.flatnonzero(chosen)], confidence, fallback)
