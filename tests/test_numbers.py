"""Vietnamese numerals: values, multipliers, qualifiers, ratios, ranges and non-quantities.

Each case is a sentence written on the model of a real construction (seed articles of
corpus/ and the press) and the numerals it holds as ``(evidence, value, qualifier)``;
dates, times, periods, years and codes are listed apart by their kind.
"""
from __future__ import annotations

import pytest

from extractor.text.numbers import find_numbers, phrase_regex, tone_variants

# (sentence, [(evidence, value, qualifier), ...]) — quantities only (kind "number")
VALUES = [
    # thousands dot, decimal comma
    ("Đến nay, toàn tỉnh có 2.011 mô hình", [("2.011", 2011, "exact")]),
    ("hỗ trợ cho hơn 13.000 lượt đoàn viên", [("hơn 13.000", 13000, "more_than")]),
    ("Đảng bộ huyện có 8.512 đảng viên", [("8.512", 8512, "exact")]),
    ("dân số 1.234.567 người", [("1.234.567", 1234567, "exact")]),
    ("năng suất đạt 1,5 tấn", [("1,5", 1.5, "exact")]),
    ("hộ cận nghèo chiếm 27,45% tổng số hộ", [("27,45%", 27.45, "exact")]),
    ("tăng 0,5 điểm", [("0,5", 0.5, "exact")]),
    ("với trên 4000 lượt cử tri tham dự", [("trên 4000", 4000, "more_than")]),
    ("trồng 01 mô hình điểm", [("01", 1, "exact")]),
    ("huyện rộng 1.245 km2", [("1.245", 1245, "exact")]),
    ("nhân dân hiến hơn 3.150m 2 đất làm đường", [("hơn 3.150", 3150, "more_than")]),
    ("trồng hơn 2ha chè", [("hơn 2", 2, "more_than")]),
    # English-style separators on some pages
    ("thu mua 1,500 tấn cà phê", [("1,500", 1500, "exact")]),
    ("tỷ lệ 27.45% hộ", [("27.45%", 27.45, "exact")]),
    ("lãi suất 0.586%", [("0.586%", 0.586, "exact")]),
    # multipliers
    ("đóng góp được gần 2 tỷ đồng", [("gần 2 tỷ", 2_000_000_000, "nearly")]),
    ("ủng hộ trên 893 triệu đồng", [("trên 893 triệu", 893_000_000, "more_than")]),
    ("hiến hơn 200 nghìn m2 đất", [("hơn 200 nghìn", 200_000, "more_than")]),
    ("mức hỗ trợ 200 ngàn đồng", [("200 ngàn", 200_000, "exact")]),
    ("thành phố có hơn 2,4 triệu dân", [("có hơn 2,4 triệu", 2_400_000, "more_than")]),
    ("thu nhập 1,2 triệu đồng", [("1,2 triệu", 1_200_000, "exact")]),
    ("trị giá 2 tỷ 300 triệu đồng", [("2 tỷ 300 triệu", 2_300_000_000, "exact")]),
    ("kinh phí 1,5 tỉ đồng", [("1,5 tỉ", 1_500_000_000, "exact")]),
    ("huy động 3 vạn ngày công", [("3 vạn", 30_000, "exact")]),
    ("vay vốn 640 triệu đồng", [("640 triệu", 640_000_000, "exact")]),
    # vague orders
    ("hàng vạn ngày công xây dựng", [("hàng vạn", 10_000, "about")]),
    ("trồng hàng trăm cây xanh", [("hàng trăm", 100, "about")]),
    ("Hàng nghìn mô hình ra đời", [("Hàng nghìn", 1000, "about")]),
    ("thu hút hàng ngàn lượt người", [("hàng ngàn", 1000, "about")]),
    ("hàng chục mô hình mới", [("hàng chục", 10, "about")]),
    ("hàng chục nghìn hội viên", [("hàng chục nghìn", 10_000, "about")]),
    ("quyên góp hàng trăm triệu đồng", [("hàng trăm triệu", 100_000_000, "about")]),
    # qualifiers
    ("có trên 200 mô hình", [("trên 200", 200, "more_than")]),
    ("hơn 5.000 mô hình", [("hơn 5.000", 5000, "more_than")]),
    ("Gần 180 hộ phải di dời", [("Gần 180", 180, "nearly")]),
    ("khoảng 3 héc ta", [("khoảng 3", 3, "about")]),
    ("chừng 30 người", [("chừng 30", 30, "about")]),
    ("dưới 10% hộ nghèo", [("dưới 10%", 10, "less_than")]),
    ("chưa đến 50 hộ", [("chưa đến 50", 50, "less_than")]),
    ("xấp xỉ 650 mô hình", [("xấp xỉ 650", 650, "about")]),
    ("ngót 300 hộ", [("ngót 300", 300, "nearly")]),
    ("cả huyện có tới 1.046 mô hình", [("có tới 1.046", 1046, "exact")]),
    ("ít nhất 01 mô hình", [("ít nhất 01", 1, "more_than")]),
    ("trên dưới 70 hộ", [("trên dưới 70", 70, "about")]),
    # percentages
    ("có trên 90% chi bộ", [("trên 90%", 90, "more_than")]),
    ("đạt 85 phần trăm", [("85 phần trăm", 85, "exact")]),
    ("Gần 80% hộ dân đồng thuận", [("Gần 80%", 80, "nearly")]),
    ("đảng viên nữ chiếm gần 41%", [("gần 41%", 41, "nearly")]),
    # ratios
    ("chiếm phần lớn với 1.274/2.011 mô hình", [("1.274/2.011", 1274, "exact")]),
    ("18/18 xã đã tổ chức hội nghị", [("18/18", 18, "exact")]),
    ("9/9 chi bộ đã ra nghị quyết", [("9/9", 9, "exact")]),
    # ranges: both ends, the multiplier and % of the second applied to the first
    ("từ 20 đến 30 hộ", [("từ 20", 20, "exact"), ("30", 30, "exact")]),
    ("tỷ lệ 70-75%", [("70", 70, "exact"), ("75%", 75, "exact")]),
    ("300-350 triệu đồng/ha/năm", [("300", 300_000_000, "exact"), ("350 triệu", 350_000_000, "exact")]),
    ("từ 2 đến 3 triệu đồng", [("từ 2", 2_000_000, "exact"), ("3 triệu", 3_000_000, "exact")]),
    ("nhân rộng thêm 2 – 3 mô hình", [("2", 2, "exact"), ("3", 3, "exact")]),
    ("từ 200 triệu đến 1 tỷ đồng", [("từ 200 triệu", 200_000_000, "exact"), ("1 tỷ", 1_000_000_000, "exact")]),
    ("từ 20 tới 30 người", [("từ 20", 20, "exact"), ("30", 30, "exact")]),
    # not quantities: nothing of kind "number"
    ("Ngày 23/5, Ban Thường vụ ban hành", []),
    ("chiều 22-9-2014, Huyện ủy tổ chức", []),
    ("giai đoạn 2021-2025", []),
    ("Qua hơn 3 năm (2017 – 2020) triển khai", [("hơn 3", 3, "more_than")]),
    ("Kế hoạch số 20-KH/HU về", []),
    ("Chỉ thị số 16/CT-TTg, ngày 16/5/2016", []),
    ("phòng, chống dịch Covid-19", []),
    ("Quốc Sơn 29/05/2021 16:22", []),
    ("lúc 16h30", []),
    ("từ tháng 12/2020 đã tham mưu", []),
    ("Năm 2021, toàn tỉnh", []),
    ("liên hệ 0912.345.678", []),
    ("Dân vận khéo 1+10", []),
    ("tại công viên 30/4 (quận 1)", [("1", 1, "exact")]),
    ("đạt 1,2 nghìn tỷ đồng", [("1,2 nghìn tỷ", 1.2e12, "exact")]),
    ("hơn 3 ngàn tỉ đồng", [("hơn 3 ngàn tỉ", 3e12, "more_than")]),
]


