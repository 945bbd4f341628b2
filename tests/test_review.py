"""The review report: highlights by type, escaping, paging, and a real render in headless Chromium.

Records are built with the pydantic models over sample-corpus texts, each span found in
the text (so every span type is present whatever the extractors find today).
"""
from __future__ import annotations

import json
import re
import struct
from pathlib import Path

import pytest

from extractor.cli import main as cli_main
from extractor.record import (
    Article,
    Caption,
    Check,
    Count,
    Document,
    Figure,
    Locality,
    MainLocality,
    ModelExample,
    Official,
    PlaceRef,
    validate_spans,
)
from extractor.research.review.browser import find_chromium, run_chromium
from extractor.research.review.report import write_report
from extractor.research.review.spans import SpanRef, collect_spans, highlight
from extractor.research.review.style import FIELD_TYPES
from extractor.research.review.tally import Tally

# --------------------------------------------------------------------------- sample records


def main(argv: list[str]) -> int:
    """``extractor review ARGV`` through the one CLI tree."""
    return cli_main(["review", *argv])


def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """The span of the nth occurrence of ``needle`` in ``text``."""
    s = -1
    for _ in range(nth + 1):
        s = text.index(needle, s + 1)
    return s, s + len(needle)


def _all(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]


def sample_records(corpus_dir: Path) -> list[dict]:
    """Three records over corpus articles 000, 001 and 003 with every span type present."""
    t0 = (corpus_dir / "000_36cf266247e648e0.txt").read_text(encoding="utf-8")
    t1 = (corpus_dir / "001_c8006cdf789937c7.txt").read_text(encoding="utf-8")
    t3 = (corpus_dir / "003_27a8761bb2890747.txt").read_text(encoding="utf-8")
    bk = PlaceRef(name="Bắc Kạn", level="province")
    quote0 = _at(t0, "Nhiều tổ chức đảng, đoàn thể")[0]
    a0 = Article(
        id="000_36cf266247e648e0", outlet="baobackan.com.vn", published="2023-12-04",
        title="Bắc Kạn: Đẩy mạnh phong trào thi đua “Dân vận khéo”", text=t0,
        locality=MainLocality(province="Bắc Kạn"),
        captions=[Caption(text=(c := "Thực hiện mô hình “Dân vận khéo” cán bộ, chiến sĩ Ban CHQS huyện Na Rì "
                                     "giúp người dân lao động sản xuất."), span=_at(t0, c))],
        localities=[Locality(name="Bắc Kạn", level="province", code="06", mentions=[_at(t0, "Bắc Kạn")]),
                    Locality(name="Na Rì", level="district", province="Bắc Kạn", mentions=_all(t0, "Na Rì")),
                    Locality(name="Chợ Đồn", level="district", province="Bắc Kạn", mentions=_all(t0, "Chợ Đồn")),
                    Locality(name="Pác Nặm", level="district", province="Bắc Kạn", mentions=_all(t0, "Pác Nặm"))],
        documents=[Document(kind="Kế hoạch", number="20", symbol="20-KH/HU", system="party", issuer_code="HU",
                            mentions=[_at(t0, "Kế hoạch số 20-KH/HU")]),
                   Document(kind="Kết luận", number="03", symbol="03-KL/TU", system="party", issuer_code="TU",
                            issuer="Ban Thường vụ Tỉnh ủy", issued="2020-12-10",
                            mentions=_all(t0, "Kết luận số 03-KL/TU")),
                   Document(kind="Kế hoạch", number="14", symbol="14-KH/TU", system="party", issuer_code="TU",
                            issued="2021-01-15", mentions=[_at(t0, "Kế hoạch số 14-KH/TU ngày 15/01/2021")]),
                   Document(kind="Hướng dẫn", number="01", symbol="01-HD/BDVTU", system="party",
                            issuer_code="BDVTU", issued="2021-04-20", mentions=[_at(t0, "Hướng dẫn số 01-HD/BDVTU")])],
        counts=[Count(value=2011, text="2.011 mô hình", span=_at(t0, "2.011 mô hình"), locality=bk,
                      as_of="2023-12-04"),
                Count(value=1354, category="new", part_of=2011, text="1.354 mô hình đăng ký mới",
                      span=_at(t0, "1.354 mô hình đăng ký mới"), locality=bk),
                Count(value=657, category="maintained", part_of=2011, text="657 mô hình duy trì",
                      span=_at(t0, "657 mô hình duy trì"), locality=bk),
                Count(value=544, text="544 mô hình", span=_at(t0, "544 mô hình"),
                      locality=PlaceRef(name="Chợ Đồn", level="district"))],
        figures=[Figure(value=90, qualifier="more_than", unit="%", text="trên 90%", span=_at(t0, "trên 90%"))],
        officials=[Official(name="Phan Thị Na", title="Phó Trưởng Ban Dân vận Tỉnh ủy", organization="Ban Dân vận Tỉnh ủy",
                            verb="cho biết", quote_kind="indirect", quote=t0[quote0:t0.index("…/.")],
                            span=(_at(t0, "Đồng chí Phan Thị Na")[0], t0.index("…/.")))],
        checks=[Check(kind="sum", total=2011, parts=[1354, 657], status="ok",
                      span=(_at(t0, "2.011 mô hình")[0], _at(t0, "657 mô hình duy trì")[1]))],
        warnings=["counts: “trên 200 mô hình” for three districts kept as one"],
    )
    a1 = Article(
        id="001_c8006cdf789937c7", outlet="baolangson.vn", published="2024-07-23",
        title="Hiệu quả từ những mô hình dân vận khéo ở thành phố Lạng Sơn", text=t1,
        locality=MainLocality(province="Lạng Sơn", district="Lạng Sơn"),
        captions=[Caption(text=(c := "Thanh niên thành phố Lạng Sơn vẽ tranh tường tại thôn Hoàng Thanh, xã Hoàng Đồng."),
                          span=_at(t1, c))],
        localities=[Locality(name="Lạng Sơn", level="district", province="Lạng Sơn", mentions=_all(t1, "Lạng Sơn")),
                    Locality(name="Hoàng Đồng", level="commune", province="Lạng Sơn", district="Lạng Sơn",
                             mentions=[_at(t1, "Hoàng Đồng")]),
                    Locality(name="Mai Pha", level="commune", province="Lạng Sơn", mentions=[_at(t1, "Mai Pha")])],
        counts=[Count(value=129, as_of="2020", text="129 mô hình", span=_at(t1, "129 mô hình"),
                      locality=PlaceRef(name="Lạng Sơn", level="district")),
                Count(value=83, category="collective", part_of=129, text="83 tập thể", span=_at(t1, "83 tập thể")),
                Count(value=46, category="individual", part_of=129, text="46 cá nhân", span=_at(t1, "46 cá nhân"))],
        figures=[Figure(value=2_000_000_000, qualifier="nearly", unit="đồng", text="gần 2 tỷ đồng",
                        span=_at(t1, "gần 2 tỷ đồng")),
                 Figure(value=2600, qualifier="more_than", unit="ngày công", text="trên 2.600 ngày công",
                        span=_at(t1, "trên 2.600 ngày công"))],
        models=[ModelExample(name="Tổ liên gia", field="văn hóa - xã hội", span=_at(t1, "mô hình “Tổ liên gia”")),
                ModelExample(name="HTX Sản xuất rau an toàn Pò Đứa", field="kinh tế",
                             locality=PlaceRef(name="Mai Pha", level="commune"),
                             span=_at(t1, "HTX Sản xuất rau an toàn Pò Đứa"))],
        checks=[Check(kind="sum", total=129, parts=[83, 46], status="ok")],
    )
    a3 = Article(
        id="003_27a8761bb2890747", outlet="baonghean.vn", published="2021-05-29", published_time="16:22",
        authors=["Quốc Sơn"], title="Ban Thường vụ Tỉnh ủy ban hành Chỉ thị về nâng cao hiệu quả phong trào "
                                    "'Dân vận khéo'", text=t3,
        locality=MainLocality(province="Nghệ An"),
        localities=[Locality(name="Nghệ An", level="province", mentions=_all(t3, "Nghệ An")),
                    Locality(name="Tương Dương", level="district", province="Nghệ An", mentions=_all(t3, "Tương Dương"))],
        documents=[Document(kind="Chỉ thị", number="05", symbol="05-CT/TU", system="party", issuer_code="TU",
                            issued="2021-05-23", mentions=[_at(t3, "Chỉ thị số 05-CT/TU")]),
                   Document(kind="Chỉ thị", number="16", symbol="16/CT-TTg", system="state", issuer_code="TTg",
                            issued="2016-05-16", mentions=[_at(t3, "Chỉ thị số 16/CT-TTg")])],
        counts=[Count(value=1500, qualifier="more_than", as_of="2020", text="Ban Thường vụ",
                      span=_at(t3, "Ban Thường vụ"))],  # a made-up total, so the chart has a second province
    )
    return [a.model_dump(mode="json") for a in (a0, a1, a3)]


