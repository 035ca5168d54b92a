"""Topic models on the default corpus: determinism, clean topics, k choice, errors."""
from __future__ import annotations

import unicodedata

import matplotlib.figure
import numpy as np
import pandas as pd
import pytest

from corpus_tools.plots.topics import (n_topics_choice, topic_prevalence_intervals,
                                       topic_prevalence_over_time, topic_terms_bars)
from corpus_tools.topics import (choose_n_topics, fit_topics, npmi_coherence,
                                 representative_articles, topic_agreement, topic_prevalence)
from corpus_tools.vectorize import AGENCY_NAMES, make_dtm

K = 8


@pytest.fixture(scope="module")
def articles(default_corpus):
    return default_corpus[default_corpus["kind"] == "article"].reset_index(drop=True)


@pytest.fixture(scope="module")
def dtm(default_corpus):
    return make_dtm(default_corpus, progress=False)


@pytest.fixture(scope="module")
def model(dtm):
    return fit_topics(dtm, K, random_state=0, progress=False)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text).lower())
    return "".join(ch for ch in text if ch.isalnum())


def test_same_inputs_and_seed_give_identical_results(dtm, model):
    again = fit_topics(dtm, K, random_state=0, progress=False)
    pd.testing.assert_frame_equal(again.doc_topics, model.doc_topics)
    pd.testing.assert_frame_equal(again.topic_terms, model.topic_terms)
    pd.testing.assert_frame_equal(again.diagnostics, model.diagnostics)


def test_doc_topics_are_shares_indexed_by_doc_id(articles, model):
    shares = model.doc_topics
    assert shares.index.name == "doc_id" and list(shares.index) == list(articles["doc_id"])
    assert shares.shape == (len(articles), K)
    with_words = shares.dropna()
    np.testing.assert_allclose(with_words.sum(axis=1), 1.0, rtol=1e-6)
    assert len(with_words) >= 0.99 * len(shares)


def test_no_outlet_name_or_agency_among_top_terms(articles, model):
    names = (set(articles["outlet"]) | set(articles["agency"]) | set(AGENCY_NAMES)) - {""}
    folded = {_fold(n) for n in names}
    single = {_fold(n) for n in names if len(str(n).split()) == 1}
    for k, terms in model.top_terms(10).items():
        for term in terms:
            assert _fold(term) not in folded, (k, term)
            assert not {_fold(p) for p in term.split("_")} & single, (k, term)


def test_labels_and_diagnostics_describe_every_topic(articles, model):
    diag = model.diagnostics
    assert list(diag.columns) == ["topic", "label", "n_docs", "share", "coherence",
                                  "exclusivity"]
    assert len(diag) == K and diag["label"].is_unique
    assert diag["coherence"].between(-1, 1).all() and diag["coherence"].mean() > 0.2
    assert diag["exclusivity"].between(1 / K, 1).all()
    assert diag["n_docs"].sum() == model.doc_topics.dropna().shape[0]
    assert model.labels[0].split(" · ")[0] == model.top_terms(1)[0][0].replace("_", " ")


def test_npmi_is_one_for_terms_always_together_and_minus_one_for_never():
    import scipy.sparse as sp

    X = sp.csr_matrix(np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1], [0, 0, 0]]))
    assert npmi_coherence(X, [[0, 1], [0, 2]]).tolist() == pytest.approx([1.0, -1.0])
    assert topic_agreement([["a", "b"]], [["a", "b"]]) == 1.0


def test_choose_n_topics_returns_a_table_over_the_candidates(dtm):
    choice = choose_n_topics(dtm, candidates=[4, 8], n_seeds=1, progress=False)
    assert list(choice.table["n_topics"]) == [4, 8]
    assert choice.k in (4, 8) and choice.table["recommended"].sum() == 1
    assert {"coherence", "diversity", "stability"} <= set(choice.table.columns)
    assert choice.table["stability"].between(0, 1).all()
    assert f"k={choice.k}" in choice.reason
    assert isinstance(n_topics_choice(choice), matplotlib.figure.Figure)


