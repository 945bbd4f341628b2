"""Clean: header/footer parsing and zones, on the sample articles and on single constructions."""
from __future__ import annotations

import pytest

from extractor.io.ingest import RawArticle
from extractor.text.clean import clean
from extractor.text.segment import ZoneKind

# (seed id, title, published, published_time, outlet, authors, photo credits) — the gold of
# ../shared/gold for the header fields.
SEED_HEADERS = [
    ("000_36cf266247e648e0", "Bắc Kạn: Đẩy mạnh phong trào thi đua “Dân vận khéo”", "2023-12-04", None,
     "baobackan.com.vn", [], []),
    ("001_c8006cdf789937c7", "Hiệu quả từ những mô hình dân vận khéo ở thành phố Lạng Sơn", "2024-07-23", None,
     "baolangson.vn", [], []),
    ("002_d5b953197c991ba9", "Bắc Giang duy trì, nhân rộng hơn 5.000 mô hình \"Dân vận khéo\"", None, None,
     None, [], ["baobacgiang.vn"]),
    ("003_27a8761bb2890747", "Ban Thường vụ Tỉnh ủy ban hành Chỉ thị về nâng cao hiệu quả phong trào 'Dân vận khéo'",
     "2021-05-29", "16:22", "baonghean.vn", ["Quốc Sơn"], ["Đào Tuấn", "May Huyền"]),
    ("004_bcae39a94d6c8187", "Bắc Kạn thực hiện hiệu quả phong trào dân vận khéo", None, None, None,
     ["Vũ Hoàng Giang"], ["danvan.vn"]),
]


@pytest.mark.parametrize(("seed", "title", "published", "time", "outlet", "authors", "credits"), SEED_HEADERS,
                         ids=[s[0] for s in SEED_HEADERS])
def test_seed_headers(seed_texts, seed, title, published, time, outlet, authors, credits):
    c = clean(RawArticle(id=seed, text=seed_texts[seed]))
    assert (c.title, c.published, c.published_time, c.outlet) == (title, published, time, outlet)
    assert c.authors == authors
    assert c.photo_credits == credits
    # zones never overlap and every zone lies on text
    for a, b in zip(c.zones, c.zones[1:]):
        assert a.end <= b.start
    assert all(c.text[z.start:z.end].strip() == c.text[z.start:z.end] for z in c.zones)


def _zone_texts(text: str, kind: ZoneKind) -> list[str]:
    c = clean(RawArticle(id="t", text=text))
    return [c.text[z.start:z.end] for z in c.zones if z.kind == kind]


CONSTRUCTIONS = [
    # (text, zone kind, the text of the zones of that kind)
    ("Thứ Hai, 4/12/2023\nTiêu đề bài\nThân bài có 20 mô hình.", ZoneKind.dateline, ["Thứ Hai, 4/12/2023"]),
    ("Chủ nhật, 05/01/2025 08:15\nTiêu đề\nThân bài.", ZoneKind.dateline, ["Chủ nhật, 05/01/2025 08:15"]),
    ("Tiêu đề\n\nQuốc Sơn 29/05/2021 16:22\n\nThân bài.", ZoneKind.byline, ["Quốc Sơn 29/05/2021 16:22"]),
    ("Tiêu đề\n(Baonghean.vn) - Ngày 23/5, Ban Thường vụ ban hành Chỉ thị.\nThân.", ZoneKind.outlet,
     ["(Baonghean.vn) -"]),
    ("Tiêu đề\nThân bài.\n\n(baobackan.com.vn)\n\nGửi cho bạn bè\n\nXem nhiều nhất", ZoneKind.outlet,
     ["(baobackan.com.vn)"]),
    ("Tiêu đề\nThân bài một.\nThân bài hai.\n\nGửi cho bạn bè\n\nXem nhiều nhất\nTin một\nTin hai", ZoneKind.chrome,
     ["Gửi cho bạn bè", "Xem nhiều nhất", "Tin một", "Tin hai"]),
    ("Tiêu đề\nĐoạn một của bài.\nĐoạn hai.\nĐoạn ba.\nPOWERED BY ONECMS - A PRODUCT OF NEKO", ZoneKind.chrome,
     ["POWERED BY ONECMS - A PRODUCT OF NEKO"]),
    ("Tiêu đề bài\nThân bài một.\nBac Kan thuc hien hieu qua hinh anh 1\n Người dân nhận Bằng khen. Ảnh: danvan.vn\n"
     "Thân bài hai.", ZoneKind.slug, ["Bac Kan thuc hien hieu qua hinh anh 1"]),
    ("Tiêu đề bài\nThân bài một.\nBac Kan thuc hien hieu qua hinh anh 1\n Người dân nhận Bằng khen. Ảnh: danvan.vn\n"
     "Thân bài hai.", ZoneKind.caption, ["Người dân nhận Bằng khen."]),
    ("Tiêu đề\n\xa0\nThanh niên vẽ tranh tường tại thôn Hoàng Thanh, xã Hoàng Đồng. \n\nThân bài dài.",
     ZoneKind.caption, ["Thanh niên vẽ tranh tường tại thôn Hoàng Thanh, xã Hoàng Đồng."]),
    ("Tiêu đề\nThành viên tổ dân vận gặp gỡ người dân. (Ảnh: baobacgiang.vn).\nThân.", ZoneKind.credit,
     ["(Ảnh: baobacgiang.vn)."]),
    ("Tiêu đề\nNgười dân mở rộng hành lang giao thông. Ảnh tư liệu Đào Tuấn\nThân.", ZoneKind.credit,
     ["Ảnh tư liệu Đào Tuấn"]),
    ("Tiêu đề\nĐoạn một của thân bài.\nĐoạn hai của thân bài.\nVũ Hoàng Giang\n\n\nĐề xuất", ZoneKind.author,
     ["Vũ Hoàng Giang"]),
]


