"""The ``extractor`` command: a thin layer over :mod:`extractor.api`.

    extractor extract INPUT... [-o OUT.jsonl] [--errors ERRORS.jsonl] [--workers N] [--fields ...]
    extractor eval --gold DIR [--input PATH...] [--errors]
    extractor export RECORDS... --to dataset.duckdb | --to DIR --format parquet [--append|--replace] [--dedup STATE]
    extractor check RECORDS... --registry FILE... [--json|--csv|--html OUT] [--strict]
    extractor review RECORDS... -o report.html [--per-page N]
    extractor dedup RECORDS... --state DIR [--threshold T] [--to DATASET]
    extractor series RECORDS_OR_STATE... --place NAME_OR_CODE [--era pre2025|2025|mapped] [-o chart.svg]
    extractor bench [--bulk N]
    extractor schema

Exit codes of ``extract``: 0 every article has a record; 1 some articles failed (their
error lines say why; after --resume, earlier runs' error lines count too); 3 some failures
are retryable (time bound, dead worker: run again with --resume); 2 bad arguments, an
output that is also an input, or a broken pattern file (before anything is written);
130 interrupted (finished lines are kept: resume with --resume).
"""
from __future__ import annotations

import argparse
import codecs
import importlib.util
import json
import logging
import os
import sys
import tempfile
from pathlib import Path

from .api import process_json_stream
from .io.ingest import expand_inputs, read_file, read_inputs
from .patterns import PatternError
from .record import json_schema
from .run.batch import run_batch
from .run.resume import same_file
from .settings import FIELDS

log = logging.getLogger("extractor")


def _own_files(args: argparse.Namespace) -> tuple[list[str], str | None]:
    """The run's own outputs (never read as input), and a usage error if they clash."""
    own = [p for p in (args.output, args.errors) if p and p != "-"]
    if same_file(args.output, args.errors):
        return own, f"-o and --errors name the same file ({args.output}): give each its own"
    for item in args.inputs:
        if Path(item).is_file() and any(same_file(item, o) for o in own):
            return own, f"input {item} is also an output of this run: it would be overwritten"
    return own, None


def _is_own(path: str, own: list[str], split_dir: str | None) -> bool:
    if path == "-":
        return False
    if any(same_file(path, o) for o in own):
        return True
    if split_dir:
        folder = os.path.realpath(split_dir)
        return os.path.realpath(path).startswith(folder + os.sep)
    return False


