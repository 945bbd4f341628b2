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
from __future__ import annotations

import argparse
import gzip
import heapq
import html
import json
import logging
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..gazetteer import ERA_2025
from .dataset import unit_era

log = logging.getLogger(__name__)

#: Articles on one page by default: 50 sample-size articles make a page of about 1 MB,
#: which Chromium lays out in well under a second.
PER_PAGE = 50
#: A page is closed early once its HTML passes this size (very long articles).
PAGE_BYTES = 4_000_000
#: Rows of the article index on one page (2,000 synthetic records: about 0.4 MB per page).
INDEX_ROWS = 1000
#: How many rows the overview's frequency tables, document and warning lists show.
TOP_OUTLETS = 40
TOP_DOCUMENTS = 30
TOP_WARNINGS = 15
#: Provinces drawn in the chart (those with the most reported totals); all are in its table.
CHART_PROVINCES = 8
#: Unreadable lines and failed articles named in the overview (the rest are counted).
MAX_LISTED_PROBLEMS = 50

#: Span types in drawing order (outer first when two spans cover the same text), with
#: label, Vietnamese gloss and colour (Okabe–Ito palette, distinguishable with colour
#: blindness; checks are drawn as a dashed outline only).
TYPES: dict[str, tuple[str, str, str]] = {
    "captions": ("Captions", "chú thích ảnh", "#7f7f7f"),
    "officials": ("Officials", "người phát biểu", "#cc79a7"),
    "checks": ("Checks", "kiểm tra", "#000000"),
    "documents": ("Documents", "văn bản", "#e69f00"),
    "models": ("Models", "mô hình", "#8e5fc1"),
    "counts": ("Counts", "số mô hình", "#d55e00"),
    "figures": ("Figures", "số liệu", "#009e73"),
    "localities": ("Localities", "địa danh", "#0072b2"),
}
#: The types that have their own table and legend entry (checks have a table of their own).
FIELD_TYPES = ["localities", "documents", "counts", "figures", "officials", "models", "captions"]
#: Nesting deeper than this is drawn with the deepest padding (never seen past 4).
MAX_HEIGHT = 6
#: Line colours of the chart (Okabe–Ito plus two).
CHART_COLOURS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8e5fc1", "#666666"]

_YEAR = re.compile(r"^(\d{4})")

CSS = """
:root { --fg:#1a1a1a; --muted:#666; --line:#ddd; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: var(--fg);
       margin: 0 auto; max-width: 1240px; padding: 12px 20px 60px; font-size: 15px; }
h1 { font-size: 1.5em; margin: .4em 0; } h2 { font-size: 1.25em; margin: .3em 0; }
h3 { font-size: 1.05em; margin: 1em 0 .3em; }
nav.top { display: flex; gap: 1em; flex-wrap: wrap; padding: 6px 0; border-bottom: 1px solid var(--line); }
a { color: #0a58ca; }
.muted { color: var(--muted); }
table { border-collapse: collapse; margin: .3em 0 1em; font-size: .92em; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr:target { outline: 3px solid #000; }
.legend { display: flex; flex-wrap: wrap; gap: .4em 1em; margin: .5em 0; font-size: .9em; }
.key { display: inline-block; padding: 0 .4em; border-bottom: 3px solid; }
td.date { white-space: nowrap; }
article.rec { border-top: 3px solid #333; margin-top: 2em; padding-top: .5em; }
.meta { font-size: .9em; color: var(--muted); margin: .2em 0 .6em; }
.text { white-space: pre-wrap; line-height: 2.1; font-size: 1.02em; background: #fcfcfc;
        border: 1px solid var(--line); padding: 10px 14px; overflow-wrap: anywhere; }
mark.hl { background: transparent; color: inherit; border-bottom: 2px solid; padding: 0 0 1px; }
mark.hl:target { outline: 3px solid #000; outline-offset: 1px; }
mark.h2 { padding-bottom: 4px; } mark.h3 { padding-bottom: 7px; } mark.h4 { padding-bottom: 10px; }
mark.h5 { padding-bottom: 13px; } mark.h6 { padding-bottom: 16px; }
mark.t-checks, .key.chk { border-bottom: none; outline: 1px dashed #000; }
.fields { display: flex; flex-wrap: wrap; gap: 0 24px; }
.fields > div { flex: 1 1 460px; max-width: 100%; overflow-x: auto; }
td.quote { max-width: 420px; }
.bad { color: #b00020; font-weight: 600; } .ok { color: #1b7f3b; }
ul.warn li { color: #8a4b00; }
.bar { display: inline-block; height: .8em; background: #8fb3d9; vertical-align: middle; }
.cols { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 0 24px; }
.stat { display: inline-block; margin-right: 1.5em; }
svg text { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 12px; }
""" + "".join(
    f"mark.t-{t} {{ border-color: {c}; background: {c}{'26' if t in ('officials', 'captions') else '33'}; }}\n"
    f".key.t-{t} {{ border-color: {c}; background: {c}33; }}\n"
    for t, (_, _, c) in TYPES.items() if t != "checks")

