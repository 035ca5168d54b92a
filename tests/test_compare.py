"""Outlet comparisons on real articles, checked against the formulas by hand."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from corpus_tools import compare
from corpus_tools.vectorize import DocumentTermMatrix
from tests.conftest import FIXTURES

EXPECTED = pd.read_csv(FIXTURES / "compare" / "fightin_words_expected.csv")


@pytest.fixture(scope="module")
def news(default_corpus):
    """The default corpus with every article its own copy group (no syndication run)."""
    return default_corpus.assign(copy_group=default_corpus["doc_id"])


def test_log_odds_z_matches_the_hand_computation():
    delta, z = compare.log_odds_z(EXPECTED["count_a"], EXPECTED["count_b"], EXPECTED["alpha"])
    np.testing.assert_allclose(delta, EXPECTED["log_odds"], rtol=1e-9)
    np.testing.assert_allclose(z, EXPECTED["z"], rtol=1e-9)


def test_distinctive_terms_gives_the_hand_computed_z_from_a_table(seed_corpus):
    # Two real articles (groups A and B) with a document-term matrix of known counts.
    rows = seed_corpus[seed_corpus["kind"] == "article"].head(2).assign(outlet=["A", "B"])
    counts = sp.csr_matrix(EXPECTED[["count_a", "count_b"]].to_numpy().T.astype(float))
    dtm = DocumentTermMatrix(counts, EXPECTED["term"].to_numpy(), pd.Index(rows["doc_id"]),
                             vectorizer=None, fit_rows=np.ones(2, bool))
    prior = pd.Series(EXPECTED["alpha"].to_numpy(), index=EXPECTED["term"])
    out = compare.distinctive_terms(rows, target="A", reference="B", prior=prior,
                                    collapse=False, dtm=dtm).set_index("term")
    expected = EXPECTED.set_index("term")
    np.testing.assert_allclose(out.loc[expected.index, "z"], expected["z"], rtol=1e-9)
    assert out.loc["russia", "count"] == 12 and out.loc["russia", "count_reference"] == 3
    assert list(out.index[:2]) == ["russia", "ukraine"]  # sorted by z


def test_a_versus_b_is_minus_b_versus_a(news):
    ab = compare.distinctive_terms(news, target="TASS", reference="BBC").set_index("term")
    ba = compare.distinctive_terms(news, target="BBC", reference="TASS").set_index("term")
    np.testing.assert_allclose(ab["z"], -ba.loc[ab.index, "z"], atol=1e-9)
    assert (ab["count"] == ba.loc[ab.index, "count_reference"]).all()


def test_tass_against_the_rest_is_about_russia(news):
    top = compare.distinctive_terms(news, target="TASS").head(15)["term"].tolist()
    assert "russia" in top or "russian" in top
    assert all(t not in top for t in ("tass", "bbc", "cnn"))  # outlet names are excluded


def test_an_outlet_with_one_article(news):
    one = news["outlet"].value_counts()
    single = one[one == 1].index[0]
    out = compare.distinctive_terms(news, target=single)
    assert len(out) and np.isfinite(out["z"]).all()
    assert out["group"].eq(single).all()


def test_keyness_matches_dunning_on_one_term(news):
    table = compare.keyness(news, target="TASS", reference="BBC").set_index("term")
    row = table.loc["ukraine"]
    a, b = row["count"], row["count_reference"]
    n_a, n_b = a / row["per_million"] * 1e6, b / row["per_million_reference"] * 1e6
    total, both = n_a + n_b, a + b
    cells = [(a, both * n_a / total), (b, both * n_b / total),
             (n_a - a, (total - both) * n_a / total), (n_b - b, (total - both) * n_b / total)]
    g2 = 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)
    assert row["g2"] == pytest.approx(g2, rel=1e-6)
    assert row["log_ratio"] == pytest.approx(math.log2((a / n_a) / (b / n_b)), rel=1e-9)


def test_collapsing_copies_gives_one_vote_per_story(seed_corpus):
    articles = seed_corpus[seed_corpus["kind"] == "article"]
    kremlin = articles[articles["title"].str.startswith("Kremlin")]
    # The Star printed the same Reuters story twice (two URLs): one copy group.
    copy = kremlin.assign(doc_id="copy-of-kremlin", url="https://example.org/copy")
    table = pd.concat([articles, copy], ignore_index=True)
    table["copy_group"] = table["doc_id"].where(table["doc_id"] != "copy-of-kremlin", kremlin["doc_id"].iloc[0])
    once = compare.distinctive_terms(table, target="The Star", collapse=True).set_index("term")
    twice = compare.distinctive_terms(table, target="The Star", collapse=False).set_index("term")
    assert twice.loc["azerbaijan", "count"] == 2 * once.loc["azerbaijan", "count"]
    src_once = compare.sourcing(table, collapse=True)
    src_all = compare.sourcing(table, collapse=False)
    reuters = lambda s: s.query("group == 'The Star' and kind == 'agency' and source == 'Reuters'")["articles"].item()
    assert (reuters(src_once), reuters(src_all)) == (1, 2)


def test_attention_shares_and_a_query_that_matches_nothing(news):
    att = compare.attention(news, '"xi jinping" OR putin', freq="MS")
    assert {"group", "period", "matches", "articles", "share"} <= set(att.columns)
    assert ((att["share"] >= 0) & (att["share"] <= 1)).all()
    tass = att[att["group"] == "TASS"]
    assert tass["matches"].sum() > att[att["group"] == "HuffPost"]["matches"].sum()
    none = compare.attention(news, '"zzqx unlikely phrase"', freq="MS")
    assert none["matches"].sum() == 0 and (none["share"] == 0).all()
    assert compare.kwic(news, "zzqxunlikely").empty


def test_boolean_queries(seed_corpus):
    texts = seed_corpus["body"]
    both = compare.match_query(texts, "lavrov AND ukraine")
    either = compare.match_query(texts, "lavrov OR ukraine")
    minus = compare.match_query(texts, "lavrov NOT ukraine")
    assert (both <= either).all() and not (minus & both).any()
    assert compare.match_query(texts, "sanction* OR azerbaijan*").any()
    with pytest.raises(ValueError, match="not closed"):
        compare.match_query(texts, "(lavrov OR xi")
    with pytest.raises(ValueError, match="empty"):
        compare.match_query(texts, "  ")


def test_sourcing_on_the_seeds(seed_corpus):
    src = compare.sourcing(seed_corpus, collapse=False)
    agencies = src[(src["group"] == "The Star") & (src["kind"] == "agency")]
    assert set(agencies["source"]) == {"Reuters", "Bloomberg"}
    daily8 = src[(src["group"] == "Daily8") & (src["kind"] == "cited")]["source"].tolist()
    assert "Xinhua" in daily8 and "Xinhua" not in set(src[src["kind"] == "agency"]["source"])


def test_kwic_shows_the_words_around(seed_corpus):
    lines = compare.kwic(seed_corpus, "lavrov", window=4)
    assert len(lines) >= 4
    assert lines["keyword"].str.lower().eq("lavrov").all()
    assert all(len(l.split()) <= 4 for l in lines["left"])


def test_outlet_similarity_is_symmetric_with_unit_diagonal(news):
    sim = compare.outlet_similarity(news, metric="jensen_shannon")
    np.testing.assert_allclose(sim.to_numpy(), sim.to_numpy().T)
    np.testing.assert_allclose(np.diag(sim), 1.0)
    assert ((sim.to_numpy() >= 0) & (sim.to_numpy() <= 1 + 1e-9)).all()
    with pytest.raises(ValueError, match="metric must be one of"):
        compare.outlet_similarity(news, metric="euclid")
