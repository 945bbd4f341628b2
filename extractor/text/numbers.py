"""Vietnamese numerals: find every number in a stretch of text and read its value.

Conventions of the Vietnamese press (the separator is stated, as price-parser's
``digit_group_separator`` does): a **dot groups thousands** (``2.011`` = 2011, ``13.000`` =
13000) and a **comma marks decimals** (``1,5`` = 1.5, ``27,45%``). Pages written the English
way are read too: a dot followed by one or two digits is a decimal point (``27.45%``), and a
comma followed by exactly three digits with no multiplier after it groups thousands
(``1,500 tấn``).

:func:`find_numbers` returns one :class:`NumberMention` per numeral with

- ``value`` with its multiplier applied (``2 tỷ`` → 2e9, ``1,2 triệu`` → 1.2e6,
  ``2 tỷ 300 triệu`` → 2.3e9), percentages as the number (``trên 90%`` → 90, ``percent``);
- ``qualifier`` from the lexicon of ``patterns/counts.yaml`` (``trên``/``hơn`` → more_than,
  ``gần`` → nearly, ``khoảng`` → about, ``dưới``/``chưa đến`` → less_than);
- vague orders (``hàng vạn`` → 10000, qualifier about, ``vague``);
- ratios (``1.274/2.011``: ``value`` 1274, ``denominator`` 2011);
- ranges (``từ 20 đến 30``, ``70-75%``, ``300-350 triệu đồng``): two mentions that name each
  other in ``partner``; the multiplier and percent sign of the second end apply to the first;
- ``kind``: ``number``, or what the numeral is instead — ``date`` (``23/5``, ``18-3-2011``,
  ``12/2020``), ``time`` (``16:22``, ``16h30``), ``year`` (a bare 1900–2099 after a year cue),
  ``period`` (``2021-2025``), ``code`` (``16/CT-TTg``, ``Covid-19``, a phone number).
  ``year_like`` marks a bare four-digit 1900–2099 that has no cue: the caller decides.

Everything is one regex pass over the text plus constant-time checks of the few characters
around each numeral; offsets index the text given.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..patterns import PatternError
from ..rules import Rules, default_rules
from .chars import alt

_ALT_TONES = {
    "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
    "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
}


def tone_variants(phrase: str) -> list[str]:
    """The phrase with both placements of the tone in oa/oe/uy (``hoá``/``hóa``).

    >>> sorted(tone_variants("văn hóa"))
    ['văn hoá', 'văn hóa']
    """
    out = {phrase}
    for a, b in _ALT_TONES.items():
        for p in list(out):
            low = p.lower()
            if a in low:
                out.add(low.replace(a, b))
            if b in low:
                out.add(low.replace(b, a))
    return sorted(out)


def phrase_regex(phrase: str) -> str:
    """A regex source for one lexicon phrase: spaces match any whitespace, " - " any dash.

    >>> bool(re.fullmatch(phrase_regex("văn hóa - xã hội"), "văn hoá–xã hội"))
    True
    """
    alts = []
    for v in tone_variants(phrase):
        parts = re.split(r"(\s+-\s+|\s+)", v)
        out = []
        for part in parts:
            if not part:
                continue
            if part.strip() == "-":
                out.append(r"\s*[-\u2010-\u2015\u2212]\s*")
            elif part.isspace():
                out.append(r"\s+")
            else:
                out.append(re.escape(part))
        alts.append("".join(out))
    return "(?:" + "|".join(sorted(alts, key=len, reverse=True)) + ")"


def alternation(phrases: list[str], what: str = "phrases") -> str:
    """One non-capturing alternation of phrases, longest first, spaces and dashes written
    loosely (:func:`phrase_regex`). Like :func:`extractor.text.chars.alt`, an empty list is
    a broken lexicon (PatternError), never a pattern that silently matches nothing."""
    uniq = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not uniq:
        raise PatternError(f"E-PAT012 empty alternation: no {what} to match")
    return "(?:" + "|".join(phrase_regex(p) for p in uniq) + ")"


@dataclass(frozen=True)
class NumberMention:
    """One numeral as read in the text (offsets index the scanned text)."""

    start: int                       # evidence start: qualifier (or range "từ") included
    end: int                         # evidence end: multiplier and % included
    num_start: int                   # the digits (or the vague phrase) alone
    num_end: int
    value: float                     # multiplier applied
    raw: str                         # the digits as written
    kind: str = "number"             # number | date | time | year | period | code
    qualifier: str = "exact"
    multiplier: int = 1
    percent: bool = False
    vague: bool = False
    denominator: float | None = None  # "1.274/2.011" → 2011
    partner: int | None = None       # index of the other end of a range
    year_like: bool = False          # a bare 1900-2099 without a cue
    rule: str = "num"
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def int_value(self) -> int | None:
        """The value as an int when it is whole, else None."""
        v = self.value
        return int(round(v)) if abs(v - round(v)) < 1e-9 else None


# -- lexicons --------------------------------------------------------------------------------

@dataclass(frozen=True)
class NumberLexicon:
    """The number words of ``figures.yaml`` and ``counts.yaml``, compiled for one run's rules."""

    multipliers: dict[str, int]
    mult_re: re.Pattern
    vague_re: re.Pattern
    vague_of: dict[str, tuple[int, str]]
    percent_re: re.Pattern
    qual_re: re.Pattern
    qual_of: dict[str, str]
    year_cue_re: re.Pattern
    date_cue_re: re.Pattern
    vague_firsts: frozenset[str] = frozenset()  # first words of the vague phrases, lower case


