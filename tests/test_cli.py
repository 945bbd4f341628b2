"""The command line end to end: extract, eval, schema, and bad input inside a batch."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import shared_path

from extractor.cli import main
from extractor.record import Article, validate_spans


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def corpus_records(tmp_path_factory, corpus_dir) -> list[dict]:
    out = tmp_path_factory.mktemp("cli") / "out.jsonl"
    assert main(["extract", str(corpus_dir), "-o", str(out), "-q"]) == 0
    return _records(out)


def test_extract_corpus_gives_five_valid_records(corpus_records, capsys):
    assert len(corpus_records) == 5
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    for rec in corpus_records:
        jsonschema.validate(rec, schema)
        article = Article.model_validate(rec)
        assert validate_spans(article) == [], rec["id"]


def test_records_keep_text_and_ids(corpus_records, seed_texts):
    by_id = {r["id"]: r for r in corpus_records}
    assert set(by_id) == set(seed_texts)
    for sid, text in seed_texts.items():
        assert by_id[sid]["text"] == text  # the seeds are NFC already: nothing rewritten
        assert by_id[sid]["schema_version"] == "1"


def test_bad_articles_become_error_lines_and_the_rest_still_come_out(tmp_path, corpus_dir):
    (tmp_path / "good.txt").write_text((corpus_dir / "000_36cf266247e648e0.txt").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "latin.txt").write_bytes("Vi\u00ea\u0323t Nam".encode("cp1258") + b"\xff")
    (tmp_path / "batch.jsonl").write_text('{"id": "j1", "text": "Có 20 mô hình."}\n{broken\n', encoding="utf-8")
    out, err = tmp_path / "out.jsonl", tmp_path / "err.jsonl"
    code = main(["extract", str(tmp_path / "*.txt"), str(tmp_path / "batch.jsonl"), "-o", str(out),
                 "--errors", str(err), "-q"])
    assert code == 1  # some articles failed
    assert sorted(r["id"] for r in _records(out)) == ["good", "j1"]
    errors = _records(err)
    assert sorted(e["id"] for e in errors) == ["batch:2", "binary", "empty", "latin"]
    assert all(e["message"] and e["stage"] == "ingest" for e in errors)


def test_missing_input_exit_code(capsys):
    assert main(["extract", "/nonexistent/file.txt"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_unknown_field_exit_code(capsys, corpus_dir):
    assert main(["extract", str(corpus_dir), "--fields", "nonsense"]) == 2


def test_stdin_and_module_entry_point(corpus_dir):
    text = (corpus_dir / "003_27a8761bb2890747.txt").read_text(encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "extractor", "extract", "-", "-q"], input=text.encode(),
                          capture_output=True, timeout=120, check=True)
    (rec,) = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert rec["outlet"] == "baonghean.vn" and rec["published"] == "2021-05-29"


def test_eval_scores_the_seeds(capsys):
    gold = shared_path("gold")
    assert main(["eval", "--gold", str(gold)]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line and not line.startswith(" ")}
    for field in ("title", "published", "outlet", "authors"):
        assert float(rows[field][3]) == 1.0, out
