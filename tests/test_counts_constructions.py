"""Counts, issues 21, 25 and 26: one table row per construction, with exact expected counts.

Every sentence is invented (places are real units, passed as hand-built localities the way the
places stage hands them over). A row gives every count as (value, qualifier, category, field,
part_of, place, as_of, level).
"""
from __future__ import annotations

import gzip
import importlib.util
import json
import re
from pathlib import Path

import pytest
from conftest import shared_path
from test_counts import make_doc, places, run

from extractor.fields.counts import extract_counts
from extractor.record import MainLocality

NGHE_AN = MainLocality(province="Nghệ An")
YEN_THANH = MainLocality(province="Nghệ An", district="Yên Thành")
HOA_THANH = MainLocality(province="Nghệ An", district="Yên Thành", commune="Hoa Thành")
YT = ("Yên Thành", "district", "Nghệ An")
HT = ("Hoa Thành", "commune", "Nghệ An", "Yên Thành")
NA = ("Nghệ An", "province", None)


def full(counts) -> list[tuple]:
    return [(c.value, c.qualifier, c.category, c.field, c.part_of, c.locality.name if c.locality else None,
             c.as_of, c.level) for c in counts]


#: (construction, text, units, main place, counts, sum checks [(total, parts, status)])
CASES = [
    # -- structure: fields named before their numbers, after a colon (issue 21)
    ("fields before numbers after a colon",
     "Năm 2022, toàn huyện thực hiện 412 mô hình “Dân vận khéo” và “Dân vận khéo vì môi trường xanh” "
     "trên 4 lĩnh vực: phát triển kinh tế 150 mô hình, văn hóa - xã hội 150 mô hình, giữ vững quốc phòng - an ninh "
     "62 mô hình, xây dựng Đảng trong sạch, vững mạnh 50 mô hình.", [], YEN_THANH,
     [(412, "exact", "total", None, None, "Yên Thành", "2022", None),
      (150, "exact", "by_field", "kinh tế", 412, "Yên Thành", "2022", None),
      (150, "exact", "by_field", "văn hóa - xã hội", 412, "Yên Thành", "2022", None),
      (62, "exact", "by_field", "quốc phòng - an ninh", 412, "Yên Thành", "2022", None),
      (50, "exact", "by_field", "xây dựng hệ thống chính trị", 412, "Yên Thành", "2022", None)],
     [(412, [150, 150, 62, 50], "ok")]),
    ("a field written without its dash",
     "Toàn huyện có 90 mô hình, trong đó Kinh tế 40 mô hình; Văn hóa xã hội 30 mô hình; Quốc phòng an ninh "
     "20 mô hình.", [], YEN_THANH,
     [(90, "exact", "total", None, None, "Yên Thành", None, None),
      (40, "exact", "by_field", "kinh tế", 90, "Yên Thành", None, None),
      (30, "exact", "by_field", "văn hóa - xã hội", 90, "Yên Thành", None, None),
      (20, "exact", "by_field", "quốc phòng - an ninh", 90, "Yên Thành", None, None)],
     [(90, [40, 30, 20], "ok")]),
    ("the fields of the parts are not the total's",
     "Năm 2023, xã đăng ký 15 mô hình “Dân vận khéo”, trong đó lĩnh vực kinh tế 6 mô hình, văn hóa - xã hội "
     "9 mô hình.", [], HOA_THANH,
     [(15, "exact", "total", None, None, "Hoa Thành", "2023", None),
      (6, "exact", "by_field", "kinh tế", 15, "Hoa Thành", "2023", None),
      (9, "exact", "by_field", "văn hóa - xã hội", 15, "Hoa Thành", "2023", None)],
     [(15, [6, 9], "ok")]),
    # -- structure: parts across sentences, collective and individual
    ("parts in the next sentence after a caption line",
     "Năm 2024, toàn huyện xây dựng được 318 mô hình “Dân vận khéo”.\nMô hình nuôi bò của hội viên xóm Đông.\n"
     "Trong đó, có 210 mô hình tập thể và 108 mô hình cá nhân.", [], YEN_THANH,
     [(318, "exact", "total", None, None, "Yên Thành", "2024", None),
      (210, "exact", "collective", None, 318, "Yên Thành", "2024", None),
      (108, "exact", "individual", None, 318, "Yên Thành", "2024", None)],
     [(318, [210, 108], "ok")]),
    ("a breakdown that adds up is closed; a later count has parts of its own",
     "Trong đó có 30 mô hình tập thể và 20 mô hình cá nhân; huyện tiếp tục công nhận 12 mô hình "
     "(7 tập thể, 5 cá nhân) tiêu biểu.", [], YEN_THANH,
     [(30, "exact", "collective", None, None, "Yên Thành", None, None),
      (20, "exact", "individual", None, None, "Yên Thành", None, None),
      (12, "exact", "recognized", None, None, "Yên Thành", None, None),
      (7, "exact", "collective", None, 12, "Yên Thành", None, None),
      (5, "exact", "individual", None, 12, "Yên Thành", None, None)],
     [(12, [7, 5], "ok")]),
    ("a selection in the next sentence is a part; its bracket holds its own parts",
     "Năm 2023, toàn huyện đăng ký 140 mô hình “Dân vận khéo”. Qua đánh giá, có 36 mô hình được công nhận "
     "(gồm 21 tập thể; 15 cá nhân).", [], YEN_THANH,
     [(140, "exact", "total", None, None, "Yên Thành", "2023", None),
      (36, "exact", "recognized", None, 140, "Yên Thành", "2023", None),
      (21, "exact", "collective", None, 36, "Yên Thành", "2023", None),
      (15, "exact", "individual", None, 36, "Yên Thành", "2023", None)],
     [(36, [21, 15], "ok")]),
    ("fields opening the next sentence are parts",
     "Toàn huyện có 412 mô hình “Dân vận khéo”. Lĩnh vực kinh tế có 150 mô hình, văn hóa - xã hội 262 mô hình.",
     [], YEN_THANH,
     [(412, "exact", "total", None, None, "Yên Thành", None, None),
      (150, "exact", "by_field", "kinh tế", 412, "Yên Thành", None, None),
      (262, "exact", "by_field", "văn hóa - xã hội", 412, "Yên Thành", None, None)], [(412, [150, 262], "ok")]),
    ("tiers opening the next sentence are parts",
     "Toàn tỉnh có 3.215 mô hình “Dân vận khéo”. Cấp tỉnh 215 mô hình, cấp xã 3.000 mô hình.", [NA], NGHE_AN,
     [(3215, "exact", "total", None, None, "Nghệ An", None, None),
      (215, "exact", "by_level", None, 3215, "Nghệ An", None, "province"),
      (3000, "exact", "by_level", None, 3215, "Nghệ An", None, "commune")], [(3215, [215, 3000], "ok")]),
    ("a selection by vote in the next sentence",
     "Năm 2022 có 300 mô hình “Dân vận khéo”. Năm 2023, ban chỉ đạo bình chọn 25 mô hình.", [], YEN_THANH,
     [(300, "exact", "total", None, None, "Yên Thành", "2022", None),
      (25, "exact", "recognized", None, 300, "Yên Thành", "2023", None)], []),
    ("a judgement of result is a selection",
     "Huyện có 140 mô hình “Dân vận khéo”. Qua khảo sát, có 35 mô hình đạt hiệu quả cao.", [], YEN_THANH,
     [(140, "exact", "total", None, None, "Yên Thành", None, None),
      (35, "exact", "recognized", None, 140, "Yên Thành", None, None)], []),
    ("a selection two sentences later is a count of its own",
     "Huyện có 140 mô hình “Dân vận khéo”. Nhiều mô hình mang lại lợi ích. Năm 2023, có 35 mô hình được "
     "biểu dương.", [], YEN_THANH,
     [(140, "exact", "total", None, None, "Yên Thành", None, None),
      (35, "exact", "recognized", None, None, "Yên Thành", "2023", None)], []),
    ("parts of both kinds without the thing",
     "Toàn tỉnh có 2.400 mô hình “Dân vận khéo”, trong đó có 1.600 tập thể và 800 cá nhân.", [NA], NGHE_AN,
     [(2400, "exact", "total", None, None, "Nghệ An", None, None),
      (1600, "exact", "collective", None, 2400, "Nghệ An", None, None),
      (800, "exact", "individual", None, 2400, "Nghệ An", None, None)], [(2400, [1600, 800], "ok")]),
    ("a coordinated count with its thing left out",
     "Xã có 41 mô hình tập thể và 7 cá nhân tiêu biểu được công nhận.", [], HOA_THANH,
     [(41, "exact", "collective", None, None, "Hoa Thành", None, None),
      (7, "exact", "individual", None, None, "Hoa Thành", None, None)], []),
    ("models of collectives and individuals are a total",
     "Xã đăng ký thực hiện 18 điểm mô hình tập thể và cá nhân ở 03 lĩnh vực: 8 điểm mô hình kinh tế, "
     "6 điểm mô hình văn hóa - xã hội, 4 mô hình quốc phòng - an ninh.", [], HOA_THANH,
     [(18, "exact", "total", None, None, "Hoa Thành", None, None),
      (8, "exact", "by_field", "kinh tế", 18, "Hoa Thành", None, None),
      (6, "exact", "by_field", "văn hóa - xã hội", 18, "Hoa Thành", None, None),
      (4, "exact", "by_field", "quốc phòng - an ninh", 18, "Hoa Thành", None, None)], [(18, [8, 6, 4], "ok")]),
    ("a bare trong opening the clause is a pool",
     "Trong 640 mô hình “Dân vận khéo” đã đăng ký, có 85 mô hình được chọn.", [], YEN_THANH,
     [(640, "exact", "total", None, None, "Yên Thành", None, None),
      (85, "exact", "recognized", None, 640, "Yên Thành", None, None)], []),
    # -- category: recognized vs total (issue 21)
    ("a list shares the verb before it",
     "Huyện đã công nhận 58 mô hình đạt chuẩn “Dân vận khéo” cấp huyện, 12 mô hình cấp cơ sở.", [], YEN_THANH,
     [(58, "exact", "recognized", None, None, "Yên Thành", None, "district"),
      (12, "exact", "recognized", None, None, "Yên Thành", None, "commune")], []),
    ("an award proposed for models",
     "Ban Thường vụ Huyện ủy đề nghị UBND tỉnh tặng Bằng khen cho 6 mô hình “Dân vận khéo”.", [], YEN_THANH,
     [(6, "exact", "recognized", None, None, "Yên Thành", None, None)], []),
    ("models built and kept up are a total",
     "Đến nay, toàn huyện đã xây dựng và duy trì thường xuyên 310 mô hình “Dân vận khéo”.", [], YEN_THANH,
     [(310, "exact", "total", None, None, "Yên Thành", "2023-12-04", None)], []),
    ("models taken over are maintained",
     "Sau sáp nhập, xã tiếp nhận và duy trì 9 mô hình “Dân vận khéo”.", [], HOA_THANH,
     [(9, "exact", "maintained", None, None, "Hoa Thành", None, None)], []),
    # -- place (issue 21)
    ("a bare level word as the subject names the commune named before",
     "Xã Hoa Thành luôn coi phong trào là nhiệm vụ trọng tâm. Từ đầu năm 2024 đến nay, xã đăng ký 21 mô hình.",
     [HT], YEN_THANH,
     [(21, "exact", "total", None, None, "Hoa Thành", "2023-12-04", None)], []),
    ("a body of a bare level word is the subject",
     "Xã Hoa Thành là điểm sáng của huyện. Sau khi sáp nhập, Ủy ban MTTQ Việt Nam xã tiếp nhận 7 mô hình.",
     [HT], NGHE_AN,
     [(7, "exact", "total", None, None, "Hoa Thành", None, None)], []),
    ("the last word of a list of levels is no subject",
     "Tính đến ngày 15-10-2024, các thị xã, huyện đã đăng ký 84 mô hình “Dân vận khéo” mới.", [NA], NGHE_AN,
     [(84, "exact", "new", None, None, "Nghệ An", "2024-10-15", None)], []),
    ("the addressee of a proposal is not the place",
     "Ban Dân vận Huyện ủy đề nghị Ban Dân vận Tỉnh ủy khen thưởng 3 mô hình “Dân vận khéo”.", [YT, NA], YEN_THANH,
     [(3, "exact", "recognized", None, None, "Yên Thành", None, None)], []),
    ("a district named in an article about the province",
     "Năm 2022, tỉnh Nghệ An có 1.250 mô hình “Dân vận khéo”; huyện Yên Thành có 96 mô hình.", [NA, YT], NGHE_AN,
     [(1250, "exact", "total", None, None, "Nghệ An", "2022", None),
      (96, "exact", "total", None, None, "Yên Thành", "2022", None)], []),
    ("a commune named just before its count",
     "Xã Hoa Thành có 21 điểm mô hình “Dân vận khéo”, gồm 13 mô hình tập thể, 8 mô hình cá nhân.", [HT], YEN_THANH,
     [(21, "exact", "total", None, None, "Hoa Thành", None, None),
      (13, "exact", "collective", None, 21, "Hoa Thành", None, None),
      (8, "exact", "individual", None, 21, "Hoa Thành", None, None)], [(21, [13, 8], "ok")]),
    ("the unit a paragraph opens with",
     "Về xã Hoa Thành hôm nay, ai cũng thấy đổi thay. Hiện nay, trên địa bàn có 21 mô hình “Dân vận khéo”.",
     [HT], YEN_THANH,
     [(21, "exact", "total", None, None, "Hoa Thành", "2023-12-04", None)], []),
    # -- tiers, targets and dates (issue 26)
    ("tiers after a marker are parts by level",
     "Năm 2023, toàn tỉnh có 3.215 mô hình “Dân vận khéo”, trong đó cấp tỉnh 215 mô hình, cấp xã 3.000 mô hình.",
     [NA], NGHE_AN,
     [(3215, "exact", "total", None, None, "Nghệ An", "2023", None),
      (215, "exact", "by_level", None, 3215, "Nghệ An", "2023", "province"),
      (3000, "exact", "by_level", None, 3215, "Nghệ An", "2023", "commune")], [(3215, [215, 3000], "ok")]),
    ("tiers named first are parts without a marker",
     "Toàn tỉnh có 3.215 mô hình “Dân vận khéo”; cấp tỉnh 215 mô hình, cấp xã 3.000 mô hình.", [NA], NGHE_AN,
     [(3215, "exact", "total", None, None, "Nghệ An", None, None),
      (215, "exact", "by_level", None, 3215, "Nghệ An", None, "province"),
      (3000, "exact", "by_level", None, 3215, "Nghệ An", None, "commune")], [(3215, [215, 3000], "ok")]),
    ("tiers of recognized models stay recognized",
     "Giai đoạn 2021-2023, các cấp đã công nhận 1.024 mô hình, trong đó cấp tỉnh công nhận 64 mô hình, cấp huyện "
     "công nhận 960 mô hình.", [NA], NGHE_AN,
     [(1024, "exact", "recognized", None, None, "Nghệ An", "2023", None),
      (64, "exact", "recognized", None, 1024, "Nghệ An", "2023", "province"),
      (960, "exact", "recognized", None, 1024, "Nghệ An", "2023", "district")], [(1024, [64, 960], "ok")]),
    ("a target is no achieved count",
     "Huyện phấn đấu mỗi năm có thêm ít nhất 40 mô hình mới.", [], YEN_THANH,
     [(40, "more_than", "target", None, None, "Yên Thành", None, None)], []),
    ("a dated target",
     "Mục tiêu đến năm 2025, mỗi xã có ít nhất 3 mô hình “Dân vận khéo” hiệu quả.", [], YEN_THANH,
     [(3, "more_than", "target", None, None, "Yên Thành", "2025", None)], []),
    ("an aim that ends its clause makes no target",
     "Với mục tiêu nâng cao đời sống nhân dân, huyện đã xây dựng 200 mô hình “Dân vận khéo”.", [], YEN_THANH,
     [(200, "exact", "total", None, None, "Yên Thành", None, None)], []),
    ("a year opening a quotation",
     "Bà Lan cho biết: “Năm 2021, toàn huyện đã thực hiện 264 mô hình “Dân vận khéo”.", [], YEN_THANH,
     [(264, "exact", "total", None, None, "Yên Thành", "2021", None)], []),
    ("a period from one year to another",
     "Từ năm 2012 đến 2018, toàn huyện chỉ có khoảng 300 mô hình.", [], YEN_THANH,
     [(300, "about", "total", None, None, "Yên Thành", "2018", None)], []),
    ("a year after the thing",
     "Ban Chỉ đạo huyện vừa công nhận 40 mô hình “Dân vận khéo” năm 2022.", [], YEN_THANH,
     [(40, "exact", "recognized", None, None, "Yên Thành", "2022", None)], []),
    ("a year opening the sentence",
     "Huyện tổng kết phong trào. Năm 2023, huyện đăng ký mới 46 mô hình “Dân vận khéo”.", [], YEN_THANH,
     [(46, "exact", "new", None, None, "Yên Thành", "2023", None)], []),
]


