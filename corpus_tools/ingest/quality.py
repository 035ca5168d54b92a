"""How close an extracted text is to the expected one: token precision, recall, F1.

The measure of the web-extraction benchmarks (the one trafilatura's own evaluation
reports): lower-cased word tokens, compared as multisets, so that order and
layout do not count but a repeated paragraph or a lost one does.
"""
from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (runs of letters, digits and ``_``).

    Examples
    --------
    >>> tokens("Xi's 'mutual support', 2025.")
    ['xi', 's', 'mutual', 'support', '2025']
    """
    return _WORD.findall((text or "").lower())


def token_f1(predicted: str, expected: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``predicted`` against ``expected`` word tokens.

    Tokens are counted with multiplicity: a token found twice but expected once
    counts once as right and once as wrong.

    Parameters
    ----------
    predicted : str
        The extracted text.
    expected : str
        The reference text.

    Returns
    -------
    tuple of float
        ``(precision, recall, f1)``, each in [0, 1]. Two empty texts agree
        perfectly (1, 1, 1); one empty text against a non-empty one scores 0.

    Examples
    --------
    >>> [round(x, 2) for x in token_f1("Xi met Lavrov in Beijing", "Xi met Lavrov")]
    [0.6, 1.0, 0.75]
    """
    got, want = Counter(tokens(predicted)), Counter(tokens(expected))
    if not got and not want:
        return 1.0, 1.0, 1.0
    overlap = sum((got & want).values())
    if overlap == 0:
        return 0.0, 0.0, 0.0
    precision = overlap / sum(got.values())
    recall = overlap / sum(want.values())
    return precision, recall, 2 * precision * recall / (precision + recall)
