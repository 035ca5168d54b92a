"""How many topics? Compare candidate numbers on coherence, diversity and stability
(the kernel of ``choose_n_topics``, :mod:`.api`)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from .diagnostics import top_term_indices, topic_agreement, topic_diversity
from .inputs import coherence
from .model import MIN_DOCS_PER_TOPIC, N_TOP_TERMS, fit_estimator, prepare, too_small

__all__ = ["TopicNumberChoice", "compare_candidates"]

#: Share of the articles each stability refit sees.
SUBSAMPLE = 0.8
#: Iterations of the stability refits: the top terms settle in about half the passes
#: of a full fit (NPMI within 0.005 after 30 NMF passes on the default corpus).
REFIT_ITER = {"nmf": 30, "lda": 5}
#: Below this stability, refits on 80 % samples share under ~3/4 of their top terms
#: (Jaccard 0.6): the topics depend on which articles happen to be in the corpus.
MIN_STABILITY = 0.6
#: Below this diversity, topics repeat each other's top terms.
MIN_DIVERSITY = 0.7
#: Coherence differences under 0.02 NPMI are within run-to-run noise on news.
COHERENCE_TOLERANCE = 0.02
N_DIVERSITY_TERMS = 25  # as in Dieng et al. (2020)


@dataclass
class TopicNumberChoice:
    """The comparison of candidate numbers of topics and the recommendation.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per candidate: ``n_topics``, ``coherence`` (mean NPMI of the top 10
        terms), ``diversity`` (share of distinct terms among the top 25), ``stability``
        (top-term agreement of refits on random 80 % samples, 0–1), ``acceptable``
        (stability ≥ 0.6 and diversity ≥ 0.7), ``recommended``.
    k : int
        The recommended number of topics.
    reason : str
        Why, in a sentence.
    """

    table: pd.DataFrame
    k: int
    reason: str

    def __repr__(self) -> str:
        return f"TopicNumberChoice(k={self.k}: {self.reason})\n{self.table.round(3)}"


def compare_candidates(dtm, ks: list[int], method: str, n_seeds: int, random_state: int,
                       progress: bool) -> TopicNumberChoice:
    """The kernel of :func:`corpus_tools.choose_n_topics` on a document-term matrix."""
    _, X, columns, _, fit_rows = prepare(dtm, method)
    n_fit = int(fit_rows.sum())
    if n_fit < ks[0] * MIN_DOCS_PER_TOPIC:
        raise too_small(n_fit, ks[0])
    too_many = [k for k in ks if k * MIN_DOCS_PER_TOPIC > n_fit]
    if too_many:
        raise ValueError(
            f"Candidates {too_many} ask for more topics than {n_fit} articles support "
            f"({MIN_DOCS_PER_TOPIC} per topic). Use candidates up to "
            f"{n_fit // MIN_DOCS_PER_TOPIC}."
        )
    rows_fit = np.flatnonzero(fit_rows)
    X_fit = X[rows_fit]
    rng = np.random.default_rng(random_state)
    samples = [np.sort(rng.choice(len(rows_fit), int(SUBSAMPLE * len(rows_fit)),
                                  replace=False)) for _ in range(n_seeds)]
    records = []
    bar = tqdm(total=len(ks) * (1 + n_seeds), desc="choosing k", disable=not progress)
    for k in ks:
        model, _ = fit_estimator(X_fit, k, method, random_state)
        bar.update()
        top = top_term_indices(model.components_, N_DIVERSITY_TERMS)
        top10 = top[:, :N_TOP_TERMS]
        agreement = []
        for seed, sample in enumerate(samples, start=1):
            refit, _ = fit_estimator(X_fit[sample], k, method, random_state + seed,
                                     max_iter=REFIT_ITER[method])
            agreement.append(topic_agreement(
                top10.tolist(), top_term_indices(refit.components_, N_TOP_TERMS).tolist()))
            bar.update()
        records.append({"n_topics": k,
                        "coherence": float(np.mean(coherence(dtm.matrix, columns, top10))),
                        "diversity": topic_diversity(top.tolist()),
                        "stability": float(np.mean(agreement)) if agreement else np.nan})
    bar.close()
    table = pd.DataFrame(records)
    return _recommend(table)


def _recommend(table: pd.DataFrame) -> TopicNumberChoice:
    """Smallest acceptable k whose coherence is within tolerance of the best one.

    Coherence on news tends to creep up with k while stability and diversity fall, so
    "best on average" rewards the smallest k and "most coherent" the largest. The
    rule takes the parsimonious middle: among candidates whose topics are stable and
    distinct enough, the fewest topics that are about as coherent as the best.
    """
    ok = (table["stability"].fillna(1) >= MIN_STABILITY) & \
        (table["diversity"] >= MIN_DIVERSITY)
    table["acceptable"] = ok
    pool = table[ok] if ok.any() else table
    best = pool["coherence"].max()
    chosen = pool[pool["coherence"] >= best - COHERENCE_TOLERANCE].iloc[0]
    table["recommended"] = table["n_topics"] == chosen["n_topics"]
    best_k = int(pool.loc[pool["coherence"].idxmax(), "n_topics"])
    k = int(chosen["n_topics"])
    caveat = "" if ok.any() else (
        f" No candidate reached stability {MIN_STABILITY} and diversity "
        f"{MIN_DIVERSITY}; treat the topics with care or try fewer topics.")
    if len(table) == 1:
        return TopicNumberChoice(table, k, f"k={k} is the only candidate.{caveat}")
    reason = (
        f"k={k} is the smallest number of topics whose coherence ({chosen.coherence:.3f})"
        f" is within {COHERENCE_TOLERANCE} of the best ({best:.3f} at k={best_k}); its "
        f"topics are stable ({chosen.stability:.2f}) and distinct (diversity "
        f"{chosen.diversity:.2f}).{caveat}"
    )
    return TopicNumberChoice(table, k, reason)
