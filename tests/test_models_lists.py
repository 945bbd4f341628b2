"""Models, issue 21/25 round: far cues, owner constructions, tailed lists, bridges, openers,
and the relevance gate. Every sentence is written for these tests (invented names and places).
"""
from __future__ import annotations

import pytest

from extractor.fields.models import extract_models
from extractor.text.segment import ArticleText, Zone, ZoneKind

#: A title that names the movement: the gate keeps every model of the article.
TITLE = "Lan tỏa phong trào thi đua “Dân vận khéo” ở cơ sở"


def _names(text: str, title: str | None = TITLE) -> list[tuple[str, str | None]]:
    doc = ArticleText(text, [Zone(ZoneKind.body, 0, len(text))], published="2024-05-02", title=title)
    return [(m.name, m.locality.name if m.locality else None) for m in extract_models(doc, localities=[])]


# (construction, sentence, [(name, locality)])
CASES = [
    # a long chain of quoted names after "như:", the cue more than 90 characters before it
    ("far cue, quoted chain",
     "Theo đó, các mô hình tiêu biểu của các chi hội, tổ hội nghề nghiệp trực thuộc Hội Nông dân huyện "
     "đang được duy trì và phát huy hiệu quả, như: “Nông dân giúp nhau làm giàu”, “Cánh đồng không rơm rạ”, "
     "“Tổ vay vốn xoay vòng”…",
     [("Nông dân giúp nhau làm giàu", None), ("Cánh đồng không rơm rạ", None), ("Tổ vay vốn xoay vòng", None)]),
    ("far cue, gồm:",
     "Huyện đã chọn và xây dựng các mô hình điểm để các xã trong toàn huyện đến học tập kinh nghiệm và nhân "
     "rộng trong năm tới, gồm: “Xóm không rác thải”, “Bếp sạch vùng cao”.",
     [("Xóm không rác thải", None), ("Bếp sạch vùng cao", None)]),
    # owners: "<unit> với “A”", "“A” của <unit>", "<unit> có “A” và “B”", chained with ";"
    ("owner constructions",
     "Nhiều đơn vị có mô hình hay, như: Đồn Biên phòng Nà Sang với “Ánh điện vùng biên”; “Áo ấm cho em” "
     "của Đoàn Thanh niên xã Tân Lập; Hội Phụ nữ xã Mường Khoa có “Hũ gạo tiết kiệm” và “Vườn rau dinh dưỡng”.",
     [("Ánh điện vùng biên", None), ("Áo ấm cho em", "Tân Lập"), ("Hũ gạo tiết kiệm", "Mường Khoa"),
      ("Vườn rau dinh dưỡng", "Mường Khoa")]),
    ("quoted items with owners in brackets",
     "Các đơn vị có nhiều cách làm hay, như: Mô hình “Bữa trưa cho em” (Đồn Biên phòng Pha Long), "
     "“Heo đất nuôi chữ” (Đồn Biên phòng Si Ma Cai).",
     [("Bữa trưa cho em", None), ("Heo đất nuôi chữ", None)]),
    # an unquoted ";" list after "được … như:" whose items end in an owner or place
    ("tailed list after a blocker",
     "Năm 2023, toàn huyện có 6 mô hình “Dân vận khéo” được công nhận như: cựu chiến binh giúp nhau làm "
     "kinh tế ở xã Phúc Lộc; nuôi lợn đất tiết kiệm của Hội Phụ nữ xã An Thịnh; nâng cao vai trò của thanh "
     "niên trong chuyển đổi số của Đoàn Thanh niên thị trấn Yên Bình.",
     [("cựu chiến binh giúp nhau làm kinh tế", "Phúc Lộc"), ("nuôi lợn đất tiết kiệm", "An Thịnh"),
      ("nâng cao vai trò của thanh niên trong chuyển đổi số", "Yên Bình")]),
    # a far cue before a list that opens on "mô hình <Capitalised name>"
    ("far cue, capitalised unquoted name",
     "Một số mô hình đã chọn những việc không tốn nhiều kinh phí để huy động nhân dân cùng tham gia giải "
     "quyết các việc khó ở cơ sở như: mô hình Kinh tế vườn đồi (Hội Nông dân huyện), chăn nuôi bò vỗ béo ở "
     "xã Tân Hà…",
     [("Kinh tế vườn đồi", None), ("chăn nuôi bò vỗ béo", "Tân Hà")]),
    # words between the cue and the quote; a stray space inside the quote; a place between chained names
    ("bridge 'dân vận khéo về', chained after a place",
     "Hội nghị trao đổi kinh nghiệm xây dựng mô hình dân vận khéo về “ Tổ tự quản đường làng” ở thôn Nà Lạn "
     "và “Loa truyền thanh thôn bản” ở thôn Khuổi Hẻo.",
     [("Tổ tự quản đường làng", None), ("Loa truyền thanh thôn bản", None)]),
    ("bridge 'đột phá', digits and commas in the name",
     "Xã chọn xây dựng mô hình đột phá “2 sạch, 3 có, 4 không” tại xã Tân Hòa.",
     [("2 sạch, 3 có, 4 không", "Tân Hòa")]),
    ("cue, colon, quote",
     "Ông Hà Văn Lợi đã đăng ký thực hiện mô hình: “Vận động hội viên trồng cây ăn quả” ở thôn Bản Chang.",
     [("Vận động hội viên trồng cây ăn quả", None)]),
    ("bridge 'xây dựng'",
     "Tại xã Yên Phú, mô hình xây dựng “làng quê đáng sống” do Đoàn Thanh niên xã triển khai đã lan tỏa.",
     [("làng quê đáng sống", "Yên Phú")]),
    # quotation marks: mixed marks, a name quoted inside a quoted speech
    ("mixed quotation marks",
     "Chi hội đã thành lập mô hình \"Mỗi hộ một thùng rác xanh” tại xóm Đồi, xã Vân Mai.",
     [("Mỗi hộ một thùng rác xanh", "Vân Mai")]),
    ("a name quoted inside speech",
     "“Ở những thôn xa trung tâm, nhờ mô hình “Gõ cửa từng nhà” mà bà con làm thủ tục nhanh hơn.",
     [("Gõ cửa từng nhà", None)]),
    # a sentence opener is no name; an abbreviation in brackets stays in the name
    ("opener before a caption marker",
     "Được biết, mô hình dân vận khéo về “Tổ tự quản bến đò” đã được công nhận cấp huyện.",
     [("Tổ tự quản bến đò", None)]),
    ("group with an abbreviation",
     "Mô hình Tổ hợp tác (THT) trồng nấm của Hội Nông dân xã Minh Tân được đánh giá có hiệu quả.",
     [("Tổ hợp tác trồng nấm", "Minh Tân")]),
    # a mass organisation's unit right after a group's name is its owner
    ("bare owner unit",
     "Nổi bật là mô hình Tổ hợp tác đan lát Chi hội bản Lụ, xã Mường Khoa với 29 thành viên.",
     [("Tổ hợp tác đan lát", "Mường Khoa")]),
    # an owner "của" opens only before a capitalised word or an owner noun
    ("'của' inside a name",
     "Nổi bật có các mô hình: nâng cao vai trò của phụ nữ trong hòa giải của Chi hội Phụ nữ thôn Đông; "
     "nuôi gà thả vườn của hội viên Lò Văn Sinh, xã Chiềng Khoi.",
     [("nâng cao vai trò của phụ nữ trong hòa giải", None), ("nuôi gà thả vườn", "Chiềng Khoi")]),
]


