"""Who is quoted: ``attributions`` against the old regular expression, on the hand gold.

    nice .venv/bin/python bench/sources.py            # gold scores + speed on the default corpus
    nice .venv/bin/python bench/sources.py --allsides # + speed on ../shared/corpora/allsides

Prints, for the development and the held-out split of tests/fixtures/attributions
(40 articles annotated by hand, see its README) and for both together:

* named speakers per article: precision, recall and F1, a speaker matched by surname
  or the last word of an organisation's name;
* cue recall: the share of gold attributions whose cue a found attribution's cue
  overlaps;

for ``corpus_tools.attributions`` and for the regular expression ``sourcing`` used
before (``compare.cited_sources``; its cues are the reporting words of its matches),
then articles per second of both on the same articles, wall and CPU time.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus_tools import load_corpus  # noqa: E402
from corpus_tools.attribution import attributions  # noqa: E402
from corpus_tools.attribution.evaluate import cue_recall, load_gold, score_speakers  # noqa: E402
from corpus_tools.compare.sourcing import _CITATION, cited_sources  # noqa: E402

GOLD = ROOT / "tests" / "fixtures" / "attributions" / "gold.jsonl"
ALLSIDES = ROOT.parent / "shared" / "corpora" / "allsides"
_REGEX_CUE = re.compile(r"[Aa]ccording to|\b(?:said|told|says|reported|stated|announced|added)\b")


def regex_attributions(table: pd.DataFrame) -> pd.DataFrame:
    """The old pattern as a table: the names ``cited_sources`` gives for an article (what
    ``sourcing`` counted), and the reporting word of each of its matches as cues."""
    rows = []
    for doc_id, body in zip(table["doc_id"], table["body"].fillna("")):
        for name in cited_sources(body):
            rows.append({"doc_id": doc_id, "speaker": name, "cue_start": -1, "cue_end": -1})
        for match in _CITATION.finditer(body):
            cue = _REGEX_CUE.search(body, match.start(), match.end())
            if cue:
                rows.append({"doc_id": doc_id, "speaker": "", "cue_start": cue.start(),
                             "cue_end": cue.end()})
    return pd.DataFrame(rows, columns=["doc_id", "speaker", "cue_start", "cue_end"])


def gold_corpus() -> pd.DataFrame:
    tables = [load_corpus(ROOT / "data" / "raw", progress=False),
              load_corpus(ROOT / "tests" / "fixtures" / "allsides", progress=False, cache_dir=False,
                          log_path=False)]
    return pd.concat(tables, ignore_index=True)


def score(gold: list[dict], found: pd.DataFrame) -> tuple[dict, dict]:
    named = found[found["speaker"].fillna("") != ""].groupby("doc_id")["speaker"].apply(list).to_dict()
    return score_speakers(gold, named), cue_recall(gold, found)


def timed(function, table: pd.DataFrame, repeat: int = 3) -> tuple[float, float]:
    """Best wall and CPU seconds of ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        function(table)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--allsides", action="store_true", help="also time on ../shared/corpora/allsides")
    args = parser.parse_args()
    corpus = gold_corpus()
    print("Named speakers per article (P / R / F1) and cue recall on the hand gold")
    print(f"{'split':<9} {'articles':>8} {'method':<14} {'P':>6} {'R':>6} {'F1':>6} {'cue recall':>11}")
    for split in ("dev", "heldout", None):
        gold = load_gold(GOLD, corpus, split=split)
        table = corpus[corpus["doc_id"].isin([g["doc_id"] for g in gold])]
        for method, found in (("attributions", attributions(table)),
                              ("old regex", regex_attributions(table))):
            speakers, cues = score(gold, found)
            print(f"{split or 'all':<9} {len(gold):>8} {method:<14} {speakers['precision']:>6.3f} "
                  f"{speakers['recall']:>6.3f} {speakers['f1']:>6.3f} {cues['recall']:>11.3f}")
    tables = [("default corpus (data/raw)", load_corpus(ROOT / "data" / "raw", progress=False))]
    if args.allsides:
        if not ALLSIDES.exists():
            sys.exit(f"{ALLSIDES} is not there; run without --allsides.")
        tables.append(("allsides", load_corpus(ALLSIDES, progress=False)))
    print("\nSpeed (best of 3; articles per second, wall and CPU)")
    for name, table in tables:
        table = table[table["kind"] == "article"]
        words = int(table["n_words"].mean())
        for method, function in (("attributions", attributions), ("old regex", regex_attributions)):
            wall, cpu = timed(function, table, repeat=3 if len(table) < 10_000 else 1)
            print(f"{name}: {len(table):,} articles ({words} words on average), {method:<12} "
                  f"{len(table) / wall:>8,.0f} art/s wall, {len(table) / cpu:>8,.0f} art/s CPU")


if __name__ == "__main__":
    main()
