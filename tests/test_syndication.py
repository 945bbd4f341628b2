"""Syndicated copies (issue 25): a credit "(Theo X)" / "Nguồn: X" sets origin_outlet; the
text and the credited outlet place the article, the hosting outlet only as a last resort."""
from __future__ import annotations

import pytest

from extractor.api import extract
from extractor.io.ingest import RawArticle
from extractor.text.clean import clean

BODY = ("Bắc Kạn đẩy mạnh phong trào thi đua “Dân vận khéo”\n"
        "Đến nay, toàn tỉnh có 1.250 mô hình “Dân vận khéo”, trong đó 310 mô hình đăng ký mới.\n"
        "Ông Hà Văn Thông, Trưởng Ban Dân vận, cho biết các mô hình đã giúp người dân phát triển kinh tế.")


def _facts(a):
    return (a.locality, [(x.name, x.level, x.province) for x in a.localities],
            [(c.value, c.category, c.locality, c.as_of) for c in a.counts])


def test_syndicated_copy_equals_the_original():
    original = extract(text=BODY, url="https://baobackan.com.vn/bai-1.html", published="2023-12-04")
    copy = extract(text=BODY + "\n(Theo baobackan.vn)", url="https://baothainguyen.vn/bai-9.html",
                   published="2023-12-04")
    assert (copy.outlet, copy.origin_outlet) == ("baothainguyen.vn", "baobackan.com.vn")
    assert _facts(copy) == _facts(original)
    assert copy.locality.province == "Bắc Kạn"
    assert [(c.value, c.locality.name, c.as_of) for c in copy.counts] == [(1250, "Bắc Kạn", "2023-12-04"),
                                                                        (310, "Bắc Kạn", "2023-12-04")]
    assert "(Theo baobackan.vn)" not in [copy.text[s:e] for s, e in
                                         (o.span for o in copy.officials)]


# (last lines of the article, origin_outlet)
CREDITS = [
    ("(Theo baobackan.vn)", "baobackan.com.vn"),
    ("(Theo Báo Bắc Kạn)", "baobackan.com.vn"),
    ("Nguồn: Báo Bắc Kạn điện tử", "baobackan.com.vn"),
    ("Theo TTXVN", "TTXVN"),
    ("Theo LSO.", "baolangson.vn"),
    ("Theo VGP", "VGP"),
    ("Nguồn Truyền hình Bắc Kạn: https://truyenhinhbackan.vn/bai-7.html", "truyenhinhbackan.vn"),
    ("Theo dõi Báo Bắc Kạn trên Google News", None),
    ("Theo đó.", None),
    ("Người dân phấn khởi. (Theo VGP)", "VGP"),
    ("Số liệu năm 2024 (theo Sở Nội vụ)", None),
    ("Nguồn: https://baobackan.com.vn/bai-viet-12.html", "baobackan.com.vn"),
    ("Người dân đồng tình ủng hộ. (Nguồn: baobackan.com.vn)", "baobackan.com.vn"),
    # sentences, not credits
    ("Theo báo cáo của Ban Dân vận, năm nay có thêm 20 mô hình.", None),
    ("Theo ông Hà Văn Thông, phong trào đã lan tỏa.", None),
]


@pytest.mark.parametrize(("tail", "origin"), CREDITS)
def test_credit_forms(tail, origin):
    c = clean(RawArticle(id="x", text="Tiêu đề bài\nĐoạn một có 20 mô hình.\n" + tail))
    assert c.origin_outlet == origin


def test_credit_closing_a_paragraph_is_an_outlet_zone_not_body():
    text = "Tiêu đề bài\nNgười dân đồng tình ủng hộ. (Theo baobackan.vn)"
    c = clean(RawArticle(id="x", text=text))
    assert [(z.kind.value, c.text[z.start:z.end]) for z in c.zones][1:] == [
        ("body", "Người dân đồng tình ủng hộ."), ("outlet", "(Theo baobackan.vn)")]


def test_host_province_is_a_last_resort_with_a_warning():
    text = "Phong trào lan tỏa\nĐến nay, các địa phương có 90 mô hình “Dân vận khéo”.\n(Theo TTXVN)"
    a = extract(text=text, url="https://baobackan.com.vn/bai-2.html", published="2023-12-04")
    assert a.origin_outlet == "TTXVN"
    assert a.locality is not None and a.locality.province == "Bắc Kạn"
    assert any("hosting outlet's (baobackan.com.vn) province, a last resort" in w for w in a.warnings)


@pytest.mark.parametrize(("text", "warned"), [
    ("Phong trào lan tỏa\nĐến nay, các địa phương có 90 mô hình.", True),
    ("Phong trào lan tỏa\nĐến nay, huyện Na Rì có 90 mô hình.", False),
])
def test_locality_from_the_outlet_alone_is_said(text, warned):
    a = extract(text=text, url="https://baobackan.com.vn/bai-3.html")
    assert a.locality.province == "Bắc Kạn"
    assert ("places: the text names no place in Bắc Kạn; the locality is the outlet's province" in a.warnings) is warned
