"""Models: one row per construction that names a model example, with exact expected values.

Seed sentences come from corpus/; the others are written for these tests on the model of
constructions found in the bulk corpus.
"""
from __future__ import annotations

import pytest

from extractor.fields.models import extract_models
from extractor.text.segment import ArticleText, Zone, ZoneKind

#: The articles of these tables are about the movement (its title names it), so the relevance
#: gate keeps their models; ``tests/test_models_gate.py`` tests the gate on general news.
TITLE = "Huyện lan tỏa phong trào thi đua “Dân vận khéo”"


def _doc(text: str, kind: ZoneKind = ZoneKind.body, title: str | None = TITLE) -> ArticleText:
    zones, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            zones.append(Zone(kind, pos, pos + len(line)))
        pos += len(line) + 1
    return ArticleText(text, zones, published="2024-07-23", title=title)


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

# A stress round: constructions written after those provincial papers print.
STRESS = [
    # quoted names right after a list opened by a cue and a colon, items split on ";"
    ("Tiêu biểu là các mô hình: “Ngõ xóm bình yên” ở thôn Đông, xã Tân Lập; “Ánh sáng đường quê” của Đoàn "
     "Thanh niên xã Hòa Bình.",
     [("Ngõ xóm bình yên", "Tân Lập"), ("Ánh sáng đường quê", "Hòa Bình")]),
    ("Nhiều mô hình hay như: “Tổ phụ nữ tự quản đường hoa”, “Góc học tập cho em”, “Bữa sáng yêu thương” được "
     "nhân rộng.",
     [("Tổ phụ nữ tự quản đường hoa", None), ("Góc học tập cho em", None), ("Bữa sáng yêu thương", None)]),
    ("Các mô hình tiêu biểu là: “Xóm đạo bình yên”; “Giáo xứ không có tội phạm”; “Dòng họ tự quản”.",
     [("Xóm đạo bình yên", None), ("Giáo xứ không có tội phạm", None), ("Dòng họ tự quản", None)]),
    ("Các mô hình tiêu biểu: “Ánh sáng vùng biên”, “Cột cờ Tổ quốc” của Đồn Biên phòng Pa Vây Sử.",
     [("Ánh sáng vùng biên", None), ("Cột cờ Tổ quốc", None)]),
    ("Tiêu biểu như mô hình: “Xứ đạo bình yên” của giáo xứ Phú Nhai (xã Xuân Phương); “Khu dân cư tự quản về an "
     "ninh trật tự” (xã Xuân Hòa).",
     [("Xứ đạo bình yên", "Xuân Phương"), ("Khu dân cư tự quản về an ninh trật tự", "Xuân Hòa")]),
    # a category word before the marker is outweighed by quoted items or a cue opening the list
    ("Các mô hình về lĩnh vực an ninh như: “Camera giám sát an ninh”, “Zalo an ninh trật tự” "
     "được duy trì.",
     [("Camera giám sát an ninh", None), ("Zalo an ninh trật tự", None)]),
    ("Huyện có 45 mô hình “Dân vận khéo” trong lĩnh vực kinh tế như mô hình trồng mía tím ở xã Kim Bình, nuôi "
     "lợn đen ở xã Phúc Sơn.",
     [("trồng mía tím", "Kim Bình"), ("nuôi lợn đen", "Phúc Sơn")]),
    ("Nhiều mô hình được duy trì hiệu quả, điển hình như Tổ hợp tác sản xuất rau an toàn thôn Đồng Tâm, HTX chè "
     "Tân Hương, CLB Dân ca xã Yên Lãng.",
     [("Tổ hợp tác sản xuất rau an toàn thôn Đồng Tâm", None), ("HTX chè Tân Hương", None),
      ("CLB Dân ca", "Yên Lãng")]),
    # the marker is its own cue before a named group
    ("Điển hình là Tổ hợp tác nuôi dê Thành Công ở xã Tân Long.", [("Tổ hợp tác nuôi dê Thành Công", "Tân Long")]),
    # a comma list of activities; a bare verb before a comma belongs to the next item
    ("Có thể kể đến các mô hình như: nuôi gà đồi, trồng bưởi Diễn, nuôi cá lồng trên sông Lô.",
     [("nuôi gà đồi", None), ("trồng bưởi Diễn", None), ("nuôi cá lồng trên sông Lô", None)]),
    ("Các mô hình như: trồng, kinh doanh rau sạch, nuôi dê lấy thịt ở xã Hoàng Đồng.",
     [("trồng, kinh doanh rau sạch", None), ("nuôi dê lấy thịt", "Hoàng Đồng")]),
    # colon lists of named groups, each cut before its place
    ("Nổi bật có các mô hình: Câu lạc bộ Nông dân với pháp luật xã Tân Hòa; Tổ hợp tác nuôi ong xã Phú Lương; "
     "Nhóm hộ làm bánh đa thôn Thổ Hà.",
     [("Câu lạc bộ Nông dân với pháp luật", "Tân Hòa"), ("Tổ hợp tác nuôi ong", "Phú Lương"),
      ("Nhóm hộ làm bánh đa thôn Thổ Hà", None)]),
    # a list item that goes on as a clause ends the list
    ("Điển hình là mô hình “Vay vốn làm ăn” của Hội Nông dân huyện Bình Liêu đã kết nối với ngân hàng; tư vấn "
     "thủ tục hồ sơ để hội viên vay vốn.",
     [("Vay vốn làm ăn", "Bình Liêu")]),
    # "Câu lạc bộ" before a quoted name; "Dân vận khéo trong …" names an example
    ("Mô hình Câu lạc bộ “Phụ nữ với pháp luật” ở thôn Nà Mò, xã Yên Thịnh sinh hoạt đều đặn hằng tháng.",
     [("Phụ nữ với pháp luật", "Yên Thịnh")]),
    ("Huyện chọn xây dựng mô hình điểm “Dân vận khéo trong cải cách hành chính” tại UBND xã Nghĩa Đô.",
     [("Dân vận khéo trong cải cách hành chính", "Nghĩa Đô")]),
    ("Mô hình “Tuyến đường an toàn giao thông” (thị trấn Tân Yên) và mô hình “Đường cờ Tổ quốc” (xã Ngọc Thiện) "
     "đã được nhân rộng.",
     [("Tuyến đường an toàn giao thông", "Tân Yên"), ("Đường cờ Tổ quốc", "Ngọc Thiện")]),
    ("Mô hình “Khu dân cư không rác thải nhựa” ở tổ dân phố 5, thị trấn Phố Lu đã lan tỏa.",
     [("Khu dân cư không rác thải nhựa", "Phố Lu")]),
    ("Điển hình là mô hình nuôi lươn không bùn của anh Nguyễn Văn Hòa, thôn 3, xã Ea Tul.",
     [("nuôi lươn không bùn", "Ea Tul")]),
    # a named group as subject of "là (một trong những) mô hình dân vận khéo"
    ("Tổ hợp tác trồng chè Tân Cương, xã Phúc Xuân là một trong những mô hình hiệu quả của thành phố.",
     [("Tổ hợp tác trồng chè Tân Cương", "Phúc Xuân")]),
    ("HTX Nông nghiệp Thành Công (xã Quang Minh) là mô hình dân vận khéo trong lĩnh vực kinh tế.",
     [("HTX Nông nghiệp Thành Công", "Quang Minh")]),
    ("Đội xung kích phòng chống thiên tai của xã Hải Ninh là mô hình dân vận khéo được đánh giá cao.",
     [("Đội xung kích phòng chống thiên tai", "Hải Ninh")]),
    ("Tổ tự quản đường hoa ở thôn Trung, xã Đông Hải, một trong những mô hình hiệu quả của huyện.",
     [("Tổ tự quản đường hoa", "Đông Hải")]),
]


