"""Page-text cleaning benchmark: how much of each page's article ``clean_page_text`` finds.

Run: ``nice .venv/bin/python bench/clean.py`` (reads ``../shared/corpora``; says so and
stops when it is not there). Prints, per benchmark held out, token and 4-gram-shingle
precision, recall and F1 (the Zyte article-extraction benchmark's measure: per page, then
averaged; :mod:`corpus_tools.ingest.pagetext.evaluate`), the pages that came out empty,
and pages per second, for:

* ``clean_page_text``: the line model. On each of the four page-text benchmarks it is a
  model trained on the other three (leave one benchmark out, so the figure is for sites
  and a benchmark it never saw); on the newspaper pages, the shipped model (trained on all
  four; the newspaper pages are never used for training);
* ``rules``: the rule-based cleaner it replaced (``clean_page_text(text, method="rules")``);
* ``keep everything``: the whole page text;
* ``trafilatura (HTML)``: trafilatura reading the page's HTML, where the HTML is there
  (the newspaper pages, rendered to text here as the page-text corpus was: headless
  Chromium, scripts off, ``document.body.innerText``; see ``bench/render_pages.py``).

The machine is shared: pages per second move with its load, so each row also gives its
speed as a ratio to trafilatura's in the same run (newspaper pages) or to the rules
cleaner's (page-text benchmarks).
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "corpora"
NEWSPAPER = SHARED / "newspaper-pages"
RENDERED = ROOT / "data" / "processed" / "bench" / "newspaper_pagetext.jsonl.gz"

from corpus_tools.ingest.pagetext import clean_page_text  # noqa: E402
from corpus_tools.ingest.pagetext.corpora import BENCHMARKS, Page, read_benchmark  # noqa: E402
from corpus_tools.ingest.pagetext.evaluate import match_counts, summarise  # noqa: E402


def newspaper_pages() -> tuple[list[Page], dict[str, str]]:
    """The newspaper pages with an expected text, rendered to text, and their HTML by id."""
    if not RENDERED.exists():
        from render_pages import render_folder

        print(f"rendering {NEWSPAPER / 'html'} with headless Chromium (once) ...", flush=True)
        render_folder(NEWSPAPER / "html", RENDERED)
    with gzip.open(RENDERED, "rt", encoding="utf-8") as rows:
        texts = {row["id"]: row["text"] for row in map(json.loads, rows)}
    pages, html = [], {}
    for page_id, text in sorted(texts.items()):
        expected = NEWSPAPER / "text" / f"{page_id}.txt"
        if not expected.exists():
            continue
        gold = expected.read_text(encoding="utf-8", errors="replace")
        if not gold.strip():
            continue
        pages.append(Page(page_id, "newspaper", page_id.rstrip("0123456789"), text, gold))
        html[page_id] = (NEWSPAPER / "html" / f"{page_id}.html").read_text(encoding="utf-8", errors="replace")
    return pages, html


def score(name: str, pages: list[Page], extract) -> dict:
    """Run ``extract`` on every page; token and shingle scores and pages per second."""
    outputs = []
    start = time.perf_counter()
    for page in pages:
        outputs.append(extract(page))
    seconds = time.perf_counter() - start
    tokens = summarise(match_counts(o, p.gold, n=1) for o, p in zip(outputs, pages))
    shingle = summarise(match_counts(o, p.gold, n=4) for o, p in zip(outputs, pages))
    return {"name": name, "tokens": tokens, "shingles": shingle, "empty": shingle["empty"],
            "pages_per_s": len(pages) / seconds if seconds else float("inf")}


def print_table(benchmark: str, rows: list[dict], reference: str) -> None:
    ref = next((r["pages_per_s"] for r in rows if r["name"] == reference), None)
    print(f"\n{benchmark}: {rows[0]['tokens']['pages']} pages")
    print(f"{'extractor':<34}{'tok P':>7}{'tok R':>7}{'tok F1':>8}{'sh P':>7}{'sh R':>7}"
          f"{'sh F1':>7}{'empty':>7}{'pages/s':>11}  speed vs {reference}")
    for r in rows:
        t, s = r["tokens"], r["shingles"]
        ratio = f"{r['pages_per_s'] / ref:.2f}" if ref else "-"
        print(f"{r['name']:<34}{t['precision']:>7.3f}{t['recall']:>7.3f}{t['f1']:>8.3f}"
              f"{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{r['empty']:>7d}"
              f"{r['pages_per_s']:>11,.1f}  {ratio:>5}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="score only the first N pages of each benchmark")
    parser.add_argument("--only", nargs="*", help="benchmarks to score (default: all, and newspaper)")
    args = parser.parse_args()
    if not (SHARED / "page-text").exists():
        print(f"skipped: {SHARED / 'page-text'} not found (the development corpora live in ../shared)")
        return
    wanted = args.only or [*BENCHMARKS, "newspaper"]
    for name in wanted:
        if name == "newspaper":
            pages, html = newspaper_pages()
        else:
            pages, html = read_benchmark(name), {}
        pages = pages[: args.limit] if args.limit else pages
        rows = [
            score("rules (previous cleaner)", pages, lambda p: clean_page_text(p.text)),
            score("keep everything", pages, lambda p: p.text),
        ]
        if html:
            import trafilatura

            rows.append(score("trafilatura (HTML)", pages,
                              lambda p: trafilatura.extract(html[p.id]) or ""))
        print_table(name, rows, "trafilatura (HTML)" if html else "rules (previous cleaner)")


if __name__ == "__main__":
    main()
