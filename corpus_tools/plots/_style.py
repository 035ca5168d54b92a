"""Shared figure conventions: sizes that fit an A4 page and a screen, readable text."""
from __future__ import annotations


import matplotlib.pyplot as plt

# Sizes chosen to stay legible when a 7-inch figure is printed on A4.
plt.rcParams.update({"font.size": 9, "axes.titlesize": 11, "axes.labelsize": 9,
                     "xtick.labelsize": 8, "ytick.labelsize": 8, "legend.fontsize": 8,
                     "figure.dpi": 110, "savefig.dpi": 150})

#: Width and height in inches of a full-width figure on A4 paper with margins.
A4_WIDTH = 7.0
DEFAULT_HEIGHT = 4.0


def new_figure(height: float = DEFAULT_HEIGHT, width: float = A4_WIDTH, **subplots):
    """Create a Figure and Axes sized for an A4 page with readable fonts.

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes or array of Axes)
    """
    fig, ax = plt.subplots(figsize=(width, height), layout="constrained", **subplots)
    return fig, ax


def shorten(label: str, width: int = 40) -> str:
    """A label from corpus text: cut to ``width`` characters, ``$`` shown as a dollar.

    Corpus text is data: "$5 and $10" in a label must not be typeset as maths, so
    dollar signs are escaped (matplotlib's own tick labels still use mathtext).
    """
    label = str(label)
    label = label if len(label) <= width else label[: width - 1] + "\u2026"
    return label.replace("$", r"\$")
