"""What the steps of places pass each other: a mention, the spans taken, the article's
context, and the gazetteer tests every step shares."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ... import gazetteer as gz
from .lexicon import tone_key


@dataclass
class _Mention:
    start: int                 # span of the name in doc.text
    end: int
    level: str                 # province / district / commune / village / city
    kind: str | None           # unit kind the level word names (soft)
    rule: str
    in_title: bool = False
    hints: list[tuple[str | None, str]] = field(default_factory=list)  # parents: (level, name)
    group: int = -1            # mentions sharing one level word share their parents
    bare: bool = False
    unit: gz.Unit | None = None
    final_level: str | None = None
    ambiguous: bool = False
    name: str = ""
    province: str | None = None  # the one province all candidates of an ambiguous name lie in


class _Taken:
    """Character spans already read, one flag per character: an overlap test costs the span's length."""

    def __init__(self, size: int, spans: list[tuple[int, int]] = ()) -> None:
        self._flags = bytearray(size + 1)
        for a, b in spans:
            self.add(a, b)

    def add(self, start: int, end: int) -> None:
        self._flags[start:end] = b"\x01" * max(0, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return 1 in self._flags[start:end]


_TOKEN = re.compile(r"\S+")


def _tokens(text: str, s: int, e: int) -> list[tuple[int, int]]:
    return [(s + m.start(), s + m.end()) for m in _TOKEN.finditer(text[s:e])]


def _known(g: gz.Gazetteer, name: str, level: str) -> bool:
    """Whether the gazetteer has a unit of this level so named (loosely only for two syllables or more)."""
    if level == "city":
        return g.known(name, "province") or g.known(name, "district")
    if level == "village":
        return False
    return g.known(name, level) or (" " in name.strip() and bool(g.lookup(name, level, loose=True)))


@dataclass
class _Context:
    g: gz.Gazetteer                                      # the gazetteer of the article's rules
    weights: Counter = field(default_factory=Counter)  # province tone_key -> weight
    names: dict[str, str] = field(default_factory=dict)  # tone_key -> province name
    districts: dict[str, list[int]] = field(default_factory=dict)  # district code -> mention starts
    post2025: bool = False
    dated: bool = False
    outlet_province: str | None = None

    def main(self) -> str | None:
        if not self.weights:
            return None
        key, w = self.weights.most_common(1)[0]
        return self.names[key] if w > 0 else None

    def provinces(self) -> set[str]:
        return {k for k, w in self.weights.items() if w > 0}

    def vote(self, name: str | None, w: float) -> None:
        if name:
            self.weights[tone_key(name)] += w
            self.names.setdefault(tone_key(name), name)


def _in(g: gz.Gazetteer, u: gz.Unit, name: str, same_era: bool = False) -> bool:
    """Whether unit ``u`` lies in (or is) the unit called ``name`` (either era, or with
    ``same_era`` only its own: a ward of Bà Rịa - Vũng Tàu lies in Hồ Chí Minh since 2025)."""
    key = g.parent_key(name)
    parents = (u.province, u.district) if same_era else (u.province, u.district, u.current_province)
    return key in {tone_key(x) for x in parents if x}


def _display(name: str) -> str:
    """A name as written, with a lower-case slip capitalised ("Quảng hồng" -> "Quảng Hồng")."""
    return " ".join(w[:1].upper() + w[1:] if w[:1].islower() else w for w in name.split())

