"""Places: every administrative unit an article names, resolved to the gazetteer; the main locality.

Steps (each a small function below):

1. **find** — one scan of the lower-case text finds where a level or body word starts, and
   the full patterns are tried only there (likewise runs and route heads: issue 24). A
   level word and a name (``huyện Na Rì``), a party or state body and its place
   (``Tỉnh ủy Nghệ An``, ``Thành ủy TP HCM``), the names that share one level word
   (``các huyện Na Rì, Bạch Thông, Ngân Sơn``) and a parent in brackets
   (``xã Tam Quang (Tương Dương)``); after a counted level word (``6 xã: A, B và C``) every
   listed name is a unit. A name is a run of capitalised syllables; its extent is
   the longest prefix the gazetteer knows at that level (so ``xã Tân Lập Lương Văn Hòa``
   is Tân Lập), else the run cut before a family name.
2. **context** — the article's province: outlet (``patterns/outlets.yaml``), headline and
   mention weight.
3. **resolve** — each name is looked up in :mod:`extractor.gazetteer` by tone_key (then
   without tones only where the spelling is compatible: "Dak Nông" is Đắk Nông, "Tam Thuận"
   is not Tam Thuấn; then with old syllable spellings: "Bắc Cạn") and
   narrowed by its own hierarchy: bracketed or following parents, districts named in the
   article, the article's province, the kind its level word names. A name that stays
   ambiguous keeps no code and adds a warning: never a confident wrong code.
4. **bare names** — capitalised runs without a level word: a province name anywhere, a
   district of the article's province, a unit already named with its level word, or the
   communes and districts listed alone in a bracket (``(ở Bình Phục, Bình Giang)``), unless
   the name is inside an organisation or a thing (``Báo Bắc Giang``, ``đường Chi Lăng``) or
   a person's name (``hội viên Trần Thái Bình``).
5. **records** — one :class:`~extractor.record.Locality` per (level, name) with every mention
   ``[start, end)`` of the name in ``doc.text``, and the :class:`MainLocality`. An
   unresolved unit's province is given only where known, never guessed from the article.
"""
from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from .. import gazetteer as gz
from .. import patterns
from ..record import Locality, MainLocality
from ..text.norm import fold
from ..text.norm import tone_key as _tone_key
from ..text.segment import ArticleText, ZoneKind

log = logging.getLogger(__name__)

#: Articles published from this date name the units of the 2025 reorganisation.
REORG_DATE = "2025-07-01"
#: Weights of the vote for the article's province (set on the seed articles:
#: an outlet or a headline outweighs a handful of passing mentions of other provinces).
W_OUTLET, W_TITLE, W_MENTION, W_CHILD = 3.0, 3.0, 1.0, 0.5
#: Longest unit name, in syllables, tried when cutting a run ("Phú Hòa Đông", "Kon Pne B").
MAX_NAME_SYLLABLES = 5

_UPPER = "".join(sorted({c for c in map(chr, range(0x41, 0x1EFA))
                         if c.isupper() and unicodedata.name(c, "").startswith("LATIN")}))
_LOWER = "".join(sorted({c for c in map(chr, range(0x61, 0x1EFA))
                         if c.islower() and unicodedata.name(c, "").startswith("LATIN")}))
#: One capitalised syllable; an apostrophe joins minority-language syllables (Đắk R'Lấp, Cư M'gar).
SYL = rf"[{_UPPER}][{_LOWER}]*(?:['’][{_UPPER}{_LOWER}][{_LOWER}]*)?(?![\w'’])"
#: A run of capitalised syllables; a number or a single capital may follow (Mỹ Đình 1, Plei Kần B).
RUN = rf"{SYL}(?:[ \u00a0](?:{SYL}|\d+[A-Z]?(?![\w])))*"
_SP = r"[ \u00a0]"
#: A dash before a capitalised word or a number: zones without one hold no route.
_DASH_NAME = re.compile(rf"[-–][ \u00a0]*[{_UPPER}\d]")


def _alt(phrases: list[str], case: bool = True) -> str:
    """Alternation of phrases, longest first, spaces flexible; never empty (trafilatura's _alt)."""
    parts = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not parts:
        return r"(?!x)x"
    body = "|".join(re.escape(p).replace(r"\ ", rf"{_SP}+") for p in parts)
    return f"(?:{body})" if case else f"(?i:{body})"


def _alias_alt(phrases: list[str]) -> str:
    """Alternation of name variants, longest first; a dash may have spaces on either side or
    none ("Bà Rịa- Vũng Tàu", "Thừa Thiên -Huế")."""
    parts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        pieces = re.split(r"\s*[-–]\s*", p)
        parts.append(rf"{_SP}*[-–]{_SP}*".join(re.escape(x).replace(r"\ ", rf"{_SP}+") for x in pieces))
    return f"(?:{'|'.join(parts)})" if parts else r"(?!x)x"


@dataclass(frozen=True)
class _Lexicon:
    level_re: re.Pattern[str]
    body_re: re.Pattern[str]
    run_re: re.Pattern[str]
    cont_re: re.Pattern[str]
    paren_re: re.Pattern[str]
    chain_re: re.Pattern[str]
    thing_re: re.Pattern[str]
    person_re: re.Pattern[str]
    blocker_re: re.Pattern[str]
    level_of: dict[str, tuple[str, str, str | None]]   # folded level word -> (rule id, level, kind)
    body_of: dict[str, tuple[str, str]]                 # folded body word -> (rule id, level)
    org_heads: frozenset[str]
    openers: frozenset[str]
    stops: frozenset[str]
    outlets: dict[str, str]
    national: frozenset[str]
    known_only: frozenset[str]    # level-word rule ids whose names must be in the gazetteer
    family: frozenset[str]        # tone_keys of family names
    not_bare: frozenset[str]      # tone_keys of names that are no place without a level word
    slip_stops: frozenset[str]
    abbrev: frozenset[str]        # level-word rule ids of dotted abbreviations (Q., P., H.)
    strict_name: frozenset[str]   # level-word rule ids whose names must look Vietnamese (bản, khu)
    numfollow_re: re.Pattern[str]  # a quantity word after a number ("phường 2 năm")
    route_re: re.Pattern[str]      # a route head and the dash-joined names after it
    org_lower: frozenset[str]      # organisation heads whose name may go on in lower case
    ethnic: frozenset[str]         # tone_keys of the names of peoples ("bản Mông" is no hamlet name)
    org_breaks: frozenset[str]     # tone_keys of words that end an organisation's name
    numbered: frozenset[str]       # level words (folded) that take numbered units: quận, phường
    colon_re: re.Pattern[str]      # level_re with a colon before the name ("6 xã: A, B")
    count_re: re.Pattern[str]      # a number or plural word right before a level word ("6 xã:", "các huyện")
    bracket_re: re.Pattern[str]    # a bracket that holds only names, listed ("(ở Bình An, Bình Phú)")
    regions: frozenset[str]        # tone_keys of the names of regions (Tây Nguyên, Nam Trung Bộ)
    cand_re: re.Pattern[str]       # every level and body word, lower case: where level_re/body_re may start
    run_start: re.Pattern[str]     # the first letter of a run or an alias: where run_re may start
    route_start: re.Pattern[str]   # every route head, lower case: where route_re may start


@functools.lru_cache(maxsize=65536)
def _syl_key(word: str) -> str:
    return _tone_key(word)


def tone_key(name: str) -> str:
    """:func:`~extractor.text.norm.tone_key`, one cached look-up per syllable (names recur)."""
    return " ".join(_syl_key(w) for w in name.split())


