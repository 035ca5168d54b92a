"""The report pipeline: every notebook executes on the small committed corpus and
exports to offline HTML and to A4 PDF; failures name their cell; the index says what
a build was made from."""
from __future__ import annotations

import ast
import html
import sys
import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from corpus_tools import build_reports
from corpus_tools.reports import (PdfError, ReportError, notebook_sources, pdf_engine,
                                  print_pdf, show_table)
from tests.conftest import FIXTURES, RAW_DIR, ROOT, SEED_FILES

SMALL_CORPUS = FIXTURES / "small_corpus"
NOTEBOOKS = notebook_sources()  # notebooks/NN_*.py (CORPUS_TOOLS_NOTEBOOKS_DIR overrides)


@pytest.fixture(scope="module")
def small_table():
    from corpus_tools import load_corpus

    return load_corpus(SMALL_CORPUS, progress=False, cache_dir=False, log_path=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every notebook in notebooks/ built on the small corpus, as HTML and PDF, with a
    derived-data folder of its own (to count the stages the build stored)."""
    out = tmp_path_factory.mktemp("reports")
    before = os.environ.get("CORPUS_TOOLS_PROCESSED_DIR")
    os.environ["CORPUS_TOOLS_PROCESSED_DIR"] = str(tmp_path_factory.mktemp("processed"))
    try:
        written = build_reports(corpus=SMALL_CORPUS, out=out, formats=("html", "pdf"),
                                parameters={"reference_date": "2025-07-21"},
                                notebooks=NOTEBOOKS, progress=False)
        failures = {}
    except ReportError as exc:  # reported by the first test; the others check what was built
        written, failures = exc.written, exc.failures
    finally:
        processed = Path(os.environ["CORPUS_TOOLS_PROCESSED_DIR"])
        os.environ.pop("CORPUS_TOOLS_PROCESSED_DIR") if before is None else os.environ.__setitem__("CORPUS_TOOLS_PROCESSED_DIR", before)
    return out, written, failures, processed


def _built(built, suffix=".html"):
    out, written = built[:2]
    return [p for p in written if p.suffix == suffix and p.name != "index.html"]


def _pdftotext(pdf, *pages) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed; `make install` installs it")
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(["pdftotext", "-layout", *span, str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def _pdf_pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


# --- the small corpus -------------------------------------------------------------

def test_small_corpus_is_the_seeds_and_a_fixed_sample_of_the_raw_export():
    """How the fixture was made: rebuilding it gives the committed file."""
    raw = pd.read_csv(RAW_DIR / "newsarticles" / "NewsArticles.zip", dtype=str, keep_default_na=False)
    host = raw["article_source_link"].str.extract(r"https?://([^/]+)")[0]
    sample = (raw.groupby(host, sort=True, group_keys=False).sample(n=17, random_state=7)
              .sort_values("article_id", key=lambda s: s.astype(int)))
    committed = pd.read_csv(SMALL_CORPUS / "newsarticles_sample.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(committed.reset_index(drop=True), sample.reset_index(drop=True))
    for seed in RAW_DIR.glob("0*.txt"):
        assert (SMALL_CORPUS / seed.name).read_bytes() == seed.read_bytes()
    assert sum(p.stat().st_size for p in SMALL_CORPUS.iterdir()) < 1_000_000


# --- every notebook builds ----------------------------------------------------------

def test_every_notebook_builds_html_and_pdf_and_the_index_links_them(built, small_table):
    out, written, failures, _ = built
    assert not failures, "\n".join(failures.values())
    assert written[-1] == out / "index.html"
    index = written[-1].read_text(encoding="utf-8")
    for notebook in NOTEBOOKS:
        for suffix in (".html", ".pdf"):
            path = out / f"{notebook.stem}{suffix}"
            assert path in written and path.stat().st_size > 10_000, path.name
            assert f'href="{path.name}"' in index
    articles = small_table[small_table["kind"] == "article"]
    assert f"{len(articles):,} articles from {articles['outlet'].nunique():,} outlets" in index
    assert str(SMALL_CORPUS.resolve()) in index
    assert "reference_date" in index and "2025-07-21" in index
    assert re.search(r"corpus_tools</dt><dd>\d+\.\d+\.\d+", index)
    assert re.search(r"Built</dt><dd>\d{4}-\d\d-\d\d \d\d:\d\d UTC", index)


def test_reports_are_offline_script_free_and_hide_code(built):
    out = built[0]
    for page in _built(built) + [out / "index.html"]:
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text.lower(), page.name
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text), page.name
        assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", text), page.name
        assert "Content-Security-Policy" in text and "default-src 'none'" in text
        assert "import corpus_tools" not in text and "ct.load_corpus" not in text, page.name


def test_overview_report_shows_the_corpus_and_embeds_its_figures(built):
    page = (built[0] / "01_corpus_overview.html").read_text(encoding="utf-8")
    assert "<title>Corpus overview</title>" in page
    assert "The Straits Times" in page and "TASS" in page
    # plots.articles_per_outlet, articles_over_time, article_lengths
    assert len(re.findall(r'<img[^>]+src="data:image/png;base64,', page)) >= 3
    assert "TqdmWarning" not in page  # stderr (warnings, progress bars) is not for readers


# --- PDF ------------------------------------------------------------------------------

def test_pdf_is_a4_readable_on_every_page_without_code(built):
    assert _built(built, ".pdf")
    for pdf in _built(built, ".pdf"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert "(A4)" in info, f"{pdf.name} is not A4: {info}"
        for page in range(1, _pdf_pages(pdf) + 1):
            assert len(_pdftotext(pdf, page).split()) >= 5, f"{pdf.name} page {page} has no text"
        text = _pdftotext(pdf)
        assert not re.search(r"^\s*(?:import |from \S+ import |def )", text, re.MULTILINE), pdf.name
        assert "corpus_path =" not in text and "In [" not in text, pdf.name


def test_pdf_tables_are_not_cut_off(built, small_table):
    """Every row and the right-most column of the outlet table reach the paper."""
    text = _pdftotext(built[0] / "01_corpus_overview.pdf")
    assert "Corpus overview" in text
    assert "wire_share" in text  # the last column of the widest table
    flat = " ".join(text.split())
    for outlet in small_table.loc[small_table["kind"] == "article", "outlet"].unique():
        assert outlet in flat, f"{outlet!r} missing from the PDF"


def test_weasyprint_prints_when_there_is_no_chromium(built, tmp_path, monkeypatch):
    pytest.importorskip("weasyprint", reason="WeasyPrint is the fallback; not installed here")
    out = built[0]
    monkeypatch.setenv("CORPUS_TOOLS_CHROMIUM", "")  # "no Chromium on this machine"
    assert pdf_engine() == "weasyprint"
    pdf = print_pdf(out / "index.html", tmp_path / "index.pdf")
    assert "corpus_tools reports" in _pdftotext(pdf)


def test_asking_for_pdf_without_an_engine_fails_before_running_anything(tmp_path, monkeypatch):
    import sys

    monkeypatch.setenv("CORPUS_TOOLS_CHROMIUM", "")
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as if not installed
    with pytest.raises(PdfError, match=r"need Chromium or WeasyPrint.*--format html"):
        build_reports(out=tmp_path, formats="html,pdf", notebooks=NOTEBOOKS[:1], progress=False)
    assert not list(tmp_path.iterdir())


# --- failures -------------------------------------------------------------------------

def test_a_failing_notebook_names_its_cell_and_writes_no_report(tmp_path):
    broken = tmp_path / "99_broken.py"
    broken.write_text('# %% tags=["parameters"]\ncorpus_path = None\n\n# %%\n1 / 0\n', encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "99_broken.html").write_text("an old report", encoding="utf-8")
    with pytest.raises(ReportError, match=r"99_broken.py: cell 2 failed with ZeroDivisionError: "
                                          r"division by zero \(the cell at line 4 starting `1 / 0`\)"):
        build_reports(SEED_FILES, out=out, formats="html", notebooks=[broken], progress=False)
    assert not (out / "99_broken.html").exists()  # the stale one is gone too
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "not written" in index and "ZeroDivisionError" in index


def test_other_notebooks_still_build_when_one_fails(tmp_path):
    good = tmp_path / "01_good.py"
    good.write_text('# %% [markdown]\n# # A good one\n\n# %% tags=["parameters"]\ncorpus_path = None\n'
                    'note = ""  # a note of this notebook\'s own\n\n# %%\nprint("fine", note)\n',
                    encoding="utf-8")
    bad = tmp_path / "02_bad.py"
    bad.write_text('# %% tags=["parameters"]\ncorpus_path = None\n\n# %%\nraise KeyError("outlet")\n',
                   encoding="utf-8")
    with pytest.raises(ReportError, match=r"02_bad.py: cell 2 failed with KeyError") as caught:
        build_reports(corpus=SMALL_CORPUS, out=tmp_path / "out", formats="html",
                      parameters={"note": "<script>alert(1)</script>"},
                      notebooks=[good, bad], progress=False)
    assert set(caught.value.failures) == {"02_bad"}
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<script" not in index and "&lt;script&gt;alert(1)&lt;/script&gt;" in index
    assert (tmp_path / "out" / "01_good.html").exists()
    assert "<title>A good one</title>" in (tmp_path / "out" / "01_good.html").read_text(encoding="utf-8")


def test_unknown_format_is_refused_with_the_choices(tmp_path):
    with pytest.raises(ValueError, match=r"Unknown report format\(s\) \['docx'\]; choose from html, pdf"):
        build_reports(out=tmp_path, formats="html,docx", notebooks=NOTEBOOKS[:1], progress=False)


def test_every_notebook_is_paired_and_has_a_parameters_cell():
    import jupytext

    assert NOTEBOOKS, "no notebooks/NN_*.py found"
    for source in NOTEBOOKS:
        assert source.with_suffix(".ipynb").exists(), f"{source.name} has no paired .ipynb"
        notebook = jupytext.read(source)
        tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, source.name
        assert "corpus_path" in tagged[0].source
        paired = jupytext.read(source.with_suffix(".ipynb"))
        assert all(not c.get("outputs") for c in paired.cells if c.cell_type == "code")


# --- show_table ---------------------------------------------------------------------

def test_show_table_shows_the_top_rows_and_counts_the_rest(small_table):
    shown = show_table(small_table[["outlet", "title", "published", "body"]], n=5)
    page = shown._repr_html_()
    assert len(re.findall(r"<tr[ >]", page)) == 6  # header + 5 rows
    rest = len(small_table) - 5
    assert f"Top 5 rows shown; {rest:,} more not shown ({len(small_table):,} in all)." in page
    assert all(len(b) <= 160 for b in shown.frame["body"])  # long text is cut to fit a page
    assert "00:00:00" not in page  # dates without a time of day are shown as dates


def test_show_table_escapes_markup_and_refuses_bad_input():
    planted = pd.DataFrame({"title": ["<script>alert(1)</script> <!-- x --> $x^2$"]})
    page = show_table(planted)._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;!-- x --&gt;" in page
    assert "1 row." in page
    with pytest.raises(ValueError, match="n >= 1"):
        show_table(planted, n=0)
    with pytest.raises(TypeError, match="expects a pandas DataFrame or Series, got list"):
        show_table([1, 2])


# --- one prepared corpus, shared parameters ------------------------------------------

def test_the_build_prepares_the_corpus_once_for_every_notebook(built):
    processed = built[3]
    stages = {p.name: [k.name for k in p.iterdir() if not k.name.startswith(".")]
              for p in (processed / "prepared").iterdir()}
    # One folder per stage: no notebook computed a stage of its own (a notebook with
    # other parameters, or one that did not find the stored stages, would add one).
    assert stages.keys() == {"load", "copies", "stories", "dtm", "choice", "topics", "attributions"}
    assert all(len(keys) == 1 for keys in stages.values()), stages
    topics = (built[0] / "02_topics.html").read_text(encoding="utf-8")
    k = re.search(r"The model has (\d+) topics", topics).group(1)
    manifest = (processed / "prepared" / "topics" / stages["topics"][0] / "manifest.json").read_text()
    assert f'"n_topics": {k}' in manifest


def test_every_notebook_declares_the_shared_parameters_with_their_defaults():
    from corpus_tools.prepared import Parameters
    from corpus_tools.reports import notebook_parameters

    for source in NOTEBOOKS:
        declared = notebook_parameters(source)
        for name, default in Parameters.defaults().items():
            assert name in declared, f"{source.name} lacks the shared parameter {name}"
            assert ast.literal_eval(declared[name][0]) == default, (source.name, name)


#: Outlets of the default corpus. A notebook is about any corpus: none of its prose or
#: code names one (findings are written from results, see corpus_tools.reports.findings).
DEFAULT_OUTLETS = ["TASS", "BBC", "CNN", "Al Jazeera", "ABC News", "RTÉ", "HuffPost", "DW",
                   "China Daily", "The Star", "Straits Times", "Daily8", "Malay Mail", "Xinhua",
                   "Reuters", "AFP", "Bloomberg"]


@pytest.mark.parametrize("source", NOTEBOOKS, ids=lambda p: p.name)
def test_no_notebook_speaks_about_a_particular_corpus(source):
    text = source.read_text(encoding="utf-8")
    # Examples of what the text of any corpus looks like are fine in quotes ("(Reuters)",
    # "according to Xinhua"); statements about outlets are not.
    unquoted = re.sub(r'"[^"\n]*"', '""', text)
    named = [o for o in DEFAULT_OUTLETS if re.search(rf"(?<!\w){re.escape(o)}(?!\w)", unquoted)]
    assert not named, f"{source.name} names {named}"


def test_report_help_lists_every_parameter_with_its_default():
    from corpus_tools.reports import report_parameters

    done = subprocess.run([sys.executable, "-m", "corpus_tools.cli", "report", "--help"],
                          capture_output=True, text=True, check=True)
    for param in report_parameters(NOTEBOOKS):
        assert f"    {param.name} = {param.default}" in done.stdout, param.name
        assert param.help.split()[0] in done.stdout
    assert "n_topics = 'auto'" in done.stdout and "--columns THEIR=OURS" in done.stdout


def test_an_unknown_parameter_is_refused_before_anything_runs(tmp_path):
    from corpus_tools.prepared import ParameterError

    with pytest.raises(ParameterError, match=r"Unknown parameter 'outlet_c'\. Did you mean "
                                             r"outlet_[ab]\? Parameters: corpus_path, .*n_show"):
        build_reports(SMALL_CORPUS, out=tmp_path, formats="html", notebooks=NOTEBOOKS,
                      parameters={"outlet_c": "TASS"}, progress=False)
    with pytest.raises(ParameterError, match=r"n_topics=99 asks for more topics than the 157"):
        build_reports(SMALL_CORPUS, out=tmp_path, formats="html", notebooks=NOTEBOOKS,
                      parameters={"n_topics": 99}, progress=False)
    assert not list(tmp_path.iterdir())


# --- tables and pages that read well -------------------------------------------------

def test_cut_tables_say_where_the_whole_table_is_and_it_is_there(built):
    out = built[0]
    linked = 0
    for page in _built(built):
        text = page.read_text(encoding="utf-8")
        for total, href in re.findall(r'\(([\d,]+) in all\)\. The whole table: <a href="([^"]+)"', text):
            table = pd.read_csv(out / href)
            assert href.startswith(f"tables/{page.stem}/") and len(table) == int(total.replace(",", ""))
            linked += 1
    assert linked  # the small corpus has tables longer than a page shows


def test_no_page_is_half_blank(built):
    """A figure that does not fit moves to the next page: never more than half a page
    is left blank before it (the last page of a report may end where it ends)."""
    import numpy as np
    from PIL import Image

    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed; `make install` installs it")
    for pdf in _built(built, ".pdf"):
        folder = pdf.parent / f"{pdf.stem}_pages"
        folder.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "20", "-gray", str(pdf), str(folder / "p")], check=True)
        pages = sorted(folder.glob("p-*.pgm"))
        for number, image in enumerate(pages[:-1], 1):
            ink = (np.asarray(Image.open(image)) < 245).any(axis=1)  # rows with anything on them
            used = (np.flatnonzero(ink)[-1] + 1) / len(ink) if ink.any() else 0
            assert used > 0.5, f"{pdf.name} page {number} is {1 - used:.0%} blank"


def test_show_table_formats_numbers_dates_and_shares():
    from corpus_tools.reports import format_table

    table = pd.DataFrame({"outlet": ["TASS", "BBC"], "articles": [485.0, 3824.0],
                          "wire_share": [0.925773, 0.0],
                          "first": pd.to_datetime(["2016-04-19", None], utc=True),
                          "seen": pd.to_datetime(["2016-04-19 13:05", "2016-04-20 09:00"], utc=True),
                          "z": [2.3456, -12.5]})
    shown = format_table(table, percent=["wire_share"])
    assert shown.to_dict("list") == {
        "outlet": ["TASS", "BBC"], "articles": ["485", "3,824"], "wire_share": ["92.6%", "0.0%"],
        "first": ["2016-04-19", ""], "seen": ["2016-04-19 13:05", "2016-04-20 09:00"],
        "z": ["2.35", "-12.50"]}
    series = show_table(pd.Series([1, 2], index=["a", "b"], name="count"))
    assert "dtype" not in repr(series) and "Name:" not in repr(series)


def test_a_wide_table_is_split_and_keeps_its_first_column():
    wide = pd.DataFrame({"outlet": [f"Outlet {i}" for i in range(3)],
                         **{f"topic {k}": [0.1 * k] * 3 for k in range(13)}})
    shown = show_table(wide, max_columns=8)
    blocks = shown.blocks()
    assert len(blocks) == 2 and all(b.columns[0] == "outlet" for b in blocks)
    assert [c for b in blocks for c in b.columns if c != "outlet"] == list(wide.columns[1:])
    page = shown._repr_html_()
    assert "Columns, part 1 of 2" in page and "Columns, part 2 of 2" in page
    indexed = show_table(wide.set_index("outlet"), max_columns=8)
    assert [b.columns[0] for b in indexed.blocks()] == ["outlet", "outlet"]


def test_the_index_is_shown_when_it_says_what_a_row_is_and_text_reads_from_the_left(small_table):
    # Row numbers left by filtering and sorting say nothing: not shown.
    longest = small_table.sort_values("n_words", ascending=False)[["outlet", "title", "n_words"]]
    shown = show_table(longest, n=5)
    assert list(shown.frame.columns) == ["outlet", "title", "n_words"]
    assert str(longest.index[0]) not in repr(shown).split("\n")[1].split()
    # An index of outlets (or any named key) is the first column, under one header row,
    # kept in every block; a date index is formatted as a date.
    counts = small_table.groupby("outlet").size().rename("articles").sort_values(ascending=False)
    by_outlet = show_table(counts)
    assert list(by_outlet.frame.columns) == ["outlet", "articles"]
    page = by_outlet._repr_html_()
    assert page.count("<tr") == len(counts) + 1 and "<th></th>" not in page
    months = small_table.set_index("published")["n_words"].dropna().resample("MS").sum()
    assert show_table(months).frame["published"].iloc[0] == f"{months.index[0]:%Y-%m-%d}"
    # Text reads from the left (values and header), numbers from the right.
    outlet = html.escape(counts.index[0])
    left = '<div style="text-align:left;white-space:normal">'
    assert f'<td>{left}{outlet}</div></td>' in page and f'<th>{left}outlet</div></th>' in page
    dated = show_table(small_table[["outlet", "published"]].dropna())._repr_html_()
    assert re.search(r"<td>\d{4}-\d\d-\d\d</td>", dated)  # dates: one line, not text
    assert re.search(rf"<td>{counts.iloc[0]:,}</td>", page)
    lines = repr(by_outlet).splitlines()
    assert lines[0].startswith("outlet") and lines[1].startswith(counts.index[0])
    assert lines[1].endswith(f"{counts.iloc[0]:,}")
    # An index that repeats a column's name stays a column of its own.
    both = show_table(counts.to_frame().assign(outlet="x"))
    assert list(both.frame.columns) == ["outlet", "articles", "outlet"]


def test_a_cut_table_is_written_whole_as_csv(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUS_TOOLS_TABLES_DIR", str(tmp_path / "tables" / "02_topics"))
    table = pd.DataFrame({"term": [f"t{i}" for i in range(50)], "n": range(50)})
    shown = show_table(table, n=10, name="terms")
    assert shown.csv == tmp_path / "tables" / "02_topics" / "terms.csv"
    assert pd.read_csv(shown.csv)["term"].tolist() == table["term"].tolist()
    assert ("Top 10 rows shown; 40 more not shown (50 in all). The whole table: "
            "tables/02_topics/terms.csv.") in repr(shown)
    assert '<a href="tables/02_topics/terms.csv">' in shown._repr_html_()
    assert show_table(table, n=50).csv is None  # nothing cut, nothing written
