"""Metadata beside article files: a metadata table, per-article sidecars, file names.

A folder of article files rarely carries outlet and date inside the texts. They come
beside them, in one of three ways, each joined onto the rows of the files they name:

* **A metadata table** (CSV, TSV or Parquet) in the input folder, or given as
  ``load_corpus(paths, metadata="meta.csv")``, with one column naming the article files
  (with or without extension or folder). It is recognised by that column: most of its
  values name input files. Its columns are mapped like export columns (publisher,
  source, date, title, author ...; ``columns=`` applies) and every other column is
  kept. It is never read as an export of its own.
* **Sidecar files**, one per article: ``<name>-meta.txt`` (or ``_meta``, ``.meta``,
  ``.metadata``) beside ``<name>.txt`` or in a sibling folder (``true/1.txt`` and
  ``true-meta-information/1-meta.txt``). A sidecar holding JSON or ``key: value`` lines
  gives those fields; one with bare values gives what their form shows: a URL
  (``url``, and the outlet from its site) and a date (``published``).
* **File names**: ``filename_fields="{outlet}_{published}_{slug}"`` (or a regular
  expression with named groups) reads fields from each article file's name, as R's
  readtext does with ``docvarsfrom="filenames"``.

Values given this way win over what the reader found in the text. Dates are parsed a
column at a time, so that "4/1/2018" is read day first when other values of the same
column ("26/12/2017") show the order. Files without metadata and metadata rows that
name no file are counted in the ingest log.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

import pandas as pd

from ..schema import make_doc_id
from .articletable import infer_dtypes
from .base import Member, ReadOptions, decode_text
from .errors import IngestError, IngestLog
from .sources import TABULAR_SUFFIXES, format_suffix, is_documentation

_TABLE_SUFFIXES = {".csv", ".tsv", ".parquet"}
_SIDECAR = re.compile(r"^(?P<stem>.+?)[-_.](?:meta(?:data)?|info)$", re.I)
_SIDECAR_FOLDER = re.compile(r"^(?P<base>.+?)[-_.](?:meta(?:data)?|info)\b.*$", re.I)
_FIELD = re.compile(r"\{(\w+)\}")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_DATE_VALUE = re.compile(r"^(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?|"
                         r"[A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4})$")
_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z][\w .-]{0,30}):\s*(?P<value>.*)$")
# A metadata table's key column: at least this share of its values name input files.
_MIN_KEY_SHARE = 0.5
_OVERRIDE = ("outlet", "outlet_domain", "title", "standfirst", "published", "published_raw",
             "url", "dateline", "agency", "kind")


def file_key(name: str) -> str:
    """How a metadata value or an input names an article file: base name, no suffixes.

    Examples
    --------
    >>> file_key("corpus.zip!articles/Guardian_2016-05-03_brexit.txt.gz")
    'guardian_2016-05-03_brexit'
    """
    base = re.split(r"[/\\!]", str(name).strip())[-1]
    while True:
        stem, dot, suffix = base.rpartition(".")
        if dot and stem and 1 <= len(suffix) <= 8 and suffix.isalnum() and not suffix.isdigit():
            base = stem
        else:
            return base.lower()


def fields_pattern(filename_fields: str) -> re.Pattern:
    """``"{outlet}_{published}_{slug}"`` (or a regex with named groups) as a regex.

    Examples
    --------
    >>> fields_pattern("{outlet}_{published}_{slug}").fullmatch("guardian_2016-05-03_brexit-vote").groupdict()
    {'outlet': 'guardian', 'published': '2016-05-03', 'slug': 'brexit-vote'}
    """
    if "(?P<" in filename_fields:
        return re.compile(filename_fields)
    parts, last = [], 0
    names = _FIELD.findall(filename_fields)
    for i, m in enumerate(_FIELD.finditer(filename_fields)):
        parts.append(re.escape(filename_fields[last:m.start()]))
        lazy = "" if i == len(names) - 1 else "?"  # the last field takes the rest
        parts.append(f"(?P<{m.group(1)}>.+{lazy})")
        last = m.end()
    parts.append(re.escape(filename_fields[last:]))
    if not names:
        raise ValueError(f"filename_fields={filename_fields!r} names no field: write fields in "
                         "braces, e.g. '{outlet}_{published}_{slug}', or a regex with (?P<name>...).")
    return re.compile("".join(parts))


@dataclass
class FileMetadata:
    """Metadata for article files, keyed by :func:`file_key`, ready to join."""

    table: pd.DataFrame = field(default_factory=pd.DataFrame)  # index: file key
    sources: list = field(default_factory=list)  # metadata files used
    pattern: re.Pattern | None = None
    options: ReadOptions = field(default_factory=ReadOptions)
    joined: set = field(default_factory=set)
    unmatched: list = field(default_factory=list)
    n_files: int = 0

    @classmethod
    def find(cls, files: list[Path], metadata=None, filename_fields: str | None = None,
             options: ReadOptions | None = None, log: IngestLog | None = None):
        """Split ``files`` into article inputs and metadata; return ``(inputs, FileMetadata)``.

        Raises
        ------
        FileNotFoundError
            When ``metadata`` names a file that does not exist.
        IngestError
            When a given ``metadata`` table has no column naming the input files.
        """
        options = options or ReadOptions()
        found = cls(pattern=fields_pattern(filename_fields) if filename_fields else None,
                    options=options)
        given = [Path(p) for p in ([metadata] if isinstance(metadata, (str, Path)) else metadata or [])]
        for path in given:
            if not path.is_file():
                raise FileNotFoundError(f"metadata={str(path)!r}: no such file.")
        keys = {file_key(p.name) for p in files}
        frames = []
        for path in given:
            frame = _key_frame(path, keys)
            if frame is None:
                raise IngestError(path.as_posix(), "metadata without file names",
                                  f"no column of it names the input files (compared with "
                                  f"{len(keys)} file names such as {sorted(keys)[:3]}); the "
                                  f"metadata table needs one column of file names.")
            frames.append(frame)
            found.sources.append(path.as_posix())
        inputs = []
        readable = [p for p in files if format_suffix(p.name) not in TABULAR_SUFFIXES]
        for path in files:
            if path in given:
                continue
            frame = None
            if format_suffix(path.name) in _TABLE_SUFFIXES and readable and not is_documentation(path):
                frame = _key_frame(path, keys)
            if frame is not None:
                frames.append(frame)
                found.sources.append(path.as_posix())
            else:
                inputs.append(path)
        inputs, sidecars = _split_sidecars(inputs)
        if sidecars is not None:
            frames.append(sidecars)
            found.sources.append(f"{len(sidecars)} sidecar files")
        if frames:
            table = pd.concat(frames)
            found.table = _prepare(table[~table.index.duplicated()], options, log)
        found.n_files = len(inputs)
        return inputs, found

    @property
    def active(self) -> bool:
        return bool(len(self.table) or self.pattern is not None)

    def apply(self, rows: pd.DataFrame, name: str) -> pd.DataFrame:
        """``rows`` of one input with its metadata joined (doc_ids recomputed)."""
        if not self.active or rows.empty:
            return rows
        key = file_key(name)
        folder = Path(re.split(r"!", name)[-1]).parent.name.lower()
        if f"{folder}/{key}" in self.table.index:
            key = f"{folder}/{key}"
        values: dict = {}
        if self.pattern is not None:
            m = self.pattern.fullmatch(key) or self.pattern.fullmatch(re.split(r"[/\\!]", name)[-1])
            if m:
                values.update(_prepare(pd.DataFrame([m.groupdict()], index=[key]), self.options,
                                       None).iloc[0].to_dict())
        if key in self.table.index:
            self.joined.add(key)
            values.update({k: v for k, v in self.table.loc[key].to_dict().items()
                           if not _empty(v)})
        elif len(self.table):
            self.unmatched.append(name)
        if not values:
            return rows
        return _join(rows, values)

    def report(self, log: IngestLog) -> None:
        """Count files without metadata and metadata rows without files in ``log``."""
        if not len(self.table):
            return
        where = "; ".join(self.sources)
        if self.unmatched:
            log.add(self.unmatched[0], "no metadata row",
                    f"{len(self.unmatched)} of {self.n_files} article files have no row in {where} "
                    f"(e.g. {', '.join(Path(n).name for n in self.unmatched[:3])}); they keep what "
                    f"their text says.")
        orphans = [k for k in self.table.index if k not in self.joined]
        if orphans:
            log.add(where, "metadata row without file",
                    f"{len(orphans)} of {len(self.table)} metadata rows name no file that was "
                    f"read (e.g. {', '.join(orphans[:3])}).")


def _empty(value) -> bool:
    return value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)) or value == ""


def _key_frame(path: Path, keys: set[str]) -> pd.DataFrame | None:
    """The metadata table at ``path`` indexed by file key, or None when no column names files."""
    from .tabular import _read_frame

    try:
        frame = _read_frame(Member(path.as_posix(), path.read_bytes(), format_suffix(path.name)),
                            IngestLog())
    except (IngestError, OSError, ValueError):
        return None
    for column in frame.columns:
        values = frame[column].astype("string").fillna("")
        present = values[values != ""]
        if present.empty:
            continue
        named = present.map(file_key)
        if named.isin(keys).mean() >= _MIN_KEY_SHARE:
            out = frame.drop(columns=[column])
            out.index = values.map(file_key).tolist()
            return out[~out.index.duplicated()]
    return None


def _split_sidecars(files: list[Path]) -> tuple[list[Path], pd.DataFrame | None]:
    """Per-article sidecar files, read into a frame keyed by their article's file key."""
    by_place = {(p.parent.name.lower(), file_key(p.name)) for p in files}
    inputs, records, index = [], [], []
    for path in files:
        m = _SIDECAR.match(file_key(path.name))
        folder = _SIDECAR_FOLDER.match(path.parent.name)
        article_folder = folder.group("base").lower() if folder else path.parent.name.lower()
        if m and (article_folder, m.group("stem")) in by_place:
            try:
                record = _sidecar_fields(decode_text(Member(path.as_posix(), path.read_bytes(), "")))
            except IngestError:
                record = None
            if record is not None:
                records.append(record)
                index.append(f"{article_folder}/{m.group('stem')}")  # true/1 and fake/1 differ
                continue
        inputs.append(path)
    if not records:
        return inputs, None
    return inputs, pd.DataFrame.from_records(records, index=index)


