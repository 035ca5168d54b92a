"""Template lines: text a site repeats on many pages is its template, not news.

Line features (``pagetext/``) catch most page chrome; what they miss (a site's own
promotional sentence, a footer note) shows itself by repetition: the same line in the
bodies of ``MIN_ARTICLES`` *different* articles of one site. Repetition is counted over
distinct articles (titles), not files, so that one wire story shown as a related
article on many pages is not mistaken for template.

The corpus streams, so the rule takes a first pass over the page-text inputs only:
:class:`TemplateIndex` collects, per ``(outlet, line)``, the distinct titles it was seen
with (at most ``MIN_ARTICLES`` of them, which is all the rule needs), and the second
pass strips those lines from each batch. Exports and HTML pages are clean already and
skip the first pass, so a corpus of exports is read once.

The evidence is gathered before duplicates are dropped, which changes nothing: a
duplicate file or a repeated ``doc_id`` has the same outlet, title and body as the copy
that is kept, so it adds no new title to any line. Memory grows with the number of
distinct lines of page-text dumps (hand-collected pages, a small part of a corpus), not
with the corpus.
"""
from __future__ import annotations

import pandas as pd

from ..schema import count_words

#: A line found in the bodies of this many distinct articles of one site is template.
MIN_ARTICLES = 3


class TemplateIndex:
    """Distinct titles per (outlet, body line) of page-text articles."""

    def __init__(self):
        self._titles: dict[tuple[str, str], set[str]] = {}

    def add(self, rows: pd.DataFrame) -> None:
        """Count the lines of page-text rows (only ``kind == "article"`` rows count)."""
        rows = rows[rows["kind"] == "article"]
        for outlet, title, body in zip(rows["outlet"], rows["title"], rows["body"]):
            for line in str(body).split("\n"):
                if line:
                    titles = self._titles.setdefault((outlet, line), set())
                    if len(titles) < MIN_ARTICLES:
                        titles.add(title)

    def merge(self, other: "TemplateIndex") -> None:
        """Add another index's evidence (from another file or worker)."""
        for key, titles in other._titles.items():
            mine = self._titles.setdefault(key, set())
            for title in titles:
                if len(mine) >= MIN_ARTICLES:
                    break
                mine.add(title)

    def template_lines(self) -> frozenset[tuple[str, str]]:
        """The ``(outlet, line)`` pairs that are template."""
        return frozenset(k for k, v in self._titles.items() if len(v) >= MIN_ARTICLES)


def strip_template_lines(rows: pd.DataFrame, template: frozenset[tuple[str, str]]) -> pd.DataFrame:
    """Page-text ``rows`` with template lines removed from article bodies (``n_words`` updated)."""
    if not template:
        return rows
    selected = rows.index[rows["kind"] == "article"]
    if not len(selected):
        return rows
    out = rows.copy()
    out.loc[selected, "body"] = [
        "\n".join(l for l in body.split("\n") if (outlet, l) not in template)
        for outlet, body in zip(out.loc[selected, "outlet"], out.loc[selected, "body"])
    ]
    out["n_words"] = count_words(out["body"])
    return out
