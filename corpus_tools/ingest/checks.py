"""Loud, not silent: a load that gave nothing, or rows without outlet, date or text, says so.

A user should never have to open the ingest log to learn that nothing was read. After
every load the table's counts are checked, and when there are no rows, or most rows
lack an outlet, a date or a body, ``load_corpus`` warns (:class:`IngestWarning`) with
the count, the likely cause and the fix, quoting the ingest log's words for the files
that failed; ``corpus-tools ingest`` prints them and exits non-zero when there are no
rows. The log itself stays a record of files.
"""
from __future__ import annotations

import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import IngestLog
from .metadata import RELATIVE_DATE

#: A column missing in more than this share of rows is reported.
MOST = 0.5

#: What the loader read rows from, as the fixes differ: page text (a saved page's text),
#: web pages (HTML), article files (one article per file: plain text, or a one-record
#: JSON or XML file) and exports (tables and database exports of many records, and
#: frames given to ``from_frame``).
PAGE_TEXT, WEB_PAGES, ARTICLE_FILES, EXPORTS = "page text", "web pages", "article files", "exports"
_FILES = (PAGE_TEXT, WEB_PAGES, ARTICLE_FILES)


def input_kind(fmt: str, n_records: int) -> str:
    """The kind of input a reader's rows came from: its format
    (:func:`corpus_tools.ingest.formats.detect_format`) and how many records it held."""
    if fmt == "pagetext":
        return PAGE_TEXT
    if fmt == "html":
        return WEB_PAGES
    if fmt == "article" or (fmt in ("tabular", "xml") and n_records == 1):
        return ARTICLE_FILES
    return EXPORTS


# The options a user can give, as load_corpus takes them and as the CLI does.
_COLUMNS = ("map the {1} column: columns={{'their_column': '{0}'}} "
            "(CLI: --columns THEIR={0})")
_FILE_FIELDS = ("give a metadata file whose one column names the files: metadata='meta.csv' "
                "(CLI: --metadata), or read the {0} from the file names: filename_fields="
                "'{1}' (CLI: --filename-fields)")
_PATTERNS = {"outlet": "{outlet}_{published}_{slug}", "date": "{published}_{slug}"}
_REFERENCE_DATE = ("give the day the pages were saved: reference_date='YYYY-MM-DD' "
                   "(CLI: --reference-date YYYY-MM-DD)")


def _file_fields(column: str) -> str:
    return _FILE_FIELDS.format(column, _PATTERNS[column])


class IngestWarning(UserWarning):
    """A load gave no rows, or rows that mostly lack outlet, date or text."""