def _key(s: str) -> str:
    """Lookup key of a phrase: lower case, single spaces."""
    return re.sub(r"\s+", " ", s.strip().lower())


#: The rule ids the scanner writes itself (``patterns/figures.yaml`` ``constructions``).
CONSTRUCTIONS = frozenset({"num.plain", "num.ratio", "num.range", "num.date", "num.time", "num.code",
                           "num.year", "num.period"})


def compile_numbers(rules: Rules) -> NumberLexicon:
    """Multipliers, vague orders, percent words, qualifiers and year/date cues, compiled."""
    fig = rules.file("figures")
    cnt = rules.file("counts")
    named = {r.id for r in fig.section("constructions")}
    if missing := sorted(CONSTRUCTIONS - named):
        raise PatternError(f"E-PAT013 {fig.path} section 'constructions' lacks {', '.join(missing)}: "
                           "the numeral scanner names them in records")
    mult: dict[str, int] = {}
    for r in fig.section("multipliers"):
        for p in r.phrases:
            mult[p.lower()] = int(r.data["factor"])
    mult_re = re.compile(r"\s*(?P<m>" + alternation(list(mult)) + r")(?![\w])", re.IGNORECASE)
    vague_of: dict[str, tuple[int, str]] = {}
    for r in fig.section("vague_orders"):
        for p in r.phrases:
            for v in tone_variants(p):
                vague_of[_key(v)] = (int(r.data["value"]), r.id)
    vague_re = re.compile(r"(?<![\w])" + alternation(list(vague_of)) + r"(?![\w])", re.IGNORECASE)
    pct = [p for r in fig.section("percent") for p in r.phrases]
    percent_re = re.compile(r"\s?" + alt(pct, what="percent words"), re.IGNORECASE)
    qual_of: dict[str, str] = {}
    for r in cnt.section("qualifiers"):
        for p in r.phrases:
            for v in tone_variants(p):
                qual_of[re.sub(r"\s+", " ", v.lower())] = r.label
    # A qualifier ends right before the number: "(?<!\w)(qualifier)\s+$" on the text before.
    qual_re = re.compile(r"(?<![\w])(?P<q>" + alternation(list(qual_of)) + r")\s+$", re.IGNORECASE)
    year_cues = [p for r in fig.section("year_cues") for p in r.phrases]
    year_cue_re = re.compile(r"(?<![\w])" + alternation(year_cues) + r"\s+$", re.IGNORECASE)
    date_cues = [p for r in fig.section("date_cues") for p in r.phrases]
    date_cue_re = re.compile(r"(?:(?<![\w])" + alternation([c for c in date_cues if c != "("])
                             + r"\s+|\(\s*)$", re.IGNORECASE)
    firsts = frozenset(re.split(r"\s+", v.strip())[0].lower() for k in vague_of for v in tone_variants(k))
    return NumberLexicon(mult, mult_re, vague_re, vague_of, percent_re, qual_re, qual_of, year_cue_re, date_cue_re, firsts)


# -- the numeral token ------------------------------------------------------------------------

#: One numeral token: digits with separators that may group thousands, mark decimals, or
#: join a date/ratio/time. Interpretation happens in :func:`_read_token`.
_TOKEN = re.compile(r"""
    (?<![\w.,+])           # not glued to a word, or to a number before it ("1+10")
    \d+                    # leading digits
    (?:[.,:/]\d+)*         # groups: 2.011  1,5  16:22  1.274/2.011  15/01/2021
    """, re.VERBOSE)

