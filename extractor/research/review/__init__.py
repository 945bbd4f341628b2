"""Records → a review report people can read: evidence highlighted, corpus at a glance.

    extractor review RECORDS... -o report.html [--per-page N]

``report.html`` is the corpus overview: articles per province, outlet and year; the
reported total of models over time per province as an inline SVG chart; the most cited
documents (by symbol); the most frequent warnings; and an index of every article.
``report_files/page-N.html`` hold the articles, ``--per-page`` to a page: for each one
the text with every extracted span highlighted by type (a legend gives the colours),
the record's fields as tables whose links jump to their spans, its checks, warnings and
any span that does not fit the text.

Why pages. One article or sixty thousand: a browser must never be handed one giant DOM.
The articles are split into pages of at most ``--per-page`` articles and about
:data:`PAGE_BYTES` bytes, and the index into pages of :data:`INDEX_ROWS` rows (inline in
the overview while it fits one page), so no file grows with the corpus except by its
number of pages. Plain pages were chosen over lazy ``<template>`` rendering because
lazy rendering needs JavaScript; these pages need none.

Safety. Every file is self-contained (CSS inline, charts as inline SVG, no fonts, images,
scripts or links fetched from anywhere) and every string from a record is escaped
(:func:`esc`), so an article whose text holds ``<script>`` shows it as text. A
Content-Security-Policy (``default-src 'none'``) makes the browser refuse any script or
fetch even if something slipped through.

Records are read as a stream (JSONL, ``.gz`` too); error lines of ``extract --errors``
are listed in the overview, unreadable lines are counted and named, never fatal.
"""
