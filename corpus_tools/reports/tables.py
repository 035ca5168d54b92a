"""Tables for reports: formatted, cut to what a page holds, and complete on disk.

A report is read on a screen and on A4 paper, where a table of 3,000 rows is 80
pages nobody reads and a cell holding a whole article is wider than the page. So a
shown table has:

* numbers as a reader writes them (``3,824``, not ``3824.0``; shares as ``12.5%``
  when asked), dates as dates (``2016-04-19``, not ``2016-04-19 00:00:00+00:00``),
  no pandas dtype footer;
* at most ``n`` rows, with a note saying how many more there are and where the whole
  table was written as CSV (next to the report, under ``tables/``);
* at most ``max_columns`` columns per block: a wider table is split into blocks that
  each repeat its first column (the outlet a row is about stays visible);
* its index as its first column(s), under one header row, when the index says what a
  row is about (outlets, dates, named keys), and no index when it is only row numbers;
* text aligned left and numbers right, headers as their column.
"""
from __future__ import annotations

import html
import itertools
import os
import re
from pathlib import Path

import pandas as pd

from .. import config

__all__ = ["ShownTable", "format_table", "show_table"]

#: Columns per block before a table is split (what fits an A4 page at 7.5 pt).
MAX_COLUMNS = 8

_counter = itertools.count(1)


class ShownTable:
    """The first rows of a table (in blocks of columns) and a note on what was left out.

    Returned by :func:`show_table`; Jupyter displays it through ``_repr_html_``
    (the cell text is escaped by pandas: corpus text is never markup) and scripts
    through ``repr``. ``frame`` is the shown part (formatted), ``total`` the rows in
    all, ``csv`` the file holding the whole table when rows were cut, ``keys`` the
    leading columns that say what a row is about (repeated in every block).
    """

    def __init__(self, frame: pd.DataFrame, total: int, caption: str | None = None,
                 csv: Path | None = None, max_columns: int = MAX_COLUMNS, index: bool = False,
                 text_columns=(), keys: int = 1):
        self.frame = frame
        self.total = total
        self.caption = caption
        self.csv = csv
        self.max_columns = max_columns
        self.index = index
        self.keys = keys
        self.text_columns = set(text_columns)  # read from the left; numbers from the right

    @property
    def rest(self) -> int:
        """Rows of the original table that are not shown."""
        return self.total - len(self.frame)

    def _note(self) -> str:
        if self.rest <= 0:
            return f"{self.total:,} row{'' if self.total == 1 else 's'}."
        note = f"Top {len(self.frame):,} rows shown; {self.rest:,} more not shown ({self.total:,} in all)."
        if self.csv is not None:
            note += f" The whole table: {_link_text(self.csv)}."
        return note

    def blocks(self) -> list[pd.DataFrame]:
        """The frame cut into blocks of at most ``max_columns`` columns, each keeping
        the key columns (or the index) so that every block says what its rows are."""
        frame = self.frame
        if frame.shape[1] <= self.max_columns:
            return [frame]
        keep = [] if self.index else list(range(self.keys))  # by position: names may repeat
        rest = list(range(len(keep), frame.shape[1]))
        width = max(1, self.max_columns - len(keep))
        return [frame.iloc[:, keep + rest[i:i + width]] for i in range(0, len(rest), width)]

    def _repr_html_(self) -> str:
        caption = f"<p><strong>{html.escape(self.caption)}</strong></p>" if self.caption else ""
        blocks = self.blocks()
        parts = []
        for i, block in enumerate(blocks, 1):
            if len(blocks) > 1:
                parts.append(f'<p class="ct-table-note">Columns, part {i} of {len(blocks)}:</p>')
            parts.append(self._html(block))
        note = html.escape(self._note())
        if self.csv is not None and self.rest > 0:
            link = html.escape(_link_text(self.csv))
            note = note.replace(link, f'<a href="{link}">{link}</a>', 1)
        return f'{caption}{"".join(parts)}<p class="ct-table-note">{note}</p>'

    def _html(self, block: pd.DataFrame) -> str:
        """The block as an HTML table, every value, label and name escaped here (corpus
        text is data, never markup); text columns aligned left, numbers right."""
        cells = block.copy()
        left = [name in self.text_columns for name in block.columns]
        for i, name in enumerate(cells.columns):
            escaped = cells.iloc[:, i].map(lambda v: html.escape(str(v)))
            cells.isetitem(i, escaped.map(_left) if left[i] else escaped)
        cells.columns = pd.Index([_left(c) if is_text else c
                                  for c, is_text in zip(_escaped(block.columns), left)], dtype=object)
        cells.index = _escaped(block.index)
        # escape=False because every string was escaped above: the safety guarantee.
        return cells.to_html(escape=False, border=0, classes="ct-table", na_rep="", index=self.index)

    def __repr__(self) -> str:
        head = f"{self.caption}\n" if self.caption else ""
        body = "\n\n".join(self._text(b).to_string(index=self.index) for b in self.blocks())
        return f"{head}{body}\n{self._note()}"

    def _text(self, block: pd.DataFrame) -> pd.DataFrame:
        """The block with its text columns (values and header) padded to read from the
        left, as in the HTML (``to_string`` justifies everything right)."""
        block = block.copy()
        names = list(block.columns)
        for i, name in enumerate(names):
            if name in self.text_columns:
                width = max([len(str(name)), *block.iloc[:, i].map(len)])
                block.isetitem(i, block.iloc[:, i].map(lambda v: v.ljust(width)))
                names[i] = str(name).ljust(width)
        block.columns = names
        return block


