"""``load_corpus``: every input file into one article table, or into the ingest log."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd
from tqdm.auto import tqdm

from .. import config
from ..schema import ARTICLE_COLUMNS, conform, empty_table
from .base import Member, ReadOptions
from .cache import ParseCache, content_hash
from .errors import IngestError, IngestLog
from .formats import detect_format, reader_for, suffix_for_sniffed
from .metadata import as_utc, extract_credits
from .sources import is_documentation, open_members, resolve_paths
from .template import remove_template_lines

PathLike = str | Path


def load_corpus(
    paths: PathLike | Iterable[PathLike],
    *,
    reference_date=None,
    strict: bool = False,
    progress: bool = True,
    columns: Mapping[str, str] | None = None,
    cache_dir: PathLike | None | bool = None,
    log_path: PathLike | None | bool = None,
) -> pd.DataFrame:
    """Read page dumps, HTML pages and exports into one article table.

    Every input ends up either in the table or in the ingest log with a reason.

    Parameters
    ----------
    paths : str, Path, or iterable of them
        Files, folders (read recursively) or glob patterns. Formats are detected by
        suffix and content: page-text dumps (``.txt``), HTML (``.html``, ``.htm``),
        ``.csv``, ``.tsv``, ``.jsonl``/``.ndjson``, ``.json``, ``.parquet``; ``.gz``
        files and ``.zip`` archives are opened transparently.
    reference_date : str, datetime or Timestamp, optional
        When the pages were captured: resolves relative dates ("5 hours ago"). Without
        it such dates stay empty and the phrase is kept in ``published_raw``.
    strict : bool, default False
        Raise :class:`IngestError` at the first problem instead of logging it.
    progress : bool, default True
        Show a progress bar over the files.
    columns : mapping, optional
        For tabular inputs, ``{their_column: article_table_column}``, e.g.
        ``{"headline_text": "title", "paper": "outlet"}``.
    cache_dir : path, None or False
        Parse cache folder (default ``data/processed/cache``); ``False`` disables it.
    log_path : path, None or False
        Where the ingest log is written as CSV (default
        ``data/processed/ingest_log.csv``); ``False`` writes none.

    Returns
    -------
    pandas.DataFrame
        The article table (see :mod:`corpus_tools.schema`), one row per article or
        teaser, in input order.

    Raises
    ------
    FileNotFoundError
        When a path or pattern matches nothing.
    IngestError
        With ``strict=True``, on the first problem.

    Examples
    --------
    >>> corpus = load_corpus("data/raw", reference_date="2025-07-21")  # doctest: +SKIP
    >>> corpus[["outlet", "title", "agency"]].head(3)  # doctest: +SKIP
    """
    options = ReadOptions(columns=_check_columns(columns), reference_date=None if reference_date is None else as_utc(reference_date))
    cache = ParseCache(_default(cache_dir, config.PROCESSED_DIR / "cache"))
    log = IngestLog(strict=strict)
    files = resolve_paths(paths)

    parts: list[pd.DataFrame] = []
    seen_content: dict[str, str] = {}
    for path in tqdm(files, desc="Reading", unit="file", disable=not progress):
        if is_documentation(path):
            log.add(path.as_posix(), "not an input", "README, LICENSE and notes are documentation, not articles: skipped.")
            continue
        for member in open_members(path, log):
            rows = _read_member(member, options, cache, log, seen_content)
            if rows is not None:
                parts.append(rows)

    if not parts:
        table = empty_table()
    else:
        table = _drop_repeated_articles(pd.concat(parts, ignore_index=True), log)
        table = remove_template_lines(table, table["format"] == "pagetext")
        table = table.drop(columns="format").reset_index(drop=True)
    table["source_file"] = table["source_file"].astype("string")
    target = _default(log_path, config.PROCESSED_DIR / "ingest_log.csv")
    if target is not None:
        log.write(Path(target))
    return table


def read_ingest_log(path: PathLike | None = None) -> pd.DataFrame:
    """The ingest log written by the last :func:`load_corpus` (file, problem, detail)."""
    return pd.read_csv(path or config.PROCESSED_DIR / "ingest_log.csv", dtype="string")


def _read_member(member: Member, options: ReadOptions, cache: ParseCache, log: IngestLog,
                 seen_content: dict[str, str]) -> pd.DataFrame | None:
    """Rows of one input, from the cache or its reader; None when it gave none."""
    if not member.data.strip():
        kind = "is empty (0 bytes)" if not member.data else "holds only whitespace"
        log.add(member.name, "empty file", f"the file {kind}: nothing to read.")
        return None
    digest = content_hash(member.data)
    if digest in seen_content:
        log.add(member.name, "duplicate file",
                f"same content as {seen_content[digest]}; its articles were read once.")
        return None
    seen_content[digest] = member.name
    try:
        fmt = detect_format(member)
        if fmt == "tabular" and not member.suffix:
            member = Member(member.name, member.data, suffix_for_sniffed(member))
        key = cache.key(digest, fmt, options.cache_token())
        rows = cache.get(key)
        if rows is None:
            rows = _enrich(reader_for(fmt)(member, options, log))
            rows = conform(rows)
            cache.put(key, rows)
    except IngestError as exc:
        if log.strict:
            raise
        log.add(exc.file, exc.problem, exc.detail)
        return None
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        log.add(member.name, "could not be read", f"{type(exc).__name__}: {exc}")
        return None
    if rows.empty:
        log.add(member.name, "no articles", "no article text was found in this file.")
        return None
    rows = rows.copy()
    rows["source_file"] = member.name
    rows["format"] = fmt
    return rows


def _enrich(rows: pd.DataFrame) -> pd.DataFrame:
    """Datelines, agencies and credit lines from the text of rows that lack them."""
    if "body" not in rows or rows.empty:
        return rows
    rows = rows.copy()
    for column in ("dateline", "agency", "credit"):
        if column not in rows:
            rows[column] = ""
        rows[column] = rows[column].astype("string").fillna("")
    todo = rows.index[(rows["dateline"] == "") & (rows["agency"] == "") & (rows["credit"] == "")]
    if len(todo):
        found = [extract_credits(str(b)) for b in rows.loc[todo, "body"].fillna("")]
        rows.loc[todo, "body"] = [f.body for f in found]
        rows.loc[todo, "dateline"] = [f.dateline for f in found]
        rows.loc[todo, "agency"] = [f.agency for f in found]
        rows.loc[todo, "credit"] = [f.credit for f in found]
    return rows


def _drop_repeated_articles(table: pd.DataFrame, log: IngestLog) -> pd.DataFrame:
    """Keep the first copy of each doc_id; log the others per file."""
    repeated = table["doc_id"].duplicated()
    if not repeated.any():
        return table
    first_file = table.drop_duplicates("doc_id").set_index("doc_id")["source_file"]
    for source, group in table[repeated].groupby("source_file", sort=False):
        example = group.iloc[0]
        log.add(
            str(source),
            "duplicate article",
            f"{len(group)} article(s) already read (e.g. {example['title'][:60]!r} from "
            f"{first_file[example['doc_id']]}); each kept once.",
        )
    return table[~repeated]


def _check_columns(columns: Mapping[str, str] | None) -> Mapping[str, str] | None:
    if columns is None:
        return None
    wrong = {k: v for k, v in dict(columns).items() if v not in ARTICLE_COLUMNS}
    if wrong:
        raise ValueError(
            f"columns= maps input columns to article-table columns; {wrong} are not "
            f"article-table columns. Use one of: {', '.join(ARTICLE_COLUMNS)}."
        )
    return dict(columns)


def _default(value, default: Path) -> Path | None:
    if value is False:
        return None
    return Path(value) if value not in (None, True) else default
