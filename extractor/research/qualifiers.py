"""What a qualified count can stand for: ``gần 2.000``, ``khoảng 500``, ``hàng trăm`` (one rule).

The check against registers (:func:`holds`) and the merging of repeated facts
(:func:`value_range`) read a count's qualifier by the same interval (:func:`interval`):

=============  =====================  =================================
qualifier      words                  values v of a reported N
=============  =====================  =================================
exact          —                      v = N
more_than      trên, hơn              v > N
less_than      dưới, chưa đến         0 ≤ v < N
nearly         gần                    N·(1 − t) ≤ v ≤ N
about          khoảng, chừng          N·(1 − t) ≤ v ≤ N·(1 + t)
about (order)  hàng trăm, hàng nghìn  N ≤ v < 10·N
=============  =====================  =================================

``t`` is :data:`TOLERANCE`: ``gần 2.000`` holds for 1.800–2.000 and ``khoảng 500`` for
450–550: a reporter who rounds by more than a tenth would pick the next round number
(``gần 1.800``, ``khoảng 400``). ``extractor check --tolerance`` overrides it.
"""
from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import NamedTuple

from ..rules import Rules, default_rules
from ..text.chars import alt
from ..text.norm import fold

#: Relative tolerance of ``gần`` (nearly) and ``khoảng`` (about).
TOLERANCE = 0.10



def compile_vague_order(rules: Rules) -> re.Pattern[str]:
    """Vague orders (``hàng trăm``, ``hàng nghìn``, ``hàng vạn``: the ``hàng …`` phrases of
    figures.yaml ``vague_orders``) at the start of a folded text (tones gone, ă/ê kept).

    They are counts with qualifier ``about`` and the order as value (SCHEMA); they hold for
    order ≤ v < 10 × order.
    """
    phrases = [fold(p).split() for r in rules.file("figures").section("vague_orders") for p in r.phrases]
    forms = [r"\s+".join(map(re.escape, words)) for words in phrases if words and words[0] == "hang"]
    return re.compile(rf"^\s*{alt(forms, escape=False, what='vague orders (hàng …)')}\b")


class Interval(NamedTuple):
    """The values a qualified count allows: ``lo``…``hi`` (``hi`` may be ``math.inf``), ends open or closed."""

    lo: Fraction
    hi: Fraction | float
    lo_open: bool = False
    hi_open: bool = False

    def __contains__(self, v: object) -> bool:
        if not isinstance(v, int | float | Fraction):
            return False
        above = v > self.lo if self.lo_open else v >= self.lo
        below = v < self.hi if self.hi_open else v <= self.hi
        return above and below


def is_vague_order(text: str | None) -> bool:
    """Whether a count's evidence is an order of magnitude (``hàng trăm`` …).

    >>> is_vague_order("hàng trăm mô hình"), is_vague_order("Hàng nghìn hộ"), is_vague_order("khoảng 100")
    (True, True, False)
    """
    return bool(text) and bool(default_rules().compiled(compile_vague_order).match(fold(text or "")))


def interval(qualifier: str, reported: int | float, text: str | None = "",
             tolerance: float = TOLERANCE) -> Interval:
    """The values a count ``reported`` with ``qualifier`` stands for (the table above).

    Unknown qualifiers are read as ``exact``.

    >>> interval("nearly", 2000)
    Interval(lo=Fraction(1800, 1), hi=Fraction(2000, 1), lo_open=False, hi_open=False)
    >>> 213 in interval("more_than", 200), 999 in interval("about", 100, "hàng trăm")
    (True, True)
    """
    n, tol = Fraction(str(reported)), Fraction(str(tolerance))
    if qualifier == "more_than":
        return Interval(n, math.inf, lo_open=True)
    if qualifier == "less_than":
        return Interval(Fraction(0), n, hi_open=True)
    if qualifier == "nearly":
        return Interval(n * (1 - tol), n)
    if qualifier == "about":
        if is_vague_order(text):
            return Interval(n, 10 * n, hi_open=True)
        return Interval(n - tol * n, n + tol * n)
    return Interval(n, n)


def holds(qualifier: str, reported: int | float, value: int | float, text: str | None = "",
          tolerance: float = TOLERANCE) -> bool:
    """Whether ``value`` (a register's) bears out a count ``reported`` with ``qualifier``.

    >>> holds("nearly", 2000, 1950), holds("nearly", 2000, 2050)
    (True, False)
    """
    return Fraction(str(value)) in interval(qualifier, reported, text, tolerance)


def value_range(value: int, qualifier: str, text: str | None = None,
                tolerance: float = TOLERANCE) -> tuple[float, float]:
    """The whole numbers a count can stand for, both ends inclusive: ``hơn 2.000`` → [2000, ∞).

    The :func:`interval` widened to whole numbers (``more_than`` keeps N itself: two reports
    ``hơn 2.000`` and ``2.000`` may be one number rounded), for merging repeated facts.

    >>> value_range(2000, "more_than")
    (2000, inf)
    >>> value_range(100, "about", "hàng trăm mô hình")
    (100, 999)
    >>> value_range(15, "nearly"), value_range(500, "about")
    ((13, 15), (450, 550))
    """
    if qualifier == "more_than":
        return value, math.inf
    if qualifier == "about" and is_vague_order(text):
        return value, value * 10 - 1
    if qualifier in ("less_than", "nearly", "about"):
        # in floats, as the state files have always stored them (ceil(10 × 1.1) is 12)
        lo = 0 if qualifier == "less_than" else math.floor(value * (1 - tolerance))
        hi = math.ceil(value * (1 + tolerance)) if qualifier == "about" else value
        return lo, hi
    return value, value


def compatible(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two value ranges can be the same number.

    >>> compatible(value_range(2011, "exact"), value_range(2000, "more_than"))
    True
    >>> compatible(value_range(2011, "exact"), value_range(1980, "exact"))
    False
    """
    return max(a[0], b[0]) <= min(a[1], b[1])
