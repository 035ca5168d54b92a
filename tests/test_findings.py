"""Findings are written from the results they describe: each sentence is checked
against the table it came from, on the small corpus."""
from __future__ import annotations

import re

import pytest

import corpus_tools as ct
from corpus_tools import compare, overview
from corpus_tools.reports import findings
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    return ct.prepare(FIXTURES / "small_corpus", store=tmp_path_factory.mktemp("store"),
                      n_topics=4, progress=False)


def test_the_outlets_finding_names_the_largest_outlet_with_its_count(prepared):
    summary = overview.outlet_summary(prepared.selected)
    text = findings.outlets_finding(summary)
    top = summary.sort_values(["articles", "outlet"], ascending=[False, True]).iloc[0]
    total = int(summary["articles"].sum())
    assert text.startswith(f"{top['outlet']} contributes the most articles ({top['articles']:,}, ")
    assert f"of {total:,})" in text
    even = summary.assign(articles=7, wire_share=0.0)
    assert findings.outlets_finding(even) == f"Each of the {len(even)} outlets contributes 7 articles."


def test_the_distinctive_finding_lists_the_terms_of_the_table(prepared):
    a, b = prepared.outlet_a, prepared.outlet_b
    pair = compare.distinctive_terms(prepared.corpus, by="outlet", target=a, reference=b,
                                     dtm=prepared.dtm)
    text = findings.distinctive_finding(pair, a, b)
    ahead = pair[pair["z"] > 2].sort_values("z", ascending=False)["term"].head(6)
    listed = re.search(rf"{re.escape(a)}'s most distinctive terms against {re.escape(b)} are (.*?);",
                       text).group(1)
    assert listed.replace(" and ", ", ").split(", ") == [t.replace("_", " ") for t in ahead]
    flat = pair.assign(z=0.0)
    assert "No term sets" in findings.distinctive_finding(flat, a, b)


def test_the_attention_finding_gives_the_shares_of_the_counts(prepared):
    a, b = prepared.outlet_a, prepared.outlet_b
    attention = compare.attention(prepared.corpus, prepared.query, by="outlet", freq="W")
    totals = attention.groupby("group")[["matches", "articles"]].sum()
    share = totals["matches"] / totals["articles"]
    text = findings.attention_finding(attention, a, b)
    assert text.startswith(f"{findings._pct(share[a])} of {a}'s dated articles match {prepared.query} "
                           f"against {findings._pct(share[b])} of {b}'s")


def test_findings_say_nothing_when_there_is_nothing_to_say(prepared):
    one = ct.topic_prevalence(prepared.model, prepared.corpus[prepared.corpus["outlet"] == "TASS"],
                              by="outlet")
    assert findings.prevalence_finding(one) == ""
    assert findings.first_finding(prepared.coverage.stories.iloc[0:0]) == ""
    assert findings.copies_finding(prepared.coverage.outlets.iloc[0:0], prepared.pairs.iloc[0:0],
                                   prepared.articles).startswith("No two of the 158 articles")
