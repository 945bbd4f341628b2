"""One corpus, one dataset: near-duplicate clusters, merged facts, citations, series, incremental state.

The test corpus is made here: the five sample articles, four edited copies of each (new
header, credit line added, truncated to 80 %, paragraphs merged) and short unrelated
articles written for the test. Facts and citations come from records built with the
pydantic models, so every value is exact.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

pytest.importorskip("datasketch")

from extractor.cli import main as cli_main
from extractor.record import Article, Count, Document, Locality, MainLocality, PlaceRef
from extractor.research.dedup import facts, minhash, places, series
from extractor.research.dedup.state import CorpusState, StateError
from extractor.research.qualifiers import compatible, value_range

# --------------------------------------------------------------------------- the test corpus

EDITS = {
    "header": lambda t: "Báo điện tử Đảng bộ tỉnh - Tin trong ngày\n" + t.split("\n", 1)[1],
    "credit": lambda t: t + "\n\nTheo Báo Nhân Dân (nhandan.vn)",
    "truncated80": lambda t: t[:int(len(t) * 0.8)],
    "merged": lambda t: " ".join(p.strip() for p in t.split("\n") if p.strip()),
}

#: Unrelated articles written for this test; the last two speak of the movement too.
UNRELATED = {
    "u-weather": "Dự báo thời tiết ngày mai, khu vực miền núi phía Bắc có mưa rào và dông rải rác, nhiệt độ "
                 "thấp nhất từ 18 đến 20 độ. Người dân cần đề phòng lũ quét và sạt lở đất ở vùng núi cao.",
    "u-football": "Đội tuyển bóng đá quốc gia đã có buổi tập đầu tiên trên sân Mỹ Đình chuẩn bị cho vòng loại. "
                  "Huấn luyện viên cho biết toàn đội giữ tinh thần tốt và sẵn sàng cho trận đấu sắp tới.",
    "u-traffic": "Sáng nay, một vụ tai nạn giao thông xảy ra trên quốc lộ 3 khiến hai xe máy hư hỏng nặng. "
                 "Lực lượng cảnh sát giao thông đã có mặt kịp thời để phân luồng và điều tra nguyên nhân.",
    "u-rice": "Vụ lúa xuân năm nay, nông dân trong huyện gieo cấy hơn ba nghìn héc-ta, năng suất ước đạt "
              "sáu tấn mỗi héc-ta. Ngành nông nghiệp khuyến cáo bà con theo dõi sâu bệnh trên đồng ruộng.",
    "u-movement-1": "Phong trào thi đua “Dân vận khéo” ở xã vùng cao đã giúp nhiều hộ đồng bào thoát nghèo. "
                    "Các đoàn thể vận động nhân dân hiến đất làm đường, xây nhà văn hóa thôn và giữ gìn vệ sinh.",
    "u-movement-2": "Hội nghị tổng kết công tác dân vận năm nay biểu dương các tập thể và cá nhân tiêu biểu "
                    "trong phong trào “Dân vận khéo”, đồng thời đề ra nhiệm vụ trọng tâm cho năm tới.",
}


def main_dedup(argv: list[str]) -> int:
    """``extractor dedup ARGV`` through the one CLI tree."""
    return cli_main(["dedup", *argv])


def main_series(argv: list[str]) -> int:
    """``extractor series ARGV`` through the one CLI tree."""
    return cli_main(["series", *argv])


@pytest.fixture(scope="module")
def test_corpus(seed_texts) -> list[dict]:
    """Originals (published 2023-12-04), their edited copies (published later), unrelated articles."""
    recs = []
    for stem, text in seed_texts.items():
        recs.append(Article(id=stem, text=text, published="2023-12-04").model_dump())
        for kind, edit in EDITS.items():
            recs.append(Article(id=f"{stem}~{kind}", text=edit(text), published="2023-12-06").model_dump())
    recs += [Article(id=k, text=t, published="2023-12-05").model_dump() for k, t in UNRELATED.items()]
    return recs


@pytest.fixture(scope="module")
def clustered(test_corpus) -> dict[str, tuple[int, str]]:
    st = CorpusState()
    st.add(test_corpus)
    return {aid: (cid, canon) for aid, cid, canon in st.clusters()}


COPIES = [(stem, kind) for stem in sorted(p.stem for p in Path(__file__).parent.parent.joinpath("corpus").glob("*.txt"))
          for kind in EDITS]


@pytest.mark.parametrize(("stem", "kind"), COPIES, ids=[f"{s[:3]}-{k}" for s, k in COPIES])
def test_copy_clustered_with_original(clustered, stem, kind):
    assert clustered[f"{stem}~{kind}"] == clustered[stem]
    assert clustered[stem][1] == stem  # the original is the earliest published: canonical


@pytest.mark.parametrize("uid", list(UNRELATED), ids=list(UNRELATED))
def test_unrelated_alone(clustered, uid):
    cid = clustered[uid][0]
    assert [a for a, (c, _) in clustered.items() if c == cid] == [uid]


def test_five_clusters_of_five(clustered):
    sizes = sorted(sum(1 for c, _ in clustered.values() if c == cid) for cid in {c for c, _ in clustered.values()})
    assert sizes == [1] * len(UNRELATED) + [5] * 5


def test_canonical_longest_when_undated(seed_texts):
    text = seed_texts["000_36cf266247e648e0"]
    recs = [{"id": "short", "text": EDITS["truncated80"](text)}, {"id": "orig", "text": text},
            {"id": "long", "text": EDITS["credit"](text)}]
    st = CorpusState()
    st.add(recs)
    assert st.clusters() == [("short", 0, "long"), ("orig", 0, "long"), ("long", 0, "long")]


# --------------------------------------------------------------------------- values

RANGES = [
    # (value, qualifier, evidence, other value, other qualifier, compatible?)
    (2011, "exact", "2.011 mô hình", 2000, "more_than", True),
    (2011, "exact", "2.011 mô hình", 1980, "exact", False),
    (2011, "exact", "2.011 mô hình", 2011, "exact", True),
    (1980, "exact", "1.980 mô hình", 2000, "nearly", True),
    (2150, "exact", "2.150 mô hình", 2000, "about", True),
    (2300, "exact", "2.300 mô hình", 2000, "about", False),
    (450, "exact", "450 mô hình", 100, "about", True),  # hàng trăm: [100, 999]
    (120, "exact", "120 mô hình", 100, "less_than", False),
    (2500, "more_than", "trên 2.500 mô hình", 2000, "more_than", True),
]


@pytest.mark.parametrize(("v1", "q1", "t1", "v2", "q2", "expected"), RANGES,
                         ids=[f"{r[0]}{r[1][0]}~{r[4]}:{r[3]}" for r in RANGES])
def test_compatible(v1, q1, t1, v2, q2, expected):
    t2 = "hàng trăm mô hình" if (v2, q2) == (100, "about") else None
    assert compatible(value_range(v1, q1, t1), value_range(v2, q2, t2)) is expected


def test_value_range_open_end():
    assert value_range(2000, "more_than") == (2000, math.inf)


# --------------------------------------------------------------------------- facts

BAC_KAN = PlaceRef(name="Bắc Kạn", level="province", code="06")


def _count(text: str, phrase: str, value: int, qualifier: str = "exact", category: str = "total",
           place: PlaceRef | None = BAC_KAN, as_of: str | None = "2023") -> Count:
    s = text.index(phrase)
    return Count(value=value, qualifier=qualifier, category=category, locality=place, as_of=as_of,
                 text=phrase, span=(s, s + len(phrase)))


def _article(aid: str, outlet: str, published: str, sentence: str, counts: list[tuple], docs=(),
             province: str = "Bắc Kạn") -> dict:
    return Article(id=aid, outlet=outlet, published=published, text=sentence,
                   locality=MainLocality(province=province),
                   counts=[_count(sentence, *c) for c in counts], documents=list(docs)).model_dump()


FACT_RECORDS = [
    _article("a1", "baobackan.com.vn", "2023-12-04",
             "Đến nay toàn tỉnh có 2.011 mô hình, trong đó 1.354 mô hình đăng ký mới.",
             [("2.011 mô hình", 2011), ("1.354 mô hình", 1354, "exact", "new")]),
    _article("a2", "dangcongsan.vn", "2023-12-06", "Bắc Kạn đã xây dựng hơn 2.000 mô hình “Dân vận khéo”.",
             [("hơn 2.000 mô hình", 2000, "more_than")]),
    _article("a3", "baomoi.com", "2023-12-07", "Tỉnh Bắc Kạn có 2.011 mô hình được ghi nhận.",
             [("2.011 mô hình", 2011, "exact", "total", PlaceRef(name="Bắc Kạn", level="province"))]),
    _article("a4", "thainguyen.gov.vn", "2023-12-20", "Cả tỉnh có 1.980 mô hình “Dân vận khéo”.",
             [("1.980 mô hình", 1980)]),
    _article("a5", "baobackan.com.vn", "2022-12-01", "Năm 2022, toàn tỉnh có 1.700 mô hình.",
             [("1.700 mô hình", 1700, "exact", "total", BAC_KAN, "2022")]),
    _article("a6", "baobackan.com.vn", "2023-11-01", "Huyện Na Rì có 297 mô hình.",
             [("297 mô hình", 297, "exact", "total", PlaceRef(name="Na Rì", level="district", province="Bắc Kạn"))]),
    _article("a7", "baobackan.com.vn", "2023-10-01", "Có gần 300 mô hình ở huyện.",
             [("gần 300 mô hình", 300, "nearly", "total", None, None)]),
]

#: (category, as_of, value, qualifier, articles, conflict) of every fact, in key order.
EXPECTED_FACTS = {
    ("province#pre2025#06", "new", "2023"): [(1354, "exact", ["a1"], False)],
    ("province#pre2025#06", "total", "2022"): [(1700, "exact", ["a5"], False)],
    ("province#pre2025#06", "total", "2023"): [(2011, "exact", ["a1", "a2", "a3"], True), (1980, "exact", ["a4"], True)],
    (places.place_key("Na Rì", "district", None, "Bắc Kạn"), "total", "2023"): [(297, "exact", ["a6"], False)],
    # a count without a place is the article's place (named without a code, it takes the code
    # another report gives the name); without as_of, the article's date
    ("province#pre2025#06", "total", "2023-10-01"): [(300, "nearly", ["a7"], False)],
}


@pytest.fixture(scope="module")
def fact_state() -> CorpusState:
    st = CorpusState()
    st.add(FACT_RECORDS)
    return st


def test_facts_merged_exactly(fact_state):
    got: dict[tuple, list] = {}
    for f in fact_state.facts():
        got.setdefault((f.key[0], f.key[2], f.key[4]), []).append(
            (f.value, f.qualifier, sorted({e["article_id"] for e in f.evidence}), bool(f.conflict_with)))
    assert {k: sorted(v) for k, v in got.items()} == {k: sorted(v) for k, v in EXPECTED_FACTS.items()}


def test_one_conflict_naming_both_sides(fact_state):
    pairs = facts.conflicts(fact_state.facts())
    assert len(pairs) == 1
    line = facts.describe_conflict(*pairs[0])
    assert "2011 [a1, a2, a3]" in line and "1980 [a4]" in line and "Bắc Kạn" in line


def test_evidence_keeps_span_and_outlet(fact_state):
    f = next(f for f in fact_state.facts() if f.value == 2011)
    got = [(e["article_id"], e["outlet"], e["text"], tuple(e["span"])) for e in f.evidence]
    assert got == [("a1", "baobackan.com.vn", "2.011 mô hình", (21, 34)),
                   ("a2", "dangcongsan.vn", "hơn 2.000 mô hình", (20, 37)),
                   ("a3", "baomoi.com", "2.011 mô hình", (16, 29))]
    for rec in FACT_RECORDS:
        for c in rec["counts"]:
            assert rec["text"][c["span"][0]:c["span"][1]] == c["text"]


# --------------------------------------------------------------------------- citations

def _doc(symbol: str, issued: str | None, issuer_code: str, kind: str = "Kế hoạch") -> Document:
    return Document(kind=kind, number=symbol.split("-")[0].split("/")[0], symbol=symbol, issuer_code=issuer_code,
                    issued=issued, system="party" if "-" in symbol.split("/")[0] else "state")


CITE_RECORDS = [
    _article("c1", "baobackan.com.vn", "2021-02-01", "x", [],
             [_doc("14-KH/TU", "2021-01-15", "TU"), _doc("16/CT-TTg", "2020-03-31", "TTg", "Chỉ thị")]),
    _article("c2", "dangcongsan.vn", "2021-06-10", "x", [], [_doc("14-KH/TU", "2021-01-15", "TU")]),
    _article("c3", "baolangson.vn", "2021-03-01", "x", [], [_doc("14-KH/TU", "2021-02-01", "TU")],
             province="Lạng Sơn"),
    _article("c4", "baomoi.com", "2021-04-01", "x", [], [_doc("14-KH/TU", "2021-01-25", "TU")]),
    _article("c5", "baonghean.vn", "2020-05-01", "x", [], [_doc("16/CT-TTg", None, "TTg", "Chỉ thị")],
             province="Nghệ An"),
]

#: (symbol, scope, issued, articles, first, last, date_conflict, other_issued)
EXPECTED_CITATIONS = [
    ("14-KH/TU", "Bắc Kạn", "2021-01-15", ["c1", "c2"], "2021-02-01", "2021-06-10", True, ["2021-01-25"]),
    ("14-KH/TU", "Bắc Kạn", "2021-01-25", ["c4"], "2021-04-01", "2021-04-01", True, ["2021-01-15"]),
    ("14-KH/TU", "Lạng Sơn", "2021-02-01", ["c3"], "2021-03-01", "2021-03-01", False, []),
    ("16/CT-TTg", None, "2020-03-31", ["c1", "c5"], "2020-05-01", "2021-02-01", False, []),
]


def test_document_citations():
    st = CorpusState()
    st.add(CITE_RECORDS)
    got = [(r["symbol"], r["scope"], r["issued"], r["article_ids"], r["first_cited"], r["last_cited"],
            r["date_conflict"], r["other_issued"]) for r in st.citation_rows()]
    assert got == EXPECTED_CITATIONS


# --------------------------------------------------------------------------- incremental state

def _snapshot(st: CorpusState) -> tuple:
    groups: dict[str, set] = {}
    for aid, _cid, canon in st.clusters():
        groups.setdefault(canon, set()).add(aid)
    facts = sorted((f.fact_id, f.value, tuple(sorted(e["article_id"] for e in f.evidence)), tuple(f.conflict_with))
                   for f in st.facts())
    return groups, facts, st.citation_rows()


def test_incremental_equals_full(tmp_path, test_corpus, monkeypatch):
    everything = test_corpus + FACT_RECORDS + CITE_RECORDS
    full = CorpusState()
    full.add(everything)
    half = len(everything) // 2
    first = CorpusState()
    first.add(everything[:half])
    first.save(tmp_path)
    calls = []
    real = minhash.Sketcher.signature
    monkeypatch.setattr(minhash.Sketcher, "signature", lambda self, sh: calls.append(1) or real(self, sh))
    second = CorpusState.load(tmp_path)
    stats = second.add(everything)  # the old half is recognised by id and not sketched again
    second.save(tmp_path)
    assert (stats.added, stats.skipped_known, len(calls)) == (len(everything) - half, half, len(everything) - half)
    assert _snapshot(CorpusState.load(tmp_path)) == _snapshot(full)


def test_index_rebuilt_from_signatures(tmp_path, test_corpus):
    """The state keeps no index file: a loaded state finds copies through the stored signatures."""
    originals = [r for r in test_corpus if "~" not in r["id"]]  # 5 originals + 6 unrelated
    copies = [r for r in test_corpus if "~" in r["id"]]
    st = CorpusState()
    st.add(originals)
    st.save(tmp_path)
    st = CorpusState.load(tmp_path)
    st.add(copies[:2])
    st.save(tmp_path)
    meta = json.loads((tmp_path / "meta.json").read_text())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["articles.jsonl", "citations.jsonl", "counts.jsonl", "meta.json", "signatures.u32", meta["parent"]])
    again = CorpusState.load(tmp_path)
    again.add([copies[2]])
    got = {aid: canon for aid, _, canon in again.clusters()}
    assert [got[r["id"]] for r in copies[:3]] == [copies[0]["id"].split("~")[0]] * 3


def test_state_survives_torn_append(tmp_path, fact_state):
    fact_state.save(tmp_path)
    with open(tmp_path / "counts.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"article_id": "half-writ')  # a crash after appending, before meta.json
    again = CorpusState.load(tmp_path)
    assert len(again.evidence) == len(fact_state.evidence)
    again.save(tmp_path)
    assert len(CorpusState.load(tmp_path).evidence) == len(fact_state.evidence)


def test_threshold_fixed_per_state(tmp_path, fact_state):
    fact_state.save(tmp_path)
    with pytest.raises(StateError, match="threshold 0.5, not 0.7"):
        CorpusState.load(tmp_path, threshold=0.7)


# --------------------------------------------------------------------------- command line and export

@pytest.fixture()
def records_file(tmp_path) -> Path:
    p = tmp_path / "records.jsonl"
    with open(p, "w", encoding="utf-8") as fh:
        for rec in FACT_RECORDS + CITE_RECORDS:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        fh.write('{"id": "broken", "text": \n')
        fh.write(json.dumps({"id": "err", "stage": "clean", "error": "EmptyInput", "message": "empty"}) + "\n")
    return p


CLI_CASES = [
    (["--state", "{state}", "{missing}"], 2),
    (["{records}", "--state", "{state}", "--threshold", "1.5"], 2),
    (["{records}", "--state", "{state}"], 0),
]


@pytest.mark.parametrize(("argv", "code"), CLI_CASES, ids=["missing-file", "bad-threshold", "ok"])
def test_dedup_cli(tmp_path, records_file, capsys, argv, code):
    fill = {"state": str(tmp_path / "st"), "missing": str(tmp_path / "nope.jsonl"), "records": str(records_file)}
    assert main_dedup([a.format(**fill) for a in argv]) == code
    if code == 0:
        out = capsys.readouterr().out
        assert "conflict: Bắc Kạn (province) mô hình/total as of 2023: 1980 [a4] vs 2011 [a1, a2, a3]" in out \
            or "2011 [a1, a2, a3] vs 1980 [a4]" in out
        assert "date conflict: 14-KH/TU (Bắc Kạn)" in out
        assert main_dedup([str(records_file), "--state", fill["state"], "--threshold", "0.7"]) == 2


def test_series_cli(tmp_path, records_file, capsys):
    state = tmp_path / "st"
    assert main_dedup([str(records_file), "--state", str(state)]) == 0
    capsys.readouterr()
    svg = tmp_path / "chart.svg"
    assert main_series([str(state), "--place", "tỉnh Bắc Kạn", "-o", str(svg)]) == 0
    lines = capsys.readouterr().out.splitlines()
    points = [line.split()[:2] for line in lines if line[:4].isdigit()]
    assert points == [["2022", "1700"], ["2023-10-01", "nearly"], ["2023", "1980"], ["2023", "2011"]]
    assert sum("CONFLICT" in line for line in lines) == 2
    body = svg.read_text(encoding="utf-8")
    assert body.startswith("<svg") and body.count("<circle") == 4
    assert main_series([str(records_file), "--place", "06"]) == 0
    assert main_series([str(state), "--place", "Hà Giang"]) == 2
    assert main_series([str(state), "--place", "06", "-o", str(tmp_path / "c.png")]) == 2


TABLE_QUERIES = {
    "clusters": ("SELECT count(*) FROM clusters WHERE cluster_id IS NOT NULL", 12),
    "facts": ("SELECT value FROM facts WHERE place_code = '06' AND as_of = '2023' AND conflict ORDER BY value",
              [1980, 2011]),
    "fact_evidence": ("SELECT count(DISTINCT article_id) FROM fact_evidence WHERE value BETWEEN 1980 AND 2011", 4),
    "fact_conflicts": ("SELECT count(*) FROM fact_conflicts", 1),
    "document_citations": ("SELECT n_articles FROM document_citations WHERE symbol = '16/CT-TTg'", 2),
}


@pytest.mark.parametrize("fmt", ["duckdb", "parquet"])
def test_export_tables(tmp_path, fact_state, fmt):
    duckdb = pytest.importorskip("duckdb")
    from extractor.research.dedup.tables import export_corpus_tables

    st = CorpusState()
    st.add(FACT_RECORDS + CITE_RECORDS)
    st.save(tmp_path / "state")
    to = str(tmp_path / ("d.duckdb" if fmt == "duckdb" else "pq"))
    counts = export_corpus_tables(tmp_path / "state", to, fmt)
    assert counts == {"clusters": 12, "facts": 6, "fact_evidence": 8, "fact_conflicts": 1, "document_citations": 4}
    con = duckdb.connect(to) if fmt == "duckdb" else duckdb.connect()
    if fmt == "parquet":
        for t in counts:
            con.execute(f"CREATE VIEW {t} AS SELECT * FROM '{to}/{t}.parquet'")
    for sql, expected in TABLE_QUERIES.values():
        rows = [r[0] for r in con.execute(sql).fetchall()]
        assert (rows if isinstance(expected, list) else rows[0]) == expected, sql


# --------------------------------------------------------------------------- issue 26: eras

#: Leads written for these tests, one per article, so that no two articles are near-duplicates.
LEADS = [
    "Sáng nay hội nghị sơ kết công tác dân vận được tổ chức tại hội trường lớn của tỉnh.",
    "Ban Dân vận vừa ban hành hướng dẫn mới về cách chấm điểm các phần việc ở khu dân cư.",
    "Nhiều thôn vùng cao đã bê tông hóa đường nội đồng nhờ người dân góp công góp đất.",
    "Các hội đoàn thể phối hợp mở lớp dạy nghề đan lát cho phụ nữ trong mùa nông nhàn.",
    "Đoàn công tác của tỉnh đã đi kiểm tra thực tế tại các xã biên giới trong ba ngày.",
    "Lễ biểu dương được tổ chức trang trọng, có đại diện của nhiều sở ngành tham dự.",
    "Người dân tự nguyện dỡ bỏ hàng rào để mở rộng ngõ xóm, trồng hoa hai bên đường.",
    "Cuộc thi tìm hiểu pháp luật thu hút hàng trăm đoàn viên thanh niên tham gia dự thi.",
    "Tổ hòa giải ở cơ sở đã giải quyết dứt điểm nhiều vụ tranh chấp đất đai kéo dài.",
    "Hợp tác xã chè đã liên kết với doanh nghiệp để bao tiêu sản phẩm cho các hộ dân.",
    "Năm nay, phong trào xây dựng nông thôn mới có thêm nhiều tuyến đường hoa kiểu mẫu.",
    "Mô hình nuôi cá lồng trên hồ giúp các hộ nghèo có thêm nguồn thu nhập ổn định.",
]


def _era_article(n: int, published: str, name: str, code: str, era: str | None, value: int,
                 as_of: str | None) -> dict:
    """Article ``e<n>``: one province count; ``era`` None: the record's localities say nothing."""
    sentence = f"{LEADS[n]} Toàn tỉnh {name} có {value:,} mô hình.".replace(",", ".")
    phrase = f"{value:,} mô hình".replace(",", ".")
    s = sentence.index(phrase)
    locs = [Locality(name=name, level="province", code=code, code_era=era,
                     mentions=[(sentence.index(name), sentence.index(name) + len(name))])] if era else []
    return Article(id=f"e{n}", outlet="baotinh.vn", published=published, text=sentence, localities=locs,
                   counts=[Count(value=value, locality=PlaceRef(name=name, level="province", code=code),
                                 as_of=as_of, text=phrase, span=(s, s + len(phrase)))]).model_dump()


