"""Topic models side by side on the same bag of words: speed, memory, quality.

Runs the default ``corpus_tools.fit_topics`` and the models an analyst would pick
instead, on one document-term matrix built once with ``corpus_tools.make_dtm``:

- ``corpus_tools``  ``fit_topics(dtm, k)`` (NMF, pruned float32 TF-IDF)
- ``corpus_tools_batches``  ``fit_topics(dtm, k, batch_size=B)``: MiniBatchNMF
  ``partial_fit`` on batches, as for corpora too large to fit at once
- ``corpus_tools_lda_batches``  ``fit_topics(dtm, k, method="lda", batch_size=B)``:
  online LDA ``partial_fit`` on batches
- ``sklearn_nmf``   scikit-learn ``NMF`` with its defaults on ``TfidfTransformer()``
- ``gensim_lda``    gensim ``LdaMulticore`` with its defaults
- ``tomotopy_lda``  tomotopy ``LDAModel``, ``--tomotopy-iter`` Gibbs iterations
- ``sklearn_lda``   scikit-learn ``LatentDirichletAllocation(learning_method="online")``

Each model is fitted in its own child process, so that peak memory is its own
(``VmHWM``: it includes the Python interpreter and the loaded matrix, the same for
every model). Fit seconds cover the model's own input weighting and fitting, not
vectorising or inferring topics for the report. Quality is measured in the parent
with one implementation for all (``corpus_tools.topics.diagnostics``): mean NPMI of
the top-10 terms from document co-occurrence over the whole corpus, topic diversity
(distinct share of the top-25 terms), and NMI between each article's main topic and
the corpus's own ``topic`` label (allsides only).

Usage::

    nice python bench/topics.py                 # allsides (if present) and default, all models
    nice python bench/topics.py --quick         # only corpus_tools and sklearn NMF
    nice python bench/topics.py --quick --repeat 3   # fastest of 3 fits each
    nice python bench/topics.py --corpus default --models corpus_tools sklearn_nmf
"""
from __future__ import annotations

import argparse
import json
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus_tools.schema import conform  # noqa: E402
from corpus_tools.topics.diagnostics import (  # noqa: E402
    npmi_coherence, top_term_indices, topic_diversity)
from corpus_tools.vectorize import article_texts, make_dtm  # noqa: E402

ALLSIDES = ROOT.parent / "shared" / "corpora" / "allsides" / "allsides_articles.jsonl.gz"
MODELS = ["corpus_tools", "corpus_tools_batches", "corpus_tools_lda_batches", "sklearn_nmf",
          "gensim_lda", "tomotopy_lda", "sklearn_lda"]
QUICK = ["corpus_tools", "corpus_tools_batches", "sklearn_nmf"]


# -- corpora -------------------------------------------------------------------------
def load_allsides() -> pd.DataFrame:
    raw = pd.read_json(ALLSIDES, lines=True)
    published = pd.to_datetime(raw["date"].astype(str), errors="coerce", utc=True)
    table = pd.DataFrame({
        "outlet": raw["source"], "outlet_domain": raw["source_url"], "title": raw["title"],
        "body": raw["content_original"], "url": raw["url"], "topic": raw["topic"],
        "published": published.where(published.dt.year > 1990),
        "source_index": np.arange(len(raw)),
    })
    return conform(table)


def load_default() -> pd.DataFrame:
    from corpus_tools import config, load_corpus

    with tempfile.TemporaryDirectory() as work:
        table = load_corpus(config.RAW_DIR, progress=False, cache_dir=work,
                            log_path=Path(work) / "log.csv")
    return table[table["kind"] == "article"].reset_index(drop=True)


