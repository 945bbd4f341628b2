"""The SVG line chart of a series (``extractor series -o chart.svg``).
"""
from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

from ..render import esc, nice_ticks
from .series import Point

#: How the chart writes a qualifier (the words the articles use).
QUALIFIER_WORDS = {"more_than": "hơn", "nearly": "gần", "about": "khoảng", "less_than": "dưới", "exact": ""}


def _fmt(v: float) -> str:
    return f"{v:,.0f}".replace(",", ".")  # Vietnamese groups thousands with a dot


def render_svg(points: list[Point], title: str, subtitle: str = "") -> str:
    """A publication-ready SVG line chart of a series.

    Exact facts are filled dots joined by a line; a vague fact (``hơn 2.000``) is an open
    dot at its stated value with a bar over its range; conflicting facts are red. Each dot
    is labelled with its value and the number of independent sources.
    """
    w, h, ml, mr, mt, mb = 720, 420, 80, 30, 60, 70
    pw, ph = w - ml - mr, h - mt - mb
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
           'font-family="DejaVu Serif, Times New Roman, serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{w / 2}" y="24" text-anchor="middle" font-size="16">{esc(title)}</text>',
           f'<text x="{w / 2}" y="42" text-anchor="middle" fill="#444">{esc(subtitle)}</text>']
    if not points:
        out.append(f'<text x="{w / 2}" y="{h / 2}" text-anchor="middle">no data</text></svg>')
        return "\n".join(out)
    # whole years on the x axis, so that every year band is labelled
    x0 = date(min(p.when for p in points).year, 1, 1).toordinal()
    x1 = date(max(p.when for p in points).year + 1, 1, 1).toordinal()
    pad = (x1 - x0) * 0.03
    x0, x1 = x0 - pad, x1 + pad
    tops = [p.fact.hi if p.fact.hi != math.inf else p.fact.value for p in points]
    yt = nice_ticks(0, max(max(tops), max(p.fact.value for p in points)) * 1.1)
    y1 = yt[-1]

    def sx(o: float) -> float:
        return ml + (o - x0) / (x1 - x0) * pw

    def sy(v: float) -> float:
        return mt + ph - v / y1 * ph

    out.append('<g stroke="#999" stroke-width="0.5">'
               + "".join(f'<line x1="{ml}" x2="{ml + pw}" y1="{sy(t):.1f}" y2="{sy(t):.1f}"/>' for t in yt) + "</g>")
    out.append("".join(f'<text x="{ml - 8}" y="{sy(t) + 4:.1f}" text-anchor="end">{_fmt(t)}</text>' for t in yt))
    # ticks at year boundaries, each year's label in the middle of its band: a count "as of
    # 2022" sits at the right end of the 2022 band
    for y in range(date.fromordinal(int(x0)).year, date.fromordinal(int(x1)).year + 2):
        o, mid = date(y, 1, 1).toordinal(), date(y, 7, 2).toordinal()
        if x0 <= o <= x1:
            out.append(f'<line x1="{sx(o):.1f}" x2="{sx(o):.1f}" y1="{mt + ph}" y2="{mt + ph + 5}" stroke="black"/>')
        if x0 <= mid <= x1:
            out.append(f'<text x="{sx(mid):.1f}" y="{mt + ph + 20}" text-anchor="middle">{y}</text>')
    out.append(f'<path d="M{ml},{mt} V{mt + ph} H{ml + pw}" fill="none" stroke="black"/>')
    out.append(f'<text x="{ml + pw / 2}" y="{h - 20}" text-anchor="middle">thời điểm (as of)</text>')
    out.append(f'<text transform="translate(18,{mt + ph / 2}) rotate(-90)" text-anchor="middle">số mô hình</text>')
    line = [p for p in points if p.fact.qualifier == "exact" and not p.fact.conflict_with and p.complete]
    if len(line) > 1:
        d = " ".join(f"{'M' if k == 0 else 'L'}{sx(p.when.toordinal()):.1f},{sy(p.fact.value):.1f}"
                     for k, p in enumerate(line))
        out.append(f'<path d="{d}" fill="none" stroke="#1f4e79" stroke-width="1.5"/>')
    same_day: dict[date, list[Point]] = defaultdict(list)
    for p in points:
        same_day[p.when].append(p)
    for p in points:
        f = p.fact
        cx, cy = sx(p.when.toordinal()), sy(f.value)
        # labels of points on one date go above the highest and below the others
        above = p is max(same_day[p.when], key=lambda q: q.fact.value)
        ly = cy - 7 if above else cy + 15
        anchor, lx = ("end", cx - 7) if cx > ml + 0.8 * pw else ("start", cx + 7)
        color = "#b22222" if f.conflict_with else "#1f4e79" if p.complete else "#7a7a7a"
        if f.qualifier != "exact":
            top = sy(min(f.hi, y1)) if f.hi != math.inf else mt
            out.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{sy(f.lo):.1f}" y2="{top:.1f}" stroke="{color}" '
                       'stroke-dasharray="3,2"/>')
        fill = color if f.qualifier == "exact" else "white"
        n_src = f.independent
        tip = (f"<title>{esc(p.period)}: {esc(f.label())}, {n_src} independent report(s)"
               f"{', mapped: ' + esc(p.mapped) if p.mapped else ''}</title>")
        if p.complete:
            out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="{fill}" stroke="{color}" '
                       f'stroke-width="1.5">{tip}</circle>')
        else:  # a predecessor's own count: part of the later unit, off the line
            out.append(f'<rect x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" fill="{fill}" '
                       f'stroke="{color}" stroke-width="1.5">{tip}</rect>')
        out.append(f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" font-size="10" fill="{color}">'
                   f"{esc((QUALIFIER_WORDS.get(f.qualifier, f.qualifier) + ' ' + _fmt(f.value)).strip())}"
                   f" (n={n_src})</text>")
    out.append("</svg>")
    return "\n".join(out)