#: No script, no fetch: only the inline styles and data: images of the page itself.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def esc(value: Any) -> str:
    """Escape any value for HTML text or a quoted attribute.

    >>> esc('<script>alert("Bắc Kạn")</script>')
    '&lt;script&gt;alert(&quot;Bắc Kạn&quot;)&lt;/script&gt;'
    >>> esc(None)
    ''
    """
    return "" if value is None else html.escape(str(value), quote=True)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _year(value: Any) -> str | None:
    """The year of an ISO date (``"2021-05-23"``, ``"2020-12"``, ``"2020"``), else None.

    >>> _year("2021-05-23"), _year("năm 2020"), _year(None)
    ('2021', None, None)
    """
    m = _YEAR.match(value) if isinstance(value, str) else None
    return m.group(1) if m else None


def _fmt(value: Any) -> str:
    """A value for a table cell: numbers as written by Python, lists joined, None empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(_fmt(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_fmt(v)}" for k, v in value.items() if v is not None)
    return str(value)


def _place(value: Any) -> str:
    p = _dict(value)
    if not p.get("name"):
        return ""
    return f"{p['name']} ({p.get('level') or '?'})"


# --------------------------------------------------------------------------- spans


@dataclass
class SpanRef:
    """One highlighted span: the field type, item number, mention number and label."""

    kind: str
    item: int
    k: int
    start: int
    end: int
    label: str

    def anchor(self, art: int) -> str:
        return f"a{art}-{self.kind}-{self.item}-{self.k}"


@dataclass
class _Node:
    ref: SpanRef
    start: int
    end: int
    first: bool
    children: list[_Node] = field(default_factory=list)
    height: int = 1


def _label(kind: str, item: dict) -> str:
    """What a span's tooltip says about its item."""
    if kind == "localities":
        return f"{item.get('name')} ({item.get('level')})"
    if kind == "documents":
        return item.get("symbol") or f"{item.get('kind')} {item.get('number') or ''}".strip()
    if kind in ("counts", "figures"):
        q = item.get("qualifier")
        extra = f" · {item.get('category')}" if kind == "counts" else ""
        return f"{'' if q in (None, 'exact') else q + ' '}{_fmt(item.get('value'))} {item.get('unit') or ''}{extra}"
    if kind == "officials":
        return f"{item.get('name')}" + (f" — {item['title']}" if item.get("title") else "")
    if kind == "models":
        return str(item.get("name"))
    if kind == "checks":
        return f"{item.get('kind')}: {_fmt(item.get('total'))} = {_fmt(item.get('parts'))} ({item.get('status')})"
    return "chú thích ảnh"


def _item_spans(kind: str, item: dict) -> list[Any]:
    """The raw spans of one item, in the order its table links them (duplicates dropped)."""
    spans: list[Any] = []
    if kind in ("localities", "documents"):
        spans = _list(item.get("mentions"))
    else:
        if item.get("span") is not None:
            spans.append(item.get("span"))
        spans += _list(item.get("mentions"))
    out: list[Any] = []
    for s in spans:
        if s not in out:
            out.append(s)
    return out


def collect_spans(rec: dict) -> tuple[dict[str, list[list[SpanRef | None]]], list[str]]:
    """Every span of a record, by field type and item, and the problems found with them.

    Returns ``(refs, problems)``: ``refs[kind][i]`` lists item ``i``'s spans, ``None`` for
    a span that is malformed or outside the text (named in ``problems``, not drawn). A
    span whose text differs from the item's ``text`` evidence is drawn and named.
    """
    text = rec.get("text") or ""
    n = len(text)
    refs: dict[str, list[list[SpanRef | None]]] = {}
    problems: list[str] = []
    for kind in TYPES:
        refs[kind] = []
        for i, item in enumerate(_list(rec.get(kind))):
            item = _dict(item)
            row: list[SpanRef | None] = []
            for k, span in enumerate(_item_spans(kind, item)):
                ok = (isinstance(span, list | tuple) and len(span) == 2
                      and all(isinstance(x, int) and not isinstance(x, bool) for x in span))
                if not ok or not (0 <= span[0] < span[1] <= n):
                    problems.append(f"{kind}[{i}]: span {span!r} is not inside the text ({n} characters)")
                    row.append(None)
                    continue
                s, e = span
                evidence = item.get("text") if k == 0 and kind in ("counts", "figures", "captions") else None
                if isinstance(evidence, str) and text[s:e] != evidence:
                    problems.append(f"{kind}[{i}]: text[{s}:{e}] is {text[s:e]!r}, not {evidence!r}")
                row.append(SpanRef(kind, i, k, s, e, _label(kind, item)))
            refs[kind].append(row)
    return refs, problems


