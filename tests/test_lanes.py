"""The two test lanes: ``pytest -m "not slow"`` (fast) and ``pytest`` (everything)."""
from __future__ import annotations

import importlib.util
import re

import pytest
from conftest import ROOT, SLOW_TESTS, is_listed, slow_entries

_SPEC = importlib.util.spec_from_file_location("slow_tests", ROOT / "scripts" / "slow_tests.py")
slow_tests = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(slow_tests)


@pytest.mark.parametrize(("nodeid", "listed"), [
    ("tests/test_a.py::test_b", True),  # listed itself
    ("tests/test_a.py::test_b[x-1]", True),  # a parameter of a listed function
    ("tests/test_a.py::test_bc", False),  # a longer name is another function
    ("tests/test_z.py::test_anything[3]", True),  # a listed file
    ("tests/test_a.py::test_c", False),
    ("tests/test_q.py::test_d[one]", True),  # one listed parameter
    ("tests/test_q.py::test_d[two]", False),
])
def test_listed_node_ids(nodeid, listed):
    entries = {"tests/test_a.py::test_b", "tests/test_z.py", "tests/test_q.py::test_d[one]"}
    assert is_listed(nodeid, entries) is listed


REPORT = """\
============================= slowest durations ==============================
3.90s setup    tests/test_batch.py::test_export[duckdb]
0.40s call     tests/test_batch.py::test_export[duckdb]
0.20s call     tests/test_batch.py::test_export[parquet]
0.30s call     tests/test_x.py::test_many[1]
0.30s call     tests/test_x.py::test_many[2]
0.10s teardown tests/test_x.py::test_many[2]
(12 durations < 0.05s hidden.)
"""


def test_durations_report_is_read_per_item():
    assert slow_tests.parse_durations(REPORT) == {
        "tests/test_batch.py::test_export[duckdb]": 4.3,
        "tests/test_batch.py::test_export[parquet]": 0.2,
        "tests/test_x.py::test_many[1]": 0.3,
        "tests/test_x.py::test_many[2]": 0.4,
    }


@pytest.mark.parametrize(("threshold", "total", "slow"), [
    (0.5, 2.0, {"tests/test_batch.py::test_export"}),
    (0.5, 0.6, {"tests/test_batch.py::test_export", "tests/test_x.py::test_many"}),  # 0.7 s together
    (5.0, 9.0, set()),
])
def test_slow_functions(threshold, total, slow):
    assert slow_tests.slow_functions(slow_tests.parse_durations(REPORT), threshold, total) == slow


def test_every_listed_slow_test_exists():
    """An entry of tests/data/slow_tests.txt names a test file, and a test function in it."""
    missing = []
    for entry in sorted(slow_entries(SLOW_TESTS)):
        path, _, name = entry.partition("::")
        f = ROOT / path
        func = name.split("[", 1)[0]
        if not f.is_file() or (func and not re.search(rf"^\s*(?:async\s+)?def {re.escape(func)}\(",
                                                         f.read_text(encoding="utf-8"), re.M)):
            missing.append(entry)
    assert missing == []