#: 2023–2026: old Bắc Giang (24) and old Bắc Ninh (27), merged into the new Bắc Ninh (24);
#: old Thái Nguyên (19) and Bắc Kạn (06), merged into the new Thái Nguyên (19).
ERA_RECORDS = [
    _era_article(0, "2023-12-20", "Bắc Giang", "24", "pre2025", 4800, "2023"),
    _era_article(1, "2024-12-18", "Bắc Giang", "24", "pre2025", 5126, "2024"),
    _era_article(2, "2024-12-10", "Bắc Ninh", "27", "pre2025", 2000, "2024"),
    _era_article(3, "2025-12-15", "Bắc Ninh", "24", "2025", 7100, "2025"),
    _era_article(4, "2026-06-01", "Bắc Ninh", "24", None, 7400, "2026"),  # era from the date
    _era_article(5, "2023-12-01", "Thái Nguyên", "19", "pre2025", 1500, "2023"),
    _era_article(6, "2024-12-01", "Thái Nguyên", "19", "pre2025", 1650, "2024"),
    _era_article(7, "2024-11-20", "Bắc Kạn", "06", "pre2025", 2100, "2024"),
    _era_article(8, "2025-12-01", "Thái Nguyên", "19", "2025", 3800, "2025"),
    _era_article(9, "2026-05-01", "Thái Nguyên", "19", None, 3900, "2026"),  # era from the date
    # written after the reform about the old province: the gazetteer knows Bắc Giang only before it
    _era_article(10, "2025-08-01", "Bắc Giang", "24", None, 5300, "2025-06"),
]