def _respelt(words: list[str]) -> bool:
    """Whether a run has a syllable that a look-up may respell ("Bắc Cạn", "Phú Quý" / "Phú Quí")."""
    return len(words) > 1 and any(_respellable(w) for w in words)


@functools.lru_cache(maxsize=65536)
def _respellable(word: str) -> bool:
    return gz.respell(word) != word or gz.swap_iy(word) != word


def _fkey(s: str) -> str:
    return " ".join(fold(s).split())


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """Compile the lexicons of ``patterns/places.yaml`` and ``patterns/outlets.yaml`` once."""
    pf = patterns.load("places")
    level_of: dict[str, tuple[str, str, str | None]] = {}
    lw_case, lw_icase = [], []
    for r in pf.section("level_words"):
        data = r.data or {}
        for p in r.phrases:
            level_of[_fkey(p)] = (r.id, r.label, data.get("kind"))
            (lw_case if data.get("case") else lw_icase).append(p)
    body_of: dict[str, tuple[str, str]] = {}
    bodies = []
    for r in pf.section("body_words"):
        for p in r.phrases:
            body_of[_fkey(p)] = (r.id, r.label)
            bodies.append(p)
    alias_phrases = [p for r in pf.section("aliases") for p in r.phrases]
    alias = _alias_alt(alias_phrases)
    lw = f"(?:{_alt(lw_icase, case=False)}|{_alt(lw_case)})"
    name = rf"(?:{alias}(?![\w])|{RUN}|\d+[A-Z]?(?![\w]))"
    # level word + name: "huyện Na Rì", "TP.HCM", "Quận 1"; TP/TX may touch the name.
    mods = [p for r in pf.section("level_modifiers") for p in r.phrases]
    level_src = rf"""
        (?<![\w])(?P<lw>{lw})            # level word (case ignored but for TP/TX)
        (?:{_SP}+(?P<mod>{_alt(mods, case=False)}(?:{_SP}*,{_SP}*{_alt(mods, case=False)}){{0,2}}))?  # "xã biên giới, miền núi X"
        (?:{_SP}+|(?<=\.))               # a space, or none after "TP."
        (?P<name>{name})                 # the name: an alias, a capitalised run, a number
    """
    level_re = re.compile(level_src, re.VERBOSE)
    # after a count, the list may follow a colon: "6 xã: Tam Quang, Tam Hợp" (tried only there)
    colon_re = re.compile(level_src.replace(rf"(?:{_SP}+|(?<=\.))", rf"{_SP}*:{_SP}*"), re.VERBOSE)
    body_re = re.compile(rf"""
        (?<![\w])(?P<body>{_alt(bodies, case=False)})   # Tỉnh ủy, Huyện ủy, UBND ...
        {_SP}+(?P<name>{alias}(?![\w])|{RUN})            # directly followed by a name
    """, re.VERBOSE)
    run_re = re.compile(rf"(?<![\w'’])(?P<name>{alias}(?![\w])|{RUN})")
    # another name sharing the level word: ", Hữu Kiên", " và Nà Pồng"
    cont_re = re.compile(rf"""
        (?:{_SP}*,{_SP}*|{_SP}+(?:và|cùng|với){_SP}+)   # list separator
        (?P<name>{alias}(?![\w])|{RUN})
    """, re.VERBOSE)
    # a parent in brackets: " (Tương Dương)", " (TP Bắc Giang)", " (tỉnh Kon Tum)"
    paren_re = re.compile(rf"""
        {_SP}*\({_SP}*
        (?:(?P<lw>{lw})(?:{_SP}+|(?<=\.)))?(?P<name>{alias}(?![\w])|{RUN})
        (?:{_SP}*[,-–]{_SP}*(?:(?P<lw2>{lw})(?:{_SP}+|(?<=\.)))?(?P<name2>{alias}(?![\w])|{RUN}))?
        {_SP}*\)
    """, re.VERBOSE)
    # what may stand between a unit and its parent named after it: "xã Tân Lập, huyện Bắc Sơn"
    chain_re = re.compile(rf"{_SP}*(?:,|-|–|thuộc|của){_SP}*$|{_SP}+$|(?<=\.)$")  # "Phường 1, Q.Tân Bình"
    thing = [p for r in pf.section("thing_heads") for p in r.phrases]
    compounds = [p for r in pf.section("thing_compounds") for p in r.phrases]
    # the leftmost match wins: "Môi trường " is found before "trường " and is no thing
    thing_re = re.compile(rf"(?<![\w])(?i:(?P<no>{_alt(compounds)})|{_alt(thing)}){_SP}+$")
    person = [p for r in pf.section("person_words") for p in r.phrases]
    person_re = re.compile(rf"(?<![\w])(?i:{_alt(person)}){_SP}+$")
    blockers = [p for r in pf.section("level_word_blockers") for p in r.phrases]
    blocker_re = re.compile(rf"(?<![\w]){_alt(blockers)}{_SP}+$")
    org = frozenset(p for r in pf.section("org_heads") for p in r.phrases)
    openers = frozenset(p for r in pf.section("run_openers") for p in r.phrases)
    stops = frozenset(tone_key(p) for r in pf.section("name_stops") for p in r.phrases)
    of = patterns.load("outlets")
    outlets = {r.label.casefold(): (r.data or {}).get("province") for r in of.section("outlets")}
    national = frozenset(p.casefold() for r in of.section("national") for p in r.phrases)
    known_only = frozenset(r.id for r in pf.section("level_words") if (r.data or {}).get("known_only"))
    family = frozenset(tone_key(p) for r in pf.section("family_names") for p in r.phrases)
    not_bare = frozenset(tone_key(p) for r in pf.section("bare_not_places") for p in r.phrases)
    slip = frozenset(p for r in pf.section("slip_stops") for p in r.phrases)
    abbrev = frozenset(r.id for r in pf.section("level_words") if (r.data or {}).get("abbrev"))
    strict = frozenset(r.id for r in pf.section("level_words") if (r.data or {}).get("strict_name"))
    follow = [p for r in pf.section("number_followers") for p in r.phrases]
    numfollow_re = re.compile(rf"{_SP}*(?i:{_alt(follow)})(?![\w])")
    heads = [p for r in pf.section("route_heads") for p in r.phrases]
    end = rf"(?:{lw}(?:{_SP}+|(?<=\.)))?(?:{alias}(?![\w])|{RUN})"
    route_re = re.compile(rf"""
        (?<![\w])(?i:{_alt(heads)})                 # tuyến, cao tốc, quốc lộ, trận ...
        (?:{_SP}+[{_LOWER}]+){{0,4}}{_SP}+          # up to four lower-case words: "đường", "nối"
        (?P<chain>{end}(?:{_SP}*[-–]{_SP}*{end})+)  # two or more names joined by dashes
    """, re.VERBOSE)
    org_lower = frozenset(p for r in pf.section("org_heads") if (r.data or {}).get("lower") for p in r.phrases)
    org_breaks = frozenset(tone_key(p) for r in pf.section("org_chain_breaks") for p in r.phrases)
    ethnic = frozenset(tone_key(p.replace("-", " ")) for r in pf.section("ethnic_groups") for p in r.phrases)
    numbered = frozenset(_fkey(p) for r in pf.section("numbered_levels") for p in r.phrases)
    counts = [p for r in pf.section("count_words") for p in r.phrases]
    count_re = re.compile(rf"(?<![\w])(?:\d+|(?i:{_alt(counts)})){_SP}+$")
    bracket_re = re.compile(rf"""
        \({_SP}*(?:(?:ở|tại){_SP}+)?                     # "(ở Bình An, Bình Phú và Bình Hòa)"
        (?P<names>{RUN}(?:(?:{_SP}*,{_SP}*|{_SP}+và{_SP}+)(?:{lw}{_SP}+)?{RUN}){{0,11}})
        {_SP}*\)""", re.VERBOSE)
    regions = frozenset(tone_key(p) for r in pf.section("regions") for p in r.phrases)
    starts = [p.lower() for r in pf.section("level_words") for p in r.phrases] + [p.lower() for p in bodies]
    cand_re = re.compile(_alt(starts))  # no look-behind first: the engine skips by first letter
    run_start = re.compile("[" + re.escape("".join(sorted(set(_UPPER) | {p[0] for p in alias_phrases}))) + "]")
    route_start = re.compile(_alt([h.lower() for h in heads]))
    return _Lexicon(level_re, body_re, run_re, cont_re, paren_re, chain_re, thing_re, person_re,
                    blocker_re, level_of, body_of, org, openers, stops, outlets, national,
                    known_only, family, not_bare, slip, abbrev, strict, numfollow_re, route_re,
                    org_lower, ethnic, org_breaks, numbered, colon_re, count_re, bracket_re, regions, cand_re, run_start, route_start)