@pytest.mark.parametrize("sentence,expected", VALUES, ids=[s for s, _ in VALUES])
def test_values(sentence: str, expected: list[tuple[str, float, str]]) -> None:
    got = [(sentence[m.start:m.end], m.value, m.qualifier) for m in find_numbers(sentence) if m.kind == "number"]
    assert [(e, q) for e, _, q in got] == [(e, q) for e, _, q in expected]
    for (_, v, _), (_, w, _) in zip(got, expected):
        assert v == pytest.approx(w)


# (sentence, [(digits, kind), ...]) — what a numeral is when it is not a quantity
KINDS = [
    ("Ngày 23/5, Ban Thường vụ", [("23/5", "date")]),
    ("ngày 15/01/2021 của Ban Thường vụ", [("15/01/2021", "date")]),
    ("Ngày 7-4, Hội Nông dân", [("7", "date"), ("4", "date")]),
    ("tính đến 30-9-2022", [("30", "date"), ("9", "date"), ("2022", "date")]),
    ("từ tháng 12/2020", [("12/2020", "date")]),
    ("nhiệm kỳ 2020-2025", [("2020", "period"), ("2025", "period")]),
    ("(2017 – 2020)", [("2017", "period"), ("2020", "period")]),
    ("Năm 2020, Ban Thường vụ", [("2020", "year")]),
    ("trong năm 2019", [("2019", "year")]),
    ("Kết luận số 03-KL/TU", [("03", "code")]),
    ("Nghị định 83/2020/NĐ-CP", [("83/2020", "code")]),
    ("dịch Covid-19", [("19", "code")]),
    ("Quốc Sơn 29/05/2021 16:22", [("29/05/2021", "date"), ("16:22", "time")]),
    ("số điện thoại 0987654321", [("0987654321", "code")]),
    ("21/21 huyện", [("21/21", "number")]),
    ("3/5 xã đạt chuẩn", [("3/5", "number")]),
    ("2000 người", [("2000", "number")]),
]