@pytest.fixture(scope="module")
def era_state(tmp_path_factory) -> CorpusState:
    st = CorpusState()
    st.add(ERA_RECORDS)
    st.save(tmp_path_factory.mktemp("era") / "st")
    return st


@pytest.fixture(scope="module")
def era_dir(era_state, tmp_path_factory) -> Path:
    return Path(tmp_path_factory.getbasetemp()) / "era0" / "st"


def test_eras_keep_units_apart(era_state):
    got = sorted((f.key[0], f.key[4], f.value) for f in era_state.facts())
    assert got == [
        ("province#2025#19", "2025", 3800), ("province#2025#19", "2026", 3900),
        ("province#2025#24", "2025", 7100), ("province#2025#24", "2026", 7400),
        ("province#pre2025#06", "2024", 2100),
        ("province#pre2025#19", "2023", 1500), ("province#pre2025#19", "2024", 1650),
        ("province#pre2025#24", "2023", 4800), ("province#pre2025#24", "2024", 5126),
        ("province#pre2025#24", "2025-06", 5300),
        ("province#pre2025#27", "2024", 2000),
    ]


SERIES_CASES = [
    # (argv after the state, exit code, the point lines: period, value, mapped-from)
    (["--place", "24"], 2, []),
    (["--place", "Bắc Ninh"], 2, []),
    (["--place", "Thái Nguyên"], 2, []),
    (["--place", "24", "--era", "pre2025"], 0, [("2023", "4800", ""), ("2024", "5126", ""), ("2025-06", "5300", "")]),
    (["--place", "24", "--era", "2025"], 0, [("2025", "7100", ""), ("2026", "7400", "")]),
    (["--place", "Bắc Ninh", "--era", "pre2025"], 0, [("2024", "2000", "")]),
    (["--place", "Thái Nguyên", "--era", "pre2025"], 0, [("2023", "1500", ""), ("2024", "1650", "")]),
    (["--place", "Thái Nguyên", "--era", "2025"], 0, [("2025", "3800", ""), ("2026", "3900", "")]),
    (["--place", "Thái Nguyên", "--era", "mapped"], 0, [
        ("2023", "1500", "Thái Nguyên (pre2025, 19)"),
        ("2024", "3750", "sum of Bắc Kạn + Thái Nguyên"),
        ("2024", "1650", "Thái Nguyên (pre2025, 19)"),
        ("2024", "2100", "Bắc Kạn (pre2025, 06)"),
        ("2025", "3800", ""), ("2026", "3900", "")]),
    # the old province asks for its successor's mapped series
    (["--place", "Bắc Giang", "--era", "mapped"], 0, [
        ("2023", "4800", "Bắc Giang (pre2025, 24)"),
        ("2024", "7126", "sum of Bắc Giang + Bắc Ninh"),
        ("2024", "2000", "Bắc Ninh (pre2025, 27)"),
        ("2024", "5126", "Bắc Giang (pre2025, 24)"),
        ("2025-06", "5300", "Bắc Giang (pre2025, 24)"),
        ("2025", "7100", ""), ("2026", "7400", "")]),
]


