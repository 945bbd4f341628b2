"""Ingest: every input format, and bad input ending as a per-article error."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from extractor.io.ingest import DecodeError, IngestError, RawArticle, decode_bytes, read_file, read_inputs

SEED = "000_36cf266247e648e0"


def _one(path: Path) -> RawArticle | IngestError:
    items = list(read_file(str(path)))
    assert len(items) == 1
    return items[0]


def test_utf8_text_file(corpus_dir):
    item = _one(corpus_dir / f"{SEED}.txt")
    assert isinstance(item, RawArticle)
    assert item.id == SEED and item.text.startswith("Thứ Hai, 4/12/2023")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le-bom"], ids=["bom", "utf16", "utf16le"])
def test_bom_and_utf16(tmp_path, encoding):
    text = "Đến nay, toàn tỉnh có 2.011 mô hình “Dân vận khéo”."
    data = b"\xff\xfe" + text.encode("utf-16-le") if encoding == "utf-16-le-bom" else text.encode(encoding)
    p = tmp_path / "a.txt"
    p.write_bytes(data)
    item = _one(p)
    assert isinstance(item, RawArticle) and item.text == text


def test_gzip_text(tmp_path, corpus_dir):
    p = tmp_path / "x.txt.gz"
    p.write_bytes(gzip.compress((corpus_dir / f"{SEED}.txt").read_bytes()))
    item = _one(p)
    assert isinstance(item, RawArticle) and item.id == "x" and "2.011 mô hình" in item.text


def test_jsonl_with_bad_line_keeps_the_others(tmp_path):
    p = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "url": "https://baonghean.vn/x.html", "title": "T", "text": "Có 20 mô hình.",
                    "published": "2021-05-29"}, ensure_ascii=False),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"id": "a2", "html": "<html><body><p>Có 30 mô hình.</p></body></html>"}),
        json.dumps({"id": "a3", "text": ""}),
        "[1, 2]",
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_file(str(p)))
    assert [type(i).__name__ for i in items] == ["RawArticle", "IngestError", "RawArticle", "IngestError", "IngestError"]
    assert items[0].url == "https://baonghean.vn/x.html" and items[0].published == "2021-05-29"
    assert items[1].error == "BadJSONLine" and "line 2" in items[1].message
    assert items[3].id == "a3" and items[3].error == "EmptyArticle"


def test_jsonl_gz_and_date_key(tmp_path):
    p = tmp_path / "b.jsonl.gz"
    p.write_bytes(gzip.compress(json.dumps({"id": "z", "text": "Có 5 mô hình.", "date": "2020-01-02"}).encode()))
    (item,) = list(read_file(str(p)))
    assert item.id == "z" and item.published == "2020-01-02"


def test_html_file(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("<html><head><title>T</title></head><body><p>Có 5 mô hình.</p></body></html>", encoding="utf-8")
    item = _one(p)
    assert isinstance(item, RawArticle) and item.html and item.id == "page"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "empty file"),
        (b"\x00\x01\x02\x00\x00\x00\xff\x00" * 64, "binary"),
        (b"Vi\xea\xcc\xa3t Nam \xff\xfe\xfa", "not valid UTF-8"),
        ("Vi\u00ea\u0323t Nam l\u00e0 \u0111\u00e2\u0301t n\u01b0\u01a1\u0301c".encode("cp1258"), "Windows-1258"),
        # TCVN3 (ABC) text saved as if it were Latin-1 and converted to UTF-8
        ("Céng hßa x· héi chñ nghÜa ViÖt Nam".encode(), "TCVN3"),
        # VNI text, likewise
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam".encode(), "VNI"),
    ],
    ids=["empty", "binary", "invalid-utf8", "cp1258", "tcvn3", "vni"],
)
def test_bad_input_is_a_clear_error(tmp_path, data, fragment):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    item = _one(p)
    assert isinstance(item, IngestError)
    assert fragment in item.message


def test_folder_and_glob(corpus_dir):
    assert len(list(read_inputs([str(corpus_dir)]))) == 5
    assert len(list(read_inputs([str(corpus_dir / "00[0-1]*.txt")]))) == 2


def test_missing_input_is_a_usage_error():
    with pytest.raises(FileNotFoundError):
        list(read_inputs(["/nonexistent/really.txt"]))


def test_decode_refuses_utf16_garbage():
    with pytest.raises(DecodeError):
        decode_bytes(b"\xff\xfe\x00\xd8")
