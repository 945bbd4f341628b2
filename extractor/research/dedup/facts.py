"""Count evidence of records, merged into facts; conflicts between facts.
"""
from __future__ import annotations

import hashlib
import json
import logging
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ...gazetteer import PRE2025
from ..qualifiers import value_range
from ..records import published_of as _published
from ..records import unit_era
from .places import _article_place, place_key

log = logging.getLogger(__name__)

#: Categories whose numbers are plans, not achieved counts: never a reported total.
TARGET_CATEGORIES = frozenset({"target"})


def _sub_key(c: dict[str, Any]) -> str | None:
    """What splits a category further: the field of ``by_field``, the level of ``by_level``."""
    if c.get("category") == "by_level":
        return c.get("level") or c.get("field")
    return c.get("field")


def count_evidence(rec: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """Fact evidence of one record's counts, and how many counts had no place at all."""
    out, unplaced = [], 0
    aid = str(rec["id"])
    article_place = _article_place(rec)
    for c in rec.get("counts") or []:
        try:
            value, span = int(c["value"]), [int(c["span"][0]), int(c["span"][1])]
        except (KeyError, TypeError, ValueError, IndexError):
            log.warning("article %s: count without value or span skipped: %r", aid, c)
            continue
        loc = c.get("locality") or {}
        if loc.get("name") and loc.get("level"):
            name, level, code = loc["name"], loc["level"], loc.get("code")
            province = loc.get("province") or (rec.get("locality") or {}).get("province")
            source = "count"
        elif article_place:
            (name, level, code, province), source = article_place, "article"
        else:
            unplaced += 1
            continue
        if level == "province":
            province = name
        era = unit_era(rec, name, level, code)
        qualifier = c.get("qualifier") or "exact"
        lo, hi = value_range(value, qualifier, c.get("text"))
        as_of = c.get("as_of")
        category = c.get("category") or "total"
        out.append({
            "article_id": aid, "outlet": rec.get("outlet"), "published": _published(rec),
            "place": name, "place_level": level, "place_code": code, "place_era": era, "province": province,
            "place_source": source, "place_key": place_key(name, level, code, province, era),
            "unit": c.get("unit") or "mô hình", "category": category, "field": c.get("field"),
            "level": c.get("level"), "sub": _sub_key(c),
            "as_of": as_of or _published(rec), "as_of_source": "count" if as_of else "published",
            "value": value, "qualifier": qualifier, "lo": lo, "hi": None if hi == math.inf else hi,
            "text": c.get("text"), "span": span,
        })
    return out, unplaced


# --------------------------------------------------------------------------- facts

@dataclass
class Fact:
    """Reports of one count: one place, thing, category and period, compatible values."""

    fact_id: str
    key: tuple[str, str, str, str | None, str]
    value: int
    qualifier: str
    lo: float
    hi: float
    evidence: list[dict[str, Any]]
    conflict_with: list[str] = field(default_factory=list)

    @property
    def first(self) -> dict[str, Any]:
        return self.evidence[0]

    @property
    def independent(self) -> int:
        """Independent reports: near-duplicate clusters, not articles (a copy is no new report)."""
        return len({e.get("cluster", e["article_id"]) for e in self.evidence})

    @property
    def is_target(self) -> bool:
        """A planned number (``phấn đấu đạt …``), not an achieved count."""
        return self.key[2] in TARGET_CATEGORIES

    def label(self) -> str:
        """``2011`` or ``more_than 2000``."""
        return str(self.value) if self.qualifier == "exact" else f"{self.qualifier} {self.value}"


def _fact_id(key: tuple, anchor: Any) -> str:
    raw = json.dumps([list(key), anchor], ensure_ascii=False, default=str)
    return "f" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def _rng(e: dict[str, Any]) -> tuple[float, float]:
    return e["lo"], math.inf if e["hi"] is None else e["hi"]


def _group_values(key: tuple, evs: list[dict[str, Any]]) -> list[Fact]:
    """Split the evidence of one key into facts of compatible values."""
    evs = sorted(evs, key=lambda e: (e["article_id"], e["span"]))
    facts: list[Fact] = []
    exact: dict[int, Fact] = {}
    for e in evs:
        if e["qualifier"] == "exact":
            f = exact.get(e["value"])
            if f is None:
                f = exact[e["value"]] = Fact(_fact_id(key, e["value"]), key, e["value"], "exact", e["value"],
                                             e["value"], [])
                facts.append(f)
            f.evidence.append(e)
    vague = []
    for e in evs:
        if e["qualifier"] == "exact":
            continue
        lo, hi = _rng(e)
        fits = [f for f in exact.values() if lo <= f.value <= hi]
        if fits:  # the exact value the vague report is closest to (then the most reported)
            best = min(fits, key=lambda f: (abs(f.value - e["value"]), -len(f.evidence), f.value))
            best.evidence.append(e)
        else:
            vague.append(e)
    vague.sort(key=lambda e: (_rng(e), e["article_id"], e["span"]))
    group: list[dict[str, Any]] = []
    low, high = -math.inf, math.inf

    def close() -> None:
        if group:
            tightest = min(group, key=lambda e: (_rng(e)[1] - _rng(e)[0], e["value"]))
            facts.append(Fact(_fact_id(key, [low, None if high == math.inf else high]), key, tightest["value"],
                              tightest["qualifier"], low, high, list(group)))

    for e in vague:
        lo, hi = _rng(e)
        if group and max(low, lo) <= min(high, hi):
            low, high = max(low, lo), min(high, hi)
            group.append(e)
        else:
            close()
            group, low, high = [e], lo, hi
    close()
    for f in facts:
        f.evidence.sort(key=lambda e: (e["published"] or "", e["article_id"], e["span"]))
    if len(facts) > 1:
        for f in facts:
            f.conflict_with = [g.fact_id for g in facts if g is not f]
    return facts


def merge_facts(evidence: Iterable[dict[str, Any]],
                clusters: dict[str, tuple[Any, str | None]] | None = None) -> list[Fact]:
    """Count evidence → facts: same place (and era), thing, category, field/level and period,
    compatible values.

    A place named without a code takes the code another report gives the same name
    (level, name, province and era alike) when exactly one code is given for it.

    Args:
        evidence: :func:`count_evidence` items.
        clusters: article id → (near-duplicate cluster, the cluster's earliest publication
            date). Copies of one article are one report: a count dated only by its article
            takes the cluster's earliest date, so three syndicated copies give one fact (of
            one independent report), not three facts on three dates.

    Returns:
        facts sorted by place, category and period; a key with several facts has all of
        them in conflict (``conflict_with`` names the others).
    """
    clusters = clusters or {}
    evidence = [_in_cluster(e, clusters) for e in evidence]
    aliases: dict[str, set[str]] = defaultdict(set)
    for e in evidence:
        if e["place_code"]:
            aliases[place_key(e["place"], e["place_level"], None, e["province"], e["place_era"])].add(e["place_key"])
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for e in evidence:
        pk = e["place_key"]
        if not e["place_code"] and len(aliases.get(pk, ())) == 1:
            pk = next(iter(aliases[pk]))
        groups[(pk, e["unit"], e["category"], e["sub"], e["as_of"] or "")].append(e)
    facts = []
    for key in sorted(groups, key=lambda k: tuple(x or "" for x in k)):
        facts.extend(_group_values(key, groups[key]))
    return facts


def _in_cluster(e: dict[str, Any], clusters: dict[str, tuple[Any, str | None]]) -> dict[str, Any]:
    """A copy of one evidence item with its cluster, dated by the cluster when the count has no date."""
    cid, first = clusters.get(e["article_id"], (e["article_id"], None))
    out = {**e, "cluster": cid}
    out.setdefault("place_era", PRE2025)  # evidence of states written before eras were kept
    out.setdefault("sub", e.get("field"))
    if e.get("as_of_source") == "published" and first:
        out["as_of"] = first
        if first != e["as_of"]:
            out["as_of_source"] = "cluster"
    return out


def conflicts(facts: list[Fact]) -> list[tuple[Fact, Fact]]:
    """Pairs of facts that report one place, thing and period with incompatible values."""
    by_id = {f.fact_id: f for f in facts}
    out = []
    for f in facts:
        for other in f.conflict_with:
            if f.fact_id < other:
                out.append((f, by_id[other]))
    return out


def describe_conflict(a: Fact, b: Fact) -> str:
    """One line naming both sides of a conflict."""
    e = a.first
    where = f"{e['place']} ({e['place_level']}) {e['unit']}/{e['category']}" + (f"/{e['sub']}" if e.get("sub") else "")
    sides = [f"{f.label()} [{', '.join(sorted({x['article_id'] for x in f.evidence}))}]" for f in (a, b)]
    return f"conflict: {where} as of {a.key[4] or '?'}: {sides[0]} vs {sides[1]}"
