"""Benchmark: the whole pipeline on a million articles, in one process or on Dask.

Run (2 shared cores: be nice; the corpus is built once and reused):

    nice .venv/bin/python bench/scale.py                  # 1,000,000 articles vs 37,554
    nice .venv/bin/python bench/scale.py --dask           # the same on a 2-worker LocalCluster
    nice .venv/bin/python bench/scale.py --n 200000 --workdir /tmp/ct_scale

The corpus is allsides resampled with per-pass vocabulary maps and 2% planted light
copies (``bench/scale_corpus.py`` says how and why), written as gzipped JSON-lines shards
of 10,000 articles. Pass 0 of it, allsides itself (37,554 articles), is the baseline.

Stages, each on the output of the one before, as a user's script would run them (the
scale path de-duplicates before fitting, as the in-memory path does):

1. ingest: ``load_corpus(shards, out=dataset, cache_dir=False)`` (Parquet dataset);
2. duplicates: ``find_duplicates(dataset)``, with recall on the planted copies;
3. copies: ``mark_copies(dataset, duplicates=pairs)``: the copy columns written into
   the dataset;
4. vectorise: ``make_dtm(dataset)`` (out of core: phrases on a sample, streamed counts,
   the vocabulary fitted on one copy per story);
5. topics: ``fit_topics(dtm, 20, batch_size=...)`` (MiniBatchNMF ``partial_fit``).

Each size runs in a fresh Python process, so that its peak memory is its own. Printed
per stage: seconds, articles per second, peak resident memory (this process plus every
process it started, i.e. Dask's scheduler and workers too, sampled every 0.2 s), and
the throughput at the large size as a share of the throughput at the baseline (the
issue's target: within 20%, i.e. at least 0.80; and the whole pipeline under 8 GB).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale_corpus  # noqa: E402

STAGES = ("ingest", "duplicates", "copies", "vectorise", "topics")
N_TOPICS = 20


class PeakMemory:
    """Peak resident memory of this process and all its descendants, sampled."""

    def __init__(self, interval: float = 0.2):
        import psutil

        self._me = psutil.Process()
        self._interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _total(self) -> int:
        total = 0
        for proc in [self._me, *self._me.children(recursive=True)]:
            try:
                total += proc.memory_info().rss
            except Exception:  # noqa: BLE001 - a worker may exit between list and read
                pass
        return total

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self._total())
            self._stop.wait(self._interval)

    def __enter__(self):
        self.peak = self._total()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._total())


def run_size(corpus_dir: Path, work: Path, use_dask: bool, progress: bool,
             stages: tuple[str, ...] = STAGES) -> dict:
    """The stages on one corpus folder; returns the figures (runs in a child process).

    Later stages read the dataset that ingest wrote, so ``stages`` without "ingest"
    reuses the dataset of an earlier run (useful to measure one stage again)."""
    from corpus_tools import find_duplicates, fit_topics, load_corpus, make_dtm, mark_copies
    from corpus_tools.batches import count_rows

    client = None
    if use_dask:
        import logging

        from dask.distributed import Client, LocalCluster

        # silence_logs: the P2P shuffle logs a WARNING each time a shuffle starts and
        # ends, which would bury the figures.
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=None, memory_limit="6GiB",
                               silence_logs=logging.ERROR)
        client = Client(cluster)
    dataset = work / "corpus.parquet"
    figures: dict = {"stages": {}}

    def stage(name, func):
        with PeakMemory() as mem:
            start = time.perf_counter()
            result = func()
            seconds = time.perf_counter() - start
        figures["stages"][name] = {"seconds": seconds, "peak_gb": mem.peak / 1e9}
        print(f"  {name}: {seconds:.1f} s, peak {mem.peak / 1e9:.2f} GB", flush=True)
        return result

    if "ingest" in stages:
        stage("ingest", lambda: load_corpus(corpus_dir / "shards", out=dataset, cache_dir=False,
                                            log_path=work / "ingest_log.csv",
                                            progress=progress, scheduler=client))
    figures["articles"] = count_rows(dataset)
    if "duplicates" in stages:
        pairs = stage("duplicates", lambda: find_duplicates(dataset, progress=progress,
                                                            scheduler=client))
        figures["pairs"] = len(pairs)
        figures.update(_planted_recall(corpus_dir / "planted.csv", dataset, pairs))
        if "copies" in stages:
            stage("copies", lambda: mark_copies(dataset, duplicates=pairs, progress=progress))
        del pairs
    if "vectorise" in stages or "topics" in stages:
        dtm = stage("vectorise", lambda: make_dtm(dataset, progress=progress, scheduler=client))
        figures["dtm"] = {"rows": dtm.matrix.shape[0], "terms": dtm.matrix.shape[1],
                          "nnz": int(dtm.matrix.nnz), "fit_rows": int(dtm.fit_rows.sum())}
        if "topics" in stages:
            model = stage("topics", lambda: fit_topics(dtm, N_TOPICS, batch_size=20_000,
                                                       progress=progress))
            figures["top_terms"] = {str(k): v[:6] for k, v in model.top_terms().items()}
            del model
        del dtm
    if client is not None:
        client.close()
        cluster.close()
    return figures


def _planted_recall(planted_file: Path, dataset: Path, pairs) -> dict:
    """How many of the planted light copies the duplicate stage found."""
    import pandas as pd
    import pyarrow.parquet as pq

    if not planted_file.exists():
        return {}
    planted = pd.read_csv(planted_file)
    urls = pq.ParquetDataset(dataset).read(columns=["doc_id", "url"]).to_pandas()
    by_url = dict(zip(urls["url"], urls["doc_id"]))
    found = {frozenset(p) for p in zip(pairs["doc_id_a"], pairs["doc_id_b"])}
    want = [frozenset((by_url.get(c), by_url.get(o)))
            for c, o in zip(planted["copy"], planted["original"])]
    return {"planted": len(want), "planted_found": sum(w in found for w in want)}


def _child(args) -> dict:
    """Run one size in a fresh interpreter and read its figures back."""
    out = args.workdir / f"figures-{args.size_dir.name}{'-dask' if args.dask else ''}.json"
    command = [sys.executable, __file__, "--child", str(args.size_dir), "--figures", str(out),
               "--workdir", str(args.workdir), "--stages", ",".join(args.stages)]
    if args.dask:
        command.append("--dask")
    if not args.progress:
        command.append("--no-progress")
    subprocess.run(command, check=True)
    return json.loads(out.read_text())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="articles in the large corpus")
    parser.add_argument("--dask", action="store_true", help="run on a 2-worker LocalCluster")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/corpus_tools_scale"))
    parser.add_argument("--no-baseline", action="store_true", help="skip the 37,554 run")
    parser.add_argument("--no-progress", dest="progress", action="store_false")
    parser.add_argument("--stages", type=lambda s: tuple(s.split(",")), default=STAGES,
                        help="comma-separated subset of " + ",".join(STAGES) + " (later "
                        "stages reuse the dataset of an earlier ingest; figures are merged)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--figures", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        work = args.workdir / (args.child.name + ("-dask" if args.dask else "") + "-work")
        work.mkdir(parents=True, exist_ok=True)
        figures = run_size(args.child, work, args.dask, args.progress, args.stages)
        if args.figures.exists():  # keep the figures of stages measured in earlier runs
            earlier = json.loads(args.figures.read_text())
            figures["stages"] = {**earlier["stages"], **figures["stages"]}
            figures = {**earlier, **figures}
        args.figures.write_text(json.dumps(figures, indent=1))
        return 0

    if not scale_corpus.ALLSIDES.exists():
        print(f"allsides not found at {scale_corpus.ALLSIDES}: nothing to measure.")
        return 0
    n_base = len(scale_corpus.load_allsides())
    sizes = ([] if args.no_baseline else [n_base]) + [args.n]
    results = {}
    for n in sizes:
        args.size_dir = scale_corpus.build(n, args.workdir / f"corpus-{n}", progress=args.progress)
        print(f"\n== {n:,} articles ({'Dask LocalCluster, 2 workers' if args.dask else 'one process'})",
              flush=True)
        results[n] = _child(args)
    _print_table(results, sizes)
    return 0


def _print_table(results: dict, sizes: list[int]) -> None:
    print(f"\n{'stage':<11}" + "".join(f"{f'{n:,}: s':>14}{'art/s':>9}{'peak GB':>9}" for n in sizes)
          + (f"{'speed ratio':>13}" if len(sizes) > 1 else ""))
    for stage in STAGES:
        if any(stage not in results[n]["stages"] for n in sizes):
            continue
        row = f"{stage:<11}"
        rates = []
        for n in sizes:
            fig = results[n]["stages"][stage]
            rate = results[n]["articles"] / fig["seconds"]
            rates.append(rate)
            row += f"{fig['seconds']:>14.1f}{rate:>9.0f}{fig['peak_gb']:>9.2f}"
        if len(sizes) > 1:
            row += f"{rates[-1] / rates[0]:>13.2f}"
        print(row)
    for n in sizes:
        r = results[n]
        peak = max(s["peak_gb"] for s in r["stages"].values())
        planted = (f", planted copies found {r['planted_found']}/{r['planted']}"
                   if "planted" in r else "")
        dtm = (f", DTM {r['dtm']['rows']:,} x {r['dtm']['terms']:,} ({r['dtm']['nnz']:,} "
               f"non-zeros)" if "dtm" in r else "")
        dups = f", {r['pairs']:,} duplicate pairs{planted}" if "pairs" in r else ""
        print(f"{n:,}: {r['articles']:,} rows{dtm}{dups}; pipeline peak {peak:.2f} GB")
        for topic, terms in r.get("top_terms", {}).items():
            print(f"  topic {topic}: {' '.join(terms)}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
