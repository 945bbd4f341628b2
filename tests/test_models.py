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


# (sentence, [(name, locality)])
DEV = [
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
    ("Điển hình là mô hình “Hỗ trợ hội viên vay vốn phát triển chăn nuôi” của Hội Nông dân huyện Văn Lãng đã "
     "giúp nhiều hộ thoát nghèo.",
     [("Hỗ trợ hội viên vay vốn phát triển chăn nuôi", "Văn Lãng")]),
    ("Tiêu biểu như các mô hình: Cánh đồng không rác thải tại xã Tân Lập, Tân Mỹ; trồng chè an toàn ở thôn "
     "Khuôn xã Tân Sơn; mô hình hát sli- hát lượn xã Hòa Bình…",
     [("Cánh đồng không rác thải", "Tân Lập"), ("trồng chè an toàn", "Tân Sơn"), ("hát sli- hát lượn", "Hòa Bình")]),
    ("Một số mô hình tiêu biểu trên địa bàn huyện như mô hình khéo vận động nhân dân thu gom rác đổi quà; "
     "khéo vận động nhân dân làm hàng rào xanh của xã Tân Hiệp…",
     [("khéo vận động nhân dân thu gom rác đổi quà", None), ("khéo vận động nhân dân làm hàng rào xanh", "Tân Hiệp")]),
    ("Ban Dân vận Huyện ủy tổ chức gắn biển công trình dân vận khéo đối với công trình “Đường hoa bản Mòng” "
     "do nhân dân xã Chiềng Cơi thực hiện.",
     [("Đường hoa bản Mòng", "Chiềng Cơi")]),
    ("Điển hình của tỉnh có mô hình trồng cây ăn quả trên đất dốc của Chi hội Nông dân xã Nậm Búng.",
     [("trồng cây ăn quả trên đất dốc", "Nậm Búng")]),
]


@pytest.mark.parametrize("text,expected", DEV, ids=[r[0][:50] for r in DEV])
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
    "Các mô hình có khi là từ những việc nhỏ nhưng thiết thực như: tự nguyện vá ổ gà; cho hộ nghèo mượn đất.",
    "Đã có nhiều mô hình mang lại hiệu quả thiết thực và được nhân rộng.",
    "Bộ Tài chính đề nghị đổi mới mô hình tổ chức của các đơn vị sự nghiệp.",
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