@pytest.mark.parametrize("name,text,units,main,expected,checks", CASES, ids=[c[0] for c in CASES])
def test_construction(name: str, text: str, units, main, expected, checks) -> None:
    _, counts, got_checks = run(text, units, main)
    assert full(counts) == expected
    assert [(c.total, c.parts, c.status) for c in got_checks] == checks


# -- issue 25: the relevance gate -----------------------------------------------------------------

#: (text, values of the counts kept when the article's topic is read from its text)
GATE = [
    ("Dự án có 3 mô hình sinh kế được đề xuất thực hiện ở các huyện.", []),
    ("Theo các chuyên gia, thế giới hiện có 2 mô hình quản lý vốn nhà nước.", []),
    ("Cả nước đã xây dựng thành công 150 mô hình điểm chuỗi cung ứng thực phẩm an toàn.", []),
    # the movement named only inside a list of other movements' names: no topic
    ("Tỉnh phát động các phong trào “Toàn dân đoàn kết”, “Dân vận khéo”, “Nhà sạch, vườn đẹp”. "
     "Đến nay đã hình thành 120 mô hình sản xuất.", []),
    # a thing followed by the movement's name is a count whatever the topic
    ("Hội Nông dân huyện đã xây dựng 12 mô hình dân vận và 30 mô hình sản xuất.", [12]),
    ("Ban Dân vận Huyện ủy chỉ đạo xây dựng 25 mô hình dân vận ở cơ sở.", [25]),
    # an article about the movement
    ("Phong trào thi đua “Dân vận khéo” lan tỏa. Đến nay toàn huyện có 300 mô hình.", [300]),
]


