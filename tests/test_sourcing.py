"""Source profiles per outlet, rebuilt on attributions, and two outlets' speakers compared."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools import compare


@pytest.fixture(scope="module")
def marked(default_corpus):
    return ct.mark_copies(default_corpus, progress=False)


@pytest.fixture(scope="module")
def found(marked):
    return ct.attributions(marked)


def test_sourcing_keeps_its_columns_and_adds_speakers_and_types(seed_corpus):
    src = compare.sourcing(seed_corpus, collapse=False)
    assert list(src.columns[:5]) == ["group", "kind", "source", "articles", "share"]
    assert {"speaker_id", "attributions", "direct_share"} <= set(src.columns)
    star = src[src["group"] == "The Star"]
    assert set(star.loc[star["kind"] == "agency", "source"]) == {"Reuters", "Bloomberg"}
    assert {"Dmitry Peskov", "Jeremy Chan", "Washington Post"} <= set(star.loc[star["kind"] == "cited", "source"])
    types = star[star["kind"] == "speaker_type"].set_index("source")
    assert types.loc["anonymous", "articles"] == 1  # only the exit-ban story quotes unnamed people
    assert ((src["share"] > 0) & (src["share"] <= 1)).all()


def test_source_profile_per_outlet(marked, found):
    profile = compare.source_profile(marked, attributions=found)
    assert {"quoting_share", "anonymous_share", "direct_share", "person", "anonymous"} <= set(profile.columns)
    big = profile[profile["articles"] >= 100]
    assert len(big) == 9
    for column in ("quoting_share", "anonymous_share", "direct_share"):
        assert big[column].between(0, 1).all(), column
    np.testing.assert_allclose(big[["person", "organisation", "anonymous", "document"]].sum(axis=1), 1.0)
    assert big["quoting_share"].min() > 0.5  # news articles quote someone


def test_tass_quotes_russian_officials_more_than_the_bbc(marked, found):
    side = compare.distinctive_sources(marked, target="TASS", reference="BBC", attributions=found)
    assert list(side.columns) == ["group", "reference", "source", "speaker_id", "z", "log_odds",
                                  "count", "count_reference"]
    top = set(side.head(5)["speaker_id"])
    assert {"sergey-lavrov", "dmitry-peskov"} <= top
    assert side["z"].is_monotonic_decreasing
    assert side.iloc[-1]["count"] < side.iloc[-1]["count_reference"]  # the BBC's side is at the bottom
    types = compare.distinctive_sources(marked, target="TASS", reference="BBC", level="speaker_type",
                                        attributions=found)
    assert set(types["source"]) == {"person", "organisation", "anonymous", "document"}


def test_bad_arguments_are_refused(seed_corpus):
    with pytest.raises(ValueError, match="level must be 'speaker' or 'speaker_type'; got 'people'"):
        compare.distinctive_sources(seed_corpus, level="people")
    with pytest.raises(KeyError, match=r"attributions= lacks \['speaker_id'"):
        compare.sourcing(seed_corpus, attributions=ct.attributions(seed_corpus).drop(columns="speaker_id"))
    with pytest.raises(ValueError, match=r"No articles for \['Nowhere'\]"):
        compare.distinctive_sources(seed_corpus, target="Nowhere", collapse=False)


def test_an_outlet_that_quotes_nobody(default_corpus):
    quiet = default_corpus[default_corpus["title"].isin(["Man dies in Co Offaly car crash",
                                                         "Man killed in suspected hit-and-run in Meath"])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        src = compare.sourcing(quiet, collapse=False)
        profile = compare.source_profile(quiet, collapse=False)
        side = compare.distinctive_sources(quiet, collapse=False)
    assert set(src["kind"]) == {"agency"}
    assert profile.loc["RTÉ", "quoting_share"] == 0 and profile.loc["RTÉ", "articles"] == 2
    assert side.empty


def test_source_figures(marked, found):
    import matplotlib.pyplot as plt
    from corpus_tools.plots import sources as source_plots

    src = compare.sourcing(marked, attributions=found)
    figures = [
        source_plots.top_speakers(src, groups=["TASS", "BBC"], n=5),
        source_plots.speaker_type_shares(compare.source_profile(marked, attributions=found)),
        source_plots.source_scatter(compare.distinctive_sources(marked, target="TASS", reference="BBC",
                                                                attributions=found)),
        source_plots.quote_path(ct.track_quotes(marked, found)),
    ]
    for fig in figures:
        titles = [ax.get_title() for ax in fig.axes] + [fig._suptitle.get_text() if fig._suptitle else ""]
        assert any(titles)
        plt.close(fig)
    with pytest.raises(ValueError, match="No named speaker to draw"):
        source_plots.top_speakers(src[src["kind"] == "agency"])
    with pytest.raises(ValueError, match="No quote printed by several outlets"):
        source_plots.quote_path(ct.track_quotes(marked, found.head(0)))


def test_the_sources_report_says_so_when_nothing_is_quoted(tmp_path):
    """Notebook 05 on real articles that quote nobody: built, and it says why it is empty."""
    import pandas as pd

    from corpus_tools import build_reports
    from corpus_tools.reports import notebook_sources
    from tests.conftest import FIXTURES

    sample = pd.read_csv(FIXTURES / "small_corpus" / "newsarticles_sample.csv", dtype=str)
    quiet = sample[sample["title"].isin(["Man dies in Co Offaly car crash",
                                         "Man killed in suspected hit-and-run in Meath",
                                         "Russia takes bronze in mixed relay at 2017 IBU World Championships in Hochfilzen"])]
    assert len(quiet) == 3
    corpus = tmp_path / "quiet"
    corpus.mkdir()
    quiet.to_csv(corpus / "quiet.csv", index=False)
    notebook = [p for p in notebook_sources() if p.name == "05_sources.py"]
    written = build_reports(corpus=corpus, out=tmp_path / "out", formats="html", notebooks=notebook,
                            progress=False)
    page = (tmp_path / "out" / "05_sources.html").read_text(encoding="utf-8")
    assert tmp_path / "out" / "05_sources.html" in written
    assert "0 attributions in 0 of 3 articles" in page
    assert "No attribution was found" in page and "No quote to follow." in page


def test_each_speaker_is_shown_by_its_most_frequent_spelling(found):
    from corpus_tools.compare.sourcing import _display_names

    named = found[found["speaker"].fillna("") != ""]
    # Real rows, plus a tie: two spellings of one real speaker, once each.
    speaker_id = named["speaker_id"].iloc[0]
    tie = named.iloc[[0, 0]].assign(speaker_id="tied", speaker=["Alpha Spelling", "Beta Spelling"])
    rows = pd.concat([named, tie], ignore_index=True)
    names = _display_names(rows)
    # The rule as written per speaker: the most frequent, ties to the last alphabetically.
    expected = rows.groupby("speaker_id")["speaker"].agg(
        lambda s: s.value_counts().sort_index(ascending=False).idxmax())
    pd.testing.assert_series_equal(names.sort_index(), expected.sort_index(), check_names=False)
    assert names["tied"] == "Beta Spelling"
    assert names[speaker_id] == named.loc[named["speaker_id"] == speaker_id, "speaker"].mode().max()