def _nest(spans: list[SpanRef]) -> list[_Node]:
    """Spans as a tree of properly nested pieces (a span crossing another is cut in two)."""
    order = {k: i for i, k in enumerate(TYPES)}
    heap: list[tuple[int, int, int, int, SpanRef, bool]] = []
    seq = 0
    for r in spans:
        heap.append((r.start, -r.end, order[r.kind], seq, r, True))
        seq += 1
    heapq.heapify(heap)
    roots: list[_Node] = []
    stack: list[_Node] = []
    while heap:
        s, neg_e, o, _, ref, first = heapq.heappop(heap)
        e = -neg_e
        while stack and stack[-1].end <= s:
            stack.pop()
        if stack and stack[-1].end < e:  # crosses the enclosing piece: cut at its end
            seq += 1
            heapq.heappush(heap, (stack[-1].end, -e, o, seq, ref, False))
            e = stack[-1].end
        node = _Node(ref, s, e, first)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)

    def height(node: _Node) -> int:
        node.height = 1 + max((height(c) for c in node.children), default=0)
        return node.height

    for r in roots:
        height(r)
    return roots


def highlight(text: str, spans: list[SpanRef], art: int) -> str:
    """The text as escaped HTML with every span a ``<mark>`` of its type.

    The first piece of a span carries its anchor (``id``); pieces nest, the outer ones
    underlined lower, so overlapping spans stay visible.

    >>> t = "Tỉnh ủy Bắc Kạn có 2.011 mô hình"
    >>> highlight(t, [SpanRef("localities", 0, 0, 8, 15, "Bắc Kạn (province)")], 1)[:120]
    'Tỉnh ủy <mark class="hl t-localities h1" data-type="localities" id="a1-localities-0-0" title="Localities: Bắc Kạn (provi'
    >>> highlight("2 < 3 & <b>", [], 1)
    '2 &lt; 3 &amp; &lt;b&gt;'
    """
    out: list[str] = []

    def render(nodes: list[_Node], start: int, end: int) -> None:
        pos = start
        for node in nodes:
            out.append(esc(text[pos:node.start]))
            r = node.ref
            anchor = f' id="{r.anchor(art)}"' if node.first else ""
            out.append(f'<mark class="hl t-{r.kind} h{min(node.height, MAX_HEIGHT)}" data-type="{r.kind}"{anchor}'
                       f' title="{esc(TYPES[r.kind][0] + ": " + r.label)}">')
            render(node.children, node.start, node.end)
            out.append("</mark>")
            pos = node.end
        out.append(esc(text[pos:end]))

    render(_nest(spans), 0, len(text))
    return "".join(out)


# --------------------------------------------------------------------------- one article


def _links(refs: list[SpanRef | None], art: int, first_text: str | None = None) -> str:
    """Links to an item's spans: the evidence text for the first, numbers for the rest."""
    parts = []
    for n, r in enumerate(refs, 1):
        if r is None:
            parts.append('<span class="bad" title="span outside the text">✗</span>')
        elif n == 1 and first_text:
            parts.append(f'<a href="#{r.anchor(art)}">{esc(first_text)}</a>')
        else:
            parts.append(f'<a href="#{r.anchor(art)}">{n}</a>')
    return " ".join(parts)


#: Columns of each field table: (header, key or function of the item).
_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "localities": [("name", "name"), ("level", "level"), ("province", "province"), ("district", "district"),
                   ("code", "code"), ("rule", "rule")],
    "documents": [("symbol", "symbol"), ("kind", "kind"), ("number", "number"), ("system", "system"),
                  ("issuer", "issuer"), ("issued", "issued"), ("subject", "subject"), ("rule", "rule")],
    "counts": [("value", "value"), ("qualifier", "qualifier"), ("unit", "unit"), ("category", "category"),
               ("field", "field"), ("part of", "part_of"), ("of total", "of_total"), ("place", "locality"),
               ("as of", "as_of"), ("rule", "rule")],
    "figures": [("value", "value"), ("qualifier", "qualifier"), ("unit", "unit"), ("rule", "rule")],
    "officials": [("name", "name"), ("title", "title"), ("organization", "organization"), ("verb", "verb"),
                  ("kind", "quote_kind"), ("quote", "quote")],
    "models": [("name", "name"), ("field", "field"), ("place", "locality"), ("rule", "rule")],
    "captions": [("credit", "credit")],
}
#: The item key whose value is the link text to the first span (else "1").
_LINK_TEXT = {"counts": "text", "figures": "text", "captions": "text"}
_NUMERIC = {"value", "part_of", "of_total"}


