"""The spans of a record, nested and drawn as highlights over its text.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Any

from ..render import esc
from .style import MAX_HEIGHT, TYPES, _dict, _fmt, _list


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
