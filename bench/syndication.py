"""Benchmark: near-duplicate pairs on allsides, corpus_tools vs datasketch, against exact pairs.

Run (2 shared cores: be nice):

    nice .venv/bin/python bench/syndication.py            # whole allsides corpus
    nice .venv/bin/python bench/syndication.py --limit 5000 --skip-datasketch
    nice .venv/bin/python bench/syndication.py --dataset corpus.parquet [--dask]

``--dataset`` runs ``find_duplicates`` out of core on a Parquet dataset (what
``load_corpus(..., out=...)`` or ``bench/scale_corpus.py`` plus ingest writes) and prints
seconds, articles per second and peak memory of this process (and, with ``--dask``, of
the two LocalCluster workers too), and the memory per article.

What it does, in one process, on the same article table and the same shingles (word
5-grams of the normalised text of corpus_tools.syndication.shingles):

1. exact ground truth: every pair with Jaccard >= 0.5, computed exactly with a sparse
   matrix product (shingles held by one article only are dropped first: they add to no
   intersection, and the set sizes come from the full sets);
2. ``corpus_tools.find_duplicates`` from the article table (its pairs with Jaccard >= 0.5);
3. datasketch ``MinHashLSH`` (128 permutations, threshold 0.5) from the article table:
   Python tokenising identical to ours (checked), shingle strings, ``MinHash.bulk``,
   insert, query, and its own Jaccard estimate >= 0.5 on the candidates.

For each it prints wall and CPU seconds, peak resident memory during the step (Linux
VmHWM, reset before each step) and, for the two methods, precision and recall against
the exact pairs. Skips cleanly when the corpus is not there.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus_tools.schema import conform  # noqa: E402
from corpus_tools.syndication import find_duplicates  # noqa: E402
from corpus_tools.syndication.shingles import (  # noqa: E402
    HONORIFICS, article_texts, iter_batches, shingles)

ALLSIDES = ROOT.parent / "shared" / "corpora" / "allsides" / "allsides_articles.jsonl.gz"
THRESHOLD = 0.5
K = 5


class Step:
    """Times a step (wall and CPU) and records its peak resident memory."""

    def __init__(self, name: str):
        self.name = name

    def __enter__(self):
        _reset_peak()
        self.base = _rss_mb()
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu
        self.peak = _peak_mb()
        print(f"  {self.name:<38} wall {self.wall:7.1f} s   cpu {self.cpu:7.1f} s   "
              f"peak RSS {self.peak:7.0f} MB (+{self.peak - self.base:.0f} MB over the start)",
              flush=True)


def _reset_peak() -> None:
    # Hand freed heap memory back to the OS first, so that a step reusing memory freed
    # by the previous one still shows in its own peak.
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _status(field: str) -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _rss_mb() -> float:
    return _status("VmRSS")


def _peak_mb() -> float:
    return _status("VmHWM")


def load_allsides(limit: int | None) -> pd.DataFrame:
    raw = pd.read_json(ALLSIDES, lines=True, nrows=limit)
    # A few dates are malformed ('0001-11-30', '9/6/17'): keep only ISO dates.
    date = raw["date"].astype(str)
    raw["date"] = date.where(date.str.match(r"^(19[89]\d|20\d\d)-\d\d-\d\d"), "")
    table = raw.rename(columns={"source": "outlet", "content_original": "body",
                                "date": "published", "source_url": "outlet_domain"})
    return conform(table[["outlet", "outlet_domain", "title", "body", "published", "url"]])


def exact_pairs(texts: list[str]) -> set[tuple[int, int]]:
    """All pairs with Jaccard >= THRESHOLD on 5-gram shingle sets, by sparse products."""
    hashes, docs = [], []
    for start, batch in iter_batches(texts):
        h, d = shingles(batch, K)
        hashes.append(h)
        docs.append(d + start)
    h, doc = np.concatenate(hashes), np.concatenate(docs)
    order = np.argsort(h)  # shingle ids: rank of the hash among distinct hashes
    new = np.concatenate([[True], h[order][1:] != h[order][:-1]])
    col = np.empty(len(h), np.int64)
    col[order] = np.cumsum(new) - 1
    x = sp.csr_matrix((np.ones(len(h), np.float32), (doc, col)),
                      shape=(len(texts), int(new.sum())))
    x.sum_duplicates()
    x.data[:] = 1.0  # sets, not bags
    sizes = np.diff(x.indptr)
    df = np.bincount(x.indices, minlength=x.shape[1])
    x = x[:, np.flatnonzero(df >= 2)]  # a shingle held by one text is in no intersection
    inter = sp.triu(x @ x.T, k=1).tocoo()
    jac = inter.data / (sizes[inter.row] + sizes[inter.col] - inter.data)
    ok = jac >= THRESHOLD
    return set(zip(inter.row[ok].tolist(), inter.col[ok].tolist()))


_WORD = re.compile(r"[0-9a-z\u00c0-\U0010ffff]+")
_PUNCT = re.compile(r"[\u00a0-\u00bf\u2000-\u206f]")
_HONORIFICS = set(HONORIFICS)


def python_words(text: str) -> list[str]:
    """The tokeniser of corpus_tools.syndication.shingles, in plain Python."""
    words = _WORD.findall(_PUNCT.sub(" ", text.lower()))
    return [w for w in words if w not in _HONORIFICS]


def datasketch_pairs(texts: list[str]) -> tuple[set, set]:
    from datasketch import MinHash, MinHashLSH

    sets = []
    for text in texts:
        words = python_words(text)
        sets.append({" ".join(words[i:i + K]).encode("utf-8")
                     for i in range(len(words) - K + 1)})
    hashes = MinHash.bulk(sets, num_perm=128)
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=128)
    for i, m in enumerate(hashes):
        if sets[i]:
            lsh.insert(i, m)
    candidates = set()
    for i, m in enumerate(hashes):
        if sets[i]:
            candidates.update((min(i, j), max(i, j)) for j in lsh.query(m) if j != i)
    estimated = {p for p in candidates if hashes[p[0]].jaccard(hashes[p[1]]) >= THRESHOLD}
    return candidates, estimated


def score(found: set, truth: set) -> str:
    tp = len(found & truth)
    precision = tp / len(found) if found else float("nan")
    recall = tp / len(truth) if truth else float("nan")
    return f"{len(found)} pairs, precision {precision:.3f}, recall {recall:.3f}"


def scaling_run(table: pd.DataFrame, copies: int) -> int:
    """find_duplicates on ``copies`` disjoint replicas: time and memory vs corpus size."""
    replicas = [table]
    letters = "abcdefghijklmnopqrstuvwxyz"
    for r in range(1, copies):
        # Copy r shifts every lower-case letter by r (a Caesar cipher): new words, same
        # lengths and statistics, so the copies add no duplicates.
        shift = str.maketrans(letters, letters[r:] + letters[:r])
        body = [text.lower().translate(shift) for text in table["body"].tolist()]
        replicas.append(conform(table.assign(body=body, doc_id="")))
    big = pd.concat(replicas, ignore_index=True)
    del replicas
    print(f"scaling run: {len(big):,} articles, {big['n_words'].sum():,} words")
    with Step("corpus_tools.find_duplicates"):
        dups = find_duplicates(big, threshold=THRESHOLD, progress=False)
    print(f"    {len(dups)} pairs: {dups['relation'].value_counts().to_dict()}")
    return 0


def dataset_run(path: str, use_dask: bool) -> int:
    """find_duplicates on a Parquet dataset: seconds, articles/s, peak memory."""
    import threading

    from corpus_tools.batches import count_rows

    client = None
    if use_dask:
        from dask.distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=None, memory_limit="6GiB")
        client = Client(cluster)
    n = count_rows(path)
    peak = {"total": 0.0}
    done = threading.Event()

    def sample():  # this process and its children (the Dask workers), every 0.2 s
        import psutil

        me = psutil.Process()
        while not done.is_set():
            total = 0
            for proc in [me] + me.children(recursive=True):
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
            peak["total"] = max(peak["total"], total / 2**20)
            done.wait(0.2)

    base = _rss_mb()
    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    with Step("corpus_tools.find_duplicates(dataset)") as step:
        dups = find_duplicates(path, threshold=THRESHOLD, progress=False,
                               scheduler=client if use_dask else False)
    done.set()
    thread.join()
    print(f"    {n:,} rows, {n / step.wall:,.0f} articles/s, {len(dups)} pairs: "
          f"{dups['relation'].value_counts().to_dict()}")
    print(f"    peak of this process +{step.peak - base:.0f} MB over the start "
          f"({(step.peak - base) * 2**20 / n:,.0f} bytes per article); peak of all processes "
          f"{peak['total']:.0f} MB")
    if client is not None:
        client.close()
        cluster.close()
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--skip-datasketch", action="store_true")
    parser.add_argument("--scale", type=int, default=1, metavar="R",
                        help="scaling run: R disjoint copies of the corpus (letters of copy r "
                             "shifted by r, so no new duplicates); times find_duplicates only")
    parser.add_argument("--dataset", metavar="PATH",
                        help="find_duplicates out of core on this Parquet dataset, nothing else")
    parser.add_argument("--dask", action="store_true",
                        help="with --dataset: on a LocalCluster of two worker processes")
    args = parser.parse_args(argv)
    if args.dataset:
        return dataset_run(args.dataset, args.dask)
    if not ALLSIDES.exists():
        print(f"skipped: {ALLSIDES} not found")
        return 0
    print(f"allsides: {ALLSIDES}")
    with Step("load + conform (not timed below)"):
        table = load_allsides(args.limit)
    if args.scale > 1:
        return scaling_run(table, args.scale)
    texts = article_texts(table).tolist()
    n_words = sum(len(python_words(t)) for t in texts[:2000])
    assert n_words == sum(len(b.tokens) for _, b in iter_batches(texts[:2000])), \
        "python_words must match the numpy tokeniser"
    print(f"{len(table):,} articles, {table['n_words'].sum():,} words\n")

    with Step("exact pairs (sparse products)"):
        truth = exact_pairs(texts)
    print(f"    {len(truth)} pairs with Jaccard >= {THRESHOLD}")

    with Step("corpus_tools.find_duplicates") as ours:
        dups = find_duplicates(table, threshold=THRESHOLD, progress=False)
    row = {d: i for i, d in enumerate(table["doc_id"])}
    both = dups[dups["jaccard"] >= THRESHOLD]
    found = {(min(row[a], row[b]), max(row[a], row[b]))
             for a, b in zip(both["doc_id_a"], both["doc_id_b"])}
    print(f"    Jaccard >= {THRESHOLD}: {score(found, truth)}")
    for i, j in sorted(truth - found):
        print(f"    missed: {table.at[i, 'outlet']}: {table.at[i, 'title'][:50]!r} / "
              f"{table.at[j, 'outlet']}: {table.at[j, 'title'][:50]!r}")
    print(f"    all reported: {dups['relation'].value_counts().to_dict()}")

    if not args.skip_datasketch:
        try:
            import datasketch  # noqa: F401
        except ImportError:
            print("  datasketch not installed: pip install datasketch (the 'bench' extra)")
            return 0
        with Step("datasketch MinHashLSH (128 perms)") as peer:
            candidates, estimated = datasketch_pairs(texts)
        print(f"    LSH candidates: {score(candidates, truth)}")
        print(f"    own estimate >= {THRESHOLD}: {score(estimated, truth)}")
        print(f"\nspeed-up, end to end from the article table: "
              f"{peer.wall / ours.wall:.1f}x wall, {peer.cpu / ours.cpu:.1f}x CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