@pytest.fixture(scope="module")
def records(corpus_dir) -> list[dict]:
    recs = sample_records(corpus_dir)
    for r in recs:
        assert validate_spans(Article.model_validate(r)) == []
    return recs


def _spans_per_type(recs: list[dict]) -> dict[str, int]:
    """How many distinct spans of each field type the records hold."""
    out = dict.fromkeys(FIELD_TYPES, 0)
    for rec in recs:
        refs, _ = collect_spans(rec)
        for kind in FIELD_TYPES:
            out[kind] += sum(1 for row in refs[kind] for r in row if r is not None)
    return out


@pytest.fixture(scope="module")
def report(tmp_path_factory, records) -> Path:
    out = tmp_path_factory.mktemp("review") / "report.html"
    write_report(records, out, per_page=50)
    return out


# --------------------------------------------------------------------------- highlighting

_R = SpanRef  # (kind, item, k, start, end, label)
HIGHLIGHT_CASES = [
    ("Tỉnh ủy Bắc Kạn.", [_R("localities", 0, 0, 8, 15, "Bắc Kạn (province)")],
     'Tỉnh ủy <mark class="hl t-localities h1" data-type="localities" id="a1-localities-0-0" '
     'title="Localities: Bắc Kạn (province)">Bắc Kạn</mark>.'),
    # a place inside an official's span: nested, the outer one underlined lower (h2)
    ("Bà Na ở Na Rì nói", [_R("officials", 0, 0, 0, 17, "Na"), _R("localities", 0, 0, 8, 13, "Na Rì (district)")],
     '<mark class="hl t-officials h2" data-type="officials" id="a1-officials-0-0" title="Officials: Na">Bà Na ở '
     '<mark class="hl t-localities h1" data-type="localities" id="a1-localities-0-0" title="Localities: Na Rì '
     '(district)">Na Rì</mark> nói</mark>'),
    # two spans that cross: the second is cut at the end of the first; only its first piece has the anchor
    ("abcdef", [_R("counts", 0, 0, 0, 4, "c"), _R("figures", 0, 0, 2, 6, "f")],
     '<mark class="hl t-counts h2" data-type="counts" id="a1-counts-0-0" title="Counts: c">ab'
     '<mark class="hl t-figures h1" data-type="figures" id="a1-figures-0-0" title="Figures: f">cd</mark></mark>'
     '<mark class="hl t-figures h1" data-type="figures" title="Figures: f">ef</mark>'),
    # markup in the text and in a label is text
    ('x<script>alert("1")</script>', [_R("models", 0, 0, 1, 9, '<b onclick="x">')],
     'x<mark class="hl t-models h1" data-type="models" id="a1-models-0-0" title="Models: &lt;b onclick=&quot;x&quot;'
     '&gt;">&lt;script&gt;</mark>alert(&quot;1&quot;)&lt;/script&gt;'),
]


