"""Series: the facts of one place over time, each point with its evidence.
"""
from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from ...gazetteer import ERA_2025, PRE2025
from ...rules import Rules, default_rules
from ...text.chars import alt
from ...text.norm import tone_key
from .facts import Fact, _fact_id
from .places import place_key, predecessors, successor

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- series

@dataclass
class Point:
    """One point of a series: a fact at its period.

    ``mapped`` says where a point of the mapped view comes from: ``Bắc Giang (pre2025, 24)``
    for a predecessor's own count (a part of the later unit, not its total), or ``sum of …``
    when every predecessor reported an exact count for the period (``complete``).
    """

    period: str
    when: date
    fact: Fact
    mapped: str | None = None
    complete: bool = True


class Place(NamedTuple):
    """A unit of one era, as the facts name it."""

    key: str
    name: str
    level: str
    code: str | None
    era: str

    def label(self) -> str:
        """``Bắc Ninh (province, 2025, 24)``."""
        return f"{self.name} ({self.level}, {self.era}{', ' + self.code if self.code else ''})"


#: ``--era`` of ``extractor series``: one era, or the 2025 unit with its predecessors.
ERAS = (PRE2025, ERA_2025, "mapped")


def _period_end(period: str) -> date | None:
    """The last day of an ISO period: ``2020`` → 2020-12-31, ``2020-02`` → 2020-02-29.

    >>> _period_end("2020-02")
    datetime.date(2020, 2, 29)
    """
    m = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", period or "")
    if not m:
        return None
    y, mo, d = int(m[1]), int(m[2] or 12), m[3]
    try:
        if d:
            return date(y, mo, int(d))
        nxt = date(y + (mo == 12), mo % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    except ValueError:
        return None


def _place_of(f: Fact) -> Place:
    e = f.first
    codes = sorted({x["place_code"] for x in f.evidence if x["place_code"]})
    return Place(f.key[0], e["place"], e["place_level"], codes[0] if codes else None, e.get("place_era", PRE2025))


#: The levels of a unit ``extractor series --place`` may name (villages have no facts of their own).
QUERY_LEVELS = ("province", "city", "district", "commune")


def compile_query_level(rules: Rules) -> re.Pattern[str]:
    """A leading level word of a ``--place`` query (places.yaml ``level_words`` of the
    levels in :data:`QUERY_LEVELS`, abbreviations with a dot excepted), case ignored."""
    words = [p for r in rules.file("places").section("level_words") if r.label in QUERY_LEVELS
             and not (r.data or {}).get("abbrev") for p in r.phrases]
    return re.compile(rf"^{alt(words, what='level words')}\s+", re.IGNORECASE)


def find_places(facts: list[Fact], query: str, level: str | None = None, era: str | None = None,
                ) -> dict[str, Place]:
    """Units (each of one era) whose code or name matches ``query``, by place key.

    A leading level word (``tỉnh``, ``huyện`` …) of the query is ignored. ``era``
    ``pre2025``/``2025`` keeps the units of that era; ``mapped`` keeps the 2025 provinces
    the query names, or those a pre-2025 province it names became.
    """
    q = query.strip()
    q_name = default_rules().compiled(compile_query_level).sub("", q)
    found: dict[str, Place] = {}
    for f in facts:
        e = f.first
        if level and e["place_level"] != level:
            continue
        codes = {x["place_code"] for x in f.evidence if x["place_code"]}
        if q in codes or tone_key(q_name) in {tone_key(x["place"]) for x in f.evidence}:
            found.setdefault(f.key[0], _place_of(f))
    if era == "mapped":
        return _mapped_targets(found, facts)
    if era:
        found = {k: p for k, p in found.items() if p.era == era}
    return found


def _mapped_targets(found: dict[str, Place], facts: list[Fact]) -> dict[str, Place]:
    """The 2025 provinces of a mapped view: those found, and the successors of pre-2025 ones."""
    out: dict[str, Place] = {}
    for p in found.values():
        if p.level != "province":
            continue
        if p.era == ERA_2025:
            out.setdefault(p.key, p)
            continue
        nxt = successor(p.name, p.code)
        if nxt:
            key = place_key(nxt[0], "province", nxt[1], None, ERA_2025)
            out.setdefault(key, Place(key, nxt[0], "province", nxt[1], ERA_2025))
    return out



def _selected(f: Fact, category: str, unit: str | None, sub: str | None) -> bool:
    _, u, cat, fsub, _ = f.key
    return cat == category and not (unit and u != unit) and not (sub and fsub != sub)


def build_series(facts: list[Fact], place_key_: str, category: str = "total", unit: str | None = None,
                 field_: str | None = None) -> list[Point]:
    """The facts of one place (of one era) and category in time order (periods that are no
    date are left out). ``field_`` selects the field of ``by_field`` or the level of ``by_level``."""
    points = []
    for f in facts:
        if f.key[0] != place_key_ or not _selected(f, category, unit, field_):
            continue
        when = _period_end(f.key[4])
        if when is None:
            log.warning("fact %s: period %r is not a date; left out of the series", f.fact_id, f.key[4])
            continue
        points.append(Point(f.key[4], when, f))
    points.sort(key=lambda p: (p.when, p.fact.value))
    return points


def mapped_series(facts: list[Fact], place: Place, category: str = "total", unit: str | None = None,
                  field_: str | None = None) -> list[Point]:
    """A 2025 province over time across the reform, through the official old → new mapping.

    Its own facts, plus the facts of the pre-2025 provinces merged into it, each marked with
    the province it comes from (a part of the later unit, ``complete`` false). For a period
    and counted thing where every predecessor has exactly one exact, unconflicted fact, one
    more point: their sum, marked ``sum of …`` and complete.
    """
    points = build_series(facts, place.key, category, unit, field_)
    olds = predecessors(place.name, place.code)
    by_old: dict[tuple[str, str], list[Point]] = {}
    for name, code in olds:
        by_old[(name, code)] = [p for key in (place_key(name, "province", code, None, PRE2025),
                                              place_key(name, "province", None, None, PRE2025))
                                for p in build_series(facts, key, category, unit, field_)]
        for p in by_old[(name, code)]:
            points.append(Point(p.period, p.when, p.fact, f"{name} ({PRE2025}, {code})", complete=len(olds) == 1))
    if len(olds) > 1:
        cells: dict[tuple[str, str], dict[tuple[str, str], list[Fact]]] = defaultdict(lambda: defaultdict(list))
        for old, pts in by_old.items():
            for p in pts:
                cells[(p.period, p.fact.key[1])][old].append(p.fact)
        for (period, u), per_old in sorted(cells.items()):
            parts = [per_old[o] for o in olds]
            if all(len(fs) == 1 and fs[0].qualifier == "exact" and not fs[0].conflict_with for fs in parts):
                fs = [x[0] for x in parts]
                total = sum(x.value for x in fs)
                key = (place.key, u, category, field_, period)
                fact = Fact("m" + _fact_id(key, [x.fact_id for x in fs])[1:], key, total, "exact", total, total,
                            [e for x in fs for e in x.evidence])
                points.append(Point(period, _period_end(period) or date.min, fact,
                                    "sum of " + " + ".join(n for n, _ in olds), complete=True))
    points.sort(key=lambda p: (p.when, 0 if p.mapped is None else 1 if p.complete else 2, p.fact.value))
    return points
