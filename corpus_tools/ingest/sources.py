"""From what the user names (files, folders, globs) to the inputs to read.

Folders are walked recursively and globs expanded, in sorted order so that the article
table is the same on every machine. ``.gz`` files and ``.zip`` archives are opened
transparently: each zip member becomes an input of its own.
"""
from __future__ import annotations

import glob
import re
import gzip
import zipfile
import zlib
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .base import Member
from .errors import IngestError, IngestLog

#: Suffixes of the formats read; anything else in a folder is logged, never ignored.
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TABULAR_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet"}
XML_SUFFIXES = {".xml"}
SGML_SUFFIXES = {".sgm", ".sgml"}
#: Word files: Nexis Uni's export format (a zip inside, read as one document).
WORD_SUFFIXES = {".docx"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | TABULAR_SUFFIXES | XML_SUFFIXES | SGML_SUFFIXES | WORD_SUFFIXES

#: JSON-lines files (plain or gzipped) whose content is larger than this are read in
#: line-aligned pieces of about this size, each parsed as an input of its own, so that
#: one large export streams through ingest as many small files do (its peak memory is
#: a few pieces, not the file). Smaller files are read whole, as one piece. The rows are
#: those of a whole read; counts in the ingest log ("1 of 2 dates could not be read")
#: are per piece.
JSONL_PIECE_BYTES = 64 * 2**20
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}

# Files that are part of a data folder but are not inputs (licences, notes, OS clutter).
_SKIPPED_NAMES = {".ds_store", "thumbs.db", ".gitkeep", "license", "licence"}
_SKIPPED_SUFFIXES = {".md", ".rst", ".pdf"}
_DOC_WORD = re.compile(r"(?:^|[_.\- ])(?:readme|license|licence|copying|changelog)(?:[_.\- ]|$)")