@pytest.mark.parametrize("text,values", GATE, ids=[t[:40] for t, _ in GATE])
def test_relevance_gate(text: str, values: list[int]) -> None:
    doc = make_doc(text)
    counts, _ = extract_counts(doc, localities=places(text), locality=YEN_THANH)
    assert [c.value for c in counts] == values


BULK = Path(__file__).resolve().parents[2] / "shared" / "bulk" / "articles.jsonl.gz"
_NUMBERED_THING = re.compile(r"\d\s*(?:điểm\s+)?(?:mô hình|điển hình)", re.IGNORECASE)


@pytest.mark.skipif(not BULK.exists(), reason="bulk corpus not present")
def test_bulk_news_has_no_movement_counts() -> None:
    """Every bulk article (general news) that counts models of any kind: no movement count."""
    from extractor.io.ingest import RawArticle
    from extractor.pipeline import extract_article

    bad, seen = [], 0
    with gzip.open(BULK, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not _NUMBERED_THING.search(line):
                continue
            d = json.loads(line)
            seen += 1
            a = extract_article(RawArticle(id=d["id"], text=d["text"], published=d.get("date")), fields=["counts"])
            bad += [(d["id"], c.text) for c in a.counts]
    assert seen >= 30 and bad == []


# -- dev floors: attributes as the shared scorer reads them ---------------------------------------

def _scorer():
    spec = importlib.util.spec_from_file_location("shared_score", shared_path("eval", "score.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_dev_count_attributes(tmp_path: Path) -> None:
    """Counts on the 80 dev passages, scored by ../shared/eval/score.py: floors a bit below 1.0."""
    from extractor.io.ingest import RawArticle
    from extractor.pipeline import extract_article

    out = tmp_path / "dev.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for line in shared_path("dev", "passages.jsonl").read_text(encoding="utf-8").splitlines():
            p = json.loads(line)
            a = extract_article(RawArticle(id=p["id"], text=p["text"], url=p.get("url")), fields=["counts"])
            fh.write(a.model_dump_json() + "\n")
    tallies, _ = _scorer().score(shared_path("dev", "gold"), out)
    t = tallies["counts"]
    p, r, f = t.prf()
    acc = {k: right / total for k, (right, total) in t.attr.items()}
    assert p >= 0.98 and r >= 0.97 and f >= 0.97
    assert acc["category"] >= 0.95 and acc["locality"] >= 0.95 and acc["part_of"] >= 0.93
