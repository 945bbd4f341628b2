"""What the overview shows, gathered in one pass over the records.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ...gazetteer import ERA_2025
from ..records import open_records, unit_era
from .style import MAX_LISTED_PROBLEMS, _dict, _list, _str, _year


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
class Tally:
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


def read_lines(paths: Iterable[str], corpus: Tally) -> Iterator[dict]:
    """Records from JSONL files (``.gz`` too); other lines are counted in ``corpus``."""
    for p in paths:
        with open_records(p, errors="replace") as fh:
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