#: Joins two numerals into a range or a period: "70-75", "2021 – 2025", "2 - 3".
_DASH = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")
_FROM = re.compile(r"(?<![\w])từ\s+$", re.IGNORECASE)
_TO = re.compile(r"\s+(?:đến|tới)\s+", re.IGNORECASE)
_GLUED_LETTER_BEFORE = re.compile(r"[^\W\d_][-]?$")   # "F0", "Covid-19", "H5N1"
_CODE_AFTER = re.compile(r"(?:[/-][A-ZĐÐa-zđ]|[-/]\d+[-/]?[A-ZĐ])")  # "16/CT-TTg", "05-CT/TU"
_PHONE_RUN = re.compile(r"\d{2,}[.\s]\d{3}[.\s]\d{3,4}")
_SUPERSCRIPT_LOST = re.compile(r"\d\s?k?m\s$")
_TIME_AFTER = re.compile(r"h\d{1,2}\b|h\b|giờ", re.IGNORECASE)


def _is_year(n: str) -> bool:
    return len(n) == 4 and n.isdigit() and 1900 <= int(n) <= 2099


#: The numeral shapes :func:`_parse_plain` tells apart, compiled once.
_ZERO_POINT = re.compile(r"0\.\d+")
_DOT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_ONE_COMMA = re.compile(r"\d+,\d+")
_COMMA_GROUPS = re.compile(r"\d{1,3}(?:,\d{3}){2,}")
_DOT_DECIMAL = re.compile(r"\d+\.\d{1,2}")
_DIGITS = re.compile(r"\d+")


def _parse_plain(raw: str, has_multiplier: bool, percent: bool) -> float | None:
    """Value of one numeral without ``/`` or ``:`` (thousands dots, decimal comma)."""
    if _ZERO_POINT.fullmatch(raw):  # 0.586 (English decimal)
        return float(raw)
    if _DOT_GROUPS.fullmatch(raw):  # 2.011 / 1.234,5
        ip, _, frac = raw.partition(",")
        return float(ip.replace(".", "") + ("." + frac if frac else ""))
    if _ONE_COMMA.fullmatch(raw):  # 1,5 / 27,45 / 1,500
        ip, frac = raw.split(",")
        if len(frac) == 3 and not has_multiplier and not percent and ip != "0":
            return float(ip + frac)                                  # English grouping
        return float(ip + "." + frac)
    if _COMMA_GROUPS.fullmatch(raw):  # 1,234,567
        return float(raw.replace(",", ""))
    if _DOT_DECIMAL.fullmatch(raw):  # 27.45 (English decimal)
        return float(raw)
    if _DIGITS.fullmatch(raw):
        return float(raw)
    return None


def _read_after(text: str, pos: int, end: int, lex: NumberLexicon) -> tuple[int, int, bool]:
    """Multiplier(s) and percent after a numeral: (factor, new end, percent)."""
    factor = 1
    m = lex.mult_re.match(text, pos, end)
    if m:
        factor = lex.multipliers.get(m.group("m").lower(), 1)
        pos = m.end()
        # "2 tỷ 300 triệu": a smaller order after a larger one is added (handled by caller)
    p = lex.percent_re.match(text, pos, end)
    if p:
        return factor, p.end(), True
    return factor, pos, False


def _compound_tail(text: str, pos: int, end: int, factor: int, lex: NumberLexicon) -> tuple[float, int]:
    """The "300 triệu" of "2 tỷ 300 triệu": (amount to add, new end), or (0, pos)."""
    m = re.compile(r"\s+(\d{1,3}(?:,\d+)?)(?=\s)").match(text, pos, end)
    if not m:
        return 0.0, pos
    f2, e2, pct = _read_after(text, m.end(), end, lex)
    if pct or f2 <= 1 or f2 >= factor:
        return 0.0, pos
    v = _parse_plain(m.group(1), True, False)
    return (v or 0.0) * f2, e2


def _qualifier(text: str, start: int, lo: int, lex: NumberLexicon) -> tuple[str, int]:
    """(qualifier, new start) from the words right before ``start``."""
    window = text[max(lo, start - 24):start]
    m = lex.qual_re.search(window)
    if not m:
        return "exact", start
    q = re.sub(r"\s+", " ", m.group("q").lower())
    return lex.qual_of.get(q, "exact"), start - len(window) + m.start("q")


