"""Page-text cleaning benchmark: how much of each page's article ``clean_page_text`` finds.

Run: ``nice .venv/bin/python bench/clean.py`` (reads ``../shared/corpora``; says so and
stops when it is not there; 10 to 20 minutes on a busy 2-core machine, much of it the four
model fits). Prints, per benchmark held out, token and 4-gram-shingle precision, recall and
F1 (the Zyte article-extraction benchmark's measure: per page, then averaged;
:mod:`corpus_tools.ingest.pagetext.evaluate`), the pages that came out empty, and pages per
second, for:

* ``clean_page_text``: the line model. On each of the four page-text benchmarks it is a
  model trained on the other three (leave one benchmark out: the figure is for sites and a
  benchmark it never saw); on the newspaper pages, the shipped model (trained on all four;
  the newspaper pages are never used in training);
* ``rules``: the rule-based cleaner it replaced (``clean_page_text(text, method="rules")``);
* ``keep everything``: the whole page text;
* ``trafilatura (HTML)``: trafilatura reading the page's HTML, where the HTML is there
  (the newspaper pages, rendered to text here as the page-text corpus was: headless
  Chromium, scripts off, ``document.body.innerText``; see ``bench/render_pages.py``).

Newspaper's expected texts include notes instead of a text for pages its extractor failed
on ("ONLY EXTRACTED AUTHOR BLURB ..."): pages whose expected text is such a note (mostly
capitals) are left out, and counted.

The machine is shared, so speed is given twice: pages per second of wall time and of this
process's CPU time, and as a ratio to a reference timed in the same run (trafilatura on the
newspaper pages; the rules cleaner elsewhere). ``--quick`` skips the model fits and scores
the shipped model everywhere (in-sample on the four benchmarks: not a held-out figure).
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

from corpus_tools.ingest.pagetext import clean_page_text, parse_page  # noqa: E402
from corpus_tools.ingest.pagetext.article import LOW_CONFIDENCE  # noqa: E402
from corpus_tools.ingest.pagetext.corpora import BENCHMARKS, Page, read_benchmark  # noqa: E402
from corpus_tools.ingest.pagetext.evaluate import match_counts, page_scores, summarise  # noqa: E402
from corpus_tools.ingest.pagetext.model import default_model  # noqa: E402
from corpus_tools.ingest.pagetext.train import fit, prepare  # noqa: E402

MODEL = "clean_page_text (line model)"
RULES = "rules (previous cleaner)"
KEEP = "keep everything"
TRAFILATURA = "trafilatura (HTML)"


def is_note(text: str) -> bool:
    """True for an expected text that is a note about a failure, written in capitals."""
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) < 40 and bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def newspaper_pages() -> tuple[list[Page], dict[str, str], int]:
    """The newspaper pages with an expected text, rendered to text; their HTML by id; and
    how many were left out because their expected text is a note."""
    if not RENDERED.exists():
        sys.path.insert(0, str(ROOT / "bench"))
        from render_pages import render_folder

        print(f"rendering {NEWSPAPER / 'html'} with headless Chromium (once) ...", flush=True)
        render_folder(NEWSPAPER / "html", RENDERED)
    with gzip.open(RENDERED, "rt", encoding="utf-8") as rows:
        texts = {row["id"]: row["text"] for row in map(json.loads, rows)}
    pages, html, notes = [], {}, 0
    for page_id, text in sorted(texts.items()):
        expected = NEWSPAPER / "text" / f"{page_id}.txt"
        if not expected.exists():
            continue
        gold = expected.read_text(encoding="utf-8", errors="replace")
        if not gold.strip():
            continue
        if is_note(gold):
            notes += 1
            continue
        pages.append(Page(page_id, "newspaper", page_id.rstrip("0123456789"), text, gold))
        html[page_id] = (NEWSPAPER / "html" / f"{page_id}.html").read_text(encoding="utf-8", errors="replace")
    return pages, html, notes


def score(name: str, pages: list[Page], extract) -> dict:
    """Run ``extract`` on every page; token and shingle scores, empty pages, speed."""
    outputs = []
    if pages:  # once before timing: word lists and the model are read on first use
        extract(pages[0])
    wall, cpu = time.perf_counter(), time.process_time()
    for page in pages:
        outputs.append(extract(page))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    shingle_counts = [match_counts(o, p.gold, n=4) for o, p in zip(outputs, pages)]
    return {
        "name": name,
        "tokens": summarise(match_counts(o, p.gold, n=1) for o, p in zip(outputs, pages)),
        "shingles": summarise(shingle_counts),
        "empty": sum(not o.strip() for o in outputs),
        "f1_by_page": [_f1(c) for c in shingle_counts],
        "shingle_counts": shingle_counts,
        "wall": len(pages) / wall if wall else float("inf"),
        "cpu": len(pages) / cpu if cpu else float("inf"),
    }


def _f1(counts) -> float:
    precision, recall = page_scores(counts)
    precision, recall = precision or 0.0, recall or 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def print_table(title: str, rows: list[dict], reference: str) -> None:
    ref = next((r for r in rows if r["name"] == reference), None)
    print(f"\n{title}")
    print(f"{'extractor':<32}{'tok P':>7}{'tok R':>7}{'tok F1':>8}{'sh P':>7}{'sh R':>7}{'sh F1':>7}"
          f"{'empty':>7}{'pages/s':>10}{'CPU pages/s':>13}  CPU speed / {reference}")
    for r in rows:
        t, s = r["tokens"], r["shingles"]
        ratio = f"{r['cpu'] / ref['cpu']:.2f}" if ref and r["name"] != KEEP else "-"
        wall = f"{r['wall']:,.0f}" if r["name"] != KEEP else "-"
        cpu = f"{r['cpu']:,.0f}" if r["name"] != KEEP else "-"
        print(f"{r['name']:<32}{t['precision']:>7.3f}{t['recall']:>7.3f}{t['f1']:>8.3f}"
              f"{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{r['empty']:>7d}"
              f"{wall:>10}{cpu:>13}  {ratio}")


def confidence_report(name: str, pages: list[Page], model, f1_by_page: list[float]) -> None:
    """How the row's clean_confidence separates good pages from bad ones."""
    confidences = []
    for page in pages:
        rows = parse_page(page.text, model=model)
        main = rows[rows["kind"] == "article"] if len(rows) else rows
        confidences.append(float(main["clean_confidence"].iloc[0]) if len(main) else float("nan"))
    low = [f for c, f in zip(confidences, f1_by_page) if c < LOW_CONFIDENCE]
    high = [f for c, f in zip(confidences, f1_by_page) if c >= LOW_CONFIDENCE]
    bad = [c < LOW_CONFIDENCE for c, f in zip(confidences, f1_by_page) if f < 0.5]
    mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")  # noqa: E731
    print(f"  clean_confidence < {LOW_CONFIDENCE} on {len(low)} of {len(pages)} pages "
          f"(mean page F1 {mean(low):.3f}, against {mean(high):.3f} for the others); "
          f"it flags {sum(bad)} of the {len(bad)} pages with F1 < 0.5")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="score only the first N pages of each benchmark")
    parser.add_argument("--only", nargs="*", choices=[*BENCHMARKS, "newspaper"],
                        help="benchmarks to score (default: the four, then the newspaper pages)")
    parser.add_argument("--quick", action="store_true",
                        help="no model fits: the shipped model everywhere (in-sample on the four)")
    args = parser.parse_args()
    if not (SHARED / "page-text").exists():
        print(f"skipped: {SHARED / 'page-text'} not found (the development corpora live in ../shared)")
        return
    start = time.perf_counter()
    wanted = args.only or [*BENCHMARKS, "newspaper"]
    prepared = []
    if not args.quick and any(b in BENCHMARKS for b in wanted):
        prepared = prepare([p for b in BENCHMARKS for p in read_benchmark(b, SHARED / "page-text")])
        print(f"[prepared {len(prepared)} training texts in {time.perf_counter() - start:.0f} s]", flush=True)
    summary = []
    for name in wanted:
        if name == "newspaper":
            pages, html, notes = newspaper_pages()
            model, how = default_model(), "the shipped model (trained on all four benchmarks)"
            title = (f"newspaper pages: {len(pages)} pages ({notes} left out: their expected text "
                     f"is a note, not a text); {how}")
        else:
            pages, html = read_benchmark(name, SHARED / "page-text"), {}
            if args.quick:
                model, how = default_model(), "the shipped model, IN-SAMPLE"
            else:
                fit_start = time.perf_counter()
                model = fit([p for p in prepared if p.page.benchmark != name])
                how = (f"held out: a model trained on the other three benchmarks "
                       f"(fit in {time.perf_counter() - fit_start:.0f} s)")
            title = f"{name}: {len(pages)} pages; {how}"
        pages = pages[: args.limit] if args.limit else pages
        rows = [
            score(MODEL, pages, lambda p: clean_page_text(p.text, model=model)),
            score(RULES, pages, lambda p: clean_page_text(p.text, method="rules")),
            score(KEEP, pages, lambda p: p.text),
        ]
        if html:
            import trafilatura

            rows.append(score(TRAFILATURA, pages, lambda p: trafilatura.extract(html[p.id]) or ""))
        print_table(title, rows, TRAFILATURA if html else RULES)
        if name in BENCHMARKS and not args.quick:
            trained_sites = {p.page.site for p in prepared if p.page.benchmark != name}
            unseen = [i for i, p in enumerate(pages) if p.site not in trained_sites]
            sub = summarise(rows[0]["shingle_counts"][i] for i in unseen)
            print(f"  out-of-site: on the {len(unseen)} pages whose site is in no training benchmark, "
                  f"shingle P/R/F1 {sub['precision']:.3f}/{sub['recall']:.3f}/{sub['f1']:.3f}")
        confidence_report(name, pages, model, rows[0]["f1_by_page"])
        summary.append((name, rows[0], rows[1], rows[-1] if html else None))
    print("\nshingle F1 of clean_page_text per benchmark (held out), next to the rules and trafilatura:")
    for name, mine, rules, peer in summary:
        peer_text = f", trafilatura on the HTML {peer['shingles']['f1']:.3f}" if peer else ""
        print(f"  {name:<12} {mine['shingles']['f1']:.3f} (rules {rules['shingles']['f1']:.3f}{peer_text}); "
              f"{mine['empty']} empty pages; {mine['cpu']:,.0f} pages per CPU second, {mine['wall']:,.0f} per wall second")
    print(f"\n[bench/clean.py took {time.perf_counter() - start:.0f} s]")


if __name__ == "__main__":
    main()
