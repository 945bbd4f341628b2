"""The local worker pool: articles in input order on N processes, no article lost.

Workers are forked after the rule tables are loaded; each takes batches of articles from its
queue and sends back one ``(seq, ok, line)`` per article, so the pool always knows which
article a worker holds. A dead worker is replaced and its articles redone; a hung one killed.
"""
from __future__ import annotations

import collections
import itertools
import logging
import multiprocessing
import os
import queue
import signal
import time
from collections.abc import Iterable, Iterator, Sequence
from multiprocessing.connection import wait

from ..io.ingest import IngestError, RawArticle
from ..pipeline import preload
from ..record import ErrorRecord, Source
from ..settings import Settings
from .article import process_to_json, timeout_record

log = logging.getLogger("extractor.api")


#: Articles per task sent to a worker: large enough that inter-process traffic is small
#: next to the work (a seed article takes ~10 ms), small enough to balance two workers.
BATCH_SIZE = 8
#: Tasks in flight per worker: a worker never holds more than ``IN_FLIGHT × BATCH_SIZE``
#: articles, so memory stays flat whatever the corpus size, while every worker always has
#: the next task queued (no idle gaps).
IN_FLIGHT = 4
#: Finished lines the pool may keep while an older article is still being extracted (the
#: reorder buffer, a few MB). Output is in input order, so one long article holds the
#: output back, but not the other workers: they go on up to this many articles ahead
#: (with the buffer only as large as the workers' queues, they stood idle behind it).
REORDER_LIMIT = 1024
#: How often the pool looks at its workers when no result comes (seconds): a dead worker
#: wakes the pool at once (its sentinel); this only paces the check for a hung one.
_TICK = 0.5
#: After a result arrives the pool waits this long before reading (seconds), so that it
#: wakes once for many articles instead of once per article: on a machine with as many
#: cores as workers, every wake-up of the parent takes a core from a worker. A worker holds
#: ``IN_FLIGHT × BATCH_SIZE`` articles (~0.2 s of work), so it never runs dry meanwhile.
COALESCE = 0.02


