"""Where ``find_duplicates`` reads its texts: an article table in memory or a Parquet
dataset on disk, in two streamed passes.

Pass 1 reads every article once, in batches, and keeps only its ``doc_id`` and its row.
Pass 2 reads again only the rows of candidate pairs: for a table, zero-copy windows of
the two text columns (``shingles.iter_article_texts``); for a Parquet dataset, only the
row groups that hold a needed row, and only the ``standfirst`` and ``body`` columns.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd

from ..batches import count_rows, dataset_files, iter_table_batches
from ..schema import article_mask
from .shingles import article_texts, iter_article_texts

__all__ = ["TextSource", "TableSource", "ParquetSource", "text_source", "compared_rows",
           "COLUMNS"]

#: The columns duplicate detection reads.
COLUMNS = ["doc_id", "kind", "standfirst", "body"]


def compared_rows(frame: pd.DataFrame, include_teasers: bool) -> np.ndarray:
    """Positions (in ``frame``) of the rows compared: articles (the one rule of
    :func:`corpus_tools.schema.article_mask`), or every row with ``include_teasers``."""
    return np.arange(len(frame)) if include_teasers else np.flatnonzero(article_mask(frame))


class TextSource:
    """Articles to compare: ``batches()`` for pass 1, ``texts_at()`` for pass 2.

    Articles are numbered 0, 1, ... in reading order (teasers skipped); ``rows[k]`` is
    article k's row in the source.
    """

    n_rows: int

    def __init__(self, include_teasers: bool, batch_size: int):
        self.include_teasers = include_teasers
        self.batch_size = batch_size
        self._rows: list[np.ndarray] = []

    @property
    def rows(self) -> np.ndarray:
        if len(self._rows) != 1:
            self._rows = [np.concatenate(self._rows) if self._rows else np.zeros(0, np.int64)]
        return self._rows[0]

    def batches(self) -> Iterator[tuple[np.ndarray, list[str]]]:
        """Yield (doc_ids, texts) of consecutive articles; records their rows."""
        raise NotImplementedError

    def texts_at(self, articles: np.ndarray) -> Iterator[str]:
        """Texts of the given articles (ascending numbers), in that order."""
        raise NotImplementedError


class TableSource(TextSource):
    """A pandas article table: never copied (texts come from zero-copy windows)."""

    def __init__(self, corpus: pd.DataFrame, include_teasers: bool, batch_size: int):
        super().__init__(include_teasers, batch_size)
        self.corpus = corpus
        self.n_rows = len(corpus)
        self._rows = [compared_rows(corpus, include_teasers).astype(np.int64)]

    def batches(self):
        positions = self.rows
        ids = self.corpus["doc_id"]
        for start in range(0, len(positions), self.batch_size):
            rows = positions[start:start + self.batch_size]
            doc_ids = ids.iloc[rows].astype(str).to_numpy(dtype=object)
            yield doc_ids, list(iter_article_texts(self.corpus, rows))

    def texts_at(self, articles):
        return iter_article_texts(self.corpus, self.rows[articles])


class ParquetSource(TextSource):
    """A Parquet file or dataset folder (what ``load_corpus(..., out=...)`` writes)."""

    def __init__(self, path, include_teasers: bool, batch_size: int):
        super().__init__(include_teasers, batch_size)
        self.path = Path(path)
        self.files = dataset_files(self.path)
        self.n_rows = count_rows(self.path)

    def batches(self):
        for batch in iter_table_batches(self.path, COLUMNS, self.batch_size):
            keep = compared_rows(batch, self.include_teasers)
            self._rows.append(batch.index.to_numpy()[keep].astype(np.int64))
            part = batch.iloc[keep]
            yield part["doc_id"].astype(str).to_numpy(dtype=object), article_texts(part).tolist()

    def texts_at(self, articles):
        import pyarrow.parquet as pq

        wanted = self.rows[np.asarray(articles)]
        first = 0
        for file in self.files:
            handle = pq.ParquetFile(file)
            names = handle.schema_arrow.names
            columns = [c for c in ("standfirst", "body") if c in names]
            for g in range(handle.metadata.num_row_groups):
                size = handle.metadata.row_group(g).num_rows
                lo, hi = np.searchsorted(wanted, [first, first + size])
                if hi > lo:  # only row groups holding a needed row are read
                    group = handle.read_row_group(g, columns=columns)
                    part = group.take(wanted[lo:hi] - first).to_pandas()
                    del group
                    yield from article_texts(part).tolist()
                first += size


def text_source(corpus, include_teasers: bool, batch_size: int) -> TextSource:
    """The :class:`TextSource` for a pandas table or the path of a Parquet dataset.

    What pass 1 keeps does not depend on ``batch_size``; it only bounds the transient
    texts (measured at 150,000 articles: 50,000-article batches peaked 0.5 GB higher
    than 5,000)."""
    if isinstance(corpus, pd.DataFrame):
        return TableSource(corpus, include_teasers, batch_size)
    if isinstance(corpus, (str, Path)):
        return ParquetSource(corpus, include_teasers, batch_size)
    raise TypeError(
        f"Expected an article table (pandas or Dask DataFrame) or the path of a Parquet "
        f"dataset (load_corpus(..., out='corpus.parquet')), got {type(corpus).__name__}."
    )
