"""Near-duplicate and abridged copies: the passes of ``find_duplicates`` (:mod:`.api`).

Two streamed passes over the texts, so that memory grows with the number of articles,
not with their text nor with their pairs:

1. Every batch of texts (a table's, a Parquet dataset's, a Dask partition) is
   tokenised and shingled (word 5-grams) by :func:`sketch_part`; each batch leaves only
   the LSH band keys of its texts (42 x 8 bytes, ``minhash.py``) and their winnowing
   fingerprints (``winnowing.py``; in temporary files from ``SPILL_ABOVE`` rows on).
   Candidates are the union of the LSH pairs (similar texts) and of the fingerprint
   pairs (one text inside another), grouped by key with numpy in this process.
2. The candidates' texts alone are tokenised again (:func:`candidate_tokens`), and
   every candidate is checked exactly, a block at a time (:func:`check_block`): the
   Jaccard similarity of the 5-gram shingle sets, and the containment (coverage) of
   each text in the other.

The tasks of both passes run through the executor (:mod:`corpus_tools.parallel`): one
after the other in this process, or on Dask workers, where the texts are read and
tokenised; only keys, fingerprints, word hashes of candidates and copies travel. The
same code, so the result is the same wherever it runs.

Why containment is a *word coverage on bigrams*, not 5-gram shingle containment: copy
editors reword. The Straits Times' cut of the AFP story in the seeds writes "Mr Xi"
for "Xi", "like NATO" for "such as NATO", "in the Chinese capital" for "in Beijing",
and adds its own lead sentence. Measured on that pair (ST inside Daily8's AFP text):
5-gram containment 0.43, 3-gram 0.55, 2-gram 0.68, and the share of ST's words that lie
inside a word pair also found in the AFP text 0.81 (0.78 if honorifics were kept). On
1,443 pairs of *different* outlets' leads about the same event (allsides-roundups) the
same coverage exceeds 0.8 twice (one is a Guardian rewrite of Reuters copy); on random
same-topic allsides pairs it never exceeds 0.47. So coverage separates reworded copies
from independent reports, where shingle containment at any size does not.
"""
from __future__ import annotations

import tempfile

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from ..schema import article_mask
from . import minhash, winnowing
from .shingles import TokenBatch, article_texts, iter_batches, shingles

__all__ = ["find_pairs", "sketch_part", "candidate_tokens", "check_block", "sketch_batch",
           "union_pairs", "Doc", "check_pair", "check_pairs", "finish", "compared_rows",
           "count_compared", "RELATIONS", "PAIR_COLUMNS", "COLUMNS"]

#: Values of the ``relation`` column, from the closest to the loosest copy.
RELATIONS = ("exact", "near", "abridged")
#: The columns of ``find_duplicates``' result.
PAIR_COLUMNS = ["doc_id_a", "doc_id_b", "jaccard", "containment", "relation"]


#: The columns duplicate detection reads.
COLUMNS = ["doc_id", "kind", "standfirst", "body"]
#: From this many rows on, winnowing fingerprints (~1.4 KB per 1,000-word article, the
#: largest thing pass 1 keeps) and the candidates' word hashes are kept in temporary
#: files instead of in memory.
SPILL_ABOVE = 100_000


def compared_rows(frame: pd.DataFrame, include_teasers: bool) -> np.ndarray:
    """Positions (in ``frame``) of the rows compared: articles (the one rule of
    :func:`corpus_tools.schema.article_mask`), or every row with ``include_teasers``."""
    return np.arange(len(frame)) if include_teasers else np.flatnonzero(article_mask(frame))


def count_compared(frame: pd.DataFrame, include_teasers: bool) -> int:
    """How many rows of one batch are compared (numbers the articles across batches)."""
    return len(compared_rows(frame, include_teasers))