def test_too_small_or_empty_corpus_says_what_to_do(articles, dtm):
    with pytest.raises(ValueError, match=r"Too few articles for 20 topics: the corpus has "
                                         r"3 article\(s\).*Add articles"):
        fit_topics(articles.head(3), 20, progress=False)
    with pytest.raises(ValueError, match="Ask for at most 10 topics"):
        fit_topics(articles.head(30), 20, progress=False)
    with pytest.raises(ValueError, match="The corpus is empty"):
        fit_topics(articles.iloc[:0], 5, progress=False)
    with pytest.raises(ValueError, match="n_topics must be a whole number of at least 2"):
        fit_topics(dtm, 1)
    with pytest.raises(ValueError, match="method must be one of"):
        fit_topics(dtm, 5, method="bertopic")
    with pytest.raises(ValueError, match="Use candidates up to"):
        choose_n_topics(dtm.subset(np.arange(20)), candidates=[3, 10], progress=False)


def test_prevalence_by_outlet_has_intervals_and_is_seeded(articles, model):
    prev = topic_prevalence(model, articles, by="outlet", n_boot=200)
    assert list(prev.columns) == ["outlet", "topic", "label", "prevalence", "ci_low",
                                  "ci_high", "n_docs"]
    sums = prev.groupby("outlet")["prevalence"].sum()
    np.testing.assert_allclose(sums, 1.0, rtol=1e-6)
    assert (prev["ci_low"] <= prev["prevalence"] + 1e-12).all()
    assert (prev["prevalence"] <= prev["ci_high"] + 1e-12).all()
    big = prev[prev["n_docs"] > 100]
    assert (big["ci_high"] - big["ci_low"]).gt(0).any()
    pd.testing.assert_frame_equal(prev, topic_prevalence(model, articles, "outlet",
                                                         n_boot=200))
    with pytest.raises(ValueError, match="neither a column of the table"):
        topic_prevalence(model, articles, by="colour")


def test_prevalence_over_months_and_plots(articles, model):
    prev = topic_prevalence(model, articles, by="month", n_boot=100)
    assert prev["month"].is_monotonic_increasing
    by_outlet = topic_prevalence(model, articles, by="outlet", n_boot=100)
    for fig in (topic_terms_bars(model), topic_prevalence_intervals(by_outlet),
                topic_prevalence_over_time(prev)):
        assert isinstance(fig, matplotlib.figure.Figure)
        axes = [ax for ax in fig.axes if ax.axison]
        assert fig._suptitle is not None or axes[0].get_title()
        assert any(ax.get_xlabel() for ax in axes)
        assert any(ax.get_ylabel() or ax.get_yticklabels() for ax in axes)


def test_representative_articles_rank_by_share(articles, model):
    top = representative_articles(model, articles, topic=0, n=5)
    assert list(top["rank"]) == [1, 2, 3, 4, 5]
    assert top["share"].is_monotonic_decreasing
    assert top["share"].iloc[0] == pytest.approx(model.doc_topics[0].max())
    by_label = representative_articles(model, articles, topic=model.labels[0], n=5)
    pd.testing.assert_frame_equal(top, by_label)


def test_syndicated_copies_fit_once_and_all_rows_get_topics(articles):
    part = articles.head(600).copy()
    part["copy_group"] = np.arange(len(part)) // 2
    part["is_original"] = np.arange(len(part)) % 2 == 0
    model = fit_topics(part, 4, progress=False)
    assert model.dtm.fit_rows.sum() == 300
    assert model.doc_topics.dropna().shape[0] >= 590  # copies are assigned topics too


def test_lda_runs_and_transform_counts_new_articles(articles, model):
    lda = fit_topics(articles.head(400), 3, method="lda", progress=False)
    assert lda.method == "lda" and lda.doc_topics.shape == (400, 3)
    new = model.transform(articles.iloc[:25])
    assert list(new.index) == list(articles["doc_id"].iloc[:25])
    agree = (new.to_numpy().argmax(1) == model.doc_topics.iloc[:25].to_numpy().argmax(1))
    assert agree.mean() > 0.8
