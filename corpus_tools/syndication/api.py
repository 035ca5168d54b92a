"""Syndication's entry points: ``find_duplicates``, ``mark_copies``, ``cluster_stories``,
``coverage_table``. Each checks its input (:func:`corpus_tools.schema.validate`), reads
the run settings and calls its kernels (:mod:`.duplicates`, run by the executor here or
on Dask; :mod:`.copies`; :mod:`.stories`; :mod:`.coverage`), which never import this
module. Each takes a table or a Parquet dataset; on a dataset, ``mark_copies`` and
``cluster_stories`` write their columns into it, so that ``make_dtm(dataset)`` fits one
copy per story, as in memory.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from ..batches import count_rows, dataset_files, iter_table_batches, read_columns
from ..ingest.dataset import add_columns
from ..parallel import executor, is_dask_collection
from ..schema import article_mask, check_columns, count_words, validate
from ..settings import resolve
from .copies import META_COLUMNS, copy_columns
from .coverage import COVERAGE_COLUMNS, Coverage, outlets_table, stories_table
from .duplicates import COLUMNS, count_compared, find_pairs
from .stories import STORY_COLUMNS, THRESHOLD, story_columns, story_texts

__all__ = ["find_duplicates", "mark_copies", "cluster_stories", "coverage_table"]


def find_duplicates(corpus, *, threshold: float = 0.5,
                    containment: float = 0.8, shingle_size: int = 5, seed: int = 0,
                    include_teasers: bool = False, progress: bool | None = None,
                    batch_size: int | None = None, scheduler=None) -> pd.DataFrame:
    """Pairs of articles that are copies of each other: exact, near or abridged.

    Parameters
    ----------
    corpus : pandas.DataFrame, str, Path or dask.dataframe.DataFrame
        An article table (``corpus_tools.load_corpus``), the path of a Parquet dataset
        (``load_corpus(..., out="corpus.parquet")``: read in batches, out of core) or a
        Dask DataFrame (run on the cluster). Only ``doc_id``, ``kind``, ``standfirst``
        and ``body`` are read. The text compared is the standfirst and body; titles are
        left out because outlets re-headline copy.
    threshold : float
        Jaccard similarity of word ``shingle_size``-gram sets at or above which two
        texts are near-duplicates.
    containment : float
        Share of a text's words, inside word pairs also found in the other text, at or
        above which the text is a copy of the other (see :mod:`.duplicates`).
    shingle_size : int
        Words per shingle for the Jaccard similarity.
    seed : int
        Seed of all hashing; results are identical across runs and machines.
    include_teasers : bool
        Compare teaser rows too (by default they are skipped: they have no body).
    progress : bool, optional
        Show progress bars (default: ``corpus_tools.options``).
    batch_size : int, optional
        Articles read per batch from a table or Parquet dataset (default:
        ``corpus_tools.options``, 10,000); results do not depend on it.
    scheduler : dask.distributed.Client, str, None or False
        Run on this Dask cluster; None uses the one in ``corpus_tools.options`` (set by
        ``corpus_tools.use_dask``), if any; False runs in this process. A Dask
        DataFrame always runs through Dask. The result is the same wherever it runs.

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
    _check_source(corpus, ["doc_id", "body"])
    settings = resolve(progress=progress, scheduler=scheduler, batch_size=batch_size)
    run = executor(settings.scheduler)
    batches = _numbered_batches(corpus, run, include_teasers, settings.batch_size)
    return find_pairs(batches, run, count_rows(corpus), threshold=threshold,
                      containment=containment, k=shingle_size, seed=seed,
                      include_teasers=include_teasers, progress=settings.progress)


