"""Read database exports: CSV, TSV, JSON lines, JSON and Parquet, one row per article.

A ``.json`` file may hold a list of article objects, an object holding such a list
(``{"articles": [...]}``; the longest list of objects is taken) or one article.
CSV and JSON lines are parsed by pyarrow when they are clean UTF-8 (fast, and a
third of pandas' memory), by pandas otherwise (other encodings, odd headers).

Columns are mapped to the article table in two steps: ``options.columns`` (the
user's ``{their_column: article_column}``) first, then common names, compared
without case, spaces, ``_`` or ``-`` (``publishDate`` = ``publish_date``). When
several columns could fill one article column, the first in :data:`COLUMN_NAMES`
wins (``content_original`` before the tokenised ``content`` of the AllSides export)
and the others are dropped, since they hold the same text again. Every other column
is kept, under its own name, after the article columns: it is already in memory,
and an analyst's ``topic`` or ``bias`` label is worth having next to the text.

Rows whose body is empty (a live blog or a photo gallery exports a title and no text)
are kept, so that a table has as many rows as its export, and counted in the log. ``source_index`` is the row's position among
the rows read (for JSON lines, among the non-blank lines, malformed ones included),
so a row can be found again; a malformed CSV row is logged and not counted.
"""
from __future__ import annotations

import csv
import io
import json
import re
import warnings

import pandas as pd
import pyarrow
import pyarrow.csv
import pyarrow.json

from ..schema import ARTICLE_COLUMNS
from .articletable import FINISHED, as_article_table, infer_dtypes, is_article_table
from .base import Member, ReadOptions, decode_text, looks_binary
from .errors import IngestError, IngestLog
from .normalise import normalise_text
from .furniture import remove_furniture
from .leads import drop_repeated_titles, read_credits, split_headlines
from .outletcolumns import fill_outlet_columns

#: Article column -> the input column names that fill it, best first. Compared after
#: lower-casing and removing spaces, "_" and "-".
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "head", "heading", "article_title", "headline_text",
              "news_title", "story_title", "hed"),
    "body": (
        "body", "text", "content_original", "article_content", "article_text",
        "full_text", "maintext", "article_body", "story", "content", "texts", "story_text",
        "body_text", "news_content", "fulltext",
    ),
    "standfirst": (
        "standfirst", "subtitle", "subheadline", "dek", "description", "summary",
        "lede", "abstract", "teaser",
    ),
    "outlet": (
        "outlet", "source", "publication", "paper_name", "news_source", "source_name",
        "publisher", "site_name", "newspaper", "media_name", "portal", "paper", "media",
        "media_outlet", "outlet_name", "publication_name", "source_domain",
    ),
    "published": (
        "published", "publish_date", "date", "published_at", "publication_date",
        "pub_date", "date_publish", "date_published", "datetime", "timestamp", "pubdate",
        "article_date", "news_date",
    ),
    "url": ("url", "link", "article_source_link", "article_url", "permalink", "href", "uri",
            "canonical_link", "source_url"),
    "outlet_domain": ("outlet_domain", "domain"),
    "dateline": ("dateline",),
    "agency": ("agency", "wire", "news_agency"),
    "credit": ("credit", "byline_credit"),
    "kind": ("kind",),
    "published_raw": ("published_raw",),
}
_TEXT_TARGETS = ("title", "standfirst", "body")
_TEXT_TABLES = (".csv", ".tsv")
_CHUNK = 20_000  # rows normalised at a time
_NS_MIN, _NS_MAX = pd.Timestamp.min.tz_localize("UTC"), pd.Timestamp.max.tz_localize("UTC")


