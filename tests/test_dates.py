"""Dates: every date expression found with exact offsets, year inference, header parsing.

Tables of real constructions (seed sentences from corpus/, and sentences written after forms
found in the bulk corpus), each with the exact expected values.
"""
from __future__ import annotations

import pytest

from extractor import patterns
from extractor.text.dates import Precision, find_dates, infer_year, parse_published


def _ids(rows) -> list[str]:
    return [str(r[0])[:60] for r in rows]


# --- find_dates: (text, article date, [(evidence, iso, precision)]) ---------------------

SEEDS = [
    ("Cụ thể từ tháng 12/2020 đã tham mưu cho Ban Thường vụ Huyện ủy ban hành Kế hoạch số 20-KH/HU",
     "2023-12-04", [("tháng 12/2020", "2020-12", "month")]),
    ("triển khai thực hiện Kế hoạch số 14-KH/TU ngày 15/01/2021 của Ban Thường vụ Tỉnh ủy", "2023-12-04",
     [("ngày 15/01/2021", "2021-01-15", "day")]),
    ("(Baonghean.vn) - Ngày 23/5, Ban Thường vụ Tỉnh ủy Nghệ An ban hành Chỉ thị số 05-CT/TU", "2021-05-29",
     [("Ngày 23/5", "2021-05-23", "day")]),
    ("qua 6 năm thực hiện Đề án số 06-ĐA/TU, ngày 1/4/2014 của Ban Thường vụ Tỉnh ủy", "2021-05-29",
     [("ngày 1/4/2014", "2014-04-01", "day")]),
    ("Ngày 13/1, Tỉnh ủy Bắc Kạn tổ chức triển khai công tác dân vận năm 2020", "2020-01-14",
     [("Ngày 13/1", "2020-01-13", "day"), ("năm 2020", "2020", "year")]),
    ("Tính đến năm 2020, thành phố đã xây dựng được 129 mô hình", None, [("năm 2020", "2020", "year")]),
]

CONSTRUCTIONS = [
    ("Chỉ thị số 87-CT/QUTW ngày 14-7-2019 của Quân ủy Trung ương", None,
     [("ngày 14-7-2019", "2019-07-14", "day")]),
    ("Chỉ thị số 05-CT/TW, ngày 15 tháng 5 năm 2016 của Bộ Chính trị", None,
     [("ngày 15 tháng 5 năm 2016", "2016-05-15", "day")]),
    ("Chiều ngày 8.2.2017, Bộ trưởng ra quyết định thành lập Hội đồng", None,
     [("Chiều ngày 8.2.2017", "2017-02-08", "day")]),
    ("sáng 13/1, đoàn công tác làm việc tại xã", "2024-01-20", [("sáng 13/1", "2024-01-13", "day")]),
    ("Thứ Hai, 4/12/2023", None, [("4/12/2023", "2023-12-04", "day")]),
    ("Tháng 9 năm 2018, xã mở lớp tập huấn", None, [("Tháng 9 năm 2018", "2018-09", "month")]),
    ("từ tháng 3-2019 đến nay", None, [("tháng 3-2019", "2019-03", "month")]),
    ("Cuối tháng 11, huyện sơ kết mô hình", "2021-05-29", [("tháng 11", "2020-11", "month")]),
    ("Quốc Sơn 29/05/2021 16:22", None, [("29/05/2021", "2021-05-29", "day")]),
    ("cập nhật 2021-05-29T16:22:00+07:00", None, [("2021-05-29T16:22:00+07:00", "2021-05-29", "day")]),
    ("Cập nhật: 10:20 thứ năm, 5 tháng 3, 2020", None, [("5 tháng 3, 2020", "2020-03-05", "day")]),
    ("Dịp Quốc khánh ngày 2-9, xã tổ chức hội thi", "2023-10-01", [("ngày 2-9", "2023-09-02", "day")]),
    # spaced separators, one space each side at most, the same on both
    ("Chỉ thị số 05-CT/TW, ngày 15 - 5 - 2016 của Bộ Chính trị", None,
     [("ngày 15 - 5 - 2016", "2016-05-15", "day")]),
    ("Quyết định số 45-QĐ/TU ngày 20- 5- 2017", None, [("ngày 20- 5- 2017", "2017-05-20", "day")]),
    ("có hiệu lực từ ngày 1/ 7/ 2017", None, [("ngày 1/ 7/ 2017", "2017-07-01", "day")]),
    ("Kế hoạch số 15-KH/ĐU ngày 12/3 về phong trào", "2023-06-30", [("ngày 12/3", "2023-03-12", "day")]),
    ("Kế hoạch số 15-KH/ĐU ngày 12/8 về phong trào", "2023-06-30", [("ngày 12/8", "2022-08-12", "day")]),
]

