"""Issue 27 (input half): every input line gives exactly one record or one error line,
whatever its JSON holds; decompression is bounded; UTF-32 BOMs are read.
Issue 25 (input): JSON arrays, path strings in extract_many, charset meta, --encoding,
mis-decoded UTF-8 repaired."""
from __future__ import annotations

import glob
import gzip
import json
import tracemalloc
import unicodedata
from pathlib import Path

import pytest

from extractor.api import extract_many
from extractor.cli import main
from extractor.io import ingest
from extractor.io.ingest import IngestError, RawArticle, read_file, repair_mojibake
from extractor.record import Article, ErrorRecord

GOOD = "Đến nay, huyện Na Rì có 120 mô hình “Dân vận khéo”."

# (id, the exact JSONL line, "record" or the error of its error line)
LINES = [
    ("ok", json.dumps({"id": "ok", "text": GOOD}, ensure_ascii=False), "record"),
    ("sur-text", '{"id": "sur-text", "text": "Có 20 mô hình \\ud800 mới."}', "record"),
    ("sur-title", '{"id": "sur-title", "title": "\\udc00", "text": "Có 30 mô hình."}', "record"),
    ("sur-url", '{"id": "sur-url", "url": "https://x.vn/\\ud83d", "text": "Có 40 mô hình."}', "record"),
    ("deep", '{"id": "deep", "text": "Có 5 mô hình.", "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "BadJSONLine"),
    ("bigint", '{"id": "bigint", "text": "Có 5 mô hình.", "n": ' + "9" * 5000 + "}", "BadJSONLine"),
    ("null", "null", "BadJSONLine"),
    ("string", '"Có 5 mô hình."', "BadJSONLine"),
    ("number-text", '{"id": "number-text", "text": 5}', "EmptyArticle"),
    ("odd-fields", '{"id": "odd-fields", "text": "Có 6 mô hình.", "url": 7, "title": ["a"], "published": {"y": 1}}',
     "record"),
    ("broken", '{"id": "broken", "text": "Có', "BadJSONLine"),
    ("dict-id", '{"id": {"a": 1}, "text": "Có 8 mô hình."}', "record"),
]


def _read(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_every_line_gives_one_record_or_one_error_line(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(line for _, line, _ in LINES) + "\n", encoding="utf-8")
    out, err = tmp_path / "out.jsonl", tmp_path / "err.jsonl"
    assert main(["extract", str(src), "-o", str(out), "--errors", str(err), "--workers", "1", "-q"]) == 1
    records, errors = _read(out), _read(err)
    assert len(records) + len(errors) == len(LINES)
    assert [r["id"] for r in records][:4] == ["ok", "sur-text", "sur-title", "sur-url"]
    got_errors = {e["id"]: e["error"] for e in errors}
    want_errors = {f"in:{n}" if kind == "BadJSONLine" else i: kind
                   for n, (i, _, kind) in enumerate(LINES, 1) if kind != "record"}
    assert got_errors == want_errors
    by_id = {r["id"]: r for r in records}
    assert by_id["sur-text"]["text"] == "Có 20 mô hình \ufffd mới."
    assert "ingest: 1 lone surrogate code point(s) replaced by U+FFFD" in by_id["sur-text"]["warnings"]
    assert by_id["sur-title"]["title"] == "\ufffd"
    assert by_id["sur-url"]["source"]["url"] == "https://x.vn/\ufffd"
    assert by_id["odd-fields"]["source"]["url"] is None and by_id["odd-fields"]["title"] is None


def test_memory_error_on_one_line_is_that_lines_error(tmp_path, monkeypatch):
    real = ingest._loads

    def loads(data, encoding=None):
        if b"boom" in data:
            raise MemoryError()
        return real(data, encoding)

    monkeypatch.setattr(ingest, "_loads", loads)
    src = tmp_path / "m.jsonl"
    src.write_text('{"id": "a", "text": "Có 1 mô hình."}\n{"id": "boom", "text": "x"}\n{"id": "c", "text": "Có 3."}\n',
                   encoding="utf-8")
    items = list(read_file(str(src)))
    assert [type(i).__name__ for i in items] == ["RawArticle", "IngestError", "RawArticle"]
    assert items[1].id == "m:2" and "MemoryError" in items[1].message


def _gzip_bomb(path: Path, size: int, newline: bool = False) -> None:
    """A gzip file of ``size`` "0" bytes (about size/1000 compressed): one compressed MiB
    repeated as concatenated gzip members, which readers decompress one after the other."""
    member = gzip.compress(b"0" * (1 << 20), compresslevel=9)
    with open(path, "wb") as fh:
        for _ in range(size >> 20):
            fh.write(member)
        if newline:
            fh.write(gzip.compress(b"\n"))


@pytest.mark.parametrize(("name", "size"), [("bomb.txt.gz", 1 << 30), ("bomb.jsonl.gz", 1 << 27)])
def test_gzip_bomb_is_refused_without_reading_it_all(tmp_path, name, size):
    path = tmp_path / name
    _gzip_bomb(path, size, newline=name.endswith("jsonl.gz"))
    assert path.stat().st_size < size // 500
    tracemalloc.start()
    items = list(read_file(str(path)))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(items) == 1 and isinstance(items[0], IngestError) and items[0].error == "TooLarge"
    assert peak < 3 * ingest.MAX_ARTICLE_BYTES + (64 << 20)  # about one article, never the whole GiB


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-be"])
def test_utf32_with_bom(tmp_path, codec):
    data = GOOD.encode(codec)
    if codec == "utf-32-be":
        data = b"\x00\x00\xfe\xff" + data
    p = tmp_path / "a.txt"
    p.write_bytes(data)
    (item,) = list(read_file(str(p)))
    assert isinstance(item, RawArticle) and item.text == GOOD


def test_json_array_file_as_scrapy_writes_it(tmp_path):
    items = [{"id": "s1", "url": "https://baobackan.com.vn/a.html", "text": GOOD},
             {"id": "s2", "html": "<html><body><h1>Tiêu đề</h1><div class='detail-content'><p>Có 12 mô hình.</p>"
                                  "</div></body></html>"},
             {"id": "s3", "text": ""}]
    p = tmp_path / "items.json"
    p.write_text("[\n" + ",\n".join(json.dumps(x, ensure_ascii=False) for x in items) + "\n]", encoding="utf-8")
    got = list(read_file(str(p)))
    assert [(type(g).__name__, g.id) for g in got] == [("RawArticle", "s1"), ("RawArticle", "s2"),
                                                       ("IngestError", "s3")]
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(items[:2], ensure_ascii=False, indent=2), encoding="utf-8")
    assert [g.id for g in read_file(str(pretty))] == ["s1", "s2"]
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": "b1", "text": "Có 1 mô hình."}, {"id": "b2", "text": ', encoding="utf-8")
    got = list(read_file(str(broken)))
    assert [(type(g).__name__, g.id) for g in got] == [("RawArticle", "b1"), ("IngestError", "broken:2")]


def test_extract_many_reads_path_strings_as_files(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "j1", "text": "Có 7 mô hình."}\n{"id": "j2", "text": "Có 9 mô hình."}\n',
                                      encoding="utf-8")
    paths = sorted(glob.glob(str(tmp_path / "*")))
    recs = list(extract_many(paths))
    assert [(type(r).__name__, r.id) for r in recs] == [("Article", "a"), ("Article", "j1"), ("Article", "j2")]
    assert recs[0].source.path == paths[0] and [c.value for c in recs[0].counts] == [120]
    # a str that names no file is article text
    (text_rec,) = list(extract_many(["Có 15 mô hình."]))
    assert isinstance(text_rec, Article) and text_rec.text == "Có 15 mô hình."


