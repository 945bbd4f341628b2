"""Sentence boundaries exactly as underthesea's ``sent_tokenize`` draws them, as offsets.

underthesea's sentence splitter (``underthesea/pipeline/sent_tokenize/__init__.py``, a
Punkt-style rule set: ``.``, ``?``, ``!`` end a sentence except a dot between digits, a
dot after an abbreviation of ``punkt_params.json`` and an ellipsis before a lower-case
letter) walks every character in Python and returns strings, which the caller must find
again in the text. This module draws the same boundaries and returns offsets:

1. The rules are read from the installed underthesea: its ``sent_tokenize`` module is
   loaded by file location, which does not run the package's ``__init__`` (that imports
   the whole toolkit: joblib, numpy, CRF models — about 0.3 s of start-up a sentence
   splitter never needs). The abbreviations and end characters come from that module's
   own model, so an underthesea upgrade changes both the same way. If the module is not
   where it was (another layout), the normal import is used, and if its model is not the
   expected shape, its ``sent_tokenize`` itself (strings found back in the text).
2. The scan jumps from one end character to the next with one compiled regex; only at
   those characters does Python look around (the digit before and after, the preceding
   word — at most as many characters as the longest abbreviation, so a long run of
   ``a.a.a.`` costs linear time — the dots of an ellipsis and the letter after it).

``tests/test_sentences.py`` compares the offsets with underthesea's own strings.
"""
from __future__ import annotations

import functools
import importlib
import importlib.util
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

_MODULE = "underthesea.pipeline.sent_tokenize"
#: The end characters and rule code this scanner reproduces; another model falls back.
_KNOWN_ENDS = frozenset(".?!")
_SPACE_TAB = " \t"
_WHITESPACE = " \t\n\r"


def load_module() -> ModuleType:
    """underthesea's ``sent_tokenize`` module, without importing the package when possible."""
    if _MODULE in sys.modules:
        return sys.modules[_MODULE]
    spec = importlib.util.find_spec("underthesea")  # a top-level name: the package is not run
    if spec is not None and spec.submodule_search_locations:
        path = Path(next(iter(spec.submodule_search_locations))) / "pipeline" / "sent_tokenize" / "__init__.py"
        if path.is_file():
            file_spec = importlib.util.spec_from_file_location("_extractor_underthesea_sent_tokenize", path)
            if file_spec is not None and file_spec.loader is not None:
                module = importlib.util.module_from_spec(file_spec)
                file_spec.loader.exec_module(module)
                return module
    return importlib.import_module(_MODULE)


@dataclass(frozen=True)
class Splitter:
    """underthesea's sentence rules: its abbreviations (lower case) and their longest length."""

    abbreviations: frozenset[str]
    longest: int
    #: underthesea's own function, when its model is not the shape this scanner reproduces
    fallback: Callable[[str], list[str]] | None = None


@functools.cache
def splitter() -> Splitter:
    """The rules of the installed underthesea, read once per process (no pattern file)."""
    module = load_module()
    try:
        module._load_model()
        model = module.sentence_tokenizer
        abbreviations = frozenset(model.abbrev_types)
        ends = frozenset(model.SENT_END_CHARS)
    except (AttributeError, TypeError):  # another version's layout: use its function as it is
        return Splitter(frozenset(), 0, fallback=module.sent_tokenize)
    if ends != _KNOWN_ENDS or not all(isinstance(a, str) for a in abbreviations):
        return Splitter(frozenset(), 0, fallback=module.sent_tokenize)
    return Splitter(abbreviations, max((len(a) for a in abbreviations), default=0))


_END = re.compile(r"[.?!]")


def _add(out: list[tuple[int, int]], chunk: str, start: int, end: int, base: int) -> None:
    """The stripped stretch ``chunk[start:end]`` as offsets (shifted by ``base``), if any."""
    piece = chunk[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        out.append((base + start + lead, base + start + lead + len(stripped)))


def _after_abbreviation(chunk: str, pos: int, sp: Splitter) -> bool:
    """Whether the dot at ``pos`` follows an abbreviation: the run of letters, digits and
    dots before it, lower-cased, is one. A run longer than the longest abbreviation is
    none (lower-casing never shortens a string), so at most ``longest + 1`` characters are read."""
    k = pos - 1
    stop = max(-1, pos - sp.longest - 2)
    while k > stop and (chunk[k].isalnum() or chunk[k] == "."):
        k -= 1
    length = pos - k - 1
    if length == 0 or length > sp.longest:
        return False
    return chunk[k + 1:pos].lower() in sp.abbreviations


def _scan(chunk: str, base: int, sp: Splitter) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    n = len(chunk)
    start = i = 0
    while True:
        m = _END.search(chunk, i)
        if m is None:
            break
        i = m.start()
        if chunk[i] == ".":
            dot_end = i
            while dot_end < n and chunk[dot_end] == ".":
                dot_end += 1
            if dot_end - i >= 3:  # an ellipsis ends a sentence at the end or before a capital
                after = dot_end
                while after < n and chunk[after] in _SPACE_TAB:
                    after += 1
                if after >= n or chunk[after].isupper():
                    _add(out, chunk, start, dot_end, base)
                    while dot_end < n and chunk[dot_end] in _WHITESPACE:
                        dot_end += 1
                    start = dot_end
                i = dot_end
                continue
            if (i > 0 and chunk[i - 1].isdigit() and i + 1 < n and chunk[i + 1].isdigit()) or \
                    _after_abbreviation(chunk, i, sp):
                i += 1
                continue
        end = i + 1
        while end < n and chunk[end] in ".?!":
            end += 1
        _add(out, chunk, start, end, base)
        while end < n and chunk[end] in _WHITESPACE:
            end += 1
        start = i = end
    _add(out, chunk, start, n, base)
    return out


def _aligned(chunk: str, base: int, sentences: list[str]) -> list[tuple[int, int]]:
    """Offsets of sentence strings found again in ``chunk``; a sentence that cannot be found
    (it rewrote the text) ends the alignment and the rest becomes one sentence."""
    out: list[tuple[int, int]] = []
    pos = 0
    for sent in sentences:
        sent = sent.strip()
        if not sent:
            continue
        i = chunk.find(sent, pos)
        if i < 0:
            break
        out.append((base + i, base + i + len(sent)))
        pos = i + len(sent)
    _add(out, chunk, pos, len(chunk), base)
    return out


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as offsets into ``text``, as underthesea cuts them.

    >>> t = "Ông A nói. TP. Hà Nội có 1.500 hộ... Còn nữa!"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Ông A nói.', 'TP. Hà Nội có 1.500 hộ...', 'Còn nữa!']
    """
    end = len(text) if end is None else end
    chunk = text[start:end]
    sp = splitter()
    if sp.fallback is not None:
        return _aligned(chunk, start, sp.fallback(chunk))
    return _scan(chunk, start, sp)