def _may_be_vague(text: str, start: int, end: int, lex: NumberLexicon) -> bool:
    """Whether ``text[start:end]`` may hold a vague order: one plain substring test per first
    word of the phrases instead of a case-blind regex scan (the scan only runs around a hit).
    A dotless ``ı`` or long ``ſ`` (which the case-blind regex equates with ``i``, ``s``) always
    runs the scan."""
    low = text[start:end].lower()
    return any(w in low for w in lex.vague_firsts) or "ı" in low or "ſ" in low


def find_numbers(text: str, start: int = 0, end: int | None = None, *,
                 rules: Rules | None = None) -> list[NumberMention]:
    """Every numeral in ``text[start:end]``, read (offsets index ``text``).

    Args:
        text: the article text.
        start: where to start scanning.
        end: where to stop (default: the end of the text).
        rules: the run's pattern files (default: the installation's).

    Returns:
        The mentions in text order; ranges are two mentions that name each other.

    >>> [(m.value, m.qualifier) for m in find_numbers("có trên 200 mô hình")]
    [(200.0, 'more_than')]
    >>> [m.value for m in find_numbers("gần 2 tỷ đồng và 1,2 triệu người")]
    [2000000000.0, 1200000.0]
    >>> [(m.value, m.denominator) for m in find_numbers("với 1.274/2.011 mô hình")]
    [(1274.0, 2011.0)]
    """
    end = len(text) if end is None else end
    lex = (rules or default_rules()).compiled(compile_numbers)
    out: list[NumberMention] = []
    # Vague orders are numerals written in words: found first, their spans excluded below.
    taken: list[tuple[int, int]] = []
    for m in (lex.vague_re.finditer(text, start, end) if _may_be_vague(text, start, end, lex) else ()):
        val, rid = lex.vague_of.get(_key(m.group(0)), (0, "num.vague"))
        if not val:
            continue
        taken.append((m.start(), m.end()))
        out.append(NumberMention(m.start(), m.end(), m.start(), m.end(), float(val), m.group(0),
                                 qualifier="about", vague=True, rule=rid))
    consumed = start
    taken_reach = max((e for _, e in taken), default=-1)  # no vague phrase reaches past it
    for m in _TOKEN.finditer(text, start, end):
        if m.start() < consumed or (m.start() < taken_reach and any(s <= m.start() < e for s, e in taken)):
            continue                                    # inside "2 tỷ 300 triệu" or a vague phrase
        if m.group(0) in ("2", "3") and _SUPERSCRIPT_LOST.search(text, max(start, m.start() - 12), m.start()):
            continue                                    # "3.150m 2": a lost superscript of m²
        mention = _read_token(text, m, start, end, lex)
        if mention is not None:
            out.append(mention)
            consumed = mention.end
    out.sort(key=lambda x: x.num_start)
    return _link_ranges(text, out, start, lex)


def _read_token(text: str, m: re.Match, lo: int, hi: int, lex: NumberLexicon) -> NumberMention | None:
    """Interpret one numeral token in its context."""
    raw = m.group(0)
    s, e = m.start(), m.end()
    before = text[max(lo, s - 30):s]
    after = text[e:min(hi, e + 12)]
    kind = "number"
    notes: list[str] = []
    if _GLUED_LETTER_BEFORE.search(before):
        kind = "code"
    elif _CODE_AFTER.match(text, e) or text.startswith("+", e):
        kind = "code"
    elif raw[0] == "0" and len(re.sub(r"\D", "", raw)) >= 7:
        kind = "code"                                   # phone numbers: 0912.345.678
    elif ":" in raw:
        kind = "time"
    elif "/" in raw:
        parts = raw.split("/")
        if len(parts) >= 3 or any(not p for p in parts):
            kind = "date"
        else:
            a, b = parts
            if _is_year(b) and "." not in a and "," not in a and 1 <= int(a) <= 12:
                kind = "date"                           # tháng 12/2020
            elif ("." not in a and "," not in a and "." not in b and "," not in b
                  and 1 <= int(a) <= 31 and 1 <= int(b) <= 12
                  and (lex.date_cue_re.search(before) or not re.match(r"\s*[^\W\d_]", after)
                       or re.match(r"\s*(?:năm|,)", after, re.IGNORECASE))):
                kind = "date"                           # ngày 23/5, (30/4)
            else:
                na = _parse_plain(a, False, False)
                nb = _parse_plain(b, False, False)
                if na is None or nb is None:
                    return None
                qual, qs = _qualifier(text, s, lo, lex)
                factor, end2, pct = _read_after(text, e, hi, lex)
                return NumberMention(qs, end2, s, e, na * factor, raw, "number", qual, factor, pct,
                                     denominator=nb * factor, rule="num.ratio")
    elif _TIME_AFTER.match(after) and re.match(r"h\d", after) and int(raw.split(".")[0]) < 25:
        kind = "time"                                   # 16h30
    if kind != "number":
        return NumberMention(s, e, s, e, 0.0, raw, kind, notes=tuple(notes), rule=f"num.{kind}")
    factor, end2, pct = _read_after(text, e, hi, lex)
    value = _parse_plain(raw, factor > 1, pct)
    if value is None:
        return NumberMention(s, e, s, e, 0.0, raw, "code", rule="num.code")
    value *= factor
    if factor > 1:
        add, end3 = _compound_tail(text, end2, hi, factor, lex)
        if add:
            value += add
            end2 = end3
    year_like = _is_year(raw) and factor == 1 and not pct
    if year_like and lex.year_cue_re.search(before):
        return NumberMention(s, e, s, e, float(raw), raw, "year", rule="num.year")
    qual, qs = _qualifier(text, s, lo, lex)
    return NumberMention(qs, end2, s, e, value, raw, "number", qual, factor, pct,
                         year_like=year_like, rule="num.plain")


