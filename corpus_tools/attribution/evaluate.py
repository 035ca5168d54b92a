"""Score attributions against a hand-annotated gold, as ``bench/sources.py`` does.

Two figures, after the evaluation of the issue that asked for ``attributions``:

* **named speakers, per article**: the set of named speakers an article quotes,
  matched by surname or the last word of an organisation's name ("Lavrov" matches
  "Sergei Lavrov"), pooled over articles into precision, recall and F1;
* **cue recall**: the share of gold attributions that have a cue whose span overlaps
  the cue of a found attribution.

Gold spans are found again in the body by their text near their stored offset, so
that a small change in how a body is cleaned does not break the gold.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

import pandas as pd

from .names import surname

__all__ = ["load_gold", "speaker_keys", "score_speakers", "cue_recall", "anchor"]


def load_gold(path, corpus: pd.DataFrame | None = None, split: str | None = None) -> list[dict]:
    """The gold articles of ``gold.jsonl`` (one article per line), optionally one split.

    With ``corpus``, each article gets the ``body`` of its row (matched on source file,
    index and title) and its spans are anchored in it (``anchor``).
    """
    records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()
               if line.strip()]
    if split is not None:
        records = [r for r in records if r["split"] == split]
    if corpus is not None:
        for record in records:
            rows = corpus[corpus["source_file"].astype(str).str.endswith(record["source_file"])
                          & (corpus["source_index"] == record["source_index"])
                          & (corpus["title"] == record["title"])]
            if len(rows) != 1:
                raise ValueError(f"The gold article {record['title']!r} ({record['source_file']}, "
                                 f"{record['source_index']}) is not in the table once ({len(rows)} rows).")
            record["body"] = rows["body"].iloc[0]
            record["doc_id"] = rows["doc_id"].iloc[0]
            record["attributions"] = [anchor(record["body"], a) for a in record["attributions"]]
    return records


def _near(body: str, needle: str, stored: int) -> int:
    if not needle:
        return -1
    if body[stored:stored + len(needle)] == needle:
        return stored
    hits, start = [], body.find(needle)
    while start >= 0:
        hits.append(start)
        start = body.find(needle, start + 1)
    if not hits:
        raise ValueError(f"Gold span {needle[:60]!r} is no longer in its article's body; "
                         "rebuild tests/fixtures/attributions/gold.jsonl (build_gold.py).")
    return min(hits, key=lambda p: abs(p - stored))


def anchor(body: str, attribution: dict) -> dict:
    """The attribution with its offsets found again in ``body``."""
    out = dict(attribution)
    for part, text in (("speaker", attribution["speaker_text"]), ("cue", attribution["cue"]),
                       ("quote", attribution["quote"])):
        start = _near(body, text, attribution[f"{part}_start"])
        out[f"{part}_start"], out[f"{part}_end"] = start, (start + len(text) if start >= 0 else -1)
    return out


def speaker_keys(names: Iterable[str]) -> set[str]:
    """Match keys of named speakers: surname or last word of the name, lower case."""
    return {surname(n) for n in names if isinstance(n, str) and n.strip()}


def score_speakers(gold: list[dict], predicted: dict[str, Iterable[str]]) -> dict:
    """Pooled precision, recall and F1 of named speakers per article.

    ``predicted`` maps a gold article's ``doc_id`` to the speaker names found in it.
    """
    tp = fp = fn = 0
    for record in gold:
        truth = speaker_keys(a["speaker"] for a in record["attributions"])
        found = speaker_keys(predicted.get(record["doc_id"], ()))
        tp += len(truth & found)
        fp += len(found - truth)
        fn += len(truth - found)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def cue_recall(gold: list[dict], predicted: pd.DataFrame) -> dict:
    """Share of gold attributions with a cue whose cue span a found attribution overlaps."""
    found = predicted.groupby("doc_id")[["cue_start", "cue_end"]].apply(
        lambda t: list(zip(t["cue_start"], t["cue_end"]))).to_dict() if len(predicted) else {}
    hit = total = 0
    for record in gold:
        spans = found.get(record["doc_id"], [])
        for a in record["attributions"]:
            if a["cue_start"] < 0:
                continue
            total += 1
            hit += any(s < a["cue_end"] and a["cue_start"] < e for s, e in spans)
    return {"recall": hit / total if total else 0.0, "found": hit, "total": total}
