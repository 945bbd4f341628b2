"""Counts of models: one test per construction of SCHEMA "Count" and issue 16.

Sentences come from the seed articles (corpus/) or are written on the model of real
constructions; places are hand-built :class:`Locality` lists with exact mentions, as the
places stage hands them over.
"""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from conftest import dev_value_f1

from extractor.fields.counts import extract_counts
from extractor.record import Locality, MainLocality
from extractor.text.segment import ArticleText, Zone, ZoneKind

BULK = Path(__file__).resolve().parents[2] / "shared" / "bulk" / "articles.jsonl.gz"


def make_doc(text: str, published: str | None = "2023-12-04", title: bool = False) -> ArticleText:
    """An ArticleText with one zone per non-empty line (the first a title if asked)."""
    zones, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        if line.strip():
            kind = ZoneKind.title if title and i == 0 else ZoneKind.body
            zones.append(Zone(kind, pos, pos + len(line)))
        pos += len(line) + 1
    return ArticleText(text, zones, published=published)


def places(text: str, *units: tuple) -> list[Locality]:
    """Localities ``(name, level, province[, district])`` with every mention of the name in the text."""
    out = []
    for name, level, province, *district in units:
        mentions = [(m.start(), m.end()) for m in re.finditer(re.escape(name), text)]
        out.append(Locality(name=name, level=level, province=province, district=(district or [None])[0],
                            mentions=mentions))
    return out


def run(text: str, units=(), main: MainLocality | None = None, about: bool | None = True, **kw):
    """Counts of a text; sentences stand alone, so the article is taken as about the movement
    unless ``about`` is None (decide from the text, as the pipeline does)."""
    doc = make_doc(text, **kw)
    counts, checks = extract_counts(doc, localities=places(text, *units), locality=main, about_movement=about)
    for c in counts:
        assert text[c.span[0]:c.span[1]] == c.text
    return doc, counts, checks


def brief(counts) -> list[tuple]:
    return [(c.value, c.qualifier, c.category, c.part_of, (c.locality.name if c.locality else None)) for c in counts]


BAC_KAN = MainLocality(province="Bắc Kạn")
LANG_SON_CITY = MainLocality(province="Lạng Sơn", district="Lạng Sơn")


def test_total_with_level_word_and_den_nay() -> None:
    text = "Đến nay, toàn tỉnh có 2.011 mô hình \"Dân vận khéo\"."
    _, counts, _ = run(text, [("Bắc Kạn", "province", None)], BAC_KAN)
    assert brief(counts) == [(2011, "exact", "total", None, "Bắc Kạn")]
    assert counts[0].as_of == "2023-12-04"


def test_breakdown_new_and_maintained_with_sum_check() -> None:
    text = ("Đến nay, toàn tỉnh có 2.011 mô hình \"Dân vận khéo\", trong đó có 1.354 mô hình đăng ký mới, "
            "657 mô hình duy trì.")
    _, counts, checks = run(text, [], BAC_KAN)
    assert brief(counts) == [(2011, "exact", "total", None, "Bắc Kạn"),
                             (1354, "exact", "new", 2011, "Bắc Kạn"),
                             (657, "exact", "maintained", 2011, "Bắc Kạn")]
    assert [(c.total, c.parts, c.status) for c in checks] == [(2011, [1354, 657], "ok")]


def test_place_subject_before_the_number() -> None:
    text = "Chợ Đồn là địa phương có nhiều mô hình nhất với 544 mô hình, huyện Pác Nặm có 297 mô hình."
    _, counts, _ = run(text, [("Chợ Đồn", "district", "Bắc Kạn"), ("Pác Nặm", "district", "Bắc Kạn")], BAC_KAN)
    assert brief(counts) == [(544, "exact", "total", None, "Chợ Đồn"), (297, "exact", "total", None, "Pác Nặm")]


def test_distributive_list_gives_one_count_per_place() -> None:
    text = "Các huyện Na Rì, Bạch Thông, Ngân Sơn đều có trên 200 mô hình."
    units = [("Na Rì", "district", "Bắc Kạn"), ("Bạch Thông", "district", "Bắc Kạn"), ("Ngân Sơn", "district", "Bắc Kạn")]
    _, counts, _ = run(text, units, BAC_KAN)
    assert brief(counts) == [(200, "more_than", "total", None, "Na Rì"), (200, "more_than", "total", None, "Bạch Thông"),
                             (200, "more_than", "total", None, "Ngân Sơn")]


