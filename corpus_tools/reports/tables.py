"""Tables for reports: the top rows of a long table, with the count of the rest.

A report is read on a screen and on A4 paper, where a table of 3,000 rows is 80
pages nobody reads and a cell holding a whole article is wider than the page.
"""
from __future__ import annotations

import html

import pandas as pd

__all__ = ["ShownTable", "show_table"]


class ShownTable:
    """The first rows of a table and a note on how many were left out.

    Returned by :func:`show_table`; Jupyter displays it through ``_repr_html_``
    (the cell text is escaped by pandas: corpus text is never markup) and scripts
    through ``repr``. ``frame`` is the shown part, ``total`` the rows in all.
    """

    def __init__(self, frame: pd.DataFrame, total: int, caption: str | None = None):
        self.frame = frame
        self.total = total
        self.caption = caption

    @property
    def rest(self) -> int:
        """Rows of the original table that are not shown."""
        return self.total - len(self.frame)

    def _note(self) -> str:
        if self.rest <= 0:
            return f"{self.total:,} row{'' if self.total == 1 else 's'}."
        return f"Top {len(self.frame):,} rows shown; {self.rest:,} more not shown ({self.total:,} in all)."

    def _repr_html_(self) -> str:
        caption = f"<p><strong>{html.escape(self.caption)}</strong></p>" if self.caption else ""
        # escape=True is pandas' default; spelled out because it is the safety guarantee.
        table = self.frame.to_html(escape=True, border=0, classes="ct-table", na_rep="")
        return f'{caption}{table}<p class="ct-table-note">{html.escape(self._note())}</p>'

    def __repr__(self) -> str:
        head = f"{self.caption}\n" if self.caption else ""
        return f"{head}{self.frame.to_string()}\n{self._note()}"


def _tidy(frame: pd.DataFrame, max_chars: int) -> pd.DataFrame:
    """Dates without a time of day as dates; long text cut to ``max_chars``."""
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if isinstance(column.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(column):
            known = column.dropna()
            # "2017-02-07 00:00:00+00:00" wraps into four lines in a narrow column.
            if len(known) and (known == known.dt.normalize()).all():
                out[name] = column.dt.strftime("%Y-%m-%d").where(column.notna(), "")
        elif pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column):
            out[name] = column.map(
                lambda v: v if not isinstance(v, str) or len(v) <= max_chars
                else v[: max_chars - 1] + "\u2026"
            )
    return out


def show_table(table: pd.DataFrame | pd.Series, n: int = 20, *, max_chars: int = 160,
               caption: str | None = None) -> ShownTable:
    """Show the top ``n`` rows of a table and say how many more there are.

    Parameters
    ----------
    table : pandas.DataFrame or pandas.Series
        Any table, already sorted so that the top rows are the ones to read.
    n : int
        Rows to show (20 fit one A4 page with a figure).
    max_chars : int
        Text cells longer than this are cut with an ellipsis, so that a table fits
        the width of a page.
    caption : str, optional
        A line shown above the table.

    Returns
    -------
    ShownTable
        Displays as an HTML table followed by "Top 20 rows shown; 1,234 more not
        shown (1,254 in all)."

    Examples
    --------
    >>> articles = pd.DataFrame({"outlet": ["AFP", "TASS", "CNN"], "n_words": [300, 120, 800]})
    >>> shown = show_table(articles, n=2)
    >>> shown.rest
    1
    >>> print(repr(shown).splitlines()[-1])
    Top 2 rows shown; 1 more not shown (3 in all).
    """
    if n < 1:
        raise ValueError(f"show_table needs n >= 1 rows to show, got n={n}.")
    if isinstance(table, pd.Series):
        table = table.to_frame()
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"show_table expects a pandas DataFrame or Series, got {type(table).__name__}.")
    return ShownTable(_tidy(table.head(n), max_chars), len(table), caption)
