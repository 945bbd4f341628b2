"""Tokens of a sentence and the phrase matcher over them."""
from __future__ import annotations

import re
from typing import NamedTuple

from .lexicon import _low, _Phrases

_TOKEN = re.compile(r"""
    [^\W_]+(?:['’][^\W_]+      # a syllable (H'Hen, K'Long keep their apostrophe,
      | -(?=[a-z])[^\W_]+)*     #   Jong-un its lower-case hyphenated part)
  | \S                        # or one punctuation character
""", re.VERBOSE)



class _Tok(NamedTuple):
    start: int
    end: int
    text: str
    low: str  # lower case, tones kept


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    chunk = text[start:end]
    low = chunk.lower()
    if len(low) != len(chunk):  # a character whose lower case is longer: fold token by token
        return [_Tok(start + m.start(), start + m.end(), m.group(), _low(m.group())) for m in _TOKEN.finditer(chunk)]
    new, cls = tuple.__new__, _Tok  # the tuple constructor itself: no Python frame per token
    return [new(cls, (start + a, start + b, chunk[a:b], low[a:b])) for a, b in map(_span, _TOKEN.finditer(chunk))]


_span = re.Match.span


def _is_cap(tok: _Tok) -> bool:
    return tok.text[:1].isupper() and tok.text[:1].isalpha()


def _match_phrase(toks: list[_Tok], i: int, phrases: _Phrases, max_len: int) -> int:
    """Number of tokens of the longest phrase of ``phrases`` starting at token ``i`` (0 if none)."""
    if i >= len(toks):
        return 0
    lengths = phrases.first.get(toks[i].low)
    if not lengths:
        return 0
    for n in lengths:
        if n <= max_len and i + n <= len(toks) and (n == 1 or " ".join(t.low for t in toks[i:i + n]) in phrases):
            return n
    return 0


# -- mentions ----------------------------------------------------------------------------

def _is_cap_phrase(toks: list[_Tok], j: int, n: int) -> bool:
    return all(_is_cap(t) for t in toks[j:j + n])