def _worker_main(tasks, results, fields: tuple[str, ...] | None, settings: Settings) -> None:
    """A worker process: batches of ``(seq, raw)`` in, one ``(seq, ok, line)`` out per article."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    parent = os.getppid()
    _die_with_parent(parent)
    while True:
        try:
            batch = tasks.get(timeout=1.0)
        except queue.Empty:
            if os.getppid() != parent:  # the parent was killed: do not linger
                return
            continue
        if batch is None:
            return
        for seq, raw in batch:
            ok, line = process_to_json((raw, fields, settings))
            try:
                results.send((seq, ok, line))
            except (BrokenPipeError, EOFError, OSError):  # the parent is gone: nobody to tell
                return


def _die_with_parent(parent: int) -> None:
    """On Linux, the kernel kills this worker when the parent dies (a SIGKILLed run leaves no
    orphan busy on its batch: a sibling's inherited pipe end would keep it writing)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the idle check in _worker_main remains
        return
    if os.getppid() != parent:  # the parent died before the call
        os._exit(0)


class _Worker:
    """One worker process, its task queue, its result pipe and the articles it holds."""

    def __init__(self, ctx, fields: tuple[str, ...] | None, settings: Settings):
        self.tasks = ctx.Queue()
        self.reader, writer = ctx.Pipe(duplex=False)
        self.proc = ctx.Process(target=_worker_main, args=(self.tasks, writer, fields, settings), daemon=True)
        self.proc.start()
        writer.close()  # the worker holds the only writer: its death is an EOF here
        self.held: collections.deque = collections.deque()  # (seq, raw), in the worker's order
        self.since = time.monotonic()  # last sign of progress

    def assign(self, batch: list[tuple[int, RawArticle | IngestError]]) -> None:
        if not self.held:
            self.since = time.monotonic()
        self.held.extend(batch)
        self.tasks.put(batch)

    def drain(self, out: dict[int, tuple[bool, str]]) -> bool:
        """Move finished results into ``out``; False once the worker is gone."""
        try:
            while self.reader.poll():
                seq, ok, line = self.reader.recv()
                head, _ = self.held.popleft()
                assert head == seq, (head, seq)
                out[seq] = (ok, line)
                self.since = time.monotonic()
        except (EOFError, OSError):
            return False
        return self.proc.is_alive()

    def stop(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.reader.close()
        self.tasks.close()
        self.tasks.cancel_join_thread()


def pool_stream(items: Iterable[RawArticle | IngestError], workers: int, fields_t: tuple[str, ...] | None,
                 settings: Settings) -> Iterator[tuple[bool, str]]:
    """The worker pool of :func:`process_json_stream`.

    Each worker reports every article as it finishes, so the pool knows which article a
    worker holds. A worker that dies (killed, out of memory) is seen at once by its process
    sentinel: it is replaced and its articles go to the new worker; the article it died on
    is tried once more, then becomes a retryable error line (``stage: "worker"``). A worker
    stuck past the time bound plus ``worker_grace_seconds`` (a long C call the watchdog
    cannot interrupt) is killed and its article becomes a ``timeout`` error line.
    """
    ctx = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    bound = settings.article_timeout_seconds
    hard = bound + settings.worker_grace_seconds if bound > 0 else None
    per_worker = IN_FLIGHT * BATCH_SIZE
    slots = [_Worker(ctx, fields_t, settings) for _ in range(workers)]
    done: dict[int, tuple[bool, str]] = {}
    tries: collections.Counter = collections.Counter()
    it = iter(items)
    taken = emitted = 0
    exhausted = False
    try:
        while True:
            while not exhausted and taken - emitted < REORDER_LIMIT:
                w = min(slots, key=lambda w: len(w.held))
                if len(w.held) >= per_worker:
                    break
                batch = [(taken + k, raw) for k, raw in enumerate(itertools.islice(it, BATCH_SIZE))]
                if not batch:
                    exhausted = True
                    break
                taken += len(batch)
                w.assign(batch)
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1
            if exhausted and emitted == taken:
                return
            ready = wait([w.reader for w in slots] + [w.proc.sentinel for w in slots], timeout=_TICK)
            if ready and not any(w.proc.sentinel in ready for w in slots):
                time.sleep(COALESCE)  # let results gather: one wake-up per many articles, not per article
            for i, w in enumerate(slots):
                alive = w.drain(done)
                hung = alive and hard is not None and w.held and time.monotonic() - w.since > hard
                if alive and not hung:
                    continue
                slots[i] = _replace(ctx, w, hung, done, tries, fields_t, settings)
    finally:
        for w in slots:
            w.stop()


def _replace(ctx, w: _Worker, hung: bool, done: dict[int, tuple[bool, str]], tries: collections.Counter,
             fields_t: tuple[str, ...] | None, settings: Settings) -> _Worker:
    """A new worker for a dead or hung one; the article it was on is retried once or given up."""
    code = w.proc.exitcode
    w.stop()
    held = list(w.held)
    if held:
        seq, raw = held[0]
        tries[seq] += 1
        if hung:
            log.error("a worker was stuck on %s past the time bound; killed it", raw.id)
            done[seq] = (False, timeout_record(raw, settings).model_dump_json())
            held = held[1:]
        elif tries[seq] >= 2:
            log.error("a worker died twice on %s (exit code %s); giving it up", raw.id, code)
            rec = ErrorRecord(id=raw.id, source=Source(path=raw.path, url=getattr(raw, "url", None)),
                              stage="worker", error="WorkerDied", retryable=True,
                              message=f"the worker process died on this article twice (exit code {code})")
            done[seq] = (False, rec.model_dump_json())
            held = held[1:]
        else:
            log.warning("a worker died (exit code %s) holding %d articles; redoing them", code, len(held))
    fresh = _Worker(ctx, fields_t, settings)
    for k in range(0, len(held), BATCH_SIZE):
        fresh.assign(held[k:k + BATCH_SIZE])
    return fresh


def process_json_stream(items: Iterable[RawArticle | IngestError], workers: int = 1,
                        fields: Sequence[str] | None = None, settings: Settings | None = None,
                        ) -> Iterator[tuple[bool, str]]:
    """Records as JSON lines ``(is_record, line)``, in input order, on ``workers`` processes.

    Streaming: a bounded number of articles is in flight; results come out in input order
    as soon as the oldest is done. Every pattern file is loaded and checked before the
    first article (a broken one raises :class:`~extractor.patterns.PatternError`).
    """
    settings = settings or Settings()
    preload()
    fields_t = tuple(fields) if fields else None
    if workers <= 1:
        for raw in items:
            yield process_to_json((raw, fields_t, settings))
        return
    yield from pool_stream(items, workers, fields_t, settings)