def _field_table(kind: str, items: list, refs: list[list[SpanRef | None]], art: int) -> str:
    cols = _COLUMNS[kind]
    head = "".join(f'<th class="num">{esc(h)}</th>' if k in _NUMERIC else f"<th>{esc(h)}</th>" for h, k in cols)
    rows = []
    for i, item in enumerate(items):
        item = _dict(item)
        cells = []
        for _, key in cols:
            v = item.get(key)
            text = _place(v) if key == "locality" else _fmt(v)
            cls = ' class="num"' if key in _NUMERIC else ' class="quote"' if key == "quote" else ""
            cells.append(f"<td{cls}>{esc(text)}</td>")
        link = _links(refs[i], art, _str(item.get(_LINK_TEXT.get(kind, ""))))
        rows.append(f'<tr id="a{art}-{kind}-{i}-row"><td class="num">{i + 1}</td><td>{link}</td>{"".join(cells)}</tr>')
    label, gloss, _ = TYPES[kind]
    return (f'<div><h3><span class="key t-{kind}">{esc(label)}</span> '
            f'<span class="muted">{esc(gloss)} · {len(items)}</span></h3>'
            f"<table><tr><th>#</th><th>evidence</th>{head}</tr>{''.join(rows)}</table></div>")


def _checks_table(checks: list, refs: list[list[SpanRef | None]], art: int) -> str:
    rows = []
    for i, c in enumerate(checks):
        c = _dict(c)
        status = str(c.get("status"))
        cls = "ok" if status == "ok" else "bad"
        rows.append(f'<tr id="a{art}-checks-{i}-row"><td>{esc(c.get("kind"))}</td>'
                    f'<td class="num">{esc(_fmt(c.get("total")))}</td><td>{esc(_fmt(c.get("parts")))}</td>'
                    f'<td class="{cls}">{esc(status)}</td><td>{_links(refs[i], art) if i < len(refs) else ""}</td></tr>')
    return ("<table><tr><th>kind</th><th class=\"num\">total</th><th>parts</th><th>status</th><th>span</th></tr>"
            + "".join(rows) + "</table>")


def legend_html(totals: dict[str, int] | None = None) -> str:
    """The colour legend (with counts per type when given)."""
    keys = []
    for kind in FIELD_TYPES:
        label, gloss, _ = TYPES[kind]
        n = f" {totals.get(kind, 0)}" if totals is not None else ""
        keys.append(f'<span><span class="key t-{kind}">{esc(label)}</span> <span class="muted">{esc(gloss)}{n}</span></span>')
    keys.append('<span><span class="key chk">Checks</span> <span class="muted">kiểm tra (parts and total)</span></span>')
    return f'<div class="legend">{"".join(keys)}</div>'


def render_article(rec: dict, art: int) -> tuple[str, dict[str, int], int]:
    """One record as an ``<article>``: header, highlighted text, field tables, checks, warnings.

    Args:
        rec: the record (a dict as read from JSONL).
        art: its number in the report (anchors are ``a<art>-…``).
    Returns:
        ``(html, items per type, number of span problems)``.
    """
    text = rec.get("text") if isinstance(rec.get("text"), str) else ""
    refs, problems = collect_spans(rec)
    spans = [r for kind in TYPES for row in refs[kind] for r in row if r is not None]
    loc = _dict(rec.get("locality"))
    src = _dict(rec.get("source"))
    url = _str(src.get("url"))
    url_html = (f'<a href="{esc(url)}" rel="noreferrer">{esc(url)}</a>'
                if url and url.lower().startswith(("http://", "https://")) else esc(url))
    place = ", ".join(x for x in (_str(loc.get("commune")), _str(loc.get("district")), _str(loc.get("province"))) if x)
    meta = [f"id <code>{esc(rec.get('id'))}</code>", esc(rec.get("outlet") or "outlet ?"),
            esc(rec.get("published") or "date ?") + (f" {esc(rec['published_time'])}" if _str(rec.get("published_time")) else ""),
            f"về: {esc(place) or '?'}"]
    if _list(rec.get("authors")):
        meta.append("tác giả: " + esc(", ".join(map(str, rec["authors"]))))
    if _str(src.get("path")):
        meta.append(esc(src["path"]))
    if url_html:
        meta.append(url_html)
    counts = {k: len(_list(rec.get(k))) for k in FIELD_TYPES}
    tables = "".join(_field_table(k, _list(rec.get(k)), refs[k], art) for k in FIELD_TYPES if counts[k])
    checks = _list(rec.get("checks"))
    warnings = [str(w) for w in _list(rec.get("warnings"))]
    parts = [f'<article class="rec" id="a{art}">',
             f"<h2>{art}. {esc(rec.get('title') or '(no title)')}</h2>",
             f'<div class="meta">{" · ".join(meta)}</div>',
             legend_html(counts),
             f'<div class="text" lang="vi">{highlight(text, spans, art)}</div>',
             f'<div class="fields">{tables}</div>' if tables else '<p class="muted">No fields extracted.</p>']
    if checks:
        parts.append(f"<h3>Checks</h3>{_checks_table(checks, refs['checks'], art)}")
    if warnings or problems:
        items = "".join(f"<li>{esc(w)}</li>" for w in warnings)
        items += "".join(f'<li class="bad">{esc(p)}</li>' for p in problems)
        parts.append(f'<h3>Warnings</h3><ul class="warn">{items}</ul>')
    parts.append("</article>")
    return "".join(parts), counts, len(problems)