def _points(out: str) -> list[tuple[str, str, str]]:
    rows = []
    for line in out.splitlines():
        if line[:4].isdigit():
            mapped = line.split("MAPPED ", 1)[1].removeprefix("from ") if "MAPPED" in line else ""
            rows.append((line.split()[0], line.split()[1], mapped))
    return rows


@pytest.mark.parametrize(("argv", "code", "points"), SERIES_CASES)
def test_series_by_era_and_mapped(era_dir, capsys, argv, code, points):
    assert main_series([str(era_dir), *argv]) == code
    out, err = capsys.readouterr()
    assert _points(out) == points
    if code == 2:
        assert "give --era pre2025|2025" in err


def test_series_ambiguous_code_names_both_units(era_dir, capsys):
    assert main_series([str(era_dir), "--place", "24"]) == 2
    err = capsys.readouterr().err
    assert "Bắc Giang (province, pre2025, 24)" in err and "Bắc Ninh (province, 2025, 24)" in err


def test_mapped_chart_marks_parts(tmp_path, era_dir):
    svg = tmp_path / "c.svg"
    assert main_series([str(era_dir), "--place", "Thái Nguyên", "--era", "mapped", "-o", str(svg)]) == 0
    body = svg.read_text(encoding="utf-8")
    # 3 complete points (the 2024 sum, 2025, 2026) are dots; 3 predecessor counts are squares
    assert (body.count("<circle"), body.count('<rect x='), body.count("mapped: sum of Bắc Kạn + Thái Nguyên")) \
        == (3, 3, 1)


