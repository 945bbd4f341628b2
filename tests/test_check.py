"""``extractor check``: reported counts and documents against registers (issue 8).

Records are built with the pydantic models, so every status below is exact whatever the
extractors do; one test at the end runs the real extraction of ``corpus/`` against the
example register and asserts only what does not hang on extraction details.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from extractor.cli import main as cli_main
from extractor.record import Article, Check, Count, Document, Locality, MainLocality, PlaceRef
from extractor.research.check.matching import FAILING, Status, check_records, judge, sentence_bounds
from extractor.research.check.registers import RegistryError, date_interval, load_registers, norm_sign
from extractor.research.qualifiers import is_vague_order, value_range

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = [ROOT / "corpus" / "registry_example.csv", ROOT / "corpus" / "registry_example.yaml"]

# -- building records ---------------------------------------------------------------------

BAC_KAN = MainLocality(province="Bắc Kạn", province_code="06")
BK_LOCS = [Locality(name="Bắc Kạn", level="province", code="06", code_era="pre2025"),
           Locality(name="Na Rì", level="district", province="Bắc Kạn", code="066", code_era="pre2025",
                    province_code="06")]


def main(argv: list[str]) -> int:
    """``extractor check ARGV`` through the one CLI tree."""
    return cli_main(["check", *argv])


def count(text: str, phrase: str, value: int, qualifier: str = "exact", category: str = "total",
          place: tuple | None = ("Bắc Kạn", "province", "06"), as_of: str | None = "2023-12-04",
          **kw) -> Count:
    """A count whose evidence is ``phrase`` in ``text``."""
    s = text.index(phrase)
    loc = PlaceRef(name=place[0], level=place[1], code=place[2]) if place else None
    return Count(value=value, qualifier=qualifier, category=category, locality=loc, as_of=as_of, text=phrase,
                 span=(s, s + len(phrase)), **kw)


def article(text: str, counts=(), documents=(), checks=(), published: str | None = "2023-12-04",
            locality: MainLocality | None = BAC_KAN, localities=BK_LOCS, id: str = "t1") -> Article:
    return Article(id=id, text=text, published=published, counts=list(counts), documents=list(documents),
                   checks=list(checks), locality=locality, localities=list(localities))


def registry(tmp_path: Path, csv_text: str = "", yaml_text: str = ""):
    """Registers written to files and loaded, as the command line does."""
    paths = []
    if csv_text:
        p = tmp_path / "counts.csv"
        p.write_text(csv_text, encoding="utf-8")
        paths.append(p)
    if yaml_text:
        p = tmp_path / "docs.yaml"
        p.write_text(yaml_text, encoding="utf-8")
        paths.append(p)
    return load_registers(paths)


HEADER = "unit_code,unit,level,province,era,as_of,from,to,category,field,value,source\n"

# -- qualifier rules ----------------------------------------------------------------------

QUALIFIERS = [
    # (qualifier, reported N, register v, evidence text, holds)
    ("exact", 2011, 2011, "2.011 mô hình", True),
    ("exact", 657, 675, "657 mô hình", False),
    ("more_than", 200, 213, "trên 200 mô hình", True),
    ("more_than", 200, 180, "trên 200 mô hình", False),
    ("more_than", 200, 200, "trên 200 mô hình", False),
    ("more_than", 5000, 5126, "hơn 5.000 mô hình", True),
    ("nearly", 2000, 1950, "gần 2.000 mô hình", True),
    ("nearly", 2000, 1800, "gần 2.000 mô hình", True),
    ("nearly", 2000, 1799, "gần 2.000 mô hình", False),
    ("nearly", 2000, 2000, "gần 2.000 mô hình", True),
    ("nearly", 2000, 2050, "gần 2.000 mô hình", False),
    ("about", 500, 460, "khoảng 500 mô hình", True),
    ("about", 500, 550, "khoảng 500 mô hình", True),
    ("about", 500, 560, "khoảng 500 mô hình", False),
    ("about", 100, 350, "hàng trăm mô hình", True),
    ("about", 100, 99, "hàng trăm mô hình", False),
    ("about", 100, 1200, "hàng trăm mô hình", False),
    ("about", 1000, 4000, "hàng nghìn mô hình", True),
    ("less_than", 50, 48, "dưới 50 mô hình", True),
    ("less_than", 50, 50, "chưa đến 50 mô hình", False),
]


@pytest.mark.parametrize("qualifier,n,v,text,holds", QUALIFIERS,
                         ids=[f"{t} vs {v}" for _, _, v, t, _ in QUALIFIERS])
def test_qualifier_rule(qualifier, n, v, text, holds):
    assert judge(qualifier, n, v, text)[0] is holds


def test_tolerance_is_a_parameter():
    assert judge("nearly", 2000, 1700, "gần 2.000")[0] is False
    assert judge("nearly", 2000, 1700, "gần 2.000", tolerance=0.2)[0] is True


@pytest.mark.parametrize("qualifier,n,v,text,holds", QUALIFIERS,
                         ids=[f"{t} vs {v} (merging)" for _, _, v, t, _ in QUALIFIERS])
def test_merging_reads_qualifiers_by_the_same_rule(qualifier, n, v, text, holds):
    """Every value the check accepts lies in the range the fact merging gives (research/qualifiers.py)."""
    lo, hi = value_range(n, qualifier, text)
    assert holds is False or lo <= v <= hi


VAGUE = [
    ("hàng trăm mô hình", True),
    ("Hàng nghìn hộ dân", True),
    ("hàng ngàn lượt người", True),
    ("hàng chục mô hình", True),
    ("hàng vạn ngày công", True),
    ("hàng triệu đồng", True),
    ("hàng tỷ đồng", True),  # figures.yaml vague_orders lists it; the hand-written copy did not
    ("hàng  trăm hộ", True),
    ("vài trăm hộ", False),  # a few hundred: not an order of "hàng"
    ("hàng loạt mô hình", False),
    ("khoảng 100 mô hình", False),
    ("", False),
]


@pytest.mark.parametrize("text,vague", VAGUE, ids=[t or "empty" for t, _ in VAGUE])
def test_vague_orders(text, vague):
    assert is_vague_order(text) is vague


# -- count statuses -----------------------------------------------------------------------

T = "Đến nay, toàn tỉnh có 2.011 mô hình. Huyện Na Rì có trên 200 mô hình, trong đó 120 mô hình mới."

COUNT_CASES = [
    # (id, register CSV rows, the count, expected status)
    ("exact equal → consistent", "06,,province,,,2023-12,,,total,,2011,A\n",
     dict(phrase="2.011 mô hình", value=2011), Status.consistent),
    ("exact different → contradiction", "06,,province,,,2023-12,,,total,,2010,A\n",
     dict(phrase="2.011 mô hình", value=2011), Status.contradiction),
    ("trên 200 vs 213 → consistent", "066,,district,,,2023-12,,,total,,213,A\n",
     dict(phrase="trên 200 mô hình", value=200, qualifier="more_than", place=("Na Rì", "district", "066")),
     Status.consistent),
    ("trên 200 vs 180 → contradiction", "066,,district,,,2023-12,,,total,,180,A\n",
     dict(phrase="trên 200 mô hình", value=200, qualifier="more_than", place=("Na Rì", "district", "066")),
     Status.contradiction),
    ("other period only → no entry", "06,,province,,,2022-12,,,total,,2011,A\n",
     dict(phrase="2.011 mô hình", value=2011), Status.no_register_entry),
    ("other category only → no entry", "06,,province,,,2023-12,,,new,,2011,A\n",
     dict(phrase="2.011 mô hình", value=2011), Status.no_register_entry),
    ("other unit only → no entry", "063,,district,,,2023-12,,,total,,2011,A\n",
     dict(phrase="2.011 mô hình", value=2011), Status.no_register_entry),
    ("two rows, verdict differs → ambiguous",
     "06,,province,,,2023,,,total,,2011,A\n06,,province,,,2023-12,,,total,,2020,B\n",
     dict(phrase="2.011 mô hình", value=2011), Status.ambiguous),
    ("two rows, same verdict → consistent",
     "066,,district,,,2023,,,total,,213,A\n066,,district,,,2023-12,,,total,,215,B\n",
     dict(phrase="trên 200 mô hình", value=200, qualifier="more_than", place=("Na Rì", "district", "066")),
     Status.consistent),
    ("period from..to holds", "06,,province,,,,2023-01,2023-12,total,,2011,A\n",
     dict(phrase="2.011 mô hình", value=2011), Status.consistent),
    ("open period holds", "06,,province,,,,2021-01,,total,,2011,A\n",
     dict(phrase="2.011 mô hình", value=2011), Status.consistent),
    ("row without period holds", "06,,province,,,,,,total,,2011,A\n",
     dict(phrase="2.011 mô hình", value=2011), Status.consistent),
    ("snapshot on another day of the month → no entry", "06,,province,,,2023-12-31,,,total,,2011,A\n",
     dict(phrase="2.011 mô hình", value=2011), Status.no_register_entry),
    ("row by name only, district resolved to its code", ",Na Rì,district,Bắc Kạn,,2023-12,,,total,,213,A\n",
     dict(phrase="trên 200 mô hình", value=200, qualifier="more_than", place=("Na Rì", "district", "066")),
     Status.consistent),
    ("row code without leading zero", "66,,district,,,2023-12,,,total,,213,A\n",
     dict(phrase="trên 200 mô hình", value=200, qualifier="more_than", place=("Na Rì", "district", "066")),
     Status.consistent),
    ("record place without code resolved by name", "066,,district,,,2023-12,,,total,,213,A\n",
     dict(phrase="trên 200 mô hình", value=200, qualifier="more_than", place=("Na Rì", "district", None)),
     Status.consistent),
    ("row value with thousands dot", '06,,province,,,2023-12,,,total,,"2.011",A\n',
     dict(phrase="2.011 mô hình", value=2011), Status.consistent),
    ("same code of the 2025 era is another unit", "06,,province,,2025,2023-12,,,total,,2011,A\n",
     dict(phrase="2.011 mô hình", value=2011), Status.no_register_entry),
    ("count without as_of takes the article date", "06,,province,,,2023-12,,,total,,2011,A\n",
     dict(phrase="2.011 mô hình", value=2011, as_of=None), Status.consistent),
    ("by_field of another field → no entry", "06,,province,,,2023-12,,,by_field,kinh tế,2011,A\n",
     dict(phrase="2.011 mô hình", value=2011, category="by_field", field="nông thôn mới"),
     Status.no_register_entry),
    ("by_field of the same field", "06,,province,,,2023-12,,,by_field,Nông thôn mới,2011,A\n",
     dict(phrase="2.011 mô hình", value=2011, category="by_field", field="nông thôn mới"), Status.consistent),
]


@pytest.mark.parametrize("rows,spec,status", [c[1:] for c in COUNT_CASES], ids=[c[0] for c in COUNT_CASES])
def test_count_status(tmp_path, rows, spec, status):
    reg = registry(tmp_path, HEADER + rows)
    phrase = spec.pop("phrase")
    rec = article(T, counts=[count(T, phrase, **spec)])
    [res] = check_records([rec], reg)
    assert res.status is status, res.reason
    assert res.evidence["text"] == phrase
    assert rec.text[slice(*res.evidence["span"])] == phrase
    if status is not Status.no_register_entry:
        assert res.register and all(r["where"].startswith(str(tmp_path)) for r in res.register)


def test_part_takes_place_and_date_of_its_total(tmp_path):
    reg = registry(tmp_path, HEADER + "066,,district,,,2020,,,new,,120,A\n")
    total = count(T, "trên 200 mô hình", 200, "more_than", place=("Na Rì", "district", "066"), as_of="2020")
    part = count(T, "120 mô hình", 120, category="new", place=None, as_of=None, part_of=200)
    results = check_records([article(T, counts=[total, part])], reg)
    assert [r.status for r in results] == [Status.no_register_entry, Status.consistent]
    assert results[1].reported["place_from"] == "its total"
    assert results[1].reported["as_of"] == "2020"


def test_undated_count_meets_every_period(tmp_path):
    reg = registry(tmp_path, HEADER + "06,,province,,,2019,,,total,,2011,A\n")
    rec = article(T, counts=[count(T, "2.011 mô hình", 2011, as_of=None)], published=None)
    [res] = check_records([rec], reg)
    assert res.status is Status.consistent
    assert "undated" in res.reason


def test_count_without_place_uses_the_article_place(tmp_path):
    reg = registry(tmp_path, HEADER + "06,,province,,,2023-12,,,total,,2011,A\n")
    [res] = check_records([article(T, counts=[count(T, "2.011 mô hình", 2011, place=None)])], reg)
    assert (res.status, res.reported["place_from"]) == (Status.consistent, "article")


def test_tone_placement_of_a_register_name(tmp_path):
    text = "Toàn tỉnh Thanh Hóa có 3.000 mô hình."
    reg = registry(tmp_path, HEADER + ",Thanh Hoá,province,,,2023,,,total,,3000,A\n")
    rec = article(text, counts=[count(text, "3.000 mô hình", 3000, place=("Thanh Hóa", "province", None))],
                  locality=MainLocality(province="Thanh Hóa"), localities=[])
    [res] = check_records([rec], reg)
    assert res.status is Status.consistent


# -- documents ----------------------------------------------------------------------------

D = ("Thực hiện Kết luận số 03-KL/TU ngày 10/12/2020 của Ban Thường vụ Tỉnh ủy và Nghị quyết số 110 "
     "của Đảng bộ tỉnh.")


def doc(phrase: str = "Kết luận số 03-KL/TU", **kw) -> Document:
    s = D.index(phrase)
    base = dict(kind="Kết luận", number="03", symbol="03-KL/TU", issuer="Ban Thường vụ Tỉnh ủy",
                issued="2020-12-10")
    base.update(kw)
    return Document(mentions=[(s, s + len(phrase))], **base)


ROW = "{sign: 03-KL/TU, kind: Kết luận, issued: 2020-12-10, issuer: Ban Thường vụ Tỉnh ủy Bắc Kạn, " \
      "scope: Bắc Kạn, scope_level: province}"
DOC_CASES = [
    # (id, register rows, the document's changes, expected status, what differs)
    ("same sign, date, issuer → consistent", [ROW], {}, Status.consistent, {}),
    ("date differs → contradiction", [ROW.replace("2020-12-10", "2020-12-01")], {}, Status.contradiction,
     {"issued"}),
    ("issuer differs → contradiction", [ROW.replace("Ban Thường vụ Tỉnh ủy Bắc Kạn", "HĐND tỉnh Bắc Kạn")], {},
     Status.contradiction, {"issuer"}),
    ("kind differs → contradiction", [ROW.replace("kind: Kết luận", "kind: Kế hoạch")], {},
     Status.contradiction, {"kind"}),
    ("Đảng bộ tỉnh = Ban Thường vụ Tỉnh ủy", [ROW], {"issuer": "Đảng bộ tỉnh Bắc Kạn"}, Status.consistent, {}),
    ("unknown sign → no entry", [ROW.replace("03-KL/TU", "04-KL/TU")], {}, Status.no_register_entry, {}),
    ("same sign of another province → no entry", [ROW.replace("scope: Bắc Kạn", "scope: Lạng Sơn")], {},
     Status.no_register_entry, {}),
    ("scope by code", [ROW.replace("scope: Bắc Kạn", "scope_code: '06'")], {}, Status.consistent, {}),
    ("scope of a district the article names", [ROW.replace("scope: Bắc Kạn, scope_level: province",
                                                           "scope: Na Rì, scope_level: district")],
     {}, Status.consistent, {}),
    ("article date at month precision", [ROW], {"issued": "2020-12"}, Status.consistent, {}),
    ("article gives only the sign", [ROW], {"issued": None, "issuer": None}, Status.consistent, {}),
    ("look-alike Ð in the sign", [ROW.replace("03-KL/TU", "03 - KL/TU")], {"symbol": "03-KL/TU"},
     Status.consistent, {}),
    ("reused sign, the date picks one", [ROW, ROW.replace("2020-12-10", "2016-03-02")], {}, Status.consistent,
     {}),
    ("same year, none has the date", [ROW.replace("2020-12-10", "2020-01-01"),
                                      ROW.replace("2020-12-10", "2020-03-02")], {}, Status.contradiction, {}),
    ("only a namesake of another year → no entry", [ROW.replace("2020-12-10", "2016-03-02")], {},
     Status.no_register_entry, {}),
    ("a sign with its year: another year contradicts", [ROW.replace("03-KL/TU", "03/2020/NQ-HĐND")
                                                        .replace("2020-12-10", "2019-12-10")],
     {"symbol": "03/2020/NQ-HĐND"}, Status.contradiction, {"issued"}),
    ("row issued after the article → no entry", [ROW.replace("2020-12-10", "2024-01-05")],
     {"issued": None}, Status.no_register_entry, {}),
    ("reused sign, no date cited → ambiguous", [ROW, ROW.replace("2020-12-10", "2016-03-02")],
     {"issued": None}, Status.ambiguous, {}),
    ("same document listed twice → consistent", [ROW, ROW], {}, Status.consistent, {}),
    ("central sign without scope", ["{sign: 16/CT-TTg, kind: Chỉ thị, issued: 2016-05-16, issuer: Thủ tướng "
                                    "Chính phủ}"],
     {"symbol": "16/CT-TTg", "kind": "Chỉ thị", "number": "16", "issued": "2016-05-16",
      "issuer": "Thủ tướng Chính phủ"}, Status.consistent, {}),
]


@pytest.mark.parametrize("rows,change,status,differs", [c[1:] for c in DOC_CASES], ids=[c[0] for c in DOC_CASES])
def test_document_status(tmp_path, rows, change, status, differs):
    reg = registry(tmp_path, yaml_text="documents:\n" + "".join(f"  - {r}\n" for r in rows))
    [res] = check_records([article(D, documents=[doc(**change)])], reg)
    assert res.status is status, res.reason
    assert set(res.differs) == set(differs)
    assert res.evidence["text"] == "Kết luận số 03-KL/TU"


NUMBER_ONLY = [
    ("one resolution numbered 110 → consistent",
     ["{sign: 110-NQ/TU, kind: Nghị quyết, issued: 2016-06-21, issuer: Tỉnh ủy Bắc Kạn, scope: Bắc Kạn, "
      "scope_level: province}"], Status.consistent),
    ("two resolutions numbered 110 → ambiguous",
     ["{sign: 110-NQ/TU, kind: Nghị quyết, issued: 2016-06-21, scope: Bắc Kạn, scope_level: province}",
      "{sign: 110-NQ/TU, kind: Nghị quyết, issued: 2021-08-30, scope: Bắc Kạn, scope_level: province}"],
     Status.ambiguous),
    ("a directive numbered 110 is not it", ["{sign: 110-CT/TU, kind: Chỉ thị, issued: 2016-06-21}"],
     Status.no_register_entry),
    ("a different body → contradiction",
     ["{sign: 110/NQ-HĐND, kind: Nghị quyết, issued: 2020-12-10, issuer: Hội đồng nhân dân tỉnh Bắc Kạn}"],
     Status.contradiction),
]


@pytest.mark.parametrize("rows,status", [c[1:] for c in NUMBER_ONLY], ids=[c[0] for c in NUMBER_ONLY])
def test_document_cited_by_number_only(tmp_path, rows, status):
    reg = registry(tmp_path, yaml_text="documents:\n" + "".join(f"  - {r}\n" for r in rows))
    d = doc("Nghị quyết số 110", kind="Nghị quyết", number="110", symbol=None, issued=None,
            issuer="Đảng bộ tỉnh Bắc Kạn")
    [res] = check_records([article(D, documents=[d])], reg)
    assert res.status is status, res.reason


@pytest.mark.parametrize("sign,expected", [("05 - CT/TU", "05-CT/TU"), ("06-\N{LATIN CAPITAL LETTER ETH}A/TU",
                                                                        "06-ĐA/TU"), ("16/CT-TTg", "16/CT-TTG")],
                         ids=["spaces", "eth look-alike", "case"])
def test_norm_sign(sign, expected):
    assert norm_sign(sign) == expected


# -- internal checks ----------------------------------------------------------------------

def test_internal_checks_join_the_report(tmp_path):
    text = "Toàn tỉnh có 2.011 mô hình, gồm 1.354 mô hình mới, 657 mô hình duy trì."
    s = text.index("2.011")
    checks = [Check(kind="sum", total=2011, parts=[1354, 657], status="ok", span=(s, s + 13)),
              Check(kind="sum", total=2011, parts=[1354, 600], status="mismatch", span=(s, s + 13))]
    results = check_records([article(text, checks=checks)], registry(tmp_path, HEADER))
    assert [(r.check, r.status) for r in results] == [("internal", Status.ok), ("internal", Status.mismatch)]
    assert results[0].reason == "1354 + 657 = 2011 = 2011"
    assert results[1].evidence["text"] == "2.011 mô hình"
    assert Status.mismatch in FAILING


# -- evidence -----------------------------------------------------------------------------

SENTENCES = [
    ("Năm 2020 có 5 mô hình. Đến nay, toàn tỉnh có 2.011 mô hình. Hết.", "2.011",
     "Đến nay, toàn tỉnh có 2.011 mô hình."),
    ("Tiêu đề\nHuyện có trên 200 mô hình", "trên 200", "Huyện có trên 200 mô hình"),
    ("Có 129 mô hình (gồm 83 tập thể; 46 cá nhân). Tiếp.", "83 tập thể", "Có 129 mô hình (gồm 83 tập thể; 46 cá nhân)."),
]


@pytest.mark.parametrize("text,phrase,sentence", SENTENCES, ids=[s[1] for s in SENTENCES])
def test_sentence_bounds(text, phrase, sentence):
    s = text.index(phrase)
    a, b = sentence_bounds(text, s, s + len(phrase))
    assert text[a:b] == sentence


@pytest.mark.parametrize("value,interval", [("2023", ("2023-01-01", "2023-12-31")),
                                            ("2024-02", ("2024-02-01", "2024-02-29")),
                                            ("2021-05-23", ("2021-05-23", "2021-05-23"))],
                         ids=["year", "month", "day"])
def test_date_interval(value, interval):
    assert tuple(d.isoformat() for d in date_interval(value)) == interval


# -- register files -----------------------------------------------------------------------

def test_csv_comments_and_line_numbers(tmp_path):
    reg = registry(tmp_path, "# constructed\n# two comment lines\n" + HEADER
                   + "06,,province,,,2023-12,,,total,,2011,A\n\n#,skipped\n066,,district,,,2023,,,total,,213,B\n")
    assert [r.where.rsplit(":", 1)[1] for r in reg.counts] == ["4", "7"]
    assert [r.unit_code for r in reg.counts] == ["06", "066"]


def test_yaml_keeps_codes_and_dates_as_written(tmp_path):
    reg = registry(tmp_path, yaml_text="counts:\n  - {unit_code: 066, level: district, as_of: 2023-12, "
                                       "category: total, value: 213}\ndocuments:\n"
                                       "  - {sign: 14-KH/TU, issued: 2021-01-15}\n")
    assert reg.counts[0].unit_code == "066" and reg.counts[0].as_of == "2023-12"
    assert reg.documents[0].issued == "2021-01-15" and reg.documents[0].number == "14"
    assert reg.counts[0].where.endswith("docs.yaml:2")


BAD = [
    ("unknown column", "csv", HEADER.replace("category", "catgory") + "06,,province,,,2023,,,total,,1,A\n",
     "catgory"),
    ("as_of and from", "csv", HEADER + "06,,province,,,2023,2023-01,,total,,1,A\n", "either as_of"),
    ("bad date", "csv", HEADER + "06,,province,,,12/2023,,,total,,1,A\n", "ISO date"),
    ("no unit", "csv", HEADER + ",,province,,,2023,,,total,,1,A\n", "unit_code or unit"),
    ("bad category", "csv", HEADER + "06,,province,,,2023,,,tong,,1,A\n", "category"),
    ("bad value", "csv", HEADER + "06,,province,,,2023,,,total,,nhiều,A\n", "value"),
    ("letters in a code", "csv", HEADER + "BK,,province,,,2023,,,total,,1,A\n", "digits"),
    ("no value or sign column", "csv", "unit,level\nBắc Kạn,province\n", "'value' column"),
    ("duplicate yaml key", "yaml", "documents:\n  - {sign: 1-CT/TU, sign: 2-CT/TU}\n", "duplicate key"),
    ("unknown top-level key", "yaml", "rows: []\n", "unknown top-level"),
    ("document without sign", "yaml", "documents:\n  - {kind: Chỉ thị}\n", "needs a sign"),
    ("scope without level", "yaml", "documents:\n  - {sign: 1-CT/TU, scope: Bắc Kạn}\n", "scope_level"),
]


@pytest.mark.parametrize("fmt,text,message", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_register_is_a_clear_error(tmp_path, fmt, text, message):
    with pytest.raises(RegistryError) as err:
        registry(tmp_path, **({"csv_text": text} if fmt == "csv" else {"yaml_text": text}))
    assert message in str(err.value)
    assert str(tmp_path) in str(err.value)


# -- command line and outputs -------------------------------------------------------------

@pytest.fixture
def records_file(tmp_path) -> Path:
    rec = article(T, counts=[count(T, "2.011 mô hình", 2011),
                             count(T, "trên 200 mô hình", 200, "more_than", place=("Na Rì", "district", "066"))])
    p = tmp_path / "records.jsonl"
    p.write_text(rec.model_dump_json() + "\n" + '{"id": "x", "stage": "ingest", "error": "E"}\n{broken\n',
                 encoding="utf-8")
    return p


@pytest.mark.parametrize("nara,strict,code", [(213, True, 0), (180, False, 0), (180, True, 1)],
                         ids=["strict, consistent", "contradiction, not strict", "strict, contradiction"])
def test_exit_codes(tmp_path, records_file, nara, strict, code):
    reg = tmp_path / "r.csv"
    reg.write_text(HEADER + f"06,,province,,,2023-12,,,total,,2011,A\n066,,district,,,2023-12,,,total,,{nara},B\n",
                   encoding="utf-8")
    argv = [str(records_file), "--registry", str(reg), "--json", str(tmp_path / "o.json"), "-q"]
    assert main(argv + (["--strict"] if strict else [])) == code


@pytest.mark.parametrize("argv", [["missing.jsonl", "--registry", "{reg}"], ["{rec}", "--registry", "missing.csv"],
                                  ["{rec}", "--registry", "{rec}"], ["{rec}", "--registry", "{reg}",
                                                                      "--tolerance", "1.5"]],
                         ids=["no records", "no register", "register not csv/yaml", "bad tolerance"])
def test_bad_arguments_exit_2(tmp_path, records_file, argv):
    reg = tmp_path / "r.csv"
    reg.write_text(HEADER, encoding="utf-8")
    argv = [a.format(reg=reg, rec=records_file) for a in argv]
    assert main(argv + ["-q"]) == 2


def test_json_csv_html_outputs(tmp_path, records_file):
    reg = tmp_path / "r.csv"
    reg.write_text(HEADER + "06,,province,,,2023-12,,,total,,2011,A\n066,,district,,,2023-12,,,total,,180,B\n",
                   encoding="utf-8")
    out = {k: tmp_path / f"o.{k}" for k in ("json", "csv", "html")}
    assert main([str(records_file), "--registry", str(reg), "-q"] + [a for k, p in out.items()
                                                                       for a in (f"--{k}", str(p))]) == 0
    report = json.loads(out["json"].read_text(encoding="utf-8"))
    assert report["summary"]["records"] == 1
    assert report["summary"]["by_status"]["consistent"] == 1
    assert report["summary"]["by_status"]["contradiction"] == 1
    bad = next(r for r in report["results"] if r["status"] == "contradiction")
    assert bad["evidence"]["sentence"] == "Huyện Na Rì có trên 200 mô hình, trong đó 120 mô hình mới."
    assert bad["register"][0]["value"] == 180 and bad["register"][0]["where"].endswith("r.csv:3")
    rows = list(csv.DictReader(out["csv"].open(encoding="utf-8")))
    assert [(r["status"], r["reported"], r["register_value"]) for r in rows] == [
        ("consistent", "2.011", "2011"), ("contradiction", "trên 200", "180")]
    page = out["html"].read_text(encoding="utf-8")
    assert "<mark>trên 200 mô hình</mark>" in page
    assert "http:" not in page and "https:" not in page and "<script" not in page and "<link" not in page


def test_json_to_stdout_by_default(tmp_path, records_file, capsys):
    reg = tmp_path / "r.csv"
    reg.write_text(HEADER, encoding="utf-8")
    assert main([str(records_file), "--registry", str(reg), "-q"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["by_status"]["no_register_entry"] == 2


# -- the example register against the sample corpus ---------------------------------------

def test_example_register_is_marked_constructed():
    for p in EXAMPLE:
        assert "CONSTRUCTED FOR THE TESTS" in p.read_text(encoding="utf-8").splitlines()[0]
    reg = load_registers(EXAMPLE)
    assert len(reg.counts) >= 8 and len(reg.documents) >= 8
    assert all("not real" in (r.source or "") for r in [*reg.counts, *reg.documents])


@pytest.fixture(scope="module")
def seed_results(corpus_dir):
    from extractor import extract_many

    records = [r for r in extract_many(sorted(corpus_dir.glob("*.txt"))) if isinstance(r, Article)]
    return records, check_records(records, load_registers(EXAMPLE))


def test_seeds_against_the_example_register(seed_results):
    records, results = seed_results
    by_id = {r.id: r for r in records}
    assert len(records) == 5
    # every status of a comparison with the register is exercised
    assert {Status.consistent, Status.contradiction, Status.no_register_entry, Status.ambiguous} <= {
        r.status for r in results}
    for r in results:  # every piece of evidence is the record's own text
        if r.evidence:
            s, e = r.evidence["span"]
            assert by_id[r.article_id].text[s:e] == r.evidence["text"]
            assert r.evidence["text"] in r.evidence["sentence"]
    # each internal check of a record is in the report once
    assert sum(r.check == "internal" for r in results) == sum(len(a.checks) for a in records)
    docs = {(r.article_id, r.subject): r.status for r in results if r.check == "document"}
    if ("000_36cf266247e648e0", "03-KL/TU") in docs:  # the register's date of 03-KL/TU is changed on purpose
        assert docs[("000_36cf266247e648e0", "03-KL/TU")] is Status.contradiction
    if ("000_36cf266247e648e0", "01-HD/BDVTU") in docs:
        assert docs[("000_36cf266247e648e0", "01-HD/BDVTU")] is Status.no_register_entry


# -- issue 27: the CSV and the page are safe to open ----------------------------------------

SAFE_CELLS = [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
    ("+84 912", "'+84 912"),
    ("-1 mô hình", "'-1 mô hình"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("2.011 mô hình", "2.011 mô hình"),
    ("Huyện Na Rì", "Huyện Na Rì"),
    (42, 42),
    (None, None),
]


@pytest.mark.parametrize(("cell", "written"), SAFE_CELLS)
def test_safe_cell(cell, written):
    from extractor.research.check.report import safe_cell

    assert safe_cell(cell) == written


def test_csv_formula_cells_neutralised(tmp_path):
    text = "Huyện Na Rì có =120 mô hình."  # a crafted record: its evidence starts like a formula
    rec = article(text, [count(text, "=120 mô hình", 120, place=("Na Rì", "district", "066"))])
    p = tmp_path / "r.jsonl"
    p.write_text(rec.model_dump_json() + "\n", encoding="utf-8")
    reg = tmp_path / "r.csv"
    reg.write_text(HEADER + "066,,district,,,2023-12,,,total,,120,=cmd|' /C calc'!A0\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    assert main([str(p), "--registry", str(reg), "--csv", str(out), "-q"]) == 0
    row = next(csv.DictReader(out.open(encoding="utf-8")))
    assert (row["status"], row["evidence"], row["register_source"]) == (
        "consistent", "'=120 mô hình", "'=cmd|' /C calc'!A0")


def test_html_has_a_content_security_policy(tmp_path, records_file):
    import base64
    import hashlib
    import re

    from extractor.research.check.report import _CSS

    reg = tmp_path / "r.csv"
    reg.write_text(HEADER, encoding="utf-8")
    out = tmp_path / "o.html"
    assert main([str(records_file), "--registry", str(reg), "--html", str(out), "-q"]) == 0
    page = out.read_text(encoding="utf-8")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)[1]
    digest = base64.b64encode(hashlib.sha256(_CSS.encode("utf-8")).digest()).decode()
    assert policy.replace("&#x27;", "'") == (f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; "
                                             "base-uri 'none'; form-action 'none'")
    assert f"<style>{_CSS}</style>" in page  # the style the hash allows is the page's own


# -- issue 26: targets and by_level parts ------------------------------------------------------

def test_target_not_compared_with_register(tmp_path):
    text = "Phấn đấu đến năm 2025 toàn tỉnh có 2.500 mô hình; hiện có 2.011 mô hình."
    rec = article(text, [count(text, "2.011 mô hình", 2011)]).model_dump(mode="json")
    s = text.index("2.500 mô hình")
    rec["counts"].insert(0, {"value": 2500, "qualifier": "exact", "unit": "mô hình", "category": "target",
                             "locality": {"name": "Bắc Kạn", "level": "province", "code": "06"},
                             "as_of": "2023-12-04", "text": "2.500 mô hình", "span": [s, s + 13]})
    reg = registry(tmp_path, HEADER + "06,,province,,,2023-12,,,total,,2011,A\n")
    got = [(r.reported["category"], r.status, r.reason) for r in check_records([rec], reg)]
    assert got[0] == ("target", Status.no_register_entry,
                      "a target (a planned number), not an achieved count: not compared with the register")
    assert got[1][:2] == ("total", Status.consistent) and len(got) == 2


def test_sum_check_of_by_level_parts(tmp_path):
    text = "Toàn tỉnh có 1.200 mô hình: cấp tỉnh 50, cấp huyện 300, cấp xã 850."
    rec = article(text).model_dump(mode="json")
    rec["checks"] = [{"kind": "sum", "total": 1200, "status": "ok",
                      "parts": [{"level": "tỉnh", "value": 50}, {"level": "huyện", "value": 300},
                                {"level": "xã", "value": 850}]}]
    (res,) = check_records([rec], registry(tmp_path, HEADER))
    assert (res.status, res.reason) == (Status.ok, "tỉnh 50 + huyện 300 + xã 850 = 1200 = 1200")
