"""Clean (issue 22): capital letters are Vietnamese capitals, tables come from the run's Rules,
the stage knows no record, and its speed cuts change nothing."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractor.io.ingest import RawArticle
from extractor.rules import Rules
from extractor.text import clean as clean_mod
from extractor.text.clean import CaptionSpan, clean
from extractor.text.header import AUTHOR_LINE, BYLINE
from extractor.text.segment import ZoneKind

ROOT = Path(__file__).resolve().parent.parent
HEAD = "Xã Nà Phặc làm đường mới\n"
BODY = "Người dân góp công, góp đất để mở rộng đường vào bản Khuổi Slưn trong ba tháng.\n"

# (last line, authors): a hand-written class À-Ỹ also holds the lower-case toned letters,
# so a last line whose syllables start with "ở", "đ", "ổ" read as a name.
LAST_LINES = [
    ("Ở đây ổn định", []),
    ("Đây ổn định", []),
    ("ở đó đông đúc", []),
    ("Hà Linh - Tú Anh", ["Hà Linh", "Tú Anh"]),
    ("Bài, ảnh: Ông Ích Khiêm", ["Ông Ích Khiêm"]),
    ("Ứng Văn Ổn", ["Ứng Văn Ổn"]),
]


@pytest.mark.parametrize(("last", "authors"), LAST_LINES)
def test_a_last_line_is_an_author_only_when_its_syllables_are_capitalised(last, authors):
    c = clean(RawArticle(id="t", text=HEAD + BODY + last))
    assert c.authors == authors
    assert (c.zones[-1].kind == ZoneKind.author) == bool(authors)


# (header line, authors, published): a byline's name starts with a capital too.
BYLINES = [
    ("đăng 05/03/2024 08:15", [], None),
    ("Ánh Dương 05/03/2024 08:15", ["Ánh Dương"], "2024-03-05"),
]


@pytest.mark.parametrize(("line", "authors", "published"), BYLINES)
def test_a_byline_name_starts_with_a_capital(line, authors, published):
    c = clean(RawArticle(id="t", text=HEAD + line + "\n" + BODY))
    assert (c.authors, c.published) == (authors, published)


@pytest.mark.parametrize(("rx", "line", "matches"), [
    (AUTHOR_LINE, "Ở đây ổn định", False),
    (AUTHOR_LINE, "Ở Đây Ổn Định", True),
    (BYLINE, "ấp 12/3/2024", False),
    (BYLINE, "Ấp Bắc 12/3/2024", True),
])
def test_header_forms_use_vietnamese_capitals(rx, line, matches):
    assert bool(rx.match(line)) is matches


def test_captions_are_plain_spans_not_records():
    text = HEAD + "\xa0\nBà con bản Khuổi Slưn mở đường. Ảnh: Lò Thị Hoa\n" + BODY
    c = clean(RawArticle(id="t", text=text))
    assert c.captions == [CaptionSpan("Bà con bản Khuổi Slưn mở đường.", (27, 58), "Lò Thị Hoa")]
    assert c.photo_credits == ["Lò Thị Hoa"]


def test_clean_reads_the_rules_it_is_given(tmp_path):
    # another patterns directory with one more chrome line: only the clean given it sees it
    for p in (ROOT / "patterns").glob("*.yaml"):
        shutil.copy(p, tmp_path / p.name)
    bp = tmp_path / "boilerplate.yaml"
    bp.write_text(bp.read_text(encoding="utf-8").replace('"Tweet", ', '"Tweet", "Ghim bài", '), encoding="utf-8")
    text = HEAD + BODY + "Ghim bài\n" + BODY
    other = clean(RawArticle(id="t", text=text), Rules(tmp_path))
    default = clean(RawArticle(id="t", text=text))
    assert [z.kind.value for z in other.zones] == ["title", "body", "chrome", "body"]
    assert [z.kind.value for z in default.zones] == ["title", "body", "body", "body"]


@pytest.mark.parametrize(("line", "trimmed"), [
    ("  Tin liên quan :  ", "Tin liên quan"),
    ("Xem thêm…\u00a0.", "Xem thêm"),
    ("Phản hồi", "Phản hồi"),
    (" .:… ", ""),
])
def test_line_key_trims_what_the_regex_trimmed(line, trimmed):
    assert clean_mod._trimmed(line) == trimmed


def test_credit_cues_skip_only_lines_without_them():
    tables = Rules().compiled(clean_mod.compile_clean)
    assert tables.credit_cues == (("Ảnh", "Nguồn", "Video"), ("Ảnh",))
    assert clean_mod._find_credit("Bà con mở đường. Ảnh: Lò Thị Hoa", tables)[2] == "Lò Thị Hoa"
    assert clean_mod._find_credit("Bà con mở đường. Nguồn ảnh: baobackan.com.vn", tables)[2] == "baobackan.com.vn"
    assert clean_mod._find_credit("Bà con mở đường vào bản.", tables) is None


def test_no_text_module_reads_pattern_files_into_module_state():
    # tables come from the run's Rules (compile_* builders), never from patterns.load
    sources = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "extractor" / "text").glob("*.py")}
    assert [n for n, s in sorted(sources.items()) if "patterns.load(" in s or "from .. import patterns" in s] == []