@pytest.mark.parametrize("label,text,expected", CASES, ids=[c[0] for c in CASES])
def test_models_constructions(label, text, expected):
    assert _names(text) == expected


NOT_MODELS = [
    # exemplary persons, organisations and comparisons are no models
    "Các gương điển hình như: chị Lò Thị Mai (thôn Bản Phiệt), anh Lường Văn Khoa (thôn Nậm Lầu) được tuyên dương.",
    "Xã tiếp tục thực hiện mô hình Hội LHPN xã Tân Phú giao cho chi hội phụ nữ các thôn.",
    "Nhiều nước muốn lập một mô hình như “Liên minh Bắc Hải” nhưng chưa thành.",
    "Mô hình Tổ hợp tác, mô hình mới, được bàn tại hội nghị.",
    # a list that is not of models, even with a cue far before it
    "Xã đã xây dựng nhiều mô hình hiệu quả trong sản xuất và đời sống của bà con, đồng thời hưởng ứng tích "
    "cực các phong trào lớn do tỉnh phát động như: “Ngày vì người nghèo”, “Tết ấm cho mọi nhà”.",
    "Các mô hình thường bắt đầu từ việc nhỏ như: quét dọn đường làng; trồng hoa hai bên lối đi.",
]


@pytest.mark.parametrize("text", NOT_MODELS, ids=[t[:50] for t in NOT_MODELS])
def test_not_models(text):
    assert _names(text) == []


