"""Stage results kept on disk, keyed by their inputs and parameters.

Each stage of a prepared corpus is a folder ``<processed>/prepared/<stage>/<key>/``
holding its results (Parquet tables, ``.npz`` matrices, a pickle only for fitted
scikit-learn objects) and ``manifest.json``: what it was computed from (the key's
ingredients), when, in how many seconds. The key is a hash of the stage's inputs and
parameters, of the key of the stage it builds on, and of the code (the package's
source files and the versions of the libraries whose objects are stored): changing
a later parameter leaves the earlier stages' keys, and so their folders, as they were.

A folder is written under a temporary name and renamed when complete, so that an
interrupted run never leaves a half-written stage that a later run would read. While
one process computes a stage it holds a lock on it: another process (a notebook kernel
of the same build, a second notebook open in JupyterLab) that asks for the same stage
waits and reads the result instead of computing it again.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

__all__ = ["MANIFEST", "StageRun", "Store", "code_fingerprint"]

MANIFEST = "manifest.json"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the package's source and of the libraries whose objects are stored.

    Stored stages are results of this code: any change to it (a fix in a stage, a
    new scikit-learn whose pickles differ) gives new keys instead of stale results.
    """
    import numpy
    import pandas
    import pyarrow
    import scipy
    import sklearn

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for module in (numpy, pandas, pyarrow, scipy, sklearn):
        digest.update(f"{module.__name__}={module.__version__}\n".encode())
    for source in sorted(package.rglob("*.py")):
        digest.update(str(source.relative_to(package)).encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class StageRun:
    """How one stage was obtained: computed now, or read from the store."""

    stage: str
    key: str
    seconds: float  # to compute (as recorded when it was computed)
    reused: bool
    load_seconds: float = 0.0  # to read it back, when reused
    folder: Path | None = None


class Store:
    """Stage folders under ``root``; ``root=None`` computes without storing.

    Parameters
    ----------
    root : Path or None
        Usually ``<processed>/prepared``.
    """

    def __init__(self, root: Path | None):
        self.root = Path(root) if root is not None else None

    def key(self, stage: str, spec: dict[str, Any]) -> str:
        """The key of ``stage`` computed from ``spec`` (JSON-able) and the code."""
        text = json.dumps({"stage": stage, "code": code_fingerprint(), **spec}, sort_keys=True,
                          default=str, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def run(self, stage: str, spec: dict[str, Any], compute: Callable[[], Any],
            write: Callable[[Any, Path], None], read: Callable[[Path], Any]) -> tuple[Any, StageRun]:
        """The stage's value from its folder, or computed, written and returned.

        A folder that cannot be read back (deleted files, a library that changed
        underneath) is computed again, not trusted.
        """
        key = self.key(stage, spec)
        if self.root is None:
            started = time.perf_counter()
            value = compute()
            return value, StageRun(stage, key, time.perf_counter() - started, False)
        folder = self.root / stage / key
        found = self._read(folder, stage, key, read)
        if found is not None:
            return found
        with _lock(folder.with_name(f".{key}.lock")):
            found = self._read(folder, stage, key, read)  # computed while this one waited
            if found is not None:
                return found
            started = time.perf_counter()
            value = compute()
            seconds = time.perf_counter() - started
            self._write(folder, stage, key, spec, seconds, value, write)
        return value, StageRun(stage, key, seconds, False, 0.0, folder)

    @staticmethod
    def _read(folder: Path, stage: str, key: str, read) -> tuple[Any, StageRun] | None:
        if not (folder / MANIFEST).is_file():
            return None
        started = time.perf_counter()
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            value = read(folder)
        except Exception:  # noqa: BLE001 - a damaged entry is recomputed, not fatal
            shutil.rmtree(folder, ignore_errors=True)
            return None
        return value, StageRun(stage, key, float(manifest.get("seconds", 0.0)), True,
                               time.perf_counter() - started, folder)

    @staticmethod
    def _write(folder: Path, stage: str, key: str, spec: dict, seconds: float, value,
               write: Callable[[Any, Path], None]) -> None:
        partial = folder.with_name(f".{key}.{os.getpid()}.partial")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        try:
            write(value, partial)
            manifest = {"stage": stage, "key": key, "seconds": round(seconds, 3),
                        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                        "code": code_fingerprint(), "spec": spec,
                        "files": sorted(p.name for p in partial.iterdir())}
            (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, default=str,
                                                       ensure_ascii=False), encoding="utf-8")
            try:
                partial.rename(folder)
            except OSError:  # another process stored the same stage meanwhile: keep theirs
                pass
        finally:
            shutil.rmtree(partial, ignore_errors=True)


@contextmanager
def _lock(path: Path):
    """An exclusive lock on ``path`` between processes (released if the holder dies);
    where the platform has no ``fcntl`` (Windows), no lock: a stage may then be computed
    twice, never half read."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
