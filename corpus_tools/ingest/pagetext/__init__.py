"""Scraped page text: one dump holds a main article, lists of teasers and often other
outlets' full articles. This package splits it into rows of the article table.

The main article's text is found by a trained line model (``article.py``, ``model.py``,
trained by ``python -m corpus_tools.ingest.pagetext.train``); see docs/pagetext.md."""
from __future__ import annotations

import pandas as pd

from ..base import Member, ReadOptions, decode_text
from ..errors import IngestError, IngestLog
from ..metadata import extract_credits
from ..normalise import normalise_text
from .article import LOW_CONFIDENCE, SHORT_ARTICLE_WORDS
from .model import LineModel, default_model
from .segment import entry_to_record, split_page

METHODS = ("model", "rules")

#: A page dump whose longest line is longer than this is not page text (a minified
#: or binary file, or a whole corpus on one line): it is logged, not parsed.
MAX_LINE_CHARS = 200_000


def _known_outlets() -> frozenset[str]:
    from ..outlets import known_outlet_names

    return known_outlet_names()


def _model_for(method: str, model: LineModel | None) -> LineModel | None:
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}; got {method!r}.")
    if method == "rules":
        return None
    return model if model is not None else default_model()


def parse_page(text: str, *, reference_date: pd.Timestamp | None = None, method: str = "model",
               model: LineModel | None = None) -> pd.DataFrame:
    """Split the text of one page dump into articles and teasers.

    Parameters
    ----------
    text : str
        Text copied from a rendered page (any typography; it is normalised here).
    reference_date : pandas.Timestamp, optional
        When the page was captured, to resolve "5 hours ago".
    method : {"model", "rules"}
        How the main article is found: the trained line model (default), or the
        previous rule (the longest run of prose), kept for comparison.
    model : LineModel, optional
        A line model of your own (:mod:`corpus_tools.ingest.pagetext.train`); the
        shipped one by default.

    Returns
    -------
    pandas.DataFrame
        One row per article or teaser, main article first, with the article-table
        columns title, standfirst, body, outlet, published, published_raw, dateline,
        agency, credit, kind, clean_confidence and source_index. ``clean_confidence``
        is the line model's confidence for the main article (NaN for the entries of
        lists of other stories, which are read by their structure).
    """
    entries = split_page(normalise_text(text), _known_outlets(), _model_for(method, model))
    records = [entry_to_record(e, reference_date) for e in entries]
    frame = pd.DataFrame.from_records(records)
    frame["source_index"] = range(len(frame))
    return frame


def clean_page_text(text: str, *, method: str = "model", model: LineModel | None = None) -> str:
    """The body text of the main article of one page dump.

    Boilerplate (menus, buttons, subscription prompts, captions, teaser lists, related
    articles, comment threads), the headline, dateline, credit lines and desk slugs are
    removed. The article is found by a trained line model, not by rules for known
    sites; :func:`parse_page` also gives its confidence.

    Parameters
    ----------
    text : str
        Text copied from one rendered page.
    method : {"model", "rules"}
        The trained line model (default) or the previous rule-based cleaner.
    model : LineModel, optional
        A line model of your own; the shipped one by default.

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
    entries = split_page(normalise_text(text), _known_outlets(), _model_for(method, model))
    article = next((e for e in entries if e.kind == "article" and e.paragraphs), None)
    return extract_credits("\n".join(article.paragraphs)).body if article else ""


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
    rows = parse_page(text, reference_date=options.reference_date)
    if rows.empty:
        return rows
    unsure = rows[(rows["kind"] == "article") & (rows["clean_confidence"] < LOW_CONFIDENCE)]
    if len(unsure):
        confidence = float(unsure["clean_confidence"].iloc[0])
        log.add(
            member.name,
            "low-confidence page text",
            f"the cleaner was unsure which lines are the article (confidence {confidence:.2f}, "
            f"below {LOW_CONFIDENCE}): its body ({int(unsure['body'].str.split().str.len().iloc[0])} "
            "words) may hold page furniture or miss part of the article. Check it; the row's "
            "clean_confidence column says the same.",
        )
    else:
        main = rows[rows["kind"] == "article"].head(1)
        words = int(main["body"].str.split().str.len().sum())
        if len(main) and words < SHORT_ARTICLE_WORDS:
            log.add(
                member.name,
                "short article text",
                f"only {words} words were found ({str(main['body'].iloc[0])[:60]!r}): an error, "
                "cookie or login page saved instead of the article? The row is kept.",
            )
    return rows