CP1258_PAGE = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
               "<title>Na Rì</title></head><body><h1>Na Rì</h1><div class=\"detail-content\">"
               "<p>Đến nay, huyện Na Rì có 120 mô hình dân vận khéo.</p></div></body></html>")


def _cp1258(text: str) -> bytes:
    """Windows-1258 bytes of a text: precomposed base letters (â ê ô ơ ư ă) and combining tones."""
    return "".join(_cp1258_char(c) for c in text).encode("cp1258")


def _cp1258_char(c: str) -> str:
    try:
        c.encode("cp1258")
        return c
    except UnicodeEncodeError:
        d = unicodedata.normalize("NFD", c)
        shape = "".join(m for m in d[1:] if m in "\u0302\u0306\u031b")
        tones = "".join(m for m in d[1:] if m not in shape)
        return unicodedata.normalize("NFC", d[0] + shape) + tones


def test_windows_1258_page_with_its_charset_meta(tmp_path):
    p = tmp_path / "page.html"
    p.write_bytes(_cp1258(CP1258_PAGE))
    out, err = tmp_path / "out.jsonl", tmp_path / "err.jsonl"
    assert main(["extract", str(p), "-o", str(out), "--errors", str(err), "-q"]) == 0
    (rec,) = _read(out)
    assert "Đến nay, huyện Na Rì có 120 mô hình dân vận khéo." in rec["text"]
    assert [c["value"] for c in rec["counts"]] == [120]


