"""Repeated mentions of one count merged into records, and the sum checks of breakdowns."""
from __future__ import annotations

from ...record import Check, Count, PlaceRef
from ...text.segment import ArticleText, ZoneKind
from .categories import _Cand

#: Zones that repeat the body (headline, photo captions): their counts merge into the body's.
_REPEATS = frozenset({ZoneKind.title, ZoneKind.caption})
#: Categories whose parts together make the whole of their total.
_FAMILIES = (("collective", "individual"), ("new", "maintained"))


def _complete(host: _Cand, parts: dict[str, int]) -> bool:
    """Whether the parts of one family (collective and individual, new and maintained, fields)
    found so far (their sums per category) add up to their total."""
    return any(all(k in parts for k in fam) and sum(parts[k] for k in fam) == host.value
               for fam in _FAMILIES + (("by_field",),))


def _finish(doc: ArticleText, cands: list[_Cand]) -> tuple[list[Count], list[Check]]:
    """Ratios take their total's place; repeated counts merge; records and sum checks."""
    text = doc.text
    # "1.274/2.011 mô hình": the place of the count of 2.011
    totals: dict[int, _Cand] = {}
    for t in cands:
        if t.of_total is None:
            totals.setdefault(t.value, t)
    for c in cands:
        if c.of_total is not None:
            tot = totals.get(c.of_total)
            if tot is not None:
                c.places = list(tot.places)
                c.as_of = c.as_of or tot.as_of
    # a repeated count whose sentence names no place is the count named before
    first: dict[tuple, _Cand] = {}
    for c in cands:
        k = (c.value, c.category, c.qualifier, c.unit, c.part_of)
        prev = first.setdefault(k, c)
        if prev is not c and not c.explicit and c.zone not in _REPEATS:
            c.places = list(prev.places)
    # one record per place (distributive lists), then merge repeats
    items: list[tuple[_Cand, PlaceRef | None]] = []
    for c in cands:
        for p in (c.places or [None]):
            items.append((c, p))
    merged: list[tuple[_Cand, PlaceRef | None, list[tuple[int, int]]]] = []

    def key(c: _Cand, p: PlaceRef | None):
        return (c.value, c.qualifier, c.unit, c.category, c.field, c.part_of, c.of_total, p.name if p else None)

    body = [(c, p) for c, p in items if c.zone not in _REPEATS]
    title = [(c, p) for c, p in items if c.zone in _REPEATS]
    index: dict[tuple, int] = {}

    def add(c: _Cand, p: PlaceRef | None) -> None:
        k = key(c, p)
        if k in index:
            merged[index[k]][2].append((c.start, c.end))
        else:
            index[k] = len(merged)
            merged.append((c, p, [(c.start, c.end)]))

    for c, p in body:
        add(c, p)
    for c, p in title:  # a headline count repeats one of the body
        same = next((m for m in merged if m[0].value == c.value and m[0].qualifier == c.qualifier
                     and m[0].unit == c.unit), None)
        if same is not None:
            same[2].append((c.start, c.end))
        else:
            add(c, p)
    records = []
    for c, p, mentions in merged:
        mentions = sorted(set(mentions))
        try:
            records.append(Count(value=c.value, qualifier=c.qualifier, unit=c.unit, category=c.category,
                                 field=c.field, part_of=c.part_of, of_total=c.of_total, locality=p,
                                 as_of=c.as_of, level=c.level, text=text[c.start:c.end], span=(c.start, c.end),
                                 mentions=mentions, rule=c.rule))
        except ValueError as exc:
            doc.warn(f"counts: dropped {text[c.start:c.end]!r}: {exc}")
    return records, _checks(doc, cands)


def _checks(doc: ArticleText, cands: list[_Cand]) -> list[Check]:
    """A sum check per breakdown whose parts are all given; a mismatch also warns."""
    out = []
    hosts: dict[int, _Cand] = {}
    parts: dict[int, list[_Cand]] = {}
    for c in cands:
        if c.host is not None:
            hosts[id(c.host)] = c.host
            parts.setdefault(id(c.host), []).append(c)
    for hid, ps in parts.items():
        host = hosts[hid]
        groups: list[list[_Cand]] = []
        for fam in _FAMILIES:
            g = [p for p in ps if p.category in fam]
            if {p.category for p in g} == set(fam):
                groups.append(g)
        g = [p for p in ps if p.category == "by_field"]
        if len(g) >= 2:
            groups.append(g)
        # "cấp tỉnh 215 mô hình, cấp xã 3.000 mô hình": one part per tier
        g = [p for p in ps if p.level is not None and p.level_before]
        if len(g) >= 2 and len({p.level for p in g}) == len(g):
            groups.append(g)
        for g in groups:
            total = sum(p.value for p in g)
            ok = total == host.value
            span = (host.start, max(p.end for p in g))
            out.append(Check(kind="sum", total=host.value, parts=[p.value for p in g],
                             status="ok" if ok else "mismatch", span=span))
            if not ok:
                doc.warn(f"counts: parts {[p.value for p in g]} sum to {total}, not the total {host.value} "
                         f"at {span[0]}")
    return out