def find_pairs(batches, run, n_rows: int, *, threshold: float, containment: float, k: int,
               seed: int, include_teasers: bool, progress: bool) -> pd.DataFrame:
    """The copies among the texts of the batches, in two passes run by the executor
    ``run`` (in this process, or on Dask workers: :mod:`corpus_tools.parallel`).

    ``batches()`` gives a fresh iterable of ``(batch, first)``: a table batch or a Dask
    partition, and the number of its first compared article. ``n_rows`` is an upper
    bound of the number of articles.
    """
    spill = n_rows >= SPILL_ABOVE
    with tempfile.TemporaryDirectory(prefix="corpus_tools_duplicates_") as folder:
        index = winnowing.FingerprintIndex(n_rows, spill_dir=folder if spill else None)
        keys, lengths, ids = [], [], []
        with tqdm(total=n_rows, desc="Shingling", unit="article", disable=not progress) as bar:
            for first, doc_ids, batch_keys, batch_lengths, fp, fdoc in run.map(
                    sketch_part, batches(), include_teasers, threshold, k, seed):
                if first != sum(map(len, ids)):
                    raise RuntimeError("Batches were numbered from a different cut of the "
                                       "corpus than the one read: articles would be mixed up.")
                index.add(fp, fdoc)
                keys.append(batch_keys)
                lengths.append(batch_lengths)
                ids.append(doc_ids)
                bar.update(len(doc_ids))
        doc_ids = np.concatenate(ids) if ids else np.zeros(0, dtype=object)
        n_tokens = np.concatenate(lengths) if lengths else np.zeros(0, np.int32)
        similar = minhash.pairs_from_keys(keys)
        del keys
        pairs = union_pairs(similar, index.pairs(), n=len(doc_ids))
        del index
        if len(pairs) == 0:
            return finish([])
        needed = np.unique(pairs.ravel())
        store = TokenStore(needed, folder if spill else None)
        with tqdm(total=len(needed), desc="Reading candidates", unit="article",
                  disable=not progress) as bar:
            for chunks in run.map(candidate_tokens, batches(), include_teasers, needed, seed):
                for batch in chunks:
                    store.add(store.filled, batch)
                    bar.update(len(batch))
        blocks = ((block, {int(a): store.get(int(a)) for a in np.unique(block.ravel())},
                   {int(a): doc_ids[a] for a in np.unique(block.ravel())})
                  for block in pair_blocks(pairs, n_tokens))
        rows = []
        with tqdm(total=len(pairs), desc="Checking pairs", unit="pair",
                  disable=not progress) as bar:
            for block_rows, size in run.map(check_block, blocks, threshold, containment, k):
                rows.extend(block_rows)
                bar.update(size)
        store.close()
    return finish(rows)


def sketch_part(item, include_teasers: bool, threshold: float, k: int, seed: int):
    """Pass 1 on one batch (a task): the number of its first article, and the doc_ids,
    band keys, word counts and fingerprints of its compared articles (:func:`sketch_batch`)."""
    frame, first = item
    frame = frame.iloc[compared_rows(frame, include_teasers)]
    keys, lengths, fp, fdoc = sketch_batch(article_texts(frame).tolist(), first, threshold,
                                           k, seed)
    return first, frame["doc_id"].astype(str).to_numpy(dtype=object), keys, lengths, fp, fdoc


def candidate_tokens(item, include_teasers: bool, needed: np.ndarray,
                     seed: int) -> list[TokenBatch]:
    """Pass 2 on one batch (a task): the word hashes of its articles that are in a
    candidate pair, in article order, in chunks of about ``BATCH_BYTES`` of text."""
    frame, first = item
    frame = frame.iloc[compared_rows(frame, include_teasers)]
    numbers = np.arange(first, first + len(frame))
    take = np.flatnonzero(np.isin(numbers, needed))
    return [batch for _, batch in iter_batches(article_texts(frame.iloc[take]).tolist(),
                                               seed=seed)]


def check_block(item, threshold: float, containment: float, k: int):
    """The exact check of one block of candidate pairs (a task): ``item`` is the pairs,
    the word hashes and the doc_id of their articles. Returns the copies' rows and the
    number of pairs checked."""
    block, tokens, doc_ids = item
    docs = {a: Doc(t, k) for a, t in tokens.items()}
    return check_pairs(block, docs, doc_ids, threshold=threshold,
                       containment=containment), len(block)


def sketch_batch(texts: list[str], first: int, threshold: float, k: int, seed: int):
    """Pass 1 on one batch of texts (articles ``first``, ``first + 1``, ...).

    Returns the band keys (bands x texts, uint64), the word count of each text
    (int32) and the fingerprints with their article numbers.
    """
    keys, lengths, fps, fdocs = [], [], [], []
    for start, batch in iter_batches(texts, seed=seed):
        hashes, doc = shingles(batch, k)
        sig = minhash.signatures(hashes, doc, len(batch), first + start)
        keys.append(minhash.band_keys(sig, threshold))
        lengths.append(batch.lengths.astype(np.int32))
        fp, fdoc = winnowing.fingerprints(hashes, doc, len(batch))
        fps.append(fp)
        fdocs.append(fdoc + (first + start))
    bands = minhash.lsh_parameters(threshold)[0]
    keys = np.concatenate(keys, axis=1) if keys else np.zeros((bands, 0), np.uint64)
    lengths = np.concatenate(lengths) if lengths else np.zeros(0, np.int32)
    fp = np.concatenate(fps) if fps else np.zeros(0, np.uint64)
    fdoc = np.concatenate(fdocs) if fdocs else np.zeros(0, np.int64)
    return keys, lengths, fp, fdoc


