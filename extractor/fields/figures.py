"""Figures: every reported quantity that is not a model count, in its base unit.

Steps, per content sentence:

1. numerals from :func:`extractor.text.numbers.find_numbers` (values with multipliers, vague
   orders, ratios, ranges; dates, times, periods and codes already marked);
2. not quantities: numerals inside a count, a document mention or a short quoted name
   (``“5 không, 3 sạch”``), years without a unit, numbers right after a name or reference
   word (``thôn 2``, ``lần thứ 9``, ``Nghị quyết Trung ương 5``, ``số 110``) or after a
   capitalised word (``Tổ dân vận Cung Nhượng 1``), durations (``qua 6 năm``);
3. the unit: ``%``, else the longest unit of ``patterns/figures.yaml`` right after the
   number (``đồng``, ``m2``, ``ha`` … glued or not: ``2ha``), else up to two lower-case
   syllables that are not function words (``45 chị em``, ``17 tuyến đường``); a numeral
   with no unit is not reported;
4. a range gives both ends, the first taking the second's unit; a ratio (``18/18 xã``)
   reports its numerator;
5. a figure of the headline or a caption repeated in the body is reported once.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ..record import Count, Document, Figure
from ..rules import Rules, default_rules
from ..text.numbers import NumberMention, alternation, find_numbers, tone_variants
from ..text.segment import ArticleText, ZoneKind
from .prefilter import Hits, lowered

log = logging.getLogger(__name__)

#: Zones that repeat what the body reports (a headline, a photo caption): their figures are
#: reported only when the body does not give the same one.
_REPEATS = frozenset({ZoneKind.title, ZoneKind.caption})
_DIGIT = re.compile(r"\d")
_SYLLABLE = re.compile(r"[^\W\d_]+")
_QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"))


@dataclass(frozen=True)
class _Lex:
    unit_re: re.Pattern
    unit_of: dict[str, str]
    not_unit_re: re.Pattern
    time_re: re.Pattern
    name_re: re.Pattern
    so_re: re.Pattern
    so_unless_re: re.Pattern
    name_last: tuple[str, ...]   # the last words of name_re's phrases, lower-cased (prefilter)
    so_last: tuple[str, ...]     # the same of so_re's
    vague_firsts: frozenset[str]  # first words of the vague orders (as text.numbers reads them)
    stop: frozenset[str]
    max_syllables: int
    quoted_max_words: int


def _key(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


def compile_figures(rules: Rules) -> _Lex:
    """The unit, name and duration lexicons of ``patterns/figures.yaml``."""
    pf = rules.file("figures")
    unit_of: dict[str, str] = {}
    for r in pf.section("units"):
        for p in r.phrases:
            for v in tone_variants(p):
                unit_of[_key(v)] = r.label
    # A unit follows the number, glued or after a space ("2ha", "3.150m 2", "35 ha").
    unit_re = re.compile(r"\s?(?P<u>" + alternation(list(unit_of)) + r")(?![^\W_])", re.IGNORECASE)
    not_units = [p for r in pf.section("not_units") for p in r.phrases]
    not_unit_re = re.compile(r"\s?" + alternation(not_units) + r"(?![^\W_])", re.IGNORECASE)
    times = [p for r in pf.section("time_units") for p in r.phrases]
    time_re = re.compile(r"\s?" + alternation(times) + r"(?![^\W_])", re.IGNORECASE)
    names = [p for r in pf.section("name_before") if r.id != "num.name.so" for p in r.phrases]
    name_re = re.compile(r"(?<![\w])" + alternation(names) + r"\s+$", re.IGNORECASE)
    so = next(r for r in pf.section("name_before") if r.id == "num.name.so")
    so_re = re.compile(r"(?<![\w])" + alternation(so.phrases) + r"\s+$", re.IGNORECASE)
    so_unless_re = re.compile(r"(?<![\w])" + alternation(list((so.data or {}).get("unless_preceded_by", [])))
                              + r"\s+" + alternation(so.phrases) + r"\s+$", re.IGNORECASE)
    stop = frozenset(_key(p) for r in pf.section("unit_stop_words") for p in r.phrases if " " not in p.strip())
    settings = pf.table("settings")
    vague = {_key(v) for r in pf.section("vague_orders") for p in r.phrases for v in tone_variants(p)}
    firsts = frozenset(re.split(r"\s+", v.strip())[0].lower() for k in vague for v in tone_variants(k))
    return _Lex(unit_re, unit_of, not_unit_re, time_re, name_re, so_re, so_unless_re, _last_words(names),
                _last_words(so.phrases), firsts, stop,
                int(settings["max_unit_syllables"]), int(settings["quoted_name_max_words"]))


def _last_words(phrases: list[str]) -> tuple[str, ...]:
    """The last word of every phrase (tone variants too), lower-cased: a text ending in the
    phrase and a space ends its last word with one of these."""
    return tuple(sorted({v.split()[-1].lower() for p in phrases for v in tone_variants(p) if v.split()}))


#: The last word before a space at the end of a window, and one that follows a sentence mark.
_LAST_WORD = re.compile(r"([^\W\d_]+)\s+$")
_MARK_WORD = re.compile(r"[.!?:]\s*[^\W\d_]+\s+$")


def _quoted_names(text: str, lo: int, hi: int, max_words: int) -> list[tuple[int, int]]:
    """Spans of short quotations (names of models, campaigns, slogans) in ``text[lo:hi]``."""
    out = []
    for op, cl in _QUOTE_PAIRS:
        pos = lo
        while True:
            a = text.find(op, pos, hi)
            if a < 0:
                break
            b = text.find(cl, a + 1, hi)
            if b < 0:
                break
            if len(text[a + 1:b].split()) <= max_words:
                out.append((a, b + 1))
            pos = b + 1
    return out


#: A lower-case syllable after a space: a unit outside the lexicon is read syllable by syllable.
_NEXT_SYLLABLE = re.compile(r" ([^\W\d_]+)(?![\w])")


def read_unit(text: str, pos: int, hi: int, lex: _Lex | None = None) -> tuple[str | None, int, bool]:
    """The unit right after ``pos``: (unit, end, from the lexicon?) or (None, pos, False).

    ``lex``: the compiled lexicon (the installation's when not given).

    >>> read_unit("45 chị em trong hội", 2, 19)[:2]
    ('chị em', 9)
    >>> read_unit("hơn 2ha chè", 5, 11)[:2]
    ('ha', 7)
    """
    if lex is None:
        lex = default_rules().compiled(compile_figures)
    m = None if lex.not_unit_re.match(text, pos, hi) else lex.unit_re.match(text, pos, hi)
    if m:
        return lex.unit_of.get(_key(m.group("u")), m.group("u")), m.end(), True
    if not text.startswith(" ", pos):
        return None, pos, False
    syl: list[tuple[int, int]] = []
    p = pos
    while len(syl) < lex.max_syllables:
        sm = _NEXT_SYLLABLE.match(text, p, hi)
        if not sm:
            break
        w = sm.group(1)
        if not w.islower() or _key(w) in lex.stop:
            break
        syl.append((sm.start(1), sm.end(1)))
        p = sm.end(1)
    if not syl:
        return None, pos, False
    return text[syl[0][0]:syl[-1][1]], syl[-1][1], False


def _excluded(text: str, n: NumberMention, lo: int, hi: int, lex: _Lex) -> str | None:
    """Why a numeral is not a quantity to report, or None."""
    before = text[max(lo, n.num_start - 30):n.num_start]
    if n.kind != "number":
        return n.kind
    if n.vague:
        return None
    # every look-back below ends in a space: a numeral glued to what precedes it skips them all
    if n.start == n.num_start and before[-1:].isspace():  # no qualifier: the word before may make it a name
        low = lowered(before)
        last = low.split()[-1] if low is not None and low.strip() else None
        if (last is None or last.endswith(lex.so_last)) and lex.so_re.search(before) \
                and not lex.so_unless_re.search(before):
            return "reference"
        if (last is None or last.endswith(lex.name_last)) and lex.name_re.search(before):
            return "name"
        prev = _LAST_WORD.search(before)
        if prev and prev.group(1)[0].isupper() and not _MARK_WORD.search(before) \
                and before.strip() != prev.group(1) and not lex.unit_re.match(text, n.end, hi):
            return "name"       # "Tổ dân vận Cung Nhượng 1"
    if not n.percent and lex.time_re.match(text, n.end, hi) and not lex.unit_re.match(text, n.end, hi):
        return "duration"
    return None


def extract_figures(doc: ArticleText, *, counts: list[Count], documents: list[Document]) -> list[Figure]:
    """Every other reported quantity of an article (not inside a count or a document).

    Args:
        doc: the segmented article.
        counts: the model counts (their spans are not figures).
        documents: the numbered documents (their mentions are not figures).

    Returns:
        Figures in text order, a headline figure repeated in the body once.

    >>> from extractor.text.segment import ArticleText, Zone, ZoneKind
    >>> t = "Đã huy động gần 2 tỷ đồng, trên 2.600 ngày công lao động, xây mới 36 nhà đại đoàn kết."
    >>> [(f.value, f.unit, f.qualifier) for f in extract_figures(ArticleText(t, [Zone(ZoneKind.body, 0, len(t))]), counts=[], documents=[])]
    [(2000000000, 'đồng', 'nearly'), (2600, 'ngày công', 'more_than'), (36, 'nhà', 'exact')]
    """
    text = doc.text
    lex = doc.rules.compiled(compile_figures)
    blocked: list[tuple[int, int]] = []
    for c in counts:
        blocked.append(tuple(c.span))
        blocked.extend(tuple(m) for m in c.mentions)
    for d in documents:
        blocked.extend(tuple(m) for m in d.mentions)
    out: list[tuple[Figure, ZoneKind]] = []
    low = lowered(text)
    vague = Hits(low, lex.vague_firsts) if low is not None else None  # numeral words, one pass
    for sent in doc.sentences:
        lo, hi = sent.start, sent.end
        if vague is not None and not vague.inside(lo, hi) and not _DIGIT.search(text, lo, hi):
            continue  # no digit and no numeral word: find_numbers would find nothing
        try:
            nums = find_numbers(text, lo, hi)
        except Exception as exc:  # odd input: warn, skip the sentence
            log.exception("numbers failed at %s", lo)
            doc.warn(f"figures: could not read numbers at {lo}: {type(exc).__name__}")
            continue
        if not nums:
            continue
        quoted = _quoted_names(text, lo, hi, lex.quoted_max_words)
        unit_spans: list[tuple[int, int]] = []
        unit_reach = -1  # the furthest end of unit_spans: a numeral past it is in none (linear scans)
        spans = [(s, e) for s, e in blocked if s < hi and e > lo] + quoted  # what may hold this sentence's numerals
        for n in nums:
            if any(s <= n.num_start < e for s, e in spans) or (
                    n.num_start < unit_reach and any(s <= n.num_start < e for s, e in unit_spans)):
                continue
            why = _excluded(text, n, lo, hi, lex)
            if why:
                continue
            partner = nums[n.partner] if n.partner is not None and n.partner < len(nums) else None
            if n.percent:
                unit, uend, known = "%", n.end, True
            elif partner is not None and partner.num_start > n.num_start:
                if partner.percent:
                    unit, known = "%", True
                else:
                    unit, _, known = read_unit(text, partner.end, hi, lex)
                uend = n.end
            else:
                unit, uend, known = read_unit(text, n.end, hi, lex)
            if unit is None:
                continue
            if n.year_like and not known:
                continue
            if lex.time_re.fullmatch(" " + unit) if unit else False:
                continue
            unit_spans.append((n.end, uend))
            unit_reach = max(unit_reach, uend)
            value = n.value
            v: float | int = int(round(value)) if abs(value - round(value)) < 1e-9 else round(value, 6)
            try:
                fig = Figure(value=v, qualifier=n.qualifier, unit=unit, text=text[n.start:uend],
                             span=(n.start, uend), rule=n.rule)
            except ValueError as exc:
                doc.warn(f"figures: dropped {text[n.start:uend]!r}: {exc}")
                continue
            out.append((fig, sent.zone))
    body = [f for f, z in out if z not in _REPEATS]
    result = list(body)
    for f, z in out:
        if z in _REPEATS and not any(b.value == f.value and b.unit == f.unit and b.qualifier == f.qualifier
                                           for b in body):
            result.append(f)
    result.sort(key=lambda f: f.span[0])
    return result
