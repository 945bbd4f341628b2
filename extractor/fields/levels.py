"""The level words of ``patterns/places.yaml`` ``level_words`` as the other fields read them.

Places is the home of the concept; counts, models and officials ask here instead of
writing their own lists (the copies disagreed: one had "sóc", another "khóm", a third no
village words at all).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..rules import Rules

#: Labels of the rules for units with a code (province, city, district, commune).
_UNIT_LABELS = frozenset({"province", "city", "district", "commune"})


@dataclass(frozen=True)
class LevelWords:
    units: tuple[str, ...]         # written in full, lower case: tỉnh, thành phố, huyện, quận, thị xã, xã, phường, thị trấn
    villages: tuple[str, ...]      # thôn, bản, tổ dân phố, khu phố, xóm, ấp, làng …
    abbreviations: tuple[str, ...]  # case-sensitive short forms: TP, TP., TX …

    @property
    def lower(self) -> frozenset[str]:
        """Every lower-case level word, units and villages."""
        return frozenset(self.units) | frozenset(self.villages)


def compile_level_words(rules: Rules) -> LevelWords:
    """The level words of ``rules``' places file: units written in full (not the
    case-sensitive abbreviations, not the known-only ``đặc khu``), villages, abbreviations
    of cities and towns (not the address forms ``Q.``/``P.``)."""
    units: list[str] = []
    villages: list[str] = []
    abbreviations: list[str] = []
    for r in rules.file("places").section("level_words"):
        data = r.data or {}
        if data.get("abbrev") or data.get("known_only"):
            continue
        if data.get("case"):
            abbreviations.extend(r.phrases)
        elif r.label in _UNIT_LABELS:
            units.extend(r.phrases)
        elif r.label == "village":
            villages.extend(r.phrases)
    return LevelWords(tuple(units), tuple(villages), tuple(abbreviations))
