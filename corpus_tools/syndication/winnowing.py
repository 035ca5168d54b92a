"""Winnowing fingerprints: candidate pairs for *contained* (abridged) copies.

MinHash LSH finds pairs of similar size and high Jaccard. An abridged copy is different:
The Straits Times' 150-word cut of a 370-word AFP story has a Jaccard of only 0.14 with
it, far below any LSH threshold, yet most of its sentences come from the longer text.
Containment needs another index.

Winnowing (Schleimer, Wilkerson & Aiken 2003, the algorithm behind MOSS) keeps, in every
window of ``window`` consecutive shingles, the smallest hash. Any passage of at least
``window + k - 1`` words that two texts share yields at least one common fingerprint,
whatever else the texts contain, and only about ``2 / (window + 1)`` of the shingles are
kept. Texts that share fingerprints are candidates; the share of the shorter text's
fingerprints found in the longer one estimates its containment and filters the candidates
before the exact check.

Fingerprints found in more than ``MAX_FINGERPRINT_DF`` texts are boilerplate (sign-up
prompts, standard disclaimers) or a story printed by hundreds of outlets; they are
skipped, so that no fingerprint produces more than ~20,000 pairs. Copies of such a story
are still found by MinHash when they are near-duplicates.

Memory: 12 bytes per fingerprint (uint64 hash + int32 text); with 1,000-word texts and
``window=16`` about 115 fingerprints per text, i.e. ~1.4 GB for a million texts. They
are stored in 16 parts by hash (in memory, or in files with ``spill_dir``, out of core)
and paired one part at a time; each part's shared fingerprints are counted per pair at
once (one entry per pair, not one per shared fingerprint) before the parts are merged.
"""
from __future__ import annotations

import numpy as np

from .minhash import pairs_within_groups

__all__ = ["MAX_FINGERPRINT_DF", "WINDOW", "FingerprintIndex", "fingerprints",
           "shared_counts", "merge_counts", "filter_pairs"]

#: Fingerprints shared by more texts than this are ignored when pairing.
MAX_FINGERPRINT_DF = 200
#: Shingles per winnowing window: a shared passage of window + k - 1 = 20 words (k = 5)
#: is always detected (a typical news sentence is 20-30 words); ~12% of shingles kept.
#: Measured on allsides: window 8 keeps twice the fingerprints and finds the same pairs.
WINDOW = 16


def _sliding_min(x: np.ndarray, w: int) -> np.ndarray:
    """Minimum of every window of ``w`` consecutive values: ``w - 1`` vectorised
    ``minimum`` passes over shifted views (2x faster than a sliding_window_view reduce)."""
    m = len(x) - w + 1
    out = x[:m].copy()
    for j in range(1, w):
        np.minimum(out, x[j:j + m], out=out)
    return out


def fingerprints(hashes: np.ndarray, doc: np.ndarray, n_docs: int,
                 window: int = WINDOW) -> tuple[np.ndarray, np.ndarray]:
    """Winnowed fingerprints of each text, unique per text.

    Parameters
    ----------
    hashes, doc : numpy.ndarray
        Shingle hashes in reading order and the text of each (texts contiguous).
    n_docs : int
        Number of texts in the batch.
    window : int
        Shingles per window.

    Returns
    -------
    (fingerprint, doc) : (numpy.ndarray of uint64, numpy.ndarray of int64)
        Fingerprints (shingle hashes) and their text.

    Examples
    --------
    >>> from corpus_tools.syndication.shingles import tokenize, shingles
    >>> text = "one two three four five six seven eight nine ten eleven twelve thirteen"
    >>> h, d = shingles(tokenize([text, "zero " + text]), 5)
    >>> fp, fd = fingerprints(h, d, 2)
    >>> set(fp[fd == 0]) <= set(fp[fd == 1])
    True
    """
    if len(hashes) == 0:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    doc = doc.astype(np.int64)
    if len(hashes) >= window:
        mins = _sliding_min(hashes, window)
        inside = doc[: len(mins)] == doc[window - 1:]
        fp, fdoc = mins[inside], doc[: len(mins)][inside]
    else:
        fp, fdoc = np.zeros(0, np.uint64), np.zeros(0, np.int64)
    # Texts shorter than one window: their smallest shingle is their fingerprint.
    counts = np.bincount(doc, minlength=n_docs)
    short = np.flatnonzero((counts > 0) & (counts < window))
    if len(short):
        in_short = np.isin(doc, short)
        order = np.argsort(doc[in_short], kind="stable")
        sd, sh = doc[in_short][order], hashes[in_short][order]
        first = np.concatenate([[0], np.flatnonzero(sd[1:] != sd[:-1]) + 1])
        fp = np.concatenate([fp, np.minimum.reduceat(sh, first)])
        fdoc = np.concatenate([fdoc, sd[first]])
    # Neighbouring windows mostly select the same shingle: keep one of each run. (A
    # shingle repeated far apart in one text may stay twice; that only nudges the
    # estimate, and avoids a sort of every fingerprint.)
    new = np.concatenate([[True], (fp[1:] != fp[:-1]) | (fdoc[1:] != fdoc[:-1])])
    return fp[new], fdoc[new]


