"""The passes of ``find_duplicates`` on a Dask cluster: LSH bands and fingerprints
shuffled by key (Dask's group-by-key: no engine of our own).

The same two passes as in one process (``duplicates.py``), with Dask doing the
distribution (no engine of our own):

1. **Sketch**, one task per partition, on the workers: tokenise, then emit one row
   ``(band, key, article)`` per LSH band and one row ``(fingerprint, article)`` per
   winnowing fingerprint; only ``doc_id``, word count and fingerprint count per article
   come back to the client.
2. **Shuffle by key**: the band table is shuffled on ``key`` so that each bucket lies
   on one worker, which forms its pairs; the fingerprint table is shuffled on the
   fingerprint, each worker counts the fingerprints each pair shares in its part
   (fingerprints in more than ``MAX_FINGERPRINT_DF`` articles skipped, as in one
   process), the counts are summed per pair by a Dask ``groupby`` and filtered on the
   workers with the per-article fingerprint counts. Only candidate pairs (few) come
   back.
3. **Verify on the workers**: each partition sends the texts of its candidate articles
   (the only texts that move); candidate pairs are joined with them (two merges) and
   checked exactly, partition by partition, with the single-process check. The copies
   come back and the boilerplate-hub rule and sorting run on the client, as in one
   process.

Why verify on the workers rather than on the client: the check tokenises both texts of
every candidate pair, the second most expensive step after pass 1; on the workers it
scales with the cluster, and the client never holds texts.

Articles are numbered across partitions exactly as in one process, so candidate pairs,
checks and therefore results are identical to ``find_duplicates(..., scheduler=False)``.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..batches import dataset_files
from . import minhash, winnowing
from .duplicates import PAIR_COLUMNS, Doc, check_pairs, finish, sketch_batch, union_pairs
from .shingles import article_texts, iter_batches
from .sources import COLUMNS, compared_rows

__all__ = ["find_pairs_dask"]


def _compute(client, *collections):
    import dask

    if client is not None:
        return client.compute(list(collections), sync=True)
    return list(dask.compute(*collections))


def _as_dask(corpus, batch_size: int | None, client):
    """A Dask DataFrame of the columns needed, from any accepted input."""
    import dask.dataframe as dd

    if isinstance(corpus, dd.DataFrame):
        present = [c for c in COLUMNS if c in corpus.columns]
        frame = corpus[present]
    elif isinstance(corpus, pd.DataFrame):
        present = [c for c in COLUMNS if c in corpus.columns]
        workers = len(client.scheduler_info().get("workers", {})) if client is not None else 1
        # Several partitions even for a small table, so that every worker takes part.
        n_parts = max(-(-len(corpus) // batch_size), 2 * workers, 1)
        frame = dd.from_pandas(corpus[present], npartitions=min(n_parts, max(len(corpus), 1)),
                               sort=False)
    elif isinstance(corpus, (str, Path)):
        import pyarrow.parquet as pq

        files = dataset_files(corpus)
        names = pq.ParquetFile(files[0]).schema_arrow.names
        present = [c for c in COLUMNS if c in names]
        frame = dd.read_parquet([str(f) for f in files], columns=present)
    else:
        raise TypeError(
            f"Expected an article table (pandas or Dask DataFrame) or the path of a Parquet "
            f"dataset, got {type(corpus).__name__}."
        )
    return frame


def _count_articles(part: pd.DataFrame, include_teasers: bool) -> int:
    return len(compared_rows(part, include_teasers))


def _sketch_part(part: pd.DataFrame, first: int, include_teasers: bool, threshold: float,
                 k: int, seed: int):
    """Pass 1 on one partition: band rows, fingerprint rows, per-article facts."""
    keep = compared_rows(part, include_teasers)
    part = part.iloc[keep]
    texts = article_texts(part).tolist()
    keys, lengths, fp, fdoc = sketch_batch(texts, first, threshold, k, seed)
    n_bands, m = keys.shape
    articles = np.arange(first, first + m, dtype=np.int64)
    bands = pd.DataFrame({"band": np.repeat(np.arange(n_bands, dtype=np.int16), m),
                          "key": keys.ravel(), "article": np.tile(articles, n_bands)})
    fps = pd.DataFrame({"fp": fp, "article": fdoc.astype(np.int64)})
    n_fp = np.bincount(fdoc - first, minlength=m).astype(np.int32) if m else \
        np.zeros(0, np.int32)
    facts = pd.DataFrame({"article": articles, "doc_id": part["doc_id"].astype(str).to_numpy(),
                          "n_tokens": lengths, "n_fp": n_fp})
    return bands, fps, facts


def _band_pairs(part: pd.DataFrame, n: int) -> pd.DataFrame:
    """The pairs of each (band, key) bucket in a shuffled part, as codes i * n + j."""
    if len(part) < 2:
        return pd.DataFrame({"code": np.zeros(0, np.int64)})
    band, key = part["band"].to_numpy(), part["key"].to_numpy()
    order = np.lexsort((key, band))
    band, key = band[order], key[order]
    new = np.concatenate([[True], (band[1:] != band[:-1]) | (key[1:] != key[:-1])])
    group = np.cumsum(new)
    a, b = minhash.pairs_within_groups(group, part["article"].to_numpy()[order])
    code = np.unique(np.minimum(a, b) * n + np.maximum(a, b))
    return pd.DataFrame({"code": code.astype(np.int64)})


def _fingerprint_counts(part: pd.DataFrame, n: int, max_df: int) -> pd.DataFrame:
    """Per pair, the fingerprints it shares in a part shuffled by fingerprint."""
    code, count = winnowing.shared_counts(part["fp"].to_numpy(np.uint64),
                                          part["article"].to_numpy(np.int64), n, max_df)
    return pd.DataFrame({"code": code.astype(np.int64), "count": count.astype(np.int64)})


def _filter_counts(part: pd.DataFrame, per_doc: np.ndarray, n: int) -> pd.DataFrame:
    pairs = winnowing.filter_pairs(part.index.to_numpy(np.int64),
                                   part["count"].to_numpy(np.int64), per_doc, n)
    return pd.DataFrame({"code": (pairs[:, 0] * n + pairs[:, 1]).astype(np.int64)})


def _candidate_texts(part: pd.DataFrame, first: int, needed: np.ndarray,
                     include_teasers: bool) -> pd.DataFrame:
    """Texts of the partition's articles that are in a candidate pair."""
    part = part.iloc[compared_rows(part, include_teasers)]
    articles = np.arange(first, first + len(part), dtype=np.int64)
    take = np.flatnonzero(np.isin(articles, needed))
    chosen = part.iloc[take]
    return pd.DataFrame({"article": articles[take],
                         "doc_id": chosen["doc_id"].astype(str).to_numpy(),
                         "text": article_texts(chosen).to_numpy()})


