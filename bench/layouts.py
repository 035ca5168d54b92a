"""Loader battery: every corpus layout in ``../shared/corpora/layouts/``, as a user loads it.

Run: ``nice .venv/bin/python bench/layouts.py`` (``--only NAME`` for one layout,
``--path CORPUS`` to measure any other corpus the same way). For
each layout folder, ``load_corpus(folder)`` with no options (what a new user tries
first), then per layout:

* rows, and the share of rows with an outlet, a date, a title and a body;
* agencies: rows whose ``agency`` credits a wire service;
* furniture: distinct lines still in bodies that repeat in 5 or more records of one
  outlet (copyright notices, "All rights reserved", ``LOAD-DATE:`` ...; 0 is the target);
* what the ingest log says (problems by kind) and the seconds the load took.

Prints figures, asserts nothing; skipped when ``../shared`` is not there.
"""
from __future__ import annotations

import argparse
import collections
import time
import warnings
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = ROOT.parent / "shared" / "corpora" / "layouts"
#: Repeated in this many records of one outlet, a body line is furniture.
FURNITURE_RECORDS = 5


def furniture_lines(table: pd.DataFrame, records: int = FURNITURE_RECORDS) -> int:
    """Distinct body lines found in ``records`` or more records of one outlet."""
    count = 0
    for _, bodies in table.groupby(table["outlet"].fillna(""), sort=False)["body"]:
        seen: collections.Counter = collections.Counter()
        for body in bodies.fillna(""):
            seen.update({line.strip() for line in str(body).split("\n") if line.strip()})
        count += sum(1 for n in seen.values() if n >= records)
    return count


def share(mask: pd.Series) -> str:
    return f"{mask.mean():.0%}" if len(mask) else "-"


def measure(folder: Path) -> dict:
    from corpus_tools import load_corpus
    from corpus_tools.ingest.errors import IngestLog

    log_file = ROOT / "data" / "processed" / f"layouts_{folder.name}_log.csv"
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = load_corpus(folder, progress=False, cache_dir=False, log_path=log_file)
    seconds = time.perf_counter() - start
    log = pd.read_csv(log_file, dtype="string") if log_file.exists() else IngestLog().to_frame()
    problems = log["problem"].value_counts().to_dict() if len(log) else {}
    return {
        "layout": folder.name,
        "rows": len(table),
        "outlet": share(table["outlet"].fillna("") != ""),
        "date": share(table["published"].notna()),
        "title": share(table["title"].fillna("") != ""),
        "body": share(table["body"].fillna("") != ""),
        "agencies": int((table["agency"].fillna("") != "").sum()),
        "datelines": int((table["dateline"].fillna("") != "").sum()),
        "furniture": furniture_lines(table),
        "outlets": table["outlet"].nunique(),
        "seconds": round(seconds, 1),
        "warnings": len([w for w in caught if "corpus_tools" in str(w.filename) or
                         issubclass(w.category, UserWarning)]),
        "log": ", ".join(f"{k} {v}" for k, v in problems.items()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="layout folder name (repeatable)")
    parser.add_argument("--path", action="append", type=Path,
                        help="measure these corpora (files or folders) instead of the layouts")
    args = parser.parse_args()
    if args.path:
        folders = args.path
    elif not LAYOUTS.exists():
        print(f"[layouts] skipped: {LAYOUTS} not found")
        return
    else:
        folders = sorted(p for p in LAYOUTS.iterdir() if p.is_dir())
    if args.only:
        folders = [f for f in folders if f.name in args.only]
    rows = [measure(folder) for folder in folders]
    frame = pd.DataFrame(rows)
    with pd.option_context("display.width", 200, "display.max_colwidth", 80):
        print(frame.drop(columns="log").to_string(index=False))
        print()
        for row in rows:
            print(f"{row['layout']}: log: {row['log'] or 'empty'}")


if __name__ == "__main__":
    main()
