"""MinHash signatures and locality-sensitive hashing, vectorised in numpy.

Why not datasketch: ``datasketch.MinHash`` applies 128 hash functions to every shingle
(128 multiply-adds per shingle, after a SHA-1 of the shingle string), one Python call per
document. Here the signature is *one-permutation MinHash* (Li, Owen & Zhang 2012): each
shingle hash is used once, its top 7 bits choose one of 128 bins and the rest is its
value; a bin keeps its minimum. Bins left empty by short texts are filled by *rotation
densification* (Shrivastava & Li 2014): an empty bin borrows the value of the next
non-empty bin to its right, mixed with the distance, so that two texts agree on a bin
with probability close to their Jaccard similarity, as with 128 independent hashes.
One pass, O(shingles), instead of O(128 x shingles); bench/syndication.py measures the
difference against datasketch on allsides.

LSH: the 128 values are cut into ``bands`` bands of ``rows`` values; texts that agree on
all values of any band become a candidate pair. ``lsh_parameters`` picks the most
selective banding that still catches a pair at the Jaccard threshold with probability
at least 0.99, because every candidate is verified exactly afterwards: a missed pair is
lost, a spurious one only costs a check.

Memory: a signature is 128 x uint32 = 512 bytes per text; ``find_duplicates`` keeps
only the band keys computed from it (:func:`band_keys`: 42 x uint64 = 336 bytes per text
at threshold 0.5, a million texts: 336 MB), batch by batch.
"""
from __future__ import annotations

import numpy as np

from .shingles import mix64

__all__ = ["NUM_BINS", "signatures", "lsh_parameters", "band_keys", "pairs_from_keys",
           "pairs_within_groups"]

#: Values per signature (one-permutation bins).
NUM_BINS = 128
_BIN_BITS = 7  # log2(NUM_BINS)
_EMPTY = np.uint64(2**64 - 1)


def signatures(hashes: np.ndarray, doc: np.ndarray, n_docs: int, first: int = 0) -> np.ndarray:
    """One-permutation MinHash signatures of ``n_docs`` texts.

    Parameters
    ----------
    hashes : numpy.ndarray of uint64
        Shingle hashes (well mixed, e.g. from :func:`shingles.shingles`).
    doc : numpy.ndarray of int
        The text (0 .. n_docs - 1) of each shingle.
    n_docs : int
        Number of texts; texts without shingles get a signature that matches nothing.
    first : int
        Number of the batch's first text in the whole corpus: the values given to texts
        without shingles derive from it, so that they differ across batches too.

    Returns
    -------
    numpy.ndarray of uint32, shape (n_docs, 128)

    Examples
    --------
    >>> from corpus_tools.syndication.shingles import tokenize, shingles
    >>> h, d = shingles(tokenize(["a b c d e f g", "a b c d e f g", "x y z w v u t"]), 5)
    >>> sig = signatures(h, d, 3)
    >>> bool((sig[0] == sig[1]).all()), bool((sig[0] == sig[2]).any())
    (True, False)
    """
    bins = (hashes >> np.uint64(64 - _BIN_BITS)).astype(np.int64)
    values = hashes & np.uint64((1 << (64 - _BIN_BITS)) - 1)
    flat = np.full(n_docs * NUM_BINS, _EMPTY, dtype=np.uint64)
    np.minimum.at(flat, doc.astype(np.int64) * NUM_BINS + bins, values)
    sig = flat.reshape(n_docs, NUM_BINS)
    empty = sig == _EMPTY
    if empty.any():
        sig = _densify(sig, empty, first)
    # Keep the high 32 bits: halves memory; equal values still mean the same minimum
    # except with probability 2**-32 per comparison.
    return (mix64(sig) >> np.uint64(32)).astype(np.uint32)


def _densify(sig: np.ndarray, empty: np.ndarray, first: int = 0) -> np.ndarray:
    """Rotation densification: an empty bin takes the next non-empty bin to the right
    (circularly), mixed with the distance so that borrowed values differ from owned ones.
    Rows with no shingle at all get values unique to the row, so they match nothing."""
    n, k = sig.shape
    pos = np.arange(2 * k)
    doubled_empty = np.concatenate([empty, empty], axis=1)
    # For each position, the index of the nearest non-empty position at or after it.
    candidate = np.where(doubled_empty, 2 * k, pos[None, :])
    nearest = np.minimum.accumulate(candidate[:, ::-1], axis=1)[:, ::-1][:, :k]
    all_empty = nearest >= 2 * k
    source = np.where(all_empty, 0, nearest % k)
    distance = (nearest - pos[None, :k]).astype(np.uint64)
    borrowed = np.take_along_axis(sig, source, axis=1)
    out = np.where(empty, mix64(borrowed ^ distance, 11), sig)
    if all_empty.any():
        rows = np.flatnonzero(all_empty.all(axis=1))
        # Texts without shingles: values unique to the text's number in the corpus, so
        # that no band ever matches them. (Numbering them within the batch, as before,
        # paired empty texts of different batches by accident of batch boundaries.)
        cells = (rows.astype(np.uint64) + np.uint64(first))[:, None] * np.uint64(k) \
            + np.arange(k, dtype=np.uint64)[None, :]
        unique = mix64(cells.ravel() + np.uint64(1), 13)
        out[rows] = unique.reshape(len(rows), k) | np.uint64(1 << 63)
    return out