# ---------------------------------------------------------------------------------------
# 1. find
# ---------------------------------------------------------------------------------------
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


def _tokens(text: str, s: int, e: int) -> list[tuple[int, int]]:
    return [(s + m.start(), s + m.end()) for m in re.finditer(r"\S+", text[s:e])]


def _known(name: str, level: str) -> bool:
    """Whether the gazetteer has a unit of this level so named (loosely only for two syllables or more)."""
    g = gz.get()
    if level == "city":
        return g.known(name, "province") or g.known(name, "district")
    if level == "village":
        return False
    return g.known(name, level) or (" " in name.strip() and bool(g.lookup(name, level, loose=True)))


def _cut_name(text: str, s: int, e: int, level: str, lex: _Lexicon,
              strict: bool = False) -> tuple[int, int] | None:
    """The extent of a unit name inside the run ``text[s:e]``: the longest known prefix, or
    (for names the gazetteer lacks) the run cut before a family name, numbers dropped.

    A number ends a name ("thôn 2", "Mỹ Đình 1") and is no unit number before a quantity
    word ("phường 2 năm nay"); a hamlet's syllables have two letters or more ("bản E giá
    500 triệu" is a version), and with ``strict`` are spelt as Vietnamese syllables.
    """
    toks = _tokens(text, s, e)
    if not toks:
        return None
    if text[s:e] in gz.aliases_surface():
        return s, e
    toks = _name_tokens(text, toks, level, lex, strict)
    if not toks:
        return None
    e = toks[-1][1]
    slip = _slip_re().match(text, e)
    if slip and slip.group("w") not in lex.slip_stops:
        ext = toks + [(slip.start("w"), slip.end("w"))]
        if level == "village" and len(toks) <= 3:
            return s, ext[-1][1]  # "thôn Quảng hồng, xã Quảng Lạc": a lower-case slip
        if len(ext) <= MAX_NAME_SYLLABLES and _known(text[s:ext[-1][1]], level):
            return s, ext[-1][1]
    for n in range(min(len(toks), MAX_NAME_SYLLABLES), 0, -1):
        if _known(text[s:toks[n - 1][1]], level):
            if n == 1 and _name_goes_on(text, toks, lex):
                break  # "xã Đông Dư" is no "xã Đông" the gazetteer lacks "Đông Dư"
            return s, toks[n - 1][1]
    keep = list(toks)
    for i in range(1, len(toks)):
        tail = [text[a:b] for a, b in toks[i:]]
        if tone_key(tail[0]) in lex.family and 2 <= len(tail) <= 4 and all(len(w) > 1 and not w.isdigit() for w in tail):
            keep = toks[:i]  # "xã Tân Lập Lương Văn Hòa": a person's name follows the place
            break
    while keep and text[keep[-1][0]:keep[-1][1]].isdigit() and len(keep) > 1:
        keep.pop()
    if not keep or len(keep) > 4:
        return None
    first = tone_key(text[keep[0][0]:keep[0][1]])
    two = tone_key(text[keep[0][0]:keep[1][1]]) if len(keep) > 1 else ""
    if first in lex.stops or two in lex.stops:
        return None
    if any(tone_key(text[keep[0][0]:keep[n][1]]) in lex.regions for n in range(min(len(keep), 4))):
        return None  # "khu Bắc Trung Bộ", "các huyện Tây Nguyên": a region, no unit
    if first in lex.family and len(keep) >= 3:
        return None  # "Chủ tịch UBND xã Lương Văn Hòa": the commune's officer, not a unit
    if text[keep[0][0]:keep[0][1]].isdigit() and level not in ("district", "commune"):
        return None
    if level in ("city", "province"):
        return None  # "TP. Ảnh:", "thành phố New York": provinces and cities must be known
    if level in ("district", "commune") and len(keep) == 1 and not text[keep[0][0]:keep[0][1]].isdigit():
        return None  # "quận Meram", "xã Anh": unit names the gazetteer lacks have two syllables or more
    return keep[0][0], keep[-1][1]


def _name_goes_on(text: str, toks: list[tuple[int, int]], lex: _Lexicon) -> bool:
    """Whether the syllables after a one-syllable unit name carry the name on: capitalised
    syllables that are no number, no person's name and no unit of their own."""
    rest = text[toks[1][0]:toks[min(len(toks), 4) - 1][1]] if len(toks) > 1 else ""
    if not rest or not rest[0].isalpha() or tone_key(rest.split()[0]) in lex.family:
        return False
    g = gz.get()
    return not any(g.known(rest, lv) for lv in ("province", "district", "commune"))


def _name_tokens(text: str, toks: list[tuple[int, int]], level: str, lex: _Lexicon,
                 strict: bool) -> list[tuple[int, int]]:
    """The tokens of a run that may belong to a unit name (see :func:`_cut_name`)."""
    for i, (a, b) in enumerate(toks):
        if text[a].isdigit():  # a number closes the name: "bản G 642 Triệu" stops at 642
            toks = toks[:i + 1]
            if lex.numfollow_re.match(text, b):  # "phường 2 năm", "UBND phường 25 triệu đồng"
                toks = toks[:i]
            break
    if level != "village":
        return toks
    keep: list[tuple[int, int]] = []
    for a, b in toks:
        w = text[a:b]
        if len(w) == 1 and keep:  # "Sô Ma Lơng B": a letter closes a hamlet's name
            keep.append((a, b))
            break
        if not w[0].isdigit() and (len(w) < 2 or strict and not _viet_syllable(w)):
            break  # "bản E", "khu Zaanse Schans"
        keep.append((a, b))
    return keep


@functools.lru_cache(maxsize=4096)
def _viet_syllable(word: str) -> bool:
    """Whether a capitalised word is spelt as one Vietnamese syllable ("Huổi", not "Tanah")."""
    return bool(_syllable_re().fullmatch(fold(word)))


@functools.lru_cache(maxsize=1)
def _syllable_re() -> re.Pattern[str]:
    """Onset, vowel nucleus and final of a Vietnamese syllable (folded: no tones, lower case)."""
    return re.compile(r"""
        (?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?   # onset
        [aăâeêioôơuưy]{1,3}                                         # nucleus (glides included)
        (?:ch|ng|nh|[cmnpt])?                                       # final
    """, re.VERBOSE)