@pytest.mark.parametrize("text,expected", CASES + STRESS, ids=[r[0][:50] for r in CASES + STRESS])
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
    # the movement's names, generic mentions, campaigns and mottos (stress round)
    "Năm 2023, xã đăng ký thực hiện mô hình “Năm dân vận khéo”.",
    "Phong trào thi đua “Dân vận khéo” đã tạo sức lan tỏa, nhiều mô hình mới, cách làm hay xuất hiện.",
    "Xã đã xây dựng các mô hình kinh tế, mô hình sản xuất hiệu quả.",
    "Toàn huyện có 250 mô hình, điển hình dân vận khéo được công nhận.",
    "Cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam” được triển khai sâu rộng.",
    "Cấp ủy đã quán triệt phương châm “Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng”.",
    "Hội thi “Dân vận khéo” cấp huyện năm 2024 thu hút 20 đội tham gia.",
    "Ban Dân vận Huyện ủy chỉ đạo xây dựng mô hình “Dân vận khéo” trong công tác giải phóng mặt bằng.",
    "Đảng bộ tiếp tục biểu dương gương người tốt, mô hình hay trong học tập và làm theo tư tưởng Bác.",
    # comparisons and copulas that are no presentation of a model
    "Hiệu quả của mô hình cũ cũng không cao như mô hình nuôi cá lồng bè.",
    "Xã muốn xây dựng một mô hình giống như “làng du lịch cộng đồng”.",
    "Quán cà phê này được coi là 1 điển hình của lối kinh doanh mới, một mô hình xuất hiện từ lâu ở thành phố.",
    "Các nhà khoa học vừa chế tạo một vật liệu mới, là một mô hình một chiều.",
    "Trạm y tế xã Tân Lập là một mô hình mới của huyện.",
    "Ông Nguyễn Văn Bình là một trong những điển hình dân vận khéo của xã.",
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


#: Issue 22: the tail before a level word needs a capitalised name after it. The hand-written
#: class ``[A-ZÀ-ỸĐ]`` took lower-case toned letters ("ấ", "ổ") for capitals, so a name was cut
#: at "xã ấm no" / "xã ổn định" as if a commune were named there.
LOWER_AFTER_LEVEL_WORD = [
    ("Phong trào có các mô hình như: Chung tay vì xã ấm no, thôn Nà Lầu; Câu lạc bộ dân ca, xã Bằng Vân.",
     [("Chung tay vì xã ấm no", None), ("Câu lạc bộ dân ca", "Bằng Vân")]),
    ("Huyện nhân rộng mô hình Tổ tự quản giữ gìn xã ổn định của Hội Phụ nữ xã Bằng Vân.",
     [("Tổ tự quản giữ gìn xã ổn định", "Bằng Vân")]),
]


@pytest.mark.parametrize("text,expected", LOWER_AFTER_LEVEL_WORD, ids=[r[0][:50] for r in LOWER_AFTER_LEVEL_WORD])
def test_a_lower_case_word_after_a_level_word_names_no_place(text, expected):
    assert _names(text) == expected
