"""Place keys of counts: the article's unit, and units across the 1 July 2025 reform.
"""
from __future__ import annotations

import functools
from typing import Any

from ...gazetteer import ERA_2025, PRE2025
from ...text.norm import tone_key
from ..records import gazetteer_units as _gazetteer

# --------------------------------------------------------------------------- evidence from records

def _article_place(rec: dict[str, Any]) -> tuple[str, str, str | None, str | None] | None:
    """The most specific unit of the article's main locality: (name, level, code, province)."""
    loc = rec.get("locality") or {}
    for level in ("commune", "district", "province"):
        if loc.get(level):
            return loc[level], level, loc.get(f"{level}_code"), loc.get("province")
    return None


@functools.lru_cache(maxsize=256)
def successor(name: str, code: str | None) -> tuple[str, str] | None:
    """The 2025 province (name, code) a pre-2025 province became (Nghị quyết 202/2025/QH15).

    >>> successor("Bắc Giang", "24")
    ('Bắc Ninh', '24')
    >>> successor("Thái Nguyên", "19")
    ('Thái Nguyên', '19')
    """
    g = _gazetteer()
    units = [u for u in g.lookup(name, "province", era=PRE2025) if code is None or u.code == code]
    if len(units) != 1 or not units[0].current_province:
        return None
    new = g.lookup(units[0].current_province, "province", era=ERA_2025)
    return (new[0].name, new[0].code) if new else None


@functools.lru_cache(maxsize=4096)
def current_province(name: str, level: str, code: str | None, era: str) -> tuple[str | None, str | None]:
    """The 2025 province (name, code) a unit lies in; (None, None) when unknown.

    >>> current_province("Bắc Giang", "province", "24", "pre2025")
    ('Bắc Ninh', '24')
    """
    g = _gazetteer()
    units = ([g.by_code[(era, level, code)]] if code and (era, level, code) in g.by_code
             else g.lookup(name, level, era=era) if level in ("province", "district", "commune") else [])
    names = {u.current_province for u in units if u.current_province}
    if len(names) != 1:
        return None, None
    new = g.lookup(names.pop(), "province", era=ERA_2025)
    return (new[0].name, new[0].code) if new else (None, None)


def place_key(name: str, level: str, code: str | None, province: str | None, era: str = PRE2025) -> str:
    """Identity of a place in one era: its code where known, else level, name and province normalised.

    Codes (and names: Bắc Ninh) are reused across the 2025 reorganisation, so the era is
    part of every key.

    >>> place_key("Bắc Kạn", "province", "06", None)
    'province#pre2025#06'
    >>> place_key("Bắc Ninh", "province", "24", None, "2025")
    'province#2025#24'
    >>> place_key("Thanh Hoá", "province", None, None) == place_key("thanh hóa", "province", None, None)
    True
    """
    if code:
        return f"{level}#{era}#{code}"
    prov = "" if level == "province" else tone_key(province or "")
    return f"{level}|{era}|{tone_key(name)}|{prov}"


def predecessors(name: str, code: str | None) -> list[tuple[str, str]]:
    """The pre-2025 provinces (name, code) merged into a 2025 province.

    >>> predecessors("Thái Nguyên", "19")
    [('Bắc Kạn', '06'), ('Thái Nguyên', '19')]
    """
    g = _gazetteer()
    return sorted((u.name, u.code) for u in g.units
                  if u.era == PRE2025 and u.level == "province" and successor(u.name, u.code) == (name, code))