def test_ratio_takes_field_and_the_place_of_its_total() -> None:
    text = ("Đến nay, toàn tỉnh có 2.011 mô hình.\nTrong các mô hình đăng ký thực hiện thì mô hình về xây dựng "
            "nông thôn chiếm phần lớn với 1.274/2.011 mô hình.")
    _, counts, _ = run(text, [], MainLocality(province="Bắc Kạn", district="Na Rì"))
    ratio = counts[-1]
    assert (ratio.value, ratio.of_total, ratio.category, ratio.field) == (1274, 2011, "by_field", "nông thôn mới")
    assert ratio.locality.name == counts[0].locality.name


def test_elliptical_parts_increase_and_fields() -> None:
    text = ("Tính đến năm 2020, thành phố đã xây dựng được 129 mô hình (gồm 83 tập thể; 46 cá nhân, tăng 64 mô hình "
            "so với năm 2017), trong đó có 44 mô hình thuộc lĩnh vực phát triển kinh tế, 23 mô hình thuộc lĩnh vực "
            "văn hóa - xã hội, 42 mô hình lĩnh vực quốc phòng - an ninh và 20 mô hình thuộc lĩnh vực xây dựng hệ "
            "thống chính trị.")
    _, counts, checks = run(text, [("Lạng Sơn", "district", "Lạng Sơn")], LANG_SON_CITY)
    assert [(c.value, c.category, c.part_of, c.field) for c in counts] == [
        (129, "total", None, None), (83, "collective", 129, None), (46, "individual", 129, None),
        (64, "increase", None, None), (44, "by_field", 129, "kinh tế"), (23, "by_field", 129, "văn hóa - xã hội"),
        (42, "by_field", 129, "quốc phòng - an ninh"), (20, "by_field", 129, "xây dựng hệ thống chính trị")]
    assert counts[0].as_of == "2020" and counts[0].locality.name == "Lạng Sơn"
    assert sorted((c.total, tuple(c.parts), c.status) for c in checks) == [
        (129, (44, 23, 42, 20), "ok"), (129, (83, 46), "ok")]


def test_recognized_with_parts() -> None:
    text = "Qua đánh giá, có 46 mô hình được công nhận là điển hình tiên tiến (gồm có 27 tập thể; 19 cá nhân)."
    _, counts, checks = run(text, [], LANG_SON_CITY)
    assert [(c.value, c.category, c.part_of) for c in counts] == [
        (46, "recognized", None), (27, "collective", 46), (19, "individual", 46)]
    assert checks[0].status == "ok"


def test_headline_and_body_mentions_merge() -> None:
    text = ("Bắc Giang duy trì, nhân rộng hơn 5.000 mô hình \"Dân vận khéo\"\n"
            "Hiện nay, các cấp ủy trên địa bàn tỉnh Bắc Giang đang duy trì thực hiện hơn 5.000 mô hình "
            "\"Dân vận khéo\" trên tất cả các lĩnh vực.")
    _, counts, _ = run(text, [("Bắc Giang", "province", None)], MainLocality(province="Bắc Giang"), title=True)
    assert brief(counts) == [(5000, "more_than", "total", None, "Bắc Giang")]
    assert len(counts[0].mentions) == 2


def test_emphasis_and_bracketed_parts() -> None:
    text = "Sau 12 năm phát động, cả tỉnh có tới 1.480 mô hình (1.102 tập thể, 378 cá nhân)."
    _, counts, checks = run(text, [], MainLocality(province="Điện Biên"))
    assert brief(counts) == [(1480, "exact", "total", None, "Điện Biên"),
                             (1102, "exact", "collective", 1480, "Điện Biên"),
                             (378, "exact", "individual", 1480, "Điện Biên")]
    assert checks[0].status == "ok"


def test_sentence_opening_with_trong_do_continues_the_breakdown() -> None:
    text = ("Hiện nay, huyện Ea Kar duy trì 415 mô hình, điển hình.\n"
            "Trong số này, 302 mô hình tập thể, 113 điển hình cá nhân hoạt động đều đặn.")
    _, counts, _ = run(text, [("Ea Kar", "district", "Đắk Lắk")], MainLocality(province="Đắk Lắk"))
    assert brief(counts) == [(415, "exact", "total", None, "Ea Kar"), (302, "exact", "collective", 415, "Ea Kar"),
                             (113, "exact", "individual", 415, "Ea Kar")]
    assert counts[2].unit == "điển hình"


