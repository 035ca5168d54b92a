"""Template lines: text a site repeats on many pages is its template, not news.

Line features (``pagetext/lines.py``) catch most page chrome; what they miss — a
site's own promotional sentence, a footer note — shows itself by repetition: the
same line in the bodies of several *different* articles of one site. Repetition is
counted over distinct articles (titles), not files, so that one wire story shown as
a related article on many pages is not mistaken for template.
"""
from __future__ import annotations

import pandas as pd

from ..schema import count_words

#: A line found in the bodies of this many distinct articles of one site is template.
MIN_ARTICLES = 3


def remove_template_lines(table: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    """Drop repeated template lines from the bodies of the rows selected by ``mask``.

    Parameters
    ----------
    table : pandas.DataFrame
        The article table.
    mask : pandas.Series of bool
        Rows to consider (page-text rows; exports and HTML are already clean).

    Returns
    -------
    pandas.DataFrame
        A copy with those lines removed and ``n_words`` updated.
    """
    rows = table[mask & (table["kind"] == "article")]
    if len(rows) < MIN_ARTICLES:
        return table
    lines = (
        rows[["outlet", "title", "body"]]
        .assign(line=rows["body"].str.split("\n"))
        .explode("line")
    )
    lines = lines[lines["line"].str.len() > 0]
    spread = lines.groupby(["outlet", "line"])["title"].nunique()
    template = spread[spread >= MIN_ARTICLES]
    if template.empty:
        return table
    bad = set(template.index)
    out = table.copy()
    selected = out.index[mask & (out["kind"] == "article")]
    out.loc[selected, "body"] = [
        "\n".join(l for l in body.split("\n") if (outlet, l) not in bad)
        for outlet, body in zip(out.loc[selected, "outlet"], out.loc[selected, "body"])
    ]
    out["n_words"] = count_words(out["body"])
    return out
