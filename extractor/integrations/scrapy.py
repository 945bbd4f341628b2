"""A Scrapy item pipeline: adds the extracted record to every scraped article item.

Enable it in a project's settings (``pip install 'extractor[scrapy]'``)::

    ITEM_PIPELINES = {"extractor.integrations.scrapy.ExtractorPipeline": 300}
    EXTRACTOR_FIELDS = None            # or ["documents", "counts"]
    EXTRACTOR_RECORD_FIELD = "record"  # where the record goes
    EXTRACTOR_ERROR_FIELD = "extractor_error"

An item holding ``url`` plus ``html`` or ``text`` (and optionally ``id``, ``title``,
``published``) gets ``item["record"]``: the record as a JSON-ready dict. An item that cannot
be extracted gets ``item["extractor_error"]`` (stage, error, message) and a log line; it is
never dropped. Items without ``html``/``text`` pass through untouched.
"""
from __future__ import annotations

import logging
from typing import Any

from ..api import process_bounded
from ..io.ingest import IngestError, from_item
from ..record import Article

try:  # Scrapy is an optional extra: the pipeline must say how to get it.
    from itemadapter import ItemAdapter
except ImportError as exc:  # pragma: no cover
    raise ImportError(
        "extractor.integrations.scrapy needs Scrapy: pip install 'extractor[scrapy]'") from exc

log = logging.getLogger(__name__)


class ExtractorPipeline:
    """Scrapy item pipeline running the extractor on each item's ``html`` or ``text``."""

    def __init__(self, fields: list[str] | None = None, record_field: str = "record",
                 error_field: str = "extractor_error"):
        self.fields = fields
        self.record_field = record_field
        self.error_field = error_field

    @classmethod
    def from_crawler(cls, crawler) -> ExtractorPipeline:
        s = crawler.settings
        return cls(fields=s.getlist("EXTRACTOR_FIELDS") or None,
                   record_field=s.get("EXTRACTOR_RECORD_FIELD", "record"),
                   error_field=s.get("EXTRACTOR_ERROR_FIELD", "extractor_error"))

    def process_item(self, item: Any, spider=None) -> Any:
        adapter = ItemAdapter(item)
        if not (adapter.get("html") or adapter.get("text")):
            return item
        data = {k: adapter.get(k) for k in ("id", "url", "title", "text", "html", "published")
                if adapter.get(k) is not None}
        raw = from_item(data)
        result = process_bounded(raw, fields=self.fields) if not isinstance(raw, IngestError) else raw
        if isinstance(result, Article):
            adapter[self.record_field] = result.model_dump(mode="json")
        else:
            error = {"stage": result.stage, "error": result.error, "message": result.message}
            adapter[self.error_field] = error
            log.warning("extractor failed on %s: %s", data.get("url") or data.get("id"), error["message"])
        return item
