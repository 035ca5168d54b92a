"""The document-term matrix of a corpus too large to hold as text: out of core, or on Dask.

:func:`corpus_tools.make_dtm` comes here for a Parquet dataset (what
``load_corpus(..., out=...)`` writes), a Dask DataFrame, or a pandas table with
``batch_size=``. The texts are read a batch at a time and never all held; what stays in
memory is the sparse counts (8 bytes per distinct term of an article in the result:
2.2 KB per allsides article, so ~2.2 GB for a million; while counting, about as much
again for the not-yet-pruned batches) and a few short columns.

1. **Columns pass.** ``doc_id``, ``kind`` and the columns that decide what is left out
   (outlets, agencies, datelines) and which rows the vocabulary is fitted on (one copy
   per syndicated story) are read alone: a few bytes per article.
2. **Phrases on a sample.** Multi-word names ("xi_jinping") are learned by
   :class:`~corpus_tools.vectorize.NewsVectorizer` from at most ``fit_sample`` of the
   fit rows, those with the smallest hash of ``doc_id``: the same sample whatever the
   batch or partition boundaries, so every way of running gives the same matrix. A
   phrase is a pair seen together far more than by chance; 50,000 articles see every
   pair frequent enough to matter (``min_df`` at a million articles is 500 documents;
   on allsides a 10,000-article sample keeps 97% of the full fit's vocabulary).
3. **Counting pass.** Each batch is tokenised with the fitted phrases and counted
   straight from term ids with numpy (no per-word Python lists); words the sample never
   saw are added to the vocabulary by name. Only then, with the whole corpus counted,
   are ``min_df``/``max_df``/``max_features`` applied on the fit rows, as
   ``CountVectorizer`` would on the whole corpus, and the columns put in alphabetical
   order. On Dask the counting runs on the workers, partition by partition; only each
   partition's counts and the names of its terms come back.

Differences from the in-memory ``make_dtm``: phrases come from the sample rather than
from every article (see the figures in the README).
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer
from tqdm.auto import tqdm

from .batches import DEFAULT_BATCH_SIZE, dataset_files, iter_table_batches
from .parallel import get_client, is_dask_collection
from .news_words import excluded_vocabulary
from .phrases import DOC_END
from .vectorize import (
    DocumentTermMatrix,
    NewsVectorizer,
    _auto_max_df,
    _auto_min_df,
    _identity,
    article_texts,
    corpus_exclusions,
    one_copy_per_story,
)

__all__ = ["stream_dtm", "DEFAULT_FIT_SAMPLE"]

#: Articles the phrases are learned from (see the module notes). Learning them holds
#: about 50 KB per sampled article for a moment (token ids and pair keys: 1.3 GB peak
#: for 10,000 allsides articles, 3.0 GB for 37,554), so 50,000 keeps it near 3-4 GB.
DEFAULT_FIT_SAMPLE = 50_000
_META = ["doc_id", "kind", "outlet", "outlet_domain", "agency", "dateline", "copy_group",
         "is_original"]
_TEXT = ["doc_id", "kind", "title", "standfirst", "body"]
#: Dask partitions counted at once: enough to keep every worker busy, few enough that
#: this process never holds more than a handful of partitions' counts it has not merged.
_IN_FLIGHT_PER_WORKER = 2


def stream_dtm(source, *, vectorizer: NewsVectorizer | None = None,
               kinds: Sequence[str] | None = ("article",), one_per_story: bool = True,
               exclude_outlets: bool = True, exclude_datelines: bool = True,
               batch_size: int | None = None, fit_sample: int = DEFAULT_FIT_SAMPLE,
               scheduler=None, progress: bool = True, **options) -> DocumentTermMatrix:
    """The document-term matrix of ``source``, counted a batch at a time.

    Parameters are those of :func:`corpus_tools.make_dtm`; ``source`` is a pandas
    article table, the path of a Parquet dataset or a Dask DataFrame.
    """
    batch_size = batch_size or DEFAULT_BATCH_SIZE
    if fit_sample < 1:
        raise ValueError(f"fit_sample must be at least 1, got {fit_sample}.")
    client = get_client(scheduler)
    if client is not None and isinstance(source, (str, Path)):
        import dask.dataframe as dd

        source = dd.read_parquet([str(f) for f in dataset_files(source)])
    meta = _read_meta(source, batch_size)
    keep = _kind_mask(meta, kinds)
    rows = meta[keep]
    if rows.empty:
        raise ValueError(
            f"No rows to vectorise: the corpus has {len(meta)} rows, none of kind "
            f"{list(kinds) if kinds else 'any'}. Pass kinds=None to include teasers."
        )
    fit_rows = one_copy_per_story(rows) if one_per_story else np.ones(len(rows), bool)
    if vectorizer is not None:
        if options:
            raise ValueError(f"Options {sorted(options)} cannot change a fitted vectorizer. "
                             f"Drop them, or pass vectorizer=None to fit a new one.")
        return _transform(source, vectorizer, kinds, batch_size, rows, fit_rows, progress)
    options["exclude_terms"] = corpus_exclusions(
        rows, options.pop("exclude_terms", None), exclude_outlets, exclude_datelines)
    vectorizer = NewsVectorizer(**options)
    sample = _sample_ids(rows["doc_id"][fit_rows], fit_sample)
    vectorizer.fit_phrases(_sample_texts(source, sample, kinds, batch_size))

    counter = _Counter(vectorizer)
    parts = (_dask_parts(source, vectorizer, kinds, client)
             if client is not None and is_dask_collection(source)
             else (count_texts(b, vectorizer, kinds)
                   for b in iter_table_batches(source, _TEXT, batch_size)))
    with tqdm(total=len(rows), desc="Counting", unit="article", disable=not progress) as bar:
        for part in parts:
            counter.add(*part)
            bar.update(len(part[0]))
    doc_ids = pd.Index(rows["doc_id"].astype(str).to_numpy(), name="doc_id")
    counted = pd.Index(np.concatenate(counter.doc_ids) if counter.doc_ids else [])
    if not counted.equals(pd.Index(doc_ids.to_numpy())):
        raise RuntimeError("The rows counted differ from the rows listed: the source "
                           "changed while it was being read.")
    matrix, vocabulary = counter.finish(fit_rows, vectorizer)
    return DocumentTermMatrix(matrix=matrix, vocabulary=vocabulary, doc_ids=doc_ids,
                              vectorizer=vectorizer, fit_rows=np.asarray(fit_rows, bool))


def _transform(source, vectorizer, kinds, batch_size, rows, fit_rows, progress):
    """Count with a fitted vectorizer's vocabulary, a batch at a time."""
    blocks = []
    with tqdm(total=len(rows), desc="Counting", unit="article", disable=not progress) as bar:
        for batch in iter_table_batches(source, _TEXT, batch_size):
            batch = batch[_kind_mask(batch, kinds)]
            blocks.append(sp.csr_matrix(vectorizer.transform(article_texts(batch))))
            bar.update(len(batch))
    return DocumentTermMatrix(
        matrix=sp.vstack(blocks, format="csr"), vocabulary=vectorizer.get_feature_names_out(),
        doc_ids=pd.Index(rows["doc_id"].astype(str).to_numpy(), name="doc_id"),
        vectorizer=vectorizer, fit_rows=np.asarray(fit_rows, bool))


