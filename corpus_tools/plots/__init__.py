"""Figures for notebooks and reports: each function draws and returns a Figure.

Every figure has a title, labelled axes and legible ticks, and is sized for an A4 page.
"""
from __future__ import annotations

from ._style import new_figure

__all__ = ["new_figure"]