@functools.lru_cache(maxsize=1)
def _slip_re() -> re.Pattern[str]:
    """One lower-case syllable closing a name before a comma, a bracket or the parent's level word."""
    return re.compile(rf"""
        {_SP}(?P<w>[{_LOWER}]+)                                   # "hồng" in "thôn Quảng hồng,"
        (?=[ \u00a0]*[,.;:)]|{_SP}+(?:xã|phường|thị[ ]trấn|huyện|thuộc)(?![\w]))
    """, re.VERBOSE)


def _sentence_start(text: str, pos: int, zone_start: int) -> bool:
    """Whether ``pos`` opens a sentence, a line, a quotation or a bracket."""
    before = text[zone_start:pos].rstrip()
    return not before or before[-1] in ".!?:;\n\"“”'(-–…"


def _level_blocked(text: str, start: int, lex: _Lexicon) -> bool:
    return bool(lex.blocker_re.search(text, max(0, start - 20), start))


def _org_before(text: str, start: int, lex: _Lexicon, strict: bool) -> bool:
    """Whether the name at ``start`` is inside an organisation's or a thing's name.

    Walks back over the words before it within the phrase (capitalised words, acronyms,
    numbers, hyphens and up to a few lower-case words that are no preposition or verb) and
    looks for an organisation head ("Trường THPT Chợ Đồn", "Bệnh viện Đa khoa Nghệ An"). With
    ``strict`` (a place after its level word) lower-case words count only after the heads
    whose names go on in lower case ("Bệnh viện đa khoa tỉnh X", "Trường tiểu học xã X").
    """
    window = text[max(0, start - 80):start]
    words = re.findall(r"[^\s,.;:()\"“”]+|[,.;:()\"“”]", window)
    chain: list[str] = []
    lower = 0
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if not w[0].isalnum() and w not in ("-", "–"):
            break
        if w[0].isupper() or w.isdigit() or w in ("-", "–"):
            chain.append(w)
            continue
        pair = tone_key(f"{words[i - 1]} {w}") if i else ""
        if lower >= (5 if strict else 7) or tone_key(w) in lex.org_breaks or pair in lex.org_breaks:
            break
        lower += 1
        chain.append(w)
    chain.reverse()
    caps = 0
    while caps < len(chain) and (chain[-1 - caps][0].isupper() or chain[-1 - caps].isdigit()):
        caps += 1
    if caps:  # "báo Pháp Luật TP.HCM": a thing head before a capitalised name chain
        lead = len(" ".join(chain[-caps:]))
        at = window.rfind(chain[-caps], 0, max(0, len(window) - lead + len(chain[-caps])))
        if at >= 0 and _thing(window, at, lex):
            return True
    for i in range(len(chain)):
        for n in (1, 2, 3):
            if i + n > len(chain):
                break
            head = " ".join(chain[i:i + n])
            if head not in lex.org_heads and (n == 1 or head[:1].upper() + head[1:] not in lex.org_lower):
                continue  # "bệnh viện tâm thần Hà Nội"; one lower-case word is no head ("thị trường")
            if strict and head not in lex.org_lower and any(w[0].islower() for w in chain[i + n:]):
                continue  # "Hội viên Giải ... tại xã X": only some names go on in lower case
            return True
    return False


def _zones(doc: ArticleText) -> list:
    """The content zones (the whole text when the article has none)."""
    zones = doc.content() or []
    if not zones and doc.text:
        from ..text.segment import Zone
        zones = [Zone(ZoneKind.body, 0, len(doc.text))]
    return zones


def _lower(text: str) -> str | None:
    """The same-length lower-case copy of a text, or None when lowering changes its length."""
    low = text.lower()
    return low if len(low) == len(text) else None


def _routes(doc: ArticleText, lex: _Lexicon, low: str | None) -> list[tuple[int, int]]:
    """Spans of the dash-joined names after a route head ("tuyến đường TP.HCM - Cần Thơ"):
    the ends of a road, a line or a match, not mentions of the places."""
    out = []
    for z in _zones(doc):
        if not _DASH_NAME.search(doc.text, z.start, z.end):
            continue  # a route joins two names by a dash
        if low is None:
            ms = lex.route_re.finditer(doc.text, z.start, z.end)
        else:
            ms = _matches(lex.route_re, lex.route_start, doc.text, low, z.start, z.end)
        for m in ms:
            out.append((m.start("chain"), m.end("chain")))
    return out


def _find(doc: ArticleText, lex: _Lexicon, routes: list[tuple[int, int]], low: str | None) -> list[_Mention]:
    """Level-word, body, list and bracket mentions in the content zones, in text order."""
    text = doc.text
    found: list[_Mention] = []
    group = 0
    post2025 = bool(doc.published and doc.published[:10] >= REORG_DATE)
    taken = _Taken(len(text), routes)
    for z in _zones(doc):
        in_title = z.kind == ZoneKind.title
        hits = _hits(text, low, z.start, z.end, lex)
        for _, m, how in hits:
            if taken.overlaps(m.start("name"), m.end("name")):
                continue
            if how == "level":
                rid, level, kind = lex.level_of.get(_fkey(m.group("lw")).rstrip("."), (None, None, None))
                if rid is None:
                    rid, level, kind = lex.level_of.get(_fkey(m.group("lw")), ("place.lw", "village", None))
                if _level_blocked(text, m.start("lw"), lex):
                    continue
                lw = m.group("lw")
                if level == "village" and lw[0].isupper() and not _sentence_start(text, m.start(), z.start):
                    continue  # "Hoa đào Bản Cao": a capitalised hamlet word mid-sentence is a name
            else:
                rid, level = lex.body_of[_fkey(m.group("body"))]
                kind = None
            cut = _cut_name(text, m.start("name"), m.end("name"), level, lex, strict=rid in lex.strict_name)
            if cut is None:
                continue
            if how == "level" and level != "village" and text[cut[0]:cut[1]].isdigit() and \
                    _fkey(m.group("lw")) not in lex.numbered:
                continue  # "cấp huyện 412 mô hình": only quận and phường are numbered
            if (how == "body" or rid in lex.known_only) and not _known(text[cut[0]:cut[1]], level):
                continue  # "Tỉnh ủy Bắc Hoàng Duy Chính": a body followed by no unit
            if how == "level" and level in ("district", "commune") and not _known(text[cut[0]:cut[1]], level) \
                    and gz.get().known(text[cut[0]:cut[1]], "province"):
                level, kind = "province", None  # "12 quận nội thành Hà Nội": the districts of a province
            if _hyphen_word(text, cut[1]):
                continue  # "các huyện An Mê-slép": a foreign word split at its hyphen
            if rid in lex.abbrev and not _abbrev_name(text[cut[0]:cut[1]], level):
                continue  # "Ảnh: H. Tâm", "Taraji P. Henson": an initial, not "H.Bình Chánh"
            if level == "village" and tone_key(text[cut[0]:cut[1]].replace("-", " ")) in lex.ethnic:
                continue  # "bản Mông", "làng Ba Na": a hamlet of a people
            if rid in lex.strict_name and _thing(text, m.start(), lex):
                continue  # "thủy điện bản Vẽ", "đường khu A": a thing named after a place
            if how == "level" and _org_before(text, m.start(), lex, strict=True):
                continue
            group += 1
            plural = how == "level" and bool(lex.count_re.search(text, max(0, m.start() - 20), m.start()))
            first = _Mention(cut[0], cut[1], level, kind, rid, in_title, group=group)
            members = [first]
            pos = cut[1]
            while True:  # names sharing the level word
                c = lex.cont_re.match(text, pos, z.end)
                if not c:
                    break
                nc = _cut_name(text, c.start("name"), c.end("name"), level, lex, strict=rid in lex.strict_name)
                if nc is None or nc[1] != c.end("name") and level == "village":
                    break
                name = text[nc[0]:nc[1]]
                if level == "village" and tone_key(name.replace("-", " ")) in lex.ethnic:
                    break
                peek = lex.cont_re.match(text, nc[1], z.end)
                role = _list_role(members[-1], text, name, level, text[first.start:first.end], post2025,
                                  peek.group("name") if peek else None, plural)
                if role == "stop":
                    break
                if role == "parent":
                    first.hints.append((None, name))
                    members.append(_Mention(nc[0], nc[1], _parent_level(text, members[-1], name, post2025), None,
                                            "place.parent.list", in_title, group=-1))
                    pos = nc[1]
                    c = lex.cont_re.match(text, pos, z.end)  # "xã Tấn Mỹ, Chợ Mới, An Giang"
                    if c and members[-1].level == "district" and _known(c.group("name"), "province"):
                        first.hints.append((None, c.group("name")))
                        members[-1].hints.append(("province", c.group("name")))
                        members.append(_Mention(c.start("name"), c.end("name"), "province", None,
                                                "place.parent.list", in_title, group=-1))
                        pos = c.end("name")
                    break
                members.append(_Mention(nc[0], nc[1], level, kind, "place.list", in_title, group=group))
                pos = nc[1]
            p = lex.paren_re.match(text, pos, z.end)
            if p:
                for lwg, ng in (("lw", "name"), ("lw2", "name2")):
                    if not p.group(ng):
                        continue
                    plevel = None
                    if p.group(lwg):
                        plevel = lex.level_of.get(_fkey(p.group(lwg)).rstrip("."),
                                                  lex.level_of.get(_fkey(p.group(lwg)), (None, None, None)))[1]
                    pname = text[p.start(ng):p.end(ng)]
                    if plevel is None:
                        plevel = _parent_level(text, members[-1], pname, post2025)
                    if plevel is None:
                        continue
                    first.hints.append((plevel if plevel != "city" else None, pname))
                    members.append(_Mention(p.start(ng), p.end(ng), plevel, None, "place.parent.bracket",
                                            in_title, group=-1))
            for mm in members:
                taken.add(mm.start, mm.end)
            found.extend(members)
    found.sort(key=lambda x: x.start)
    _chain_parents(text, found, lex)
    return found