def count_texts(frame: pd.DataFrame, vectorizer: NewsVectorizer,
                kinds: Sequence[str] | None):
    """Counts of one batch (or Dask partition): what comes back from a worker.

    Returns ``(doc_ids, indptr, columns, counts, names)``: a CSR matrix whose column
    ``j`` is the term ``names[j]`` (only the terms this batch uses).
    """
    frame = frame[_kind_mask(frame, kinds)]
    ids, names = vectorizer._term_ids(article_texts(frame), False, False)
    ends = ids == DOC_END
    doc = np.cumsum(ends) - ends  # the text each id belongs to
    term = ids[~ends].astype(np.int64)
    doc = doc[~ends]
    used, term = np.unique(term, return_inverse=True)
    matrix = sp.coo_matrix((np.ones(len(term), np.int32), (doc, term)),
                           shape=(len(frame), len(used))).tocsr()
    matrix.sum_duplicates()
    return (frame["doc_id"].astype(str).to_numpy(), matrix.indptr.astype(np.int64),
            matrix.indices.astype(np.int32), matrix.data.astype(np.int32), names[used])


class _Counter:
    """Merges the batches' counts under one vocabulary, then prunes and orders it."""

    def __init__(self, vectorizer: NewsVectorizer):
        self.vocabulary: dict[str, int] = {}
        self.doc_ids: list[np.ndarray] = []
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.dtype = vectorizer.dtype

    def add(self, doc_ids, indptr, columns, counts, names):
        vocab = self.vocabulary
        to_global = np.fromiter((vocab.setdefault(n, len(vocab)) for n in names),
                                dtype=np.int32, count=len(names))
        self.doc_ids.append(doc_ids)
        self.parts.append((indptr, to_global[columns], counts))

    def finish(self, fit_rows: np.ndarray, vectorizer: NewsVectorizer):
        n_terms = len(self.vocabulary)
        df = np.zeros(n_terms, np.int64)
        totals = np.zeros(n_terms, np.int64)
        start = 0
        for indptr, columns, counts in self.parts:
            rows = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
            fit = fit_rows[start + rows]
            df += np.bincount(columns[fit], minlength=n_terms)
            totals += np.bincount(columns[fit], weights=counts[fit], minlength=n_terms).astype(np.int64)
            start += len(indptr) - 1
        names = np.empty(n_terms, dtype=object)
        names[list(self.vocabulary.values())] = list(self.vocabulary.keys())
        keep = _pruned(df, totals, int(fit_rows.sum()), vectorizer, names)
        if not keep.any():
            raise ValueError(
                f"No terms remain after pruning {int(fit_rows.sum())} documents (min_df="
                f"{vectorizer.min_df_}, max_df={vectorizer.max_df_}). Try a lower min_df "
                f"or a higher max_df, or check that the texts are not empty.")
        kept = np.flatnonzero(keep)
        kept = kept[np.argsort(names[kept].astype(str), kind="stable")]  # alphabetical
        new_column = np.full(n_terms, -1, np.int32)
        new_column[kept] = np.arange(len(kept), dtype=np.int32)
        blocks = []
        while self.parts:  # each batch remapped, then freed: one copy at a time
            indptr, columns, counts = self.parts.pop(0)
            block = sp.csr_matrix((counts, columns, indptr), shape=(len(indptr) - 1, n_terms))
            blocks.append(_remap(block, new_column, len(kept)))
        matrix = _stack(blocks, len(kept), self.dtype)
        vocabulary = names[kept]  # object array of str, as get_feature_names_out gives
        vectorizer.count_vectorizer_ = _fixed_counter(vocabulary, vectorizer)
        vectorizer.vocabulary_ = vectorizer.count_vectorizer_.vocabulary_
        return matrix, vocabulary