def _left(text) -> str:
    """Escaped text aligned left in its cell, wrapping (the report's cells are aligned
    right and kept on one line: numbers and dates)."""
    return f'<div style="text-align:left;white-space:normal">{text}</div>'


def _escaped(index: pd.Index) -> pd.Index:
    """An index (or columns) with every label and name escaped as HTML text."""
    def text(value):
        return None if value is None else html.escape(str(value))

    if isinstance(index, pd.MultiIndex):
        return pd.MultiIndex.from_tuples([tuple(text(v) for v in t) for t in index],
                                         names=[text(n) for n in index.names])
    return pd.Index([text(v) for v in index], name=text(index.name), dtype=object)


def _link_text(csv: Path) -> str:
    """The CSV's path as a reader of the report finds it: relative to the reports folder
    in a build (``tables/<notebook>/<name>.csv``), else relative to the working folder."""
    base = (Path(os.environ["CORPUS_TOOLS_TABLES_DIR"]).parent.parent
            if os.environ.get("CORPUS_TOOLS_TABLES_DIR") else Path.cwd())
    try:
        return Path(os.path.relpath(csv, base)).as_posix()
    except ValueError:  # another drive on Windows
        return csv.as_posix()


def _number_format(values: pd.Series):
    known = values.dropna()
    if len(known) and (known == known.round()).all() and known.abs().max() < 1e15:
        return lambda v: f"{int(round(v)):,}"
    biggest = known.abs().max() if len(known) else 0
    decimals = 0 if biggest >= 1000 else 1 if biggest >= 100 else 2 if biggest >= 10 else 3
    return lambda v: f"{v:,.{decimals}f}"


def format_table(table: pd.DataFrame, *, max_chars: int = 160, percent=()) -> pd.DataFrame:
    """The table as text a reader reads: numbers with thousands separators and no
    spurious ``.0``, columns in ``percent`` as percentages, dates without a time of day
    as dates (times to the minute, UTC), long text cut to ``max_chars``, missing values
    blank.

    Examples
    --------
    >>> t = pd.DataFrame({"articles": [485.0, 3824.0], "share": [0.1234, 0.5],
    ...                   "z": [2.345678, -12.5]})
    >>> format_table(t, percent=["share"]).to_dict("list")
    {'articles': ['485', '3,824'], 'share': ['12.3%', '50.0%'], 'z': ['2.35', '-12.50']}
    """
    out = pd.DataFrame(index=table.index)
    for position, name in enumerate(table.columns):
        column = table.iloc[:, position]  # by position: an index made a column may repeat a name
        if isinstance(column.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(column):
            known = column.dropna()
            # "2017-02-07 00:00:00+00:00" wraps into four lines in a narrow column.
            pattern = "%Y-%m-%d" if (known == known.dt.normalize()).all() else "%Y-%m-%d %H:%M"
            text = column.dt.strftime(pattern)
        elif pd.api.types.is_bool_dtype(column):
            text = column.map(lambda v: "" if pd.isna(v) else ("yes" if v else "no"))
        elif pd.api.types.is_numeric_dtype(column):
            numbers = pd.to_numeric(column, errors="coerce").astype("float64")
            fmt = (lambda v: f"{v:.1%}") if name in percent else _number_format(numbers)
            text = numbers.map(lambda v: "" if pd.isna(v) else fmt(v))
        else:
            text = column.map(lambda v: "" if v is None or (not isinstance(v, (list, tuple, dict))
                                                            and pd.isna(v)) else
                              v if isinstance(v, str) else str(v))
            text = text.map(lambda v: v if len(v) <= max_chars else v[: max_chars - 1] + "\u2026")
        out[position] = text.fillna("").astype(object)
    out.columns = table.columns
    out.index = _formatted_index(table.index)
    return out


def _formatted_index(index: pd.Index) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return index
    if isinstance(index, pd.DatetimeIndex):
        normal = (index == index.normalize()).all()
        return pd.Index(index.strftime("%Y-%m-%d" if normal else "%Y-%m-%d %H:%M"), name=index.name)
    return index


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:60]