# --------------------------------------------------------------------------- corpus


@dataclass
class IndexRow:
    """What the overview keeps of one article (the rest is on its page)."""

    art: int
    page: int
    id: str
    title: str
    outlet: str
    published: str
    province: str
    counts: dict[str, int]
    warnings: int


@dataclass
class Corpus:
    """Everything the overview shows, gathered in one pass over the records."""

    rows: list[IndexRow] = field(default_factory=list)
    provinces: Counter = field(default_factory=Counter)
    outlets: Counter = field(default_factory=Counter)
    years: Counter = field(default_factory=Counter)
    totals: Counter = field(default_factory=Counter)
    warnings: Counter = field(default_factory=Counter)
    span_problems: int = 0
    #: symbol → [articles citing it, kinds, issuers, first article]
    documents: dict[str, list[Any]] = field(default_factory=dict)
    #: (province, year) → [max total reported, reports, article of the max]
    model_totals: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    failed: list[tuple[str, str, str]] = field(default_factory=list)
    n_failed: int = 0
    unreadable: list[str] = field(default_factory=list)
    n_unreadable: int = 0

    def add(self, rec: dict, art: int, page: int, counts: dict[str, int], problems: int) -> None:
        """Count one record."""
        loc = _dict(rec.get("locality"))
        province = _str(loc.get("province")) or "(unknown)"
        outlet = _str(rec.get("outlet")) or "(unknown)"
        year = _year(rec.get("published")) or "(unknown)"
        self.provinces[province] += 1
        self.outlets[outlet] += 1
        self.years[year] += 1
        self.totals.update(counts)
        self.span_problems += problems
        warnings = _list(rec.get("warnings"))
        self.warnings.update(str(w) for w in warnings)
        self.rows.append(IndexRow(art, page, str(rec.get("id")), str(rec.get("title") or ""), outlet,
                                  str(rec.get("published") or ""), province, counts, len(warnings)))
        seen: set[str] = set()
        for d in _list(rec.get("documents")):
            d = _dict(d)
            sym = _str(d.get("symbol"))
            if not sym:
                continue
            entry = self.documents.setdefault(sym, [0, Counter(), Counter(), (art, page)])
            if sym not in seen:
                entry[0] += 1
                seen.add(sym)
            entry[1][str(d.get("kind"))] += 1
            if _str(d.get("issuer")):
                entry[2][d["issuer"]] += 1
        for c in _list(rec.get("counts")):
            c = _dict(c)
            value = c.get("value")
            if c.get("category") != "total" or not isinstance(value, int | float):
                continue
            place = _dict(c.get("locality"))
            if place.get("name"):
                if place.get("level") != "province":
                    continue  # a district's or commune's total is not the province's
                prov, code = str(place["name"]), _str(place.get("code"))
            elif province != "(unknown)":
                prov, code = province, _str(_dict(rec.get("locality")).get("province_code"))
            else:
                continue
            if unit_era(rec, prov, "province", code or None) == ERA_2025:
                prov += " (2025)"  # the merged province is another unit than its namesake before
            cyear = _year(c.get("as_of")) or _year(rec.get("published"))
            if not cyear:
                continue
            entry = self.model_totals.setdefault((prov, cyear), [int(value), 0, art])
            entry[1] += 1
            if value > entry[0]:
                entry[0], entry[2] = int(value), art

    def add_failed(self, rec: dict) -> None:
        """Count an error line of ``extract --errors``."""
        self.n_failed += 1
        if len(self.failed) < MAX_LISTED_PROBLEMS:
            self.failed.append((str(rec.get("id")), str(rec.get("stage")), str(rec.get("message") or rec.get("error"))))

    def add_unreadable(self, where: str, why: str) -> None:
        """Count a line that is not a record."""
        self.n_unreadable += 1
        if len(self.unreadable) < MAX_LISTED_PROBLEMS:
            self.unreadable.append(f"{where}: {why}")


def read_lines(paths: Iterable[str], corpus: Corpus) -> Iterator[dict]:
    """Records from JSONL files (``.gz`` too); other lines are counted in ``corpus``."""
    for p in paths:
        opener = gzip.open if str(p).endswith(".gz") else open
        with opener(p, "rt", encoding="utf-8", errors="replace") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    corpus.add_unreadable(f"{p}:{n}", f"not JSON ({exc.msg})")
                    continue
                if not isinstance(rec, dict) or "id" not in rec:
                    corpus.add_unreadable(f"{p}:{n}", "not a record (no id)")
                elif "stage" in rec and "text" not in rec:
                    corpus.add_failed(rec)
                elif not isinstance(rec.get("text"), str):
                    corpus.add_unreadable(f"{p}:{n}", f"record {rec.get('id')!r} has no text")
                else:
                    yield rec


