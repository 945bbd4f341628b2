"""``extractor review RECORDS... -o report.html [--per-page N]``.
"""
from __future__ import annotations

import argparse
import sys

from ..records import missing_records
from .report import write_report
from .style import PER_PAGE
from .tally import Tally, read_lines


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``extractor review`` (for wiring into the main parser)."""
    p.add_argument("records", nargs="+", help="record JSONL files from extract (.gz too); error lines are listed")
    p.add_argument("-o", "--output", required=True,
                   help="overview HTML; the article pages go to <stem>_files/ beside it")
    p.add_argument("--per-page", type=int, default=PER_PAGE, help=f"articles per page (default {PER_PAGE})")
    p.add_argument("--title", default="Review of extracted records", help="title of the report")


def run(args: argparse.Namespace) -> int:
    """Run ``extractor review`` with parsed arguments. Exit 0; 1 if lines were unreadable; 2 bad input."""
    if missing_records(args.records):
        return 2
    if args.per_page < 1:
        print("extractor: --per-page must be at least 1", file=sys.stderr)
        return 2
    corpus = Tally()
    try:
        summary = write_report(read_lines(args.records, corpus), args.output, per_page=args.per_page,
                               corpus=corpus, title=args.title)
    except OSError as exc:
        print(f"extractor: {exc}", file=sys.stderr)
        return 2
    extra = "".join(f", {n} {what}" for n, what in ((summary.failed, "failed articles listed"),
                                                    (summary.unreadable, "unreadable lines")) if n)
    print(f"extractor: {summary.articles} articles on {summary.pages} pages{extra} → {args.output}", file=sys.stderr)
    return 1 if summary.unreadable else 0
