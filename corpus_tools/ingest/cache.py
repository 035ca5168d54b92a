"""Parse cache: each input's rows stored as Parquet, keyed by the input's content.

The key is a hash of the input's bytes, the format, the read options and
``PARSER_VERSION``, so a changed input re-parses only itself, and a change to the
parsers (bump the version) re-parses everything. Writes go to a temporary file that
is renamed into place, so a killed run never leaves a half-written entry behind.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import pandas as pd

#: Bump when a reader's output changes, to invalidate every cached parse.
PARSER_VERSION = "6"  # 6: issue 13 (formats by content, furniture, outlets, datelines)


def content_hash(data: bytes) -> str:
    """SHA-256 of an input's bytes (hex)."""
    return hashlib.sha256(data).hexdigest()


class ParseCache:
    """A folder of Parquet files, one per parsed input.

    Parameters
    ----------
    folder : Path or None
        Where entries live; ``None`` disables caching.
    """

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder else None

    def key(self, data_hash: str, fmt: str, options_token: str) -> str:
        """The cache key of one input read one way."""
        text = f"{PARSER_VERSION}|{fmt}|{options_token}|{data_hash}"
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def get(self, key: str) -> pd.DataFrame | None:
        """The cached rows, or ``None`` when absent or unreadable (then re-parsed)."""
        if self.folder is None:
            return None
        path = self.folder / f"{key}.parquet"
        if not path.exists():
            return None
        try:
            return pd.read_parquet(path)
        except Exception:  # noqa: BLE001 - a damaged entry is only a cache miss
            return None

    def put(self, key: str, rows: pd.DataFrame) -> None:
        """Store rows atomically (temporary file, then rename)."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".parquet")
        os.close(fd)
        try:
            rows.to_parquet(tmp, index=False)
            os.replace(tmp, self.folder / f"{key}.parquet")
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)