def _verify_part(part: pd.DataFrame, threshold: float, containment: float, k: int,
                 seed: int) -> pd.DataFrame:
    """The exact check of the candidate pairs of one partition (texts joined in)."""
    if len(part) == 0:
        return _rows_frame([])
    texts = pd.concat([part[["i", "text_i"]].set_axis(["article", "text"], axis=1),
                       part[["j", "text_j"]].set_axis(["article", "text"], axis=1)])
    texts = texts.drop_duplicates("article").sort_values("article")
    docs: dict[int, Doc] = {}
    articles = texts["article"].to_numpy()
    for first, batch in iter_batches(texts["text"].tolist(), seed=seed):
        for j in range(len(batch)):
            docs[int(articles[first + j])] = Doc(batch.doc(j), k)
    doc_ids = dict(zip(part["i"].tolist(), part["doc_id_i"])) | \
        dict(zip(part["j"].tolist(), part["doc_id_j"]))
    pairs = part[["i", "j"]].to_numpy(np.int64)
    return _rows_frame(check_pairs(pairs, docs, doc_ids, threshold=threshold,
                                   containment=containment))


def _rows_frame(rows: list) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    return frame.astype({"doc_id_a": object, "doc_id_b": object, "jaccard": float,
                         "containment": float, "relation": object})