def lsh_parameters(threshold: float, num_perm: int = NUM_BINS,
                   min_probability: float = 0.99) -> tuple[int, int]:
    """(bands, rows) with bands x rows <= num_perm: the most rows per band (fewest
    spurious candidates) such that a pair at Jaccard ``threshold`` becomes a candidate
    with probability >= ``min_probability``.

    Examples
    --------
    >>> lsh_parameters(0.5)
    (42, 3)
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1]; got {threshold}.")
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        if 1.0 - (1.0 - threshold**rows) ** bands >= min_probability:
            best = (bands, rows)
    return best


def pairs_within_groups(keys: np.ndarray, members: np.ndarray | None = None
                        ) -> tuple[np.ndarray, np.ndarray]:
    """All pairs (i, j), i < j by position, of members that share a key.

    Vectorised: sorts the keys, finds runs of equal keys, and enumerates each run's pairs
    with ``repeat`` arithmetic (no Python loop over groups).
    """
    if members is None:
        members = np.arange(len(keys), dtype=np.int64)
    if len(keys) < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    boundary = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
    starts = np.concatenate([[0], boundary])
    sizes = np.diff(np.concatenate([starts, [len(keys)]]))
    multi = sizes > 1
    if not multi.any():
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    starts, sizes = starts[multi], sizes[multi]
    # Positions (in sorted order) of members of multi-member groups.
    pos = np.repeat(starts, sizes) + (np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes))
    group_end = np.repeat(starts + sizes, sizes)
    after = group_end - pos - 1  # partners to the right within the group
    left = np.repeat(pos, after)
    offset = np.arange(after.sum()) - np.repeat(np.cumsum(after) - after, after)
    right = left + 1 + offset
    return members[order[left]], members[order[right]]


def band_keys(sig: np.ndarray, threshold: float) -> np.ndarray:
    """One 64-bit key per LSH band and text: texts with equal keys in a band agree on
    all of that band's values (up to a 2**-64 chance).

    Computed batch by batch in pass 1, so that only the keys are kept, not the
    signatures: 42 bands x 8 bytes = 336 bytes per text at threshold 0.5, instead of
    the 512-byte signature.

    Returns
    -------
    numpy.ndarray of uint64, shape (bands, n_texts)
        Row ``band`` holds every text's key for that band (contiguous, for sorting).
    """
    n, k = sig.shape
    bands, rows = lsh_parameters(threshold, k)
    keys = np.zeros((bands, n), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for band in range(bands):
            block = sig[:, band * rows:(band + 1) * rows].astype(np.uint64)
            key = np.zeros(n, dtype=np.uint64)
            for c in range(rows):
                key = mix64(key ^ block[:, c], band)
            keys[band] = key
    return keys


def pairs_from_keys(keys: np.ndarray | list) -> np.ndarray:
    """Candidate pairs of texts that share a key in at least one band.

    Parameters
    ----------
    keys : numpy.ndarray of uint64, shape (bands, n), or a list of such arrays
        Band keys (:func:`band_keys`); a list holds consecutive batches of texts and is
        joined one band at a time (no second copy of all keys).

    Returns
    -------
    numpy.ndarray of int64, shape (n_pairs, 2)
        Unique pairs (i, j) with i < j.
    """
    blocks = keys if isinstance(keys, list) else [keys]
    blocks = [b for b in blocks if b.shape[1]]
    if not blocks:
        return np.zeros((0, 2), np.int64)
    n = sum(b.shape[1] for b in blocks)
    codes = []
    for band in range(blocks[0].shape[0]):
        key = np.concatenate([b[band] for b in blocks])
        a, b = pairs_within_groups(key)
        if len(a):
            codes.append(np.unique(np.minimum(a, b) * n + np.maximum(a, b)))
    code = np.unique(np.concatenate(codes)) if codes else np.zeros(0, np.int64)
    return np.stack([code // n, code % n], axis=1) if len(code) else np.zeros((0, 2), np.int64)

