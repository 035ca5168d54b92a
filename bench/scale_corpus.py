"""A corpus of any size resampled from allsides, for bench/scale.py.

Why not one million copies of the 37,554 allsides articles: a copy of an article is a
near-duplicate of it, so the duplicate stage would report 13 million pairs (every
article 27 times over), the vocabulary would not grow, and phrase counts would be
multiplied without any new evidence: no real corpus looks like that. Instead:

* **Pass 0** is allsides itself, unchanged (the first 37,554 rows).
* **Pass c >= 1** takes every allsides article again, in a shuffled order, and rewrites
  it with a vocabulary map of its own. Words are the space-separated tokens; the
  ``KEEP_TOP`` most frequent (the, of, to, said...) stay; every other token type is
  replaced, with probability ``REPLACE_SHARE`` (a hash of token and pass, so the same in
  every article of the pass), by the token ``RANK_SHIFT * c`` ranks further down the
  frequency list of tokens of the same shape (lower-case words, capitalised words,
  tokens with digits or punctuation). Frequencies, text lengths and the co-occurrence
  structure stay those of news; two passes of one article share under 5% of their word
  5-grams, far below any duplicate threshold, so they are different articles as far as
  every stage is concerned, and the vocabulary grows with each pass as a real corpus's
  does (a rare word in one pass is a different rare word in the next). URL, title and
  date change with it (the URL gains ``#pass-c``, the date moves ``c`` days).
* **Planted copies**: ``PLANTED_SHARE`` of the rows of passes >= 1 are not rewritten
  articles but light copies of the row before them in the same shard, with their last
  paragraph (or sentence) dropped: wire copies that the duplicate stage must find. Their
  URLs are written to ``planted.csv`` (copy, original) to measure recall.

The corpus is written as gzipped JSON-lines shards of ``SHARD_ROWS`` rows with the
allsides columns, the way a scraper's export arrives, in ``shards/``, beside
``manifest.json`` and ``planted.csv``; a folder that already holds the same corpus is
reused.
"""
from __future__ import annotations

import gzip
import json
import zlib
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

ALLSIDES = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "allsides" / "allsides_articles.jsonl.gz"
COLUMNS = ["topic", "source", "url", "title", "date", "authors", "content_original"]
SHARD_ROWS = 10_000
REPLACE_SHARE = 0.7
RANK_SHIFT = 7
KEEP_TOP = 100
PLANTED_SHARE = 0.02
_VERSION = 2


def load_allsides(path: Path = ALLSIDES) -> pd.DataFrame:
    """The allsides articles with text, in file order."""
    table = pd.read_json(path, lines=True, dtype=False)
    table = table[table["content_original"].fillna("").str.strip() != ""]
    return table[COLUMNS].fillna("").astype(str).reset_index(drop=True)


def _shape(token: str) -> int:
    if token.isalpha():
        return 0 if token.islower() else 1 if token.istitle() else 2
    return 2


def _vocabulary(texts: pd.Series) -> list[list[str]]:
    """Token types by decreasing frequency, one list per shape, the most frequent
    ``KEEP_TOP`` tokens left out (they are never replaced)."""
    counts = Counter()
    for text in texts:
        counts.update(text.split(" "))
    ranked = [w for w, _ in counts.most_common()][KEEP_TOP:]
    shapes: list[list[str]] = [[], [], []]
    for token in ranked:
        shapes[_shape(token)].append(token)
    return shapes


def _pass_map(shapes: list[list[str]], pass_no: int) -> dict[str, str]:
    """The vocabulary map of one pass: about REPLACE_SHARE of the types move
    RANK_SHIFT * pass ranks down their shape's frequency list (cyclically), chosen by a
    hash of token and pass."""
    cut = int(REPLACE_SHARE * 2**32)
    out = {}
    for words in shapes:
        n = len(words)
        for rank, word in enumerate(words):
            if zlib.crc32(f"{pass_no}:{word}".encode()) < cut:
                out[word] = words[(rank + RANK_SHIFT * pass_no) % n]
    return out


def _rewrite(text: str, mapping: dict[str, str]) -> str:
    # Split on spaces only: one dict look-up per token keeps generation fast.
    return " ".join(mapping.get(token, token) for token in text.split(" "))


def _light_copy(text: str) -> str:
    """A wire copy cut by an editor: the last paragraph (or sentence) dropped."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if len(paragraphs) > 2:
        return "\n".join(paragraphs[:-1])
    sentences = text.split(". ")
    return ". ".join(sentences[:-1]) if len(sentences) > 2 else text


def build(n_articles: int, folder: Path, source: Path = ALLSIDES, progress: bool = True) -> Path:
    """Write an ``n_articles`` corpus to ``folder`` (reused when already there).

    Returns the folder; the shards to ingest are in its ``shards/`` subfolder."""
    folder = Path(folder)
    shards = folder / "shards"
    manifest = {"n_articles": n_articles, "version": _VERSION, "source": str(source),
                "replace_share": REPLACE_SHARE, "rank_shift": RANK_SHIFT,
                "planted_share": PLANTED_SHARE, "shard_rows": SHARD_ROWS}
    target = folder / "manifest.json"
    if target.exists() and json.loads(target.read_text()) == manifest:
        return folder
    shards.mkdir(parents=True, exist_ok=True)
    for old in shards.glob("*.jsonl.gz"):
        old.unlink()
    base = load_allsides(source)
    shapes = _vocabulary(pd.concat([base["content_original"], base["title"]]))
    records = base.to_dict("records")
    rng = np.random.default_rng(0)
    planted = []
    maps: dict[int, dict[str, str]] = {}
    order = np.arange(len(base))
    from tqdm.auto import tqdm

    with tqdm(total=n_articles, desc="Building corpus", unit="article", disable=not progress) as bar:
        for shard, start in enumerate(range(0, n_articles, SHARD_ROWS)):
            rows = []
            for i in range(start, min(start + SHARD_ROWS, n_articles)):
                pass_no, j = divmod(i, len(base))
                if j == 0 and pass_no:
                    order = rng.permutation(len(base))
                    maps = {pass_no: _pass_map(shapes, pass_no)}
                row = dict(records[order[j] if pass_no else j])
                if pass_no:
                    if rows and rng.random() < PLANTED_SHARE:
                        original = rows[-1]
                        row = dict(original, url=f"{original['url']}#copy-{i}",
                                   content_original=_light_copy(original["content_original"]))
                        planted.append((row["url"], original["url"]))
                    else:
                        mapping = maps[pass_no]
                        row["content_original"] = _rewrite(row["content_original"], mapping)
                        row["title"] = _rewrite(row["title"], mapping)
                        row["url"] = f"{row['url']}#pass-{pass_no}"
                        date = pd.to_datetime(row["date"], errors="coerce")
                        if not pd.isna(date):
                            row["date"] = (date + pd.Timedelta(days=pass_no)).date().isoformat()
                rows.append(row)
            with gzip.open(shards / f"shard-{shard:05d}.jsonl.gz", "wt", compresslevel=1) as f:
                for row in rows:
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")
            bar.update(len(rows))
    pd.DataFrame(planted, columns=["copy", "original"]).to_csv(folder / "planted.csv", index=False)
    target.write_text(json.dumps(manifest))
    return folder
