"""Matching forms of Vietnamese text that keep offsets: tone placement and look-alikes folded.

``text`` itself is never rewritten (STYLE 6). These helpers build *copies* for matching:

- :func:`fold` maps every character to one character (same length, so offsets carry over):
  NFC letters lose their tone mark (``hoà``/``hòa`` → ``hoa``), keep vowel quality
  (``ơ``, ``ư``, ``â``, ``ă``, ``ê``, ``ô``, ``đ``), look-alike letters and dashes are mapped
  (Icelandic ``Ð`` → ``Đ``, en/em dash → ``-``), and case is lowered.
- :func:`tone_key` gives a placement-independent key of a name (tone per syllable),
  so ``Thanh Hoá`` and ``Thanh Hóa`` share a key while ``Na Rì`` and ``Na Ri`` do not.
"""
from __future__ import annotations

import functools
import unicodedata

#: Combining tone marks of Vietnamese (huyền, sắc, ngã, hỏi, nặng).
TONE_MARKS = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}

#: Characters real pages use in place of Vietnamese letters or the ASCII hyphen.
LOOKALIKES = {
    "\N{LATIN CAPITAL LETTER ETH}": "Đ",  # QÐ in signs (U+00D0), seen on nghean.dcs.vn
    "\N{LATIN SMALL LETTER ETH}": "đ",
    "\N{EN DASH}": "-",
    "\N{EM DASH}": "-",
    "\N{MINUS SIGN}": "-",
    "\N{HYPHEN}": "-",
    "\N{NON-BREAKING HYPHEN}": "-",
    "\N{NO-BREAK SPACE}": " ",
    "\N{LEFT DOUBLE QUOTATION MARK}": '"',
    "\N{RIGHT DOUBLE QUOTATION MARK}": '"',
}


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    ch = LOOKALIKES.get(ch, ch)
    decomposed = unicodedata.normalize("NFD", ch)
    kept = "".join(c for c in decomposed if c not in TONE_MARKS)
    out = unicodedata.normalize("NFC", kept).lower()
    return out if len(out) == 1 else ch.lower()[:1] or ch


def fold(text: str) -> str:
    """Same-length matching copy: no tones, no look-alikes, lower case.

    >>> fold("Thanh Hoá") == fold("thanh hóa")
    True
    >>> len(fold("Ðảng bộ tỉnh")) == len("Ðảng bộ tỉnh")
    True
    """
    return "".join(_fold_char(c) for c in text)


def tone_key(name: str) -> str:
    """Key of a name that ignores case, spacing and tone placement, but not the tones.

    >>> tone_key("Thanh Hoá") == tone_key("thanh  hóa")
    True
    >>> tone_key("Na Rì") == tone_key("Na Ri")
    False
    """
    return " ".join(map(_syllable_key, name.split()))


@functools.lru_cache(maxsize=1 << 16)
def _syllable_key(syl: str) -> str:
    """:func:`tone_key` of one syllable, cached (syllables recur on every page)."""
    tones = ""
    base = []
    for c in unicodedata.normalize("NFD", LOOKALIKES.get(syl, syl)):
        if c in TONE_MARKS:
            tones += TONE_MARKS[c]
        else:
            base.append(LOOKALIKES.get(c, c))
    return unicodedata.normalize("NFC", "".join(base)).lower() + tones
