"""Models: one row per construction that names a model example, with exact expected values.

Seed sentences come from corpus/; the others are written for these tests on the model of
constructions found in the bulk corpus.
"""
from __future__ import annotations

import pytest

from extractor.fields.models import extract_models
from extractor.text.segment import ArticleText, Zone, ZoneKind


def _doc(text: str, kind: ZoneKind = ZoneKind.body) -> ArticleText:
    zones, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            zones.append(Zone(kind, pos, pos + len(line)))
        pos += len(line) + 1
    return ArticleText(text, zones, published="2024-07-23")


def _names(text: str, kind: ZoneKind = ZoneKind.body) -> list[tuple[str, str | None]]:
    return [(m.name, m.locality.name if m.locality else None) for m in extract_models(_doc(text, kind), localities=[])]


# (sentence, [(name, locality)]). Rows 1-3 are seed sentences (corpus/); the others are
# written for these tests.
CASES = [
    ("Trong lĩnh vực văn hóa - xã hội đã xây dựng được nhiều mô hình tiêu biểu như: mô hình “Tổ liên gia”, "
     "“Tổ hoà giải”, “Tổ an ninh nhân dân”; mô hình “Chính quyền thân thiện”…",
     [("Tổ liên gia", None), ("Tổ hoà giải", None), ("Tổ an ninh nhân dân", None), ("Chính quyền thân thiện", None)]),
    ("Nổi bật là các mô hình sản xuất kinh doanh phát triển kinh tế, xóa đói, giảm nghèo như: mô hình Hợp tác "
     "xã (HTX) Hoa đào Bản Cao, tại thôn Quảng hồng, xã Quảng Lạc; HTX Sản xuất rau an toàn Pò Đứa, xã Mai Pha; "
     "tổ hợp tác chăn nuôi lợn tại phường Chi Lăng…",
     [("Hợp tác xã Hoa đào Bản Cao", "Quảng Lạc"), ("HTX Sản xuất rau an toàn Pò Đứa", "Mai Pha"),
      ("tổ hợp tác chăn nuôi lợn", "Chi Lăng")]),
    ("Nhiều cộng đồng dân cư thường xuyên phối hợp với công an xã tuyên truyền thông qua mô hình tổ liên gia tự quản...",
     [("tổ liên gia tự quản", None)]),
    # a quoted name after "mô hình", its owner after "của"
    ("Nổi bật là mô hình “Nhóm hộ cùng tiến” của Hội Phụ nữ huyện Văn Lãng đã giúp 40 hộ thoát nghèo.",
     [("Nhóm hộ cùng tiến", "Văn Lãng")]),
    # a list after "như:", items split on ";", each cut before its place tail
    ("Nhiều mô hình hiệu quả như: Đoạn đường tự quản tại xã Quang Thuận, Đồng Thắng; nuôi cá lồng ở thôn "
     "Bản Pjạc xã Hữu Thác; mô hình múa sạp xã Xuân Lạc…",
     [("Đoạn đường tự quản", "Quang Thuận"), ("nuôi cá lồng", "Hữu Thác"), ("múa sạp", "Xuân Lạc")]),
    # a list after "như mô hình" whose items repeat an activity verb
    ("Một số mô hình hay ở huyện, tiêu biểu là mô hình khéo vận động hội viên góp vốn mua bò giống; "
     "khéo vận động thanh niên tham gia tổ tự quản đường điện của xã Thanh Vận…",
     [("khéo vận động hội viên góp vốn mua bò giống", None),
      ("khéo vận động thanh niên tham gia tổ tự quản đường điện", "Thanh Vận")]),
    # "công trình" needs a quoted name
    ("Huyện đoàn khánh thành công trình “Đường hoa bản Mòng” do đoàn viên xã Chiềng Cơi đóng góp ngày công.",
     [("Đường hoa bản Mòng", "Chiềng Cơi")]),
    # an unquoted "mô hình <activity> … của <owner> xã …"
    ("Ở lĩnh vực kinh tế, nổi lên mô hình nuôi ong lấy mật của Chi hội Phụ nữ xã Hữu Kiên.",
     [("nuôi ong lấy mật", "Hữu Kiên")]),
    # owners in brackets
    ("Có thể kể đến mô hình nuôi thỏ của hội viên Lý Văn Tám (xã Bằng Vân), mô hình trồng gừng của hội viên "
     "Ma Thị Hoa (xã Thượng Ân).",
     [("nuôi thỏ", "Bằng Vân"), ("trồng gừng", "Thượng Ân")]),
    # a headline-like "Mô hình <activity> ở huyện …"
    ("Mô hình nuôi ong lấy mật ở huyện Chợ Mới", [("nuôi ong lấy mật", "Chợ Mới")]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[r[0][:50] for r in CASES])
def test_models(text, expected):
    assert _names(text) == expected


def test_caption_one_of_the_models():
    text = "Thả cá tái tạo nguồn lợi thủy sản, một trong những mô hình dân vận khéo ở xã biên giới Tam Hợp (Tương Dương)."
    assert _names(text, ZoneKind.caption) == [("Thả cá tái tạo nguồn lợi thủy sản", "Tam Hợp")]


NOT_MODELS = [
    "Đến nay, toàn tỉnh có 2.011 mô hình \"Dân vận khéo\", trong đó có 1.354 mô hình đăng ký mới.",
    "Thực hiện mô hình “Dân vận khéo” cán bộ, chiến sĩ Ban CHQS huyện Na Rì giúp người dân lao động sản xuất.",
    "Thông qua việc thực hiện các tiêu chí xây dựng nông thôn mới bằng những việc cụ thể như: Tuyên truyền vận "
    "động nhân dân hiến đất xây dựng các công trình công cộng; phát triển kinh tế, văn hóa - xã hội.",
    "Các mô hình thường bắt đầu từ việc nhỏ như: quét dọn đường làng; trồng hoa hai bên lối đi.",
    "Đã có nhiều mô hình mang lại hiệu quả thiết thực và được nhân rộng.",
    "Bộ Tài chính đề nghị đổi mới mô hình tổ chức của các đơn vị sự nghiệp.",
    "Chi bộ chọn mô hình “Dân vận khéo thì dân đồng lòng” làm khẩu hiệu của năm.",
]


@pytest.mark.parametrize("text", NOT_MODELS, ids=[t[:50] for t in NOT_MODELS])
def test_not_models(text):
    assert _names(text) == []


def test_field_from_keywords():
    (m,) = extract_models(_doc("Tiêu biểu như mô hình “Tổ an ninh nhân dân” của xã Mai Pha."), localities=[])
    assert m.field == "quốc phòng - an ninh"


def test_locality_from_places_stage():
    from extractor.record import Locality
    text = "Tiêu biểu như mô hình “Tổ liên gia” của xã Mai Pha."
    s = text.index("Mai Pha")
    loc = Locality(name="Mai Pha", level="commune", province="Lạng Sơn", code="06130", mentions=[(s - 3, s + 7)])
    (m,) = extract_models(_doc(text), localities=[loc])
    assert (m.locality.name, m.locality.code) == ("Mai Pha", "06130")
