"""Writing the report: the overview file and the article pages beside it.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..render import esc
from .article import legend_html, render_article
from .overview import index_table, overview_html, page_html
from .style import FIELD_TYPES, INDEX_ROWS, PAGE_BYTES, PER_PAGE
from .tally import Tally

log = logging.getLogger(__name__)


@dataclass
class ReviewSummary:
    """What :func:`write_report` wrote."""

    articles: int
    pages: int
    index_pages: int
    failed: int
    unreadable: int
    files: list[Path]


def _nav(overview: str, page: int, n_pages: int | None) -> str:
    prev = f'<a href="page-{page - 1}.html">← page {page - 1}</a>' if page > 1 else ""
    nxt = (f'<a href="page-{page + 1}.html">page {page + 1} →</a>'
           if n_pages is None or page < n_pages else "")
    return f'<a href="../{esc(overview)}">Overview</a><a href="../{esc(overview)}#index">index</a>{prev}{nxt}'


def write_report(records: Iterable[dict], out: str | Path, per_page: int = PER_PAGE,
                 corpus: Tally | None = None, title: str = "Review of extracted records") -> ReviewSummary:
    """Write the overview ``out`` and its pages in ``<out stem>_files/``.

    Args:
        records: record dicts (as read from JSONL), streamed once.
        out: the overview's path, e.g. ``report.html``.
        per_page: articles per page (a page also closes past :data:`PAGE_BYTES`).
        corpus: the counter the reader fills with failed and unreadable lines.
    Returns:
        A :class:`ReviewSummary`.
    """
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    out = Path(out)
    files_dir = out.parent / f"{out.stem}_files"
    files_dir.mkdir(parents=True, exist_ok=True)
    for old in [*files_dir.glob("page-*.html"), *files_dir.glob("index-*.html")]:
        old.unlink()  # pages of an earlier, larger report
    corpus = corpus or Tally()
    written: list[Path] = []
    page, buf, size, first_art = 1, [], 0, 1

    def flush(last: bool) -> None:
        nonlocal page, buf, size, first_art
        arts = range(first_art, len(corpus.rows) + 1)
        toc = "".join(f'<li><a href="#a{a}">{esc(corpus.rows[a - 1].title or corpus.rows[a - 1].id)}</a></li>'
                      for a in arts)
        body = (f"<h1>Articles {first_art}–{len(corpus.rows)}</h1>{legend_html()}<ol start=\"{first_art}\">{toc}</ol>"
                + "".join(buf))
        path = files_dir / f"page-{page}.html"
        path.write_text(page_html(f"{title} — page {page}", body, _nav(out.name, page, page if last else None)),
                        encoding="utf-8")
        written.append(path)
        page, buf, size, first_art = page + 1, [], 0, len(corpus.rows) + 1

    art = 0
    for rec in records:
        art += 1
        try:
            chunk, counts, problems = render_article(rec, art)
        except Exception as exc:  # a record this code cannot draw is named, never lost
            log.warning("cannot render record %s: %s", rec.get("id"), exc)
            chunk = (f'<article class="rec" id="a{art}"><h2>{art}. {esc(rec.get("title") or rec.get("id"))}</h2>'
                     f'<p class="bad">This record could not be drawn: {esc(type(exc).__name__)}: {esc(exc)}</p>'
                     "</article>")
            counts, problems = {k: 0 for k in FIELD_TYPES}, 1
        corpus.add(rec, art, page, counts, problems)
        buf.append(chunk)
        size += len(chunk.encode("utf-8"))
        if len(buf) >= per_page or size >= PAGE_BYTES:
            flush(last=False)
    if buf:
        flush(last=True)
    n_pages = page - 1
    index_pages = max(1, -(-len(corpus.rows) // INDEX_ROWS))
    if index_pages > 1:
        for k in range(1, index_pages + 1):
            rows = corpus.rows[(k - 1) * INDEX_ROWS:k * INDEX_ROWS]
            nav = f'<a href="../{esc(out.name)}">Overview</a>' + "".join(
                f'<a href="index-{j}.html">{"<b>" if j == k else ""}index {j}{"</b>" if j == k else ""}</a>'
                for j in range(1, index_pages + 1))
            path = files_dir / f"index-{k}.html"
            path.write_text(page_html(f"{title} — index {k}", f"<h1>Articles, index {k}</h1>"
                                      + index_table(rows, files_dir.name, False), nav), encoding="utf-8")
            written.append(path)
    out.write_text(overview_html(corpus, n_pages, files_dir.name, index_pages, title), encoding="utf-8")
    written.insert(0, out)
    return ReviewSummary(len(corpus.rows), n_pages, index_pages if index_pages > 1 else 0,
                         corpus.n_failed, corpus.n_unreadable, written)