def resolve_paths(paths: str | Path | Iterable[str | Path]) -> list[Path]:
    """Expand files, folders (recursively) and glob patterns into a sorted file list.

    Parameters
    ----------
    paths : str, Path or iterable of them

    Returns
    -------
    list of Path
        Files in the order given, each folder's files sorted. A file named twice is
        listed twice: the loader logs the second as a duplicate.

    Raises
    ------
    FileNotFoundError
        When a path or pattern matches nothing, naming it.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    for item in paths:
        text = str(item)
        if Path(text).expanduser().exists():
            matches = [Path(text).expanduser()]
        else:
            matches = [Path(m) for m in sorted(glob.glob(text, recursive=True))]
            if not matches:
                raise FileNotFoundError(
                    f"No such file, folder or glob match: {text!r} "
                    f"(current folder {Path.cwd()})."
                )
        for match in matches:
            if match.is_dir():
                files.extend(
                    sorted(
                        (p for p in match.rglob("*") if p.is_file() and not _is_hidden(p, match)),
                        key=lambda p: p.as_posix(),
                    )
                )
            else:
                files.append(match)
    return files


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def is_documentation(path: Path) -> bool:
    """True for files that sit in data folders but are not articles (README, LICENSE)."""
    name = path.name.lower()
    return (
        name in _SKIPPED_NAMES
        or path.suffix.lower() in _SKIPPED_SUFFIXES
        or name.startswith(("readme", "license", "licence", "source"))
        or bool(_DOC_WORD.search(name))  # "ORIGINAL_Data_Readme.txt", "LICENSE_repo.txt"
    )


def format_suffix(name: str) -> str:
    """The suffix that says the format, with ``.gz`` removed: ``a.csv.gz`` → ``.csv``."""
    suffixes = [s.lower() for s in Path(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def open_members(path: Path, log: IngestLog) -> Iterator[Member]:
    """Yield the readable inputs inside one file.

    A plain file yields itself; ``.gz`` yields its decompressed content; ``.zip`` yields
    each member (nested ``.gz`` members are opened too); a JSON-lines file larger than
    :data:`JSONL_PIECE_BYTES` yields line-aligned pieces. A damaged archive is logged
    (or raised when the log is strict) and yields what could be read before the damage.
    """
    name = path.as_posix()
    try:
        if format_suffix(name) in _JSONL_SUFFIXES and not _is_zip(path):
            yield from _jsonl_pieces(path, name, log)
            return
        data = path.read_bytes()
    except OSError as exc:
        log.add(name, "unreadable file", f"the file could not be opened: {exc.strerror or exc}.")
        return
    yield from _members_from_bytes(name, data, log)


def _is_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def _jsonl_pieces(path: Path, name: str, log: IngestLog) -> Iterator[Member]:
    """A JSON-lines file (gzipped or not) in line-aligned pieces of about
    :data:`JSONL_PIECE_BYTES`; one piece, the whole content, when it is smaller.

    A JSON string cannot hold a raw newline, so cutting after a newline never splits a
    record. (CSV can hold newlines inside quoted fields, so CSV is read whole.)
    """
    with path.open("rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
        raw.seek(0)
        stream = gzip.GzipFile(fileobj=raw) if gzipped else raw
        if gzipped and name.lower().endswith(".gz"):
            name = name[:-3]
        suffix = format_suffix(name)
        buffer, first_line, pieces = b"", 0, 0
        while True:
            try:
                block = stream.read(JSONL_PIECE_BYTES)
            except (OSError, EOFError, zlib.error) as exc:
                if not gzipped:
                    raise  # an unreadable file, logged by open_members
                # Keep the whole records decompressed before the damage, not the
                # record it cut in two.
                buffer = buffer[:buffer.rfind(b"\n") + 1]
                if not (pieces or buffer):
                    log.add(name, "damaged gzip file",
                            f"the compressed data is truncated or corrupt ({exc}); the file "
                            f"was not read. Download or copy it again.")
                    return
                log.add(name, "damaged gzip file",
                        f"the compressed data is truncated or corrupt ({exc}); the "
                        f"records before the damage were read, the rest of the file was "
                        f"not. Download or copy it again.")
                break
            if not block:
                break
            buffer += block
            cut = buffer.rfind(b"\n") + 1
            if len(buffer) >= JSONL_PIECE_BYTES and cut:
                piece, buffer = buffer[:cut], buffer[cut:]
                yield Member(name, piece, suffix, first_line)
                pieces += 1
                first_line += sum(1 for line in piece.split(b"\n") if line.strip())
        if buffer or not pieces:
            yield Member(name, buffer, suffix, first_line)


def _members_from_bytes(name: str, data: bytes, log: IngestLog) -> Iterator[Member]:
    if data[:2] == b"\x1f\x8b":
        try:
            data = _gunzip(data)
        except (OSError, EOFError, zlib.error) as exc:
            log.add(
                name,
                "damaged gzip file",
                f"the compressed data is truncated or corrupt ({exc}); the file was not "
                "read. Download or copy it again.",
            )
            return
        inner = name[:-3] if name.lower().endswith(".gz") else name
        yield from _members_from_bytes(inner, data, log)
        return
    if format_suffix(name) in WORD_SUFFIXES:  # a zip inside, but one document
        yield Member(name=name, data=data, suffix=format_suffix(name))
        return
    if data[:4] == b"PK\x03\x04" or name.lower().endswith(".zip"):
        yield from _zip_members(name, data, log)
        return
    yield Member(name=name, data=data, suffix=format_suffix(name))


def _gunzip(data: bytes) -> bytes:
    # gzip.decompress raises EOFError on a truncated stream, which is what we want:
    # a partial decompression would silently lose the end of the file.
    return gzip.decompress(data)


def _zip_members(name: str, data: bytes, log: IngestLog) -> Iterator[Member]:
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        log.add(name, "damaged zip file", f"not a readable zip archive ({exc}).")
        return
    with archive:
        entries: Sequence[zipfile.ZipInfo] = sorted(
            (e for e in archive.infolist() if not e.is_dir()), key=lambda e: e.filename
        )
        for entry in entries:
            member_name = f"{name}!{entry.filename}"
            if entry.filename.startswith("__MACOSX/") or Path(entry.filename).name.startswith("."):
                continue
            try:
                content = archive.read(entry)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
                log.add(member_name, "damaged zip member", f"could not be decompressed ({exc}).")
                continue
            yield from _members_from_bytes(member_name, content, log)




def read_source_text(source_file: str) -> str:
    """The decoded raw text of an article's ``source_file`` (zip members included).

    Used to show a cleaned article beside what was scraped; the raw file is read,
    never changed.
    """
    from .base import decode_text

    path, _, inner = str(source_file).partition("!")
    members = (member for member in open_members(Path(path), IngestLog(strict=True))
               if not inner or member.name == str(source_file))
    first = next(members, None)
    if first is None:
        raise FileNotFoundError(f"{source_file!r} is not in {path!r}.")
    # A large JSON-lines file comes as several line-aligned pieces of one name.
    return "".join([decode_text(first)] + [decode_text(m) for m in members if m.name == first.name])