# --------------------------------------------------------------------------- issue 26: copies

COPY_TEXT = ("Sau hai năm triển khai, mô hình “Ngõ xóm sáng đèn” ở các thôn của huyện đã lắp đặt hơn "
             "bốn trăm cột đèn năng lượng mặt trời do người dân tự góp tiền và ngày công. Theo thống kê, "
             "toàn tỉnh có 640 mô hình được công nhận, nhiều mô hình đã trở thành điểm sáng của phong trào "
             "thi đua ở cơ sở, được các địa phương khác đến học tập kinh nghiệm.")


def _copy(aid: str, published: str, outlet: str, credit: str = "", text: str = COPY_TEXT) -> dict:
    full = text + credit
    s = full.index("640 mô hình")
    return Article(id=aid, outlet=outlet, published=published, text=full,
                   locality=MainLocality(province="Cao Bằng", province_code="04"),
                   counts=[Count(value=640, text="640 mô hình", span=(s, s + 11),
                                 locality=PlaceRef(name="Cao Bằng", level="province", code="04"))]).model_dump()


COPY_RECORDS = [
    _copy("k1", "2024-03-01", "baocaobang.vn"),
    _copy("k2", "2024-03-02", "dangbo.vn", "\n\nTheo Báo Cao Bằng"),
    _copy("k3", "2024-03-05", "tintuc.vn", "\n\n(Nguồn: Báo Cao Bằng)"),
]