def test_awarded_collectives_are_not_counts() -> None:
    text = "Nhân dịp này, Chủ tịch UBND huyện trao giấy khen cho 18 tập thể, 27 cá nhân tiêu biểu trong phong trào."
    _, counts, _ = run(text, [], MainLocality(province="Yên Bái"))
    assert counts == []


def test_people_counted_as_exemplars_are_not_counts() -> None:
    text = "Về dự hội nghị có 90 đại biểu là các điển hình tiêu biểu của huyện."
    _, counts, _ = run(text, [], MainLocality(province="Phú Yên"))
    assert counts == []


def test_counted_exemplars_are_counts() -> None:
    text = "Dịp này, Huyện ủy tuyên dương 45 điển hình tiên tiến trong phong trào."
    _, counts, _ = run(text, [], MainLocality(province="Nghệ An"))
    assert [(c.value, c.unit, c.category) for c in counts] == [(45, "điển hình", "recognized")]


@pytest.mark.parametrize("sentence,value,qualifier", [
    ("Toàn huyện có gần 300 mô hình dân vận khéo.", 300, "nearly"),
    ("Toàn huyện có khoảng 150 mô hình dân vận khéo.", 150, "about"),
    ("Mỗi xã có dưới 10 mô hình dân vận khéo.", 10, "less_than"),
    ("Toàn huyện có hàng trăm mô hình dân vận khéo.", 100, "about"),
    ("Toàn huyện có xấp xỉ 650 mô hình.", 650, "about"),
], ids=lambda x: x if isinstance(x, str) else None)
def test_qualifiers(sentence: str, value: int, qualifier: str) -> None:
    _, counts, _ = run(sentence, [], MainLocality(province="Hòa Bình", district="Kim Bôi"))
    assert [(c.value, c.qualifier) for c in counts] == [(value, qualifier)]


def test_level_word_refers_to_the_main_unit_at_that_level() -> None:
    text = "Báo cáo của Ban Dân vận Huyện ủy nêu rõ, cả huyện hiện có 362 mô hình “Dân vận khéo” ở nhiều lĩnh vực."
    _, counts, _ = run(text, [("Lục Nam", "district", "Bắc Giang")],
                       MainLocality(province="Bắc Giang", district="Lục Nam"))
    assert brief(counts) == [(362, "exact", "total", None, "Lục Nam")]


def test_bracketed_parent_is_skipped() -> None:
    text = "Giai đoạn 2020-2022, huyện Tam Nông (Phú Thọ) công nhận 57 mô hình “Dân vận khéo” sau khi thẩm định."
    units = [("Tam Nông", "district", "Phú Thọ"), ("Phú Thọ", "province", None)]
    _, counts, _ = run(text, units, MainLocality(province="Phú Thọ", district="Tam Nông"))
    assert brief(counts) == [(57, "exact", "recognized", None, "Tam Nông")]
    assert counts[0].as_of == "2022"


def test_as_of_year_of_the_sentence() -> None:
    text = "Năm 2021, toàn tỉnh có 1.250 mô hình “Dân vận khéo” được đăng ký."
    _, counts, _ = run(text, [], MainLocality(province="Nghệ An"))
    assert (counts[0].value, counts[0].as_of) == (1250, "2021")


def test_clause_subject_gives_the_category() -> None:
    text = "Từ năm 2019 đến nay, thị trấn có 40 tập thể đăng ký xây dựng 45 mô hình; 12 cá nhân đăng ký 12 mô hình."
    _, counts, _ = run(text, [], MainLocality(province="Phú Thọ", district="Tam Nông"))
    assert [(c.value, c.category) for c in counts] == [(45, "collective"), (12, "individual")]


def test_a_list_is_not_a_subject() -> None:
    text = "Xã có 16 tập thể và 20 mô hình tham gia hội thi."
    _, counts, _ = run(text, [], MainLocality(province="Phú Thọ", district="Tam Nông"))
    assert [(c.value, c.category) for c in counts] == [(20, "total")]


def test_pool_of_a_selection_is_a_total() -> None:
    text = "Hội đồng đã bình chọn 15 mô hình xuất sắc nhất trong số 3.870 mô hình “Dân vận khéo” của tỉnh."
    _, counts, _ = run(text, [], MainLocality(province="Bình Định"))
    assert [(c.value, c.category) for c in counts] == [(15, "recognized"), (3870, "total")]


