"""Train the line model on pages with a gold main text, and write it as a package file.

Run ``python -m corpus_tools.ingest.pagetext.train --corpus FOLDER`` to retrain the
shipped model from the page-text development corpus (about 2,900 pages; several minutes
on one core). The
same data and parameters give the same file, byte for byte: the trees are grown on one
thread with a fixed seed, and the file is written without timestamps.

``--exclude BENCHMARK`` leaves a benchmark out (to score the model on it, as
``bench/clean.py`` does); ``--out`` writes elsewhere than the package.

What the model learns from: each line of a page is labelled by the share of its words
that lie in 4-word runs of the gold text (:func:`.corpora.line_labels`); a line is
article text when that share is at least one half. Lines are weighted by the log of
their length, since a long line weighs more in what a reader gets, and every benchmark
weighs the same in all (:func:`balanced_weights`). One page in four is also used as a
copy without blank lines (:func:`training_texts`). CleanEval's gold is
broader than an article ("keep all running text": comment threads and link lists too),
so its positive lines outside the page's main gold run are left out of training
(weight 0) rather than taught as article text; its other lines count as usual.
"""
from __future__ import annotations

import argparse
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..normalise import normalise_text
from ..outlets import known_outlet_names
from .corpora import BENCHMARKS, GOLD_SHARE, Page, line_labels, read_benchmark
from .features import FEATURE_NAMES, PageLines, line_features, page_lines, word_counts
from .model import MODEL_PATH, LineModel
from .segment import classify_lines
from .sequence import RunParameters

#: Parameters of the gradient boosting (scikit-learn's HistGradientBoostingClassifier).
BOOSTING = {"max_iter": 150, "learning_rate": 0.1, "max_leaf_nodes": 31, "max_depth": 8,
            "min_samples_leaf": 40, "l2_regularization": 1.0}
#: Costs of the sequence step (the defaults of RunParameters): chosen on the
#: leave-one-benchmark-out predictions, where the F1 changes by less than 0.005 over
#: weight_power 0.5-1, gap_open 0.5-5 and gap_line 0.1-1.5.
RUN = RunParameters()
SEED = 0


@dataclass
class PreparedPage:
    """A page's lines, feature matrix, labels and training weights."""

    page: Page
    lines: PageLines
    features: np.ndarray
    labels: np.ndarray  # share of each line's words in the gold
    weights: np.ndarray


def page_matrix(text: str, known_outlets: frozenset[str] | None = None) -> tuple[PageLines, np.ndarray]:
    """The non-blank lines of a page text and their features, as the cleaner computes them."""
    if known_outlets is None:
        known_outlets = known_outlet_names()
    text = normalise_text(text)
    raw = text.split("\n")
    kinds = [line.kind for line in classify_lines(text, known_outlets)]
    lines = page_lines(raw, kinds)
    return lines, line_features(lines)


def _main_run(positive: np.ndarray, words: np.ndarray, max_gap: int = 3) -> tuple[int, int]:
    """(first, last) line of the run of gold lines (gaps up to ``max_gap``) with most words."""
    best, best_words, start, last, total = (0, -1), 0.0, -1, -1, 0.0
    for i in np.flatnonzero(positive):
        if start >= 0 and i - last - 1 <= max_gap:
            last, total = i, total + words[i]
        else:
            start, last, total = i, i, words[i]
        if total > best_words:
            best, best_words = (start, last), total
    return best


def without_blank_lines(text: str) -> str:
    """The page as a copy that does not separate paragraphs by blank lines gives it."""
    return "\n".join(line for line in text.split("\n") if line.strip())


def training_texts(page: Page) -> list[str]:
    """The page's text, and for one page in four the same text without blank lines.

    Rendered pages separate paragraphs by blank lines, but other copies (the seeds, text
    pasted from some readers) do not; the copies teach the model not to rely on them.
    """
    texts = [page.text]
    if zlib.crc32(page.id.encode("utf-8")) % 4 == 0:
        texts.append(without_blank_lines(page.text))
    return texts


def prepare(pages: list[Page], known_outlets: frozenset[str] | None = None,
            augment: bool = True) -> list[PreparedPage]:
    """Features, labels and weights of every page (and of its copies, with ``augment``)."""
    prepared = []
    for page in pages:
        for text in training_texts(page) if augment else [page.text]:
            prepared.append(_prepare_text(page, text, known_outlets))
    return prepared