# Numbers that look like dates and are not (or only partly).
MISLEADING = [
    ("18/18 xã, thị trấn đã hoàn thành việc sơ kết", None, []),
    ("hướng dẫn 9/9 chi bộ trực thuộc xây dựng kế hoạch", None, []),
    ("có 2.317/3.045 hộ được công nhận", None, []),
    ("phong trào giai đoạn 2021-2025 và nhiệm kỳ 2020 - 2025", None, []),
    ("Nghị quyết Đại hội lần thứ XII, nhiệm kỳ 2020-2025", None, []),
    ("trong năm 2021-2025, tỉnh phấn đấu", None, []),
    ("qua 6 tháng triển khai, đạt 1/4 kế hoạch", None, []),
    ("mỗi tháng 2 lần, tổ dân vận họp", None, []),
    ("Điện thoại: 0209.3870.123 hoặc 0912-345-678", None, []),
    ("ngày 30/2/2021 không có trong lịch", None, []),
    ("ngày 15/13/2020 sai tháng", None, []),
    ("Ngày 23/5, Ban Thường vụ ban hành Chỉ thị", None, [("Ngày 23/5", None, "day")]),
    ("Chỉ thị số 16/CT-TTg về tăng cường công tác dân vận", None, []),
    ("đạt 20-25% và tăng 3.5 lần so với 2019", None, []),
    ("mỗi tổ từ 15 - 20 hộ, giai đoạn 2020 - 2025", None, []),
]


@pytest.mark.parametrize(("text", "published", "expected"), SEEDS + CONSTRUCTIONS + MISLEADING,
                         ids=_ids(SEEDS + CONSTRUCTIONS + MISLEADING))
def test_find_dates(text, published, expected):
    found = find_dates(text, relative_to=published)
    assert [(text[d.start:d.end], d.iso, d.precision.value) for d in found] == expected


def test_find_dates_window_and_offsets():
    text = "Ngày 15/01/2021 và ngày 20/4/2021"
    found = find_dates(text, 10, len(text))
    assert [(d.start, d.end, d.iso) for d in found] == [(19, 33, "2021-04-20")]


# --- year inference ---------------------------------------------------------------------

YEARS = [
    # (month, day, article date, year): never after the article's date
    (5, 23, "2021-05-29", 2021),
    (5, 29, "2021-05-29", 2021),
    (5, 30, "2021-05-29", 2020),
    (12, 15, "2021-05-29", 2020),
    (1, 13, "2020-01-14", 2020),
    (12, None, "2021-05-29", 2020),
    (5, None, "2021-05-29", 2021),
    (3, 1, "2021", 2021),
    (3, 1, None, None),
]


@pytest.mark.parametrize(("month", "day", "ref", "year"), YEARS, ids=[f"{r[1]}/{r[0]} @{r[2]}" for r in YEARS])
def test_infer_year(month, day, ref, year):
    assert infer_year(month, day, ref) == year


def test_inferred_date_never_after_article():
    for month in range(1, 13):
        for d in find_dates(f"Ngày 28/{month}, hội nghị khai mạc", relative_to="2022-06-15"):
            assert d.year_inferred and d.iso <= "2022-06-15"


# --- parse_published ----------------------------------------------------------------------

HEADERS = [
    ("Thứ Hai, 4/12/2023", ("2023-12-04", None)),
    ("Thứ Ba, 23/7/2024", ("2024-07-23", None)),
    ("Quốc Sơn 29/05/2021 16:22", ("2021-05-29", "16:22")),
    ("29/05/2021 16:22", ("2021-05-29", "16:22")),
    ("Thứ Sáu, 12/01/2024, 08:30", ("2024-01-12", "08:30")),
    ("Chủ nhật, 05/01/2025 08:15", ("2025-01-05", "08:15")),
    ("Thứ hai, 04/12/2023 - 15:30 GMT+7", ("2023-12-04", "15:30")),
    ("16:22 | 29/05/2021", ("2021-05-29", "16:22")),
    ("29.05.2021 - 16h22", ("2021-05-29", "16:22")),
    ("2021-05-29T16:22:00+07:00", ("2021-05-29", "16:22")),
    ("2021-05-29", ("2021-05-29", None)),
    ("2020-10-01 16:35:34", ("2020-10-01", "16:35")),
    ("Thứ bảy, ngày 29 tháng 05 năm 2021", ("2021-05-29", None)),
    ("Cập nhật: 10:20 thứ năm, 5 tháng 3, 2020", ("2020-03-05", "10:20")),
    ("Tháng 5/2021", ("2021-05", None)),
    ("Quốc Sơn", (None, None)),
    ("hôm qua", (None, None)),
    ("Ngày 23/5", (None, None)),
    ("trong 5 tháng, 2020", (None, None)),
    ("", (None, None)),
]


@pytest.mark.parametrize(("header", "expected"), HEADERS, ids=_ids(HEADERS))
def test_parse_published(header, expected):
    assert parse_published(header) == expected


def test_parse_published_odd_input():
    assert parse_published(None) == (None, None)  # type: ignore[arg-type]
    assert parse_published("\x00\ufeff 99/99/9999") == (None, None)


# --- the rules' own examples ------------------------------------------------------------

def test_every_date_form_example_parses():
    pf = patterns.load("dates")
    for rule in pf.section("date_forms"):
        for example in rule.examples:
            found = find_dates(example, relative_to="2024-12-31")
            assert found and found[0].rule == rule.id, (rule.id, example)
            assert found[0].precision is Precision((rule.data or {})["precision"])


def test_every_section_is_documented():
    pf = patterns.load("dates")
    assert set(pf.meta["keys"]) == set(pf.rules) | set(pf.tables)
