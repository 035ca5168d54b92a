"""The parameters every report shares, their defaults, what they mean, and their checks.

One set reaches every notebook (each notebook's parameters cell declares these names
with these defaults; ``tests/test_reports.py`` holds them to it) and the prepared
corpus (:func:`corpus_tools.prepare`), so that the reports of one build describe the
same selection of articles, the same copies and stories, and the same topics.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

__all__ = ["PARAMETER_HELP", "ParameterError", "Parameters"]

#: The words of a parameter's meaning, shown by ``corpus-tools report --help``.
PARAMETER_HELP: dict[str, str] = {
    "corpus_path": "a file, folder or glob, or an article table from `corpus-tools ingest`; "
                   "None: the project's data/raw",
    "reference_date": "when the pages were captured (YYYY-MM-DD), for dates such as '5 hours ago'",
    "columns": "input column names mapped to article-table columns, e.g. {'headline': 'title'}",
    "outlets": "only these outlets (a list of names); None: all",
    "date_from": "only articles published on or after this day (YYYY-MM-DD); undated ones are "
                 "then left out",
    "date_to": "only articles published on or before this day (YYYY-MM-DD)",
    "outlet_a": "the first outlet compared side by side; None: the largest",
    "outlet_b": "the second outlet; None: the second largest",
    "n_topics": "number of topics (2 or more), or 'auto' to compare candidates and take the "
                "recommended one",
    "method": "topic model: 'nmf' (sharp topics, fast) or 'lda'",
    "query": "attention query in Media Cloud syntax ('\"xi jinping\" OR putin'); None: the "
             "top terms of the largest topic",
    "threshold": "Jaccard of 5-word sequences above which two texts are near copies",
    "containment": "share of a text's words found in a longer one for an abridged copy",
    "window_days": "articles further apart in days are never one story",
}


class ParameterError(ValueError):
    """A report parameter that is unknown or has a value that cannot be used.

    ``name`` is the parameter, so that the command line can name its ``-p`` option.
    """

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name


@dataclass(frozen=True)
class Parameters:
    """The shared parameters of a report build (see :data:`PARAMETER_HELP`).

    Build one with :meth:`from_mapping`, which checks every value; the defaults are
    the class attributes.

    Examples
    --------
    >>> Parameters.from_mapping({"n_topics": 12, "outlets": "TASS"}).outlets
    ('TASS',)
    >>> Parameters.from_mapping({"n_topic": 12})
    Traceback (most recent call last):
    corpus_tools.prepared.parameters.ParameterError: Unknown parameter 'n_topic'. Did you mean n_topics? ...
    """

    corpus_path: str | tuple[str, ...] | None = None
    reference_date: str | None = None
    columns: Mapping[str, str] | None = None
    outlets: tuple[str, ...] | None = None
    date_from: str | None = None
    date_to: str | None = None
    outlet_a: str | None = None
    outlet_b: str | None = None
    n_topics: int | str = "auto"
    method: str = "nmf"
    query: str | None = None
    threshold: float = 0.5
    containment: float = 0.8
    window_days: float = 3

    @classmethod
    def names(cls) -> list[str]:
        """The parameter names, in the order of :data:`PARAMETER_HELP`."""
        return [f.name for f in fields(cls)]

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        """``{name: default}``."""
        return {f.name: f.default for f in fields(cls)}

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | None = None, *,
                     known: set[str] | frozenset[str] = frozenset()) -> "Parameters":
        """Checked parameters; names in ``known`` (a notebook's own) are accepted and ignored.

        Raises
        ------
        ParameterError
            For an unknown name (the message lists the known ones) or a value that
            cannot be used (the message says what is expected).
        """
        values = dict(values or {})
        names = cls.names()
        for name in values:
            if name not in names and name not in known:
                raise unknown_parameter(name, [*names, *sorted(known)])
        checked = {name: _CHECKS[name](name, values[name]) for name in names if name in values}
        return cls(**checked)

    def as_dict(self) -> dict[str, Any]:
        """Plain values (lists for tuples), as a notebook's parameters cell holds them."""
        out = asdict(self)
        if isinstance(out["corpus_path"], tuple):
            out["corpus_path"] = list(out["corpus_path"])
        if out["outlets"] is not None:
            out["outlets"] = list(out["outlets"])
        if out["columns"] is not None:
            out["columns"] = dict(out["columns"])
        return out


def unknown_parameter(name: str, names: list[str]) -> ParameterError:
    """The error for a name no notebook declares, with the close matches and the list."""
    import difflib

    close = difflib.get_close_matches(name, names, n=1)
    hint = f" Did you mean {close[0]}?" if close else ""
    return ParameterError(name, f"Unknown parameter {name!r}.{hint} Parameters: "
                                f"{', '.join(names)}.")


def _paths(name, value):
    if value is None or isinstance(value, (str, Path)):
        return None if value is None else str(value)
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, (str, Path)) for v in value):
        return tuple(str(v) for v in value)
    raise ParameterError(name, f"{name} must be a path, a glob or a list of them, got {value!r}.")


def _optional_text(name, value):
    if value is None or isinstance(value, str):
        return value or None
    raise ParameterError(name, f"{name} must be text or None, got {value!r}.")


def _day(name, value):
    if value is None or value == "":
        return None
    try:
        pd.Timestamp(str(value))
    except (ValueError, TypeError):
        raise ParameterError(name, f"{name} must be a date such as 2025-07-21, got {value!r}.") from None
    return str(value)


def _columns(name, value):
    if value is None:
        return None
    if isinstance(value, Mapping) and all(isinstance(k, str) and isinstance(v, str)
                                          for k, v in value.items()):
        return dict(value)
    raise ParameterError(name, f"{name} must map input column names to article-table columns, "
                               f"e.g. {{'headline': 'title'}}; got {value!r}.")


def _outlets(name, value):
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ParameterError(name, f"{name} must be an outlet name or a list of names, got {value!r}.")


def _n_topics(name, value):
    if isinstance(value, str):
        text = value.strip().lower()
        if text == "auto":
            return "auto"
        value = int(text) if text.isdigit() else value
    if isinstance(value, int) and not isinstance(value, bool) and value >= 2:
        return value
    raise ParameterError(name, f"{name} must be a whole number of topics, 2 or more, or "
                               f"'auto'; got {value!r}.")


def _method(name, value):
    if value in ("nmf", "lda"):
        return value
    raise ParameterError(name, f"{name} must be 'nmf' or 'lda', got {value!r}.")


def _share(name, value):
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= 1:
        return float(value)
    raise ParameterError(name, f"{name} must be a number above 0 and at most 1, got {value!r}.")


def _days(name, value):
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        return value
    raise ParameterError(name, f"{name} must be a number of days above 0, got {value!r}.")


_CHECKS = {
    "corpus_path": lambda name, value: _paths(name, value),
    "reference_date": _day, "columns": _columns, "outlets": _outlets, "date_from": _day,
    "date_to": _day, "outlet_a": _optional_text, "outlet_b": _optional_text,
    "n_topics": _n_topics, "method": _method, "query": _optional_text,
    "threshold": _share, "containment": _share, "window_days": _days,
}
