"""load_corpus on bad input: nothing lost, every problem logged in words, strict raises."""
from __future__ import annotations

import gzip
import json
import shutil
import zipfile

import pandas as pd
import pytest

import corpus_tools.ingest.loader as loader
from corpus_tools import IngestError, load_corpus, read_ingest_log
from tests.conftest import RAW_DIR, SEED_FILES

NEWS_ZIP = RAW_DIR / "newsarticles" / "NewsArticles.zip"


def _load(paths, tmp_path, **kwargs):
    kwargs.setdefault("cache_dir", tmp_path / "cache")
    kwargs.setdefault("log_path", tmp_path / "log.csv")
    table = load_corpus(paths, progress=False, **kwargs)
    return table, read_ingest_log(tmp_path / "log.csv")


@pytest.fixture(scope="module")
def news_rows():
    """The first real articles of the newsarticles export, as a DataFrame."""
    with zipfile.ZipFile(NEWS_ZIP) as archive:
        return pd.read_csv(archive.open("NewsArticles.csv"), nrows=40)


@pytest.fixture()
def folder(tmp_path):
    """A data folder with the two seeds, so each test can add one bad file to it."""
    data = tmp_path / "raw"
    data.mkdir()
    for seed in SEED_FILES:
        shutil.copy(seed, data / seed.name)
    return data


def _problems(log):
    return dict(zip(log["file"].str.rsplit("/", n=1).str[-1], log["problem"]))


def test_empty_file_is_logged_and_the_rest_loads(folder, tmp_path):
    (folder / "empty.txt").write_bytes(b"")
    table, log = _load(folder, tmp_path)
    assert (table["kind"] == "article").sum() == 5
    assert _problems(log) == {"empty.txt": "empty file"}
    assert "0 bytes" in log["detail"].iloc[0]


def test_strict_raises_on_the_first_problem(folder, tmp_path):
    (folder / "empty.txt").write_bytes(b"")
    with pytest.raises(IngestError, match=r"empty\.txt: empty file: the file is empty"):
        _load(folder, tmp_path, strict=True)


def test_binary_file_is_logged(folder, tmp_path):
    (folder / "scan.txt").write_bytes(NEWS_ZIP.read_bytes()[:20000][::-1])
    table, log = _load(folder, tmp_path)
    assert _problems(log) == {"scan.txt": "binary file"}
    assert "not text" in log["detail"].iloc[0]
    assert len(table) == 15


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings_are_decoded(tmp_path, encoding):
    text = SEED_FILES[1].read_text(encoding="utf-8")
    if encoding == "latin-1":  # latin-1 has no curly quotes or dashes: write them plainly
        text = text.replace("\u2018", "'").replace("\u2019", "'").replace("\u2014", "-")
    path = tmp_path / f"page-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    table, log = _load(path, tmp_path)
    reference, _ = _load(SEED_FILES[1], tmp_path / "ref")
    assert log.empty
    assert table["title"].tolist() == reference["title"].tolist()
    assert table["body"].str.contains("Azerbaijani").any()


