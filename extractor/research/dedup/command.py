"""``extractor dedup`` and ``extractor series``: their options (:func:`add_dedup_arguments`,
:func:`add_series_arguments`) are sub-parsers of the one ``extractor`` tree (extractor/cli.py);
:func:`run_dedup` / :func:`run_series` run them. The state, its minhash and numpy are imported
only when a command runs.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..records import missing_records, read_records
from . import DEFAULT_THRESHOLD
from .series import ERAS, Point


def add_dedup_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``extractor dedup``."""
    p.add_argument("records", nargs="+", help="records JSONL (extractor extract output; .gz too)")
    p.add_argument("--state", required=True, help="state folder (created if absent, else updated)")
    p.add_argument("--threshold", type=float, default=None,
                   help=f"Jaccard threshold for near-duplicates (default {DEFAULT_THRESHOLD}; fixed per state)")
    p.add_argument("--to", default=None, help="also write the corpus tables to this dataset (.duckdb or folder)")
    p.add_argument("--format", choices=["duckdb", "parquet"], default=None, help="dataset format")


def run_dedup(args: argparse.Namespace) -> int:
    """``extractor dedup RECORDS... --state DIR [--threshold T] [--to DATASET]``.

    Returns:
        0 on success, 2 on bad arguments, unreadable input or an unusable state.
    """
    from .facts import conflicts, describe_conflict
    from .state import StateError, open_state

    if missing_records(args.records):
        return 2
    try:
        state = open_state(args.state, args.threshold)
        bad: list[int] = []
        stats = state.add(read_records(args.records, bad))
        stats.skipped_bad += len(bad)
        state.save(args.state)
    except (StateError, OSError, UnicodeDecodeError) as exc:
        print(f"extractor: {exc}", file=sys.stderr)
        return 2
    facts = state.facts()
    sizes = state.cluster_sizes()
    rows = state.citation_rows()
    print(f"extractor: {stats.line()}", file=sys.stderr)
    print(f"extractor: state {args.state}: {len(state.ids)} articles, {sum(1 for s in sizes.values() if s > 1)} "
          f"clusters with 2+ members, {len(facts)} facts ({len(conflicts(facts))} conflicts), {len(rows)} documents "
          f"({sum(r['date_conflict'] for r in rows)} rows with conflicting dates)", file=sys.stderr)
    for a, b in conflicts(facts):
        print(describe_conflict(a, b))
    for r in rows:
        if r["date_conflict"]:
            print(f"date conflict: {r['symbol']} ({r['scope'] or 'central'}) issued {r['issued']} "
                  f"[{', '.join(r['article_ids'])}] vs {', '.join(r['other_issued'])}")
    if args.to:
        from .tables import export_corpus_tables

        try:
            counts = export_corpus_tables(state, args.to, args.format)
        except (ValueError, ImportError, OSError) as exc:
            print(f"extractor: {exc}", file=sys.stderr)
            return 2
        print("extractor: " + ", ".join(f"{t} {n}" for t, n in counts.items()) + f" rows → {args.to}",
              file=sys.stderr)
    return 0


