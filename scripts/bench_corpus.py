"""The whole bulk corpus through ``extractor extract --workers N``: wall seconds, articles/s,
peak RSS per worker (issue 24's "whole corpus in < 3 min on 2 workers, < 400 MB per worker").

    nice python scripts/bench_corpus.py [--workers 2] [--input ../shared/bulk/articles.jsonl.gz]
                                        [--limit N] [--json OUT]

The run is the CLI's own (``run_batch``, as ``extractor extract IN -o OUT --workers N``) in
this process, the records written to a temporary file that is deleted afterwards. A thread
reads the peak RSS (``VmHWM``) of every worker process from ``/proc`` twice a second, so each
worker's peak is its own (Linux only; elsewhere only the parent's figure is given). It takes
a few minutes on 2 cores: run it with ``nice`` on a shared machine, and say how loaded the
machine was (the load average is printed) when quoting the figure.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

BULK = Path(__file__).resolve().parents[2] / "shared" / "bulk" / "articles.jsonl.gz"


def children_peaks(parent: int) -> dict[int, float]:
    """Peak RSS in MB (``VmHWM``) of the live child processes of ``parent``, by pid."""
    peaks: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(parent) and "VmHWM" in fields:
            peaks[int(entry.name)] = int(fields["VmHWM"].split()[0]) / 1024.0
    return peaks


class PeakWatch(threading.Thread):
    """Polls the children's peak RSS until stopped; keeps the last figure seen per pid."""

    def __init__(self, every: float = 0.5):
        super().__init__(daemon=True)
        self.every = every
        self.peaks: dict[int, float] = {}
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.wait(self.every):
            for pid, mb in children_peaks(os.getpid()).items():
                self.peaks[pid] = max(mb, self.peaks.get(pid, 0.0))

    def stop(self) -> None:
        self._halt.set()
        self.join()


def _limited(items, limit: int | None):
    for k, item in enumerate(items):
        if limit is not None and k >= limit:
            return
        yield item


def run(path: Path, workers: int, limit: int | None = None) -> dict:
    from extractor.io.ingest import read_inputs
    from extractor.pipeline import preload
    from extractor.run.batch import run_batch

    preload()
    watch = PeakWatch()
    watch.start()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        summary = run_batch(_limited(read_inputs([str(path)]), limit), str(Path(tmp) / "records.jsonl"),
                            errors=str(Path(tmp) / "errors.jsonl"), workers=workers, progress=False)
        wall = time.perf_counter() - started
    watch.stop()
    parent = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"input": str(path), "workers": workers, "articles": summary.articles, "records": summary.records,
            "errors": summary.errors, "wall_seconds": round(wall, 2),
            "articles_per_s": round(summary.articles / wall, 1) if wall else 0.0,
            "parent_cpu_seconds": round(parent.ru_utime + parent.ru_stime, 2),
            "workers_cpu_seconds": round(kids.ru_utime + kids.ru_stime, 2),
            "parent_peak_rss_mb": round(parent.ru_maxrss / 1024.0, 1),
            "worker_peak_rss_mb": sorted(round(v, 1) for v in watch.peaks.values()),
            "load_average_before": [round(x, 2) for x in load],
            "load_average_after": [round(x, 2) for x in os.getloadavg()]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", default=str(BULK), help="JSONL(.gz) of articles (default: ../shared/bulk)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles (a quick look)")
    ap.add_argument("--json", default=None, help="write the figures here")
    a = ap.parse_args(argv)
    if not Path(a.input).is_file():
        print(f"bench_corpus: no input {a.input}", file=sys.stderr)
        return 2
    r = run(Path(a.input), a.workers, a.limit)
    print(f"{r['articles']:,} articles ({r['records']:,} records, {r['errors']} errors) on {r['workers']} workers: "
          f"{r['wall_seconds']:.1f} s wall, {r['articles_per_s']:.1f} articles/s")
    print(f"CPU: parent {r['parent_cpu_seconds']:.1f} s, workers {r['workers_cpu_seconds']:.1f} s; peak RSS: parent "
          f"{r['parent_peak_rss_mb']:.0f} MB, per worker {', '.join(f'{x:.0f}' for x in r['worker_peak_rss_mb'])} MB")
    print(f"load average before {r['load_average_before']}, after {r['load_average_after']}")
    if a.json:
        Path(a.json).write_text(json.dumps(r, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
