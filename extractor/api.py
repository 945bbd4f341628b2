"""The library API: :func:`extract` for one article, :func:`extract_many` for a stream.

The CLI is a thin layer over these two functions. One article within its time bound is
:mod:`extractor.run.article`; the worker pool :mod:`extractor.run.pool`.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence

from .io.ingest import RawArticle, content_id, iter_item
from .pipeline import StageError, extract_article, preload
from .record import Article, ErrorRecord
from .run.article import process, process_bounded, process_to_json, timeout_record
from .run.pool import BATCH_SIZE, IN_FLIGHT, process_json_stream

__all__ = ["BATCH_SIZE", "IN_FLIGHT", "ExtractionError", "extract", "extract_many", "process",
           "process_bounded", "process_json_stream", "process_to_json", "timeout_record"]

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
    preload()
    try:
        return extract_article(raw, fields=fields)
    except StageError as exc:
        raise ExtractionError(str(exc)) from exc


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