def test_attached_categories() -> None:
    text = "Dịp này, Ban Chỉ đạo tuyên dương 9 mô hình tập thể, 14 điển hình cá nhân và biểu dương 6 mô hình xuất sắc."
    _, counts, _ = run(text, [], MainLocality(province="Cà Mau"))
    assert [(c.value, c.unit, c.category) for c in counts] == [
        (9, "mô hình", "collective"), (14, "điển hình", "individual"), (6, "mô hình", "recognized")]


def test_by_field_after_the_thing() -> None:
    text = ("Trong năm 2019, toàn tỉnh có 310 mô hình “Dân vận khéo” trong cải cách hành chính, "
            "trong đó có 64 mô hình được công nhận.")
    _, counts, _ = run(text, [], MainLocality(province="Hà Giang"))
    assert [(c.value, c.category, c.field, c.part_of, c.as_of) for c in counts] == [
        (310, "by_field", "cải cách hành chính", None, "2019"), (64, "recognized", None, 310, "2019")]


def test_mismatched_parts_warn() -> None:
    text = "Toàn tỉnh có 430 mô hình, trong đó có 180 mô hình tập thể và 240 mô hình cá nhân."
    doc, counts, checks = run(text, [], MainLocality(province="Nghệ An"))
    assert [(c.total, c.parts, c.status) for c in checks] == [(430, [180, 240], "mismatch")]
    assert any("sum" in w for w in doc.warnings)


def test_percentage_of_models_is_not_a_count() -> None:
    text = "Cả huyện có 362 mô hình, trong đó gần 80% mô hình hoạt động thường xuyên."
    _, counts, _ = run(text, [], MainLocality(province="Bắc Giang", district="Lục Nam"))
    assert [c.value for c in counts] == [362]


def test_article_without_models_has_no_counts() -> None:
    text = "Hội nghị có 250 đại biểu, 41 hộ dân hiến 3.150 m2 đất; huyện trao giấy khen cho 34 cá nhân, 16 tập thể."
    _, counts, checks = run(text, [], MainLocality(province="Gia Lai"))
    assert counts == [] and checks == []