def _matches(rx: re.Pattern[str], where: re.Pattern[str], text: str, scan: str,
             start: int, end: int) -> Iterator[re.Match[str]]:
    """``rx.finditer(text, start, end)``, with ``rx`` tried only where ``where`` matches in
    ``scan`` (``text`` or its same-length lower-case copy): one fast scan, then full matches."""
    c = where.search(scan, start, end)
    while c:
        s = c.start()
        m = rx.match(text, s, end)
        if m:
            yield m
        c = where.search(scan, max(m.end(), s + 1) if m else s + 1, end)


def _hits(text: str, low: str | None, start: int, end: int, lex: _Lexicon) -> list[tuple[int, re.Match[str], str]]:
    """The matches of ``level_re`` and ``body_re`` in ``text[start:end]`` exactly as their
    ``finditer`` would give them, in text order (a level word before a body at one place).

    One scan of the lower-case copy ``low`` finds where a level or body word starts; the
    full patterns are tried only there (``low`` None: the text changes length when lowered).
    """
    hits: list[tuple[int, re.Match[str], str]] = []
    if low is None:
        hits = [(m.start(), m, "level") for m in lex.level_re.finditer(text, start, end)]
        hits += [(m.start(), m, "body") for m in lex.body_re.finditer(text, start, end)]
    else:
        free = {"level": start, "body": start}  # finditer goes on after the end of a match
        c = lex.cand_re.search(low, start, end)
        while c:
            s = c.start()
            if not (s and (low[s - 1].isalnum() or low[s - 1] == "_")):
                for how, rx in (("level", lex.level_re), ("body", lex.body_re)):
                    if s >= free[how]:
                        m = rx.match(text, s, end)
                        if m is None and how == "level" and lex.count_re.search(text, max(0, s - 20), s):
                            m = lex.colon_re.match(text, s, end)
                        if m:
                            hits.append((s, m, how))
                            free[how] = max(m.end(), s + 1)
            c = lex.cand_re.search(low, s + 1, end)
    hits.sort(key=lambda h: (h[0], h[2] != "level"))
    return hits


def _thing(text: str, pos: int, lex: _Lexicon) -> bool:
    """Whether a thing head ("đường", "sông", "báo") stands right before ``pos``."""
    m = lex.thing_re.search(text, max(0, pos - 25), pos)
    return bool(m) and not m.group("no")


def _hyphen_word(text: str, end: int) -> bool:
    """Whether a name ends inside a hyphenated word ("An Mê-slép", "Hà Nội-style")."""
    return bool(re.match(rf"[-–][{_LOWER}]", text[end:end + 2]))


def _abbrev_name(name: str, level: str) -> bool:
    """Whether a name after a dotted abbreviation is a unit: a number, or a gazetteer name
    of two syllables or more."""
    return name[:1].isdigit() or (" " in name.strip() and _known(name, level))


_ORDER = {"village": 0, "commune": 1, "district": 2, "city": 2, "province": 3}


def _parent_level(text: str, child: _Mention, name: str, post2025: bool = False) -> str | None:
    """Level of a parent named after a unit without its own level word, or None. A name of
    both a province and its chief town is the town only where the unit lies in that town
    before 2025 ("phường Cốc Lếu, Lào Cai"); else the province ("thị trấn Sa Pa, Lào Cai")."""
    above = {"village": ("commune", "district", "province"), "commune": ("district", "province"),
             "district": ("province",), "city": ("province",), "province": ()}[child.level]
    g = gz.get()
    exact = [lvl for lvl in above if g.known(name, lvl)]
    if "province" in exact or not exact and "province" in above and _known(name, "province"):
        key = tone_key(name)
        if "district" in above and not post2025 and any(
                tone_key(u.district or "") == key for u in gz.get().lookup(text[child.start:child.end], child.level)):
            return "district"
        return "province"
    for lvl in above:
        if _known(name, lvl):
            return lvl
    return None


def _list_role(prev: _Mention, text: str, name: str, level: str, lead: str, post2025: bool = False,
               after: str | None = None, plural: bool = False) -> str:
    """Whether a name after a listed unit is a sibling ("xã Hữu Kiên, Chăn Nưa"), the
    unit's parent ("huyện Gia Viễn, Ninh Bình"; "xã Tân Lập, Bắc Sơn"), or neither;
    ``lead`` is the name right after the level word ("TP HCM, Long An, Tiền Giang"), ``after``
    the name listed after this one; after a counted level word (``plural``: "hai phường A và
    B", "các xã A, B") every name that is no parent is a sibling."""
    g = gz.get()
    prev_name = text[prev.start:prev.end]
    key = tone_key(name)
    if level == "province" or (level == "city" and any(u.kind == "Thành phố" for u in g.lookup(lead, "province"))):
        return "sibling" if _known(name, "province") else "stop"  # "TP.HCM và Hà Nội"
    if g.known(name, "province"):
        return "parent"
    if level == "village":
        return "parent" if (g.known(name, "commune") or g.known(name, "district")) else "sibling"
    for u in g.lookup(prev_name, "district" if level == "city" else level):
        if key in (tone_key(u.district or ""), tone_key(u.province or "")):
            return "parent"
    if level == "commune" and not post2025 and after and any(
            _in(u, after) for u in g.lookup(name, "district", era=gz.PRE2025)):
        return "parent"  # "xã Đông Dư, Gia Lâm, Hà Nội": a district of the province named next
    if _known(name, level):
        return "sibling"
    if _parent_level(text, prev, name, post2025):
        return "parent"
    return "sibling" if plural else "stop"


