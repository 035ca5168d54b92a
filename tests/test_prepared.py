"""The prepared corpus: every stage computed once and read back, later parameters
reusing earlier stages, parameters checked with the parameter named, and sections that
cannot apply saying why."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.prepared import ParameterError, Parameters
from tests.conftest import FIXTURES, ROOT, SEED_FILES

SMALL_CORPUS = FIXTURES / "small_corpus"
ALLSIDES = FIXTURES / "allsides" / "allsides_sample.jsonl"
FAKENEWS = FIXTURES / "fakenews" / "news_sample_slice.csv"


def _stages(prepared) -> dict[str, bool]:
    """{stage: reused} of the runs so far."""
    return {r.stage: r.reused for r in prepared.runs}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return tmp_path_factory.mktemp("prepared")


@pytest.fixture(scope="module")
def first(store):
    """The small corpus prepared once, every stage computed."""
    return ct.prepare(SMALL_CORPUS, store=store, n_topics=4, progress=False).compute()


def test_every_stage_is_computed_once_then_read_back_identical(first, store):
    assert _stages(first) == {"load": False, "copies": False, "stories": False, "dtm": False,
                              "topics": False, "attributions": False}
    again = ct.prepare(SMALL_CORPUS, store=store, n_topics=4, progress=False).compute()
    assert set(_stages(again).values()) == {True}
    pd.testing.assert_frame_equal(again.corpus, first.corpus)
    pd.testing.assert_frame_equal(again.pairs, first.pairs)
    assert (again.dtm.matrix != first.dtm.matrix).nnz == 0
    assert list(again.dtm.vocabulary) == list(first.dtm.vocabulary)
    assert again.dtm.doc_ids.equals(first.dtm.doc_ids)
    pd.testing.assert_frame_equal(again.model.doc_topics, first.model.doc_topics)
    pd.testing.assert_frame_equal(again.attributions, first.attributions.reset_index(drop=True))
    assert again.model.labels.equals(first.model.labels)
    # The matrix read back still counts new articles with the fitted vocabulary.
    assert again.model.transform(first.articles.head(3)).shape == (3, 4)
    # Each stage folder says what it was made from.
    manifest = json.loads(next((store / "copies").glob("*/manifest.json")).read_text())
    assert manifest["spec"]["threshold"] == 0.5 and manifest["seconds"] >= 0
    assert {"pairs.parquet", "marks.parquet"} <= set(manifest["files"])


def test_a_later_parameter_reuses_the_earlier_stages(first, store):
    more_topics = ct.prepare(SMALL_CORPUS, store=store, n_topics=5, progress=False).compute()
    assert _stages(more_topics) == {"load": True, "copies": True, "stories": True, "dtm": True,
                                    "topics": False, "attributions": True}
    assert more_topics.model.n_topics == 5
    wider = ct.prepare(SMALL_CORPUS, store=store, n_topics=4, window_days=10, progress=False)
    _ = wider.corpus
    assert _stages(wider) == {"load": True, "copies": True, "stories": False}
    fewer = ct.prepare(SMALL_CORPUS, store=store, n_topics=4, outlets=["TASS", "BBC"],
                       progress=False)
    _ = fewer.dtm
    assert _stages(fewer) == {"load": True, "copies": False, "dtm": False}
    assert set(fewer.articles["outlet"]) == {"TASS", "BBC"}


def test_a_changed_input_file_is_read_again(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(SEED_FILES[0].read_bytes())
    one = ct.prepare(corpus, store=tmp_path / "store", progress=False)
    assert (one.table["kind"] == "article").sum() == 1
    (corpus / "b.txt").write_bytes(SEED_FILES[1].read_bytes())
    two = ct.prepare(corpus, store=tmp_path / "store", progress=False)
    assert (two.table["kind"] == "article").sum() == 5 and _stages(two) == {"load": False}


def test_a_damaged_stage_is_computed_again(tmp_path):
    ct.prepare(SEED_FILES, store=tmp_path, progress=False).compute()
    for table in (tmp_path / "copies").glob("*/pairs.parquet"):
        table.write_bytes(b"not parquet")
    again = ct.prepare(SEED_FILES, store=tmp_path, progress=False)
    assert len(again.pairs) == 1 and _stages(again)["copies"] is False


def test_store_false_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUS_TOOLS_PROCESSED_DIR", str(tmp_path))
    ct.prepare(SEED_FILES, store=False, progress=False).corpus
    assert not (tmp_path / "prepared").exists()


def test_by_default_stages_go_under_the_project(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUS_TOOLS_PROCESSED_DIR", str(tmp_path))
    ct.prepare(SEED_FILES, progress=False).corpus
    assert {p.name for p in (tmp_path / "prepared").iterdir()} == {"load", "copies", "stories"}


def test_an_article_table_from_ingest_is_read_as_it_is(tmp_path):
    from corpus_tools.cli import main

    table = tmp_path / "table.parquet"
    assert main(["ingest", *map(str, SEED_FILES), "--out", str(table), "--quiet"]) == 0
    prepared = ct.prepare(table, store=False, progress=False)
    direct = ct.load_corpus(SEED_FILES, progress=False, cache_dir=False, log_path=False)
    assert prepared.table["doc_id"].tolist() == direct["doc_id"].tolist()
    assert prepared.table["source_file"].str.endswith(".txt").all()  # not the .parquet


def test_the_pair_defaults_to_the_two_largest_outlets(first):
    sizes = first.articles["outlet"].value_counts()
    assert [first.outlet_a, first.outlet_b] == list(first.outlet_sizes.index[:2])
    assert sizes[first.outlet_a] == sizes.max()
    only_b = ct.prepare(SMALL_CORPUS, store=False, outlet_b="TASS", progress=False)
    assert only_b.outlet_b == "TASS" and only_b.outlet_a == first.outlet_a


def test_the_query_defaults_to_terms_of_a_topic_of_this_corpus(first):
    terms = first.model.top_terms(3)[first.query_topic]
    assert first.query_is_derived
    assert first.query.split(" OR ")[0].strip('"') == terms[0].replace("_", " ").lower()
    given = ct.prepare(SMALL_CORPUS, store=False, query="putin OR kremlin", progress=False)
    assert given.query == "putin OR kremlin" and not given.query_is_derived


@pytest.mark.parametrize("parameters, name, message", [
    ({"n_topic": 4}, "n_topic", r"Unknown parameter 'n_topic'\. Did you mean n_topics\? Parameters: corpus_path"),
    ({"n_topics": 1}, "n_topics", r"n_topics must be a whole number of topics, 2 or more, or 'auto'; got 1"),
    ({"n_topics": "many"}, "n_topics", r"got 'many'"),
    ({"method": "lsa"}, "method", r"method must be 'nmf' or 'lda', got 'lsa'"),
    ({"date_from": "last week"}, "date_from", r"date_from must be a date such as 2025-07-21"),
    ({"threshold": 2}, "threshold", r"threshold must be a number above 0 and at most 1"),
    ({"columns": ["title"]}, "columns", r"columns must map input column names"),
])
def test_bad_parameters_are_refused_naming_the_parameter(parameters, name, message):
    with pytest.raises(ParameterError, match=message) as caught:
        ct.prepare(SMALL_CORPUS, store=False, progress=False, **parameters)
    assert caught.value.name == name


@pytest.mark.parametrize("parameters, attribute, name, message", [
    ({"outlets": ["Pravda"]}, "corpus", "outlets", r"No articles from \['Pravda'\]\. Outlets in the table:"),
    ({"date_from": "2030-01-01"}, "corpus", "date_from",
     r"leaves no article\. The corpus's dated articles run from 2016-\d\d-\d\d to 2025-07-16; 4 are undated"),
    ({"outlet_a": "Pravda"}, "outlet_a", "outlet_a", r"outlet_a='Pravda' has no article in this corpus; its outlets are: "),
    ({"outlet_a": "TASS", "outlet_b": "TASS"}, "outlet_a", "outlet_b", r"both 'TASS'"),
    ({"n_topics": 60}, "model", "n_topics", r"n_topics=60 asks for more topics than the 157 articles with words support \(3 per topic\): use at most 52, or .auto."),
    ({"query": "putin AND (kremlin"}, "query", "query", r"query='putin AND \(kremlin'"),
])
def test_parameters_that_do_not_fit_the_corpus_say_so(parameters, attribute, name, message, store):
    prepared = ct.prepare(SMALL_CORPUS, store=store, progress=False, **parameters)
    with pytest.raises(ParameterError, match=message) as caught:
        getattr(prepared, attribute)
    assert caught.value.name == name


def test_parameters_know_their_defaults_and_meanings():
    from corpus_tools.prepared import PARAMETER_HELP

    assert list(PARAMETER_HELP) == Parameters.names()
    assert Parameters.defaults()["n_topics"] == "auto"
    assert Parameters.from_mapping({"n_topics": "12"}).n_topics == 12  # as -p gives it


def test_sections_that_cannot_apply_say_why_from_the_numbers(tmp_path):
    undated = ct.prepare(FAKENEWS, store=tmp_path, progress=False)
    n = len(undated.articles)
    assert undated.why_not("dates") == (f"None of the {n} articles has a publication date, so "
                                        "nothing can be shown over time.")
    assert undated.why_not("months") == undated.why_not("dates")
    assert undated.why_not("credited agencies").startswith(f"None of the {n} articles credits a wire agency")
    assert undated.why_not("copies").startswith(f"No two of the {n} articles are copies")
    assert "exports or tables (.csv)" in undated.why_not("page sources")
    assert undated.why_not("outlets") is None and undated.why_not("bodies") is None
    one = ct.prepare(SMALL_CORPUS, store=tmp_path, outlets="TASS", progress=False)
    assert one.why_not("outlets", "dates") == ("All articles come from one outlet (TASS), so "
                                               "there is no other outlet to compare it with.")
    assert one.outlet_b is None and one.why_not("pair") == one.why_not("outlets")
    seeds = ct.prepare(SEED_FILES, store=tmp_path, progress=False)
    assert seeds.why_not("page sources") is None and seeds.why_not("copies") is None
    assert seeds.why_not("topics").startswith("Topics need at least 6 articles with words")
    assert seeds.model is None and seeds.topic_choice is None
    with pytest.raises(ValueError, match="Unknown need 'weather'; one of: dates"):
        seeds.why_not("weather")


def test_a_relative_path_works_from_the_notebooks_folder(monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT / "notebooks")  # where JupyterLab starts a notebook's kernel
    prepared = ct.prepare("tests/fixtures/small_corpus", store=tmp_path, progress=False)
    assert prepared.paths == SMALL_CORPUS and len(prepared.articles) == 158


def test_a_corpus_with_no_article_is_refused_with_the_log(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(ValueError, match=r"No article was read from .*empty\.txt; 1 problem\(s\) in its ingest log, .*the ingest log is .*ingest_empty\.txt_"):
        ct.prepare(empty, store=False, progress=False).table


def test_progress_names_each_stage_computed(capsys, tmp_path):
    ct.prepare(SEED_FILES, store=tmp_path, progress=True).corpus
    err = capsys.readouterr().err
    assert "Preparing the corpus: reading the corpus ..." in err
    assert "Preparing the corpus: finding copies ..." in err
    ct.prepare(SEED_FILES, store=tmp_path, progress=True).corpus
    assert "Preparing" not in capsys.readouterr().err  # read back: nothing to say


def test_auto_searches_k_and_a_given_k_does_not(tmp_path):
    auto = ct.prepare(SMALL_CORPUS, store=tmp_path, progress=False)
    assert auto.topic_choice is not None and auto.n_topics == auto.topic_choice.k
    assert set(auto.topic_choice.table["n_topics"]) <= {5, 10, 15}  # 10 articles a topic
    assert "choice" in _stages(auto) and auto.model.n_topics == auto.n_topics
    given = ct.prepare(SMALL_CORPUS, store=tmp_path, n_topics=4, progress=False)
    assert given.model is not None and given.topic_choice is None
    assert "choice" not in _stages(given)
    assert np.isclose(given.model.doc_topics.sum(axis=1).dropna(), 1).all()


def test_progress_follows_the_run_settings_and_a_keyword_wins(capsys, tmp_path):
    with ct.options(progress=False):
        quiet = ct.prepare(SEED_FILES, store=tmp_path)
        assert quiet.progress is False
        quiet.table
        assert "Preparing" not in capsys.readouterr().err
        assert ct.prepare(SEED_FILES, store=tmp_path, progress=True).progress is True
    assert ct.prepare(SEED_FILES, store=tmp_path).progress is True  # the default: on


def test_reports_count_articles_by_the_one_article_rule(first):
    # An export's own kinds ("opinion") are articles, as for every stage
    # (schema.article_mask); only teasers are not.
    from corpus_tools import overview, plots
    from corpus_tools.prepared.choices import outlet_sizes

    rows = first.selected
    relabelled = rows.assign(kind=rows["kind"].where(rows["kind"] == "teaser", "opinion"))
    pd.testing.assert_frame_equal(overview.outlet_summary(relabelled), overview.outlet_summary(rows))
    assert outlet_sizes(relabelled).equals(outlet_sizes(rows))
    assert overview.agency_counts(relabelled).equals(overview.agency_counts(rows))
    drawn = plots.articles_per_outlet(relabelled).axes[0].patches
    assert sum(p.get_width() for p in drawn) == len(rows)
