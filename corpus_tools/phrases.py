"""Tokens and phrases: news text → one numpy array of term ids, and collocations.

The vectorizer's fast path. Every document becomes a run of integer term ids closed by
``DOC_END``; stop words and sentence punctuation become ``-1`` (a break that phrases do
not cross). Only distinct tokens go through Python string handling; counting word
pairs and merging phrases are numpy operations over the whole corpus at once, so
learning phrases from 37,000 articles takes seconds (``bench/topics.py`` prints it).

Phrases are word pairs whose normalised PMI reaches a threshold (Bouma 2009), found in
two passes so that the second can join a phrase and a word
("shanghai_cooperation" + "organisation").
"""
from __future__ import annotations

import re
import unicodedata
from typing import Sequence

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

__all__ = ["DOC_END", "Terms", "encode", "learn_phrases", "merge_phrases"]

# A token is a letter followed by letters, digits, hyphens (2+ characters); numbers
# alone are not topic words. Sentence punctuation is kept as a break so that phrases
# are not learned across sentences.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,3}|[^\W\d_][\w-]*[^\W_]|[.!?;:()\[\]\"“”]")
_BREAKS = frozenset(".!?;:()[]\"“”")
_ACRONYMS = frozenset({"US", "UN", "WHO", "PM"})  # kept apart from the stop words
_CHUNK = 2000  # documents tokenised at a time: bounds the memory of the string lists


DOC_END = -2  # id that closes each document; -1 is a break or stop word


class Terms:
    """Raw token → term id, and term id → term; grows as new tokens are seen."""

    def __init__(self, stop):
        self.stop, self.table, self.ids, self.names = stop, {}, {}, []

    def copy(self) -> "Terms":
        new = Terms(self.stop)
        new.table, new.ids, new.names = dict(self.table), dict(self.ids), list(self.names)
        return new

    def term_id(self, term: str) -> int:
        found = self.ids.get(term)
        if found is None:
            found = self.ids[term] = len(self.names)
            self.names.append(term)
        return found

    def raw_id(self, raw: str) -> int:
        found = self.table.get(raw)
        if found is None:
            if raw[-1] == "." and len(raw) > 1:  # "U.S." is the acronym "US"
                raw_key, raw = raw, raw.replace(".", "")
                found = self.table[raw_key] = self.raw_id(raw)
                return found
            low = raw.lower()
            if raw in _BREAKS:
                found = -1
            elif low in self.stop:
                # "US", "UN", "WHO" in capitals are names, not the stop words
                found = self.term_id(raw) if raw in _ACRONYMS else -1
            else:
                found = self.term_id(low)
            self.table[raw] = found
        return found


def encode(docs: Sequence[str], terms: Terms, progress: bool) -> np.ndarray:
    """All documents as one int32 array of term ids, each closed by ``DOC_END``.

    Only distinct tokens go through Python string handling (case, stop words); the
    rest is regex and hashing in C, a chunk of documents at a time to bound memory.
    """
    chunks = []
    bar = tqdm(total=len(docs), desc="tokenising", unit="doc", disable=not progress)
    for start in range(0, len(docs), _CHUNK):
        part = docs[start:start + _CHUNK]
        flat: list[str] = []
        for text in part:
            # NFC: scraped text often spells "É" as "E" + a combining accent, which
            # would split "RTÉ" and "Éireann" into pieces
            flat.extend(_TOKEN.findall(unicodedata.normalize("NFC", text)))
            flat.append("\x00")  # document end
        codes, uniques = pd.factorize(pd.Series(flat, dtype=object))
        lookup = np.fromiter((DOC_END if u == "\x00" else terms.raw_id(u) for u in uniques),
                             dtype=np.int32, count=len(uniques))
        chunks.append(lookup[codes])
        bar.update(len(part))
    bar.close()
    return np.concatenate(chunks) if chunks else np.empty(0, np.int32)


def _pair_keys(ids: np.ndarray, width: int):
    a, b = ids[:-1].astype(np.int64), ids[1:].astype(np.int64)
    return np.where((a >= 0) & (b >= 0), a * width + b, -1)


def learn_phrases(ids, terms: Terms, threshold: float, min_count: int, passes: int = 2):
    """Word pairs whose normalised PMI reaches ``threshold``, in ``passes`` rounds.

    The second round sees the first round's phrases as words, so it can join
    "shanghai_cooperation" and "organisation". Returns one {(a, b): "a_b"} per round.
    """
    rounds = []
    for _ in range(passes):
        width = len(terms.names)
        words = ids[ids >= 0]
        unigram = np.bincount(words, minlength=width).astype(np.float64)
        keys = _pair_keys(ids, width)
        pairs, counts = np.unique(keys[keys >= 0], return_counts=True)
        frequent = counts >= min_count
        pairs, counts = pairs[frequent], counts[frequent].astype(np.float64)
        total = float(len(words))
        a, b = pairs // width, pairs % width
        p_ab = counts / total
        npmi = np.log(p_ab / ((unigram[a] / total) * (unigram[b] / total))) / -np.log(p_ab)
        chosen = npmi >= threshold
        found = {(terms.names[i], terms.names[j]): f"{terms.names[i]}_{terms.names[j]}"
                 for i, j in zip(a[chosen].tolist(), b[chosen].tolist())}
        if not found:
            break
        rounds.append(found)
        ids = merge_phrases(ids, terms, found)
    return rounds, ids


def merge_phrases(ids: np.ndarray, terms: Terms, pairs: dict) -> np.ndarray:
    """Replace each occurrence of a pair in ``pairs`` by its phrase (leftmost first)."""
    known = [(terms.ids[a], terms.ids[b], terms.term_id(m)) for (a, b), m in pairs.items()
             if a in terms.ids and b in terms.ids]
    if not known or len(ids) < 2:
        return ids
    width = len(terms.names)
    table = np.array(known, dtype=np.int64)
    order = np.argsort(table[:, 0] * width + table[:, 1])
    lookup_keys = (table[:, 0] * width + table[:, 1])[order]
    merged = table[order, 2]
    keys = _pair_keys(ids, width)
    pos = np.clip(np.searchsorted(lookup_keys, keys), 0, len(lookup_keys) - 1)
    start = np.flatnonzero((keys >= 0) & (lookup_keys[pos] == keys))
    if not len(start):
        return ids
    # In a run "a b c" where both "a b" and "b c" are phrases, keep every other start.
    new_run = np.r_[True, np.diff(start) != 1]
    run_first = start[new_run][np.cumsum(new_run) - 1]
    start = start[(start - run_first) % 2 == 0]
    out = ids.copy()
    out[start] = merged[pos[start]]
    keep = np.ones(len(ids), dtype=bool)
    keep[start + 1] = False
    return out[keep]