def mark_copies(corpus, *, duplicates: pd.DataFrame | None = None,
                include_teasers: bool = False, progress: bool | None = None,
                **options):
    """The article table with copy groups, originals and the likely wire agency.

    Articles linked by any copy relation (exact, near, abridged) form one copy group
    (connected components of the pairs of :func:`find_duplicates`).

    Parameters
    ----------
    corpus : pandas.DataFrame, str or Path
        An article table, or the path of a Parquet dataset
        (``load_corpus(..., out=...)``): its copies are found out of core and the four
        columns are written into the dataset, whose path is returned.
    duplicates : pandas.DataFrame, optional
        Pairs from :func:`find_duplicates` on this table, to avoid computing them again.
    include_teasers : bool
        Group teaser rows too (skipped by default).
    progress : bool, optional
        Show progress bars (default: ``corpus_tools.options``).
    **options
        Passed to :func:`find_duplicates` (``threshold``, ``containment``, ...).

    Returns
    -------
    pandas.DataFrame or pathlib.Path
        A copy of ``corpus`` (or the dataset's path) with four more columns:

        * ``copy_group`` (string): the ``doc_id`` of the group's original; missing for an
          article with no copy in the corpus.
        * ``is_original`` (boolean): the earliest member of its group by ``published``.
          Dates decide only between dated members: members at the earliest time and
          undated members (which may be earlier) are all candidates, and the longest
          candidate is the original (then the smallest ``doc_id``). True for articles
          without copies, missing for skipped teaser rows.
        * ``likely_agency`` (string): the agency the article credits (``agency``) if any;
          otherwise the agency most credited in its copy group, or the agency that
          published a member itself (an outlet named "Reuters"); "" if none.
        * ``agency_inferred`` (bool): True where ``likely_agency`` was taken from the
          group rather than from the article's own credit.

        ``agency`` itself is never changed: it stays what the text credits.

    Examples
    --------
    >>> import pandas as pd
    >>> from corpus_tools.schema import conform
    >>> wire = "Beijing and Moscow should work to unite countries of the Global South, Xi said."
    >>> table = conform(pd.DataFrame({"outlet": ["A", "B", "C"], "agency": ["AFP", "", ""],
    ...     "body": [wire + " More on Ukraine follows here today.", wire, "Rain in Paris."]}))
    >>> marked = mark_copies(table, progress=False)
    >>> marked[["outlet", "is_original", "likely_agency", "agency_inferred"]].values.tolist()
    [['A', True, 'AFP', False], ['B', False, 'AFP', True], ['C', True, '', False]]
    """
    if duplicates is None:
        duplicates = find_duplicates(corpus, include_teasers=include_teasers,
                                     progress=progress, **options)
    _check_source(corpus, ["doc_id", "body"])
    if duplicates is None:
        duplicates = find_duplicates(corpus, include_teasers=include_teasers,
                                     progress=progress, **options)
    if isinstance(corpus, pd.DataFrame):
        return corpus.assign(**copy_columns(corpus, duplicates, include_teasers))
    meta = read_columns(corpus, META_COLUMNS)
    if "n_words" not in meta:  # a dataset not written by load_corpus: counted a batch at a time
        meta["n_words"] = np.concatenate([count_words(b["body"]).to_numpy()
                                          for b in iter_table_batches(corpus, ["body"])])
    return add_columns(corpus, copy_columns(meta, duplicates, include_teasers))


def cluster_stories(corpus, *, window_days: float = 3, threshold: float = THRESHOLD,
                    include_teasers: bool = False, progress: bool | None = None):
    """The article table with ``story_id``: one id per event covered across outlets.

    Parameters
    ----------
    corpus : pandas.DataFrame, str or Path
        An article table, or the path of a Parquet dataset (its two columns are then
        written into it and its path returned); with ``copy_group`` (from
        :func:`mark_copies`) copies are kept together whatever their similarity.
    window_days : float
        Two articles can only be linked when published at most this many days apart.
        Undated articles are compared with all others.
    threshold : float
        Cosine similarity of title+lead TF-IDF vectors that links two articles.
    include_teasers : bool
        Cluster teaser rows too (their text is only a headline; skipped by default).
    progress : bool, optional
        Show a progress bar (default: ``corpus_tools.options``).

    Returns
    -------
    pandas.DataFrame or pathlib.Path
        A copy of ``corpus`` (or the dataset's path) with ``story_id`` (string: the ``doc_id`` of the story's
        earliest article; missing for skipped teasers) and ``story_size`` (articles in
        the story).

    Examples
    --------
    >>> import pandas as pd
    >>> from corpus_tools.schema import conform
    >>> table = conform(pd.DataFrame({
    ...     "outlet": ["A", "B", "C"], "published": ["2021-05-01", "2021-05-02", "2021-05-01"],
    ...     "title": ["Senate passes infrastructure bill", "Infrastructure bill passes Senate",
    ...               "Heatwave grips Pacific Northwest"],
    ...     "body": ["The Senate passed the bipartisan infrastructure bill on Tuesday.",
    ...              "Senators approved the infrastructure bill in a bipartisan vote.",
    ...              "Temperatures soared across Oregon and Washington."]}))
    >>> stories = cluster_stories(table, progress=False)
    >>> stories["story_size"].tolist()
    [2, 2, 1]
    """
    if window_days < 0:
        raise ValueError(f"window_days must be >= 0; got {window_days}.")
    _check_source(corpus, ["doc_id", "body"])
    settings = resolve(progress=progress)
    if isinstance(corpus, pd.DataFrame):
        compared = np.ones(len(corpus), bool) if include_teasers else article_mask(corpus)
        meta = corpus[compared]
        texts, positions, n = story_texts(meta), np.flatnonzero(compared), len(corpus)
    else:  # a dataset: only the leads are held, not the bodies
        parts, texts, n = [], [], 0
        for batch in tqdm(iter_table_batches(corpus, STORY_COLUMNS, settings.batch_size),
                          desc="Reading leads", unit="batch", disable=not settings.progress):
            n += len(batch)
            batch = batch if include_teasers else batch[article_mask(batch)]
            texts.extend(story_texts(batch).tolist())
            parts.append(batch.drop(columns=["title", "standfirst", "body"], errors="ignore"))
        meta = pd.concat(parts) if parts else pd.DataFrame(columns=["doc_id"])
        positions = meta.index.to_numpy()  # batches number the dataset's rows
    story, size = story_columns(meta, texts, window_days=window_days, threshold=threshold,
                                progress=settings.progress)
    columns = pd.DataFrame({"story_id": pd.array([None] * n, dtype="string"),
                            "story_size": pd.array([None] * n, dtype="Int64")})
    columns.loc[positions, "story_id"] = story
    columns.loc[positions, "story_size"] = size
    if isinstance(corpus, pd.DataFrame):
        return corpus.assign(**columns.set_axis(corpus.index, axis=0))
    return add_columns(corpus, columns)