def _chain_parents(text: str, found: list[_Mention], lex: _Lexicon) -> None:
    """A unit followed by a higher one ("xã Tân Lập, huyện Bắc Sơn, tỉnh Lạng Sơn") takes it as parent."""
    for i, m in enumerate(found):
        prev = m
        for n in found[i + 1:i + 4]:
            gap = text[prev.end:n.start]
            if len(gap) > 12 or not lex.chain_re.search(gap) or "\n" in gap:
                break
            lm, ln = _ORDER.get(m.level, 0), _ORDER.get(n.level, 0)
            if ln <= lm:
                break
            m.hints.append((n.level if n.level != "city" else None, text[n.start:n.end]))
            prev = n


# ---------------------------------------------------------------------------------------
# 2. context: the article's province
# ---------------------------------------------------------------------------------------
@dataclass
class _Context:
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


def _outlet_province(outlet: str | None, lex: _Lexicon) -> str | None:
    """Province of an outlet: the table, else a province name inside the domain (baoXXX.vn,
    XXX.gov.vn, XXX.dcs.vn, hoinongdanXXX.org.vn)."""
    if not outlet:
        return None
    dom = outlet.casefold().removeprefix("www.")
    if dom in lex.outlets:
        return lex.outlets[dom]
    if dom in lex.national:
        return None
    for d, prov in lex.outlets.items():
        if dom.endswith("." + d):
            return prov
    labels = [x for x in dom.split(".") if x not in ("vn", "com", "org", "net", "gov", "info", "dcs", "edu")]
    squashed = _squashed_provinces()
    for lab in reversed(labels):
        for key, prov in squashed.items():
            if lab == key or lab == "bao" + key or (len(key) >= 6 and (lab.endswith(key) or lab.startswith(key))):
                return prov
    return None


@functools.lru_cache(maxsize=1)
def _squashed_provinces() -> dict[str, str]:
    """``"backan" -> "Bắc Kạn"`` for every province name of both eras (domain spelling).

    Domains drop every mark, vowel marks too (ă, â, ơ), not only tones: ``fold`` keeps those,
    so they are stripped from the decomposed form before the non-letters go.
    """
    g = gz.get()
    out = {}
    for u in g.units:
        if u.level == "province":
            bare = unicodedata.normalize("NFD", fold(u.name).replace("đ", "d"))
            out[re.sub(r"[^a-z]", "", "".join(c for c in bare if not unicodedata.combining(c)))] = u.name
    return out


def _context(doc: ArticleText, found: list[_Mention], lex: _Lexicon) -> _Context:
    """Vote for the article's province: outlet, headline, mentions (districts count half)."""
    g = gz.get()
    ctx = _Context(post2025=bool(doc.published and doc.published[:10] >= REORG_DATE), dated=bool(doc.published))
    ctx.outlet_province = _outlet_province(doc.outlet, lex)
    ctx.vote(ctx.outlet_province, W_OUTLET)
    for m in found:
        name = doc.text[m.start:m.end]
        w = W_TITLE if m.in_title else W_MENTION
        if m.level in ("province", "city"):
            prov = g.lookup(name, "province")
            if prov and (m.level == "province" or prov[0].kind == "Thành phố"):
                ctx.vote(prov[0].name, w)
                continue
        if m.level in ("district", "city"):
            ds = g.lookup(name, "district")
            provs = {u.province for u in ds}
            if len(provs) == 1:
                ctx.vote(provs.pop(), W_TITLE if m.in_title else W_CHILD)
    return ctx


# ---------------------------------------------------------------------------------------
# 3. resolve
# ---------------------------------------------------------------------------------------
def _in(u: gz.Unit, name: str, same_era: bool = False) -> bool:
    """Whether unit ``u`` lies in (or is) the unit called ``name`` (either era, or with
    ``same_era`` only its own: a ward of Bà Rịa - Vũng Tàu lies in Hồ Chí Minh since 2025)."""
    key = _parent_key(name)
    parents = (u.province, u.district) if same_era else (u.province, u.district, u.current_province)
    return key in {tone_key(x) for x in parents if x}


@functools.lru_cache(maxsize=4096)
def _parent_key(name: str) -> str:
    """tone_key of the official name of a province or district written ``name`` ("Dak Nông",
    "TP HCM", "Đăk Mil"), or of ``name`` itself."""
    g = gz.get()
    for loose in (False, True):  # "Quang Bình" is a district as written before it is Quảng Bình
        for level in ("province", "district"):
            units = g.lookup(name, level, loose=loose and " " in name.strip())
            if units:
                return tone_key(units[0].name)
    return tone_key(name)


def _narrow(cands: list[gz.Unit], steps: list) -> list[gz.Unit]:
    """Apply filters in order, each only where it leaves at least one candidate."""
    for keep in steps:
        if len(cands) <= 1:
            break
        kept = [u for u in cands if keep(u)]
        if kept:
            cands = kept
    return cands


def _resolve(m: _Mention, text: str, ctx: _Context, hint_units: list[gz.Unit]) -> None:
    """Find the unit of one mention (sets ``unit``, ``final_level``, ``ambiguous``, ``name``)."""
    g = gz.get()
    name = text[m.start:m.end]
    level = m.level
    if level == "city":
        prov = g.lookup(name, "province")
        # "TP HCM, Long An, Tiền Giang": a province listed after a city is a province
        level = "province" if any(u.kind == "Thành phố" for u in prov) or (
            prov and not g.known(name, "district")) else "district"
    m.final_level = level
    m.name = _display(name)
    if level == "village":
        return
    cands = g.lookup(name, level) or (g.lookup(name, level, loose=True) if " " in name.strip() else [])
    if not cands:
        return
    main = ctx.main()
    provs = ctx.provinces()
    era = gz.ERA_2025 if ctx.post2025 else gz.PRE2025
    hints = [h for _, h in m.hints]
    steps = [
        lambda u: u.era == era if ctx.dated else True,  # units in force when the article was written
        lambda u: all(_in(u, h, same_era=True) for h in hints) if hints else True,
        lambda u: all(_in(u, h) for h in hints) if hints else True,
        lambda u: any(_in(u, h, same_era=True) for h in hints) if hints else True,
        lambda u: any(_in(u, h) for h in hints) if hints else True,
        lambda u: u.kind == m.kind if m.kind else True,
        lambda u: any(h.key == u.key or (h.level == "district" and u.district_code == h.code and u.era == h.era)
                      for h in hint_units),
        lambda u: u.district_code in ctx.districts if u.level == "commune" else True,
        lambda u: bool(main) and _in(u, main),
        lambda u: any(tone_key(x or "") in provs for x in (u.province, u.current_province)),
    ]
    known_hints = [h for h in hints if _known(h, "province") or _known(h, "district")]
    if known_hints and not any(_in(u, h) for u in cands for h in known_hints):
        m.ambiguous = True  # "xã Hòa Xuân, huyện Chư Dút, Đăk Nông": no such unit in its parents
        m.name = cands[0].name
        return
    if name.strip()[:1].isdigit():
        steps = steps[:7]  # "Phường 1" recurs in dozens of towns: only its own parents place it
    cands = _narrow(cands, steps)
    if len(cands) > 1:
        same = {(u.level, tone_key(u.name), u.current_province) for u in cands}
        if len(same) == 1 and len({u.era for u in cands}) == len(cands):  # one unit in two eras
            cands = sorted(cands, key=lambda u: u.era != era)[:1]
    if len(cands) != 1:
        m.ambiguous = True
        m.name = cands[0].name
        provinces = {u.province for u in cands if u.era == cands[0].era}
        m.province = provinces.pop() if len(provinces) == 1 and len({u.era for u in cands}) == 1 else None
        return
    u = cands[0]
    if level == "commune" and provs and not hints and not any(
            tone_key(x or "") in provs for x in (u.province, u.current_province)) and u.district_code not in ctx.districts:
        m.ambiguous = True  # a lone match outside the article's places: likely another unit
        m.name = u.name
        return
    m.unit = u
    iy = tone_key(name) != tone_key(u.name) and tone_key(gz.swap_iy(name)) == tone_key(u.name)
    m.name = _display(name) if iy else u.name  # "Phú Quý" as written, not the gazetteer's "Phú Quí"