@pytest.mark.parametrize("text,spans,expected", HIGHLIGHT_CASES, ids=[c[0] for c in HIGHLIGHT_CASES])
def test_highlight(text, spans, expected):
    assert highlight(text, spans, 1) == expected


SPAN_PROBLEM_CASES = [
    ({"counts": [{"value": 1, "text": "1 mô hình", "span": [5, 99]}]},
     ["counts[0]: span [5, 99] is not inside the text (20 characters)"]),
    ({"figures": [{"value": 2, "text": "2 hộ", "span": [0, 9]}]},
     ["figures[0]: text[0:9] is 'Có 12 mô ', not '2 hộ'"]),
    ({"localities": [{"name": "X", "level": "province", "mentions": [[3, 3], "7:9"]}]},
     ["localities[0]: span [3, 3] is not inside the text (20 characters)",
      "localities[0]: span '7:9' is not inside the text (20 characters)"]),
    ({"models": [{"name": "mô hình", "span": [6, 13]}]}, []),
]


@pytest.mark.parametrize("fields,problems", SPAN_PROBLEM_CASES, ids=[json.dumps(c[0], ensure_ascii=False)[:60]
                                                                      for c in SPAN_PROBLEM_CASES])
def test_span_problems_are_named_not_drawn(fields, problems):
    rec = {"id": "x", "text": "Có 12 mô hình ở đây.", **fields}
    refs, found = collect_spans(rec)
    assert found == problems
    drawn = [r for rows in refs.values() for row in rows for r in row if r is not None]
    assert len(drawn) == (1 if fields.get("models") or fields.get("figures") else 0)


