"""Whole-corpus runs: kill and resume, Dask equals local, export to DuckDB and Parquet."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.io.ingest import read_inputs
from extractor.run.batch import run_batch
from extractor.run.resume import done_ids


@pytest.fixture(scope="module")
def batch_file(tmp_path_factory, corpus_dir) -> Path:
    """60 articles: the sample corpus five times over under new ids, plus two bad lines."""
    p = tmp_path_factory.mktemp("batch") / "batch.jsonl"
    texts = [f.read_text(encoding="utf-8") for f in sorted(corpus_dir.glob("*.txt"))]
    with open(p, "w", encoding="utf-8") as fh:
        for k in range(12):
            for i, t in enumerate(texts):
                fh.write(json.dumps({"id": f"a{k:02d}-{i}", "text": t}, ensure_ascii=False) + "\n")
            if k == 5:
                fh.write('{"id": "broken", "text": \n')
                fh.write(json.dumps({"id": "empty", "text": ""}) + "\n")
    return p


def _lines(p: Path) -> list[str]:
    return [line for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory, batch_file) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("clean")
    out, err = d / "out.jsonl", d / "err.jsonl"
    summary = run_batch(read_inputs([str(batch_file)]), str(out), errors=str(err), workers=2, progress=False)
    assert (summary.records, summary.errors) == (60, 2)
    return out, err


def test_every_article_one_line(clean_run):
    out, err = clean_run
    ids = [json.loads(x)["id"] for x in _lines(out)] + [json.loads(x)["id"] for x in _lines(err)]
    assert len(ids) == len(set(ids)) == 62


def test_kill_and_resume_gives_the_same_lines(tmp_path, batch_file, clean_run):
    out, err = tmp_path / "out.jsonl", tmp_path / "err.jsonl"
    cmd = [sys.executable, "-m", "extractor", "extract", str(batch_file), "-o", str(out), "--errors", str(err),
           "--workers", "1", "-q", "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and (not out.exists() or len(_lines(out)) < 10):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_before = len(done_ids(str(out), str(err)))
    assert 0 < done_before < 62, "the run was not interrupted midway"
    # a torn last line, as a killed writer can leave, is repaired by resume
    with open(out, "a", encoding="utf-8") as fh:
        fh.write('{"id": "a99-torn", "tex')
    assert subprocess.run(cmd + ["--resume"], check=False, timeout=300).returncode == 1  # 2 bad lines
    clean_out, clean_err = clean_run
    assert out.read_bytes() == clean_out.read_bytes()  # byte-identical, order included
    assert err.read_bytes() == clean_err.read_bytes()


def test_dask_equals_local(tmp_path, corpus_dir):
    pytest.importorskip("distributed")
    local, dask_out = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run_batch(read_inputs([str(corpus_dir)]), str(local), workers=1, progress=False)
    run_batch(read_inputs([str(corpus_dir)]), str(dask_out), workers=2, progress=False, engine="dask")
    assert _lines(dask_out) == _lines(local)


@pytest.mark.parametrize("fmt", ["duckdb", "parquet"])
def test_export(tmp_path, clean_run, fmt):
    duckdb = pytest.importorskip("duckdb")
    from extractor.research.dataset import export
    from extractor.research.records import read_records

    out, _ = clean_run
    records = [json.loads(x) for x in _lines(out)]
    target = tmp_path / ("d.duckdb" if fmt == "duckdb" else "parquet")
    counts = export(read_records([str(out)]), str(target), fmt=fmt)
    assert counts["articles"] == 60
    assert counts["counts"] == sum(len(r["counts"]) for r in records)
    assert counts["documents"] == sum(len(r["documents"]) for r in records)
    con = duckdb.connect(str(target)) if fmt == "duckdb" else duckdb.connect()
    table = "articles" if fmt == "duckdb" else f"read_parquet('{target}/articles.parquet')"
    assert con.execute(f"select count(*) from {table}").fetchone()[0] == 60
    if fmt == "duckdb":
        n = con.execute("select count(*) from counts c join articles a using (article_id)").fetchone()[0]
        assert n == counts["counts"]


@pytest.mark.slow
def test_a_long_article_does_not_stall_the_other_worker(monkeypatch):
    """Output is in input order, but a worker on a long article holds back only the output:
    the other worker goes on far past its own queue (the reorder buffer, REORDER_LIMIT).
    With a buffer as small as the queues (64 articles) it stood idle behind the long one."""
    import multiprocessing

    from extractor.io.ingest import RawArticle
    from extractor.run import pool

    finished = multiprocessing.get_context("fork").Value("i", 0)

    def long_first(args):
        raw = args[0]
        if raw.id == "a0":  # waits until the other worker has done 150 articles (20 s at most)
            deadline = time.monotonic() + 20
            while finished.value < 150 and time.monotonic() < deadline:
                time.sleep(0.01)
            return True, json.dumps({"id": raw.id, "others_done": finished.value})
        with finished.get_lock():
            finished.value += 1
        return True, json.dumps({"id": raw.id})

    monkeypatch.setattr(pool, "process_to_json", long_first)
    items = [RawArticle(id=f"a{k}", text="Huyện Na Rì có 25 mô hình.") for k in range(300)]
    lines = [json.loads(line) for _, line in pool.process_json_stream(items, workers=2)]
    assert [x["id"] for x in lines] == [f"a{k}" for k in range(300)]
    assert lines[0]["others_done"] >= 150