def find_pairs_dask(corpus, client, *, threshold: float, containment: float,
                    shingle_size: int, seed: int, include_teasers: bool,
                    batch_size: int) -> pd.DataFrame:
    """:func:`corpus_tools.find_duplicates` with its per-partition work run by Dask.

    ``client`` is a ``dask.distributed.Client`` or None (Dask's default scheduler, for a
    Dask DataFrame given without a cluster). See the module notes for the plan.
    """
    import dask
    import dask.dataframe as dd

    frame = _as_dask(corpus, batch_size, client)
    has_kind = "kind" in frame.columns
    count_frame = frame[["kind"]] if has_kind else frame[["doc_id"]]
    counts = _compute(client, *[dask.delayed(_count_articles)(p, include_teasers)
                                for p in count_frame.to_delayed()])
    firsts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    n = int(firsts[-1])
    if n == 0:
        return finish([])

    # Pass 1: sketches on the workers; tables of band keys and fingerprints.
    sketches = [dask.delayed(_sketch_part, nout=3)(p, int(first), include_teasers,
                                                   threshold, shingle_size, seed)
                for p, first in zip(frame.to_delayed(), firsts[:-1])]
    bands_meta = pd.DataFrame({"band": np.zeros(0, np.int16),
                               "key": np.zeros(0, np.uint64), "article": np.zeros(0, np.int64)})
    fp_meta = pd.DataFrame({"fp": np.zeros(0, np.uint64), "article": np.zeros(0, np.int64)})
    facts_meta = pd.DataFrame({"article": np.zeros(0, np.int64), "doc_id": pd.Series(dtype=object),
                               "n_tokens": np.zeros(0, np.int32), "n_fp": np.zeros(0, np.int32)})
    bands = dd.from_delayed([s[0] for s in sketches], meta=bands_meta, verify_meta=False)
    fps = dd.from_delayed([s[1] for s in sketches], meta=fp_meta, verify_meta=False)
    facts = [s[2] for s in sketches]
    n_parts = max(len(sketches), 2)

    # Shuffle the LSH bands by key: each bucket's pairs are formed on one worker.
    code_meta = pd.DataFrame({"code": np.zeros(0, np.int64)})
    similar = bands.shuffle(on="key", npartitions=n_parts).map_partitions(
        _band_pairs, n, meta=code_meta)
    # Shuffle fingerprints by value; count shared fingerprints per pair; sum; filter.
    per_doc = dask.delayed(_per_doc)(facts, n)
    shared = fps.shuffle(on="fp", npartitions=n_parts).map_partitions(
        _fingerprint_counts, n, winnowing.MAX_FINGERPRINT_DF,
        meta=pd.DataFrame({"code": np.zeros(0, np.int64), "count": np.zeros(0, np.int64)}))
    totals = shared.groupby("code").agg({"count": "sum"}, split_out=n_parts)
    contained = totals.map_partitions(_filter_counts, per_doc, n, meta=code_meta)
    # One compute: the sketch tasks run once and feed both shuffles.
    similar_codes, contained_codes = _compute(client, similar, contained)
    codes = np.concatenate([similar_codes["code"].to_numpy(np.int64),
                            contained_codes["code"].to_numpy(np.int64)])
    pairs = union_pairs(np.stack([codes // n, codes % n], axis=1), n=n)
    if len(pairs) == 0:
        return finish([])

    # Pass 2: texts of candidate articles only, joined to the pairs, checked on workers.
    needed = np.unique(pairs.ravel())
    needed_d = dask.delayed(needed)
    text_meta = pd.DataFrame({"article": np.zeros(0, np.int64), "doc_id": pd.Series(dtype=object),
                              "text": pd.Series(dtype=object)})
    texts = dd.from_delayed(
        [dask.delayed(_candidate_texts)(p, int(first), needed_d, include_teasers)
         for p, first in zip(frame.to_delayed(), firsts[:-1])],
        meta=text_meta, verify_meta=False)
    n_blocks = max(1, min(n_parts, -(-len(pairs) // 5_000)))
    cand = dd.from_pandas(pd.DataFrame({"i": pairs[:, 0], "j": pairs[:, 1]}),
                          npartitions=n_blocks, sort=False)
    left = texts.rename(columns={"article": "i", "doc_id": "doc_id_i", "text": "text_i"})
    right = texts.rename(columns={"article": "j", "doc_id": "doc_id_j", "text": "text_j"})
    joined = cand.merge(left, on="i", how="inner").merge(right, on="j", how="inner")
    checked = joined.map_partitions(_verify_part, threshold, containment, shingle_size,
                                    seed, meta=_rows_frame([]))
    (rows,) = _compute(client, checked)
    return finish(list(rows.itertuples(index=False, name=None)))


def _per_doc(facts: list[pd.DataFrame], n: int) -> np.ndarray:
    per_doc = np.zeros(n, dtype=np.int32)
    for part in facts:
        per_doc[part["article"].to_numpy()] = part["n_fp"].to_numpy()
    return per_doc