def _cmd_extract(args: argparse.Namespace) -> int:
    own, clash = _own_files(args)
    if clash:
        print(f"extractor: {clash}", file=sys.stderr)
        return 2
    try:
        found = list(expand_inputs(args.inputs))  # names only: a usage error is said at once
    except FileNotFoundError as exc:
        print(f"extractor: {exc}", file=sys.stderr)
        return 2
    if args.encoding:
        try:
            codecs.lookup(args.encoding)
        except LookupError:
            print(f"extractor: unknown encoding {args.encoding!r}", file=sys.stderr)
            return 2
    # a folder that holds the run's own -o/--errors/--split-dir: those files are no input
    paths = [p for p in found if not _is_own(p, own, args.split_dir)]
    if len(paths) < len(found):
        log.info("not reading %d file(s) this run writes", len(found) - len(paths))
    items = (item for path in paths for item in read_file(path, encoding=args.encoding))
    fields = args.fields.split(",") if args.fields else None
    if fields:
        unknown = set(fields) - set(FIELDS)
        if unknown:
            print(f"extractor: unknown field(s) {', '.join(sorted(unknown))}; known: {', '.join(FIELDS)}",
                  file=sys.stderr)
            return 2
    try:
        summary = run_batch(items, args.output, errors=args.errors, workers=args.workers, fields=fields,
                            resume=args.resume, progress=args.progress, engine=args.engine,
                            scheduler=args.scheduler, split_dir=args.split_dir)
    except OSError as exc:
        print(f"extractor: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(summary.line(), file=sys.stderr)
    return summary.exit_code()


def _find_scorer(gold: Path, given: Path | None) -> Path | None:
    if given:
        return given if given.is_file() else None
    for base in (gold, *gold.resolve().parents):
        cand = base / "eval" / "score.py"
        if cand.is_file():
            return cand
    return None


def _default_inputs(gold: Path) -> list[str]:
    """Where the gold's articles are: ``seeds/`` or ``passages.jsonl`` next to the gold folder."""
    parent = gold.resolve().parent
    found = [p for p in (parent / "seeds", parent / "passages.jsonl") if p.exists()]
    return [str(p) for p in found]


def _cmd_eval(args: argparse.Namespace) -> int:
    gold = Path(args.gold)
    if not gold.is_dir():
        print(f"extractor: gold folder not found: {gold}", file=sys.stderr)
        return 2
    scorer = _find_scorer(gold, Path(args.scorer) if args.scorer else None)
    if scorer is None:
        print("extractor: cannot find the scorer (eval/score.py beside the gold); pass --scorer", file=sys.stderr)
        return 2
    inputs = args.input or _default_inputs(gold)
    if not inputs:
        print("extractor: no articles for this gold; pass --input", file=sys.stderr)
        return 2
    gold_ids = {p.stem for p in gold.glob("*.json")}
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        with open(pred, "w", encoding="utf-8") as fh:
            for ok, line in process_json_stream(read_inputs(inputs), workers=args.workers):
                if ok and json.loads(line)["id"] in gold_ids:
                    fh.write(line + "\n")
        spec = importlib.util.spec_from_file_location("_extractor_score", scorer)
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        assert spec and spec.loader
        spec.loader.exec_module(module)
        argv = ["--gold", str(gold), "--pred", str(pred)]
        if args.errors:
            argv.append("--errors")
        if args.json:
            argv += ["--json", args.json]
        return int(module.main(argv) or 0)


def _cmd_export(args: argparse.Namespace) -> int:
    from .research.dataset import export_items
    from .research.records import missing_records, read_numbered

    if missing_records(args.records):
        return 2
    existing = "append" if args.append else "replace" if args.replace else "refuse"
    try:
        counts = export_items(read_numbered(args.records), args.to, fmt=args.format, existing=existing)
    except (ValueError, ImportError, OSError) as exc:  # DatasetExists too: nothing was written
        print(f"extractor: {exc}", file=sys.stderr)
        return 2
    issues = counts.pop("export_issues", 0)
    print("extractor: " + ", ".join(f"{t} {n}" for t, n in counts.items()) + f" rows → {args.to}"
          + (f"; {issues} record(s) kept apart or left out (table export_issues)" if issues else ""),
          file=sys.stderr)
    if args.dedup:
        from .research.dedup import command as dedup

        return dedup.run_dedup(argparse.Namespace(records=args.records, state=args.dedup, threshold=None,
                                                  to=args.to, format=args.format))
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    """Run ``scripts/bench.py`` of the source checkout (the benchmark is not part of the package)."""
    script = Path(__file__).resolve().parent.parent / "scripts" / "bench.py"
    if not script.is_file():
        print(f"extractor: the benchmark runs from a source checkout ({script} not found)", file=sys.stderr)
        return 2
    spec = importlib.util.spec_from_file_location("_extractor_bench", script)
    bench = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    assert spec and spec.loader
    spec.loader.exec_module(bench)
    argv = ["--bulk", str(args.bulk), "--ner-articles", str(args.ner_articles)]
    if args.json:
        argv += ["--json", args.json]
    return int(bench.main(argv))


def _cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="extractor", description="Vietnamese press articles → structured records.")
    p.add_argument("-v", "--verbose", action="store_true", help="log progress and stage details")
    sub = p.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract records from files, folders, globs or - (stdin)")
    ex.add_argument("inputs", nargs="+", help="text/HTML/JSONL files (.gz too), folders, globs, or -")
    ex.add_argument("-o", "--output", default="-", help="output JSONL (default: stdout)")
    ex.add_argument("--errors", default=None, help="dead-letter JSONL for articles that failed (default: stderr)")
    ex.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="worker processes (default: all cores)")
    ex.add_argument("--resume", action="store_true",
                    help="skip ids already in the output/--errors files and append to them")
    ex.add_argument("--split-dir", default=None,
                    help="also write each record as DIR/<id>.json (ids made safe as file names)")
    ex.add_argument("--engine", choices=["local", "dask"], default="local",
                    help="local processes, or Dask (a local cluster, or --scheduler)")
    ex.add_argument("--scheduler", default=None, help="Dask scheduler address (tcp://host:8786)")
    ex.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                    help="progress bar on stderr (default: when stderr is a terminal)")
    ex.add_argument("--fields", default=None, help=f"comma-separated subset of: {','.join(FIELDS)}")
    ex.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    ex.add_argument("--encoding", default=None,
                    help="codec of inputs without a BOM (e.g. cp1258); default UTF-8, or a page's <meta charset>")
    ex.set_defaults(func=_cmd_extract)

    ev = sub.add_parser("eval", help="extract the gold's articles and score them (rules of score.py)")
    ev.add_argument("--gold", required=True, help="folder of gold <id>.json files")
    ev.add_argument("--input", nargs="*", help="the articles (default: seeds/ or passages.jsonl beside the gold)")
    ev.add_argument("--scorer", default=None, help="path of score.py (default: eval/score.py found above the gold)")
    ev.add_argument("--errors", action="store_true", help="list every miss and spurious item")
    ev.add_argument("--json", default=None, help="write the summary as JSON here")
    ev.add_argument("--workers", type=int, default=1)
    ev.set_defaults(func=_cmd_eval)

    xp = sub.add_parser("export", help="records → flat tables in DuckDB or Parquet")
    xp.add_argument("records", nargs="+", help="record JSONL files (from extract)")
    xp.add_argument("--to", required=True, help="a .duckdb file, or a folder for --format parquet")
    xp.add_argument("--format", choices=["duckdb", "parquet"], default=None,
                    help="default: duckdb for *.duckdb, else parquet")
    xg = xp.add_mutually_exclusive_group()
    xg.add_argument("--append", action="store_true",
                    help="add the records to the article tables already in the .duckdb file")
    xg.add_argument("--replace", action="store_true",
                    help="rewrite the article tables already there (default: refuse, nothing written)")
    xp.add_argument("--dedup", default=None, metavar="STATE",
                    help="also build/update the corpus state STATE from the same records and write its "
                         "tables (clusters, facts, citations) into the same dataset: the whole dataset "
                         "in one command")
    xp.set_defaults(func=_cmd_export)

    be = sub.add_parser("bench", help="throughput and memory against underthesea on the same texts")
    be.add_argument("--bulk", type=int, default=300, help="articles sampled from ../shared/bulk (0: corpus only)")
    be.add_argument("--ner-articles", type=int, default=30, help="articles for underthesea's ner")
    be.add_argument("--json", default=None, help="write the figures here")
    be.set_defaults(func=_cmd_bench)

    from .research.check import command as check
    from .research.review import command as review

    ck = sub.add_parser("check", help="check reported counts and documents against official registers")
    check.add_arguments(ck)
    ck.set_defaults(func=check.run)

    rv = sub.add_parser("review", help="records → self-contained HTML review report (overview + pages)")
    review.add_arguments(rv)
    rv.set_defaults(func=review.run)

    from .research.dedup import command as dedup  # numpy and the state: imported when dedup runs

    what = "cluster near-duplicates, merge repeated facts and citations into a corpus state"
    dd = sub.add_parser("dedup", help=what, description=what)
    dedup.add_dedup_arguments(dd)
    dd.set_defaults(func=dedup.run_dedup)
    what = "model counts of one unit over time from the merged facts, with a chart"
    se = sub.add_parser("series", help=what, description=what)
    dedup.add_series_arguments(se)
    se.set_defaults(func=dedup.run_series)

    sc = sub.add_parser("schema", help="print the JSON Schema of the record")
    sc.set_defaults(func=_cmd_schema)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if getattr(args, "workers", 1) < 1:
        parser.error("--workers must be at least 1")
    try:
        return args.func(args)
    except PatternError as exc:  # a broken rule file: nothing was extracted, nothing written
        print(f"extractor: broken pattern file: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("extractor: interrupted: finished lines are kept; resume with --resume", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