def coverage_table(corpus, *, window_days: float = 3, include_teasers: bool = False,
                   progress: bool | None = None) -> Coverage:
    """Per story, which outlets covered it and how many hours after the first; per
    outlet, the share of its articles that are wire copies, by agency.

    Parameters
    ----------
    corpus : pandas.DataFrame, str or Path
        An article table, or the path of a Parquet dataset (only its short columns are
        read; missing copy and story columns are written into it first). Copy columns (``copy_group``, ``likely_agency`` from
        :func:`mark_copies`) and ``story_id`` (from :func:`cluster_stories`) are used
        when present and computed when not.
    window_days : float
        Time window of :func:`cluster_stories` when stories are computed here.
    include_teasers : bool
        Count teaser rows too (skipped by default).
    progress : bool, optional
        Show progress bars (default: ``corpus_tools.options``).

    Returns
    -------
    Coverage
        ``.stories`` and ``.outlets`` (see :class:`Coverage`).

    Examples
    --------
    >>> import pandas as pd
    >>> from corpus_tools.schema import conform
    >>> wire = "Beijing and Moscow should work to unite countries of the Global South, Xi said."
    >>> table = conform(pd.DataFrame({"outlet": ["A", "B"], "agency": ["AFP", ""],
    ...     "title": ["Xi urges unity", "Xi urges unity of Global South"],
    ...     "published": ["2025-07-15 08:00", "2025-07-15 14:00"], "body": [wire, wire]}))
    >>> cov = coverage_table(table, progress=False)
    >>> cov.stories[["outlet", "hours_after_first"]].values.tolist()
    [['A', 0.0], ['B', 6.0]]
    >>> cov.outlets[["outlet", "source", "share"]].values.tolist()
    [['A', 'AFP', 1.0], ['B', 'AFP', 1.0]]
    """
    _check_source(corpus, ["doc_id"])
    names = corpus.columns if isinstance(corpus, pd.DataFrame) else _column_names(corpus)
    table = corpus
    if "likely_agency" not in names or "copy_group" not in names:
        table = mark_copies(table, include_teasers=include_teasers, progress=progress)
    if "story_id" not in names:
        table = cluster_stories(table, window_days=window_days,
                                include_teasers=include_teasers, progress=progress)
    if not isinstance(table, pd.DataFrame):
        table = read_columns(table, COVERAGE_COLUMNS)
    rows = table if include_teasers else table[article_mask(table)]
    rows = rows[rows["story_id"].notna()] if "story_id" in rows else rows
    return Coverage(stories=stories_table(rows), outlets=outlets_table(rows))


def _numbered_batches(corpus, run, include_teasers: bool, batch_size: int):
    """A callable giving, each time, the batches of ``corpus`` with the number of each
    batch's first compared article: table or dataset batches read here, or, on a
    cluster, Dask partitions (read by the workers; numbered after counting them)."""
    frame = corpus if is_dask_collection(corpus) else None
    if run.client is not None and isinstance(corpus, (str, Path)):
        import dask.dataframe as dd

        present = [c for c in COLUMNS if c in _column_names(corpus)]
        frame = dd.read_parquet([str(f) for f in dataset_files(corpus)], columns=present)
    if frame is None or run.client is None:  # read here, numbered as they come
        def batches():
            first = 0
            for batch in iter_table_batches(corpus, COLUMNS, batch_size):
                yield batch, first
                first += count_compared(batch, include_teasers)
        return batches
    frame = frame[[c for c in COLUMNS if c in frame.columns]]
    counted = frame[["kind"]] if "kind" in frame.columns else frame[["doc_id"]]
    counts = list(run.map(count_compared, counted.to_delayed(), include_teasers))
    firsts = np.concatenate([[0], np.cumsum(counts)]).astype(int).tolist()
    return lambda: zip(frame.to_delayed(), firsts)


def _check_source(corpus, columns: list[str]) -> None:
    """The stage's input checked at entry: a table, a dataset path or a Dask frame,
    with the columns the stage reads."""
    if isinstance(corpus, pd.DataFrame):
        validate(corpus, columns)
    elif isinstance(corpus, (str, Path)):
        check_columns(_column_names(corpus), columns)
    elif is_dask_collection(corpus):
        check_columns(corpus.columns, columns)
    else:
        raise TypeError(
            f"Expected an article table (pandas or Dask DataFrame) or the path of a Parquet "
            f"dataset (load_corpus(..., out='corpus.parquet')), got {type(corpus).__name__}."
        )


def _column_names(path) -> list[str]:
    import pyarrow.parquet as pq

    return pq.ParquetFile(dataset_files(path)[0]).schema_arrow.names
