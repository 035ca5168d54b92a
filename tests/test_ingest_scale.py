"""Streaming ingest: iter_articles, load_corpus(out=...) and ingest on Dask give exactly
the in-memory article table, without holding the corpus."""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from corpus_tools import IngestError, load_corpus, read_ingest_log
from corpus_tools.batches import iter_table_batches
from corpus_tools.ingest import iter_articles, loader, sources
from corpus_tools.ingest.errors import IngestLog
from corpus_tools.ingest.dataset import MANIFEST, is_corpus_dataset
from corpus_tools.schema import ARTICLE_COLUMNS
from tests.conftest import RAW_DIR, SEED_FILES

QUIET = dict(progress=False, cache_dir=False)


def _same_table(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """Article columns exactly (dtypes too); extra input columns by value."""
    articles = list(ARTICLE_COLUMNS)
    pd.testing.assert_frame_equal(got[articles], want[articles])
    assert list(got.columns) == list(want.columns)
    # Extra columns by value, as text: a Parquet dataset stores them as text, while an
    # in-memory CSV export gives whole numbers as integers.
    for column in got.columns.difference(articles):
        assert got[column].astype("string").astype(object).where(got[column].notna(), None).tolist() == \
            want[column].astype("string").astype(object).where(want[column].notna(), None).tolist()


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """One parse cache for this module: the default corpus is parsed once, then the
    tests exercise the streaming, writing and Dask steps on cached parses."""
    return tmp_path_factory.mktemp("scale_cache")


@pytest.fixture()
def mixed(tmp_path):
    """Seeds, three pages of one site sharing a promo line, a duplicate file and a
    repeated article: every cross-file step has work to do."""
    data = tmp_path / "mixed"
    data.mkdir()
    for seed in SEED_FILES:
        shutil.copy(seed, data / seed.name)
    shutil.copy(SEED_FILES[0], data / "zz_copy.txt")  # duplicate file
    seeds = load_corpus(SEED_FILES, log_path=False, **QUIET)
    articles = seeds[seeds["kind"] == "article"].iloc[2:5]
    promo = "Readers who enjoyed this report can find more analysis in our weekly edition."
    for i, row in enumerate(articles.itertuples()):
        (data / f"page{i}.txt").write_text(
            f"{row.title}\nThe Star\nJuly 21, 2025\n{row.body}\n{promo}\n", encoding="utf-8")
    export = pd.DataFrame({"title": ["A", "A", "B"], "body": ["x y z", "x y z", "b c"],
                           "url": ["https://www.reuters.com/a"] * 2 + ["https://www.reuters.com/b"],
                           "desk": ["world", "world", "us"]})
    export.to_csv(data / "export.csv", index=False)  # rows 0 and 1: one article
    return data


def test_batches_concatenate_to_load_corpus_on_the_default_corpus(default_corpus, cache, tmp_path):
    batches = list(iter_articles(RAW_DIR, batch_size=500, log_path=tmp_path / "log.csv",
                                 progress=False, cache_dir=cache))
    assert [len(b) for b in batches[:-1]] == [500] * (len(batches) - 1)
    assert len(batches) == -(-len(default_corpus) // 500)
    pd.testing.assert_frame_equal(pd.concat(batches), default_corpus)
    assert len(read_ingest_log(tmp_path / "log.csv")) == 1  # the export's empty bodies


def test_cross_file_steps_do_not_depend_on_the_batch_size(mixed, tmp_path):
    whole = load_corpus(mixed, log_path=tmp_path / "whole.csv", **QUIET)
    assert not whole["body"].str.contains("Readers who enjoyed").any()  # template line
    assert whole["doc_id"].is_unique
    for size in (1, 4, 1000):
        log = tmp_path / f"log{size}.csv"
        got = pd.concat(iter_articles(mixed, batch_size=size, log_path=log, **QUIET))
        pd.testing.assert_frame_equal(got, whole)
        assert read_ingest_log(log).equals(read_ingest_log(tmp_path / "whole.csv"))
    problems = read_ingest_log(tmp_path / "whole.csv")["problem"].tolist()
    assert "duplicate file" in problems and "duplicate article" in problems


def test_strict_raises_from_the_iteration(mixed):
    with pytest.raises(IngestError, match="duplicate"):
        list(iter_articles(mixed, strict=True, log_path=False, **QUIET))


def test_dataset_reads_back_as_the_table_with_pandas_dask_and_batches(default_corpus, cache, tmp_path):
    out = load_corpus(RAW_DIR, out=tmp_path / "corpus.parquet", batch_size=1000,
                      log_path=False, progress=False, cache_dir=cache)
    assert out == tmp_path / "corpus.parquet"
    assert sorted(p.name for p in out.glob("*.parquet")) == [f"part-0000{i}.parquet" for i in range(4)]
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["rows"] == len(default_corpus) and manifest["parts"] == 4
    _same_table(pd.read_parquet(out), default_corpus)
    _same_table(pd.concat(iter_table_batches(out, batch_size=700)), default_corpus)
    dd = pytest.importorskip("dask.dataframe")
    _same_table(dd.read_parquet(out).compute().reset_index(drop=True), default_corpus)


def test_parts_share_one_schema_when_inputs_have_different_columns(mixed, tmp_path):
    import pyarrow.parquet as pq

    out = load_corpus(mixed, out=tmp_path / "ds", batch_size=3, log_path=False, **QUIET)
    schemas = {str(pq.read_schema(p)) for p in out.glob("part-*.parquet")}
    assert len(schemas) == 1 and "desk" in schemas.pop()  # only the export has "desk"
    _same_table(pd.read_parquet(out), load_corpus(mixed, log_path=False, **QUIET))


def test_out_replaces_our_dataset_and_refuses_anything_else(tmp_path):
    out = load_corpus(SEED_FILES, out=tmp_path / "ds", log_path=False, **QUIET)
    out = load_corpus(SEED_FILES[:1], out=out, log_path=False, **QUIET)  # replaced
    assert is_corpus_dataset(out) and len(pd.read_parquet(out)) < 15
    assert not list(tmp_path.glob(".ds*"))  # no temporary folders left behind
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me")
    with pytest.raises(FileExistsError, match="not an article dataset"):
        load_corpus(SEED_FILES, out=other, log_path=False, **QUIET)
    assert (other / "notes.txt").read_text() == "keep me"


def test_a_failed_run_leaves_the_old_dataset(tmp_path):
    out = load_corpus(SEED_FILES, out=tmp_path / "ds", log_path=False, **QUIET)
    before = pd.read_parquet(out)
    (tmp_path / "bad.txt").write_bytes(b"")
    with pytest.raises(IngestError):
        load_corpus([*SEED_FILES, tmp_path / "bad.txt"], out=out, strict=True, log_path=False, **QUIET)
    pd.testing.assert_frame_equal(pd.read_parquet(out), before)
    assert not list(tmp_path.glob(".ds*"))


def test_dask_gives_the_single_process_table_and_dataset(dask_client, default_corpus, mixed, tmp_path):
    # A fresh cache: the workers parse (and cache) the files themselves.
    got = load_corpus(RAW_DIR, scheduler=dask_client, log_path=tmp_path / "log.csv",
                      cache_dir=tmp_path / "cache", progress=False)
    pd.testing.assert_frame_equal(got, default_corpus)
    whole = load_corpus(mixed, log_path=tmp_path / "one.csv", **QUIET)
    batches = list(iter_articles(mixed, batch_size=4, scheduler=dask_client,
                                 log_path=tmp_path / "dask.csv", **QUIET))
    pd.testing.assert_frame_equal(pd.concat(batches), whole)
    assert read_ingest_log(tmp_path / "dask.csv").equals(read_ingest_log(tmp_path / "one.csv"))
    out = load_corpus(RAW_DIR, out=tmp_path / "ds", batch_size=1000, scheduler=dask_client,
                      log_path=False, progress=False, cache_dir=tmp_path / "cache")
    _same_table(pd.read_parquet(out), default_corpus)


def test_a_cached_parse_logs_what_a_fresh_parse_logged(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"title": "T", "body": "one two"}\n{broken\n'
                                    '{"title": "U", "body": ""}\n', encoding="utf-8")
    logs = []
    for run in range(2):  # the second run reads the parse from the cache
        load_corpus(folder, progress=False, cache_dir=tmp_path / "cache", log_path=tmp_path / f"{run}.csv")
        logs.append(read_ingest_log(tmp_path / f"{run}.csv"))
    assert set(logs[0]["problem"]) == {"malformed JSON line", "empty body"}
    assert logs[1].equals(logs[0])


# --- one large JSON-lines file, in pieces ---------------------------------------------
ALLSIDES_SAMPLE = Path(__file__).parent / "fixtures" / "allsides" / "allsides_sample.jsonl"


@pytest.fixture()
def small_pieces(monkeypatch):
    """Pieces of 20 kB, so that the 138 kB allsides sample (28 articles) comes in 7."""
    monkeypatch.setattr(sources, "JSONL_PIECE_BYTES", 20_000)


def test_a_large_json_lines_file_gives_the_rows_of_a_whole_read(small_pieces, tmp_path):
    pieces = list(sources.open_members(ALLSIDES_SAMPLE, IngestLog(strict=True)))
    assert len(pieces) == 7
    assert b"".join(p.data for p in pieces) == ALLSIDES_SAMPLE.read_bytes()
    assert all(p.data.endswith(b"\n") for p in pieces)  # no record cut in two
    assert [p.first_line for p in pieces][:2] == [0, pieces[0].data.count(b"\n")]
    assert sources.read_source_text(ALLSIDES_SAMPLE.as_posix()) == ALLSIDES_SAMPLE.read_text("utf-8")

    with pytest.MonkeyPatch.context() as whole_file:
        whole_file.setattr(sources, "JSONL_PIECE_BYTES", 10**9)
        whole = load_corpus(ALLSIDES_SAMPLE, log_path=False, **QUIET)
    assert len(whole) == 28
    pd.testing.assert_frame_equal(load_corpus(ALLSIDES_SAMPLE, log_path=False, **QUIET), whole)
    gzipped = tmp_path / "allsides.jsonl.gz"
    gzipped.write_bytes(gzip.compress(ALLSIDES_SAMPLE.read_bytes()))
    got = load_corpus(gzipped, log_path=False, **QUIET)
    pd.testing.assert_frame_equal(got.drop(columns="source_file"), whole.drop(columns="source_file"))
    assert set(got["source_file"]) == {gzipped.as_posix()[:-3]}


def test_pieces_are_parsed_as_the_batches_are_consumed(small_pieces, monkeypatch):
    parsed = []
    parse_member = loader.parse_member
    monkeypatch.setattr(loader, "parse_member",
                        lambda member, *a, **k: parsed.append(member) or parse_member(member, *a, **k))
    batches = iter_articles(ALLSIDES_SAMPLE, batch_size=2, log_path=False, **QUIET)
    first = next(batches)
    assert len(first) == 2 and len(parsed) == 1  # the other six pieces not yet read
    assert sum(map(len, batches)) == 26 and len(parsed) == 7


def test_a_truncated_gzip_keeps_the_records_before_the_damage(small_pieces, tmp_path):
    whole = load_corpus(ALLSIDES_SAMPLE, log_path=False, **QUIET)
    packed = gzip.compress(ALLSIDES_SAMPLE.read_bytes())
    damaged = tmp_path / "allsides.jsonl.gz"
    damaged.write_bytes(packed[: len(packed) // 2])
    got = load_corpus(damaged, log_path=tmp_path / "log.csv", **QUIET)
    assert 0 < len(got) < len(whole)
    assert got["doc_id"].tolist() == whole["doc_id"].tolist()[: len(got)]
    log = read_ingest_log(tmp_path / "log.csv")
    assert log["problem"].tolist() == ["damaged gzip file"]
    assert "records before the damage were read" in log["detail"].iloc[0]
    with pytest.raises(IngestError, match="damaged gzip file"):
        load_corpus(damaged, strict=True, log_path=False, **QUIET)


def test_a_malformed_line_in_a_later_piece_is_logged_with_its_line_in_the_file(small_pieces, tmp_path):
    lines = ALLSIDES_SAMPLE.read_bytes().splitlines(keepends=True)
    lines[19] = b"{broken\n"
    damaged = tmp_path / "allsides.jsonl"
    damaged.write_bytes(b"".join(lines))
    got = load_corpus(damaged, log_path=tmp_path / "log.csv", **QUIET)
    assert len(got) == 27 and 19 not in set(got["source_index"])
    log = read_ingest_log(tmp_path / "log.csv")
    malformed = log[log["problem"] == "malformed JSON line"]
    assert malformed["detail"].str.startswith("line 20:").tolist() == [True]
    with pytest.MonkeyPatch.context() as whole_file:
        whole_file.setattr(sources, "JSONL_PIECE_BYTES", 10**9)
        whole = load_corpus(damaged, log_path=tmp_path / "whole.csv", **QUIET)
    pd.testing.assert_frame_equal(got, whole)
    # The same problems; counts such as "1 of 27 dates" are per piece.
    assert log["problem"].tolist() == read_ingest_log(tmp_path / "whole.csv")["problem"].tolist()