def _display(name: str) -> str:
    """A name as written, with a lower-case slip capitalised ("Quảng hồng" -> "Quảng Hồng")."""
    return " ".join(w[:1].upper() + w[1:] if w[:1].islower() else w for w in name.split())


# ---------------------------------------------------------------------------------------
# 4. bare names
# ---------------------------------------------------------------------------------------
def _thing_before(text: str, start: int, lex: _Lexicon) -> bool:
    """Whether a thing head stands before the name, across "X - " route hops
    ("cao tốc Bắc Giang - Lạng Sơn", "quốc lộ Hà Nội - Lạng Sơn")."""
    pos = start
    for _ in range(3):
        if _thing(text, pos, lex):
            return True
        hop = re.search(rf"(?:{RUN}|\d+[A-Z]?){_SP}*[-–]{_SP}*$", text[max(0, pos - 40):pos])
        if not hop:
            return False
        pos = max(0, pos - 40) + hop.start()
    return False


def _bare(doc: ArticleText, found: list[_Mention], ctx: _Context, lex: _Lexicon,
          routes: list[tuple[int, int]]) -> list[_Mention]:
    """Unit names without a level word, accepted only where the context makes them places."""
    g = gz.get()
    text = doc.text
    taken = _Taken(len(text), [(m.start, m.end) for m in found] + routes)
    known_local: dict[str, str] = {}  # tone_key(name) -> level, of units named with a level word
    for m in found:
        if m.final_level in ("commune", "district") and (m.unit or m.final_level == "commune"):
            known_local.setdefault(tone_key(m.name), m.final_level)
    provs = ctx.provinces()
    main = ctx.main()
    out: list[_Mention] = []
    bracket_parents: dict[int, str] = {}
    bracketed = _bracket_items(text, lex, ctx, bracket_parents)
    communes, districts, provinces = g.keys("commune"), g.keys("district"), g.keys("province")  # once
    for z in doc.content():
        in_title = z.kind == ZoneKind.title
        for r in _matches(lex.run_re, lex.run_start, text, text, z.start, z.end):
            s, e = r.start("name"), r.end("name")
            if taken.overlaps(s, e):
                continue
            run = text[s:e]
            words = run.split()
            skip = 0
            while skip < len(words) and words[skip] in lex.openers:
                skip += 1
            if not words[skip:] or not words[skip][0].isalpha() or len(words) - skip > MAX_NAME_SYLLABLES:
                continue  # "Sau 3 lần": a number is a unit name only after its level word
            key = " ".join(_syl_key(w) for w in words[skip:])
            listed = bracketed.get(s) if key in communes or key in districts else None
            if key not in known_local and key not in provinces and key not in districts \
                    and "-" not in run and "–" not in run and not _respelt(words[skip:]) and not listed:
                continue  # one set test per run; the look-ups below only around hits
            toks = _tokens(text, s, e)[skip:]
            s = toks[0][0]
            cand = text[s:toks[-1][1]]
            hit = None
            if g.lookup(cand, "province"):
                hit = (toks[-1][1], "province", "place.bare.province")
            elif key in known_local:
                hit = (toks[-1][1], known_local[key], "place.bare.known")
            else:
                ds = [u for u in g.lookup(cand, "district") if u.era == gz.PRE2025]
                if ds and len(toks) > 1 and (listed == "district" or any(
                        tone_key(u.province) in provs or _in(u, main or "-") for u in ds)):
                    hit = (toks[-1][1], "district", "place.bare.district")
                elif listed == "commune":
                    hit = (toks[-1][1], "commune", "place.bare.bracket")
            if hit is None or tone_key(text[s:hit[0]]) in lex.not_bare:
                continue
            if lex.person_re.search(text, max(0, s - 25), s) or _thing_before(text, s, lex):
                continue
            if _org_before(text, s, lex, strict=False):
                continue
            if text[hit[0]:hit[0] + 2] in ("-", " -", " –") and hit[1] == "province":
                nxt = lex.run_re.match(text, hit[0] + 3)
                if nxt and g.lookup(nxt.group("name"), "province"):
                    continue  # "Hà Nội - Lạng Sơn": a route between two provinces
            hints = [("province", bracket_parents[s])] if s in bracket_parents else []
            out.append(_Mention(s, hit[0], hit[1], None, hit[2], in_title, hints=hints, bare=True))
            taken.add(s, hit[0])
    return out


def _bracket_items(text: str, lex: _Lexicon, ctx: _Context, hints: dict[int, str]) -> dict[int, str]:
    """Levels of the names of a bracket that holds only names, by start ("(ở Bình An, Bình
    Phú và Bình Hòa)", "(Lâm Sơn)", "(Dĩ An, Bình Dương)"): where something was done, named
    without a level word. A district of a province the bracket names is a district. Communes
    are taken up to the last one that lies in the article's district or province (the names
    after it are its parents); the ones before it need only be communes somewhere. The
    province of a bracketed district goes to ``hints``."""
    g = gz.get()
    out: dict[int, str] = {}
    for b in lex.bracket_re.finditer(text):
        items = [(r.start("name"), r.group("name")) for r in lex.run_re.finditer(text, b.start("names"), b.end("names"))]
        provs = {tone_key(u.name) for _, n in items for u in g.lookup(n, "province")}
        for s, n in items:
            for u in g.lookup(n, "district", era=gz.PRE2025):
                if tone_key(u.province) in provs:
                    out[s] = "district"
                    hints[s] = u.province
        local = [s not in out and _local_commune(n, ctx) for s, n in items]
        last = max((i for i, x in enumerate(local) if x), default=-1)
        for s, n in items[:last + 1]:  # "(Phù Lưu, Mỹ Đức, Hà Tây)": parents close the list
            if s not in out and " " in n and g.known(n, "commune"):
                out[s] = "commune"
    return out


def _local_commune(name: str, ctx: _Context) -> bool:
    """Whether exactly one commune so named lies in a district the article names, or else
    in the article's province (the era of the article's date)."""
    era = gz.ERA_2025 if ctx.post2025 else gz.PRE2025
    cands = [u for u in gz.get().lookup(name, "commune") if u.era == era or not ctx.dated]
    near = [u for u in cands if u.district_code in ctx.districts]
    main = ctx.main()
    return len(near) == 1 or (not near and bool(main) and sum(1 for u in cands if _in(u, main)) == 1)


