"""One article of the review: its highlighted text, field tables, checks and warnings.
"""
from __future__ import annotations

from ..render import esc
from .spans import SpanRef, collect_spans, highlight
from .style import FIELD_TYPES, TYPES, _dict, _fmt, _list, _place, _str


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
