"""The overview page: frequency tables, the model chart, documents, warnings, the article index.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from ..render import esc, nice_max
from .article import legend_html
from .style import (
    CHART_COLOURS,
    CHART_PROVINCES,
    CSP,
    CSS,
    FIELD_TYPES,
    INDEX_ROWS,
    TOP_DOCUMENTS,
    TOP_OUTLETS,
    TOP_WARNINGS,
    TYPES,
    _fmt,
)
from .tally import IndexRow, Tally


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
    vmax = nice_max(max(v for pts in series.values() for _, v in pts))

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


def overview_html(corpus: Tally, n_pages: int, files: str, index_pages: int, title: str) -> str:
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