def test_truncated_gzip_is_logged(folder, tmp_path):
    packed = gzip.compress(SEED_FILES[1].read_bytes())
    (folder / "cut.txt.gz").write_bytes(packed[: len(packed) // 2])
    table, log = _load(folder, tmp_path)
    assert _problems(log) == {"cut.txt.gz": "damaged gzip file"}
    assert "truncated or corrupt" in log["detail"].iloc[0]
    assert len(table) == 15


def test_gzip_and_zip_are_opened_transparently(tmp_path):
    (tmp_path / "page.txt.gz").write_bytes(gzip.compress(SEED_FILES[1].read_bytes()))
    with zipfile.ZipFile(tmp_path / "pages.zip", "w") as archive:
        archive.write(SEED_FILES[0], arcname="dumps/" + SEED_FILES[0].name)
    table, log = _load([tmp_path / "page.txt.gz", tmp_path / "pages.zip"], tmp_path)
    assert log.empty and len(table) == 15
    assert table["source_file"].iloc[-1].endswith("pages.zip!dumps/" + SEED_FILES[0].name)


def test_one_malformed_json_line_keeps_the_others(tmp_path, news_rows):
    records = news_rows.head(5).to_dict("records")
    lines = [json.dumps(r) for r in records]
    lines.insert(2, lines[2][: len(lines[2]) // 2])  # a line cut in the middle
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table, log = _load(path, tmp_path)
    assert len(table) == 5
    assert log["problem"].tolist() == ["malformed JSON line"]
    assert "3" in log["detail"].iloc[0]  # names the line


def test_csv_without_body_column_names_the_columns_and_the_fix(tmp_path, news_rows):
    path = tmp_path / "titles.csv"
    news_rows[["article_id", "title", "article_source_link"]].to_csv(path, index=False)
    with pytest.raises(IngestError, match=r"(?s)no body column.*article_id.*columns="):
        _load(path, tmp_path, strict=True)
    table, log = _load(path, tmp_path)
    assert table.empty and log["problem"].tolist() == ["no body column"]


def test_columns_mapping_rescues_an_unusual_export(tmp_path, news_rows):
    path = tmp_path / "odd.csv"
    news_rows.rename(columns={"text": "story_words"}).to_csv(path, index=False)
    table, log = _load(path, tmp_path, columns={"story_words": "body"})
    assert len(table) == len(news_rows)
    assert log["problem"].tolist() == ["empty body"]  # row 22, a live blog, has no text


def test_columns_mapping_to_an_unknown_column_is_refused(tmp_path):
    with pytest.raises(ValueError, match="not article-table columns"):
        _load(SEED_FILES, tmp_path, columns={"story": "text"})


def test_fifty_megabyte_single_line_is_logged_not_parsed(tmp_path):
    sentence = SEED_FILES[1].read_text(encoding="utf-8").replace("\n", " ")
    path = tmp_path / "one-line.txt"
    path.write_text((sentence * (50_000_000 // len(sentence) + 1))[:50_000_000], encoding="utf-8")
    table, log = _load(path, tmp_path)
    assert table.empty
    assert log["problem"].tolist() == ["not page text"]
    assert "50,000,000 characters" in log["detail"].iloc[0]


def test_same_file_twice_gives_one_set_of_rows(folder, tmp_path):
    shutil.copy(SEED_FILES[0], folder / "copy-of-000.txt")
    table, log = _load([folder, SEED_FILES[0]], tmp_path)
    assert len(table) == 15
    assert log["problem"].tolist() == ["duplicate file", "duplicate file"]
    assert log["detail"].str.contains("000_1381af74c306a4a1.txt").all()


def test_unknown_format_and_documentation_are_logged(folder, tmp_path):
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    (folder / "README.md").write_text("About this folder", encoding="utf-8")
    _, log = _load(folder, tmp_path)
    problems = _problems(log)
    assert problems["README.md"] == "not an input"
    assert problems["notes.docx"] == "unreadable Word file"
    assert "not a Word document" in log.set_index("problem").loc["unreadable Word file", "detail"]


def test_missing_path_raises_with_its_name(tmp_path):
    with pytest.raises(FileNotFoundError, match="no-such-folder"):
        _load(tmp_path / "no-such-folder", tmp_path)


def test_cache_reparses_only_the_changed_input(folder, tmp_path, monkeypatch):
    first, _ = _load(folder, tmp_path)
    calls = []
    real_reader_for = loader.reader_for

    def counting_reader_for(fmt):
        reader = real_reader_for(fmt)
        return lambda member, options, log: calls.append(member.name) or reader(member, options, log)

    monkeypatch.setattr(loader, "reader_for", counting_reader_for)
    again, _ = _load(folder, tmp_path)
    assert calls == []
    pd.testing.assert_frame_equal(first, again)
    changed = folder / SEED_FILES[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\nListen\n", encoding="utf-8")
    _load(folder, tmp_path)
    assert [c.rsplit("/", 1)[-1] for c in calls] == [SEED_FILES[0].name]


def test_a_killed_cache_write_leaves_nothing_half_written(folder, tmp_path, monkeypatch):
    def dying_to_parquet(self, path, *args, **kwargs):
        with open(path, "wb") as handle:
            handle.write(b"PAR1 half a file")
        raise KeyboardInterrupt  # the run is killed mid-write

    monkeypatch.setattr(pd.DataFrame, "to_parquet", dying_to_parquet)
    with pytest.raises(KeyboardInterrupt):
        _load(folder, tmp_path)
    monkeypatch.undo()
    assert list((tmp_path / "cache").glob("*")) == []
    table, log = _load(folder, tmp_path)
    assert len(table) == 15 and log.empty


def test_a_damaged_cache_entry_is_read_again(folder, tmp_path):
    first, _ = _load(folder, tmp_path)
    for entry in (tmp_path / "cache").glob("*.parquet"):
        entry.write_bytes(b"garbage")
    again, _ = _load(folder, tmp_path)
    pd.testing.assert_frame_equal(first, again)


def test_impossible_dates_become_empty_not_an_error(tmp_path, news_rows):
    rows = news_rows.head(3).copy()
    rows["publish_date"] = ["0001-11-30", "2017/2/7", ""]  # as seen in the AllSides export
    path = tmp_path / "dates.csv"
    rows.to_csv(path, index=False)
    table, _ = _load(path, tmp_path)
    assert table["published"].isna().tolist() == [True, False, True]
