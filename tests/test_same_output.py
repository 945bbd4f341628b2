"""Issue 24: speed work changes no record. Each record of the sample corpus, the dev
passages and 3,000 bulk articles must hash to the digest stored in
``tests/data/same_output/`` (written by ``scripts/record_digests.py`` from the code before
the speed work; rerun it after a change meant to change records)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("record_digests", ROOT / "scripts" / "record_digests.py")
record_digests = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(record_digests)


def _same(name: str) -> None:
    if not record_digests.source_path(name).exists():
        pytest.skip(f"{record_digests.source_path(name)} not present")
    expected = record_digests.read_expected(name)
    got = record_digests.digests(name)
    assert [e[0] for e in expected] == [g[0] for g in got]  # same records, same order
    changed = [e[0] for e, g in zip(expected, got) if e != g]
    assert changed == []


@pytest.mark.parametrize("name", ["corpus", "dev"])
def test_same_records(name):
    _same(name)


@pytest.mark.slow
def test_same_records_bulk():
    _same("bulk")