@pytest.mark.parametrize("sentence,expected", KINDS, ids=[s for s, _ in KINDS])
def test_kinds(sentence: str, expected: list[tuple[str, str]]) -> None:
    got = [(m.raw, m.kind) for m in find_numbers(sentence) if not m.vague]
    assert got == expected


def test_ratio_denominator() -> None:
    (m,) = find_numbers("với 1.274/2.011 mô hình")
    assert (m.value, m.denominator) == (1274, 2011)


def test_range_partners_point_at_each_other() -> None:
    a, b = find_numbers("tỷ lệ 70-75%")
    assert (a.partner, b.partner) == (1, 0)
    assert a.percent and b.percent


def test_year_like_without_cue() -> None:
    (m,) = find_numbers("có 2000 người tham gia")
    assert m.kind == "number" and m.year_like


def test_offsets_index_the_given_text() -> None:
    text = "Mở đầu. Đến nay, toàn tỉnh có 2.011 mô hình, trong đó có 1.354 mô hình đăng ký mới."
    for m in find_numbers(text, 8, len(text)):
        assert text[m.num_start:m.num_end] == m.raw


def test_odd_input_never_raises() -> None:
    for s in ["", "....", "1/", "/1", "1..2", ",5", "9" * 397, "1/2/3/4/5", "hàng", "1.2.3,4,5%%"]:
        find_numbers(s)


@pytest.mark.parametrize("phrase,variant", [("văn hóa", "văn hoá"), ("khóa", "khoá"), ("Tỉnh ủy", "tỉnh uỷ")])
def test_tone_placement_variants(phrase: str, variant: str) -> None:
    assert variant.lower() in [v.lower() for v in tone_variants(phrase)]
    import re
    assert re.fullmatch(phrase_regex(phrase), variant, re.IGNORECASE)