# ---------------------------------------------------------------------------------------
# 5. records
# ---------------------------------------------------------------------------------------
def _records(doc: ArticleText, found: list[_Mention], ctx: _Context) -> list[Locality]:
    """One Locality per (level, name), mentions merged, the best resolution kept."""
    groups: dict[tuple[str, str], list[_Mention]] = defaultdict(list)
    for m in found:
        if m.final_level is None:
            continue
        groups[(m.final_level, tone_key(m.name))].append(m)
    main = ctx.main()
    out: list[Locality] = []
    ambiguous: list[str] = []
    unknown: list[str] = []
    for (level, _), ms in groups.items():
        units = Counter(m.unit for m in ms if m.unit)
        unit = units.most_common(1)[0][0] if units else None
        first = ms[0]
        loc = Locality(name=next(m.name for m in ms if m.unit == unit) if unit else first.name, level=level,
                       mentions=sorted({(m.start, m.end) for m in ms}), rule=first.rule)
        if unit:
            loc.code, loc.code_era = unit.code, unit.era
            loc.province, loc.province_code = unit.province, unit.province_code
            if level == "commune":
                loc.district, loc.district_code = unit.district, unit.district_code
            if level == "province":
                loc.province, loc.province_code = None, None
            loc.current_province = unit.current_province
        else:
            if any(m.ambiguous for m in ms):
                ambiguous.append(f"{level} {loc.name}")
            elif level != "village":
                unknown.append(f"{level} {loc.name}")
            parent = _parent_of(ms, groups, main)
            if level != "province":
                loc.province = parent
        out.append(loc)
    if ambiguous:
        doc.warn("places: ambiguous, left without code: " + "; ".join(sorted(set(ambiguous))))
    if unknown and not ctx.post2025:
        doc.warn("places: not in the gazetteer, left without code: " + "; ".join(sorted(set(unknown))))
    out.sort(key=lambda x: x.mentions[0][0] if x.mentions else 0)
    return out


def _parent_of(ms: list[_Mention], groups: dict, main: str | None) -> str | None:
    """Province of an unresolved unit where known: a bracketed or chained province, the
    province of its resolved parent, or the one province all its candidates lie in; never
    a guess from the article's province ("xã San Sả Hồ" in a paper of Hồ Chí Minh)."""
    g = gz.get()
    for m in ms:
        for _, h in m.hints:
            pv = g.lookup(h, "province")
            if pv:
                return pv[0].name
        for _, h in m.hints:  # "ấp Tân Bình, xã Tấn Mỹ, Chợ Mới": the resolved commune's province
            for lvl in ("commune", "district"):
                u = next((x.unit for x in groups.get((lvl, tone_key(h)), []) if x.unit), None)
                if u:
                    return u.province
        for _, h in m.hints:
            for u in g.lookup(h, "district"):
                if main and _in(u, main):
                    return u.province
    shared = {m.province for m in ms if m.province}
    return shared.pop() if len(shared) == 1 else None


def _main_locality(doc: ArticleText, locs: list[Locality], found: list[_Mention], ctx: _Context) -> MainLocality | None:
    """The place the article is about: its province, and a district or commune its headline names."""
    main = ctx.main()
    if main is None:
        return None
    g = gz.get()
    era = gz.ERA_2025 if ctx.post2025 else gz.PRE2025
    prov_units = g.lookup(main, "province", era=gz.PRE2025) or g.lookup(main, "province")
    pu = prov_units[0] if prov_units else None
    out = MainLocality(province=pu.name if pu else main, province_code=pu.code if pu else None,
                       current_province=pu.current_province if pu else None)
    if era == gz.ERA_2025:
        new = g.lookup(main, "province", era=gz.ERA_2025)
        if new:
            out.province_code = new[0].code
    title = [m for m in found if m.in_title and m.unit and m.unit.level in ("district", "commune")
             and _in(m.unit, out.province or "-")]
    for m in title:
        u = m.unit
        if u.level == "district" and out.district is None:
            out.district, out.district_code = u.name, u.code
        if u.level == "commune" and out.commune is None:
            out.commune, out.commune_code = u.name, u.code
            if u.district and out.district is None:
                out.district, out.district_code = u.district, u.district_code
    if not any(m.in_title for m in found) and not doc.title:
        # no headline: a district that most sub-province mentions are about
        subs = [m for m in found if m.unit and m.unit.level in ("district", "commune") and _in(m.unit, main)]
        ds = Counter(m.unit.district_code for m in subs if m.unit.district_code)
        n_prov = sum(1 for m in found if m.final_level == "province")
        if ds:
            code, n = ds.most_common(1)[0]
            if n >= 3 and n >= 0.6 * sum(ds.values()) and n > n_prov:
                d = g.by_code.get((gz.PRE2025, "district", code))
                if d:
                    out.district, out.district_code = d.name, d.code
    return out


def extract_places(doc: ArticleText) -> tuple[list[Locality], MainLocality | None]:
    """Every administrative unit the article names, and the place it is about.

    Args:
        doc: the segmented article (its ``outlet``, ``title``, ``published`` and content zones are read).

    Returns:
        The localities in order of first mention, and the main locality (None when the
        article names no province and its outlet has none).

    >>> from extractor.text.segment import ArticleText, Zone, ZoneKind
    >>> t = "Người dân xã Tam Quang (Tương Dương) mở rộng hành lang giao thông."
    >>> locs, main = extract_places(ArticleText(t, [Zone(ZoneKind.body, 0, len(t))]))
    >>> [(x.level, x.name, x.province, x.code) for x in locs]
    [('commune', 'Tam Quang', 'Nghệ An', '16933'), ('district', 'Tương Dương', 'Nghệ An', '418')]
    """
    try:
        lex = _lexicon()
        low = _lower(doc.text)
        routes = _routes(doc, lex, low)
        found = _find(doc, lex, routes, low)
        ctx = _context(doc, found, lex)
        _resolve_all(doc.text, found, ctx)
        bare = _bare(doc, found, ctx, lex, routes)
        for m in bare:
            _resolve(m, doc.text, ctx, [])
        found = sorted(found + bare, key=lambda x: x.start)
        locs = _records(doc, found, ctx)
        return locs, _main_locality(doc, locs, found, ctx)
    except (ValueError, KeyError, IndexError, re.error) as exc:  # odd input: warn, return nothing
        doc.warn(f"places: {type(exc).__name__}: {exc}")
        return [], None


def _resolve_all(text: str, found: list[_Mention], ctx: _Context) -> None:
    """Resolve mentions from the highest level down, so districts narrow their communes."""
    by_group: dict[int, list[_Mention]] = defaultdict(list)
    for m in found:
        by_group[m.group].append(m)
    for m in found:  # siblings share the parents found for their list
        if m.group > 0:
            lead = by_group[m.group][0]
            if lead is not m:
                m.hints = list(lead.hints)
    resolved: dict[str, set[gz.Unit]] = defaultdict(set)  # the units of the names resolved so far
    for lvl in ("province", "city", "district", "commune", "village"):
        for m in found:
            if m.level == lvl:
                hint_units = [u for h in {h for _, h in m.hints} for u in resolved.get(h, ())]
                _resolve(m, text, ctx, hint_units)
                if m.unit:
                    resolved[text[m.start:m.end]].add(m.unit)
                if m.unit and m.unit.level == "district" and m.unit.era == gz.PRE2025:
                    ctx.districts.setdefault(m.unit.code, []).append(m.start)