def add_series_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``extractor series``."""
    p.add_argument("inputs", nargs="+", help="a state folder (extractor dedup --state) or records JSONL files")
    p.add_argument("--place", required=True, help="place name (Bắc Kạn, huyện Na Rì) or statistics code (06)")
    p.add_argument("--level", choices=["province", "district", "commune", "village"], default=None,
                   help="level of the place when the name is ambiguous")
    p.add_argument("--era", choices=list(ERAS), default=None,
                   help="units of one era (codes and names recur across the 2025 reform: 24 is Bắc Giang "
                        "before, Bắc Ninh after), or 'mapped': a 2025 province with the pre-2025 provinces "
                        "merged into it, through the official mapping (needed when the place is ambiguous)")
    p.add_argument("--category", default="total", help="count category (default total)")
    p.add_argument("--unit", default=None, help="counted thing: 'mô hình' or 'điển hình' (default both)")
    p.add_argument("--field", default=None, help="field of a by_field count, level of a by_level count")
    p.add_argument("-o", "--output", default=None, help="chart file (.svg)")


def series_line(p: Point) -> str:
    """One printed line of a series point: period, value, articles, independent reports, id."""
    f = p.fact
    n_art = len({e["article_id"] for e in f.evidence})
    flag = f"  CONFLICT with {', '.join(f.conflict_with)}" if f.conflict_with else ""
    mapped = f"  MAPPED {'from ' if not p.mapped.startswith('sum') else ''}{p.mapped}" if p.mapped else ""
    return (f"{p.period:<12} {f.label():>16}  {n_art} article(s), {f.independent} independent  "
            f"[{f.fact_id}]{flag}{mapped}")


def run_series(args: argparse.Namespace) -> int:
    """``extractor series RECORDS_OR_STATE --place NAME_OR_CODE [--category total] [-o chart.svg]``.

    Prints one line per point (period, value, sources) and its evidence; writes the chart.

    Returns:
        0 on success (also when the series is empty), 2 on bad arguments or input.
    """
    from .chart import render_svg
    from .facts import TARGET_CATEGORIES
    from .series import build_series, find_places, mapped_series
    from .state import CorpusState, StateError

    if args.output and not args.output.lower().endswith(".svg"):
        print("extractor: the chart is written as SVG: give -o NAME.svg", file=sys.stderr)
        return 2
    try:
        if len(args.inputs) == 1 and Path(args.inputs[0]).is_dir():
            state = CorpusState.load(args.inputs[0])
        else:
            if missing_records(args.inputs, what="records file or state"):
                return 2
            state = CorpusState()
            state.add(read_records(args.inputs))
    except (StateError, OSError, UnicodeDecodeError) as exc:
        print(f"extractor: {exc}", file=sys.stderr)
        return 2
    facts = state.facts()
    places = find_places(facts, args.place, args.level, args.era)
    if not places:
        era = f" in era {args.era}" if args.era else ""
        print(f"extractor: no facts for place {args.place!r}{era}", file=sys.stderr)
        return 2
    if len(places) > 1:
        listed = "; ".join(p.label() for p in places.values())
        eras = len({p.era for p in places.values()}) > 1
        hint = ("give --era pre2025|2025, or --era mapped for the 2025 province with its predecessors"
                if eras and not args.era else "give --level or a code")
        print(f"extractor: {args.place!r} names several places: {listed}; {hint}", file=sys.stderr)
        return 2
    place = next(iter(places.values()))
    if args.era == "mapped":
        points = mapped_series(facts, place, args.category, args.unit, args.field)
    else:
        points = build_series(facts, place.key, args.category, args.unit, args.field)
    view = " — mapped: with the pre-2025 provinces merged into it" if args.era == "mapped" else ""
    what = "target (planned, not achieved)" if args.category in TARGET_CATEGORIES else args.category
    print(f"{place.label()} — {args.unit or 'mô hình/điển hình'}, {what}{view}: {len(points)} point(s)")
    for p in points:
        print(series_line(p))
        for e in p.fact.evidence:
            print(f"    {e['article_id']}  {e['outlet'] or '-'}  {e['published'] or '-'}  "
                  f"[{e['span'][0]}:{e['span'][1]}] {e['text']!r}")
    name = place.name
    if args.output:
        sub = f"{args.category}; {len(points)} điểm từ {len({e['article_id'] for p in points for e in p.fact.evidence})}" \
              " bài báo; chấm rỗng: giá trị ước lượng; đỏ: số liệu mâu thuẫn" \
              + ("; ô vuông xám: số của một tỉnh cũ (trước 2025)" if args.era == "mapped" else "")
        Path(args.output).write_text(render_svg(points, f"Mô hình “Dân vận khéo” — {name}", sub), encoding="utf-8")
        print(f"extractor: chart → {args.output}", file=sys.stderr)
    return 0
