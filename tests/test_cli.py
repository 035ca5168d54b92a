"""The `corpus-tools` command: round trips through Parquet and CSV, each analysis
subcommand on the small corpus, --help, --quiet, and bad input with exit codes."""
from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pytest

from corpus_tools import config, load_corpus
from corpus_tools.cli import main, read_articles
from tests.conftest import FIXTURES, SEED_FILES

SMALL_CORPUS = FIXTURES / "small_corpus"
SUBCOMMANDS = ("ingest", "duplicates", "topics", "compare", "report")


@pytest.fixture(scope="module")
def table_path(tmp_path_factory):
    """The small corpus ingested once to Parquet, as a script would."""
    out = tmp_path_factory.mktemp("cli") / "articles.parquet"
    assert main(["ingest", str(SMALL_CORPUS), "--out", str(out), "--quiet"]) == 0
    return out


def _read(path):
    return pd.read_csv(path) if path.suffix == ".csv" else pd.read_parquet(path)


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help_with_out_and_quiet(command):
    done = subprocess.run([sys.executable, "-m", "corpus_tools.cli", command, "--help"],
                          capture_output=True, text=True)
    assert done.returncode == 0
    assert "--quiet" in done.stdout and "--out" in done.stdout


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_ingest_round_trip_gives_the_same_rows(tmp_path, suffix):
    out = tmp_path / f"table{suffix}"
    assert main(["ingest", *map(str, SEED_FILES), "--out", str(out), "--quiet"]) == 0
    direct = load_corpus(SEED_FILES, progress=False, cache_dir=False, log_path=False)
    assert _read(out)["doc_id"].tolist() == direct["doc_id"].tolist()
    back = read_articles([str(out)])  # what the other subcommands read: dtypes restored
    assert back["doc_id"].tolist() == direct["doc_id"].tolist()
    assert isinstance(back["published"].dtype, pd.DatetimeTZDtype)
    assert back["body"].tolist() == direct["body"].tolist()


def test_duplicates_writes_pairs_and_the_marked_table(table_path, tmp_path):
    pairs, marked = tmp_path / "pairs.csv", tmp_path / "marked.parquet"
    assert main(["duplicates", str(table_path), "--out", str(pairs), "--marked", str(marked),
                 "--quiet"]) == 0
    found = _read(pairs)
    assert list(found.columns) == ["doc_id_a", "doc_id_b", "jaccard", "containment", "relation"]
    table = _read(marked)
    assert len(table) == len(_read(table_path))
    assert {"copy_group", "is_original", "likely_agency"} <= set(table.columns)
    assert set(found["doc_id_a"]) <= set(table["doc_id"])


def test_topics_writes_shares_per_article_and_terms(table_path, tmp_path, capsys):
    shares, terms = tmp_path / "shares.parquet", tmp_path / "terms.csv"
    assert main(["topics", str(table_path), "-k", "4", "--out", str(shares), "--terms", str(terms)]) == 0
    frame = _read(shares)
    assert list(frame.columns) == ["doc_id", "topic_0", "topic_1", "topic_2", "topic_3"]
    articles = _read(table_path).query("kind == 'article'")
    assert set(frame["doc_id"]) <= set(articles["doc_id"]) and len(frame) > 100
    assert frame.filter(like="topic_").sum(axis=1).dropna().round(6).eq(1).all()
    assert set(_read(terms)["topic"]) == {0, 1, 2, 3}
    assert "topic 0:" in capsys.readouterr().err  # labels are shown unless --quiet


def test_compare_two_outlets_from_raw_files(tmp_path):
    out = tmp_path / "terms.parquet"
    assert main(["compare", str(SMALL_CORPUS), "--target", "TASS", "--reference", "BBC",
                 "--top", "15", "--out", str(out), "--quiet"]) == 0
    terms = _read(out)
    assert set(terms["group"]) == {"TASS"} and set(terms["reference"]) == {"BBC"}
    assert len(terms) == 15 and terms["z"].is_monotonic_decreasing


def test_quiet_means_silent_and_progress_is_shown_otherwise(tmp_path, capfd):
    assert main(["ingest", *map(str, SEED_FILES), "--out", str(tmp_path / "a.parquet"), "--quiet"]) == 0
    assert capfd.readouterr().err == ""
    assert main(["ingest", *map(str, SEED_FILES), "--out", str(tmp_path / "b.parquet")]) == 0
    assert "rows written to" in capfd.readouterr().err


