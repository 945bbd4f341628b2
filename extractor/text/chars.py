"""Character classes of Vietnamese text and the one builder of regex alternations.

Written out by hand, ``[A-ZÀ-Ỹ]`` is no upper-case class: the range U+00C0–U+1EF8 holds
hundreds of lower-case letters too (``ở``, ``ấ``…), so a line "Ở đây…" and a line "ở
đây…" both looked like a name. The classes here are built from Unicode itself: every
letter of the Vietnamese alphabet with every tone mark, composed (NFC), split by case.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..patterns import PatternError

#: The Vietnamese alphabet's base letters (with their vowel marks) and the five tone marks.
_BASE = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
_VOWELS = "aăâeêioôơuưy"


def _letters() -> str:
    out = []
    for ch in _BASE + "fjwz":  # f, j, w, z: foreign names and loan words
        out.append(ch)
        if ch in _VOWELS:
            out.extend(unicodedata.normalize("NFC", ch + t) for t in _TONES)
    return "".join(out)


#: Every lower-case Vietnamese letter, toned forms included (93 letters: 29 of the alphabet, 60 toned vowels, f j w z).
LOWER_LETTERS = _letters()
#: Their capitals.
UPPER_LETTERS = LOWER_LETTERS.upper()
#: Regex classes: one upper-case / lower-case / any-case Vietnamese letter.
UPPER = "[" + UPPER_LETTERS + "]"
LOWER = "[" + LOWER_LETTERS + "]"
LETTER = "[" + UPPER_LETTERS + LOWER_LETTERS + "]"


def is_upper_initial(word: str) -> bool:
    """Whether ``word`` starts with a Vietnamese capital ("Ở" yes, "ở" no, "1" no)."""
    return bool(word) and word[0] in UPPER_LETTERS


def alt(phrases: Iterable[str], *, escape: bool = True, what: str = "phrases") -> str:
    """``(?:a|b|…)`` of ``phrases``, longest first (so "thị trấn" wins over "thị"), each
    escaped unless ``escape`` is false (then they are regex sources).

    An empty list is a broken lexicon, not a pattern that never matches: PatternError,
    naming ``what`` was empty, so the run stops before the first article.
    """
    uniq = sorted({p for p in phrases if p}, key=lambda p: (-len(p), p))
    if not uniq:
        raise PatternError(f"E-PAT012 empty alternation: no {what} to match")
    return "(?:" + "|".join(re.escape(p) if escape else p for p in uniq) + ")"
