"""What every review page shares: limits, span types and colours, CSS, CSP, value formatting.
"""
from __future__ import annotations

import re
from typing import Any

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
