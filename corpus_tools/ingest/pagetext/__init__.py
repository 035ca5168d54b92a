"""Scraped page text: one dump holds a main article, lists of teasers and often other
outlets' full articles. This package splits it into rows of the article table."""
from __future__ import annotations

import pandas as pd

from ..base import Member, ReadOptions, decode_text
from ..errors import IngestError, IngestLog
from ..normalise import normalise_text
from .segment import entry_to_record, split_page

#: A page dump whose longest line is longer than this is not page text (a minified
#: or binary file, or a whole corpus on one line): it is logged, not parsed.
MAX_LINE_CHARS = 200_000


def _known_outlets() -> frozenset[str]:
    from ..outlets import known_outlet_names

    return known_outlet_names()


def parse_page(text: str, *, reference_date: pd.Timestamp | None = None) -> pd.DataFrame:
    """Split the text of one page dump into articles and teasers.

    Parameters
    ----------
    text : str
        Text copied from a rendered page (any typography; it is normalised here).
    reference_date : pandas.Timestamp, optional
        When the page was captured, to resolve "5 hours ago".

    Returns
    -------
    pandas.DataFrame
        One row per article or teaser, main article first, with the article-table
        columns title, standfirst, body, outlet, published, published_raw, dateline,
        agency, credit, kind and source_index.
    """
    entries = split_page(normalise_text(text), _known_outlets())
    records = [entry_to_record(e, reference_date) for e in entries]
    frame = pd.DataFrame.from_records(records)
    frame["source_index"] = range(len(frame))
    return frame


def clean_page_text(text: str) -> str:
    """The body text of the main article of one page dump.

    Boilerplate (buttons, subscription prompts, teaser lists, related articles,
    comments prompts), the dateline, credit lines and desk slugs are removed.

    Parameters
    ----------
    text : str
        Text copied from one rendered page.

    Returns
    -------
    str
        Paragraphs separated by newlines; "" when the page holds no article.

    Examples
    --------
    >>> from corpus_tools import config
    >>> page = (config.RAW_DIR / "001_5ad7bd5af2df5076.txt").read_text(encoding="utf-8")
    >>> body = clean_page_text(page)
    >>> body.splitlines()[0][:60]
    'Meeting Sergei Lavrov in Beijing, Xi said the two countries '
    >>> "Related Articles" in body, "bur-pfc/oho/rsc" in body
    (False, False)
    """
    rows = parse_page(text)
    articles = rows[rows["kind"] == "article"] if len(rows) else rows
    return str(articles["body"].iloc[0]) if len(articles) else ""


def read_pagetext(member: Member, options: ReadOptions, log: IngestLog) -> pd.DataFrame:
    """Reader for page-text dumps (see :mod:`corpus_tools.ingest.base`)."""
    text = decode_text(member)
    longest = max((len(line) for line in text.split("\n")), default=0)
    if longest > MAX_LINE_CHARS:
        raise IngestError(
            member.name,
            "not page text",
            f"it has a line of {longest:,} characters (page text has at most "
            f"{MAX_LINE_CHARS:,}): it looks like a minified, binary or one-line "
            "export. Convert it to CSV or JSON lines, or split it into pages.",
        )
    return parse_page(text, reference_date=options.reference_date)
