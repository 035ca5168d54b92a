"""Benchmark: one large JSON-lines export, read whole or in line-aligned pieces.

Run (builds or reuses the scale corpus of ``bench/scale.py``; 2 shared cores: be nice):

    nice .venv/bin/python bench/large_file.py              # 150,000 articles in one file
    nice .venv/bin/python bench/large_file.py --n 37554

A scraper's export is often one file. ``load_corpus(file, out=...)`` reads a JSON-lines
file larger than ``corpus_tools.ingest.sources.JSONL_PIECE_BYTES`` (64 MB) in pieces, so
that its peak memory is a few pieces, not the file. This script concatenates the scale
corpus's shards into one plain ``.jsonl`` and writes it to a Parquet dataset twice, each
in a fresh process: with pieces (the default) and whole (the piece size set above the
file's size, as before pieces existed). For reference it also times
``pandas.read_json(lines=True)``, which only reads the file (no cleaning, no dataset).
Printed: seconds, articles per second and peak resident memory of each.
"""
from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale_corpus  # noqa: E402
from scale import PeakMemory  # noqa: E402

MODES = {
    "pieces": "load_corpus(out=), 64 MB pieces",
    "whole": "load_corpus(out=), whole file",
    "pandas": "pandas.read_json(lines=True), read only",
}


def one_file(shards: Path, target: Path) -> Path:
    """The gzipped shards, decompressed into one JSON-lines file (made once)."""
    if not target.exists():
        partial = target.with_suffix(".partial")
        with partial.open("wb") as out:
            for shard in sorted(shards.glob("*.jsonl.gz")):
                with gzip.open(shard, "rb") as part:
                    shutil.copyfileobj(part, out, 2**24)
        partial.rename(target)
    return target


def measure(mode: str, path: Path, out: Path) -> dict:
    """Run one mode here and return its figures (called in a fresh process)."""
    import pandas as pd

    from corpus_tools import load_corpus
    from corpus_tools.ingest import sources

    if mode == "whole":
        sources.JSONL_PIECE_BYTES = path.stat().st_size + 1
    with PeakMemory() as memory:
        start = time.perf_counter()
        if mode == "pandas":
            rows = len(pd.read_json(path, lines=True))
        else:
            dataset = load_corpus(path, out=out, cache_dir=False, log_path=False, progress=False)
            rows = len(pd.read_parquet(dataset, columns=["doc_id"]))
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_gb": memory.peak / 1e9, "rows": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=150_000, help="articles in the file")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/corpus_tools_scale"))
    parser.add_argument("--child", choices=list(MODES), help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        out = args.workdir / f"large-file-{args.child}.parquet"
        print(json.dumps(measure(args.child, args.file, out)))
        return 0
    if not scale_corpus.ALLSIDES.exists():
        print(f"allsides not found at {scale_corpus.ALLSIDES}: nothing to measure.")
        return 0
    corpus = scale_corpus.build(args.n, args.workdir / f"corpus-{args.n}")
    path = one_file(corpus / "shards", args.workdir / f"one-file-{args.n}.jsonl")
    print(f"{path}: {path.stat().st_size / 1e9:.2f} GB, {args.n:,} articles", flush=True)
    print(f"{'':<42}{'s':>9}{'art/s':>9}{'peak GB':>9}")
    figures = {}
    for mode, label in MODES.items():
        child = subprocess.run([sys.executable, __file__, "--child", mode, "--file", str(path),
                                "--workdir", str(args.workdir)],
                               check=True, capture_output=True, text=True)
        figures[mode] = result = json.loads(child.stdout.strip().splitlines()[-1])
        print(f"{label:<42}{result['seconds']:>9.1f}{result['rows'] / result['seconds']:>9.0f}"
              f"{result['peak_gb']:>9.2f}", flush=True)
    print(f"peak memory, pieces / whole: {figures['pieces']['peak_gb'] / figures['whole']['peak_gb']:.2f}; "
          f"speed, pieces / whole: {figures['whole']['seconds'] / figures['pieces']['seconds']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