@pytest.mark.parametrize(("text", "kind", "expected"), CONSTRUCTIONS,
                         ids=[f"{c[1].value}:{c[0][:30]}" for c in CONSTRUCTIONS])
def test_constructions(text, kind, expected):
    assert _zone_texts(text, kind) == expected


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Tiêu đề\n(LSO) – Thời gian qua, công tác dân vận được chú trọng.\nThân.", "baolangson.vn"),
        ("Tiêu đề\n(Baonghean.vn) - Ngày 23/5, Tỉnh ủy ban hành Chỉ thị.\nThân.", "baonghean.vn"),
        ("Tiêu đề\nThân.\n(baolangson.vn)", "baolangson.vn"),
    ],
    ids=["lead-code", "lead-domain", "signature"],
)
def test_outlet(text, outlet):
    assert clean(RawArticle(id="t", text=text)).outlet == outlet


def test_url_gives_outlet_and_not_photo_credit():
    c = clean(RawArticle(id="t", text="Tiêu đề\nNgười dân nhận Bằng khen. Ảnh: danvan.vn\nThân bài.",
                         url="https://www.baobackan.com.vn/a.html"))
    assert c.outlet == "baobackan.com.vn" and c.photo_credits == ["danvan.vn"]


def test_text_is_nfc_and_nothing_else():
    decomposed = "Tie\u0302\u0301u đe\u0302\u0300\nThân bài."
    c = clean(RawArticle(id="t", text=decomposed))
    assert c.text == "Tiếu đề\nThân bài."


def test_html_page():
    html = ("<html><head><title>Hơn 5.000 mô hình</title>"
            '<link rel="canonical" href="https://baobacgiang.vn/bai.html">'
            '<meta property="article:published_time" content="2021-05-29T16:22:00+07:00"></head>'
            "<body><article><h1>Hơn 5.000 mô hình</h1>"
            "<p>Hiện nay, các cấp ủy trên địa bàn tỉnh Bắc Giang đang duy trì thực hiện hơn 5.000 mô hình "
            "“Dân vận khéo” trên tất cả các lĩnh vực của đời sống.</p>"
            "<p>Nổi bật trong 3 năm qua, các tổ dân vận đã vận động hiến hơn 200 nghìn m2 đất.</p>"
            "</article></body></html>")
    c = clean(RawArticle(id="h", html=html))
    assert c.title == "Hơn 5.000 mô hình"
    assert c.outlet == "baobacgiang.vn"
    assert c.published == "2021-05-29"
    assert "hơn 5.000 mô hình" in c.text


# Related-news blocks in text (issue 25): the block is chrome, the article goes on after it.
RELATED_TEXT = [
    # (text, the body and author zone texts expected)
    ("Tiêu đề bài\nĐoạn một có 20 mô hình.\nTin liên quan\nNa Rì có thêm 40 mô hình mới\nBạch Thông khen thưởng "
     "12 điển hình\nĐến nay, toàn huyện Chợ Đồn có 215 mô hình “Dân vận khéo” được duy trì hoạt động hiệu quả.\n"
     "Hoàng Minh Khôi",
     [("body", "Đoạn một có 20 mô hình."),
      ("body", "Đến nay, toàn huyện Chợ Đồn có 215 mô hình “Dân vận khéo” được duy trì hoạt động hiệu quả."),
      ("author", "Hoàng Minh Khôi")]),
    ("Tiêu đề bài\nĐoạn một có 20 mô hình.\nTin liên quan: Pác Nặm có 210 mô hình dân vận khéo\n"
     "Đoạn hai có 30 mô hình.",
     [("body", "Đoạn một có 20 mô hình."), ("body", "Đoạn hai có 30 mô hình.")]),
    ("Tiêu đề bài\nĐoạn một có 20 mô hình.\nXem thêm:\nNgân Sơn có 90 mô hình\nĐoạn hai của bài viết này, "
     "kể về những mô hình hay ở cơ sở, được người dân đồng tình ủng hộ.",
     [("body", "Đoạn một có 20 mô hình."),
      ("body", "Đoạn hai của bài viết này, kể về những mô hình hay ở cơ sở, được người dân đồng tình ủng hộ.")]),
    # at the end of the page, nothing body-like after it: the rest is chrome
    ("Tiêu đề bài\nĐoạn một có 20 mô hình.\nĐoạn hai.\nBài liên quan\nNa Rì có 40 mô hình\nBáo điện tử",
     [("body", "Đoạn một có 20 mô hình."), ("body", "Đoạn hai.")]),
]


@pytest.mark.parametrize(("text", "zones"), RELATED_TEXT)
def test_related_block_in_text_is_chrome_and_the_article_goes_on(text, zones):
    c = clean(RawArticle(id="t", text=text))
    assert [(z.kind.value, c.text[z.start:z.end]) for z in c.zones if z.kind in (ZoneKind.body, ZoneKind.author)] \
        == zones


def test_inline_related_count_is_not_a_count():
    from extractor.api import extract

    # The article names the movement, so its counts pass the relevance gate (issue 25).
    a = extract(text="Tiêu đề bài\nĐến nay, huyện Na Rì có 90 mô hình “Dân vận khéo”.\n"
                     "Tin liên quan: Pác Nặm có 210 mô hình\n"
                     "Năm nay có thêm 12 mô hình mới.")
    assert sorted(c.value for c in a.counts) == [12, 90]
