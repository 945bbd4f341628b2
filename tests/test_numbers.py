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
    ("Toàn tỉnh có 46.804 đảng viên", [("46.804", 46804, "exact")]),
    ("dân số 1.234.567 người", [("1.234.567", 1234567, "exact")]),
    ("năng suất đạt 1,5 tấn", [("1,5", 1.5, "exact")]),
    ("chiếm 30,71% dân số", [("30,71%", 30.71, "exact")]),
    ("tăng 0,5 điểm", [("0,5", 0.5, "exact")]),
    ("với trên 4000 lượt cử tri tham dự", [("trên 4000", 4000, "more_than")]),
    ("trồng 01 mô hình điểm", [("01", 1, "exact")]),
    ("diện tích 3.312 km2", [("3.312", 3312, "exact")]),
    ("hiến hơn 4.708m 2 đất", [("hơn 4.708", 4708, "more_than")]),
    ("trồng hơn 1ha nghệ đen", [("hơn 1", 1, "more_than")]),
    # English-style separators on some pages
    ("xuất bán 1,500 tấn rau", [("1,500", 1500, "exact")]),
    ("tỷ lệ 30.71% hộ", [("30.71%", 30.71, "exact")]),
    ("lãi suất 0.586%", [("0.586%", 0.586, "exact")]),
    # multipliers
    ("đóng góp được gần 2 tỷ đồng", [("gần 2 tỷ", 2_000_000_000, "nearly")]),
    ("ủng hộ trên 893 triệu đồng", [("trên 893 triệu", 893_000_000, "more_than")]),
    ("hiến hơn 200 nghìn m2 đất", [("hơn 200 nghìn", 200_000, "more_than")]),
    ("mức hỗ trợ 200 ngàn đồng", [("200 ngàn", 200_000, "exact")]),
    ("dân số hơn 1,3 triệu người", [("hơn 1,3 triệu", 1_300_000, "more_than")]),
    ("thu nhập 1,2 triệu đồng", [("1,2 triệu", 1_200_000, "exact")]),
    ("trị giá 2 tỷ 500 triệu đồng", [("2 tỷ 500 triệu", 2_500_000_000, "exact")]),
    ("kinh phí 1,5 tỉ đồng", [("1,5 tỉ", 1_500_000_000, "exact")]),
    ("huy động 3 vạn ngày công", [("3 vạn", 30_000, "exact")]),
    ("vốn 880 triệu đồng", [("880 triệu", 880_000_000, "exact")]),
    # vague orders
    ("hàng vạn ngày công xây dựng", [("hàng vạn", 10_000, "about")]),
    ("di dời hàng trăm phần mộ", [("hàng trăm", 100, "about")]),
    ("Hàng nghìn mô hình ra đời", [("Hàng nghìn", 1000, "about")]),
    ("thu hút hàng ngàn lượt người", [("hàng ngàn", 1000, "about")]),
    ("hàng chục mô hình mới", [("hàng chục", 10, "about")]),
    ("hàng chục nghìn hội viên", [("hàng chục nghìn", 10_000, "about")]),
    ("hàng trăm triệu đồng", [("hàng trăm triệu", 100_000_000, "about")]),
    # qualifiers
    ("có trên 200 mô hình", [("trên 200", 200, "more_than")]),
    ("hơn 5.000 mô hình", [("hơn 5.000", 5000, "more_than")]),
    ("Gần 200 hộ bị ảnh hưởng", [("Gần 200", 200, "nearly")]),
    ("khoảng 1 héc ta", [("khoảng 1", 1, "about")]),
    ("chừng 30 người", [("chừng 30", 30, "about")]),
    ("dưới 10% hộ nghèo", [("dưới 10%", 10, "less_than")]),
    ("chưa đến 50 hộ", [("chưa đến 50", 50, "less_than")]),
    ("xấp xỉ 400 mô hình", [("xấp xỉ 400", 400, "about")]),
    ("ngót 300 hộ", [("ngót 300", 300, "nearly")]),
    ("toàn tỉnh có tới 2.665 mô hình", [("có tới 2.665", 2665, "exact")]),
    ("ít nhất 01 mô hình", [("ít nhất 01", 1, "more_than")]),
    ("trên dưới 100 hộ", [("trên dưới 100", 100, "about")]),
    # percentages
    ("có trên 90% chi bộ", [("trên 90%", 90, "more_than")]),
    ("đạt 85 phần trăm", [("85 phần trăm", 85, "exact")]),
    ("Hơn 75% mô hình phát huy hiệu quả", [("Hơn 75%", 75, "more_than")]),
    ("dân tộc thiểu số chiếm gần 36%", [("gần 36%", 36, "nearly")]),
    # ratios
    ("chiếm phần lớn với 1.274/2.011 mô hình", [("1.274/2.011", 1274, "exact")]),
    ("21/21 huyện đã tổ chức hội nghị", [("21/21", 21, "exact")]),
    ("chỉ đạo 16/16 đảng ủy cơ sở", [("16/16", 16, "exact")]),
    # ranges: both ends, the multiplier and % of the second applied to the first
    ("từ 20 đến 30 hộ", [("từ 20", 20, "exact"), ("30", 30, "exact")]),
    ("tỷ lệ 70-75%", [("70", 70, "exact"), ("75%", 75, "exact")]),
    ("500-600 triệu đồng/ha/năm", [("500", 500_000_000, "exact"), ("600 triệu", 600_000_000, "exact")]),
    ("từ 2 đến 3 triệu đồng", [("từ 2", 2_000_000, "exact"), ("3 triệu", 3_000_000, "exact")]),
    ("nhân rộng thêm 2 – 3 mô hình", [("2", 2, "exact"), ("3", 3, "exact")]),
    ("từ 100 triệu đến 1 tỷ đồng", [("từ 100 triệu", 100_000_000, "exact"), ("1 tỷ", 1_000_000_000, "exact")]),
    ("từ 20 tới 30 người", [("từ 20", 20, "exact"), ("30", 30, "exact")]),
    # not quantities: nothing of kind "number"
    ("Ngày 23/5, Ban Thường vụ ban hành", []),
    ("sáng 18-3-2011, Tỉnh ủy tổ chức", []),
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
    ("Ngày 2-6, Ban Dân vận", [("2", "date"), ("6", "date")]),
    ("tính đến 31-12-2021", [("31", "date"), ("12", "date"), ("2021", "date")]),
    ("từ tháng 12/2020", [("12/2020", "date")]),
    ("nhiệm kỳ 2020-2025", [("2020", "period"), ("2025", "period")]),
    ("(2017 – 2020)", [("2017", "period"), ("2020", "period")]),
    ("Năm 2020, Ban Thường vụ", [("2020", "year")]),
    ("trong năm 2019", [("2019", "year")]),
    ("Kết luận số 03-KL/TU", [("03", "code")]),
    ("Nghị định 100/2019/NĐ-CP", [("100/2019", "code")]),
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
    for s in ["", "....", "1/", "/1", "1..2", ",5", "9" * 400, "1/2/3/4/5", "hàng", "1.2.3,4,5%%"]:
        find_numbers(s)


@pytest.mark.parametrize("phrase,variant", [("văn hóa", "văn hoá"), ("khóa", "khoá"), ("Tỉnh ủy", "tỉnh uỷ")])
def test_tone_placement_variants(phrase: str, variant: str) -> None:
    assert variant.lower() in [v.lower() for v in tone_variants(phrase)]
    import re
    assert re.fullmatch(phrase_regex(phrase), variant, re.IGNORECASE)
