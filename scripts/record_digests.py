"""Per-record SHA-256 digests of the pipeline's JSON lines, for tests/test_same_output.py.

A speed change must not change any record (issue 24). This script extracts three input
sets and writes, per set, one ``id<TAB>sha256`` line per record to
``tests/data/same_output/<set>.tsv``:

- ``corpus``: the sample corpus (``corpus/``, as ``extractor extract corpus/`` reads it);
- ``dev``: ``../shared/dev/passages.jsonl``;
- ``bulk``: every 19th article of ``../shared/bulk/articles.jsonl.gz`` (3,000 articles
  spread over its three sources).

Rerun it (``python scripts/record_digests.py``) after a change that is *meant* to change
records; the test then checks that nothing else moved. ``--check`` compares instead of
writing and prints the ids whose record changed. ``--dump DIR`` also writes the records
themselves (``DIR/<set>.jsonl``), to diff two runs.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import itertools
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUT = ROOT / "tests" / "data" / "same_output"
BULK_STEP = 19
BULK_N = 3000
SETS = ("corpus", "dev", "bulk")


def _bulk_items() -> Iterator[object]:
    from extractor.io.ingest import from_item

    with gzip.open(SHARED / "bulk" / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        every = itertools.islice(fh, 0, None, BULK_STEP)
        for i, line in enumerate(itertools.islice(every, BULK_N)):
            yield from_item(json.loads(line), i)


def source_path(name: str) -> Path:
    """The input a set reads (absent when ../shared is not there)."""
    return {"corpus": ROOT / "corpus", "dev": SHARED / "dev" / "passages.jsonl",
            "bulk": SHARED / "bulk" / "articles.jsonl.gz"}[name]


def _items(name: str) -> Iterator[object]:
    from extractor.io.ingest import read_inputs

    if name == "bulk":
        return _bulk_items()
    # Relative paths, so ``source.path`` in the records is the same wherever the tree is.
    rel = {"corpus": "corpus", "dev": "../shared/dev/passages.jsonl"}[name]
    return read_inputs([rel])


def records(name: str) -> Iterator[tuple[str, str]]:
    """(id, JSON line) of every record of one set, as ``extractor extract`` writes them."""
    from extractor.api import process
    from extractor.settings import Settings

    # No "slow stage" warning: its firing depends on the machine's load, not on the code.
    settings = Settings(slow_stage_seconds=float("inf"))
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        for raw in _items(name):
            rec = process(raw, settings=settings)
            yield rec.id, rec.model_dump_json()
    finally:
        os.chdir(cwd)


def digests(name: str, dump: Path | None = None) -> list[tuple[str, str]]:
    out = []
    fh = open(dump / f"{name}.jsonl", "w", encoding="utf-8") if dump else None
    try:
        for rid, line in records(name):
            out.append((rid, hashlib.sha256(line.encode("utf-8")).hexdigest()))
            if fh:
                fh.write(line + "\n")
    finally:
        if fh:
            fh.close()
    return out


def read_expected(name: str) -> list[tuple[str, str]]:
    lines = (OUT / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(x.split("\t")) for x in lines]  # type: ignore[misc]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", help="some of corpus, dev, bulk (default: all)")
    ap.add_argument("--check", action="store_true", help="compare with the stored digests")
    ap.add_argument("--dump", type=Path, help="also write the records to DIR/<set>.jsonl")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    OUT.mkdir(parents=True, exist_ok=True)
    bad = 0
    for name in args.sets or SETS:
        if not source_path(name).exists():
            print(f"{name}: {source_path(name)} absent, skipped")
            continue
        got = digests(name, args.dump)
        if args.check:
            expected = read_expected(name)
            changed = [e[0] for e, g in zip(expected, got) if e != g]
            if len(expected) != len(got):
                changed.append(f"<{len(expected)} records expected, {len(got)} made>")
            bad += len(changed)
            print(f"{name}: {len(got)} records, {len(changed)} changed {changed[:20]}")
        else:
            (OUT / f"{name}.tsv").write_text("".join(f"{i}\t{d}\n" for i, d in got), encoding="utf-8")
            print(f"{name}: {len(got)} digests written")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