@dataclass
class LoadCheck:
    """Counts gathered input by input while a corpus loads (no table held): per kind
    of input (:func:`input_kind`), the articles and those lacking outlet, date or body;
    for dates, also those whose date is written but could not be resolved
    (``published_raw``): relative ones ("5 hours ago") and others."""

    rows: int = 0
    articles: int = 0
    missing: Counter = field(default_factory=Counter)
    by_kind: Counter = field(default_factory=Counter)  # (kind, what) -> articles
    examples: dict = field(default_factory=dict)  # (kind, what) -> a date as written

    def add(self, rows: pd.DataFrame, kind: str = EXPORTS) -> None:
        """Count the rows of one input (or one frame), read from a ``kind`` of input."""
        self.rows += len(rows)
        rows = rows[rows["kind"] != "teaser"]  # a teaser is a title and a summary
        self.articles += len(rows)
        self.by_kind[kind, "articles"] += len(rows)
        lacking = {"outlet": rows["outlet"].fillna("") == "",
                   "date": rows["published"].isna(),
                   "body": rows["body"].fillna("") == ""}
        for column, mask in lacking.items():
            n = int(mask.sum())
            self.missing[column] += n
            self.by_kind[kind, column] += n
        if "published_raw" not in rows or not lacking["date"].any():
            return
        raw = rows.loc[lacking["date"], "published_raw"].fillna("").astype(str).str.strip(" |")
        raw = raw[raw != ""]
        relative = raw.map(lambda text: bool(RELATIVE_DATE.match(text)))
        for what, dates in (("relative date", raw[relative]), ("unread date", raw[~relative])):
            self.by_kind[kind, what] += len(dates)
            if len(dates):
                self.examples.setdefault((kind, what), dates.iloc[0])

    def messages(self, n_files: int, log: IngestLog, log_file: Path | None = None) -> list[tuple[str, str]]:
        """``(problem, detail)`` for each finding; [] when the table looks whole.

        ``log_file`` is where the ingest log is written, named in the fix so that a
        command-line user knows where to look (None: the log is not written).
        """
        where_logged = (f"the ingest log {log_file} lists each file (read_ingest_log())"
                        if log_file is not None else "read_ingest_log() lists each file")
        if self.rows == 0:
            causes = Counter(p.problem for p in log.problems)
            said = "; ".join(f"{k} ({v})" for k, v in causes.most_common(4)) or "nothing was logged"
            first = next((p for p in log.problems if p.problem != "not an input"), None)
            if first is not None:
                said += f". First: {first.file}: {first.problem}: {first.detail[:300]}"
            return [("no rows", (
                f"no article was read from {n_files} input file(s). What the log says: {said}. "
                "Fix: check the paths; for an export whose text column has an unusual name, "
                "pass columns={'their_text_column': 'body'} (CLI: --columns THEIR=body); "
                f"{where_logged}."))]
        found = []
        for column in ("outlet", "date", "body"):
            n = self.missing[column]
            if n > MOST * self.articles:
                causes, fixes = self._causes(column, where_logged)
                # A fix said inside another ("correct those dates, or map the column") once.
                fixes = [fix for fix in dict.fromkeys(fixes)
                         if not any(fix in other and fix != other for other in fixes)]
                found.append((f"most rows lack {column}", (
                    f"{n:,} of {self.articles:,} articles ({n / self.articles:.0%}) have no "
                    f"{column}: {'; '.join(causes)}. Fix: {'; '.join(fixes)}.")))
        return found

    def _causes(self, column: str, where_logged: str) -> tuple[list[str], list[str]]:
        """Why rows lack ``column``, per kind of input (most first), and each fix."""
        parts = []  # (articles, cause, fix)
        for kind in (PAGE_TEXT, WEB_PAGES, ARTICLE_FILES, EXPORTS):
            n = self.by_kind[kind, column]
            if not n:
                continue
            of = f"of the {self.by_kind[kind, 'articles']:,} articles from {kind}"
            if column == "date":
                relative, unread = self.by_kind[kind, "relative date"], self.by_kind[kind, "unread date"]
                if relative:
                    parts.append((relative, (
                        f"{relative:,} {of} give it only relative to the day the page was saved "
                        f"(e.g. {self.examples[kind, 'relative date']!r}) and no reference_date "
                        f"was given"), _REFERENCE_DATE))
                if unread:
                    parts.append((unread, (
                        f"{unread:,} {of} give it in a form the loader cannot read (e.g. "
                        f"{self.examples[kind, 'unread date']!r}; kept in published_raw)"),
                        "correct those dates in the input, or " + (
                            _COLUMNS.format("published", "date") + " if another column holds a better one"
                            if kind == EXPORTS else _file_fields("date"))))
                n -= relative + unread
                if n <= 0:
                    continue
            parts.append((n, *self._not_found(kind, column, n, of, where_logged)))
        parts.sort(key=lambda part: -part[0])
        return [cause for _, cause, _ in parts], [fix for _, _, fix in parts]

    @staticmethod
    def _not_found(kind: str, column: str, n: int, of: str, where_logged: str) -> tuple[str, str]:
        """The cause and fix when ``n`` articles of a kind of input do not give ``column``."""
        name = {"outlet": "outlet", "date": "published", "body": "body"}[column]
        if kind == EXPORTS:
            if column == "body":
                return (f"{n:,} {of} have no text in a column the loader reads as the body "
                        f"(title-only records keep an empty body)", _COLUMNS.format(name, "text"))
            return (f"{n:,} {of} have no value in a column the loader reads as the {column}",
                    _COLUMNS.format(name, column))
        if column == "body":
            return (f"{n:,} {of} hold no article text the loader could find",
                    where_logged)
        where = {PAGE_TEXT: "show none in the page text", WEB_PAGES: "have none in the pages' markup",
                 ARTICLE_FILES: "have none in the files"}[kind]
        return f"{n:,} {of} {where}", _file_fields(column)

    def report(self, n_files: int, log: IngestLog, where: str, log_file: Path | None = None) -> list[str]:
        """Warn with each finding (the log keeps what went wrong with each file)."""
        said = []
        for problem, detail in self.messages(n_files, log, log_file):
            message = f"load_corpus: {where}: {problem}: {detail}"
            warnings.warn(message, IngestWarning, stacklevel=4)
            said.append(message)
        return said
