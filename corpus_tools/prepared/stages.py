"""The stages of a prepared corpus: what each computes, and how it is written and read.

Each stage is a plain call of the package's public functions (``load_corpus``,
``find_duplicates``, ``mark_copies``, ``cluster_stories``, ``make_dtm``,
``choose_n_topics``, ``fit_topics``) and a pair of functions that write its result
into a folder and read it back (see :mod:`.store`). Nothing here decides what to
compute: :mod:`.corpus` does.
"""
from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import numpy as np
import pandas as pd

from ..schema import article_mask

__all__ = ["Unavailable", "input_fingerprint", "read_article_table", "read_articles"]

#: Columns that make a .parquet/.csv an article table rather than raw input.
TABLE_MARKERS = {"doc_id", "outlet", "title", "body", "kind"}
TABLE_SUFFIXES = (".parquet", ".csv")


@dataclasses.dataclass(frozen=True)
class Unavailable:
    """A stage that cannot give a result on this corpus, and why (one sentence)."""

    reason: str


# --- inputs -------------------------------------------------------------------------

def input_fingerprint(paths) -> list[list]:
    """``[path, size, modification time]`` of every input file: a changed file changes it."""
    from ..ingest.sources import resolve_paths

    return [[str(p.resolve()), p.stat().st_size, p.stat().st_mtime_ns] for p in resolve_paths(paths)]


def read_article_table(path) -> pd.DataFrame | None:
    """The article table in ``path`` when it is one (``corpus-tools ingest`` output), else None."""
    from ..schema import conform

    path = Path(path)
    if path.suffix.lower() not in TABLE_SUFFIXES or not path.is_file():
        return None
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        if not TABLE_MARKERS <= set(pq.read_schema(path).names):
            return None
        frame = pd.read_parquet(path)
    else:
        header = pd.read_csv(path, nrows=0)
        if not TABLE_MARKERS <= set(header.columns):
            return None
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return conform(frame)  # CSV gives strings: dates and counts get their dtypes back


def read_articles(paths, *, reference_date=None, columns=None, progress: bool | None = None,
                  log_path=None) -> pd.DataFrame:
    """An article table from ``corpus-tools ingest`` output, or else raw inputs ingested.

    A single .parquet or .csv holding the article table's columns (``doc_id``,
    ``outlet``, ``title``, ``body``, ``kind``) is read as it is; anything else (a
    database export, folders, globs) goes through :func:`corpus_tools.load_corpus`.
    """
    from ..ingest import load_corpus

    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    if len(items) == 1:
        table = read_article_table(items[0])
        if table is not None:
            return table
    return load_corpus(items, reference_date=reference_date, columns=columns, progress=progress,
                       log_path=log_path)


# --- writing and reading stage results ---------------------------------------------

def write_frames(frames: dict[str, pd.DataFrame], folder: Path) -> None:
    for name, frame in frames.items():
        frame.to_parquet(folder / f"{name}.parquet", index=False)


def read_frame(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(folder / f"{name}.parquet")


def write_reason(value, folder: Path) -> bool:
    """Write an :class:`Unavailable`'s reason; True when ``value`` was one."""
    if isinstance(value, Unavailable):
        (folder / "unavailable.txt").write_text(value.reason, encoding="utf-8")
        return True
    return False


def read_reason(folder: Path) -> Unavailable | None:
    path = folder / "unavailable.txt"
    return Unavailable(path.read_text(encoding="utf-8")) if path.exists() else None


def write_dtm(dtm, folder: Path) -> None:
    """The matrix as ``.npz`` (scipy reads it), its labels as arrays, the fitted
    vectorizer pickled (scikit-learn's way to keep a fitted estimator)."""
    import scipy.sparse as sp

    if write_reason(dtm, folder):
        return
    sp.save_npz(folder / "matrix.npz", dtm.matrix, compressed=False)
    np.savez(folder / "labels.npz", vocabulary=np.asarray(dtm.vocabulary, dtype=str),
             doc_ids=np.asarray(dtm.doc_ids, dtype=str), fit_rows=np.asarray(dtm.fit_rows))
    with open(folder / "vectorizer.pkl", "wb") as handle:
        pickle.dump(dtm.vectorizer, handle, protocol=pickle.HIGHEST_PROTOCOL)


def read_dtm(folder: Path):
    import scipy.sparse as sp

    from ..vectorize import DocumentTermMatrix

    reason = read_reason(folder)
    if reason:
        return reason
    labels = np.load(folder / "labels.npz", allow_pickle=False)
    with open(folder / "vectorizer.pkl", "rb") as handle:
        vectorizer = pickle.load(handle)
    return DocumentTermMatrix(
        matrix=sp.load_npz(folder / "matrix.npz").tocsr(),
        vocabulary=labels["vocabulary"].astype(object),
        doc_ids=pd.Index(labels["doc_ids"], name="doc_id"),
        vectorizer=vectorizer, fit_rows=labels["fit_rows"].astype(bool))


def write_choice(choice, folder: Path) -> None:
    if write_reason(choice, folder):
        return
    choice.table.to_parquet(folder / "candidates.parquet", index=False)
    (folder / "recommendation.txt").write_text(f"{choice.k}\n{choice.reason}", encoding="utf-8")


def read_choice(folder: Path):
    from ..topics import choose

    reason = read_reason(folder)
    if reason:
        return reason
    k, _, why = (folder / "recommendation.txt").read_text(encoding="utf-8").partition("\n")
    return choose.TopicNumberChoice(read_frame(folder, "candidates"), int(k), why)


def write_model(model, folder: Path) -> None:
    """The fitted model pickled without its matrix (stored by the matrix stage)."""
    if write_reason(model, folder):
        return
    with open(folder / "model.pkl", "wb") as handle:
        pickle.dump(dataclasses.replace(model, dtm=None), handle, protocol=pickle.HIGHEST_PROTOCOL)
    model.doc_topics.rename(columns=str).reset_index().to_parquet(folder / "doc_topics.parquet",
                                                                  index=False)
    model.topic_terms.to_parquet(folder / "topic_terms.parquet", index=False)


def read_model(folder: Path, dtm):
    reason = read_reason(folder)
    if reason:
        return reason
    with open(folder / "model.pkl", "rb") as handle:
        model = pickle.load(handle)
    return dataclasses.replace(model, dtm=dtm)


# --- the table across stages ---------------------------------------------------------

def empty_log() -> pd.DataFrame:
    return pd.DataFrame({"file": [], "problem": [], "detail": []}, dtype="string")


def added_columns(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """The columns a stage added, row for row (the stages keep the table's row order)."""
    if len(after) != len(before) or not (after["doc_id"].to_numpy() == before["doc_id"].to_numpy()).all():
        raise RuntimeError("A stage changed the rows of the table; expected the same rows in order.")
    added = [c for c in after.columns if c not in before.columns]
    return after[added].reset_index(drop=True)


def joined(rows: pd.DataFrame, added: pd.DataFrame) -> pd.DataFrame:
    if len(rows) != len(added):
        raise RuntimeError(f"Stored stage has {len(added)} rows for a table of {len(rows)}.")
    return pd.concat([rows.reset_index(drop=True), added.reset_index(drop=True)], axis=1)


def date_span(table: pd.DataFrame) -> str:
    published = table.loc[article_mask(table), "published"]
    dated, undated = published.dropna(), int(published.isna().sum())
    if dated.empty:
        return f"No article in the corpus has a date ({undated:,} undated)."
    return (f"The corpus's dated articles run from {dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}"
            f"; {undated:,} are undated.")