@pytest.mark.parametrize("argv, message", [
    (["ingest", "{corpus}", "--out", "{tmp}/t.xlsx"], r"--out must end in \.parquet or \.csv"),
    (["ingest", "{tmp}/nothing-here", "--out", "{tmp}/t.parquet"], r"nothing-here"),
    (["compare", "{corpus}", "--by", "colour", "--out", "{tmp}/c.csv"],
     r"--by 'colour' is not a column of the article table; columns: doc_id"),
    (["compare", "{corpus}", "--target", "Pravda", "--out", "{tmp}/c.csv"],
     r"'Pravda' is not a value of 'outlet'; values: .*TASS"),
    (["topics", "{corpus}", "-k", "200", "--out", "{tmp}/t.csv"], r"Too few articles for 200 topics"),
    (["report", "{corpus}", "-p", "no value", "--out", "{tmp}/r"], r"-p expects NAME=VALUE"),
    (["report", "{corpus}", "--format", "docx", "--out", "{tmp}/r"], r"Unknown report format"),
    (["report", "{corpus}", "-p", "n_topic=5", "--out", "{tmp}/r"],
     r"-p n_topic: Unknown parameter 'n_topic'\. Did you mean n_topics\? Parameters: corpus_path, "),
    (["report", "{corpus}", "-p", "n_topics=1", "--out", "{tmp}/r"],
     r"-p n_topics: n_topics must be a whole number of topics, 2 or more, or 'auto'; got 1"),
    (["report", "{corpus}", "-p", "outlet_a=Pravda", "--out", "{tmp}/r"],
     r"-p outlet_a: outlet_a='Pravda' has no article in this corpus; its outlets are: .*TASS"),
    (["report", "{corpus}", "--columns", "headline", "--out", "{tmp}/r"],
     r"--columns expects THEIR=OURS \(e\.g\. texts=body\), got 'headline'"),
    (["report", "{corpus}", "--columns", "headline=heading", "--out", "{tmp}/r"],
     r"--columns: columns= maps input columns to article-table columns; \{'headline': 'heading'\}"),
    (["report", "{corpus}", "--jobs", "0", "--out", "{tmp}/r"], r"--jobs must be 1 or more, got 0"),
    (["report", "{corpus}", "-p", "corpus_path=x", "--out", "{tmp}/r"], r"give the corpus once"),
    (["topics", "{corpus}", "-k", "1", "--out", "{tmp}/t.csv"], r"-k must be 2 or more topics, got 1"),
])
def test_bad_input_exits_2_with_a_reason(tmp_path, capsys, argv, message):
    import re

    argv = [a.format(corpus=SMALL_CORPUS, tmp=tmp_path) for a in argv]
    assert main(argv + ["--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"corpus-tools {argv[0]}: ") and re.search(message, err), err


def test_a_failing_report_exits_1_and_names_the_cell(tmp_path, capsys, monkeypatch):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "01_broken.py").write_text(
        '# %% tags=["parameters"]\ncorpus_path = None\n\n# %%\nimport corpus_tools\ncorpus_tools.nope()\n',
        encoding="utf-8")
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", notebooks)
    assert main(["report", str(SMALL_CORPUS), "--out", str(tmp_path / "r"), "--format", "html",
                 "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "01_broken.py: cell 2 failed with AttributeError" in err and "nope" in err
    assert not (tmp_path / "r" / "01_broken.html").exists()


def test_version():
    done = subprocess.run([sys.executable, "-m", "corpus_tools.cli", "--version"],
                          capture_output=True, text=True)
    from corpus_tools import __version__

    assert done.returncode == 0 and done.stdout.strip() == f"corpus-tools {__version__}"


def test_report_maps_columns_and_runs_the_notebooks_of_a_folder(tmp_path, capsys):
    """--columns reaches load_corpus through the prepared corpus; --notebooks picks the folder."""
    export = tmp_path / "export.csv"
    frame = pd.read_csv(SMALL_CORPUS / "newsarticles_sample.csv", dtype=str, keep_default_na=False)
    frame.rename(columns={"text": "story_text", "title": "headline"}).to_csv(export, index=False)
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "01_titles.py").write_text(
        '# %% [markdown]\n# # Titles\n\n# %% tags=["parameters"]\ncorpus_path = None\ncolumns = None\n\n'
        '# %%\nimport corpus_tools as ct\nrows = ct.prepare(corpus_path, columns=columns).table\n'
        'print("TITLES", (rows["title"] != "").sum(), "BODIES", (rows["n_words"] > 0).sum())\n',
        encoding="utf-8")
    assert main(["report", str(export), "--columns", "story_text=body,headline=title", "--notebooks",
                 str(notebooks), "--format", "html", "--out", str(tmp_path / "r"), "--quiet"]) == 0
    page = (tmp_path / "r" / "01_titles.html").read_text(encoding="utf-8")
    # The same titles and bodies as the export under the names ingest knows.
    direct = load_corpus(SMALL_CORPUS / "newsarticles_sample.csv", progress=False, cache_dir=False,
                         log_path=False)
    expected = f"TITLES {(direct['title'] != '').sum()} BODIES {(direct['n_words'] > 0).sum()}"
    assert expected in page, page[-2000:]


def test_report_parameters_are_read_as_python_literals():
    from corpus_tools.cli import _parameter

    assert _parameter("n_topics=12") == ("n_topics", 12)
    assert _parameter("reference_date=2025-07-21") == ("reference_date", "2025-07-21")
    assert _parameter("outlets=['TASS', 'BBC']") == ("outlets", ["TASS", "BBC"])
    assert _parameter("corpus_path=None") == ("corpus_path", None)