def test_copies_are_one_fact_of_one_report():
    st = CorpusState()
    st.add(COPY_RECORDS)
    (f,) = st.facts()
    assert (f.key[4], f.value, len(f.evidence), f.independent) == ("2024-03-01", 640, 3, 1)
    assert [(e["article_id"], e["as_of"], e["as_of_source"]) for e in f.evidence] == [
        ("k1", "2024-03-01", "published"), ("k2", "2024-03-01", "cluster"), ("k3", "2024-03-01", "cluster")]


def test_copies_and_an_independent_report(tmp_path, capsys):
    other = "Báo cáo của Ban Dân vận cho biết cả tỉnh có 640 mô hình, tăng so với cùng kỳ."
    s = other.index("640 mô hình")
    indep = Article(id="k4", outlet="vtv.vn", published="2024-03-01", text=other,
                    counts=[Count(value=640, text="640 mô hình", span=(s, s + 11),
                                  locality=PlaceRef(name="Cao Bằng", level="province", code="04"))]).model_dump()
    st = CorpusState()
    st.add(COPY_RECORDS + [indep])
    st.save(tmp_path / "st")
    assert main_series([str(tmp_path / "st"), "--place", "Cao Bằng"]) == 0
    lines = [ln for ln in capsys.readouterr().out.splitlines() if ln[:4].isdigit()]
    assert len(lines) == 1 and "4 article(s), 2 independent" in lines[0]


