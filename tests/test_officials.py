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


# (sentence, name, title, verb, quote_kind, quote start). The first two rows are seed
# sentences (corpus/); the others are written for these tests.
CASES = [
    ("Đồng chí Phan Thị Na- Phó Trưởng Ban Dân vận Tỉnh ủy cho biết: Nhiều tổ chức đảng, đoàn thể, "
     "cán bộ, đảng viên, hội viên và Nhân dân đã có mô hình với những cách làm hay.",
     "Phan Thị Na", "Phó Trưởng Ban Dân vận Tỉnh ủy", "cho biết", "indirect", "Nhiều tổ chức đảng"),
    ("Phát biểu tại hội nghị, Phó Bí thư Thường trực Tỉnh ủy Bắc Hoàng Duy Chính nhấn mạnh, công tác "
     "dân vận là công việc của cả hệ thống chính trị.",
     "Hoàng Duy Chính", "Phó Bí thư Thường trực Tỉnh ủy", "nhấn mạnh", "indirect", "công tác dân vận"),
    # honorific + name, appositive title, colon and a quotation
    ("Ông Lường Văn Khiêm, Chủ tịch UBND xã Mường Chanh, khẳng định: “Xã sẽ tiếp tục nhân rộng các "
     "mô hình hay trong năm tới”.",
     "Lường Văn Khiêm", "Chủ tịch UBND xã Mường Chanh", "khẳng định", "direct", "Xã sẽ tiếp tục"),
    # "Theo <honorific> <name>, <title>, <reported words>"
    ("Theo đồng chí Triệu Thị Hoa, Chủ tịch Ủy ban MTTQ xã, năm nay bà con đã góp hơn 500 ngày công "
     "làm kênh mương.",
     "Triệu Thị Hoa", "Chủ tịch Ủy ban MTTQ xã", "theo", "indirect", "năm nay bà con"),
    # "Theo <title> <name>, …"
    ("Theo Trưởng ban Tổ chức Huyện ủy Nông Văn Tấn, công tác phát triển đảng viên ở vùng cao có nhiều "
     "chuyển biến.",
     "Nông Văn Tấn", "Trưởng ban Tổ chức Huyện ủy", "theo", "indirect", "công tác phát triển"),
    # two comma-joined titles between the name and the verb
    ("Ông Lò Văn Pành, Trưởng bản, Bí thư chi bộ bản Phiêng Cại kể, ngày đầu vận động nhiều hộ còn "
     "e ngại.",
     "Lò Văn Pành", "Trưởng bản, Bí thư chi bộ bản Phiêng Cại", "kể", "indirect", "ngày đầu vận động"),
    # title chain + name, then a quotation in straight quotes
    ("Chủ tịch UBND xã Đinh Thị Xuân tâm sự: \"Có hộ chúng tôi phải đến năm, sáu lần mới vận động "
     "được.\"",
     "Đinh Thị Xuân", "Chủ tịch UBND xã", "tâm sự", "direct", "Có hộ chúng tôi"),
    # a known commune between the title and the name belongs to the title
    ("Bí thư Đảng ủy xã Tân Lập Lương Văn Hòa chia sẻ: “Cán bộ phải làm trước để dân làm theo.”",
     "Lương Văn Hòa", "Bí thư Đảng ủy xã Tân Lập", "chia sẻ", "direct", "Cán bộ phải làm"),
    ("Ông Hà Văn Sơn, Phó Chủ tịch UBND tỉnh, Trưởng Ban Thi đua - Khen thưởng tỉnh Hòa Bình "
     "nhận định, việc lấy ý kiến nhân dân đã đi vào nền nếp.",
     "Hà Văn Sơn", "Phó Chủ tịch UBND tỉnh, Trưởng Ban Thi đua - Khen thưởng tỉnh Hòa Bình",
     "nhận định", "indirect", "việc lấy ý kiến"),
    ("Phó trưởng Ban Tổ chức Thành ủy Hải Phòng Đỗ Thị Lan cho biết năm nay thành phố kết nạp hơn 300 "
     "đảng viên mới.",
     "Đỗ Thị Lan", "Phó trưởng Ban Tổ chức Thành ủy Hải Phòng", "cho biết", "indirect", "năm nay thành phố"),
    # “…”, ông X <verb>.
    ("“Chúng tôi luôn lắng nghe ý kiến của bà con trước khi làm”, ông Vi Văn Tình nhấn mạnh.",
     "Vi Văn Tình", None, "nhấn mạnh", "direct", "Chúng tôi luôn"),
]


@pytest.mark.parametrize("text,name,title,verb,kind,quote", CASES, ids=[r[0][:50] for r in CASES])
def test_attribution(text, name, title, verb, kind, quote):
    (off,) = _run(text)
    assert (off.name, off.title, off.verb, off.quote_kind) == (name, title, verb, kind)
    assert off.quote.startswith(quote)
    s, e = off.span
    assert 0 <= s < e <= len(text)
    assert off.quote in text[s:e] and name.split()[-1] in text[s:e]


# Later references join the first record: (text, name, number of records)
JOINED = [
    ("Mô hình nuôi thỏ của hội viên Lý Văn Tám, xã Bằng Vân cho thu nhập ổn định. Anh Tám kể: "
     "Năm 2019, gia đình tôi vay 50 triệu đồng để làm chuồng.", "Lý Văn Tám", 1),
    ("Bà Nguyễn Thị Thoa, Chủ tịch Hội Phụ nữ phường, cho biết quỹ đã giúp 12 hội viên vay vốn.\n"
     "Theo bà Thoa, chị em đã biết cách làm ăn và trả nợ đúng hạn.", "Nguyễn Thị Thoa", 1),
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
    ("Đồng chí Trần Quốc Hưng, Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Tỉnh ủy dự và chỉ đạo hội nghị.", [], []),
    ("Chủ tịch UBND huyện Bảo Lâm trao giấy khen cho 9 hộ gia đình tiêu biểu.", [], []),
    ("Theo Ủy ban MTTQ huyện Mường Tè, cả huyện đang duy trì 318 mô hình.", [], []),
    ("Bí thư Tỉnh ủy Nguyễn Văn An phát biểu tại hội nghị.", [], []),
    ("Phóng viên Vũ Hoàng Giang cho biết, bài viết đã được biên tập.", ["Vũ Hoàng Giang"], []),
    ("Chủ tịch Hồ Chí Minh nói: “Dễ trăm lần không dân cũng chịu, khó vạn lần dân liệu cũng xong”.", [], []),
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