@pytest.mark.skipif(not BULK.exists(), reason="bulk corpus not present")
def test_bulk_articles_without_models_get_no_counts() -> None:
    """On the first articles of ../shared/bulk, no count where the text never names a model."""
    bad = []
    with gzip.open(BULK, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= 300:
                break
            d = json.loads(line)
            text = d["text"]
            low = text.lower()
            if "mô hình" in low or "điển hình" in low:
                continue
            _, counts, _ = run(text, [], None, published=d.get("date"))
            if counts:
                bad.append(d["id"])
    assert bad == []


def test_dev_gate() -> None:
    """Counts F1 on the dev passages stays at or above 0.98 (a floor, not a target; 1.000 at issue 26)."""
    assert dev_value_f1("counts") >= 0.98


# -- stress set: constructions written on the model of provincial reports ------------------------

TUYEN_QUANG = MainLocality(province="Tuyên Quang")
THO_XUAN = MainLocality(province="Thanh Hóa", district="Thọ Xuân")

#: (text, place units, main place, [(value, qualifier, category, part_of, place, field)])
STRESS = [
    ("Toàn tỉnh có 2.050 mô hình. Trong đó, lĩnh vực kinh tế có 1.020 mô hình, văn hóa - xã hội 640 mô hình, "
     "quốc phòng - an ninh 210 mô hình.", [], TUYEN_QUANG,
     [(2050, "exact", "total", None, "Tuyên Quang", None),
      (1020, "exact", "by_field", 2050, "Tuyên Quang", "kinh tế"),
      (640, "exact", "by_field", 2050, "Tuyên Quang", "văn hóa - xã hội"),
      (210, "exact", "by_field", 2050, "Tuyên Quang", "quốc phòng - an ninh")]),
    ("Toàn tỉnh có 2.345 mô hình; trong đó, 1.200 mô hình kinh tế, 645 mô hình văn hóa - xã hội.", [], TUYEN_QUANG,
     [(2345, "exact", "total", None, "Tuyên Quang", None),
      (1200, "exact", "by_field", 2345, "Tuyên Quang", "kinh tế"),
      (645, "exact", "by_field", 2345, "Tuyên Quang", "văn hóa - xã hội")]),
    ("Trong số 350 mô hình đăng ký, có 120 mô hình được công nhận cấp huyện.", [], THO_XUAN,
     [(350, "exact", "total", None, "Thọ Xuân", None), (120, "exact", "recognized", 350, "Thọ Xuân", None)]),
    ("Xã Xuân Hồng, huyện Thọ Xuân có 12 mô hình “Dân vận khéo”.",
     [("Xuân Hồng", "commune", "Thanh Hóa", "Thọ Xuân"), ("Thọ Xuân", "district", "Thanh Hóa")], THO_XUAN,
     [(12, "exact", "total", None, "Xuân Hồng", None)]),
    ("Theo báo cáo, số mô hình đăng ký mới là 520, số mô hình duy trì là 1.150.", [], TUYEN_QUANG,
     [(520, "exact", "new", None, "Tuyên Quang", None), (1150, "exact", "maintained", None, "Tuyên Quang", None)]),
    ("Năm 2023 huyện xây dựng mới 35 mô hình, nâng tổng số mô hình lên 410.", [], THO_XUAN,
     [(35, "exact", "new", None, "Thọ Xuân", None), (410, "exact", "total", None, "Thọ Xuân", None)]),
    ("Có 95 tập thể và 40 cá nhân đã đăng ký xây dựng 135 mô hình “Dân vận khéo”.", [], THO_XUAN,
     [(135, "exact", "total", None, "Thọ Xuân", None)]),
    ("Có 18 mô hình được UBND tỉnh tặng Bằng khen.", [], THO_XUAN,
     [(18, "exact", "recognized", None, "Thọ Xuân", None)]),
    ("Có 1.534 điển hình được các cấp tuyên dương, gồm 892 tập thể và 642 cá nhân.", [], TUYEN_QUANG,
     [(1534, "exact", "recognized", None, "Tuyên Quang", None),
      (892, "exact", "collective", 1534, "Tuyên Quang", None),
      (642, "exact", "individual", 1534, "Tuyên Quang", None)]),
    ("Các cấp đã công nhận 1.254 mô hình, trong đó cấp tỉnh 86 mô hình, cấp huyện 412 mô hình.", [], TUYEN_QUANG,
     [(1254, "exact", "recognized", None, "Tuyên Quang", None),
      (86, "exact", "recognized", 1254, "Tuyên Quang", None),
      (412, "exact", "recognized", 1254, "Tuyên Quang", None)]),
    ("Các xã Xuân Hồng, Bắc Lương mỗi xã có 15 mô hình.",
     [("Xuân Hồng", "commune", "Thanh Hóa"), ("Bắc Lương", "commune", "Thanh Hóa")], THO_XUAN,
     [(15, "exact", "total", None, "Xuân Hồng", None), (15, "exact", "total", None, "Bắc Lương", None)]),
    ("Năm 2023, các cấp trong tỉnh đã xây dựng được 2.345 mô hình (tăng 210 mô hình so với năm 2022).", [],
     TUYEN_QUANG,
     [(2345, "exact", "total", None, "Tuyên Quang", None), (210, "exact", "increase", None, "Tuyên Quang", None)]),
    ("Hàng trăm mô hình hay đã ra đời; gần 500 điển hình tiên tiến được biểu dương.", [], TUYEN_QUANG,
     [(100, "about", "total", None, "Tuyên Quang", None), (500, "nearly", "recognized", None, "Tuyên Quang", None)]),
    # issue 26: a target is no achieved count
    ("Huyện phấn đấu mỗi xã có ít nhất 2 mô hình.", [], THO_XUAN, [(2, "more_than", "target", None, "Thọ Xuân", None)]),
]


@pytest.mark.parametrize("text,units,main,expected", STRESS, ids=[t for t, *_ in STRESS])
def test_stress_constructions(text: str, units, main, expected) -> None:
    _, counts, _ = run(text, units, main)
    got = [(c.value, c.qualifier, c.category, c.part_of, c.locality.name if c.locality else None, c.field)
           for c in counts]
    assert got == expected


def test_thing_first_needs_a_bare_number() -> None:
    _, counts, _ = run("Số mô hình đạt hiệu quả là 85% và số hộ tham gia lên 410 hộ.", [], THO_XUAN)
    assert counts == []