def _link_ranges(text: str, ms: list[NumberMention], lo: int, lex: NumberLexicon) -> list[NumberMention]:
    """Pair the ends of ranges and periods; dates written with dashes become dates."""
    out = list(ms)
    i = 0
    while i < len(out) - 1:
        a, b = out[i], out[i + 1]
        if a.kind not in ("number", "year") or b.kind not in ("number", "year") or a.vague or b.vague:
            i += 1
            continue
        dash = _DASH.fullmatch(text[a.end:b.start]) is not None
        to = (_TO.fullmatch(text[a.end:b.num_start]) is not None
              and _FROM.search(text[max(lo, a.start - 8):a.start]) is not None)
        if to:
            b = replace(b, start=b.num_start, qualifier="exact")
        if not (dash or to):
            i += 1
            continue
        # d-m-yyyy / d-m dates written with dashes ("ngày 2-6", "18-3-2011")
        if dash and a.raw.isdigit() and b.raw.isdigit() and a.multiplier == 1 and not a.percent:
            third = out[i + 2] if i + 2 < len(out) else None
            da, db = int(a.raw), int(b.raw)
            if (third is not None and _DASH.fullmatch(text[b.num_end:third.num_start] or "x")
                    and third.raw.isdigit() and (len(third.raw) == 4 or len(third.raw) == 2)
                    and 1 <= da <= 31 and 1 <= db <= 12):
                for k in (i, i + 1, i + 2):
                    out[k] = replace(out[k], kind="date", rule="num.date")
                i += 3
                continue
            if (1 <= da <= 31 and 1 <= db <= 12 and b.multiplier == 1 and not b.percent
                    and lex.date_cue_re.search(text[max(lo, a.num_start - 30):a.num_start])):
                out[i] = replace(a, kind="date", rule="num.date")
                out[i + 1] = replace(b, kind="date", rule="num.date")
                i += 2
                continue
        if (_is_year(a.raw) and _is_year(b.raw)) or (a.kind == "year" and b.kind in ("year", "number") and _is_year(b.raw)):
            out[i] = replace(a, kind="period", rule="num.period")
            out[i + 1] = replace(b, kind="period", rule="num.period")
            i += 2
            continue
        # a range: the second end's multiplier and percent apply to a bare first end
        fa = a
        if a.multiplier == 1 and b.multiplier > 1 and not a.percent:
            fa = replace(fa, value=a.value * b.multiplier, multiplier=b.multiplier)
        if b.percent and not a.percent:
            fa = replace(fa, percent=True)
        start_a = fa.start
        if to:
            f = _FROM.search(text[max(lo, a.start - 8):a.start])
            if f:
                start_a = a.start - (len(text[max(lo, a.start - 8):a.start]) - f.start())
        out[i] = replace(fa, start=start_a, partner=i + 1, rule="num.range", year_like=False)
        out[i + 1] = replace(b, partner=i, rule="num.range", year_like=False)
        i += 2
    return out
