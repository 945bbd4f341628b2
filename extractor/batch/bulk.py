"""Whole-corpus extraction: streaming, parallel, resumable; no article lost.

Every input article yields exactly one line: a record in the output or an error line in
the dead-letter file. Lines are written whole and flushed by chunk, so a run killed at any
moment leaves complete lines only (a torn last line, which only a killed *writer* can
leave, is cut off when the run is resumed). ``resume=True`` skips the ids already in the
output or the error file and appends, so kill-and-resume gives the same set of lines as
one clean run, with no duplicate.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..api import BATCH_SIZE, IN_FLIGHT, process_json_stream, process_to_json
from ..io.ingest import IngestError, RawArticle
from ..io.sinks import DirectorySink, JsonlSink
from ..settings import Settings


@dataclass
class BatchSummary:
    articles: int = 0
    records: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        return (f"extractor: {self.articles} articles, {self.records} records, {self.errors} errors"
                f"{f', {self.skipped} skipped (already done)' if self.skipped else ''}"
                f" in {self.seconds:.1f} s ({rate:.1f} articles/s)")


def _repair_tail(path: Path) -> None:
    """Cut a torn last line (no final newline) off a JSONL file before appending to it."""
    if not path.is_file() or path.stat().st_size == 0:
        return
    with open(path, "rb+") as fh:
        fh.seek(-1, os.SEEK_END)
        if fh.read(1) == b"\n":
            return
        fh.seek(0)
        cut = fh.read().rfind(b"\n") + 1
        fh.truncate(cut)


def done_ids(*paths: str | None) -> set[str]:
    """Ids already written to JSONL outputs (records or error lines)."""
    ids: set[str] = set()
    for p in paths:
        if not p or p == "-" or not Path(p).is_file():
            continue
        _repair_tail(Path(p))
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                try:
                    ids.add(str(json.loads(line)["id"]))
                except (ValueError, KeyError, TypeError):
                    continue
    return ids


def _progress(total: int | None, enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="art", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)


def dask_json_stream(items: Iterable[RawArticle | IngestError], workers: int = 1,
                     fields: list[str] | None = None, settings: Settings | None = None,
                     scheduler: str | None = None) -> Iterator[tuple[bool, str]]:
    """:func:`~extractor.api.process_json_stream` on a Dask cluster, same records, same order.

    ``scheduler`` is the address of a running scheduler (``tcp://host:8786``, started by
    hand or by dask-jobqueue); without it a LocalCluster of ``workers`` processes is
    started. Articles are submitted a window at a time and gathered in input order.
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover
        raise ImportError("--engine dask needs Dask: pip install 'extractor[dask]'") from exc
    import itertools

    settings = settings or Settings()
    fields_t = tuple(fields) if fields else None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        it = iter(items)
        while True:
            window = list(itertools.islice(it, n_workers * IN_FLIGHT * BATCH_SIZE))
            if not window:
                break
            futures = client.map(process_to_json, [(raw, fields_t, settings) for raw in window], pure=False)
            for fut in futures:
                yield fut.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_batch(items: Iterable[RawArticle | IngestError], output: str, errors: str | None = None,
              workers: int = 1, fields: list[str] | None = None, resume: bool = False,
              progress: bool | None = None, settings: Settings | None = None,
              engine: str = "local", scheduler: str | None = None, split_dir: str | None = None) -> BatchSummary:
    """Extract a stream of ingested articles into ``output`` (JSONL; ``-`` = stdout).

    Args:
        items: ingested articles and ingest errors, in input order.
        output: where records go; errors: where error lines go (None = stderr).
        workers: processes; fields: a subset of the record fields.
        resume: skip ids already in ``output``/``errors`` and append to them.
        progress: a progress bar on stderr (default: only when stderr is a terminal).
        engine: ``local`` (multiprocessing) or ``dask`` (``scheduler`` address, or a local cluster).
        split_dir: also write each record to ``split_dir/<safe id>.json``.
    """
    summary = BatchSummary()
    started = time.perf_counter()
    skip: set[str] = done_ids(output, errors) if resume else set()

    def todo() -> Iterator[RawArticle | IngestError]:
        for item in items:
            if item.id in skip:
                summary.skipped += 1
                continue
            yield item

    show = sys.stderr.isatty() if progress is None else progress
    bar = _progress(None, show)
    try:
        with JsonlSink(output, append=resume) as out, JsonlSink(errors, stderr_fallback=True, append=resume) as err, \
                (DirectorySink(split_dir) if split_dir else contextlib.nullcontext()) as split:
            if engine == "dask":
                stream = dask_json_stream(todo(), workers=workers, fields=fields, settings=settings,
                                          scheduler=scheduler)
            elif engine == "local":
                stream = process_json_stream(todo(), workers=workers, fields=fields, settings=settings)
            else:
                raise ValueError(f"unknown engine {engine!r}: local or dask")
            for ok, line in stream:
                summary.articles += 1
                if ok:
                    out.write(line)
                    if split is not None:
                        split.write(line)
                    summary.records += 1
                else:
                    err.write(line)
                    summary.errors += 1
                if bar is not None:
                    bar.update(1)
    finally:
        if bar is not None:
            bar.close()
        summary.seconds = time.perf_counter() - started
    return summary
