"""Sentence-level alignment of two versions of a story: ``align_copies``.

The question an analyst asks of a wire copy is editorial: which paragraphs did this
outlet keep, which did it cut, what did it add, and which words did it change. So both
texts are split into sentences, each sentence of one version is paired with its most
similar sentence of the other (word-level ``difflib`` ratio, after the same
normalisation as copy detection: case, punctuation and honorifics ignored), one to one,
best pairs first, and every sentence ends up in one of four states:

* ``kept``: the same words in the same order;
* ``changed``: paired with similarity at least ``min_similarity``; ``words_removed`` and
  ``words_added`` list the edits (e.g. "such as" -> "like");
* ``dropped``: in ``doc_a`` only;
* ``added``: in ``doc_b`` only.

Pairing is not forced into reading order, because copy editors move paragraphs.
"""
from __future__ import annotations

import difflib
import re

import numpy as np
import pandas as pd

from .shingles import HONORIFICS

__all__ = ["align_copies", "split_sentences"]

#: Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm st jr sr inc co corp ltd llc
no nos vs etc jan feb mar apr jun jul aug sep sept oct nov dec fig approx dept univ
u.s u.k u.n e.g i.e a.m p.m
""".split())
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")
_WORD = re.compile(r"[0-9a-z\u00c0-\U0010ffff]+")
_PUNCT = re.compile(r"[\u00a0-\u00bf\u2000-\u206f]")
_HONORIFICS = frozenset(HONORIFICS)
_COLUMNS = ["status", "position_a", "position_b", "sentence_a", "sentence_b",
            "similarity", "words_removed", "words_added"]


def split_sentences(text: str) -> list[str]:
    """Split a news text into sentences (paragraph breaks always end one).

    A full stop after an abbreviation ("Mr.", "U.S.", "Jan.") or an initial ("S.")
    does not end a sentence.

    Examples
    --------
    >>> split_sentences("Mr. Xi met Mr. S. Jaishankar. They talked.\\nBye.")
    ['Mr. Xi met Mr. S. Jaishankar.', 'They talked.', 'Bye.']
    """
    sentences = []
    for paragraph in str(text or "").split("\n"):
        start = 0
        for match in _BOUNDARY.finditer(paragraph):
            before = paragraph[start:match.start()].rstrip("\"'\u201d\u2019)]")
            last = before.rsplit(None, 1)[-1].lower().rstrip(".!?") if before.split() else ""
            if before.endswith(".") and (last.strip("(\"'") in ABBREVIATIONS
                                         or re.fullmatch(r"[a-z]", last)):
                continue
            sentences.append(paragraph[start:match.start()].strip())
            start = match.end()
        tail = paragraph[start:].strip()
        if tail:
            sentences.append(tail)
    return [s for s in sentences if s]


def _words(sentence: str) -> list[str]:
    words = _WORD.findall(_PUNCT.sub(" ", sentence.lower()))
    return [w for w in words if w not in _HONORIFICS]


def _text_of(doc) -> str:
    if isinstance(doc, pd.Series):
        parts = [doc.get("standfirst", ""), doc.get("body", "")]
        return "\n".join(str(p) for p in parts if isinstance(p, str) and p.strip())
    if isinstance(doc, str):
        return doc
    raise TypeError(
        f"Expected an article row (pandas Series with a body) or a text; got {type(doc).__name__}."
    )


def align_copies(doc_a, doc_b, *, min_similarity: float = 0.5) -> pd.DataFrame:
    """Which sentences of ``doc_a`` the version ``doc_b`` kept, dropped, added or changed.

    Parameters
    ----------
    doc_a : pandas.Series or str
        The reference version (usually the original or the wire text): an article row
        (its standfirst and body are used) or a text.
    doc_b : pandas.Series or str
        The other version (usually the copy).
    min_similarity : float
        Word-sequence similarity (``difflib`` ratio, 0-1) at which two sentences are
        versions of one another.

    Returns
    -------
    pandas.DataFrame
        One row per sentence, in the reading order of ``doc_a`` (added sentences after
        the sentence they follow in ``doc_b``): ``status`` (kept / changed / dropped /
        added), ``position_a`` and ``position_b`` (sentence numbers from 0, missing when
        absent), ``sentence_a``, ``sentence_b``, ``similarity``, and for changed
        sentences ``words_removed`` and ``words_added`` (each edit separated by " | ").

    Examples
    --------
    >>> a = "Xi met Lavrov in Beijing. Lavrov discussed Ukraine. Ties are strong."
    >>> b = "Mr Xi met Mr Lavrov in the Chinese capital. Ties are strong. Talks end today."
    >>> align_copies(a, b)[["status", "words_removed", "words_added"]].values.tolist()
    [['changed', 'beijing', 'the chinese capital'], ['dropped', '', ''], ['kept', '', ''], ['added', '', '']]
    """
    if not 0.0 < min_similarity <= 1.0:
        raise ValueError(f"min_similarity must be in (0, 1]; got {min_similarity}.")
    sa, sb = split_sentences(_text_of(doc_a)), split_sentences(_text_of(doc_b))
    wa, wb = [_words(s) for s in sa], [_words(s) for s in sb]
    pairs = _pair_sentences(wa, wb, min_similarity)
    matched_a = {i: (j, r) for i, j, r in pairs}
    matched_b = {j: i for i, j, _ in pairs}
    rows = []
    for i, sentence in enumerate(sa):
        if i in matched_a:
            j, ratio = matched_a[i]
            removed, added = _edits(wa[i], wb[j])
            status = "kept" if wa[i] == wb[j] else "changed"
            rows.append((status, i, j, sentence, sb[j], ratio, removed, added, (i, 0, j)))
        else:
            rows.append(("dropped", i, None, sentence, "", 0.0, "", "", (i, 0, -1)))
    for j, sentence in enumerate(sb):
        if j in matched_b:
            continue
        before = [matched_b[k] for k in range(j) if k in matched_b]
        anchor = max(before) if before else -1
        rows.append(("added", None, j, "", sentence, 0.0, "", "", (anchor, 1, j)))
    rows.sort(key=lambda row: row[-1])
    table = pd.DataFrame([row[:-1] for row in rows], columns=_COLUMNS)
    for column in ("position_a", "position_b"):
        table[column] = table[column].astype("Int64")
    for column in ("status", "sentence_a", "sentence_b", "words_removed", "words_added"):
        table[column] = table[column].astype("string")
    table["similarity"] = table["similarity"].astype(float)
    return table


def _pair_sentences(wa: list[list[str]], wb: list[list[str]],
                    min_similarity: float) -> list[tuple[int, int, float]]:
    """One-to-one pairs (i, j, ratio), most similar first, ratio >= min_similarity."""
    scored = []
    sets_b = [set(w) for w in wb]
    for i, words_a in enumerate(wa):
        set_a = set(words_a)
        for j, words_b in enumerate(wb):
            # Cheap bound first: difflib's ratio cannot exceed the word-set Dice overlap
            # by much, and most sentence pairs share almost nothing.
            overlap = len(set_a & sets_b[j])
            if not words_a or not words_b or 2 * overlap < 0.8 * min_similarity * (
                    len(set_a) + len(sets_b[j])):
                continue
            ratio = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()
            if ratio >= min_similarity:
                scored.append((ratio, -i, -j))
    scored.sort(reverse=True)
    used_a, used_b, pairs = set(), set(), []
    for ratio, i, j in scored:
        i, j = -i, -j
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j, round(ratio, 3)))
    return pairs


def _edits(a: list[str], b: list[str]) -> tuple[str, str]:
    """Word runs removed from ``a`` and added in ``b`` (each run separated by " | ")."""
    removed, added = [], []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "delete"):
            removed.append(" ".join(a[i1:i2]))
        if op in ("replace", "insert"):
            added.append(" ".join(b[j1:j2]))
    return " | ".join(removed), " | ".join(added)
