"""Write ``tests/data/slow_tests.txt``: the tests of the slow lane, from measured durations.

    nice python scripts/slow_tests.py [--threshold 0.5] [--function-total 2] [--rounds 3]

The first round runs the whole suite (``pytest --durations=0``, with an empty list) and
lists every test function one of whose items (setup, call and teardown together) took
``--threshold`` seconds or more, or whose items took ``--function-total`` seconds together.
A module fixture's cost lands on the first test that uses it, so the next rounds run the
fast lane (``pytest -m "not slow"``) and list what now pays it, with the stricter
``--fast-threshold``/``--fast-function-total`` (the fast lane must stay under 20 s wall on
2 cores); rounds repeat until they find nothing new. Tests already marked ``slow`` in their files stay
marked. ``tests/conftest.py`` marks the listed tests ``slow`` (``pytest -m "not slow"`` is
the fast lane; plain ``pytest`` runs everything).

Durations depend on the machine and its load: regenerate on a quiet machine, and read the
diff before committing it.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "slow_tests.txt"
#: ``0.52s call     tests/test_x.py::test_y[param]`` in pytest's ``--durations`` report.
_LINE = re.compile(r"^(\d+(?:\.\d+)?)s\s+(setup|call|teardown)\s+(\S.*)$")
HEADER = """\
# Tests of the slow lane (tests/conftest.py marks them `slow`): pytest -m "not slow" skips them.
# Written by scripts/slow_tests.py from measured durations; one node id, test function or file a line.
"""


def parse_durations(report: str) -> dict[str, float]:
    """Seconds per test item (setup + call + teardown) from a ``--durations=0`` report.

    >>> parse_durations("0.60s call     tests/t.py::test_a[1]\\n0.10s setup    tests/t.py::test_a[1]\\nx")
    {'tests/t.py::test_a[1]': 0.7}
    """
    seconds: dict[str, float] = defaultdict(float)
    for line in report.splitlines():
        m = _LINE.match(line.strip())
        if m:
            seconds[m.group(3).strip()] += float(m.group(1))
    return {k: round(v, 6) for k, v in seconds.items()}


def slow_functions(seconds: dict[str, float], threshold: float, function_total: float) -> set[str]:
    """Test functions (node ids without parameters) with an item ≥ ``threshold`` or items
    ≥ ``function_total`` together.

    >>> sorted(slow_functions({"t.py::a[1]": 0.6, "t.py::b[1]": 0.2, "t.py::b[2]": 0.2, "t.py::c": 0.1}, 0.5, 0.3))
    ['t.py::a', 't.py::b']
    """
    total: dict[str, float] = defaultdict(float)
    worst: dict[str, float] = defaultdict(float)
    for nodeid, s in seconds.items():
        fn = nodeid.split("[", 1)[0]
        total[fn] += s
        worst[fn] = max(worst[fn], s)
    return {fn for fn in total if worst[fn] >= threshold or total[fn] >= function_total}


def measure(fast_only: bool) -> dict[str, float]:
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--durations=0",
           "--durations-min=0.05"] + (["-m", "not slow"] if fast_only else [])
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    return parse_durations(out.stdout)


def write(entries: set[str]) -> None:
    OUT.write_text(HEADER + "".join(f"{e}\n" for e in sorted(entries)), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threshold", type=float, default=0.5, help="seconds of one test item (default 0.5)")
    ap.add_argument("--function-total", type=float, default=2.0,
                    help="seconds of all the items of one test function (default 2)")
    ap.add_argument("--fast-threshold", type=float, default=0.3, help="the same, in the fast-lane rounds")
    ap.add_argument("--fast-function-total", type=float, default=1.0, help="the same, in the fast-lane rounds")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args(argv)
    entries: set[str] = set()
    write(entries)
    for k in range(a.rounds):
        limits = (a.threshold, a.function_total) if k == 0 else (a.fast_threshold, a.fast_function_total)
        found = slow_functions(measure(fast_only=k > 0), *limits) - entries
        print(f"round {k + 1}: {len(found)} more slow test function(s)", file=sys.stderr)
        if not found:
            break
        entries |= found
        write(entries)
    print(f"{len(entries)} entries → {OUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
