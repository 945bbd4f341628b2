"""The report of ``extractor check``: summary, JSON, CSV (formula-safe) and a self-contained HTML page.
"""
from __future__ import annotations

import base64
import csv
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..render import esc
from .matching import QUALIFIER_WORD, Result, Status, _part_label, vn_number
from .registers import Registry


def summarize(results: list[Result], reg: Registry, n_records: int, tolerance: float) -> dict[str, Any]:
    """Counts per status and per kind of check, with what was read."""
    by_status = Counter(str(r.status) for r in results)
    by_check: dict[str, dict[str, int]] = {}
    for r in results:
        by_check.setdefault(r.check, Counter())[str(r.status)] += 1  # type: ignore[index]
    return {"records": n_records, "comparisons": len(results),
            "by_status": {str(s): by_status.get(str(s), 0) for s in Status},
            "by_check": {k: dict(v) for k, v in by_check.items()},
            "registers": reg.files, "register_rows": {"counts": len(reg.counts), "documents": len(reg.documents)},
            "tolerance": tolerance}


def report_dict(results: list[Result], summary: dict[str, Any]) -> dict[str, Any]:
    """The JSON report: ``{"summary": …, "results": […]}``."""
    return {"summary": summary, "results": [r.to_dict() for r in results]}


CSV_COLUMNS = ["article_id", "check", "status", "subject", "reported", "register_value", "register_where",
               "register_source", "evidence", "span_start", "span_end", "reason"]


def _reported_text(r: Result) -> str:
    p = r.reported
    if r.check == "count":
        return f"{QUALIFIER_WORD.get(p.get('qualifier') or 'exact', '')}{vn_number(p.get('value'))}"
    if r.check == "document":
        return "; ".join(f"{k}={p[k]}" for k in ("kind", "issued", "issuer") if p.get(k))
    return f"{p.get('total')} = {' + '.join(_part_label(x) for x in p.get('parts') or [])}"


def _register_value(row: dict[str, Any], check: str) -> str:
    if check == "count":
        return str(row.get("value", ""))
    return "; ".join(f"{k}={row[k]}" for k in ("kind", "issued", "issuer") if row.get(k))


def csv_rows(results: list[Result]) -> Iterator[dict[str, Any]]:
    """One CSV row per result (register rows joined with `` | `` when several applied)."""
    for r in results:
        ev = r.evidence or {}
        span = ev.get("span") or [None, None]
        yield {"article_id": r.article_id, "check": r.check, "status": str(r.status), "subject": r.subject,
               "reported": _reported_text(r),
               "register_value": " | ".join(_register_value(x, r.check) for x in r.register),
               "register_where": " | ".join(x.get("where", "") for x in r.register),
               "register_source": " | ".join(x.get("source") or "" for x in r.register),
               "evidence": ev.get("text"), "span_start": span[0], "span_end": span[1], "reason": r.reason}


def write_json(report: dict[str, Any], out: str) -> None:
    """Write the report as JSON (``-``: stdout)."""
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    if out == "-":
        sys.stdout.write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")


#: First characters that make a spreadsheet read a cell as a formula (and tab/CR, which
#: some strip before looking): ``=HYPERLINK(…)`` in an article's text must stay text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(v: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a string starting like a formula gets a ``'``.

    >>> safe_cell("=1+2"), safe_cell("-5 mô hình"), safe_cell("2.011 mô hình"), safe_cell(12)
    ("'=1+2", "'-5 mô hình", '2.011 mô hình', 12)
    """
    return "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v


def write_csv(results: list[Result], out: str) -> None:
    """Write the results as CSV, UTF-8 (``-``: stdout); formula-like cells neutralised (:func:`safe_cell`)."""
    fh = sys.stdout if out == "-" else open(out, "w", encoding="utf-8", newline="")
    try:
        w = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        w.writeheader()
        w.writerows({k: safe_cell(v) for k, v in row.items()} for row in csv_rows(results))
    finally:
        if fh is not sys.stdout:
            fh.close()


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:2rem auto;max-width:70rem;
 padding:0 1rem;color:#1d1d1f;line-height:1.45}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ddd;padding:.3rem .5rem;
 vertical-align:top;text-align:left}th{background:#f4f4f6}
.badge{display:inline-block;padding:.05rem .45rem;border-radius:.6rem;font-size:.8rem;font-weight:600;color:#fff}
.contradiction,.mismatch{background:#c62828}.ambiguous{background:#ef6c00}.no_register_entry{background:#757575}
.consistent,.ok{background:#2e7d32}
.card{border:1px solid #ddd;border-left:6px solid #c62828;border-radius:4px;padding:.6rem 1rem;margin:1rem 0}
.card.ambiguous-card{border-left-color:#ef6c00}
.sentence{background:#fafafa;padding:.5rem;border-radius:4px;font-family:Georgia,serif}
mark{background:#ffe082;padding:0 .1rem}.muted{color:#666;font-size:.85rem}
"""


