"""Figures for notebooks and reports: each function draws and returns a Figure.

Every figure has a title, labelled axes and legible ticks, and is sized for an A4 page.
"""
from __future__ import annotations

from ._style import new_figure
from .compare import (
    attention_over_time,
    prevalence_difference_bars,
    similarity_heatmap,
    term_scatter,
)
from .corpus import article_lengths, articles_over_time, articles_per_outlet
from .syndication import largest_copy_groups, publication_lag, wire_copy_share
from .topics import (
    n_topics_choice,
    topic_prevalence_intervals,
    topic_prevalence_over_time,
    topic_terms_bars,
)

__all__ = [
    "article_lengths", "articles_over_time", "articles_per_outlet", "attention_over_time",
    "largest_copy_groups", "n_topics_choice", "new_figure", "prevalence_difference_bars",
    "publication_lag", "similarity_heatmap", "term_scatter", "topic_prevalence_intervals",
    "topic_prevalence_over_time", "topic_terms_bars", "wire_copy_share",
]
