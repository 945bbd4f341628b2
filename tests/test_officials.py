"""Officials: one row per attribution construction, with the exact expected record.

Seed sentences come from corpus/ (the project's own sample articles); the others are
written for these tests on the model of constructions found in the bulk corpus.
"""
from __future__ import annotations

import pytest

from extractor.fields.officials import extract_officials
from extractor.text.segment import ArticleText, Zone, ZoneKind


def _doc(text: str) -> ArticleText:
    zones, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            zones.append(Zone(ZoneKind.body, pos, pos + len(line)))
        pos += len(line) + 1
    return ArticleText(text, zones, published="2023-12-04")


def _run(text: str, authors=(), credits=()):
    return extract_officials(_doc(text), authors=list(authors), photo_credits=list(credits))


# (sentence, name, title, verb, quote_kind, quote start)
DEV = [
    ("Đồng chí Phan Thị Na- Phó Trưởng Ban Dân vận Tỉnh ủy cho biết: Nhiều tổ chức đảng, đoàn thể, "
     "cán bộ, đảng viên, hội viên và Nhân dân đã có mô hình với những cách làm hay.",
     "Phan Thị Na", "Phó Trưởng Ban Dân vận Tỉnh ủy", "cho biết", "indirect", "Nhiều tổ chức đảng"),
    ("Phát biểu tại hội nghị, Phó Bí thư Thường trực Tỉnh ủy Bắc Hoàng Duy Chính nhấn mạnh, công tác "
     "dân vận là công việc của cả hệ thống chính trị.",
     "Hoàng Duy Chính", "Phó Bí thư Thường trực Tỉnh ủy", "nhấn mạnh", "indirect", "công tác dân vận"),
    ("Ông Lường Văn Khiêm, Chủ tịch UBND xã Mường Chanh, khẳng định: “Xã sẽ tiếp tục nhân rộng các "
     "mô hình hay trong năm tới”.",
     "Lường Văn Khiêm", "Chủ tịch UBND xã Mường Chanh", "khẳng định", "direct", "Xã sẽ tiếp tục"),
    ("Theo đồng chí Triệu Thị Hoa, Phó Bí thư Đảng ủy xã, việc vận động nhân dân hiến đất làm đường "
     "đã được triển khai từ đầu năm.",
     "Triệu Thị Hoa", "Phó Bí thư Đảng ủy xã", "theo", "indirect", "việc vận động"),
    ("Theo Trưởng ban Dân vận Huyện ủy Nông Văn Tấn, phong trào đã tạo được sự đồng thuận trong "
     "nhân dân các dân tộc.",
     "Nông Văn Tấn", "Trưởng ban Dân vận Huyện ủy", "theo", "indirect", "phong trào đã tạo"),
    ("Bà Lò Thị Mai, Bí thư chi bộ, Trưởng bản Nà Sản cho biết để bà con đồng thuận, chi bộ đã họp "
     "bàn nhiều lần.",
     "Lò Thị Mai", "Bí thư chi bộ, Trưởng bản Nà Sản", "cho biết", "indirect", "để bà con"),
    ("Bí thư Đảng ủy xã Quách Văn Lợi chia sẻ: \"Chúng tôi đến từng hộ để lắng nghe ý kiến của "
     "người dân.\"",
     "Quách Văn Lợi", "Bí thư Đảng ủy xã", "chia sẻ", "direct", "Chúng tôi đến"),
    ("Ông Hà Văn Sơn, Chủ tịch UBND tỉnh, Chủ tịch Hội đồng Thi đua – Khen thưởng tỉnh Hòa Bình "
     "khẳng định, phong trào thi đua đã lan tỏa sâu rộng.",
     "Hà Văn Sơn", "Chủ tịch UBND tỉnh, Chủ tịch Hội đồng Thi đua – Khen thưởng tỉnh Hòa Bình",
     "khẳng định", "indirect", "phong trào thi đua"),
    ("Phó trưởng Ban Tuyên giáo và Dân vận Thành ủy Hà Nội Đỗ Thị Lan cho biết công trình là một "
     "điển hình tiêu biểu của phường.",
     "Đỗ Thị Lan", "Phó trưởng Ban Tuyên giáo và Dân vận Thành ủy Hà Nội", "cho biết", "indirect",
     "công trình là"),
    ("“Chúng tôi luôn lắng nghe ý kiến của bà con trước khi làm”, ông Vi Văn Tình nhấn mạnh.",
     "Vi Văn Tình", None, "nhấn mạnh", "direct", "Chúng tôi luôn"),
]