class FingerprintIndex:
    """Fingerprints of many batches, kept in ``PARTITIONS`` parts by hash, so that
    pairing sorts one part at a time (peak memory ~1/16 of a global sort).

    Parameters
    ----------
    n_docs : int
        Number of texts (an upper bound is fine: texts never added have no pairs).
    spill_dir : str or Path, optional
        Keep the parts in files in this folder instead of in memory (out of core: 12
        bytes per fingerprint, ~1.4 KB per 1,000-word article, go to disk, and pairing
        reads back one part at a time). The caller owns (and removes) the folder.

    Examples
    --------
    >>> from corpus_tools.syndication.shingles import tokenize, shingles
    >>> words = " ".join(f"w{i}" for i in range(40))
    >>> h, d = shingles(tokenize([words, "intro " + words, "other text " * 20]), 5)
    >>> index = FingerprintIndex(3)
    >>> index.add(*fingerprints(h, d, 3))
    >>> index.pairs().tolist()
    [[0, 1]]
    """

    PARTITIONS = 16

    def __init__(self, n_docs: int, spill_dir=None):
        self.n_docs = n_docs
        # int32: a text has far fewer than 2**31 fingerprints; 4 bytes per text.
        self.per_doc = np.zeros(n_docs, dtype=np.int32)
        self._fp: list[list[np.ndarray]] = [[] for _ in range(self.PARTITIONS)]
        self._doc: list[list[np.ndarray]] = [[] for _ in range(self.PARTITIONS)]
        self._files = None
        if spill_dir is not None:
            from pathlib import Path

            folder = Path(spill_dir)
            folder.mkdir(parents=True, exist_ok=True)
            self._files = [(folder / f"fp-{p:02d}.u64", folder / f"doc-{p:02d}.i32")
                           for p in range(self.PARTITIONS)]
            for paths in self._files:
                for path in paths:
                    path.write_bytes(b"")

    def add(self, fp: np.ndarray, doc: np.ndarray) -> None:
        """Add fingerprints ``fp`` of texts ``doc`` (indices into the whole corpus)."""
        self.per_doc += np.bincount(doc, minlength=self.n_docs).astype(np.int32)
        # Low 4 bits: a fingerprint is a window *minimum*, so its top bits are mostly 0
        # and would put nearly everything in one part; its low bits stay uniform.
        part = (fp & np.uint64(self.PARTITIONS - 1)).astype(np.intp)
        order = np.argsort(part, kind="stable")
        bounds = np.searchsorted(part[order], np.arange(self.PARTITIONS + 1))
        for p in range(self.PARTITIONS):
            take = order[bounds[p]:bounds[p + 1]]
            part_fp = fp[take].astype(np.uint64)
            part_doc = doc[take].astype(np.int32)  # 4 bytes: < 2**31 texts
            if self._files is None:
                self._fp[p].append(part_fp)
                self._doc[p].append(part_doc)
            else:
                with open(self._files[p][0], "ab") as f:
                    part_fp.tofile(f)
                with open(self._files[p][1], "ab") as f:
                    part_doc.tofile(f)

    def _take_part(self, p: int) -> tuple[np.ndarray, np.ndarray]:
        """The fingerprints of part ``p`` (and forget them: pairing frees as it goes)."""
        if self._files is None:
            fp = np.concatenate(self._fp[p]) if self._fp[p] else np.zeros(0, np.uint64)
            doc = np.concatenate(self._doc[p]) if self._doc[p] else np.zeros(0, np.int32)
            self._fp[p], self._doc[p] = [], []
            return fp, doc
        fp_path, doc_path = self._files[p]
        fp, doc = np.fromfile(fp_path, dtype=np.uint64), np.fromfile(doc_path, dtype=np.int32)
        fp_path.unlink()
        doc_path.unlink()
        return fp, doc

    def pairs(self, *, min_containment: float = 0.25,
              max_df: int = MAX_FINGERPRINT_DF) -> np.ndarray:
        """Pairs of texts whose shared fingerprints suggest that one contains the other.

        A pair is kept when the shared fingerprints are at least ``min_containment`` of
        the fingerprints of the text that has fewer (a loose floor: the exact
        containment is computed afterwards) and at least two, or all of them for a text
        with one. Fingerprints held by more than ``max_df`` texts are ignored.

        Returns
        -------
        numpy.ndarray of int64, shape (n_pairs, 2), pairs (i, j) with i < j.
        """
        codes, counts = [], []
        for p in range(self.PARTITIONS):
            fp, doc = self._take_part(p)
            if len(fp):
                code, count = shared_counts(fp, doc, self.n_docs, max_df)
                codes.append(code)
                counts.append(count)
        return self.filter_pairs(*merge_counts(codes, counts),
                                 min_containment=min_containment)

    def filter_pairs(self, code: np.ndarray, shared: np.ndarray, *,
                     min_containment: float = 0.25) -> np.ndarray:
        """Pairs (i, j) from codes ``i * n_docs + j`` and their shared fingerprints that
        pass the containment floor of :meth:`pairs`."""
        return filter_pairs(code, shared, self.per_doc, self.n_docs,
                            min_containment=min_containment)