def _highlighted(ev: dict[str, Any] | None) -> str:
    if not ev:
        return '<span class="muted">(no evidence span)</span>'
    ss, _ = ev["sentence_span"]
    s, e = ev["span"]
    sent = ev["sentence"]
    a, b = s - ss, e - ss
    return f'<div class="sentence">{esc(sent[:a])}<mark>{esc(sent[a:b])}</mark>{esc(sent[b:])}</div>'


def _register_table(r: Result) -> str:
    if not r.register:
        return ""
    keys = ["value", "period", "sign", "kind", "issued", "issuer", "verdict", "rule", "source", "where"]
    rows = []
    for x in r.register:
        x = dict(x)
        if "value" in x:
            x["period"] = x.get("as_of") or (f"{x.get('from', '…')}..{x.get('to', '…')}"
                                             if ("from" in x or "to" in x) else "any")
        rows.append(x)
    used = [k for k in keys if any(k in x for x in rows)]
    head = "".join(f"<th>{esc(k)}</th>" for k in used)
    body = "".join("<tr>" + "".join(f"<td>{esc(x.get(k))}</td>" for k in used) + "</tr>" for x in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


#: The page's policy: nothing may load or run; only its own stylesheet (by hash) applies.
CSP = ("default-src 'none'; style-src 'sha256-"
       + base64.b64encode(hashlib.sha256(_CSS.encode("utf-8")).digest()).decode("ascii")
       + "'; img-src data:; base-uri 'none'; form-action 'none'")


def render_html(report: dict[str, Any], results: list[Result]) -> str:
    """A self-contained page (no script, no external file): summary, each discrepancy with its
    sentence and the evidence highlighted, then every other comparison. A
    Content-Security-Policy (:data:`CSP`) keeps the browser from running or loading anything."""
    s = report["summary"]
    badges = " ".join(f'<span class="badge {esc(k)}">{esc(k)} {v}</span>' for k, v in s["by_status"].items() if v)
    parts = ["<!DOCTYPE html>", '<html lang="vi"><head><meta charset="utf-8">',
             f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
             "<title>extractor check: register report</title>", f"<style>{_CSS}</style></head><body>",
             "<h1>Reported figures checked against the registers</h1>",
             f"<p>{s['records']} records, {s['comparisons']} comparisons against "
             f"{s['register_rows']['counts']} count rows and {s['register_rows']['documents']} document rows "
             f"({', '.join(esc(f) for f in s['registers'])}). Tolerance of <i>gần</i>/<i>khoảng</i>: "
             f"{s['tolerance']:.0%}.</p>", f"<p>{badges}</p>"]
    bad = [r for r in results if r.status in (Status.contradiction, Status.mismatch, Status.ambiguous)]
    parts.append(f"<h2>Discrepancies ({len(bad)})</h2>")
    if not bad:
        parts.append("<p>None: nothing the articles say contradicts the registers.</p>")
    for r in bad:
        cls = "card ambiguous-card" if r.status is Status.ambiguous else "card"
        parts.append(f'<div class="{cls}"><p><span class="badge {esc(r.status)}">{esc(r.status)}</span> '
                     f"<b>{esc(r.check)}</b>: {esc(r.subject)}<br><span class=\"muted\">{esc(r.article_id)}"
                     f"{' — ' + esc(r.title) if r.title else ''}</span></p>{_highlighted(r.evidence)}"
                     f"<p>{esc(r.reason)}</p>{_register_table(r)}</div>")
    bad_ids = {id(r) for r in bad}
    rest = [r for r in results if id(r) not in bad_ids]
    parts.append(f"<h2>Other comparisons ({len(rest)})</h2>")
    if rest:
        parts.append("<table><tr><th>status</th><th>article</th><th>check</th><th>subject</th>"
                     "<th>sentence</th><th>reason</th></tr>")
        for r in rest:
            parts.append(f'<tr><td><span class="badge {esc(r.status)}">{esc(r.status)}</span></td>'
                         f"<td>{esc(r.article_id)}</td><td>{esc(r.check)}</td><td>{esc(r.subject)}</td>"
                         f"<td>{_highlighted(r.evidence)}</td><td>{esc(r.reason)}</td></tr>")
        parts.append("</table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
