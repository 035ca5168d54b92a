"""Ingest benchmark: load throughput and memory, and page-text cleaning quality.

Run: ``.venv/bin/python bench/ingest.py`` (or ``make bench``). Reads ``../shared/corpora``
when it is there and says so when it is not; prints figures, asserts nothing.

1. Throughput: ``load_corpus`` on the allsides export (37,554 articles, JSON lines in
   gzip) cold (no cache) and warm (parse cache filled), next to the peer a user would
   otherwise write, ``pandas.read_json(lines=True)``, in the same run. Each measurement
   runs in a fresh process so that its peak memory (max RSS) is its own.
2. Quality: ``clean_page_text`` on the newspaper pages rendered to text (what copying a
   rendered page gives: every visible text block on its own line, menus and footers
   included) against the expected article text, next to trafilatura on the same pages'
   HTML. Token precision, recall and F1 (``corpus_tools.ingest.quality.token_f1``).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
ALLSIDES = SHARED / "allsides" / "allsides_articles.jsonl.gz"
PAGES = SHARED / "newspaper-pages"

_MEASURE = r"""
import json, resource, sys, tempfile, time
kind, path = sys.argv[1], sys.argv[2]
start = time.perf_counter()
if kind == "pandas":
    import pandas as pd
    rows = len(pd.read_json(path, lines=True, compression="gzip"))
else:
    from corpus_tools import load_corpus
    cache = sys.argv[3] if kind == "warm" else False
    rows = len(load_corpus(path, progress=False, cache_dir=cache, log_path=False))
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
print(json.dumps({"rows": rows, "seconds": seconds, "peak_mib": peak}))
"""


def _run(kind: str, path: Path, cache: Path | None = None) -> dict:
    args = [sys.executable, "-c", _MEASURE, kind, str(path)] + ([str(cache)] if cache else [])
    out = subprocess.run(args, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def throughput() -> None:
    if not ALLSIDES.exists():
        print(f"[throughput] skipped: {ALLSIDES} not found")
        return
    import gzip
    import tempfile

    megabytes = len(gzip.decompress(ALLSIDES.read_bytes())) / 1e6
    print(f"[throughput] allsides: {megabytes:.0f} MB of JSON lines (uncompressed)")
    print(f"{'reader':<34}{'seconds':>9}{'MB/s':>8}{'articles/s':>12}{'peak MiB':>10}")
    with tempfile.TemporaryDirectory() as cache:
        results = {
            "pandas.read_json (peer, no cleaning)": _run("pandas", ALLSIDES),
            "load_corpus, cold (no cache)": _run("cold", ALLSIDES),
            "load_corpus, filling cache": _run("warm", ALLSIDES, Path(cache)),
            "load_corpus, warm cache": _run("warm", ALLSIDES, Path(cache)),
        }
    for name, r in results.items():
        print(f"{name:<34}{r['seconds']:>9.1f}{megabytes / r['seconds']:>8.1f}"
              f"{r['rows'] / r['seconds']:>12,.0f}{r['peak_mib']:>10,.0f}")
    peer = results["pandas.read_json (peer, no cleaning)"]["seconds"]
    for name in ("load_corpus, cold (no cache)", "load_corpus, warm cache"):
        print(f"  {name}: {results[name]['seconds'] / peer:.1f}x the time of pandas.read_json")


def render_text(html_text: str) -> str:
    """Visible text of a page, one block per line: a stand-in for copying a rendered page."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html_text)
    except Exception:  # noqa: BLE001 - an empty or broken page renders as nothing
        return ""
    for bad in tree.xpath("//script|//style|//noscript|//template|//svg|//head|//iframe"):
        bad.drop_tree()
    blocks = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section",
              "article", "header", "footer", "nav", "aside", "ul", "ol", "table", "blockquote",
              "figcaption", "dd", "dt", "form", "main", "figure", "pre"}
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag.lower() in blocks:
            element.tail = "\n" + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n" + (element.text or "")
    lines = (" ".join(line.split()) for line in tree.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def quality(limit: int | None = None) -> None:
    if not PAGES.exists():
        print(f"[quality] skipped: {PAGES} not found")
        return
    import trafilatura

    from corpus_tools import clean_page_text
    from corpus_tools.ingest.quality import token_f1

    pairs = [(h, PAGES / "text" / f"{h.stem}.txt") for h in sorted((PAGES / "html").glob("*.html"))]
    pairs = [(h, t) for h, t in pairs if t.exists() and t.read_text(errors="replace").strip()]
    pairs = pairs[:limit] if limit else pairs
    scores = {"clean_page_text (rendered text)": [], "trafilatura.extract (HTML)": [],
              "all rendered text (baseline)": []}
    times = {name: 0.0 for name in scores}
    for html_path, text_path in pairs:
        html_text = html_path.read_text(encoding="utf-8", errors="replace")
        expected = text_path.read_text(encoding="utf-8", errors="replace")
        rendered = render_text(html_text)
        for name, run in (
            ("clean_page_text (rendered text)", lambda: clean_page_text(rendered)),
            ("trafilatura.extract (HTML)", lambda: trafilatura.extract(html_text) or ""),
            ("all rendered text (baseline)", lambda: rendered),
        ):
            start = time.perf_counter()
            predicted = run()
            times[name] += time.perf_counter() - start
            scores[name].append(token_f1(predicted, expected))
    print(f"[quality] {len(pairs)} newspaper pages with expected text (token P/R/F1, mean over pages)")
    print(f"{'extractor':<34}{'precision':>10}{'recall':>8}{'F1':>7}{'ms/page':>9}")
    for name, rows in scores.items():
        p, r, f = (sum(x[i] for x in rows) / len(rows) for i in range(3))
        print(f"{name:<34}{p:>10.3f}{r:>8.3f}{f:>7.3f}{1000 * times[name] / len(rows):>9.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["throughput", "quality"], help="run one part")
    parser.add_argument("--pages", type=int, help="use only the first N pages")
    args = parser.parse_args()
    if args.only in (None, "throughput"):
        throughput()
    if args.only in (None, "quality"):
        quality(args.pages)


if __name__ == "__main__":
    main()