# --------------------------------------------------------------------------- the report files


def test_sample_report_has_every_span_type_linked(report, records):
    page = (report.parent / "report_files" / "page-1.html").read_text(encoding="utf-8")
    expected = _spans_per_type(records)
    assert expected == {"localities": 14, "documents": 7, "counts": 8, "figures": 3, "officials": 1, "models": 2,
                        "captions": 2}
    for kind, n in expected.items():  # one anchored mark per span
        assert len(re.findall(rf'data-type="{kind}" id="a\d+-{kind}-', page)) == n, kind
    ids = set(re.findall(r'id="([^"]+)"', page))
    links = set(re.findall(r'href="#([^"]+)"', page))
    assert links and links <= ids  # every table link lands on its span
    assert "a1-checks-0-0" in ids and "Phan Thị Na" in page and "Kết luận số 03-KL/TU" in page


def test_sample_overview(report):
    html = report.read_text(encoding="utf-8")
    assert "<svg" in html and html.count("<circle") == 2  # Bắc Kạn 2023 and Nghệ An 2020
    assert "<title>Bắc Kạn 2023: 2011 mô hình</title>" in html
    assert "<title>Nghệ An 2020: 1500 mô hình</title>" in html
    for frag in ("<td>baobackan.com.vn</td>", "<td>Lạng Sơn</td>", "<td>2024</td>", "<code>03-KL/TU</code>",
                 'href="report_files/page-1.html#a2"'):
        assert frag in html, frag
    assert "<script" not in html.lower()


def test_corpus_counts(records):
    c = Tally()
    for i, r in enumerate(records, 1):
        c.add(r, i, 1, {}, 0)
    assert dict(c.provinces) == {"Bắc Kạn": 1, "Lạng Sơn": 1, "Nghệ An": 1}
    assert dict(c.years) == {"2023": 1, "2024": 1, "2021": 1}
    # the district total of thành phố Lạng Sơn and Chợ Đồn's 544 are not province totals
    assert c.model_totals == {("Bắc Kạn", "2023"): [2011, 1, 1], ("Nghệ An", "2020"): [1500, 1, 3]}
    assert c.documents["03-KL/TU"][0] == 1 and sorted(c.documents) == [
        "01-HD/BDVTU", "03-KL/TU", "05-CT/TU", "14-KH/TU", "16/CT-TTg", "20-KH/HU"]


HOSTILE = {
    "id": '"><script>alert(1)</script>', "title": "<img src=x onerror=alert(1)>", "outlet": "<b>evil</b>",
    "published": "2024-01-01", "source": {"path": None, "url": "javascript:alert(1)"},
    "locality": {"province": "<i>Bắc Kạn</i>"},
    "text": "Tỉnh Bắc Kạn <script>alert('xss')</script> có 12 mô hình </textarea><style>*{}</style>",
    "localities": [{"name": "<svg onload=alert(1)>", "level": "province", "mentions": [[5, 12]]}],
    "documents": [{"kind": "Chỉ thị", "symbol": "<script>1</script>", "mentions": [[13, 42]]}],
    "counts": [{"value": 12, "text": "12 mô hình", "span": [46, 56], "category": "total",
                "locality": {"name": "<b>x</b>", "level": "province"}}],
    "warnings": ["<script>warn</script>"],
}