def _key(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", str(name)).lower()


_CANDIDATES = {_key(n): target for target, names in COLUMN_NAMES.items() for n in names}
_RANK = {_key(n): i for names in COLUMN_NAMES.values() for i, n in enumerate(names)}


def read_tabular(member: Member, options: ReadOptions, log: IngestLog) -> pd.DataFrame:
    """Read a CSV, TSV, JSON lines, JSON or Parquet export into article rows.

    Parameters
    ----------
    member : Member
        The input; ``member.suffix`` picks the format.
    options : ReadOptions
        ``options.columns`` maps the input's column names to article columns.
    log : IngestLog
        Receives malformed lines, rows with no body text and unreadable dates.

    Returns
    -------
    pandas.DataFrame
        Article columns (``title``, ``body``, ``outlet``, ``outlet_domain``,
        ``published``, ``published_raw``, ``url``, ``standfirst``, ``source_index``
        ...) followed by the input's other columns.

    Raises
    ------
    IngestError
        When the file cannot be parsed at all or has no body column.

    Examples
    --------
    >>> member = Member("a.csv", b"headline,text,link\\nKremlin,MOSCOW (Reuters) - ...,"
    ...                 b"https://www.reuters.com/world/x\\n", ".csv")
    >>> read_tabular(member, ReadOptions(), IngestLog())[["title", "outlet"]]
         title   outlet
    0  Kremlin  Reuters
    """
    # No name is kept for the frame as read, so that the memory of each text column
    # is freed as soon as its normalised version replaces it.
    raw = _read_frame(member, log)
    if is_article_table(raw):  # written by load_corpus(...).to_parquet(): kept as it is
        return as_article_table(infer_dtypes(raw) if member.suffix in _TEXT_TABLES else raw)
    frame = _map_columns(raw, member, options)
    del raw
    if member.suffix in _TEXT_TABLES:  # CSV is all text: numbers and flags get their dtypes
        frame = infer_dtypes(frame)
    return _finish(frame, member, options, log)


def rows_from_frame(raw: pd.DataFrame, member: Member, options: ReadOptions,
                    log: IngestLog) -> pd.DataFrame:
    """Article rows from records already in a DataFrame (XML, SGML and other readers).

    The same column mapping (``options.columns`` first, then common names) and value
    normalisation as for an export file.
    """
    return _finish(_map_columns(raw, member, options), member, options, log)


# --- reading each format ------------------------------------------------------------
def _read_frame(member: Member, log: IngestLog) -> pd.DataFrame:
    suffix = member.suffix
    if suffix == ".parquet":
        try:
            return pd.read_parquet(io.BytesIO(member.data))
        except Exception as exc:  # pyarrow raises several unrelated types
            raise IngestError(member.name, "unreadable Parquet", f"pyarrow said: {exc}") from exc
    if looks_binary(member.data):
        decode_text(member)  # raises the "binary file" error, with its advice
    if suffix in (".jsonl", ".ndjson"):
        frame = _read_json_lines(member, log)
    elif suffix == ".json":
        frame = _read_json(decode_text(member), member, log)
    else:
        frame = _read_delimited(member, log, sep="\t" if suffix == ".tsv" else None)
    if "__line" in frame:  # JSON: the record's position in the file, not its row number
        frame.index = frame.pop("__line").to_numpy() + member.first_line
    return frame


def _read_delimited(member: Member, log: IngestLog, sep: str | None) -> pd.DataFrame:
    head = member.data[:65536].decode("utf-8-sig", errors="replace")
    if sep is None:  # Excel in much of Europe writes ";"-separated "CSV"
        first = head.split("\n", 1)[0]
        sep = ";" if first.count(";") > first.count(",") else ","
    try:
        return _read_csv_arrow(member, log, sep, next(csv.reader(io.StringIO(head), delimiter=sep), []))
    except (pyarrow.ArrowInvalid, csv.Error):
        pass  # not UTF-8, duplicate or odd headers, unbalanced quotes: pandas decides
    try:
        return _parse_csv(io.BytesIO(member.data), member, log, sep, encoding="utf-8-sig")
    except UnicodeDecodeError:
        return _parse_csv(io.StringIO(decode_text(member)), member, log, sep, encoding=None)


def _read_csv_arrow(member: Member, log: IngestLog, sep: str, names: list[str]) -> pd.DataFrame:
    """pyarrow's reader: several times faster than pandas' and about a third of its memory."""
    if not names or len(set(names)) != len(names):
        raise pyarrow.ArrowInvalid("no header or repeated column names")
    buffer = pyarrow.py_buffer(member.data)
    if member.data[:3] == b"\xef\xbb\xbf":
        buffer = buffer[3:]  # a slice, not a copy

    def bad_row(row) -> str:
        where = f"row {row.number}" if row.number else "a row"
        log.add(member.name, "malformed CSV line",
                f"{where}: expected {row.expected_columns} fields, saw {row.actual_columns}: "
                f"{(row.text or '')[:80]!r}; the row was skipped")
        return "skip"

    table = pyarrow.csv.read_csv(
        pyarrow.BufferReader(buffer),
        parse_options=pyarrow.csv.ParseOptions(
            delimiter=sep, newlines_in_values=True, invalid_row_handler=bad_row
        ),
        # Every column as text: ids stay "007", dates stay as written until parsed.
        convert_options=pyarrow.csv.ConvertOptions(
            column_types={name: pyarrow.string() for name in names},
            strings_can_be_null=False, quoted_strings_can_be_null=False,
        ),
    )
    if member.data.count(b'"') % 2:
        log.add(member.name, "truncated file",
                "the file ends inside a quoted field (an odd number of '\"'): probably a "
                f"cut-short download or export. The last of its {table.num_rows} rows was "
                "kept as far as it goes; export the file again to get all of it.")
    return table.to_pandas()


def _parse_csv(source, member: Member, log: IngestLog, sep: str, encoding: str | None) -> pd.DataFrame:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            frame = pd.read_csv(
                source, sep=sep, dtype=str, keep_default_na=False, encoding=encoding,
                on_bad_lines="warn",
            )
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise IngestError(
                member.name, "unreadable CSV",
                f"expected a header line and rows separated by {sep!r}; pandas said: {exc}",
            ) from exc
    for warning in caught:
        for line in str(warning.message).strip().splitlines():
            if line.startswith("Skipping line"):
                log.add(member.name, "malformed CSV line", line)
    return frame


def _read_json_lines(member: Member, log: IngestLog) -> pd.DataFrame:
    try:  # fast and compact; refuses malformed lines, mixed types and non-UTF-8
        table = pyarrow.json.read_json(io.BytesIO(member.data))
        if any(pyarrow.types.is_timestamp(f.type) for f in table.schema):
            # Read dates as written: pyarrow's own parse would lose "0001-11-30".
            schema = pyarrow.schema(
                f.with_type(pyarrow.string()) if pyarrow.types.is_timestamp(f.type) else f
                for f in table.schema
            )
            options = pyarrow.json.ParseOptions(explicit_schema=schema)
            table = pyarrow.json.read_json(io.BytesIO(member.data), parse_options=options)
        frame = _from_records_frame(table.to_pandas())
        frame["__line"] = range(len(frame))
        return frame
    except (pyarrow.ArrowInvalid, pyarrow.ArrowNotImplementedError, UnicodeDecodeError):
        pass
    records, lines = [], []
    texts = (line for line in decode_text(member).splitlines() if line.strip())
    for position, line in enumerate(texts):
        number = member.first_line + position + 1  # counted from the start of the file
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            log.add(member.name, "malformed JSON line", f"line {number}: {exc.msg} "
                    f"at column {exc.colno}: {line[:80]!r}; the line was skipped")
            continue
        if not isinstance(record, dict):
            log.add(member.name, "malformed JSON line", f"line {number}: expected an "
                    f"object {{...}}, found {type(record).__name__}; the line was skipped")
            continue
        records.append(record)
        lines.append(position)
    frame = _from_records(records)
    frame["__line"] = lines
    return frame


def _read_json(text: str, member: Member, log: IngestLog) -> pd.DataFrame:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(
            member.name, "malformed JSON",
            f"line {exc.lineno} column {exc.colno}: {exc.msg}. If the file holds one "
            "JSON object per line, name it .jsonl so each line is read on its own.",
        ) from exc
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        data = max(lists, key=len) if lists else [data]  # {"articles": [...]} or one article
    if not isinstance(data, list):
        raise IngestError(member.name, "unexpected JSON",
                          f"expected a list of article objects, found {type(data).__name__}")
    bad = [i for i, r in enumerate(data) if not isinstance(r, dict)]
    if bad:
        log.add(member.name, "malformed JSON record",
                f"{len(bad)} items are not objects (first at position {bad[0]}); skipped")
    frame = _from_records([r for r in data if isinstance(r, dict)])
    frame["__line"] = [i for i, r in enumerate(data) if isinstance(r, dict)]
    return frame


def _from_records(records: list[dict]) -> pd.DataFrame:
    return _from_records_frame(pd.DataFrame.from_records(records) if records else pd.DataFrame())


def _from_records_frame(frame: pd.DataFrame) -> pd.DataFrame:
    for column in frame.columns[frame.dtypes == object]:
        first = frame[column].dropna()
        first = first.iloc[0] if len(first) else None
        if isinstance(first, dict):
            frame[column] = frame[column].map(_from_object)
    return frame


def _from_object(value):
    """A JSON object in a field: NewsAPI's ``{"id": "bbc-news", "name": "BBC News"}`` gives
    its name, MongoDB's ``{"$date": 1452628948000}`` (newspaper3k exports) its epoch
    milliseconds, any other object its JSON text."""
    if not isinstance(value, dict):
        return value
    if "name" in value:
        return value.get("name") or ""
    if "$date" in value:
        date = value["$date"]
        return str(date.get("$numberLong", "")) if isinstance(date, dict) else str(date)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


# --- column mapping -----------------------------------------------------------------
def _map_columns(raw: pd.DataFrame, member: Member, options: ReadOptions) -> pd.DataFrame:
    explicit = dict(options.columns or {})
    renames: dict[str, str] = {}
    for theirs, ours in explicit.items():
        if theirs not in raw.columns:
            raise IngestError(
                member.name, "mapped column missing",
                f"columns={{{theirs!r}: {ours!r}}} names a column the file does not have; "
                f"found {list(raw.columns)}.",
            )
        renames[theirs] = ours
    taken = set(renames.values())
    drop: list[str] = []
    ranked = sorted(
        (c for c in raw.columns if c not in renames and _key(c) in _CANDIDATES),
        key=lambda c: _RANK[_key(c)],
    )
    for column in ranked:
        target = _CANDIDATES[_key(column)]
        if target in _FLAG_TARGETS and _is_flag(raw[column]):
            continue  # a "wire" column of 0/1 flags names no agency: kept as it is
        if target in taken:
            drop.append(column)  # a second body/title column: the same text again
        else:
            renames[column] = target
            taken.add(target)
    if "body" not in taken:
        _no_body(raw, member)
    kept = [c for c in raw.columns if c not in drop]
    frame = raw[kept].rename(columns=renames)
    # An unmapped column named like an article column ("doc_id", or "text" once
    # "body" is taken) would be mistaken for it: keep it under another name.
    reserved = set(renames.values()) | set(ARTICLE_COLUMNS)
    clashes = {c: f"input_{c}" for c in kept if c not in renames and c in reserved}
    return frame.rename(columns=clashes) if clashes else frame


_FLAG_TARGETS = ("agency", "kind", "outlet", "dateline", "credit")


def _is_flag(values: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(values) or pd.api.types.is_numeric_dtype(values):
        return True
    text = values.astype("string").fillna("").str.strip().str.lower()
    return bool(text.isin(["0", "1", "true", "false", "yes", "no", ""]).all() and (text != "").any())


def _no_body(raw: pd.DataFrame, member: Member) -> None:
    example = next((c for c in raw.columns if raw[c].dtype == object), "their_text_column")
    raise IngestError(
        member.name, "no body column",
        f"expected a column with the article text (named one of "
        f"{', '.join(COLUMN_NAMES['body'])}); found columns {list(raw.columns)}. Tell "
        f"load_corpus which one holds it, e.g. load_corpus(..., columns={{{example!r}: 'body'}}).",
    )


# --- values -------------------------------------------------------------------------
def _finish(frame: pd.DataFrame, member: Member, options: ReadOptions, log: IngestLog) -> pd.DataFrame:
    out = frame  # pandas' copy-on-write keeps the caller's frame unchanged
    out["source_index"] = pd.Series(frame.index, index=frame.index).astype("int64")
    out = out.reset_index(drop=True)
    for column in _TEXT_TARGETS:
        if column in out:
            out[column] = normalise_series(out[column])
    empty = out["body"].str.len() == 0  # normalised text has no surrounding space
    if empty.any():
        rows = out.loc[empty, "source_index"].head(5).tolist()
        log.add(member.name, "empty body",
                f"{int(empty.sum())} of {len(out)} rows have no body text (rows {rows}"
                f"{' ...' if empty.sum() > 5 else ''}): kept with their title and an empty body")
    fill_outlet_columns(out)
    if "title" not in out:  # a text field that opens with its headline ("title\nbody")
        out = split_headlines(out)
    out = remove_furniture(read_credits(drop_repeated_titles(out)))
    out.attrs[FINISHED] = True  # datelines and credits read: the loader need not
    if "published" in out:
        out["published"], out["published_raw"] = parse_dates(out["published"], member, log)
    for column in out.columns.intersection(["url", "dateline", "agency", "credit", "kind"]):
        out[column] = out[column].astype("string").fillna("").str.strip()
    return out


def normalise_series(texts: pd.Series) -> pd.Series:
    """Apply :func:`normalise_text` to a column of texts (missing -> "").

    Examples
    --------
    >>> normalise_series(pd.Series(["DeVos\\"?highly", None])).tolist()
    ["DeVos' highly", '']
    """
    texts = texts.astype("string").fillna("")
    # In chunks: Python strings take several times the memory of the Arrow column,
    # so only one chunk of them should exist at a time.
    parts = [
        texts.iloc[start : start + _CHUNK].map(normalise_text).astype("string")
        for start in range(0, len(texts), _CHUNK)
    ]
    return pd.concat(parts) if parts else texts


# --- dates --------------------------------------------------------------------------
def parse_dates(values: pd.Series, member: Member, log: IngestLog) -> tuple[pd.Series, pd.Series]:
    """Parse a date column to tz-aware UTC, keeping unreadable values as text.

    ISO 8601 first (fast, vectorised), then every other unique value with pandas'
    mixed-format parser ("2017/2/7", "Feb 7, 2017", "9/6/17"; month first unless
    some value only makes sense day first, like "25/6/17"); numbers and 10- or
    13-digit strings are Unix times in seconds or milliseconds. Naive times are
    taken as UTC. Dates outside 1678-2261 (``0001-11-30``) become NaT.

    Returns
    -------
    (published, published_raw) : tuple of Series
        ``published_raw`` holds the original text where ``published`` is NaT.

    Examples
    --------
    >>> dates, raw = parse_dates(pd.Series(["2017/2/7", "0001-11-30"]), Member("x", b"", ".csv"), IngestLog())
    >>> dates.tolist(), raw.tolist()
    ([Timestamp('2017-02-07 00:00:00+0000', tz='UTC'), NaT], ['', '0001-11-30'])
    """
    if isinstance(values.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(values):
        published = _to_utc(values)
        return published, pd.Series("", index=values.index, dtype="string")
    text = values.astype("string").fillna("").str.strip()
    unique = pd.Series(pd.unique(text), dtype="string")
    parsed = pd.Series(pd.NaT, index=unique.index, dtype="datetime64[ns, UTC]")
    epoch = unique.str.fullmatch(r"\d{10}(?:\.\d+)?|\d{13}")
    if epoch.any():
        numbers = unique[epoch].astype("float64")
        parsed[epoch] = pd.to_datetime(
            numbers.where(numbers < 1e11, numbers / 1000), unit="s", utc=True
        ).astype(parsed.dtype)
    rest = ~epoch & (unique != "")
    parsed[rest] = _to_utc(unique[rest], format="ISO8601")
    rest &= parsed.isna()
    if rest.any():
        dayfirst = bool(unique[rest].str.match(r"^(1[3-9]|2\d|3[01])[/.-]\d{1,2}[/.-]\d{2,4}").any())
        parsed[rest] = _to_utc(unique[rest], format="mixed", dayfirst=dayfirst)
    # By position, not text.map(dict): a column whose dates are all NaT would map to a
    # naive dtype that cannot become UTC.
    codes = pd.Index(unique.astype(object)).get_indexer(text.astype(object))
    published = pd.Series(parsed.array.take(codes), index=text.index).astype("datetime64[ns, UTC]")
    failed = published.isna() & (text != "")
    if failed.any():
        examples = pd.unique(text[failed])[:3].tolist()
        log.add(member.name, "unreadable date",
                f"{int(failed.sum())} of {len(text)} dates could not be read, e.g. {examples}; "
                "kept as written in published_raw, published is NaT")
    return published, text.where(published.isna(), "").astype("string")


def _to_utc(values: pd.Series, **kwargs) -> pd.Series:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "could not infer format" is expected here
        parsed = pd.to_datetime(values, utc=True, errors="coerce", **kwargs)
    parsed = parsed.where((parsed >= _NS_MIN) & (parsed <= _NS_MAX))
    return parsed.astype("datetime64[ns, UTC]")
