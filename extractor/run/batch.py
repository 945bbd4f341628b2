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
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..io.ingest import IngestError, RawArticle
from ..io.sinks import DirectorySink, JsonlSink
from ..pipeline import preload
from ..settings import Settings
from .dask_engine import dask_json_stream
from .pool import process_json_stream
from .progress import progress_bar
from .resume import same_file, scan_ids, unique_ids


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
        skip, _ = scan_ids(output, drop_retryable=False)
        failed_before, _ = scan_ids(errors, drop_retryable=True)
        skip |= failed_before

    def todo() -> Iterator[RawArticle | IngestError]:
        for item in unique_ids(items, summary.renamed):
            if item.id in skip:
                summary.skipped += 1
                summary.skipped_errors += item.id in failed_before
                continue
            yield item

    show = sys.stderr.isatty() if progress is None else progress
    bar = progress_bar(None, show)
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