def test_markup_in_records_is_escaped(tmp_path):
    out = tmp_path / "r.html"
    write_report([HOSTILE], out)
    for path in [out, *sorted((tmp_path / "r_files").glob("*.html"))]:
        html = path.read_text(encoding="utf-8").lower()
        assert "<script" not in html and "<img" not in html and "<svg onload" not in html, path.name
        assert "<style>*" not in html and "<b>evil" not in html and "<b>x" not in html and "<i>" not in html, path.name
        assert 'href="javascript:' not in html, path.name
    page = (tmp_path / "r_files" / "page-1.html").read_text(encoding="utf-8")
    assert ('<mark class="hl t-documents h1" data-type="documents" id="a1-documents-0-0" title="Documents: '
            '&lt;script&gt;1&lt;/script&gt;">&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;</mark>') in page


def test_thousands_of_records_stay_paged(tmp_path):
    provinces = ["Bắc Kạn", "Lạng Sơn", "Nghệ An", "Bắc Giang", "Hà Nội", "Thanh Hóa", "Cao Bằng", "Yên Bái",
                 "Sơn La", "Hà Giang"]
    recs = []
    for i in range(2000):
        p, year = provinces[i % 10], 2015 + i % 9
        text = (f"Tỉnh {p}: phong trào “Dân vận khéo” năm {year}. Theo Kế hoạch số {i % 37}-KH/TU, toàn tỉnh có "
                f"{100 + i} mô hình, trong đó có trên {i % 90}% chi bộ đăng ký. " * 3)
        s_p, s_d = text.index(p), text.index("Kế hoạch")
        s_c, s_f = text.index(f"{100 + i} mô hình"), text.index("trên ")
        recs.append({"id": f"syn-{i}", "title": f"Bài {i} về {p}", "outlet": f"bao{i % 7}.vn",
                     "published": f"{year}-05-01", "text": text, "locality": {"province": p},
                     "localities": [{"name": p, "level": "province", "mentions": [[s_p, s_p + len(p)]]}],
                     "documents": [{"kind": "Kế hoạch", "symbol": f"{i % 37}-KH/TU",
                                    "mentions": [[s_d, text.index(",", s_d)]]}],
                     "counts": [{"value": 100 + i, "category": "total", "text": f"{100 + i} mô hình",
                                 "span": [s_c, s_c + len(f"{100 + i} mô hình")]}],
                     "figures": [{"value": i % 90, "unit": "%", "text": f"trên {i % 90}%",
                                  "span": [s_f, s_f + len(f"trên {i % 90}%")]}]})
    summary = write_report(recs, tmp_path / "big.html", per_page=50)
    files = tmp_path / "big_files"
    assert (summary.articles, summary.pages, summary.index_pages) == (2000, 40, 2)
    assert sorted(p.name for p in files.iterdir()) == sorted(
        [f"page-{k}.html" for k in range(1, 41)] + ["index-1.html", "index-2.html"])
    sizes = {p.name: p.stat().st_size for p in [tmp_path / "big.html", *files.iterdir()]}
    assert max(sizes.values()) < 600_000, max(sizes.items(), key=lambda kv: kv[1])
    assert (files / "page-40.html").read_text(encoding="utf-8").count('<article class="rec"') == 50
    assert 'href="page-40.html#a2000"' in (files / "index-2.html").read_text(encoding="utf-8")