# --------------------------------------------------------------------------- issue 26: targets, by_level

def _raw_count(text: str, phrase: str, value: int, category: str, **extra) -> dict:
    s = text.index(phrase)
    return {"value": value, "qualifier": "exact", "unit": "mô hình", "category": category, "field": None,
            "locality": {"name": "Bắc Kạn", "level": "province", "code": "06"}, "as_of": "2025",
            "text": phrase, "span": [s, s + len(phrase)], **extra}


def test_target_and_by_level_are_facts_of_their_own():
    text = ("Năm 2025 toàn tỉnh có 2.300 mô hình: cấp tỉnh 40 mô hình, cấp huyện 260 mô hình; "
            "phấn đấu đạt 2.500 mô hình.")
    rec = Article(id="t1", published="2025-03-01", text=text).model_dump(mode="json")
    rec["counts"] = [_raw_count(text, "2.300 mô hình", 2300, "total"),
                     _raw_count(text, "40 mô hình", 40, "by_level", level="tỉnh"),
                     _raw_count(text, "260 mô hình", 260, "by_level", level="huyện"),
                     _raw_count(text, "2.500 mô hình", 2500, "target")]
    st = CorpusState()
    st.add([rec])
    got = sorted((f.key[2], f.key[3], f.value, f.is_target, bool(f.conflict_with)) for f in st.facts())
    assert got == [("by_level", "huyện", 260, False, False), ("by_level", "tỉnh", 40, False, False),
                   ("target", None, 2500, True, False), ("total", None, 2300, False, False)]
    totals = series.build_series(st.facts(), "province#pre2025#06")
    assert [(p.period, p.fact.value) for p in totals] == [("2025", 2300)]


# --------------------------------------------------------------------------- issue 27: a state runs nothing

class _Boom:
    def __reduce__(self):
        import os

        return (os.system, ("touch pwned-by-pickle",))


def _fresh_facts() -> CorpusState:
    st = CorpusState()
    st.add(FACT_RECORDS)
    return st


def test_state_never_unpickles(tmp_path, monkeypatch):
    import pickle

    monkeypatch.chdir(tmp_path)
    _fresh_facts().save(tmp_path / "st")
    (tmp_path / "st" / "lsh-7-1.pkl").write_bytes(pickle.dumps(_Boom()))
    meta = json.loads((tmp_path / "st" / "meta.json").read_text())
    meta["lsh"] = "lsh-7-1.pkl"
    (tmp_path / "st" / "meta.json").write_text(json.dumps(meta))
    again = CorpusState.load(tmp_path / "st")
    again.save(tmp_path / "st")
    assert not (tmp_path / "pwned-by-pickle").exists()
    assert len(again.facts()) == len(_fresh_facts().facts())


def test_pickled_union_find_refused(tmp_path, fact_state):
    import numpy as np

    _fresh_facts().save(tmp_path / "st")
    meta = json.loads((tmp_path / "st" / "meta.json").read_text())
    np.save(tmp_path / "st" / meta["parent"], np.array([_Boom()] * 7, dtype=object), allow_pickle=True)
    with pytest.raises(StateError, match="unreadable union-find array"):
        CorpusState.load(tmp_path / "st")