def _stack(blocks: list, n_columns: int, dtype) -> sp.csr_matrix:
    """The blocks one under the other, each freed once copied: about one copy of the
    counts in memory at a time (``scipy.sparse.vstack`` would hold two)."""
    nnz = sum(block.nnz for block in blocks)
    n_rows = sum(block.shape[0] for block in blocks)
    index = np.int32 if max(nnz, n_columns) < 2**31 else np.int64
    data, indices = np.empty(nnz, dtype), np.empty(nnz, index)  # pages taken as filled
    indptr = np.zeros(n_rows + 1, index)
    row = at = 0
    while blocks:
        block = blocks.pop(0)
        block.sort_indices()
        n, k = block.shape[0], block.nnz
        data[at:at + k], indices[at:at + k] = block.data, block.indices
        indptr[row + 1:row + n + 1] = block.indptr[1:] + at
        row, at = row + n, at + k
        del block
    return sp.csr_matrix((data, indices, indptr), shape=(n_rows, n_columns), copy=False)


def _remap(block: sp.csr_matrix, new_column: np.ndarray, n_columns: int) -> sp.csr_matrix:
    column = new_column[block.indices]
    rows = np.repeat(np.arange(block.shape[0]), np.diff(block.indptr))
    ok = column >= 0
    return sp.csr_matrix((block.data[ok], (rows[ok], column[ok])),
                         shape=(block.shape[0], n_columns))


