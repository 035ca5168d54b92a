"""Benchmark: ``make_dtm`` against a bare scikit-learn ``CountVectorizer``, same texts.

``make_dtm(table)`` does more than count: it learns phrases (two passes of word-pair
NPMI), keeps acronyms apart from stop words, leaves out the corpus's outlet, agency and
dateline names, and scales ``min_df``. The peer is the bare counter an analyst would
otherwise use, ``CountVectorizer(stop_words="english", min_df=5, max_df=0.5)``, given
the very texts ``make_dtm`` reads (``corpus_tools.schema.article_texts``: title,
standfirst and body); building those texts is counted in ``make_dtm``'s time and not in
the peer's. Both run in this process, alternately, ``--repeat`` times; the fastest run
of each is printed, with the ratio.

    nice .venv/bin/python bench/vectorize.py              # allsides (if present) and default
    nice .venv/bin/python bench/vectorize.py --corpus default --repeat 3
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sklearn.feature_extraction.text import CountVectorizer  # noqa: E402

from corpus_tools import make_dtm  # noqa: E402
from corpus_tools.schema import article_mask, article_texts  # noqa: E402
from topics import ALLSIDES, load_allsides, load_default  # noqa: E402


def measure(table, repeat: int) -> dict:
    rows = table[article_mask(table)]
    texts = article_texts(rows).tolist()
    best = {"corpus_tools": float("inf"), "sklearn": float("inf")}
    shapes = {}
    for _ in range(repeat):
        start = time.perf_counter()
        dtm = make_dtm(table, progress=False)
        best["corpus_tools"] = min(best["corpus_tools"], time.perf_counter() - start)
        shapes["corpus_tools"] = dtm.matrix.shape
        del dtm
        start = time.perf_counter()
        matrix = CountVectorizer(stop_words="english", min_df=5, max_df=0.5).fit_transform(texts)
        best["sklearn"] = min(best["sklearn"], time.perf_counter() - start)
        shapes["sklearn"] = matrix.shape
        del matrix
    return {"seconds": best, "shapes": shapes, "articles": len(rows)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=["allsides", "default", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpora = []
    if args.corpus in ("allsides", "both"):
        if ALLSIDES.exists():
            corpora.append(("allsides", load_allsides))
        else:
            print(f"allsides not found at {ALLSIDES}: skipped.")
    if args.corpus in ("default", "both"):
        corpora.append(("default", load_default))
    print(f"{'corpus':<10}{'articles':>10}{'make_dtm s':>12}{'sklearn s':>11}{'ratio':>8}"
          f"   shapes (make_dtm; CountVectorizer)")
    for name, load in corpora:
        result = measure(load(), args.repeat)
        ours, peer = result["seconds"]["corpus_tools"], result["seconds"]["sklearn"]
        print(f"{name:<10}{result['articles']:>10,}{ours:>12.2f}{peer:>11.2f}{ours / peer:>8.2f}"
              f"   {result['shapes']['corpus_tools']}; {result['shapes']['sklearn']}", flush=True)
    print("ratio: make_dtm seconds / CountVectorizer seconds (below 1: make_dtm is faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
