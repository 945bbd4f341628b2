"""The research dataset (``extractor export``): unit keys with their era, typed columns,
no silent overwrite, repeated ids kept apart, odd records reported (issues 26 and 27).

Records are built with the pydantic models (their sentences invented for these tests), so
every row below is exact.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from extractor.batch.dataset import DatasetExists, export, unit_era  # noqa: E402
from extractor.cli import main  # noqa: E402
from extractor.record import Article, Check, Count, Locality, MainLocality, PlaceRef  # noqa: E402


def _rec(aid: str, published: str, province: str, code: str, era: str | None, value: int,
         sentence: str | None = None, **extra) -> dict:
    text = sentence or f"Tính đến nay, toàn tỉnh {province} có {value:,} mô hình.".replace(",", ".")
    phrase = f"{value:,} mô hình".replace(",", ".")
    s = text.index(phrase)
    locs = [Locality(name=province, level="province", code=code, code_era=era)] if era else []
    return Article(id=aid, published=published, text=text, localities=locs,
                   locality=MainLocality(province=province, province_code=code),
                   counts=[Count(value=value, text=phrase, span=(s, s + len(phrase)),
                                 locality=PlaceRef(name=province, level="province", code=code))],
                   **extra).model_dump(mode="json")


#: Bắc Giang before the reform and the new Bắc Ninh after it share the code 24.
RECORDS = [
    _rec("bg-2024", "2024-12-18", "Bắc Giang", "24", "pre2025", 5126),
    _rec("bn-2025", "2025-12-15", "Bắc Ninh", "24", "2025", 7100),
    _rec("tn-2024", "2024-12-01", "Thái Nguyên", "19", None, 1650),  # era from the date
    _rec("tn-2026", "2026-05-01", "Thái Nguyên", "19", None, 3900),
]


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _q(to: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(to), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


UNIT_ERAS = [
    # (published, name, code, localities' code_era, expected era)
    ("2024-12-18", "Bắc Giang", "24", "pre2025", "pre2025"),
    ("2025-12-15", "Bắc Ninh", "24", "2025", "2025"),
    ("2025-12-15", "Bắc Ninh", "27", None, "pre2025"),  # 27 is Bắc Ninh only before the reform
    ("2025-08-01", "Bắc Giang", "24", None, "pre2025"),  # no Bắc Giang after it
    ("2024-12-01", "Thái Nguyên", "19", None, "pre2025"),  # in both eras: the date decides
    ("2026-05-01", "Thái Nguyên", "19", None, "2025"),
]


@pytest.mark.parametrize(("published", "name", "code", "era", "expected"), UNIT_ERAS)
def test_unit_era(published, name, code, era, expected):
    locs = [{"name": name, "level": "province", "code": code, "code_era": era}] if era else []
    assert unit_era({"published": published, "localities": locs}, name, "province", code) == expected


def test_every_unit_key_carries_its_era(tmp_path):
    to = tmp_path / "d.duckdb"
    export(RECORDS, str(to))
    assert _q(to, "SELECT article_id, value, place, place_code, place_code_era FROM counts ORDER BY article_id") == [
        ("bg-2024", 5126, "Bắc Giang", "24", "pre2025"), ("bn-2025", 7100, "Bắc Ninh", "24", "2025"),
        ("tn-2024", 1650, "Thái Nguyên", "19", "pre2025"), ("tn-2026", 3900, "Thái Nguyên", "19", "2025")]
    assert _q(to, "SELECT article_id, province, province_code, province_code_era FROM articles "
                  "ORDER BY article_id") == [
        ("bg-2024", "Bắc Giang", "24", "pre2025"), ("bn-2025", "Bắc Ninh", "24", "2025"),
        ("tn-2024", "Thái Nguyên", "19", "pre2025"), ("tn-2026", "Thái Nguyên", "19", "2025")]
    # grouping by (code, era) keeps the four units apart
    assert _q(to, "SELECT place_code, place_code_era, sum(value) FROM counts GROUP BY ALL ORDER BY ALL") == [
        ("19", "2025", 3900), ("19", "pre2025", 1650), ("24", "2025", 7100), ("24", "pre2025", 5126)]


def test_checks_are_typed(tmp_path):
    text = "Toàn tỉnh có 129 mô hình, gồm 83 tập thể và 46 cá nhân."
    rec = _rec("c1", "2023-12-04", "Bắc Kạn", "06", "pre2025", 129, sentence=text,
               checks=[Check(kind="sum", total=129, parts=[83, 46], status="ok")])
    to = tmp_path / "d.duckdb"
    export([rec], str(to))
    assert _q(to, "SELECT kind, total, parts, status FROM checks") == [("sum", 129, [83, 46], "ok")]
    assert _q(to, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'checks' "
                  "AND column_name IN ('total', 'parts') ORDER BY column_name") == [
        ("parts", "BIGINT[]"), ("total", "BIGINT")]


def test_repeated_ids_kept_apart_and_reported(tmp_path):
    first = _rec("x1", "2024-12-18", "Bắc Giang", "24", "pre2025", 5126)
    second = _rec("x1", "2024-12-19", "Bắc Giang", "24", "pre2025", 5200)
    to = tmp_path / "d.duckdb"
    counts = export([first, second], str(to))
    assert (counts["articles"], counts["counts"], counts["export_issues"]) == (2, 2, 1)
    assert _q(to, "SELECT article_id, input_id, copy, published FROM articles ORDER BY copy") == [
        ("x1", "x1", 1, "2024-12-18"), ("x1#2", "x1", 2, "2024-12-19")]
    assert _q(to, "SELECT article_id, value FROM counts ORDER BY value") == [("x1", 5126), ("x1#2", 5200)]
    assert _q(to, "SELECT article_id, input_id, line, kind, message FROM export_issues") == [
        ("x1#2", "x1", 2, "duplicate_id", "id 'x1' given 2 times: this record is kept apart as 'x1#2'")]


def test_ill_typed_record_reported_rest_exported(tmp_path):
    bad = _rec("bad", "2024-12-18", "Bắc Giang", "24", "pre2025", 5126)
    bad["counts"][0]["value"] = "nhiều"  # a hand-edited record: no integer
    recs = _write(tmp_path / "r.jsonl", [RECORDS[0], bad, RECORDS[1]])
    to = tmp_path / "d.duckdb"
    assert main(["export", str(recs), "--to", str(to)]) == 0
    assert _q(to, "SELECT article_id FROM articles ORDER BY article_id") == [("bg-2024",), ("bn-2025",)]
    assert _q(to, "SELECT article_id, input_id, line, kind, message FROM export_issues") == [
        (None, "bad", 2, "bad_record",
         f"{recs}: record left out: TypeError: counts.value is int64, got str 'nhiều'")]


def test_existing_dataset_never_silently_replaced(tmp_path, capsys):
    recs = _write(tmp_path / "r.jsonl", RECORDS[:2])
    more = _write(tmp_path / "more.jsonl", [RECORDS[2], RECORDS[0]])
    to = tmp_path / "d.duckdb"
    assert main(["export", str(recs), "--to", str(to)]) == 0
    capsys.readouterr()
    assert main(["export", str(more), "--to", str(to)]) == 2
    err = capsys.readouterr().err
    assert "already holds the tables articles" in err and "--append" in err and "--replace" in err
    assert _q(to, "SELECT count(*) FROM articles") == [(2,)]  # nothing written
    assert main(["export", str(more), "--to", str(to), "--append"]) == 0
    assert _q(to, "SELECT article_id, copy FROM articles ORDER BY article_id") == [
        ("bg-2024", 1), ("bg-2024#2", 2), ("bn-2025", 1), ("tn-2024", 1)]
    assert main(["export", str(more), "--to", str(to), "--replace"]) == 0
    assert _q(to, "SELECT article_id FROM articles ORDER BY article_id") == [("bg-2024",), ("tn-2024",)]


def test_parquet_folder_refused_then_replaced(tmp_path):
    to = tmp_path / "pq"
    export(RECORDS, str(to), fmt="parquet")
    with pytest.raises(DatasetExists, match="already holds the tables articles"):
        export(RECORDS[:1], str(to), fmt="parquet")
    with pytest.raises(ValueError, match="append works on a .duckdb file"):
        export(RECORDS[:1], str(to), fmt="parquet", existing="append")
    export(RECORDS[:1], str(to), fmt="parquet", existing="replace")
    assert duckdb.sql(f"SELECT count(*) FROM '{to}/articles.parquet'").fetchall() == [(1,)]


def test_whole_dataset_in_one_command(tmp_path):
    """``export --dedup STATE``: article tables and corpus tables in one file, joined by article_id."""
    copies = [_rec(f"k{i}", f"2024-03-0{i}", "Cao Bằng", "04", "pre2025", 640, sentence=(
        "Sau hai năm triển khai, mô hình “Ngõ xóm sáng đèn” đã lắp đặt hơn bốn trăm cột đèn năng lượng "
        "mặt trời do người dân tự góp tiền và ngày công; toàn tỉnh có 640 mô hình được công nhận, nhiều "
        "mô hình trở thành điểm sáng của phong trào thi đua ở cơ sở." + " Nguồn: báo tỉnh." * (i - 1)))
        for i in (1, 2, 3)]
    recs = _write(tmp_path / "r.jsonl", copies + RECORDS)
    to = tmp_path / "d.duckdb"
    assert main(["export", str(recs), "--to", str(to), "--dedup", str(tmp_path / "st")]) == 0
    assert _q(to, "SELECT f.place, f.place_code, f.place_code_era, f.as_of, f.value, f.n_articles, f.n_clusters, "
                  "count(DISTINCT a.article_id) FROM facts f JOIN fact_evidence e USING (fact_id) "
                  "JOIN articles a USING (article_id) WHERE f.place_code = '04' GROUP BY ALL") == [
        ("Cao Bằng", "04", "pre2025", "2024-03-01", 640, 3, 1, 3)]
    assert _q(to, "SELECT place, place_code_era, current_province, current_province_code, value FROM facts "
                  "WHERE place_code = '24' ORDER BY value") == [
        ("Bắc Giang", "pre2025", "Bắc Ninh", "24", 5126), ("Bắc Ninh", "2025", "Bắc Ninh", "24", 7100)]


def test_a_file_that_is_no_dataset_is_left_alone(tmp_path, capsys):
    notes = tmp_path / "notes.duckdb"
    notes.write_text("ghi chép của nhóm nghiên cứu\n", encoding="utf-8")
    recs = _write(tmp_path / "r.jsonl", RECORDS[:1])
    assert main(["export", str(recs), "--to", str(notes)]) == 2
    assert "cannot open it as a DuckDB dataset" in capsys.readouterr().err
    assert notes.read_text(encoding="utf-8") == "ghi chép của nhóm nghiên cứu\n"
