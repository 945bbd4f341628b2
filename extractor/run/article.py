"""One ingested item to its record or error record, within the per-article time bound.

What every engine runs per article (the single process, the worker pool, Dask): an article
never raises, it ends as one record or one error line.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence

from ..bound import ArticleTimeout, run_bounded
from ..io.ingest import IngestError, RawArticle
from ..patterns import PatternError
from ..pipeline import StageError, extract_article, preload
from ..record import Article, ErrorRecord, Source
from ..settings import Settings

log = logging.getLogger("extractor.api")


def process(raw: RawArticle | IngestError, fields: Sequence[str] | None = None,
            settings: Settings | None = None) -> Article | ErrorRecord:
    """One ingested item to its record or its error record.

    Never raises for anything an article can do; a broken pattern file
    (:class:`~extractor.patterns.PatternError`) and the time bound pass through.
    """
    if isinstance(raw, IngestError):
        return ErrorRecord(id=raw.id, source=Source(path=raw.path), stage=raw.stage, error=raw.error,
                           message=raw.message)
    try:
        return extract_article(raw, settings=settings, fields=fields)
    except StageError as exc:
        return ErrorRecord(id=raw.id, source=Source(path=raw.path, url=raw.url), stage=exc.stage,
                           error="StageError", message=exc.message)
    except PatternError:
        raise
    except MemoryError as exc:  # the machine's limit, not the article's fault: --resume redoes it
        return ErrorRecord(id=raw.id, source=Source(path=raw.path, url=raw.url), stage="pipeline",
                           error="MemoryError", message=str(exc) or "out of memory", retryable=True)
    except Exception as exc:  # last line of defence: an article is never lost
        log.exception("unexpected failure on %s", raw.id)
        return ErrorRecord(id=raw.id, source=Source(path=raw.path, url=raw.url), stage="pipeline",
                           error=type(exc).__name__, message=str(exc))


def timeout_record(raw: RawArticle | IngestError, settings: Settings) -> ErrorRecord:
    """The error line of an article that ran past the time bound (retryable)."""
    return ErrorRecord(id=raw.id, source=Source(path=raw.path, url=getattr(raw, "url", None)),
                       stage="timeout", error="ArticleTimeout", retryable=True,
                       message=f"article took longer than {settings.article_timeout_seconds:g} s")


def process_bounded(raw: RawArticle | IngestError, fields: Sequence[str] | None = None,
                    settings: Settings | None = None) -> Article | ErrorRecord:
    """:func:`process` within ``Settings.article_timeout_seconds`` (issue 23).

    The bound is a watchdog thread (:mod:`extractor.bound`), so it holds in any thread:
    the CLI, a worker process, a Dask worker thread. An article past it becomes an error
    line with ``stage: "timeout"`` and ``retryable: true``, never a record.
    """
    settings = settings or Settings()
    preload()  # rule tables and gazetteer are loaded once, outside any article's bound
    try:
        return run_bounded(lambda: process(raw, fields=fields, settings=settings),
                           settings.article_timeout_seconds)
    except ArticleTimeout:
        return timeout_record(raw, settings)


def process_to_json(args: tuple[RawArticle | IngestError, tuple[str, ...] | None, Settings]) -> tuple[bool, str]:
    raw, fields, settings = args
    rec = process_bounded(raw, fields=fields, settings=settings)
    return isinstance(rec, Article), rec.model_dump_json()