def _prepare_text(page: Page, text: str, known_outlets: frozenset[str] | None) -> PreparedPage:
    lines, features = page_matrix(text, known_outlets)
    labels = np.array(line_labels(lines.text, page.gold))
    words = word_counts(features)
    weights = np.log1p(words) + 0.5
    if page.benchmark == "cleaneval":
        positive = labels >= GOLD_SHARE
        first, last = _main_run(positive, words)
        where = np.arange(len(labels))
        weights = np.where(positive & ((where < first) | (where > last)), 0.0, weights)
    return PreparedPage(page, lines, features.astype(np.float32), labels, weights)


def balanced_weights(prepared: list[PreparedPage]) -> list[np.ndarray]:
    """Each page's line weights, scaled so that every benchmark weighs the same in all.

    The benchmarks disagree on what an article is and differ tenfold in size (Dragnet
    1,379 pages, Readability 115): balanced, the model learns what they share rather than
    the largest one's definition (on the held-out benchmarks and the newspaper pages this
    was better or equal, by up to 0.017 F1).
    """
    totals: dict[str, float] = {}
    for page in prepared:
        totals[page.page.benchmark] = totals.get(page.page.benchmark, 0.0) + float(page.weights.sum())
    mean = sum(totals.values()) / len(totals)
    return [p.weights * (mean / totals[p.page.benchmark] if totals[p.page.benchmark] else 0.0)
            for p in prepared]


def fit(prepared: list[PreparedPage], *, run: RunParameters = RUN, seed: int = SEED,
        boosting: dict | None = None) -> LineModel:
    """Fit the line model on prepared pages.

    Raises
    ------
    ValueError
        When the pages hold no labelled line of each class.
    """
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    features = np.vstack([p.features for p in prepared]) if prepared else np.zeros((0, len(FEATURE_NAMES)))
    labels = np.concatenate([p.labels >= GOLD_SHARE for p in prepared]) if prepared else np.zeros(0, bool)
    weights = np.concatenate(balanced_weights(prepared)) if prepared else np.zeros(0)
    keep = weights > 0
    if labels[keep].all() or not labels[keep].any():
        raise ValueError(
            f"Training needs lines of article text and lines of other text; the {len(prepared)} "
            "pages given have only one kind. Give pages with a gold main text."
        )
    params = {**BOOSTING, **(boosting or {})}
    estimator = HistGradientBoostingClassifier(**params, early_stopping=False, random_state=seed)
    # One thread: the same trees on every machine, and no OpenMP spinning on a busy one.
    with threadpool_limits(limits=1):
        estimator.fit(features[keep], labels[keep], sample_weight=weights[keep])
    import sklearn

    info = {
        "benchmarks": sorted({p.page.benchmark for p in prepared}),
        "pages": len(prepared),
        "lines": int(keep.sum()),
        "boosting": params,
        "seed": seed,
        "scikit-learn": sklearn.__version__,
    }
    return LineModel.from_estimator(estimator, FEATURE_NAMES, run, info)


def read_pages(folder: str | Path, exclude: tuple[str, ...] = ()) -> list[Page]:
    """The pages of every benchmark but ``exclude``."""
    unknown = set(exclude) - set(BENCHMARKS)
    if unknown:
        raise ValueError(f"unknown benchmark(s) {sorted(unknown)}; expected some of {', '.join(BENCHMARKS)}.")
    return [page for name in BENCHMARKS if name not in exclude for page in read_benchmark(name, folder)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m corpus_tools.ingest.pagetext.train",
        description="Train the page-text line model on pages with a gold main text.")
    parser.add_argument("--corpus", type=Path, required=True,
                        help="folder of the page-text corpus (holding "
                             + ", ".join(f"{b}.jsonl.gz" for b in BENCHMARKS) + ")")
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="where to write the model")
    parser.add_argument("--exclude", nargs="*", default=(), choices=BENCHMARKS,
                        help="benchmarks to leave out of training")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    pages = read_pages(args.corpus, tuple(args.exclude))
    prepared = prepare(pages)
    print(f"{len(pages)} pages, {sum(len(p.labels) for p in prepared):,} lines prepared "
          f"in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    model = fit(prepared)
    model.save(args.out)
    print(f"model written to {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, "
          f"{len(model.roots)} trees) in {time.perf_counter() - start:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