def filter_pairs(code: np.ndarray, shared: np.ndarray, per_doc: np.ndarray, n_docs: int, *,
                 min_containment: float = 0.25) -> np.ndarray:
    """Pairs whose shared fingerprints are at least ``min_containment`` of the smaller
    text's fingerprints (``per_doc``) and at least two (or all of one)."""
    if len(code) == 0:
        return np.zeros((0, 2), np.int64)
    i, j = code // n_docs, code % n_docs
    smaller = np.minimum(per_doc[i], per_doc[j]).astype(np.int64)
    ok = (shared >= np.minimum(2, smaller)) & (shared >= min_containment * smaller)
    return np.stack([i[ok], j[ok]], axis=1)


def merge_counts(codes: list, counts: list) -> tuple[np.ndarray, np.ndarray]:
    """Sum the counts of equal codes over several (sorted unique code, count) parts."""
    if not codes:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    code = np.concatenate(codes)
    count = np.concatenate(counts)
    del codes[:], counts[:]
    order = np.argsort(code, kind="stable")
    code, count = code[order], count[order]
    del order
    first = np.concatenate([[0], np.flatnonzero(code[1:] != code[:-1]) + 1]) if len(code) \
        else np.zeros(0, np.int64)
    return code[first], np.add.reduceat(count, first) if len(first) else count


def shared_counts(fp: np.ndarray, doc: np.ndarray, n_docs: int,
                  max_df: int = MAX_FINGERPRINT_DF) -> tuple[np.ndarray, np.ndarray]:
    """For the fingerprints of one part: each pair's code ``i * n_docs + j`` (i < j,
    sorted, unique) and how many fingerprint occurrences the two texts share.

    Counting within the part right away keeps one entry per pair instead of one per
    shared fingerprint (copies share dozens)."""
    code = _shared_codes(fp, doc.astype(np.int64), n_docs, max_df)
    if len(code) == 0:
        return code, np.zeros(0, np.int64)
    code.sort()
    first = np.concatenate([[0], np.flatnonzero(code[1:] != code[:-1]) + 1])
    count = np.diff(np.concatenate([first, [len(code)]]))
    return code[first], count.astype(np.int32)


def _shared_codes(fp: np.ndarray, doc: np.ndarray, n_docs: int, max_df: int) -> np.ndarray:
    """One code ``i * n_docs + j`` (i < j) per fingerprint that texts i and j share."""
    order = np.argsort(fp)
    fp, doc = fp[order], doc[order]
    starts = np.concatenate([[0], np.flatnonzero(fp[1:] != fp[:-1]) + 1])
    df = np.diff(np.concatenate([starts, [len(fp)]]))
    df_each = np.repeat(df, df)
    # Drop fingerprints held by one text (no pair) or by too many (boilerplate).
    keep = (df_each >= 2) & (df_each <= max_df)
    a, b = pairs_within_groups(fp[keep], doc[keep])
    other = a != b  # a fingerprint repeated inside one text pairs it with itself
    a, b = a[other], b[other]
    return np.minimum(a, b) * n_docs + np.maximum(a, b)