# -- one model per child process -------------------------------------------------------
def _peak_rss_gb() -> float:
    """Peak resident memory of this process (VmHWM; unlike ru_maxrss it is not
    inherited from the parent across fork and exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 2**20
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def fit_in_child(name: str, data: Path, k: int, seed: int, options: dict) -> dict:
    """Fit ``name`` on the saved matrix; return fit seconds, memory, top terms, topics."""
    with open(data / "dtm.pkl", "rb") as fh:
        dtm = pickle.load(fh)
    X = dtm.matrix
    baseline = _peak_rss_gb()
    start = time.perf_counter()
    if name == "corpus_tools":
        from corpus_tools.topics import fit_topics

        model = fit_topics(dtm, k, random_state=seed, progress=False)
        seconds = time.perf_counter() - start
        components = np.zeros((k, X.shape[1]))
        components[:, model.columns] = model.components
        main = model.doc_topics.fillna(-1).to_numpy().argmax(axis=1)
    elif name in ("corpus_tools_batches", "corpus_tools_lda_batches"):
        from corpus_tools.topics import fit_topics

        method = "lda" if "lda" in name else "nmf"
        model = fit_topics(dtm, k, method=method, random_state=seed, progress=False,
                           batch_size=options.get("batch_size", 2000))
        seconds = time.perf_counter() - start
        components = np.zeros((k, X.shape[1]))
        components[:, model.columns] = model.components
        main = model.doc_topics.fillna(-1).to_numpy().argmax(axis=1)
    elif name == "sklearn_nmf":
        from sklearn.decomposition import NMF
        from sklearn.feature_extraction.text import TfidfTransformer

        tfidf = TfidfTransformer().fit_transform(X.astype(np.float64))
        nmf = NMF(n_components=k, random_state=seed)
        weights = nmf.fit_transform(tfidf)
        seconds = time.perf_counter() - start
        components, main = nmf.components_, weights.argmax(axis=1)
    elif name == "sklearn_lda":
        from sklearn.decomposition import LatentDirichletAllocation

        lda = LatentDirichletAllocation(n_components=k, learning_method="online",
                                        random_state=seed)
        weights = lda.fit_transform(X)
        seconds = time.perf_counter() - start
        components, main = lda.components_, weights.argmax(axis=1)
    elif name == "gensim_lda":
        from gensim.matutils import Sparse2Corpus
        from gensim.models import LdaMulticore

        bow = list(Sparse2Corpus(sp.csc_matrix(X.T.astype(np.int64)), documents_columns=True))
        id2word = dict(enumerate(dtm.vocabulary))
        start = time.perf_counter()
        lda = LdaMulticore(bow, num_topics=k, id2word=id2word, random_state=seed)
        seconds = time.perf_counter() - start
        components = lda.get_topics()
        gamma, _ = lda.inference(bow)
        main = np.where(np.diff(X.indptr) > 0, gamma.argmax(axis=1), -1)
    elif name == "tomotopy_lda":
        import tomotopy as tp

        model = tp.LDAModel(k=k, seed=seed)
        vocab = dtm.vocabulary
        rows = []
        for i in range(X.shape[0]):
            lo, hi = X.indptr[i], X.indptr[i + 1]
            words = np.repeat(vocab[X.indices[lo:hi]], X.data[lo:hi].astype(int)).tolist()
            if words:
                model.add_doc(words)
                rows.append(i)
        start = time.perf_counter()
        step = 10
        for _ in range(options["tomotopy_iter"] // step):
            model.train(step, workers=0)
        seconds = time.perf_counter() - start
        column = {w: j for j, w in enumerate(vocab)}
        used = [column[w] for w in model.used_vocabs]
        components = np.zeros((k, X.shape[1]))
        for t in range(k):
            components[t, used] = model.get_topic_word_dist(t)
        main = np.full(X.shape[0], -1)
        main[rows] = [int(np.argmax(d.get_topic_dist())) for d in model.docs]
    else:
        raise ValueError(f"unknown model {name!r}; choose from {MODELS}")
    return {"seconds": seconds, "peak_gb": _peak_rss_gb(), "baseline_gb": baseline,
            "top10": top_term_indices(components, 10).tolist(),
            "top25": top_term_indices(components, 25).tolist(),
            "main": np.asarray(main).tolist()}


# -- the parent ------------------------------------------------------------------------
def run_corpus(label: str, table: pd.DataFrame, models: list[str], k: int, seed: int,
               options: dict) -> pd.DataFrame:
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.metrics import normalized_mutual_info_score

    print(f"\n== {label}: {len(table):,} articles, k={k} ==", flush=True)
    start = time.perf_counter()
    CountVectorizer(stop_words="english").fit_transform(article_texts(table))
    plain = time.perf_counter() - start
    start = time.perf_counter()
    dtm = make_dtm(table, progress=False)
    ours = time.perf_counter() - start
    print(f"vectorise: make_dtm {ours:.1f} s ({dtm.shape[1]:,} terms, "
          f"{len(dtm.vectorizer.phrase_list_):,} phrases learned) vs plain scikit-learn "
          f"CountVectorizer(stop_words='english') {plain:.1f} s", flush=True)
    labels = table.set_index("doc_id").loc[dtm.doc_ids, "topic"].to_numpy() \
        if "topic" in table else None
    rows = []
    with tempfile.TemporaryDirectory() as work:
        with open(Path(work) / "dtm.pkl", "wb") as fh:
            pickle.dump(dtm, fh)
        for name in models:
            command = [sys.executable, __file__, "--worker", name, "--data", work,
                       "--k", str(k), "--seed", str(seed),
                       "--tomotopy-iter", str(options["tomotopy_iter"]),
                       "--batch-size", str(options["batch_size"])]
            runs = []
            for _ in range(options["repeat"]):
                done = subprocess.run(command, capture_output=True, text=True)
                if done.returncode != 0:
                    print(f"{name}: failed\n{done.stderr[-2000:]}", flush=True)
                    break
                runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
            if not runs:
                continue
            result = runs[0]  # same seed: the same topics every run; only time varies
            seconds = [r["seconds"] for r in runs]
            main = np.asarray(result["main"])
            nmi = normalized_mutual_info_score(labels[main >= 0], main[main >= 0]) \
                if labels is not None else np.nan
            row = {"corpus": label, "model": name, "fit_s": min(seconds),
                   "fit_s_median": float(np.median(seconds)),
                   "peak_gb": max(r["peak_gb"] for r in runs),
                   "npmi_top10": float(np.mean(npmi_coherence(dtm.matrix, result["top10"]))),
                   "diversity_top25": topic_diversity(result["top25"]), "nmi_label": nmi}
            rows.append(row)
            print(f"{name:14s} fit {row['fit_s']:7.1f} s (median {row['fit_s_median']:.1f}"
                  f" of {len(runs)})  peak {row['peak_gb']:.2f} GB  "
                  f"NPMI {row['npmi_top10']:.3f}  diversity {row['diversity_top25']:.2f}  "
                  f"NMI {nmi:.3f}", flush=True)
    return pd.DataFrame(rows)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=["allsides", "default", "both"], default="both")
    parser.add_argument("--models", nargs="+", choices=MODELS, default=None)
    parser.add_argument("--quick", action="store_true",
                        help=f"only {QUICK} (skip the slow LDA peers)")
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tomotopy-iter", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=2000,
                        help="articles per batch for the corpus_tools_*batches models")
    parser.add_argument("--repeat", type=int, default=1,
                        help="fit each model this many times and report the fastest "
                             "(the run least disturbed by other work on the machine)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    options = {"tomotopy_iter": args.tomotopy_iter, "repeat": max(1, args.repeat),
               "batch_size": args.batch_size}
    if args.worker:
        result = fit_in_child(args.worker, Path(args.data), args.k, args.seed, options)
        print(json.dumps(result))
        return
    models = args.models or (QUICK if args.quick else MODELS)
    results = []
    if args.corpus in ("allsides", "both"):
        if ALLSIDES.exists():
            results.append(run_corpus("allsides", load_allsides(), models, args.k,
                                      args.seed, options))
        else:
            print(f"{ALLSIDES} not found: allsides skipped.")
    if args.corpus in ("default", "both"):
        results.append(run_corpus("default", load_default(), models, args.k, args.seed,
                                  options))
    if results:
        table = pd.concat(results, ignore_index=True)
        print("\n" + table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))


if __name__ == "__main__":
    main()
