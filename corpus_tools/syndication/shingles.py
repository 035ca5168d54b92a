"""Texts → word tokens → word n-gram shingles, as 64-bit hashes, vectorised in numpy.

Copy detection compares word sequences, so every text is reduced to a stream of word
hashes first. Doing that with Python strings (``text.lower().split()``, one ``str`` per
word, then a hash per shingle string) is what makes datasketch-style pipelines slow: on
allsides (36 million words) building shingle strings and hashing them dominates. Here a
batch of texts becomes one ``uint8`` array and every step is a numpy pass over it:

1. ASCII letters are lower-cased; a *word* is a run of ASCII letters and digits or of
   non-ASCII bytes (accented letters stay inside words), except the Unicode punctuation
   blocks (curly quotes, dashes, ellipsis, non-breaking space), which separate words like
   ASCII punctuation does. "Russia's" and "Russia’s" both give ``russia``, ``s``.
2. Each word gets a polynomial hash of its bytes, computed for all words at once from
   prefix sums: ``hash(word) = (C[end] - C[start]) * P**-start`` with ``C`` the prefix sum
   of ``byte * P**i`` modulo 2**64 (``P`` odd, hence invertible), then a SplitMix64
   finaliser so that every bit is well mixed. The seed enters the finaliser, so hashing
   is deterministic across runs and machines (never Python's salted ``hash()``).
3. Honorifics ("Mr", "Mrs", "Ms", "Dr", "Prof") are dropped: house styles differ (The
   Straits Times writes "Mr Xi" where AFP writes "Xi"), and each inserted honorific would
   otherwise break every shingle that spans it.
4. A k-word shingle hash combines k consecutive word hashes (polynomial, then SplitMix64);
   shingles never span two texts.

The Python-level work is one ``str.encode`` per text; everything else is linear numpy.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

import numpy as np
import pandas as pd

from ..schema import article_texts as schema_texts

__all__ = ["HONORIFICS", "TokenBatch", "tokenize", "shingles", "iter_batches",
           "article_texts", "mix64"]

#: Words removed before shingling: titles that house styles add or omit.
HONORIFICS = ("mr", "mrs", "ms", "dr", "prof")

_U64 = np.uint64
_P = 0x100000001B3  # the FNV-1 prime: odd, so invertible modulo 2**64
_P_INV = pow(_P, -1, 2**64)
_SHINGLE_MUL = _U64(0x9E3779B97F4A7C15)  # golden-ratio constant, odd
#: Bytes per batch of texts: large enough for numpy to be efficient, small enough that
#: the per-byte uint64 work arrays (~8 bytes x 4 per text byte) stay near 130 MB.
BATCH_BYTES = 4_000_000


def mix64(x: np.ndarray, seed: int = 0) -> np.ndarray:
    """SplitMix64 finaliser over a uint64 array (vectorised, wraps modulo 2**64).

    Turns structured integers (polynomial hashes, counters) into well-spread 64-bit
    values; a different ``seed`` gives an independent-looking hash function.
    """
    with np.errstate(over="ignore"):
        z = x.astype(_U64, copy=True)
        z += _U64((0x9E3779B97F4A7C15 * (2 * seed + 1)) % 2**64)
        z ^= z >> _U64(30)
        z *= _U64(0xBF58476D1CE4E5B9)
        z ^= z >> _U64(27)
        z *= _U64(0x94D049BB133111EB)
        z ^= z >> _U64(31)
    return z


def _powers(base: int, n: int) -> np.ndarray:
    """``base**i`` modulo 2**64 for i < n: a short cumulative product, then an outer
    product of block powers (much faster than one long ``cumprod``)."""
    block = 1 << 16
    with np.errstate(over="ignore"):
        low = np.concatenate([[_U64(1)], np.cumprod(np.full(block - 1, base, dtype=_U64))])
        step = pow(base, block, 2**64)
        n_high = -(-n // block)
        high = np.concatenate(
            [[_U64(1)], np.cumprod(np.full(max(n_high - 1, 0), step, dtype=_U64))]
        )
        return (high[:, None] * low[None, :]).ravel()[:n]


class _Powers:
    """Cached ``P**i`` and ``P**-i`` modulo 2**64, grown on demand."""

    def __init__(self) -> None:
        self.pow = np.ones(0, dtype=_U64)
        self.inv = np.ones(0, dtype=_U64)

    def get(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        if len(self.pow) < n:
            size = max(n, 2 * len(self.pow), 2 * BATCH_BYTES)
            self.pow = _powers(_P, size)
            self.inv = _powers(_P_INV, size)
        return self.pow[:n], self.inv[:n]


_POWERS = _Powers()


@dataclass
class TokenBatch:
    """Word hashes of a batch of texts: ``tokens[offsets[i]:offsets[i + 1]]`` is text i."""

    tokens: np.ndarray  # uint64 word hashes, all texts concatenated
    offsets: np.ndarray  # int64, len(texts) + 1

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def doc(self, i: int) -> np.ndarray:
        """The word hashes of text ``i``."""
        return self.tokens[self.offsets[i]:self.offsets[i + 1]]

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)


# Byte lookup tables: lower-casing and "may be part of a word" in one ``take`` each.
_LOWER = np.arange(256, dtype=np.uint8)
_LOWER[65:91] += 32
_WORD_BYTE = np.zeros(256, dtype=bool)
_WORD_BYTE[48:58] = _WORD_BYTE[97:123] = _WORD_BYTE[128:] = True


def _word_mask(b: np.ndarray) -> np.ndarray:
    """True where a byte belongs to a word (``b`` is lower-cased in place)."""
    np.take(_LOWER, b, out=b)
    word = _WORD_BYTE[b]
    n = len(b)
    # Latin-1 capitals (UTF-8 C3 80..9E, except C3 97 "×") -> lower case (+0x20).
    lead = np.flatnonzero(b == 0xC3) + 1
    lead = lead[lead < n]
    cap = lead[(b[lead] >= 0x80) & (b[lead] <= 0x9E) & (b[lead] != 0x97)]
    b[cap] += 32
    # Unicode punctuation separates words: U+2000-U+206F (E2 80 xx, E2 81 xx: quotes,
    # dashes, ellipsis, thin spaces) and U+00A0-U+00BF (C2 A0..BF: no-break space, « »).
    e2 = np.flatnonzero(b == 0xE2)
    e2 = e2[e2 + 2 < n]
    e2 = e2[(b[e2 + 1] == 0x80) | (b[e2 + 1] == 0x81)]
    for shift in (0, 1, 2):
        word[e2 + shift] = False
    c2 = np.flatnonzero(b == 0xC2)
    c2 = c2[c2 + 1 < n]
    c2 = c2[(b[c2 + 1] >= 0xA0) & (b[c2 + 1] <= 0xBF)]
    word[c2] = False
    word[c2 + 1] = False
    return word


def _hash_words(encoded: Sequence[bytes], seed: int) -> TokenBatch:
    lengths = np.fromiter((len(e) for e in encoded), dtype=np.int64, count=len(encoded))
    # A NUL between texts (and at the end) guarantees that no word spans two texts.
    buf = np.frombuffer(b"\x00".join(encoded) + b"\x00", dtype=np.uint8).copy()
    text_bounds = np.concatenate([[0], np.cumsum(lengths + 1)])
    word = _word_mask(buf)
    edges = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    pw, inv = _POWERS.get(len(buf) + 1)
    with np.errstate(over="ignore"):
        prefix = np.empty(len(buf) + 1, dtype=_U64)
        prefix[0] = 0
        np.multiply(buf, pw[: len(buf)], out=prefix[1:])
        np.cumsum(prefix[1:], out=prefix[1:])
        raw = (prefix[ends] - prefix[starts]) * inv[starts]
    hashes = mix64(raw, seed)
    keep = ~np.isin(hashes, _honorific_hashes(seed))
    if not keep.all():
        hashes, starts = hashes[keep], starts[keep]
    offsets = np.searchsorted(starts, text_bounds).astype(np.int64)
    return TokenBatch(hashes, offsets)


_HONORIFIC_CACHE: dict[int, np.ndarray] = {}


def _honorific_hashes(seed: int) -> np.ndarray:
    if seed not in _HONORIFIC_CACHE:
        _HONORIFIC_CACHE[seed] = np.array([], dtype=_U64)  # no filtering while computing
        batch = _hash_words([w.encode() for w in HONORIFICS], seed)
        _HONORIFIC_CACHE[seed] = batch.tokens
    return _HONORIFIC_CACHE[seed]


def tokenize(texts: Sequence[str], *, seed: int = 0) -> TokenBatch:
    """Hash the words of each text (see the module notes for what a word is).

    Parameters
    ----------
    texts : sequence of str
        Texts; missing values count as empty.
    seed : int
        Seed of the word hash; the same seed gives the same hashes on every machine.

    Returns
    -------
    TokenBatch
        Concatenated uint64 word hashes and the offset of each text.

    Examples
    --------
    >>> batch = tokenize(["Mr. Xi said", "Xi said", "XI  said!"])
    >>> bool((batch.doc(0) == batch.doc(1)).all() and (batch.doc(1) == batch.doc(2)).all())
    True
    """
    encoded = [(t if isinstance(t, str) else "").encode("utf-8") for t in texts]
    return _hash_words(encoded, seed)


def shingles(batch: TokenBatch, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of every k-word shingle of each text, in text order.

    Parameters
    ----------
    batch : TokenBatch
        Word hashes from :func:`tokenize`.
    k : int
        Words per shingle. Texts with fewer than ``k`` words have no shingles.

    Returns
    -------
    (hashes, doc) : (numpy.ndarray of uint64, numpy.ndarray of int64)
        Shingle hashes (repeats kept, in reading order) and the text each comes from.

    Examples
    --------
    >>> h, doc = shingles(tokenize(["a b c d e f", "a b c"]), 5)
    >>> len(h), doc.tolist()
    (2, [0, 0])
    """
    if k < 1:
        raise ValueError(f"Shingle size must be at least 1 word; got k={k}.")
    tokens, lengths = batch.tokens, batch.lengths
    doc_of = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    m = len(tokens) - k + 1
    if m <= 0:
        return np.zeros(0, dtype=_U64), np.zeros(0, dtype=np.int64)
    with np.errstate(over="ignore"):
        acc = tokens[:m].copy()
        for i in range(1, k):
            acc *= _SHINGLE_MUL
            acc += tokens[i:i + m]
    valid = doc_of[:m] == doc_of[k - 1:]
    return mix64(acc[valid], 7), doc_of[:m][valid]


def iter_batches(texts: Sequence[str], *, seed: int = 0,
                 batch_bytes: int = BATCH_BYTES) -> Iterator[tuple[int, TokenBatch]]:
    """Tokenise ``texts`` in batches of about ``batch_bytes``; yield (first index, batch).

    Memory stays bounded by the batch, whatever the corpus size.
    """
    start, size, chunk = 0, 0, []
    for i, text in enumerate(texts):
        data = (text if isinstance(text, str) else "").encode("utf-8")
        chunk.append(data)
        size += len(data) + 1
        if size >= batch_bytes:
            yield start, _hash_words(chunk, seed)
            start, size, chunk = i + 1, 0, []
    if chunk:
        yield start, _hash_words(chunk, seed)


def article_texts(corpus: pd.DataFrame) -> pd.Series:
    """The text compared for copies: :func:`corpus_tools.schema.article_texts` without
    the title (outlets re-headline wire copy), the body as printed."""
    return schema_texts(corpus, title=False, strip_datelines=False)
