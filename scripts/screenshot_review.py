"""Render the review report of the sample corpus and screenshot it for the README (docs/review.png).

    python scripts/screenshot_review.py                    # extract corpus/ first, then render
    python scripts/screenshot_review.py out.jsonl          # records already extracted
    python scripts/screenshot_review.py --sample           # the hand-built records of tests/test_review.py

Needs Debian's ``chromium`` (``apt-get install -y --no-install-recommends chromium``).
Prints the files written, their sizes and the marks per span type Chromium saw.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.research.review.browser import run_chromium  # noqa: E402
from extractor.research.review.report import write_report  # noqa: E402
from extractor.research.review.style import FIELD_TYPES  # noqa: E402
from extractor.research.review.tally import Tally, read_lines  # noqa: E402


def _sample_records() -> list[dict]:
    spec = importlib.util.spec_from_file_location("_test_review", ROOT / "tests" / "test_review.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    assert spec and spec.loader
    spec.loader.exec_module(module)
    return module.sample_records(ROOT / "corpus")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("records", nargs="*", help="record JSONL (default: extract corpus/ now)")
    p.add_argument("--sample", action="store_true", help="use the hand-built records of the tests")
    p.add_argument("--out", default=str(ROOT / "docs" / "review.png"))
    p.add_argument("--page", default="page-1.html", help="which page to shoot (or 'overview')")
    p.add_argument("--size", default="1280,2000", help="window width,height")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="review-shot-") as tmp:
        corpus = Tally()
        if args.sample:
            records = _sample_records()
        else:
            paths = args.records
            if not paths:
                out = Path(tmp) / "records.jsonl"
                texts = [str(t.relative_to(ROOT)) for t in sorted((ROOT / "corpus").glob("*.txt"))]  # the sample articles
                subprocess.run([sys.executable, "-m", "extractor", "extract", *texts, "-o", str(out), "-q"],
                               check=True, cwd=ROOT)
                paths = [str(out)]
            records = list(read_lines(paths, corpus))
        report = Path(tmp) / "report.html"
        summary = write_report(records, report, corpus=corpus, title="Review of the sample corpus")
        for f in summary.files:
            print(f"{f.name}: {f.stat().st_size} bytes")
        target = report if args.page == "overview" else report.parent / "report_files" / args.page
        dom = run_chromium(target.as_uri(), dump_dom=True)
        marks = {k: len(re.findall(rf'data-type="{k}" id=', dom)) for k in FIELD_TYPES}
        print("marks per type:", json.dumps(marks, ensure_ascii=False))
        width, height = (int(x) for x in args.size.split(","))
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        run_chromium(target.as_uri(), screenshot=Path(args.out), size=(width, height))
        print(f"{args.out}: {Path(args.out).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