@pytest.mark.parametrize("text,name,title,verb,kind,quote", DEV, ids=[r[0][:50] for r in DEV])
def test_attribution(text, name, title, verb, kind, quote):
    (off,) = _run(text)
    assert (off.name, off.title, off.verb, off.quote_kind) == (name, title, verb, kind)
    assert off.quote.startswith(quote)
    s, e = off.span
    assert 0 <= s < e <= len(text)
    assert off.quote in text[s:e] and name.split()[-1] in text[s:e]


# Later references join the first record: (text, name, number of records)
JOINED = [
    ("Như mô hình trồng nho không hạt của đoàn viên Hoàng Văn Phòng, xã Mai Pha. Anh Phòng chia sẻ: "
     "Từ năm 2016, tôi bắt đầu mở rộng diện tích của gia đình.", "Hoàng Văn Phòng", 1),
    ("Bà Nguyễn Thị Huệ, Phó Chủ tịch UBND phường, cho biết công trình đã hoàn thành.\n"
     "Theo bà Huệ, thành quả của công trình là sự đồng lòng của nhân dân.", "Nguyễn Thị Huệ", 1),
    ("Chủ tịch UBND huyện Đinh Công Sứ cho biết, huyện đã có 120 mô hình.\n"
     "Ông cho biết thêm, nhiều mô hình đã được nhân rộng.", "Đinh Công Sứ", 1),
]


@pytest.mark.parametrize("text,name,n", JOINED, ids=[r[0][:50] for r in JOINED])
def test_later_reference_joins(text, name, n):
    offs = _run(text)
    assert [o.name for o in offs] == [name] * n
    assert len(offs[0].mentions) >= 2


# Not officials: (text, authors, photo credits)
NOT_OFFICIALS = [
    ("Đồng chí Nguyễn Thanh Bình, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy dự hội nghị.", [], []),
    ("Chủ tịch UBND huyện Vĩnh Thuận tặng giấy khen 13 tập thể có thành tích tốt.", [], []),
    ("Theo Ban Dân vận Huyện ủy Sơn Động, toàn huyện hiện có 475 mô hình.", [], []),
    ("Bí thư Tỉnh ủy Nguyễn Văn An phát biểu tại hội nghị.", [], []),
    ("Phóng viên Vũ Hoàng Giang cho biết, bài viết đã được biên tập.", ["Vũ Hoàng Giang"], []),
    ("Thực hiện lời dạy của Bác: “Dân vận kém thì việc gì cũng kém”, Chủ tịch Hồ Chí Minh nói.", [], []),
]


@pytest.mark.parametrize("text,authors,credits", NOT_OFFICIALS, ids=[r[0][:50] for r in NOT_OFFICIALS])
def test_not_officials(text, authors, credits):
    assert _run(text, authors, credits) == []


def test_organization_is_the_body_of_the_title():
    (off,) = _run("Đồng chí Phan Thị Na- Phó Trưởng Ban Dân vận Tỉnh ủy cho biết: các mô hình đã phát huy hiệu quả.")
    assert off.organization == "Ban Dân vận Tỉnh ủy"


def test_seed_corpus_officials():
    """The two seed articles with a speaker give exactly their official (must-find / must-not-find)."""
    from pathlib import Path
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    expected = {"000_36cf266247e648e0.txt": ["Phan Thị Na"], "004_bcae39a94d6c8187.txt": ["Hoàng Duy Chính"],
                "001_c8006cdf789937c7.txt": [], "002_d5b953197c991ba9.txt": [], "003_27a8761bb2890747.txt": []}
    for name, want in expected.items():
        path = corpus / name
        if not path.exists():
            pytest.skip("corpus/ not present")
        got = [o.name for o in _run(path.read_text(encoding="utf-8"), ["Vũ Hoàng Giang", "Quốc Sơn"],
                                    ["Đào Tuấn", "May Huyền"])]
        assert got == want, name