@pytest.mark.parametrize("name", ["../victim.npy", "/tmp/victim.npy", "sub/parent-1-1.npy", "counts.jsonl", 7])
def test_meta_names_only_files_of_the_state(tmp_path, name):
    _fresh_facts().save(tmp_path / "st")
    victim = tmp_path / "victim.npy"
    victim.write_text("keep me")
    meta = json.loads((tmp_path / "st" / "meta.json").read_text())
    meta["parent"] = name
    (tmp_path / "st" / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(StateError, match="not a file of a corpus state"):
        CorpusState.load(tmp_path / "st")
    with pytest.raises(StateError, match="not a file of a corpus state"):
        _fresh_facts().save(tmp_path / "st")  # a save deletes the previous array: never a file outside
    assert victim.read_text() == "keep me"


def test_linked_state_file_refused(tmp_path, fact_state):
    _fresh_facts().save(tmp_path / "st")
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    (tmp_path / "st" / "counts.jsonl").unlink()
    (tmp_path / "st" / "counts.jsonl").symlink_to(outside)
    with pytest.raises(StateError, match="symbolic link"):
        CorpusState.load(tmp_path / "st")
    with pytest.raises(StateError, match="symbolic link"):
        _fresh_facts().save(tmp_path / "st")
    assert outside.read_text() == "keep me"


def test_planted_meta_link_not_written_through(tmp_path):
    st = _fresh_facts()
    st.save(tmp_path / "st")
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    (tmp_path / "st" / "meta.json.tmp").symlink_to(outside)
    st.add([_article("a8", "baobackan.com.vn", "2023-12-21", "Có 5 mô hình.", [("5 mô hình", 5)])])
    st.save(tmp_path / "st")
    assert outside.read_text() == "keep me"
    assert len(CorpusState.load(tmp_path / "st").ids) == 8


@pytest.mark.parametrize("sizes", [{"articles.jsonl": -1}, {"../x": 0}, {"articles.jsonl": "9"}])
def test_meta_sizes_checked(tmp_path, sizes):
    _fresh_facts().save(tmp_path / "st")
    meta = json.loads((tmp_path / "st" / "meta.json").read_text())
    meta["sizes"].update(sizes)
    (tmp_path / "st" / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(StateError, match="unreadable meta.json"):
        CorpusState.load(tmp_path / "st")


def test_provincial_documents_of_two_eras_apart():
    """05-CT/TU of the Tỉnh ủy Bắc Ninh of 2024 is not the 05-CT/TU of the merged province's Tỉnh ủy."""
    recs = [
        _article("d1", "baobacninh.vn", "2024-05-02", "x", [], [_doc("05-CT/TU", "2024-04-20", "TU", "Chỉ thị")],
                 province="Bắc Ninh"),
        _article("d2", "baobacninh.vn", "2025-10-01", "x", [], [_doc("05-CT/TU", "2025-09-15", "TU", "Chỉ thị")],
                 province="Bắc Ninh"),
        _article("d3", "dangcongsan.vn", "2026-01-05", "x", [], [_doc("05-CT/TU", None, "TU", "Chỉ thị")],
                 province="Bắc Ninh"),
    ]
    st = CorpusState()
    st.add(recs)
    got = [(r["symbol"], r["scope"], r["scope_era"], r["issued"], r["article_ids"], r["date_conflict"])
           for r in st.citation_rows()]
    assert got == [("05-CT/TU", "Bắc Ninh", "2025", "2025-09-15", ["d2", "d3"], False),
                   ("05-CT/TU", "Bắc Ninh", "pre2025", "2024-04-20", ["d1"], False)]


def test_band_index_merges_its_delta(test_corpus, monkeypatch):
    """The same clusters whether new articles sit in the dict or were merged into the sorted array."""
    full = CorpusState()
    full.add(test_corpus)
    monkeypatch.setattr(minhash, "DELTA_MAX", 3)
    merged = CorpusState()
    merged.add(test_corpus)
    assert len(merged.bands._keys) == (len(test_corpus) // 3) * 3 * merged.bands.b
    assert merged.clusters() == full.clusters()


def test_state_of_version_1_must_be_rebuilt(tmp_path):
    """Version 1 kept a pickled index; such a state is refused before any of its files is read."""
    _fresh_facts().save(tmp_path / "st")
    meta = json.loads((tmp_path / "st" / "meta.json").read_text())
    meta.update(version=1, lsh="lsh-7-1.pkl", lsh_n=7)
    (tmp_path / "st" / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(StateError, match="state version 1 .this extractor writes 2.; rebuild it from the records"):
        CorpusState.load(tmp_path / "st")


def test_mapped_view_takes_predecessors_named_without_code():
    bk = _era_article(7, "2024-11-20", "Bắc Kạn", "06", None, 2100, "2024")
    bk["counts"][0]["locality"]["code"] = None  # the place resolved by name only
    st = CorpusState()
    st.add([bk, ERA_RECORDS[6]])
    (place,) = series.find_places(st.facts(), "Thái Nguyên", era="mapped").values()
    got = [(p.period, p.fact.value, p.mapped) for p in series.mapped_series(st.facts(), place)]
    assert got == [("2024", 3750, "sum of Bắc Kạn + Thái Nguyên"), ("2024", 1650, "Thái Nguyên (pre2025, 19)"),
                   ("2024", 2100, "Bắc Kạn (pre2025, 06)")]


@pytest.mark.parametrize(("query", "name"), [
    ("tỉnh Bắc Kạn", "Bắc Kạn"),
    ("Huyện Na Rì", "Na Rì"),
    ("TP. Bắc Kạn", "Bắc Kạn"),
    ("thị trấn Yến Lạc", "Yến Lạc"),
    ("TX Sơn Tây", "Sơn Tây"),  # the level words of places.yaml: TX was missing from the hand-written list
    ("thôn Nà Pục", "thôn Nà Pục"),  # a village has no facts of its own: kept as written
    ("06", "06"),
])
def test_a_leading_level_word_of_a_series_query_is_read_from_places_yaml(query, name):
    from extractor.rules import default_rules

    assert default_rules().compiled(series.compile_query_level).sub("", query) == name


@pytest.mark.parametrize(("code", "scope"), [
    ("TW", None), ("BTGTW", None), ("CP-TTg", None), ("QH15", None), ("TTg", None),
    ("TU", "Bắc Kạn"), ("UBND", "Bắc Kạn"), ("HU", "Bắc Kạn"), ("UBND-CP", "Bắc Kạn"), (None, "Bắc Kạn"),
])
def test_central_issuers_come_from_documents_yaml(code, scope):
    from extractor.research.dedup.citations import _scope

    assert _scope(code, "Bắc Kạn") == scope