# --------------------------------------------------------------------------- overview


def _nice_max(v: float) -> float:
    """The smallest 1, 2 or 5 × 10^k at least ``v``.

    >>> _nice_max(2011), _nice_max(0), _nice_max(50)
    (5000, 1, 50)
    """
    if v <= 0:
        return 1
    k = 1
    while k * 10 <= v:
        k *= 10
    for m in (1, 2, 5, 10):
        if m * k >= v:
            return m * k
    return 10 * k  # pragma: no cover


def model_chart(series: dict[str, list[tuple[int, int]]], width: int = 820, height: int = 320) -> str:
    """Reported totals of models per province over the years as an inline SVG line chart.

    Args:
        series: province → [(year, value), ...].
    Returns:
        ``<svg>`` markup (escaped names, ``<title>`` tooltips on the points).
    """
    if not series:
        return '<p class="muted">No total count of models with a province and a year.</p>'
    left, right, top, bottom = 60, 190, 14, 34
    pw, ph = width - left - right, height - top - bottom
    years = sorted({y for pts in series.values() for y, _ in pts})
    y0, y1 = years[0], years[-1]
    vmax = _nice_max(max(v for pts in series.values() for _, v in pts))

    def x(year: int) -> float:  # half a year of margin at both ends
        return left + (year - y0 + 0.5) * pw / (y1 - y0 + 1)

    def y(v: float) -> float:
        return top + ph - v * ph / vmax

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
           f'aria-label="Models reported per province and year" class="chart">']
    for i in range(6):
        v = vmax * i / 5
        out.append(f'<line x1="{left}" x2="{left + pw}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#e5e5e5"/>'
                   f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{_fmt(round(v, 2))}</text>')
    step = max(1, (y1 - y0) // 10 + 1)
    for yr in range(y0, y1 + 1, step):
        out.append(f'<text x="{x(yr):.1f}" y="{top + ph + 20}" text-anchor="middle">{yr}</text>')
    out.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + ph}" stroke="#999"/>'
               f'<line x1="{left}" x2="{left + pw}" y1="{top + ph}" y2="{top + ph}" stroke="#999"/>')
    for i, (prov, pts) in enumerate(series.items()):
        colour = CHART_COLOURS[i % len(CHART_COLOURS)]
        pts = sorted(pts)
        if len(pts) > 1:
            path = " ".join(f"{x(a):.1f},{y(b):.1f}" for a, b in pts)
            out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>')
        for a, b in pts:
            out.append(f'<circle cx="{x(a):.1f}" cy="{y(b):.1f}" r="4" fill="{colour}">'
                       f"<title>{esc(prov)} {a}: {b} mô hình</title></circle>")
        ly = top + 8 + i * 18
        out.append(f'<rect x="{left + pw + 14}" y="{ly - 9}" width="12" height="12" fill="{colour}"/>'
                   f'<text x="{left + pw + 32}" y="{ly + 1}">{esc(prov)}</text>')
    out.append("</svg>")
    return "".join(out)


def _freq_table(title: str, counter: Counter, limit: int | None = None, by_key: bool = False) -> str:
    items = sorted(counter.items()) if by_key else counter.most_common()
    shown = items[:limit] if limit else items
    top = max(counter.values(), default=1)
    rows = "".join(f'<tr><td>{esc(k)}</td><td class="num">{v}</td>'
                   f'<td><span class="bar" style="width:{120 * v / top:.0f}px"></span></td></tr>' for k, v in shown)
    more = f'<p class="muted">… and {len(items) - len(shown)} more</p>' if len(shown) < len(items) else ""
    return (f"<div><h3>{esc(title)}</h3><table><tr><th></th><th class=\"num\">articles</th><th></th></tr>"
            f"{rows}</table>{more}</div>")


def _article_href(row_page: int, art: int, files: str, from_overview: bool) -> str:
    base = f"{files}/" if from_overview else ""
    return f"{base}page-{row_page}.html#a{art}"


