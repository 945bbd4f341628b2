"""``extractor check RECORDS... --registry FILE... [--json|--csv|--html OUT] [--strict]``.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..qualifiers import TOLERANCE
from ..records import missing_records, read_records
from .matching import FAILING, check_records
from .registers import RegistryError, load_registers
from .report import render_html, report_dict, summarize, write_csv, write_json


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``extractor check`` (a sub-parser of the one ``extractor`` tree)."""
    p.add_argument("records", nargs="+", help="record JSONL files (from extractor extract)")
    p.add_argument("--registry", nargs="+", action="extend", required=True, metavar="FILE",
                   help="register files, .csv or .yaml (format: docs/registry.md)")
    p.add_argument("--json", default=None, metavar="OUT.json", help="the full report as JSON (- for stdout)")
    p.add_argument("--csv", default=None, metavar="OUT.csv", help="one row per comparison")
    p.add_argument("--html", default=None, metavar="OUT.html", help="a self-contained page for people")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 when any comparison is a contradiction or an internal check a mismatch")
    p.add_argument("--tolerance", type=float, default=TOLERANCE,
                   help=f"relative tolerance of gần/khoảng (default {TOLERANCE})")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")


def run(args: argparse.Namespace) -> int:
    """Run ``extractor check``: 0 done, 1 ``--strict`` and something contradicts, 2 bad input."""
    if not 0 <= args.tolerance < 1:
        print("extractor check: --tolerance is a fraction in [0, 1), e.g. 0.1", file=sys.stderr)
        return 2
    if missing_records(args.records, "extractor check"):
        return 2
    try:
        reg = load_registers(args.registry)
    except RegistryError as exc:
        print(f"extractor check: {exc}", file=sys.stderr)
        return 2
    seen = Counter()

    def counted() -> Iterator[dict[str, Any]]:  # records stream through; only the results are kept
        for rec in read_records(args.records):
            seen["records"] += 1
            yield rec

    try:
        results = check_records(counted(), reg, args.tolerance)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"extractor check: cannot read records: {exc}", file=sys.stderr)
        return 2
    summary = summarize(results, reg, seen["records"], args.tolerance)
    report = report_dict(results, summary)
    try:
        if args.json or not (args.csv or args.html):
            write_json(report, args.json or "-")
        if args.csv:
            write_csv(results, args.csv)
        if args.html:
            Path(args.html).write_text(render_html(report, results), encoding="utf-8")
    except OSError as exc:
        print(f"extractor check: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        shown = ", ".join(f"{v} {k}" for k, v in summary["by_status"].items() if v)
        print(f"extractor check: {summary['records']} records, {summary['comparisons']} comparisons: "
              f"{shown or 'nothing to check'}", file=sys.stderr)
    failing = sum(summary["by_status"][str(s)] for s in FAILING)
    return 1 if args.strict and failing else 0