def _pruned(df: np.ndarray, totals: np.ndarray, n_fit: int, vectorizer: NewsVectorizer,
            names: np.ndarray):
    """CountVectorizer's min_df/max_df/max_features rule, on the whole corpus."""
    min_df = _auto_min_df(n_fit) if vectorizer.min_df == "auto" else vectorizer.min_df
    max_df = _auto_max_df(n_fit) if vectorizer.max_df == "auto" else vectorizer.max_df
    vectorizer.min_df_, vectorizer.max_df_ = min_df, max_df
    low = min_df if isinstance(min_df, (int, np.integer)) else min_df * n_fit
    high = max_df if isinstance(max_df, (int, np.integer)) else max_df * n_fit
    keep = (df >= low) & (df <= high)
    # names spelled by words the phrase sample never saw are left out too
    candidates = np.flatnonzero(keep)
    excluded = excluded_vocabulary(names[candidates].tolist(), vectorizer.exclude_terms or ())
    if excluded:
        keep[candidates[np.isin(names[candidates], list(excluded))]] = False
    if vectorizer.max_features is not None and keep.sum() > vectorizer.max_features:
        order = np.argsort(-np.where(keep, totals, -1), kind="stable")
        keep = np.zeros_like(keep)
        keep[order[:vectorizer.max_features]] = True
    return keep


def _fixed_counter(vocabulary: np.ndarray, vectorizer: NewsVectorizer) -> CountVectorizer:
    """A fitted CountVectorizer over the final vocabulary, so that the vectorizer
    counts new texts (``make_dtm(new, vectorizer=dtm.vectorizer)``) in these columns."""
    counter = CountVectorizer(analyzer=_identity, vocabulary=list(vocabulary), lowercase=False,
                              dtype=vectorizer.dtype)
    return counter.fit([[]])


def _read_meta(source, batch_size: int) -> pd.DataFrame:
    frames = list(iter_table_batches(source, _META, batch_size * 4))
    if not frames:
        return pd.DataFrame(columns=["doc_id"])
    meta = pd.concat(frames)
    if "doc_id" not in meta:
        raise ValueError("The table has no doc_id column. Load it with "
                         "corpus_tools.load_corpus() or pass it through schema.conform().")
    return meta


def _kind_mask(frame: pd.DataFrame, kinds) -> np.ndarray:
    if kinds is None or "kind" not in frame:
        return np.ones(len(frame), bool)
    return frame["kind"].isin(list(kinds)).to_numpy()


def _sample_ids(doc_ids: pd.Series, size: int) -> set[str]:
    """The ``size`` doc_ids with the smallest hash: a sample that depends only on the
    ids, not on their order or on how the corpus is cut into batches."""
    if len(doc_ids) <= size:
        return set(doc_ids.astype(str))
    hashes = pd.util.hash_pandas_object(doc_ids.astype(str), index=False).to_numpy()
    chosen = np.argpartition(hashes, size - 1)[:size]
    return set(doc_ids.astype(str).to_numpy()[chosen])


def _sample_texts(source, sample: set[str], kinds, batch_size: int) -> list[str]:
    if is_dask_collection(source):  # filter on the workers: only the sample travels
        columns = [c for c in _TEXT if c in source.columns]
        source = source[columns][source["doc_id"].astype(str).isin(sorted(sample))]
    texts = []
    for batch in iter_table_batches(source, _TEXT, batch_size):
        batch = batch[_kind_mask(batch, kinds) & batch["doc_id"].astype(str).isin(sample).to_numpy()]
        texts.extend(article_texts(batch))
    return texts


def _dask_parts(frame, vectorizer: NewsVectorizer, kinds, client):
    """count_texts on every partition on the cluster, yielded in partition order."""
    from dask import delayed
    from dask.distributed import wait

    shared = client.scatter(vectorizer, broadcast=True)
    columns = [c for c in _TEXT if c in frame.columns]
    partitions = frame[columns].to_delayed()
    limit = _IN_FLIGHT_PER_WORKER * max(len(client.scheduler_info().get("workers", {})), 1)
    pending = []
    for part in partitions:
        pending.append(client.compute(delayed(count_texts)(part, shared, kinds)))
        if len(pending) >= limit:
            yield pending.pop(0).result()
    for future in pending:
        wait(future)
        yield future.result()
