"""Cheap one-pass prefilters that tell where a case-blind lexicon regex cannot match.

A stage asks "may this text (or this stretch of it) hold one of these phrases?" with plain
substring searches on the lower-cased text, and runs its regex only where the answer is
yes. The answer is never "no" where the regex would match: a phrase matched case-blindly
contains its longest word lower-cased, unless the text holds a character that ``re``
equates with another case-blindly but ``str.lower`` does not (dotless ``ı``, long ``ſ``)
or one whose lower case is longer (``İ``): then :func:`lowered` gives None and the stage
runs its regex as before.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable

#: Characters ``re.IGNORECASE`` equates with an ASCII letter that ``str.lower`` leaves alone.
_SPECIAL = ("ı", "ſ")


def lowered(text: str) -> str | None:
    """``text.lower()`` when its offsets are those of ``text`` and a substring test is safe, else None."""
    low = text.lower()
    if len(low) != len(text) or any(c in low for c in _SPECIAL):
        return None
    return low


def squeezed(text: str) -> str | None:
    """:func:`lowered` with every run of whitespace one space (None where that is unsafe)."""
    low = lowered(text)
    return None if low is None else " ".join(low.split())


def key_phrases(phrases: Iterable[str]) -> tuple[str, ...]:
    """What a squeezed text holding one of ``phrases`` (matched case-blindly, any whitespace
    between words, any dash for " - ") holds: each phrase up to its first " - ", lower-cased,
    one space between words."""
    out = set()
    for p in phrases:
        head = " ".join(p.split(" - ")[0].lower().split())
        if head:
            out.add(head)
    return tuple(sorted(out))


def holds_any(low: str, keys: tuple[str, ...]) -> bool:
    """Whether the (squeezed) lower-cased text holds any of ``keys``."""
    return any(k in low for k in keys)


class Hits:
    """Where the lower-cased ``words`` occur in a text (every occurrence, overlapping ones too),
    to ask of many stretches whether one lies inside (a bisection each, no rescan)."""

    def __init__(self, low: str, words: Iterable[str]):
        spans = []
        for w in set(words):
            i = low.find(w)
            while i >= 0:
                spans.append((i, i + len(w)))
                i = low.find(w, i + 1)
        spans.sort()
        self._starts = [s for s, _ in spans]
        self._spans = spans

    def inside(self, lo: int, hi: int) -> bool:
        """Whether an occurrence lies wholly inside ``[lo, hi)``."""
        k = bisect.bisect_left(self._starts, lo)
        while k < len(self._spans) and self._spans[k][0] < hi:
            if self._spans[k][1] <= hi:
                return True
            k += 1
        return False