def _sidecar_fields(text: str) -> dict | None:
    """Fields of one sidecar: JSON, ``key: value`` lines, or bare values by their form."""
    text = text.strip().lstrip("\ufeff")
    if text.startswith("{"):
        try:
            data = json.loads(text)
            return data if isinstance(data, dict) else None
        except json.JSONDecodeError:
            return None
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    tagged = [_KEY_LINE.match(line) for line in lines]
    if lines and sum(1 for t in tagged if t and not _URL.match(t.group(0))) >= max(2, len(lines) // 2):
        return {t.group("key").strip(): t.group("value").strip() for t in tagged if t}
    record = {}
    for line in lines:
        if "url" not in record and _URL.match(line):
            record["url"] = line
        elif "published" not in record and _DATE_VALUE.match(line):
            record["published"] = line
    return record or None


def _prepare(frame: pd.DataFrame, options: ReadOptions, log: IngestLog | None) -> pd.DataFrame:
    """Metadata mapped onto article columns and normalised like an export's."""
    from .tabular import _finish, _map_columns

    member = Member("metadata", b"", ".csv")
    keys = frame.index
    frame = frame.reset_index(drop=True)
    frame["body"] = ""  # the texts come from the files; the mapping needs a body
    try:
        mapped = infer_dtypes(_map_columns(frame, member, options))
    except IngestError:
        return pd.DataFrame(index=keys)
    quiet = IngestLog()  # the metadata rows have no body: only their dates are worth logging
    mapped = _finish(mapped, member, options, quiet)
    for problem in quiet.problems:
        if problem.problem == "unreadable date" and log is not None:
            log.add("metadata", problem.problem, problem.detail)
    mapped = mapped.drop(columns=[c for c in ("body", "source_index") if c in mapped])
    if "outlet" in mapped and not (mapped["outlet"] != "").any() and "url" not in frame:
        mapped = mapped.drop(columns="outlet")
    mapped.index = keys
    return mapped


def _join(rows: pd.DataFrame, values: Mapping) -> pd.DataFrame:
    out = rows.copy()
    title = values.get("title")
    for column, value in values.items():
        if column in _OVERRIDE or column not in out:
            out[column] = value if column != "published" else pd.Timestamp(value)
        elif column not in ("doc_id", "body", "source_file", "source_index", "n_words"):
            out[column] = value
    if title:  # the headline repeated as the body's first line
        first = out["body"].str.split("\n", n=1)
        same = first.str[0].str.strip().str.lower() == str(title).strip().lower()
        out.loc[same, "body"] = first[same].str[1].fillna("")
    out["published"] = pd.to_datetime(out["published"], utc=True).astype("datetime64[ns, UTC]")
    out["doc_id"] = [make_doc_id(o, t, b, u) for o, t, b, u in
                     zip(out["outlet"], out["title"], out["body"], out["url"])]
    out["n_words"] = out["body"].str.count(r"\S+").astype("int64")
    return out
