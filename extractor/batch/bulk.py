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
import dataclasses
import json
import logging
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..api import BATCH_SIZE, IN_FLIGHT, process_json_stream, process_to_json
from ..io.ingest import IngestError, RawArticle
from ..io.sinks import DirectorySink, JsonlSink
from ..pipeline import preload
from ..settings import Settings


@dataclass
class BatchSummary:
    articles: int = 0
    records: int = 0
    errors: int = 0
    #: of ``errors``, those of the environment (time bound, dead worker, memory): --resume redoes them
    retryable: int = 0
    skipped: int = 0
    #: of ``skipped``, articles whose (permanent) error line an earlier run wrote
    skipped_errors: int = 0
    #: duplicate ids made unique, ``(given, given#n)``, in input order
    renamed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        """Articles of the whole output (this run and, after --resume, earlier ones) that failed."""
        return self.errors + self.skipped_errors

    def exit_code(self) -> int:
        """0 every article has a record; 3 some failures are retryable (run again with
        --resume); 1 some articles failed for good (their error lines say why)."""
        if self.retryable:
            return 3
        return 1 if self.failed else 0

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        parts = [f"extractor: {self.articles} articles, {self.records} records, {self.errors} errors"]
        if self.retryable:
            parts.append(f"{self.retryable} retryable (run again with --resume)")
        if self.skipped:
            parts.append(f"{self.skipped} skipped (already done"
                         f"{f', {self.skipped_errors} of them errors' if self.skipped_errors else ''})")
        if self.renamed:
            shown = ", ".join(f"{a} → {b}" for a, b in self.renamed[:3])
            parts.append(f"{len(self.renamed)} duplicate ids made unique ({shown}{', …' if len(self.renamed) > 3 else ''})")
        return ", ".join(parts) + f" in {self.seconds:.1f} s ({rate:.1f} articles/s)"


def _repair_tail(path: Path) -> None:
    """Cut a torn last line (no final newline) off a JSONL file before appending to it.

    Reads backwards from the end a block at a time: memory does not grow with the file.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return
    with open(path, "rb+") as fh:
        end = fh.seek(0, os.SEEK_END)
        fh.seek(end - 1)
        if fh.read(1) == b"\n":
            return
        pos = end
        while pos > 0:
            step = min(_BLOCK, pos)
            pos -= step
            fh.seek(pos)
            nl = fh.read(step).rfind(b"\n")
            if nl >= 0:
                fh.truncate(pos + nl + 1)
                return
        fh.truncate(0)


_BLOCK = 1 << 16
#: The id of a record line as the pipeline writes it, read without parsing the whole line.
_RECORD_ID = re.compile(rb'^\{(?:"schema_version":"[^"\\]*",)?"id":("(?:[^"\\]|\\.)*")')


def _line_id(line: bytes) -> tuple[str, bool] | None:
    """``(id, retryable)`` of one output or error line; None for a line that is neither."""
    m = _RECORD_ID.match(line)
    if m and b'"stage":' not in line[:4096]:
        return str(json.loads(m.group(1))), False
    try:
        rec = json.loads(line)
        return str(rec["id"]), bool(rec.get("retryable", False))
    except (ValueError, KeyError, TypeError):
        return None


def _scan(path: str | None, drop_retryable: bool) -> tuple[set[str], int]:
    """Ids a JSONL output holds for good (streamed; retryable error lines do not count).

    With ``drop_retryable`` the retryable error lines are taken out of the file (rewritten
    beside it and renamed over it), so that --resume redoes those articles and leaves one
    line each.
    """
    ids: set[str] = set()
    dropped = 0
    if not path or path == "-" or not Path(path).is_file():
        return ids, dropped
    _repair_tail(Path(path))
    tmp = Path(f"{path}.resume-tmp") if drop_retryable else None
    with open(path, "rb") as fh, (open(tmp, "wb") if tmp else contextlib.nullcontext()) as keep:
        for line in fh:
            got = _line_id(line)
            if got is not None and got[1]:  # retryable: not done
                if drop_retryable:
                    dropped += 1
                    continue
            elif got is not None:
                ids.add(got[0])
            if keep is not None:
                keep.write(line)
    if tmp is not None:
        if dropped:
            os.replace(tmp, path)
        else:
            tmp.unlink()
    return ids, dropped


def done_ids(*paths: str | None) -> set[str]:
    """Ids already written to JSONL outputs (records or error lines), retryable errors excepted."""
    ids: set[str] = set()
    for p in paths:
        ids |= _scan(p, drop_retryable=False)[0]
    return ids


def unique_ids(items: Iterable[RawArticle | IngestError], renamed: list[tuple[str, str]]
               ) -> Iterator[RawArticle | IngestError]:
    """The items with ids unique within the run: a repeated id ``x`` becomes ``x#2``, ``x#3``…

    Deterministic (input order decides), so a --resume of the same inputs makes the same
    ids and skips exactly what was done. Every renaming is appended to ``renamed``.
    """
    seen: set[str] = set()
    for item in items:
        new = item.id
        n = 1
        while new in seen:
            n += 1
            new = f"{item.id}#{n}"
        seen.add(new)
        if new != item.id:
            renamed.append((item.id, new))
            item = dataclasses.replace(item, id=new)
        yield item


def same_file(a: str | None, b: str | None) -> bool:
    """Two output/input names that are one file (``-``/None are never a file)."""
    if not a or not b or a == "-" or b == "-":
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


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
    if same_file(output, errors):
        raise ValueError(f"--output and --errors are the same file ({output}): lines would tear")
    preload()  # a broken pattern file ends the run here, before any output is written
    summary = BatchSummary()
    started = time.perf_counter()
    skip: set[str] = set()
    failed_before: set[str] = set()
    if resume:
        skip, _ = _scan(output, drop_retryable=False)
        failed_before, _ = _scan(errors, drop_retryable=True)
        skip |= failed_before

    def todo() -> Iterator[RawArticle | IngestError]:
        for item in unique_ids(items, summary.renamed):
            if item.id in skip:
                summary.skipped += 1
                summary.skipped_errors += item.id in failed_before
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
                    summary.retryable += '"retryable":true' in line
                if bar is not None:
                    bar.update(1)
    finally:
        if bar is not None:
            bar.close()
        summary.seconds = time.perf_counter() - started
    return summary