# The relevance gate (issue 25): in an article that does not name the movement, a model needs
# mass-mobilisation words near it.
GATE = [
    # general news: business, science, tourism
    ("Đặc biệt, mô hình “Cà phê khởi nghiệp” được nhiều tỉnh tổ chức để doanh nghiệp gặp lãnh đạo.", []),
    ("Du khách tham quan mô hình nhà gỗ của làng nghề ở tỉnh Đông Sơn.", []),
    ("Nhóm nghiên cứu dùng mô hình “hồi quy tác động cố định” để ước lượng.", []),
    # one weak word is not enough, two are
    ("Mô hình “Ngày thứ bảy tình nguyện” thu hút nhiều đoàn viên tham gia.", []),
    ("Mô hình “Ngày thứ bảy tình nguyện” thu hút nhiều đoàn viên tham gia dọn vệ sinh khu dân cư.",
     [("Ngày thứ bảy tình nguyện", None)]),
    # a mass organisation near the name
    ("Hội Nông dân xã Tân Lập ra mắt mô hình “Nông dân giúp nhau làm giàu”.",
     [("Nông dân giúp nhau làm giàu", "Tân Lập")]),
    ("Công an xã duy trì mô hình “Camera giữ bình yên” bảo đảm an ninh trật tự.",
     [("Camera giữ bình yên", None)]),
]


@pytest.mark.parametrize("text,expected", GATE, ids=[g[0][:50] for g in GATE])
def test_gate_without_movement_title(text, expected):
    assert _names(text, title=None) == expected


def test_gate_keeps_models_of_a_movement_article():
    text = "Đặc biệt, mô hình “Cà phê khởi nghiệp” được nhiều tỉnh tổ chức để doanh nghiệp gặp lãnh đạo."
    assert _names(text) == [("Cà phê khởi nghiệp", None)]
    body = "Ban Dân vận Huyện ủy tổng kết phong trào.\n" + text
    doc = ArticleText(body, [Zone(ZoneKind.body, 0, 41), Zone(ZoneKind.body, 42, len(body))])
    assert [m.name for m in extract_models(doc, localities=[])] == ["Cà phê khởi nghiệp"]


@pytest.mark.parametrize("unit", ["mô hình ", "“a” ", "mô hình “Tổ a” ", "các mô hình như: Tổ A, ",
                                  "mô hình như: nuôi gà của xã A; ", "Tổ a, một trong những mô hình "])
def test_long_pathological_sentence_is_bounded(unit):
    # one 200 kB sentence of cue words: the stage reads bounded windows and caps its work per
    # sentence (timings are printed by the benchmark, not asserted here)
    text = unit * (200_000 // len(unit))
    doc = ArticleText(text, [Zone(ZoneKind.body, 0, len(text))], title=TITLE)
    assert len(extract_models(doc, localities=[])) <= 300


def test_dev_gate() -> None:
    """Models F1 on the dev passages, matched as score.py matches names, stays at or above 0.90
    (a floor, not a target: 0.704 before this round, 0.99 after)."""
    import importlib.util
    import json

    from conftest import f1, match_counts, shared_path

    from extractor.io.ingest import RawArticle
    from extractor.pipeline import extract_article

    spec = importlib.util.spec_from_file_location("score", shared_path("eval", "score.py"))
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    total = [0, 0, 0]
    for line in shared_path("dev", "passages.jsonl").read_text(encoding="utf-8").splitlines():
        p = json.loads(line)
        gold = json.loads(shared_path("dev", "gold", f"{p['id']}.json").read_text(encoding="utf-8")).get("models", [])
        article = extract_article(RawArticle(id=p["id"], text=p["text"]), fields=["models"])
        got = match_counts(gold, [m.name for m in article.models], key=lambda g: g,
                           same=lambda name, g: score.model_match({"name": name}, g))
        total = [a + b for a, b in zip(total, got)]
    assert f1(*total) >= 0.90


def test_bulk_general_news_gets_almost_no_models() -> None:
    """Issue 25: the first 1,500 articles of ../shared/bulk (general news) give at most 1 model."""
    import gzip
    import json

    from conftest import shared_path

    from extractor.io.ingest import RawArticle
    from extractor.text import clean as clean_stage

    found = []
    with gzip.open(shared_path("bulk", "articles.jsonl.gz"), "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= 1500:
                break
            d = json.loads(line)
            c = clean_stage.clean(RawArticle(id=d["id"], text=d["text"], title=d.get("title")))
            doc = ArticleText(c.text, c.zones, title=c.title)
            found += [(d["id"], m.name) for m in extract_models(doc, localities=[])]
    assert len(found) <= 1, found
