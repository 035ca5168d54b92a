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
#: The tallest figure: at full width it is printed 13 cm high, under half an A4 page,
#: so that a figure pushed to the next page never leaves more than half a page blank.
#: Figures with one row per item cap their rows to stay under it.
MAX_HEIGHT = 5.0
#: Height of one labelled row (a bar, a box) in figures with one row per item.
ROW_HEIGHT = 0.24


def rows_height(n_rows: int, extra: float = 1.2) -> float:
    """The height of a figure of ``n_rows`` labelled rows plus title and axis (``extra``),
    at least 2.5 and at most :data:`MAX_HEIGHT` inches."""
    return min(MAX_HEIGHT, max(2.5, ROW_HEIGHT * n_rows + extra))


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
