"""The persons an article names, for joining short references to full names.

A pronoun (``Ông cho biết``) needs the persons named shortly before it, a given name (``chị
Lan``) the persons whose name ends with it, a title-less speaker the other mentions of their
name. :class:`Persons` reads a sentence's mentions (and its loose full names) only where one
of these questions needs them: the sentences near the pronoun, or the sentences whose folded
text holds the name's last syllable -- a superset of the sentences holding a person whose
name ends with that syllable (equal tone keys fold alike), so the answers are those of an
index over every sentence, at a fraction of the reading.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable

from ...text.norm import fold
from ...text.segment import ArticleText, ZoneKind
from .lexicon import MAX_PRONOUN_BACK, _Lexicon, tone_key
from .mentions import _sentence_mentions
from .names import _loose_names, _Mention
from .tokens import _Tok

#: Distinct syllables looked up by a scan of the article each; past them, one index.
MAX_SCANS = 4
_RUN = re.compile(r"[^\W_]+")

#: Zones whose sentences name persons for the joining step.
_ZONES = (ZoneKind.body, ZoneKind.caption, ZoneKind.title)


@functools.cache
def _fold_table() -> dict[int, str]:
    """Lower-case Latin letters (and look-alikes) to their :func:`fold` (one character each)."""
    table: dict[int, str] = {}
    for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00), 0x2010, 0x2011, 0x2013, 0x2014, 0x2212, 0xA0]:
        ch = chr(cp).lower()
        if len(ch) == 1 and (f := fold(ch)) != ch and len(f) == 1:
            table[ord(ch)] = f
    return table


def fast_fold(text: str) -> str:
    """A same-length, character-by-character copy of ``text`` without case or tones (in C:
    ``str.lower`` and ``str.translate``); :func:`fold` where lower case changes the length."""
    low = text.lower()
    return low.translate(_fold_table()) if len(low) == len(text) else fold(text)


def _full(name: str, lex: _Lexicon) -> bool:
    parts = name.split()
    return len(parts) >= 2 and tone_key(parts[0]) in lex.family


class Persons:
    """The named mentions of an article's headline and content sentences, read on demand."""

    def __init__(self, doc: ArticleText, lex: _Lexicon, seen: dict[int, tuple[list[_Tok], list[_Mention]]]):
        self.doc, self.lex, self.seen = doc, lex, seen
        self.sents = [s for s in doc.sentences if s.zone in _ZONES]
        self.starts = [s.start for s in self.sents]
        self._read: dict[int, list[_Mention]] = {}
        self._folded: str | None = None
        self._endings: dict[str, tuple[list[_Mention], list[_Mention]]] = {}
        self._with: dict[str, list[_Mention]] = {}
        self._run_index: dict[str, list[int]] | None = None

    def _of(self, k: int) -> list[_Mention]:
        """The named persons of sentence ``k``: its mentions and its loose full names, in text order."""
        if k not in self._read:
            sent = self.sents[k]
            toks, found = self.seen.get(sent.start) or _sentence_mentions(self.doc.text, sent, self.lex)
            taken = {m.name_start for m in found}
            out = found + [m for m in _loose_names(toks, self.lex) if m.name_start not in taken]
            out.sort(key=lambda m: m.start)
            self._read[k] = [m for m in out if m.name]
        return self._read[k]

    def _in(self, ks: list[int]) -> list[_Mention]:
        return [m for k in ks for m in self._of(k)]

    def near(self, pos: int) -> list[_Mention]:
        """The persons of the sentences that may hold a person ending within
        :data:`MAX_PRONOUN_BACK` characters before ``pos`` (and of those up to ``pos``)."""
        lo = pos - MAX_PRONOUN_BACK
        hi = bisect.bisect_right(self.starts, pos)
        first = hi
        while first > 0 and self.sents[first - 1].end >= lo:
            first -= 1
        return self._in(list(range(first, hi)))

    def with_syllable(self, word: str) -> list[_Mention]:
        """The persons of the sentences whose folded text holds ``word`` as a word (every
        sentence holding a person with a syllable of ``word``'s tone key is among them)."""
        folded_word = fast_fold(word)
        if folded_word not in self._with:
            if self._folded is None:
                self._folded = fast_fold(self.doc.text)
            if len(self._with) < MAX_SCANS:
                pattern = re.compile(r"(?<![^\W_])" + re.escape(folded_word) + r"(?![^\W_])")
                ks = self._sentences_of(m.start() for m in pattern.finditer(self._folded))
            else:  # many names asked about: one index of the article's letter runs (linear)
                run = _RUN.match(folded_word)
                ks = self._runs().get(run.group(), []) if run else []
            self._with[folded_word] = self._in(ks)
        return self._with[folded_word]

    def _sentences_of(self, positions: Iterable[int]) -> list[int]:
        """The sentences (in order, once each) holding the given offsets."""
        ks: list[int] = []
        for pos in positions:
            k = bisect.bisect_right(self.starts, pos) - 1
            if k >= 0 and pos < self.sents[k].end and (not ks or ks[-1] != k):
                ks.append(k)
        return ks

    def _runs(self) -> dict[str, list[int]]:
        """Each maximal run of letters of the folded text -> the sentences holding it (a word
        asked about opens with such a run, so its sentences are among the run's)."""
        if self._run_index is None:
            index: dict[str, list[int]] = {}
            for m in _RUN.finditer(self._folded or ""):
                index.setdefault(m.group(), []).append(m.start())
            self._run_index = {w: self._sentences_of(ps) for w, ps in index.items()}
        return self._run_index

    def ending(self, name: str) -> tuple[list[_Mention], list[_Mention]]:
        """The persons of more syllables than ``name`` whose last syllables have its tone
        key, in text order: all of them and those with a full name."""
        key = tone_key(name)
        if key not in self._endings:
            n = len(key.split())
            longer: list[_Mention] = []
            full: list[_Mention] = []
            for p in self.with_syllable(name.split()[-1]):
                words = p.name.split()
                if len(words) > n and tone_key(" ".join(words[-n:])) == key:
                    longer.append(p)
                    if _full(p.name, self.lex):
                        full.append(p)
            self._endings[key] = (longer, full)
        return self._endings[key]

    def named(self, name: str) -> list[_Mention]:
        """The persons that may be named ``name`` (a superset, in text order)."""
        return self.with_syllable(name.split()[-1])


class Listed:
    """The same questions over a list of named mentions (the attributions' own)."""

    def __init__(self, persons: list[_Mention], lex: _Lexicon):
        self.persons, self.lex = persons, lex
        self._by_end: dict[int, dict[str, tuple[list[_Mention], list[_Mention]]]] = {}

    def near(self, pos: int) -> list[_Mention]:
        return self.persons

    def named(self, name: str) -> list[_Mention]:
        return self.persons

    def ending(self, name: str) -> tuple[list[_Mention], list[_Mention]]:
        key = tone_key(name)
        n = len(key.split())
        if n not in self._by_end:
            by_end: dict[str, tuple[list[_Mention], list[_Mention]]] = {}
            for p in self.persons:
                words = p.name.split()
                if len(words) > n:
                    longer, full = by_end.setdefault(tone_key(" ".join(words[-n:])), ([], []))
                    longer.append(p)
                    if _full(p.name, self.lex):
                        full.append(p)
            self._by_end[n] = by_end
        return self._by_end[n].get(key, ([], []))