def test_encoding_option(tmp_path):
    p = tmp_path / "legacy.txt"
    p.write_bytes(_cp1258(GOOD))
    out, err = tmp_path / "out.jsonl", tmp_path / "err.jsonl"
    assert main(["extract", str(p), "-o", str(out), "--errors", str(err), "-q"]) == 1  # refused without it
    assert "--encoding" in _read(err)[0]["message"]
    out2 = tmp_path / "out2.jsonl"
    assert main(["extract", str(p), "-o", str(out2), "--errors", str(err), "--encoding", "cp1258", "-q"]) == 0
    (rec,) = _read(out2)
    assert rec["text"] == GOOD and [c["value"] for c in rec["counts"]] == [120]
    assert main(["extract", str(p), "-o", str(out2), "--encoding", "no-such-codec", "-q"]) == 2


# (mis-decoded text, repaired text, note) — UTF-8 read as Windows-1252 (undefined bytes lost
# as U+FFFD, or kept as C1 controls by Latin-1), no-break spaces turned into spaces.
MOJIBAKE = [
    ("Ä\ufffdáº¿n nay, toÃ n tá»‰nh cÃ³ 2.011 mÃ´ hÃ¬nh", "Đến nay, toàn tỉnh có 2.011 mô hình",
     "repaired 7 characters"),
    ("Ä\x90áº¿n nay cÃ³ 20 mÃ´ hÃ¬nh", "Đến nay có 20 mô hình", "repaired 5 characters"),
    # ề ọ ỏ Ố ờ all end in a byte Windows-1252 lacks: that one stays U+FFFD, the rest is repaired
    ("ngÆ°á»\ufffdi dÃ¢n Ä‘Ã³ng gÃ³p", "ngư\ufffdi dân đóng góp", "1 lost"),
]


@pytest.mark.parametrize(("bad", "good", "note"), MOJIBAKE)
def test_mojibake_is_repaired(bad, good, note):
    text, notes = repair_mojibake(bad)
    assert text == good
    assert len(notes) == 1 and note in notes[0]


@pytest.mark.parametrize("text", [GOOD, "Là\u00a0thành viên Ban Dân vận", "Café Ã Paris", "plain ASCII text"])
def test_correct_text_is_left_alone(text):
    assert repair_mojibake(text) == (text, [])


def test_mojibake_jsonl_line_gives_counts(tmp_path):
    bad = GOOD.encode("utf-8").decode("cp1252", errors="replace")
    p = tmp_path / "m.jsonl"
    p.write_text(json.dumps({"id": "m", "text": bad}, ensure_ascii=False) + "\n", encoding="utf-8")
    (rec,) = list(extract_many([str(p)]))
    assert not isinstance(rec, ErrorRecord)
    assert rec.text == GOOD and [c.value for c in rec.counts] == [120]
    assert any("mis-decoded" in w for w in rec.warnings)


def test_gzip_text_still_reads(tmp_path):
    p = tmp_path / "x.txt.gz"
    p.write_bytes(gzip.compress(GOOD.encode()))
    (item,) = list(read_file(str(p)))
    assert isinstance(item, RawArticle) and item.text == GOOD


def test_file_name_that_is_not_utf8_gives_a_writable_record(tmp_path):
    import os

    raw_name = os.path.join(os.fsencode(tmp_path), b"b\xe0i-\xff.txt")
    with open(raw_name, "wb") as fh:
        fh.write(GOOD.encode())
    out, err = tmp_path / "out.jsonl", tmp_path / "err.jsonl"
    assert main(["extract", str(tmp_path / "*.txt"), "-o", str(out), "--errors", str(err), "-q"]) == 0
    (rec,) = _read(out)
    assert rec["id"] == "b\ufffdi-\ufffd" and rec["source"]["path"].endswith("b\ufffdi-\ufffd.txt")


@pytest.mark.parametrize(("data", "kinds"), [
    (b'{"id": "a", "text": "C\xc3\xb3 1 m\xc3\xb4 h\xc3\xacnh."}\n{"id": "b", "text": ', ["RawArticle", "IngestError"]),
    (b'[{"id": "a", "text": "x y"}, {"id": "b", "text": "z"}]', ["RawArticle", "RawArticle"]),
    (GOOD.encode(), ["RawArticle"]),
], ids=["jsonl", "array", "text"])
def test_stdin_is_streamed_by_kind(monkeypatch, data, kinds):
    import io
    import sys

    class _Stdin:  # a stdin whose buffer has no peek(), as under some runners
        buffer = io.BytesIO(data)

    monkeypatch.setattr(sys, "stdin", _Stdin())
    assert [type(i).__name__ for i in read_file("-")] == kinds
