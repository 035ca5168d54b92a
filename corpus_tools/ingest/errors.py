"""Problems met while reading inputs: the exception and the ingest log."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

LOG_COLUMNS = ["file", "problem", "detail"]


class IngestError(Exception):
    """An input could not be read, or only in part.

    Raised by readers for a problem with a whole file, and by
    :func:`corpus_tools.load_corpus` with ``strict=True`` on the first problem of any kind.

    Attributes
    ----------
    file : str
        The input the problem is about (``archive.zip!member.csv`` for archive members).
    problem : str
        A short name for the kind of problem ("empty file", "malformed JSON line" ...).
    detail : str
        What was expected, what was found and, where there is one, what to do.
    """

    def __init__(self, file: str, problem: str, detail: str):
        self.file, self.problem, self.detail = str(file), problem, detail
        super().__init__(f"{file}: {problem}: {detail}")


@dataclass(frozen=True)
class Problem:
    """One line of the ingest log."""

    file: str
    problem: str
    detail: str


class IngestLog:
    """Collects problems; raises on the first one when strict.

    Parameters
    ----------
    strict : bool
        Raise :class:`IngestError` at the first problem instead of recording it.
    """

    def __init__(self, strict: bool = False):
        self.strict = strict
        self.problems: list[Problem] = []

    def add(self, file: str, problem: str, detail: str) -> None:
        """Record a problem (or raise it when strict)."""
        if self.strict:
            raise IngestError(file, problem, detail)
        self.problems.append(Problem(str(file), problem, detail))

    def to_frame(self) -> pd.DataFrame:
        """The log as a DataFrame with columns ``file``, ``problem``, ``detail``."""
        return pd.DataFrame(
            [(p.file, p.problem, p.detail) for p in self.problems], columns=LOG_COLUMNS
        ).astype("string")

    def write(self, path: Path) -> None:
        """Write the log as CSV (atomically), even when it is empty."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        self.to_frame().to_csv(tmp, index=False)
        tmp.replace(path)