def index_table(rows: list[IndexRow], files: str, from_overview: bool) -> str:
    """The article index: one row per article with its numbers of items and warnings."""
    head = "".join(f'<th class="num" title="{esc(TYPES[k][0])}">{esc(TYPES[k][0][:3])}</th>' for k in FIELD_TYPES)
    body = []
    for r in rows:
        href = _article_href(r.page, r.art, files, from_overview)
        nums = "".join(f'<td class="num">{r.counts.get(k, 0) or ""}</td>' for k in FIELD_TYPES)
        warn = f'<td class="num bad">{r.warnings}</td>' if r.warnings else '<td class="num"></td>'
        body.append(f'<tr><td class="num">{r.art}</td><td><a href="{esc(href)}">{esc(r.title or r.id)}</a>'
                    f'<br><span class="muted">{esc(r.id)}</span></td><td>{esc(r.outlet)}</td>'
                    f'<td class="date">{esc(r.published)}</td><td>{esc(r.province)}</td>{nums}{warn}</tr>')
    return (f"<table class=\"index\"><tr><th>#</th><th>article</th><th>outlet</th><th>published</th><th>province</th>"
            f"{head}<th class=\"num\">warn</th></tr>{''.join(body)}</table>")


def page_html(title: str, body: str, nav: str = "") -> str:
    """A whole self-contained HTML page."""
    return ("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
            f"{f'<nav class=top>{nav}</nav>' if nav else ''}{body}</body></html>\n")


def overview_html(corpus: Corpus, n_pages: int, files: str, index_pages: int, title: str) -> str:
    """The corpus overview page."""
    n = len(corpus.rows)
    stats = [f'<span class="stat"><b>{n}</b> articles</span>',
             f'<span class="stat"><b>{n_pages}</b> pages of articles</span>',
             f'<span class="stat"><b>{sum(1 for r in corpus.rows if r.warnings)}</b> with warnings</span>',
             f'<span class="stat"><b>{corpus.span_problems}</b> spans outside the text or off their evidence</span>']
    if corpus.n_failed:
        stats.append(f'<span class="stat bad"><b>{corpus.n_failed}</b> articles failed extraction</span>')
    if corpus.n_unreadable:
        stats.append(f'<span class="stat bad"><b>{corpus.n_unreadable}</b> unreadable lines</span>')
    parts = [f"<h1>{esc(title)}</h1>", f"<p>{''.join(stats)}</p>",
             "<h3>Extracted items (colours of the highlights)</h3>", legend_html(dict(corpus.totals))]

    # The chart: provinces with the most reported totals.
    by_prov: dict[str, list[tuple[int, int]]] = defaultdict(list)
    reports: Counter = Counter()
    for (prov, yr), (value, k, _) in corpus.model_totals.items():
        by_prov[prov].append((int(yr), value))
        reports[prov] += k
    chosen = [p for p, _ in sorted(reports.items(), key=lambda kv: (-kv[1], kv[0]))[:CHART_PROVINCES]]
    parts.append("<h3>Models over time per province</h3><p class=\"muted\">The largest total of models "
                 "(count category <code>total</code>) reported for the province in a year (the count's "
                 "<code>as_of</code>, else the article's date); district totals are left out. "
                 f"{min(len(by_prov), CHART_PROVINCES)} of {len(by_prov)} provinces drawn, all in the table.</p>")
    parts.append(model_chart({p: by_prov[p] for p in chosen}))
    if corpus.model_totals:
        rows = "".join(
            f'<tr><td>{esc(p)}</td><td>{esc(y)}</td><td class="num">{v}</td><td class="num">{k}</td>'
            f'<td><a href="{esc(_article_href(corpus.rows[a - 1].page, a, files, True))}">#{a}</a></td></tr>'
            for (p, y), (v, k, a) in sorted(corpus.model_totals.items()))
        parts.append("<details><summary>Table of the chart</summary><table><tr><th>province</th><th>year</th>"
                     f"<th class=\"num\">models</th><th class=\"num\">reports</th><th>from</th></tr>{rows}"
                     "</table></details>")

    parts.append('<div class="cols">' + _freq_table("Articles per province", corpus.provinces)
                 + _freq_table("Articles per outlet", corpus.outlets, TOP_OUTLETS)
                 + _freq_table("Articles per year", corpus.years, by_key=True) + "</div>")

    docs = sorted(corpus.documents.items(), key=lambda kv: (-kv[1][0], kv[0]))[:TOP_DOCUMENTS]
    drows = "".join(
        f'<tr><td><code>{esc(sym)}</code></td><td class="num">{k}</td><td>{esc(kinds.most_common(1)[0][0])}</td>'
        f'<td>{esc(issuers.most_common(1)[0][0] if issuers else "")}</td>'
        f'<td><a href="{esc(_article_href(page, art, files, True))}">#{art}</a></td></tr>'
        for sym, (k, kinds, issuers, (art, page)) in docs)
    parts.append(f"<h3>Most cited documents</h3><p class=\"muted\">{len(corpus.documents)} distinct symbols; "
                 "articles citing each.</p>"
                 + ("<table><tr><th>symbol</th><th class=\"num\">articles</th><th>kind</th><th>issuer</th>"
                    f"<th>first seen</th></tr>{drows}</table>" if drows else ""))

    if corpus.warnings:
        wrows = "".join(f'<tr><td>{esc(w)}</td><td class="num">{k}</td></tr>'
                        for w, k in corpus.warnings.most_common(TOP_WARNINGS))
        parts.append(f"<h3>Most frequent warnings</h3><table><tr><th>warning</th><th class=\"num\">articles</th>"
                     f"</tr>{wrows}</table>")
    if corpus.failed:
        frows = "".join(f"<tr><td>{esc(i)}</td><td>{esc(s)}</td><td>{esc(m)}</td></tr>" for i, s, m in corpus.failed)
        parts.append(f"<h3>Articles that failed extraction ({corpus.n_failed})</h3>"
                     f"<table><tr><th>id</th><th>stage</th><th>message</th></tr>{frows}</table>")
    if corpus.unreadable:
        parts.append(f"<h3>Unreadable lines ({corpus.n_unreadable})</h3><ul class=\"warn\">"
                     + "".join(f"<li>{esc(u)}</li>" for u in corpus.unreadable) + "</ul>")

    parts.append("<h3 id=\"index\">Articles</h3>")
    if index_pages == 1:
        parts.append(index_table(corpus.rows, files, True))
    else:
        links = " ".join(f'<a href="{esc(files)}/index-{k}.html">{(k - 1) * INDEX_ROWS + 1}–'
                         f"{min(k * INDEX_ROWS, n)}</a>" for k in range(1, index_pages + 1))
        parts.append(f"<p>The index is in {index_pages} pages: {links}</p>")
    return page_html(title, "".join(parts), nav=f'<b>{esc(title)}</b><a href="#index">articles</a>')