def show_table(table: pd.DataFrame | pd.Series, n: int = 20, *, max_chars: int = 160,
               caption: str | None = None, name: str | None = None, percent=(),
               max_columns: int = MAX_COLUMNS, index: bool | None = None) -> ShownTable:
    """Show the top ``n`` rows of a table, formatted, and say how many more there are.

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
    name : str, optional
        File name (without ``.csv``) of the whole table when rows are cut; by default
        from the caption, else ``table_<n>``. Written under
        :func:`corpus_tools.config.tables_dir`: beside the report in a build.
    percent : sequence of str
        Columns of shares (0-1) shown as percentages.
    max_columns : int
        Columns per block: a wider table is shown in blocks that repeat its first
        column (its index, when shown).
    index : bool, optional
        Show the index, as the table's first column(s); default: unless it is only
        row numbers (an unnamed index of integers, as filtering and sorting leave).

    Returns
    -------
    ShownTable
        Displays as an HTML table followed by "Top 20 rows shown; 1,234 more not
        shown (1,254 in all). The whole table: tables/....csv."

    Examples
    --------
    >>> articles = pd.DataFrame({"outlet": ["AFP", "TASS", "CNN"], "n_words": [300, 120, 800]})
    >>> shown = show_table(articles, n=3)
    >>> print(repr(shown))
    outlet n_words
    AFP        300
    TASS       120
    CNN        800
    3 rows.
    """
    if n < 1:
        raise ValueError(f"show_table needs n >= 1 rows to show, got n={n}.")
    if isinstance(table, pd.Series):
        table = table.to_frame()
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"show_table expects a pandas DataFrame or Series, got {type(table).__name__}.")
    if index is None:  # row numbers (left over from filtering) say nothing to a reader
        index = any(n is not None for n in table.index.names) or not all(
            pd.api.types.is_integer_dtype(level) for level in _levels(table.index))
    keys = 1
    if index:  # the index as the first column(s): one header row, kept in every block
        keys = table.index.nlevels
        names = [n if n is not None else "" for n in table.index.names]
        table = table.reset_index(allow_duplicates=True)
        table.columns = [*names, *table.columns[keys:]]
    csv = None
    if len(table) > n:
        stem = name or (_slug(caption) if caption else "") or f"table_{next(_counter)}"
        csv = config.tables_dir() / f"{stem}.csv"
        csv.parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(csv, index=False)
    shown = format_table(table.head(n), max_chars=max_chars, percent=percent)
    text = [c for i, c in enumerate(table.columns)  # not numbers, yes/no or dates
            if not (pd.api.types.is_numeric_dtype(table.iloc[:, i])
                    or pd.api.types.is_bool_dtype(table.iloc[:, i])
                    or isinstance(table.iloc[:, i].dtype, pd.DatetimeTZDtype)
                    or pd.api.types.is_datetime64_dtype(table.iloc[:, i]))]
    return ShownTable(shown, len(table), caption, csv, max_columns, False, text, keys)


def _levels(index: pd.Index) -> list[pd.Index]:
    return [index.get_level_values(i) for i in range(index.nlevels)]
