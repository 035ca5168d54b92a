"""Pages with a gold main text, to train and score the line model.

The development data is a folder of the project's development corpora, not shipped
with the package (``page-text``, see its SOURCE.txt): real pages from four public
extraction benchmarks, each rendered to text by headless Chromium, with
the human-marked main text (``gold``). Those pages are for research use: they are read
from where they lie, never copied into the package; only the trained parameters are
shipped. :func:`line_labels` says which lines of a page hold gold text.
"""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

#: The four benchmarks of the page-text corpus, by file; CleanEval's file holds three
#: subsets (final, dev, CleanPortalEval), scored together as one benchmark.
BENCHMARKS = ("dragnet", "l3s-gn1", "cleaneval", "readability")

_TOKEN = re.compile(r"\w+")
#: A line is gold when at least this share of its words lie in 4-word runs of the gold.
GOLD_SHARE = 0.5
_N = 4


@dataclass
class Page:
    """One page of a benchmark: its rendered text and gold main text."""

    id: str
    benchmark: str
    site: str  # the web host, or the page id when the host is unknown
    text: str
    gold: str


def read_benchmark(name: str, folder: str | Path) -> list[Page]:
    """The pages of one benchmark (``"dragnet"``, ``"l3s-gn1"``, ``"cleaneval"``, ``"readability"``).

    Raises
    ------
    FileNotFoundError
        When the corpus file is not there, with where it was looked for.
    """
    if name not in BENCHMARKS:
        raise ValueError(f"unknown benchmark {name!r}; expected one of {', '.join(BENCHMARKS)}.")
    path = Path(folder) / f"{name}.jsonl.gz"
    if not path.exists():
        raise FileNotFoundError(
            f"{path} not found: the page-text corpus lives in a folder holding "
            f"{', '.join(b + '.jsonl.gz' for b in BENCHMARKS)}; give that folder."
        )
    pages = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            pages.append(Page(row["id"], name, site_of(row.get("url", ""), row["id"]),
                              row["text"], row["gold"]))
    return pages


def site_of(url: str, page_id: str) -> str:
    """The host of ``url`` without ``www.``; the page id when there is no URL."""
    host = urlsplit(url).hostname or "" if url else ""
    return host.removeprefix("www.") or page_id


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def line_labels(lines: list[str], gold: str) -> list[float]:
    """Share of each line's words that belong to the gold text, in [0, 1].

    A word belongs to the gold when some run of 4 consecutive words of the page
    through it (across line ends) is also a run of the gold. Context decides short
    lines: a one-word subheading between two gold paragraphs is gold, the same word
    as a button between menus is not. Lines without words get 0.
    """
    gold_tokens = _tokens(gold)
    runs = {tuple(gold_tokens[i:i + _N]) for i in range(len(gold_tokens) - _N + 1)}
    if len(gold_tokens) < _N:  # a very short gold: its words, one by one
        words = set(gold_tokens)
        return [float(any(t in words for t in _tokens(l))) for l in lines]
    flat: list[str] = []
    owner: list[int] = []
    for index, line in enumerate(lines):
        for token in _tokens(line):
            flat.append(token)
            owner.append(index)
    covered = bytearray(len(flat))
    for i in range(len(flat) - _N + 1):
        if tuple(flat[i:i + _N]) in runs:
            covered[i:i + _N] = b"\x01" * _N
    total = [0] * len(lines)
    inside = [0] * len(lines)
    for position, index in enumerate(owner):
        total[index] += 1
        inside[index] += covered[position]
    return [inside[i] / total[i] if total[i] else 0.0 for i in range(len(lines))]