# --------------------------------------------------------------------------- writing


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
                 corpus: Corpus | None = None, title: str = "Review of extracted records") -> ReviewSummary:
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
    corpus = corpus or Corpus()
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


# --------------------------------------------------------------------------- headless Chromium


def find_chromium() -> str | None:
    """The path of a Chromium binary (Debian's ``chromium`` package), else None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(url: str, *, screenshot: Path | None = None, dump_dom: bool = False,
                 size: tuple[int, int] = (1280, 2000), timeout: float = 90) -> str:
    """Open ``url`` in headless Chromium; take a screenshot or return the DOM after load.

    Raises:
        FileNotFoundError: no Chromium (``apt-get install chromium``).
        RuntimeError: Chromium failed.
    """
    binary = find_chromium()
    if binary is None:
        raise FileNotFoundError("chromium not found: apt-get install -y --no-install-recommends chromium")
    with tempfile.TemporaryDirectory(prefix="review-chromium-") as profile:
        cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--hide-scrollbars", f"--user-data-dir={profile}", f"--window-size={size[0]},{size[1]}"]
        if screenshot is not None:
            cmd.append(f"--screenshot={screenshot}")
        if dump_dom:
            cmd.append("--dump-dom")
        cmd.append(url)
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0 or (screenshot is not None and not Path(screenshot).is_file()):
        raise RuntimeError(f"chromium exited with {proc.returncode}: {proc.stderr[-2000:]}")
    return proc.stdout


# --------------------------------------------------------------------------- command line


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``extractor review`` (for wiring into the main parser)."""
    p.add_argument("records", nargs="+", help="record JSONL files from extract (.gz too); error lines are listed")
    p.add_argument("-o", "--output", required=True,
                   help="overview HTML; the article pages go to <stem>_files/ beside it")
    p.add_argument("--per-page", type=int, default=PER_PAGE, help=f"articles per page (default {PER_PAGE})")
    p.add_argument("--title", default="Review of extracted records", help="title of the report")


def run(args: argparse.Namespace) -> int:
    """Run ``extractor review`` with parsed arguments. Exit 0; 1 if lines were unreadable; 2 bad input."""
    missing = [p for p in args.records if not Path(p).is_file()]
    if missing:
        print(f"extractor: no such records file: {', '.join(missing)}", file=sys.stderr)
        return 2
    if args.per_page < 1:
        print("extractor: --per-page must be at least 1", file=sys.stderr)
        return 2
    corpus = Corpus()
    try:
        summary = write_report(read_lines(args.records, corpus), args.output, per_page=args.per_page,
                               corpus=corpus, title=args.title)
    except OSError as exc:
        print(f"extractor: {exc}", file=sys.stderr)
        return 2
    extra = "".join(f", {n} {what}" for n, what in ((summary.failed, "failed articles listed"),
                                                    (summary.unreadable, "unreadable lines")) if n)
    print(f"extractor: {summary.articles} articles on {summary.pages} pages{extra} → {args.output}", file=sys.stderr)
    return 1 if summary.unreadable else 0


def main(argv: list[str] | None = None) -> int:
    """``extractor review RECORDS... -o report.html [--per-page N]``."""
    p = argparse.ArgumentParser(prog="extractor review", description=__doc__.splitlines()[0])
    add_arguments(p)
    return run(p.parse_args(argv))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
