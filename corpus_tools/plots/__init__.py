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

__all__ = [
    "article_lengths", "articles_over_time", "articles_per_outlet", "attention_over_time",
    "new_figure", "prevalence_difference_bars", "similarity_heatmap", "term_scatter",
]