def union_pairs(*pairs: np.ndarray, n: int) -> np.ndarray:
    """The unique pairs (i, j), sorted, of several (n_pairs, 2) arrays."""
    both = np.concatenate([np.asarray(p, dtype=np.int64).reshape(-1, 2) for p in pairs])
    if len(both) == 0:
        return both
    code = np.unique(both[:, 0] * n + both[:, 1])
    return np.stack([code // n, code % n], axis=1)


class Doc:
    """What the exact check needs about one text."""

    __slots__ = ("tokens", "shingles", "bigrams", "bigram_set")

    def __init__(self, tokens: np.ndarray, k: int):
        self.tokens = tokens
        one = TokenBatch(tokens, np.array([0, len(tokens)], dtype=np.int64))
        self.shingles = np.unique(shingles(one, k)[0])
        self.bigrams = shingles(one, 2)[0] if len(tokens) > 1 else tokens.copy()
        self.bigram_set = np.unique(self.bigrams)


def _coverage(a: Doc, b: Doc) -> float:
    """Share of a's words inside a word bigram that b also has."""
    n = len(a.tokens)
    if n == 0 or len(b.bigram_set) == 0:
        return 0.0
    idx = np.searchsorted(b.bigram_set, a.bigrams)
    found = b.bigram_set[np.minimum(idx, len(b.bigram_set) - 1)] == a.bigrams
    if n == 1:
        return float(found.any())
    covered = np.zeros(n, dtype=bool)
    covered[:-1] |= found
    covered[1:] |= found
    return float(covered.mean())


#: Candidate pairs checked per block: only the texts of one block are tokenised and held
#: at a time, so the check's memory does not grow with the number of candidates.
PAIR_BLOCK = 20_000
#: Words of the texts held per block (each word costs ~32 bytes in the check: tokens,
#: shingles, bigrams, bigram set): ~256 MB.
BLOCK_WORDS = 8_000_000


def pair_blocks(pairs: np.ndarray, n_tokens: np.ndarray) -> list[np.ndarray]:
    """Cut ``pairs`` into blocks of at most ``PAIR_BLOCK`` pairs whose texts hold at most
    ``BLOCK_WORDS`` words (counted per pair, so a text in two pairs counts twice: a
    safe overestimate)."""
    if len(pairs) == 0:
        return []
    words = n_tokens[pairs[:, 0]].astype(np.int64) + n_tokens[pairs[:, 1]]
    total = np.cumsum(words)
    blocks, start = [], 0
    while start < len(pairs):
        base = total[start - 1] if start else 0
        end = int(np.searchsorted(total, base + BLOCK_WORDS, side="right"))
        end = min(max(end, start + 1), start + PAIR_BLOCK)
        blocks.append(pairs[start:end])
        start = end
    return blocks


class TokenStore:
    """Word hashes of the candidate texts, read and tokenised once in pass 2, then looked
    up block by block: in memory, or in a temporary file (``folder``) for large corpora
    (8 bytes per word of each candidate text go to disk, not to memory).

    Reading the texts once matters for a Parquet dataset: a row group is read whole, so
    reading each block's texts separately would read the dataset once per block.
    """

    def __init__(self, articles: np.ndarray, folder=None):
        self.articles = np.asarray(articles, dtype=np.int64)  # ascending
        self.bounds = np.zeros(len(self.articles) + 1, dtype=np.int64)
        self._chunks: list[np.ndarray] = []
        self._tokens = None
        self._file = None
        if folder is not None:
            from pathlib import Path

            self._file = open(Path(folder) / "tokens.u64", "w+b")
        self._size = 0
        self.filled = 0  # texts added so far

    def add(self, first: int, batch) -> None:
        """Tokens of texts ``first``, ``first + 1``, ... (positions in ``articles``)."""
        tokens = batch.tokens[batch.offsets[0]:batch.offsets[-1]]
        self.bounds[first + 1:first + len(batch) + 1] = self._size + batch.offsets[1:] \
            - batch.offsets[0]
        self._size += len(tokens)
        self.filled = max(self.filled, first + len(batch))
        if self._file is not None:
            tokens.tofile(self._file)
        else:
            self._chunks.append(tokens.copy())

    def get(self, article: int) -> np.ndarray:
        """The word hashes of one candidate text."""
        k = int(np.searchsorted(self.articles, article))
        start, end = int(self.bounds[k]), int(self.bounds[k + 1])
        if self._file is not None:
            self._file.seek(start * 8)
            return np.fromfile(self._file, dtype=np.uint64, count=end - start)
        if self._tokens is None:
            self._tokens = np.concatenate(self._chunks) if self._chunks else \
                np.zeros(0, np.uint64)
            self._chunks = []
        return self._tokens[start:end]

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def check_pairs(block: np.ndarray, docs: dict, doc_ids, *, threshold: float,
                containment: float) -> list[tuple]:
    """The rows of the copies among candidate pairs ``block`` (article numbers);
    ``docs`` maps an article number to its :class:`Doc`, ``doc_ids`` to its doc_id."""
    out = []
    for i, j in block.tolist():
        row = check_pair(docs[i], docs[j], doc_ids[i], doc_ids[j], threshold, containment)
        if row is not None:
            out.append(row)
    return out


def finish(rows: list[tuple]) -> pd.DataFrame:
    """The result table from the checked rows: boilerplate hubs dropped, sorted."""
    if not rows:
        return _empty()
    table = _drop_boilerplate_hubs(pd.DataFrame(rows, columns=PAIR_COLUMNS))
    table["relation"] = pd.Categorical(table["relation"], categories=list(RELATIONS))
    table = table.sort_values(["relation", "jaccard", "doc_id_a", "doc_id_b"],
                              ascending=[True, False, True, True])
    table["relation"] = table["relation"].astype(str).astype("string")
    table[["doc_id_a", "doc_id_b"]] = table[["doc_id_a", "doc_id_b"]].astype("string")
    return table.reset_index(drop=True)


def check_pair(a: Doc, b: Doc, id_a: str, id_b: str, threshold: float,
           containment: float) -> tuple | None:
    """The row of one candidate pair, or None when it is not a copy."""
    if (len(a.tokens), id_a) > (len(b.tokens), id_b):
        a, b, id_a, id_b = b, a, id_b, id_a  # a is the shorter text
    inter = len(np.intersect1d(a.shingles, b.shingles, assume_unique=True))
    union = len(a.shingles) + len(b.shingles) - inter
    jac = inter / union if union else 0.0
    if len(a.tokens) == len(b.tokens) and np.array_equal(a.tokens, b.tokens):
        return id_a, id_b, jac, 1.0, "exact"
    c_ab, c_ba = _coverage(a, b), _coverage(b, a)
    if c_ab >= containment and c_ba < containment:
        return id_a, id_b, jac, c_ab, "abridged"
    if jac >= threshold or min(c_ab, c_ba) >= containment:
        return id_a, id_b, jac, c_ab, "near"
    return None


#: A short text "contained" in this many longer texts that are mostly not copies of one
#: another is shared boilerplate (a newsletter box, a disclaimer left in by the scraper),
#: not an abridged article: its abridged pairs are dropped so that it does not chain
#: unrelated articles into one copy group.
HUB_CONTAINERS = 5


def _drop_boilerplate_hubs(table: pd.DataFrame) -> pd.DataFrame:
    abridged = table[table["relation"] == "abridged"]
    counts = abridged["doc_id_a"].value_counts()
    hubs = []
    linked = set(zip(table["doc_id_a"], table["doc_id_b"]))
    for hub in counts[counts >= HUB_CONTAINERS].index:
        containers = sorted(abridged.loc[abridged["doc_id_a"] == hub, "doc_id_b"])
        n_linked = sum((x, y) in linked or (y, x) in linked
                       for i, x in enumerate(containers) for y in containers[i + 1:])
        possible = len(containers) * (len(containers) - 1) / 2
        if n_linked < possible / 2:
            hubs.append(hub)
    if not hubs:
        return table
    return table[~((table["relation"] == "abridged") & table["doc_id_a"].isin(hubs))]


def _empty() -> pd.DataFrame:
    table = pd.DataFrame({c: pd.Series(dtype="string") for c in PAIR_COLUMNS})
    table["jaccard"] = table["jaccard"].astype(float)
    table["containment"] = table["containment"].astype(float)
    return table
