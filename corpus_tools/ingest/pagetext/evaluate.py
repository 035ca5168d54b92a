"""Scores of an extracted text against the expected one, as article-extraction benchmarks give them.

The measure of the Zyte (Scrapinghub) article-extraction benchmark: the texts are cut
into ``\\w+`` tokens (case kept), then into shingles of ``n`` consecutive tokens (4 in
that benchmark; 1 gives plain tokens), compared as multisets. Precision is averaged over
the pages where something was extracted, recall over the pages with an expected text,
and F1 is the harmonic mean of those two averages. Written here from the benchmark's
description so that the figures can be compared with published ones.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    """Multiset of the ``n``-token shingles of ``text`` (a text shorter than ``n``
    tokens gives one shorter shingle; an empty text none)."""
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))


def match_counts(predicted: str, expected: str, n: int = 4) -> tuple[int, int, int]:
    """True positives, false positives and false negatives of ``predicted``'s shingles.

    Examples
    --------
    >>> match_counts("Xi met Lavrov in Beijing", "Xi met Lavrov in Beijing on Tuesday", n=1)
    (5, 0, 2)
    """
    got, want = shingles(predicted, n), shingles(expected, n)
    tp = sum((got & want).values())
    return tp, sum(got.values()) - tp, sum(want.values()) - tp


def page_scores(counts: tuple[int, int, int]) -> tuple[float | None, float | None]:
    """Precision and recall of one page (None where it is undefined: nothing extracted,
    or nothing expected)."""
    tp, fp, fn = counts
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def summarise(counts: Iterable[tuple[int, int, int]]) -> dict[str, float]:
    """Mean precision, mean recall and their F1 over pages, plus the count of pages.

    Examples
    --------
    >>> summarise([(8, 2, 0), (0, 0, 10)])  # one page found, one returned nothing
    {'precision': 0.8, 'recall': 0.5, 'f1': 0.6153846153846154, 'pages': 2, 'empty': 1}
    """
    precisions, recalls, empty, pages = [], [], 0, 0
    for tp_fp_fn in counts:
        pages += 1
        precision, recall = page_scores(tp_fp_fn)
        if precision is None:
            empty += 1
        else:
            precisions.append(precision)
        if recall is not None:
            recalls.append(recall)
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "pages": pages, "empty": empty}
