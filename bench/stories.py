"""Benchmark: ``cluster_stories`` against the AllSides headline roundups (a gold standard).

Run:

    nice .venv/bin/python bench/stories.py

allsides-roundups holds 506 events (2021-04..2021-10), each covered by 2-3 outlets
(left, centre, right): the title and the first paragraphs of each article. All articles
of an event carry the event's date. Two articles are a true pair when they belong to the
same event. Prints pairwise precision, recall and F1 of ``cluster_stories`` for a sweep
of thresholds, separately on the earlier half of the events (used to choose the default
``THRESHOLD``) and on the later half (held out), and for the default on all events.
Skips cleanly when the corpus is not there.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus_tools.schema import conform  # noqa: E402
from corpus_tools.syndication import cluster_stories  # noqa: E402
from corpus_tools.syndication.stories import THRESHOLD  # noqa: E402

ROUNDUPS = (ROOT.parent / "shared" / "corpora" / "allsides-roundups"
            / "allsides_roundups_2021-04_to_2021-10.jsonl")


def load_roundups(path: Path = ROUNDUPS) -> pd.DataFrame:
    """One row per outlet article, with its ``event`` id (the gold story)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        for side, news in (event.get("news") or {}).items():
            if not news or not news.get("newBody"):
                continue
            rows.append({
                "event": event["id"], "outlet": news.get("newsSource", ""),
                "title": news.get("newsTitle", ""), "body": "\n".join(news["newBody"]),
                "url": news.get("newsLink", ""), "published": event["date"][:10],
                "topic": event.get("topic", ""),
            })
    table = conform(pd.DataFrame(rows))
    return table.drop_duplicates("doc_id").reset_index(drop=True)


def pairwise_scores(gold: np.ndarray, predicted: np.ndarray) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of a clustering against gold labels."""
    def same_pairs(labels):
        codes = pd.factorize(pd.Series(labels))[0]
        return {(i, j) for members in pd.Series(range(len(codes))).groupby(codes).apply(list)
                for a, i in enumerate(members) for j in members[a + 1:]}
    truth, found = same_pairs(gold), same_pairs(predicted)
    tp = len(truth & found)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> int:
    if not ROUNDUPS.exists():
        print(f"skipped: {ROUNDUPS} not found")
        return 0
    table = load_roundups()
    events = table.groupby("event")["published"].first().sort_values()
    early = set(events.index[: len(events) // 2])
    halves = {"earlier half (tuning)": table[table["event"].isin(early)],
              "later half (held out)": table[~table["event"].isin(early)]}
    print(f"{len(table)} articles, {table['event'].nunique()} events, "
          f"{table['outlet'].nunique()} outlets\n")
    print(f"{'threshold':>9}  " + "  ".join(f"{name:>30}" for name in halves))
    for threshold in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        cells = []
        for part in halves.values():
            got = cluster_stories(part, threshold=threshold, progress=False)
            p, r, f = pairwise_scores(part["event"].to_numpy(), got["story_id"].to_numpy())
            cells.append(f"P {p:.3f} R {r:.3f} F1 {f:.3f}")
        mark = "  <- default" if threshold == THRESHOLD else ""
        print(f"{threshold:>9}  " + "  ".join(f"{c:>30}" for c in cells) + mark)
    start = time.perf_counter()
    got = cluster_stories(table, progress=False)
    seconds = time.perf_counter() - start
    p, r, f = pairwise_scores(table["event"].to_numpy(), got["story_id"].to_numpy())
    print(f"\nall events, default threshold {THRESHOLD}, window 3 days: "
          f"precision {p:.3f}, recall {r:.3f}, F1 {f:.3f} ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
