"""The library API: :func:`extract` for one article, :func:`extract_many` for a stream.

The CLI is a thin layer over these two functions.
"""
from __future__ import annotations

import collections
import itertools
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterable, Iterator, Sequence

from .io.ingest import IngestError, RawArticle, content_id, iter_item
from .pipeline import StageError, extract_article
from .record import Article, ErrorRecord, Source
from .settings import Settings

log = logging.getLogger(__name__)


class ExtractionError(ValueError):
    """An article that cannot be extracted at all (no text, undecodable input)."""


def extract(text: str | None = None, html: str | None = None, url: str | None = None,
            published: str | None = None, id: str | None = None, title: str | None = None,
            fields: Sequence[str] | None = None) -> Article:
    """Extract the record of one article given as plain text or as an HTML page.

    Args:
        text: the article text (title, header lines and body as scraped), or
        html: the page as scraped (main text, headline, date and URL are read from it).
        url, published, id, title: metadata where known; ``id`` defaults to a content hash.
        fields: restrict to some of ``localities, documents, counts, figures, officials,
            models`` (and what they need); None runs everything.

    Returns:
        The :class:`~extractor.record.Article` record.

    Raises:
        ExtractionError: when there is no usable text.

    >>> a = extract(text="Đến nay, toàn tỉnh có 2.011 mô hình “Dân vận khéo”.", published="2023-12-04")
    >>> a.text[:8]
    'Đến nay,'
    """
    if not (text and text.strip()) and not (html and html.strip()):
        raise ExtractionError("extract() needs a non-empty text or html")
    raw = RawArticle(id=id or content_id(text or html or ""), text=text, html=html, url=url,
                     published=published, title=title)
    try:
        return extract_article(raw, fields=fields)
    except StageError as exc:
        raise ExtractionError(str(exc)) from exc


def process(raw: RawArticle | IngestError, fields: Sequence[str] | None = None,
            settings: Settings | None = None) -> Article | ErrorRecord:
    """One ingested item to its record or its error record; never raises."""
    if isinstance(raw, IngestError):
        return ErrorRecord(id=raw.id, source=Source(path=raw.path), stage=raw.stage, error=raw.error,
                           message=raw.message)
    try:
        return extract_article(raw, settings=settings, fields=fields)
    except StageError as exc:
        return ErrorRecord(id=raw.id, source=Source(path=raw.path, url=raw.url), stage=exc.stage,
                           error="StageError", message=exc.message)
    except Exception as exc:  # last line of defence: an article is never lost
        log.exception("unexpected failure on %s", raw.id)
        return ErrorRecord(id=raw.id, source=Source(path=raw.path, url=raw.url), stage="pipeline",
                           error=type(exc).__name__, message=str(exc))


class ArticleTimeout(Exception):
    """An article ran past ``Settings.article_timeout_seconds``."""


def _on_alarm(signum, frame):  # pragma: no cover - exercised through process_bounded
    raise ArticleTimeout()


def process_bounded(raw: RawArticle | IngestError, fields: Sequence[str] | None = None,
                    settings: Settings | None = None) -> Article | ErrorRecord:
    """:func:`process` with a per-article time bound (issue 10).

    On POSIX, in the main thread of a process (the CLI and every worker), a real-time
    timer interrupts an article that runs too long; it becomes an error line
    (``stage: "timeout"``) and the worker moves on to the next article.
    """
    settings = settings or Settings()
    use_alarm = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
                 and settings.article_timeout_seconds > 0)
    if not use_alarm:
        return process(raw, fields=fields, settings=settings)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, settings.article_timeout_seconds)
    try:
        return process(raw, fields=fields, settings=settings)
    except ArticleTimeout:
        return ErrorRecord(id=raw.id, source=Source(path=raw.path, url=getattr(raw, "url", None)),
                           stage="timeout", error="ArticleTimeout",
                           message=f"article took longer than {settings.article_timeout_seconds:g} s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_to_json(args: tuple[RawArticle | IngestError, tuple[str, ...] | None, Settings]) -> tuple[bool, str]:
    raw, fields, settings = args
    rec = process_bounded(raw, fields=fields, settings=settings)
    return isinstance(rec, Article), rec.model_dump_json()


def _process_batch(batch: list[tuple[RawArticle | IngestError, tuple[str, ...] | None, Settings]]
                   ) -> list[tuple[bool, str]]:
    return [process_to_json(args) for args in batch]


#: Articles per task sent to a worker: large enough that inter-process traffic is small
#: next to the work (a seed article takes ~10 ms), small enough to balance two workers.
BATCH_SIZE = 8
#: Tasks in flight per worker. The pool never holds more than ``workers × IN_FLIGHT ×
#: BATCH_SIZE`` articles, so memory stays flat whatever the corpus size, while every worker
#: always has the next task queued (no idle gaps between windows).
IN_FLIGHT = 4


def process_json_stream(items: Iterable[RawArticle | IngestError], workers: int = 1,
                        fields: Sequence[str] | None = None, settings: Settings | None = None,
                        ) -> Iterator[tuple[bool, str]]:
    """Records as JSON lines ``(is_record, line)``, in input order, on ``workers`` processes.

    Streaming: a bounded number of batches is in flight; results come out in input order
    as soon as the oldest batch is done.
    """
    settings = settings or Settings()
    fields_t = tuple(fields) if fields else None
    if workers <= 1:
        for raw in items:
            yield process_to_json((raw, fields_t, settings))
        return
    ctx = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    it = iter(items)
    pending: collections.deque = collections.deque()
    # Every article in a worker is bounded by the per-article alarm, so a batch still
    # unfinished well past BATCH_SIZE bounds means its worker died (killed, out of memory):
    # multiprocessing.Pool would wait for it forever. Such a batch is redone here.
    batch_bound = BATCH_SIZE * max(settings.article_timeout_seconds, 1.0) + settings.worker_grace_seconds
    with ctx.Pool(workers) as pool:
        while True:
            while len(pending) < workers * IN_FLIGHT:
                batch = [(raw, fields_t, settings) for raw in itertools.islice(it, BATCH_SIZE)]
                if not batch:
                    break
                pending.append((batch, pool.apply_async(_process_batch, (batch,))))
            if not pending:
                break
            batch, result = pending.popleft()
            try:
                yield from result.get(timeout=batch_bound)
            except multiprocessing.TimeoutError:
                log.error("a worker did not return a batch of %d articles; redoing it in-process", len(batch))
                yield from _process_batch(batch)


def extract_many(items: Iterable[object], workers: int = 1,
                 fields: Sequence[str] | None = None) -> Iterator[Article | ErrorRecord]:
    """Stream records, in input order, from dicts, paths, strings or bytes.

    A path (``os.PathLike``, or a str naming an existing file, as ``glob.glob`` returns)
    is read as that file, every article of a JSONL file or JSON array included; any other
    str is the text of one article.

    A bad item (undecodable bytes, an empty string, ``None``) yields an
    :class:`~extractor.record.ErrorRecord` and the items after it still come out.

    >>> out = list(extract_many(["Đến nay có 20 mô hình.", None, ""]))
    >>> [type(r).__name__ for r in out]
    ['Article', 'ErrorRecord', 'ErrorRecord']
    """
    raws = (raw for i, item in enumerate(items) for raw in iter_item(item, i))
    for ok, line in process_json_stream(raws, workers=workers, fields=fields):
        yield Article.model_validate_json(line) if ok else ErrorRecord.model_validate_json(line)
