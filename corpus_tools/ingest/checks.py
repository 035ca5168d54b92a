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

import pandas as pd

from .errors import IngestLog

#: A column missing in more than this share of rows is reported.
MOST = 0.5


class IngestWarning(UserWarning):
    """A load gave no rows, or rows that mostly lack outlet, date or text."""


@dataclass
class LoadCheck:
    """Counts gathered batch by batch while a corpus loads (no table held)."""

    rows: int = 0
    articles: int = 0
    missing: Counter = field(default_factory=Counter)

    def add(self, batch: pd.DataFrame) -> None:
        """Count one batch of the article table."""
        self.rows += len(batch)
        batch = batch[batch["kind"] != "teaser"]  # a teaser is a title and a summary
        self.articles += len(batch)
        self.missing["outlet"] += int((batch["outlet"].fillna("") == "").sum())
        self.missing["date"] += int(batch["published"].isna().sum())
        self.missing["body"] += int((batch["body"].fillna("") == "").sum())

    def counted(self, batches):
        """Pass ``batches`` on, counting each."""
        for batch in batches:
            self.add(batch)
            yield batch

    def messages(self, n_files: int, log: IngestLog) -> list[tuple[str, str]]:
        """``(problem, detail)`` for each finding; [] when the table looks whole."""
        if self.rows == 0:
            causes = Counter(p.problem for p in log.problems)
            said = "; ".join(f"{k} ({v})" for k, v in causes.most_common(4)) or "nothing was logged"
            first = next((p for p in log.problems if p.problem != "not an input"), None)
            if first is not None:
                said += f". First: {first.file}: {first.problem}: {first.detail[:300]}"
            return [("no rows", (
                f"no article was read from {n_files} input file(s). What the log says: {said}. "
                "Fix: check the paths; for an export whose text column has an unusual name, "
                "pass columns={'their_text_column': 'body'}; see read_ingest_log() for each file."))]
        found = []
        for column, fix in (
            ("outlet", "map the column that names it (columns={'their_column': 'outlet'}), give "
                       "a metadata file (metadata='meta.csv') or read it from file names "
                       "(filename_fields='{outlet}_{published}_{slug}')"),
            ("date", "map the date column (columns={'their_column': 'published'}), give a "
                     "metadata file or read it from file names (filename_fields='{published}_{slug}')"),
            ("body", "map the column that holds the article text (columns={'their_column': 'body'}); "
                     "title-only records keep an empty body"),
        ):
            n = self.missing[column]
            if n > MOST * self.articles:
                found.append((f"most rows lack {column}", (
                    f"{n:,} of {self.articles:,} articles ({n / self.articles:.0%}) have no {column}: the "
                    f"inputs do not give it where the loader looks. Fix: {fix}.")))
        return found

    def report(self, n_files: int, log: IngestLog, where: str) -> list[str]:
        """Warn with each finding (the log keeps what went wrong with each file)."""
        said = []
        for problem, detail in self.messages(n_files, log):
            message = f"load_corpus: {where}: {problem}: {detail}"
            warnings.warn(message, IngestWarning, stacklevel=4)
            said.append(message)
        return said
