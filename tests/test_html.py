"""Scraped pages of six common CMS layouts (invented articles, realistic markup): the lead,
captions with credits, authors, canonical URL and the page's own dateline are kept; related
boxes are removed as blocks and the article goes on after them (issue 25)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.api import process
from extractor.io.ingest import read_file
from extractor.record import Article

PAGES = Path(__file__).parent / "pages"

# (page, title, published, published_time, source.url, outlet, origin_outlet, authors,
#  photo credits, captions, first body line (the lead), counts as (value, category, locality, as_of))
CASES = [
    ("vnexpress_fck.html", "Chợ Đồn nhân rộng mô hình dân vận khéo", "2023-12-04", "08:15",
     "https://vnexpress.net/cho-don-nhan-rong-mo-hinh-dan-van-kheo-4701234.html", "vnexpress.net", None,
     ["Hoàng Minh Khôi"], ["Lưu Thanh Hà"],
     [("Cán bộ xã Bằng Lãng hướng dẫn người dân làm đường bê tông.", "Lưu Thanh Hà")],
     "Đến nay, huyện Chợ Đồn có 215 mô hình “Dân vận khéo” trên các lĩnh vực, tăng 40 mô hình so với năm 2020.",
     [(215, "total", "Chợ Đồn", "2023-12-04"), (40, "increase", "Chợ Đồn", "2023-12-04"),
      (18, "recognized", "Chợ Đồn", "2023")]),
    ("sohacms_detail.html", "Bát Xát: 320 mô hình dân vận khéo giúp dân thoát nghèo", "2024-03-15", "10:30",
     "https://tuoitre.vn/bat-xat-320-mo-hinh-dan-van-kheo-2024031508.htm", "tuoitre.vn", None,
     ["Lý Thị Mai"], ["Phạm Quốc Hùng"], [("Người dân xã Quang Kim thu hoạch chè", "Phạm Quốc Hùng")],
     "TTO - Sau 5 năm, huyện Bát Xát (Lào Cai) đã xây dựng 320 mô hình “Dân vận khéo”, giúp hơn 1.200 hộ "
     "thoát nghèo.",
     [(320, "total", "Bát Xát", None), (45, "recognized", "Bát Xát", "2024-03-15")]),
    ("onecms_article.html", "Pác Nặm: Hiệu quả từ những mô hình dân vận khéo", "2023-12-04", "07:00",
     "https://baothainguyen.vn/pac-nam-hieu-qua-tu-nhung-mo-hinh-dan-van-kheo-325001.html", "baothainguyen.vn",
     "baobackan.com.vn", ["Nông Thị Lan"], ["baobackan.vn"],
     [("Người dân xã Bộc Bố làm đường giao thông nông thôn.", "baobackan.vn")],
     "Đến nay, huyện Pác Nặm có 156 mô hình “Dân vận khéo”, trong đó 60 mô hình về phát triển kinh tế.",
     [(156, "total", "Pác Nặm", "2023-12-04"), (60, "by_field", "Pác Nặm", "2023-12-04"),
      (24, "new", "Pác Nặm", "2023")]),
    ("portal_liferay.html", "Cao Lộc: Sơ kết phong trào thi đua Dân vận khéo", "2024-03-15", None,
     "https://caoloc.langson.gov.vn/tin-tuc/cao-loc-so-ket-phong-trao.html", "caoloc.langson.gov.vn", None,
     ["Vi Thị Hằng"], ["Vi Văn Tuấn"],
     [("Lãnh đạo huyện trao giấy khen cho các điển hình tiêu biểu", None),
      ("Mô hình đường hoa thôn Pò Nghiều, xã Thụy Hùng.", "Vi Văn Tuấn")],
     "Ngày 10/3/2024, Ban Dân vận Huyện ủy Cao Lộc sơ kết phong trào thi đua “Dân vận khéo”. Đến nay, toàn huyện "
     "có 130 mô hình.",
     [(130, "total", "Cao Lộc", "2024-03-15"), (25, "new", "Cao Lộc", None), (12, "recognized", "Cao Lộc", "2024-03-15")]),
    ("wordpress_entry.html", "Quỳ Hợp: 95 mô hình dân vận khéo", "2024-05-20", "09:00",
     "https://dvquyhop.vn/quy-hop-95-mo-hinh-dan-van-kheo/", "dvquyhop.vn", None,
     ["Phan Đức Long"], ["Hồ Thị Yến", "Lô Văn Thắng"],
     [("Hội viên phụ nữ xã Châu Quang chăm sóc vườn cam", "Hồ Thị Yến"),
      ("Đoàn viên thanh niên dọn vệ sinh đường làng.", "Lô Văn Thắng")],
     "Đến nay, huyện Quỳ Hợp (Nghệ An) có 95 mô hình “Dân vận khéo” được công nhận.",
     [(95, "recognized", "Quỳ Hợp", "2024-05-20"), (15, "new", "Quỳ Hợp", "2024"), (20, "recognized", "Quỳ Hợp", None)]),
    ("nukeviet_news.html", "Ngân Sơn: 74 mô hình dân vận khéo", "2024-11-08", "09:42",
     "https://nganson.backan.gov.vn/news/tin-tuc/ngan-son-74-mo-hinh-dan-van-kheo-1234.html", "nganson.backan.gov.vn",
     "baobackan.com.vn", ["Hà Thanh Tùng"], ["Đinh Thị Thu"],
     [("Hội viên nông dân xã Vân Tùng trồng cây ăn quả.", "Đinh Thị Thu")],
     "Đến nay, huyện Ngân Sơn có 74 mô hình “Dân vận khéo”, trong đó 30 mô hình thuộc lĩnh vực kinh tế.",
     [(74, "total", "Ngân Sơn", "2024-11-08"), (30, "by_field", "Ngân Sơn", "2024-11-08"), (11, "new", "Ngân Sơn", "2024")]),
]


def _record(name: str) -> Article:
    (raw,) = list(read_file(str(PAGES / name)))
    rec = process(raw)
    assert isinstance(rec, Article), rec
    return rec


@pytest.mark.parametrize(("page", "title", "published", "time", "url", "outlet", "origin", "authors", "credits",
                          "captions", "lead", "counts"), CASES, ids=[c[0] for c in CASES])
def test_cms_page(page, title, published, time, url, outlet, origin, authors, credits, captions, lead, counts):
    rec = _record(page)
    assert (rec.title, rec.published, rec.published_time) == (title, published, time)
    assert (rec.source.url, rec.outlet, rec.origin_outlet) == (url, outlet, origin)
    assert rec.authors == authors
    assert rec.photo_credits == credits
    assert [(c.text, c.credit) for c in rec.captions] == captions
    body = [ln for ln in rec.text.split("\n") if ln and ln != title]
    assert lead in body[:3]  # after the dateline line (and a picture of the lead), the lead comes first
    assert [(c.value, c.category, c.locality.name if c.locality else None, c.as_of) for c in rec.counts] == counts
    assert rec.about_movement is not None and rec.about_movement.value is True


@pytest.mark.parametrize(("page", "related"), [
    ("vnexpress_fck.html", ["Na Rì có thêm 40 mô hình", "Ngân Sơn có 90 mô hình", "Thứ ba, 5/12/2023"]),
    ("sohacms_detail.html", ["Tin liên quan", "Sa Pa ra mắt 210 mô hình mới", "Mường Khương", "10/01/2024"]),
    ("onecms_article.html", ["Tin liên quan", "Ngân Sơn có 210 mô hình", "Chợ Mới có 70 mô hình", "Giấy phép"]),
    ("portal_liferay.html", ["Xem thêm", "Văn Lãng có 88 mô hình", "01/02/2024", "Bản quyền"]),
    ("wordpress_entry.html", ["Xem thêm", "Tương Dương có 80 mô hình", "Con Cuông", "Facebook", "12/01/2024"]),
], ids=lambda x: x if isinstance(x, str) else "")
def test_related_blocks_are_gone_and_the_article_goes_on(page, related):
    rec = _record(page)
    for phrase in related:
        assert phrase not in rec.text
    # officials and counts after the related box are kept (asserted exactly in test_cms_page)
    assert rec.officials


def test_officials_after_a_mid_body_related_box():
    rec = _record("sohacms_detail.html")
    assert [(o.name, o.title) for o in rec.officials] == [("Vàng Thị Dua", "Phó Chủ tịch UBND huyện")]


def test_dateline_of_the_page_not_of_a_related_item_or_the_lead():
    # portal: a sidebar item dated 01/02/2024 comes before the headline, the lead says
    # "Ngày 10/3/2024"; the page's dateline under the headline says 15/03/2024.
    rec = _record("portal_liferay.html")
    assert rec.published == "2024-03-15"
    assert [c.as_of for c in rec.counts if c.value == 130] == ["2024-03-15"]


def test_meta_author_that_names_a_site_is_not_a_byline(tmp_path):
    page = tmp_path / "p.html"
    page.write_text('<html><head><meta name="author" content="Báo Bắc Kạn"></head><body><h1>Tiêu đề bài</h1>'
                    '<div class="detail-content"><p>Đến nay, huyện Na Rì có 90 mô hình dân vận khéo.</p></div>'
                    '</body></html>', encoding="utf-8")
    (raw,) = list(read_file(str(page)))
    rec = process(raw)
    assert rec.authors == [] and rec.title == "Tiêu đề bài"


def test_page_without_a_known_body_element_still_reads(tmp_path):
    page = tmp_path / "plain.html"
    page.write_text("<html><head><title>Na Rì có 90 mô hình</title></head><body><div><p>Đến nay, huyện Na Rì "
                    "có 90 mô hình “Dân vận khéo” ở các thôn bản vùng cao, được bà con hưởng ứng nhiệt tình."
                    "</p><p>Các mô hình tập trung vào phát triển kinh tế, xây dựng nông thôn mới và bảo vệ an ninh."
                    "</p></div></body></html>", encoding="utf-8")
    (raw,) = list(read_file(str(page)))
    rec = process(raw)
    assert isinstance(rec, Article)
    assert [c.value for c in rec.counts] == [90]


@pytest.mark.parametrize(("html", "text", "counts"), [
    ("<?xml version='1.0' encoding='utf-8'?><html><body><h1>Tiêu đề</h1><div class='detail-content'>"
     "<p>Có 12 mô hình dân vận khéo ở xã.</p></div></body></html>", "Tiêu đề\nCó 12 mô hình dân vận khéo ở xã.", [12]),
    ("chỉ là chữ, không có thẻ nào cả, có 5 mô hình dân vận khéo",
     "chỉ là chữ, không có thẻ nào cả, có 5 mô hình dân vận khéo", [5]),
    ("<html><body><div class='detail-content'><p>Đoạn một có 7 mô hình dân vận khéo,\n  viết xuống dòng trong mã nguồn.</p>"
     "<p>Dòng một<br>Dòng hai</p></div></body></html>",
     "Đoạn một có 7 mô hình dân vận khéo, viết xuống dòng trong mã nguồn.\nDòng một\nDòng hai", [7]),
], ids=["xml-declaration", "no-tags", "source-newlines"])
def test_odd_pages(html, text, counts):
    from extractor.api import extract

    a = extract(html=html)
    assert a.text == text
    assert [c.value for c in a.counts] == counts
