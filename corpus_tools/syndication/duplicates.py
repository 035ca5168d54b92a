"""Near-duplicate and abridged copies: ``find_duplicates``.

Two passes over the texts, so that memory does not grow with the corpus's words:

1. Every text is tokenised and shingled (word 5-grams) in batches; each batch leaves
   only a 512-byte MinHash signature per text and its winnowing fingerprints
   (``minhash.py``, ``winnowing.py``). Candidates are the union of the LSH pairs (similar
   texts) and of the fingerprint pairs (one text inside another).
2. The texts of the candidates alone are tokenised again and every candidate is checked
   exactly: the Jaccard similarity of the 5-gram shingle sets, and the containment
   (coverage) of each text in the other.

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

from typing import Iterable

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from . import minhash, winnowing
from .shingles import iter_article_texts, iter_batches, shingles

__all__ = ["find_duplicates", "articles_only", "article_mask", "RELATIONS"]

#: Values of the ``relation`` column, from the closest to the loosest copy.
RELATIONS = ("exact", "near", "abridged")
_COLUMNS = ["doc_id_a", "doc_id_b", "jaccard", "containment", "relation"]


def article_mask(corpus: pd.DataFrame, include_teasers: bool = False) -> np.ndarray:
    """True for the rows compared: articles (teasers are headlines, not texts)."""
    missing = [c for c in ("doc_id", "body") if c not in corpus.columns]
    if missing:
        raise ValueError(
            f"Expected an article table with columns doc_id and body; missing {missing}. "
            "Build one with corpus_tools.load_corpus()."
        )
    if include_teasers or "kind" not in corpus:
        return np.ones(len(corpus), dtype=bool)
    return (corpus["kind"].fillna("article") != "teaser").to_numpy()


def articles_only(corpus: pd.DataFrame, include_teasers: bool = False) -> pd.DataFrame:
    """The rows compared: articles (teasers are headlines, not texts)."""
    mask = article_mask(corpus, include_teasers)
    return corpus if mask.all() else corpus[mask]


def find_duplicates(corpus: pd.DataFrame, *, threshold: float = 0.5,
                    containment: float = 0.8, shingle_size: int = 5, seed: int = 0,
                    include_teasers: bool = False, progress: bool = True) -> pd.DataFrame:
    """Pairs of articles that are copies of each other: exact, near or abridged.

    Parameters
    ----------
    corpus : pandas.DataFrame
        An article table (``corpus_tools.load_corpus``). The text compared is the
        standfirst and body; titles are left out because outlets re-headline copy.
    threshold : float
        Jaccard similarity of word ``shingle_size``-gram sets at or above which two
        texts are near-duplicates.
    containment : float
        Share of a text's words, inside word pairs also found in the other text, at or
        above which the text is a copy of the other (see the module notes).
    shingle_size : int
        Words per shingle for the Jaccard similarity.
    seed : int
        Seed of all hashing; results are identical across runs and machines.
    include_teasers : bool
        Compare teaser rows too (by default they are skipped: they have no body).
    progress : bool
        Show progress bars.

    Returns
    -------
    pandas.DataFrame
        One row per pair: ``doc_id_a``, ``doc_id_b``, ``jaccard`` (exact, on shingles),
        ``containment`` (coverage of a in b), ``relation``:

        * ``exact``: the same words in the same order (ignoring case and punctuation);
        * ``abridged``: a is a shortened copy of b: a lies in b (containment at least
          ``containment``) but b does not lie in a (more than ``1 - containment`` of b is
          not in a);
        * ``near``: otherwise, Jaccard at least ``threshold`` or each text lies in the
          other (an edited copy of about the same length).

        ``doc_id_a`` is the shorter text (fewer words; for ``abridged`` the cut version),
        ``doc_id_b`` the longer. Sorted by relation, then by decreasing Jaccard. A short
        text found inside ``HUB_CONTAINERS`` (5) or more longer texts that are mostly
        not copies of one another is boilerplate (a newsletter box, shared photo
        captions): its abridged pairs are left out.

    Examples
    --------
    >>> import pandas as pd
    >>> from corpus_tools.schema import conform
    >>> wire = "Beijing and Moscow should work to unite countries of the Global South, Xi said."
    >>> table = conform(pd.DataFrame({"outlet": ["A", "B", "C"], "title": ["x", "y", "z"],
    ...     "body": [wire + " More on Ukraine follows here today.", wire, "Rain fell in Paris."]}))
    >>> find_duplicates(table, progress=False)["relation"].tolist()
    ['abridged']
    """
    if not 0.0 < threshold <= 1.0 or not 0.0 < containment <= 1.0:
        raise ValueError(
            f"threshold and containment must be in (0, 1]; got {threshold} and {containment}."
        )
    # Positions, not a filtered copy: a million-article table is never duplicated.
    positions = np.flatnonzero(article_mask(corpus, include_teasers))
    doc_ids = corpus["doc_id"].astype(str).to_numpy()[positions]
    candidates = _candidates(iter_article_texts(corpus, positions), len(positions),
                             threshold, shingle_size, seed, progress)
    return _verify(corpus, positions, doc_ids, candidates, threshold=threshold,
                   containment=containment, k=shingle_size, seed=seed, progress=progress)


def _candidates(texts: Iterable[str], n: int, threshold: float, k: int, seed: int,
                progress: bool) -> np.ndarray:
    """Pass 1: signatures and fingerprints in batches, then LSH and fingerprint pairs."""
    sig = np.empty((n, minhash.NUM_BINS), dtype=np.uint32)
    index = winnowing.FingerprintIndex(n)
    with tqdm(total=n, desc="Shingling", unit="article", disable=not progress) as bar:
        for start, batch in iter_batches(texts, seed=seed):
            hashes, doc = shingles(batch, k)
            sig[start:start + len(batch)] = minhash.signatures(hashes, doc, len(batch))
            fp, fdoc = winnowing.fingerprints(hashes, doc, len(batch))
            index.add(fp, fdoc + start)
            bar.update(len(batch))
    similar = minhash.lsh_pairs(sig, threshold)
    del sig
    contained = index.pairs()
    both = np.concatenate([similar, contained])
    if len(both) == 0:
        return both
    code = np.unique(both[:, 0] * n + both[:, 1])
    return np.stack([code // n, code % n], axis=1)


class _Doc:
    """What the exact check needs about one text."""

    __slots__ = ("tokens", "shingles", "bigrams", "bigram_set")

    def __init__(self, tokens: np.ndarray, k: int):
        from .shingles import TokenBatch

        self.tokens = tokens
        one = TokenBatch(tokens, np.array([0, len(tokens)], dtype=np.int64))
        self.shingles = np.unique(shingles(one, k)[0])
        self.bigrams = shingles(one, 2)[0] if len(tokens) > 1 else tokens.copy()
        self.bigram_set = np.unique(self.bigrams)


def _coverage(a: _Doc, b: _Doc) -> float:
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


def _verify(corpus: pd.DataFrame, positions: np.ndarray, doc_ids: np.ndarray,
            pairs: np.ndarray, *, threshold: float, containment: float, k: int, seed: int,
            progress: bool) -> pd.DataFrame:
    """Pass 2: exact Jaccard and coverage for each candidate pair; keep the copies."""
    if len(pairs) == 0:
        return _empty()
    out = []
    with tqdm(total=len(pairs), desc="Checking pairs", unit="pair",
              disable=not progress) as bar:
        for start in range(0, len(pairs), PAIR_BLOCK):
            block = pairs[start:start + PAIR_BLOCK]
            needed = np.unique(block.ravel())
            docs: dict[int, _Doc] = {}
            texts = iter_article_texts(corpus, positions[needed])
            for first, batch in iter_batches(texts, seed=seed):
                for j in range(len(batch)):
                    docs[int(needed[first + j])] = _Doc(batch.doc(j), k)
            for i, j in block.tolist():
                row = _check(docs[i], docs[j], doc_ids[i], doc_ids[j], threshold, containment)
                if row is not None:
                    out.append(row)
            bar.update(len(block))
    if not out:
        return _empty()
    table = _drop_boilerplate_hubs(pd.DataFrame(out, columns=_COLUMNS))
    table["relation"] = pd.Categorical(table["relation"], categories=list(RELATIONS))
    table = table.sort_values(["relation", "jaccard", "doc_id_a", "doc_id_b"],
                              ascending=[True, False, True, True])
    table["relation"] = table["relation"].astype(str).astype("string")
    table[["doc_id_a", "doc_id_b"]] = table[["doc_id_a", "doc_id_b"]].astype("string")
    return table.reset_index(drop=True)


def _check(a: _Doc, b: _Doc, id_a: str, id_b: str, threshold: float,
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
    table = pd.DataFrame({c: pd.Series(dtype="string") for c in _COLUMNS})
    table["jaccard"] = table["jaccard"].astype(float)
    table["containment"] = table["containment"].astype(float)
    return table