def test_cli_lists_failed_and_unreadable_lines(tmp_path, records, capsys):
    src = tmp_path / "in.jsonl"
    lines = [json.dumps(records[0], ensure_ascii=False), '{"id": "broken", "text": ',
             json.dumps({"id": "bad-1", "source": {}, "stage": "ingest", "error": "EmptyInput", "message": "empty"})]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main([str(src), "-o", str(tmp_path / "r.html"), "--per-page", "1"]) == 1
    assert "1 articles on 1 pages, 1 failed articles listed, 1 unreadable lines" in capsys.readouterr().err
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<td>bad-1</td><td>ingest</td><td>empty</td>" in html and f"{src}:2: not JSON" in html
    assert main([str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "r.html")]) == 2
    assert main([str(src), "-o", str(tmp_path / "r.html"), "--per-page", "0"]) == 2


# --------------------------------------------------------------------------- headless Chromium

needs_chromium = pytest.mark.skipif(find_chromium() is None,
                                    reason="chromium not installed (apt-get install -y chromium)")


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@needs_chromium
def test_chromium_renders_highlights_of_every_type(report, records, tmp_path):
    page = report.parent / "report_files" / "page-1.html"
    dom = run_chromium(page.as_uri(), dump_dom=True)
    expected = _spans_per_type(records)
    for kind, n in expected.items():  # what the browser parsed, not what was written
        assert len(re.findall(rf'<mark class="hl t-{kind} h\d" data-type="{kind}" id=', dom)) == n, kind
    assert "<script" not in dom and "Phó Trưởng Ban Dân vận Tỉnh ủy" in dom
    png = tmp_path / "page.png"
    run_chromium(page.as_uri(), screenshot=png, size=(1280, 2000))
    assert _png_size(png) == (1280, 2000)
    assert png.stat().st_size > 100_000  # text and colours, not a blank page (a blank one is ~10 kB)


@needs_chromium
def test_chromium_renders_overview_chart(report):
    dom = run_chromium(report.as_uri(), dump_dom=True)
    assert dom.count("<circle") == 2 and "<polyline" not in dom  # one year per province: points only
    assert "Most cited documents" in dom


@pytest.fixture(scope="module")
def corpus_records(corpus_dir) -> list[dict]:
    """The sample corpus as the pipeline extracts it today (values change as extractors improve)."""
    from extractor.api import process_json_stream
    from extractor.io.ingest import read_inputs

    paths = [str(p) for p in sorted(corpus_dir.glob("*.txt"))]
    recs = [json.loads(line) for ok, line in process_json_stream(read_inputs(paths)) if ok]
    assert len(recs) == 5
    return recs


@needs_chromium
def test_chromium_renders_every_span_of_the_extracted_corpus(corpus_records, tmp_path):
    out = tmp_path / "corpus.html"
    write_report(corpus_records, out)
    dom = run_chromium((tmp_path / "corpus_files" / "page-1.html").as_uri(), dump_dom=True)
    expected = _spans_per_type(corpus_records)
    drawn = {k: len(re.findall(rf'<mark class="hl t-{k} h\d" data-type="{k}" id=', dom)) for k in FIELD_TYPES}
    assert drawn == expected
    assert dom.count('<article class="rec"') == 5
    assert sum(expected.values()) > 0


def test_model_totals_keep_the_merged_province_apart():
    """Thái Nguyên before 1 July 2025 and the merged Thái Nguyên after it are two lines of the chart."""
    from extractor.record import Article, Count, Locality, PlaceRef

    def rec(aid: str, published: str, value: int, era: str) -> dict:
        text = f"Toàn tỉnh Thái Nguyên có {value:,} mô hình.".replace(",", ".")
        phrase = f"{value:,} mô hình".replace(",", ".")
        s = text.index(phrase)
        return Article(id=aid, published=published, text=text,
                       localities=[Locality(name="Thái Nguyên", level="province", code="19", code_era=era)],
                       counts=[Count(value=value, as_of="2025", text=phrase, span=(s, s + len(phrase)),
                                     locality=PlaceRef(name="Thái Nguyên", level="province", code="19"))],
                       ).model_dump(mode="json")

    c = Tally()
    c.add(rec("t1", "2025-03-01", 1700, "pre2025"), 1, 1, {}, 0)
    c.add(rec("t2", "2025-12-01", 3800, "2025"), 2, 1, {}, 0)
    assert c.model_totals == {("Thái Nguyên", "2025"): [1700, 1, 1], ("Thái Nguyên (2025)", "2025"): [3800, 1, 2]}
