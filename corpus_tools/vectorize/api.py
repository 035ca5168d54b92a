"""``make_dtm``: an article table, a Parquet dataset or a Dask frame → document-term matrix.

One implementation for every size; the texts are never all held unless they already
are. A pandas table is one batch (unless ``batch_size=`` cuts it), a dataset or Dask
frame is read a batch or partition at a time:

1. the short columns (``doc_id``, ``kind``, outlets, agencies, datelines, copy columns)
   say which rows to count, what to leave out, and which rows to fit on (one copy per
   syndicated story);
2. :meth:`NewsVectorizer.fit_phrases` learns phrases from the fit rows, or, for a
   dataset or Dask frame, from at most ``fit_sample`` of them: those with the smallest
   hash of ``doc_id``, the same whatever the batches (50,000 articles see every pair
   frequent enough to matter; on allsides a 10,000-article sample keeps 97% of the full
   fit's vocabulary);
3. every batch is counted from term ids (:mod:`.counting`) through the executor, here
   or on Dask workers (only counts come back); then
   :meth:`NewsVectorizer.fit_vocabulary` prunes on the fit rows as ``CountVectorizer``
   does, and the batches are put in the vocabulary's columns.

The matrix takes about 2.2 KB per allsides article (2.2 GB for a million); while
counting, about as much again.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from ..batches import dataset_files, is_table_source, iter_table_batches, read_columns
from ..news_words import outlet_terms
from ..parallel import executor, is_dask_collection
from ..schema import article_texts, validate
from ..settings import resolve
from .counting import Merger, count_frame, kind_mask
from .estimator import NewsVectorizer
from .matrix import DocumentTermMatrix, one_copy_per_story

__all__ = ["make_dtm", "corpus_exclusions", "DEFAULT_FIT_SAMPLE"]

#: Articles the phrases of a dataset or Dask frame are learned from (see the module
#: notes). Learning them holds about 50 KB per sampled article for a moment (token ids
#: and pair keys: 3.0 GB for 37,554 allsides articles), so 50,000 keeps it near 3-4 GB.
DEFAULT_FIT_SAMPLE = 50_000
_META = ["doc_id", "kind", "outlet", "outlet_domain", "agency", "dateline", "copy_group",
         "is_original"]
_TEXT = ["doc_id", "kind", "title", "standfirst", "body"]


def make_dtm(corpus, *, vectorizer: NewsVectorizer | None = None,
             kinds: str | Sequence[str] | None = "articles", one_per_story: bool = True,
             exclude_outlets: bool = True, exclude_datelines: bool = True,
             progress: bool | None = None, batch_size: int | None = None,
             fit_sample: int | None = None, scheduler=None,
             **options) -> DocumentTermMatrix:
    """The document-term matrix of an article table.

    Parameters
    ----------
    corpus : pandas.DataFrame, str, Path or dask.dataframe.DataFrame
        An article table (``corpus_tools.load_corpus``), or, for corpora too large to
        hold as text, the folder that ``load_corpus(..., out=...)`` wrote or a Dask
        DataFrame: these are read a batch at a time.
    vectorizer : NewsVectorizer, optional
        A fitted vectorizer (``dtm.vectorizer`` of an earlier call) to count new
        articles with the same vocabulary; by default a new one is fitted.
    kinds : "articles", sequence of str or None, default "articles"
        Which rows to keep: "articles" is every row but teasers
        (:func:`corpus_tools.schema.article_mask`: a teaser is a headline and a line of
        a story printed elsewhere, and would count each story twice); a list keeps
        those ``kind`` values (``("article",)``); None keeps every row.
    one_per_story : bool, default True
        When the table has syndication columns (``is_original``/``copy_group``), fit
        the vectorizer on one copy per story and count every row with it, so that a
        wire story printed by ten outlets does not weigh ten times.
    exclude_outlets : bool, default True
        Keep the corpus's outlet and agency names (:func:`outlet_terms`) out of the
        vocabulary, so that topics are about the news, not about who printed it.
    exclude_datelines : bool, default True
        Keep the places the corpus files from (its ``dateline`` values: "MOSCOW") out
        too: a wire desk's city says where an outlet works, not what a story is about.
        Pass False to keep them when a place is the subject (a corpus about Beijing).
    progress : bool, optional
        Show a progress bar (default: ``corpus_tools.options``).
    batch_size : int, optional
        Articles per batch: cuts a pandas table into batches too (the result is the
        same). For a dataset the default is ``corpus_tools.options`` (10,000).
    fit_sample : int, optional
        Learn the phrases from at most this many articles, chosen by a hash of
        ``doc_id``. Default: every fit row of a pandas table; 50,000 for a dataset or
        Dask frame.
    scheduler : dask.distributed.Client, str, None or False
        Count the batches on this Dask cluster (None: ``corpus_tools.options``, set by
        :func:`corpus_tools.use_dask`; False: in this process).
    **options
        Passed to :class:`NewsVectorizer` (``min_df``, ``max_df``, ``phrases``,
        ``phrase_threshold``, ``stop_words``, ``exclude_terms``, ``max_features``).

    Returns
    -------
    DocumentTermMatrix

    Examples
    --------
    >>> from corpus_tools.schema import conform
    >>> t = conform(pd.DataFrame({"outlet": ["A", "B", "C"], "title": ["x"] * 3,
    ...     "body": ["Xi Jinping met Vladimir Putin.", "Vladimir Putin hosts Xi Jinping.",
    ...              "Xi Jinping and Vladimir Putin talk trade."]}))
    >>> dtm = make_dtm(t, progress=False, phrase_threshold=0.3)
    >>> dtm.matrix.shape[0], "xi_jinping" in set(dtm.vocabulary)
    (3, True)
    """
    if not is_table_source(corpus):
        raise TypeError(
            f"make_dtm expects an article table (pandas.DataFrame), the path of a Parquet "
            f"dataset or a Dask DataFrame, got {type(corpus).__name__}. Build one with "
            f"corpus_tools.load_corpus()."
        )
    if fit_sample is not None and fit_sample < 1:
        raise ValueError(f"fit_sample must be at least 1, got {fit_sample}.")
    if vectorizer is not None and options:
        raise ValueError(
            f"Options {sorted(options)} cannot change a fitted vectorizer. Drop them, "
            f"or pass vectorizer=None to fit a new one.")
    in_memory = isinstance(corpus, pd.DataFrame)
    settings = resolve(progress=progress, scheduler=scheduler, batch_size=batch_size)
    run = executor(settings.scheduler)
    source = corpus
    if run.client is not None and isinstance(source, (str, Path)):
        import dask.dataframe as dd

        source = dd.read_parquet([str(f) for f in dataset_files(source)])
    # A table in memory is one batch unless the call cuts it.
    size = (batch_size or max(len(corpus), 1)) if in_memory else settings.batch_size

    meta = _read_meta(source, size)
    keep = kind_mask(meta, kinds)
    rows = meta if keep.all() else meta[keep]
    if rows.empty:
        raise ValueError(
            f"No rows to vectorise: the table has {len(meta)} rows, none of kind "
            f"{kinds if isinstance(kinds, str) else list(kinds)}. Load more articles, or "
            f"pass kinds=None to include teasers."
        )
    fit_rows = one_copy_per_story(rows) if one_per_story else np.ones(len(rows), bool)
    doc_ids = pd.Index(rows["doc_id"].astype(str).to_numpy(), name="doc_id")
    given = vectorizer is not None
    if not given:
        options["exclude_terms"] = corpus_exclusions(
            rows, options.pop("exclude_terms", None), exclude_outlets, exclude_datelines)
        vectorizer = NewsVectorizer(**options)
        sample = None if in_memory and fit_sample is None else \
            _sample_ids(rows["doc_id"][fit_rows], fit_sample or DEFAULT_FIT_SAMPLE)
        if in_memory and sample is None and len(rows) <= size and fit_rows.all():
            # One batch, every row fitted: fit_transform is both steps at once and
            # tokenises the texts a single time.
            texts = article_texts(corpus if keep.all() else corpus[keep])
            matrix = vectorizer.fit_transform(texts.tolist(), progress=settings.progress)
            return DocumentTermMatrix(matrix, vectorizer.get_feature_names_out(), doc_ids,
                                      vectorizer, fit_rows)
        vectorizer.fit_phrases(_phrase_texts(source, sample, kinds, size, keep, fit_rows),
                               progress=settings.progress)
    merger = Merger()
    counted = []
    batches = (iter_table_batches(source, _TEXT, size) if run.client is None
               or not is_dask_collection(source) else source[_present(source, _TEXT)].to_delayed())
    with tqdm(total=len(rows), desc="Counting", unit="article",
              disable=not settings.progress) as bar:
        for ids, counts in run.map(count_frame, batches, vectorizer, kinds):
            counted.append(ids)
            merger.add(counts)
            bar.update(len(ids))
    if not pd.Index(np.concatenate(counted) if counted else []).equals(pd.Index(doc_ids.to_numpy())):
        raise RuntimeError("The rows counted differ from the rows listed: the source "
                           "changed while it was being read.")
    names = merger.names()
    if given:
        column_of = np.fromiter((vectorizer.vocabulary_.get(n, -1) for n in names.tolist()),
                                dtype=np.int64, count=len(names))
    else:
        df, totals = merger.document_frequency(fit_rows)
        column_of = vectorizer.fit_vocabulary(df, totals, names, int(fit_rows.sum()))
    matrix = merger.finish(column_of, len(vectorizer.vocabulary_), vectorizer.dtype)
    return DocumentTermMatrix(matrix, vectorizer.get_feature_names_out(), doc_ids, vectorizer,
                              np.asarray(fit_rows, bool))


def corpus_exclusions(rows: pd.DataFrame, exclude_terms, exclude_outlets: bool,
                      exclude_datelines: bool) -> list[str]:
    """The names kept out of a corpus's vocabulary: ``exclude_terms``, its outlets and
    agencies (:func:`outlet_terms`) and its dateline places, as :func:`make_dtm` asks."""
    extra = list(exclude_terms or ())
    if exclude_outlets:
        extra += outlet_terms(rows)
    if exclude_datelines and "dateline" in rows:
        extra += [d for d in pd.unique(rows["dateline"].dropna().astype(str)) if d]
    return extra


def _present(source, columns) -> list[str]:
    names = source.columns
    return [c for c in columns if c in names]


def _read_meta(source, batch_size: int) -> pd.DataFrame:
    meta = source[_present(source, _META)] if isinstance(source, pd.DataFrame) else \
        read_columns(source, _META, batch_size * 4)
    validate(meta, ["doc_id"])
    return meta


def _sample_ids(doc_ids: pd.Series, size: int) -> set[str]:
    """The ``size`` doc_ids with the smallest hash: a sample that depends only on the
    ids, not on their order or on how the corpus is cut into batches."""
    if len(doc_ids) <= size:
        return set(doc_ids.astype(str))
    hashes = pd.util.hash_pandas_object(doc_ids.astype(str), index=False).to_numpy()
    chosen = np.argpartition(hashes, size - 1)[:size]
    return set(doc_ids.astype(str).to_numpy()[chosen])


def _phrase_texts(source, sample: set[str] | None, kinds, batch_size: int,
                  keep: np.ndarray, fit_rows: np.ndarray) -> list[str]:
    """The texts the phrases are learned from: the sample's (or every fit row's)."""
    if isinstance(source, pd.DataFrame) and sample is None:
        chosen = np.zeros(len(source), dtype=bool)
        chosen[np.flatnonzero(keep)[fit_rows]] = True
        return article_texts(source[chosen]).tolist()
    if is_dask_collection(source):  # filter on the workers: only the sample travels
        source = source[_present(source, _TEXT)]
        source = source[source["doc_id"].astype(str).isin(sorted(sample))]
    texts = []
    for batch in iter_table_batches(source, _TEXT, batch_size):
        keep = kind_mask(batch, kinds) & batch["doc_id"].astype(str).isin(sample).to_numpy()
        texts.extend(article_texts(batch[keep]).tolist())
    return texts
