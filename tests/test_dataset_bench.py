"""``extractor bench`` output (issue 24): the per-stage timing hook, shares and the projection.

No figure is asserted (timings vary); only what the harness computes from them.
"""
from __future__ import annotations

import json

import pytest

from extractor.batch import bench

SHARES = [
    ({"seconds": 10.0, "stage_seconds": {"places": 4.0, "counts": 5.0}},
     {"places": 0.4, "counts": 0.5, "other": 0.1}),
    ({"seconds": 2.0, "stage_seconds": {"clean": 1.0, "places": 1.0}}, {"clean": 0.5, "places": 0.5, "other": 0.0}),
]


@pytest.mark.parametrize(("stages", "expected"), SHARES)
def test_stage_shares(stages, expected):
    assert bench.stage_shares(stages) == expected


def test_projection_rows():
    rows = bench.projection(7_200_000, 100, {"chars_per_s": 1000.0}, {"chars_per_s": 1500.0}, (1, 2, 4), cores=2)
    assert [(r["workers"], round(r["hours"], 3), r["measured"]) for r in rows] == [
        (1, 2.0, True), (2, 1.333, True), (4, 0.667, False)]


def test_stages_child_times_every_stage(tmp_path, monkeypatch):
    import importlib

    for module, attr in bench.STAGES.values():  # the wrappers are taken off after the test
        mod = importlib.import_module(module)
        monkeypatch.setattr(mod, attr, getattr(mod, attr))
    texts = tmp_path / "t.jsonl"
    sentence = "Huyện Na Rì có 297 mô hình “Dân vận khéo”, theo Kế hoạch số 14-KH/TU của Tỉnh ủy Bắc Kạn."
    texts.write_text("".join(json.dumps({"id": f"a{i}", "text": sentence}, ensure_ascii=False) + "\n"
                             for i in range(3)), encoding="utf-8")
    out = bench._child("stages", texts)
    assert out["articles"] == 3 and sorted(out["stage_seconds"]) == sorted(bench.STAGES)
    assert all(v > 0 for v in out["stage_seconds"].values())
    assert sum(out["stage_seconds"].values()) <= out["seconds"]
