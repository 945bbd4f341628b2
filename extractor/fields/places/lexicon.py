"""Places' lexicons: the patterns of ``patterns/places.yaml`` and ``patterns/outlets.yaml``
compiled into one table, and the name keys every step shares."""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from ... import gazetteer as gz
from ...patterns import PatternError
from ...rules import Rules
from ...text import chars
from ...text.norm import fold
from ...text.norm import tone_key as _tone_key

#: Articles published from this date name the units of the 2025 reorganisation.
REORG_DATE = "2025-07-01"
#: Weights of the vote for the article's province (set on the seed articles:
#: an outlet or a headline outweighs a handful of passing mentions of other provinces).
W_OUTLET, W_TITLE, W_MENTION, W_CHILD = 3.0, 3.0, 1.0, 0.5
#: Longest unit name, in syllables, tried when cutting a run ("Phú Hòa Đông", "Kon Pne B").
MAX_NAME_SYLLABLES = 5

#: Capitals and lower-case letters of a name (:mod:`extractor.text.chars`: Vietnamese, f j w z).
_UPPER = chars.UPPER_LETTERS
_LOWER = chars.LOWER_LETTERS
#: One capitalised syllable; an apostrophe joins minority-language syllables (Đắk R'Lấp, Cư M'gar).
SYL = rf"[{_UPPER}][{_LOWER}]*(?:['’][{_UPPER}{_LOWER}][{_LOWER}]*)?(?![\w'’])"
#: A run of capitalised syllables; a number or a single capital may follow (Mỹ Đình 1, Plei Kần B).
RUN = rf"{SYL}(?:[ \u00a0](?:{SYL}|\d+[A-Z]?(?![\w])))*"
_SP = r"[ \u00a0]"
#: A dash before a capitalised word or a number: zones without one hold no route.
_DASH_NAME = re.compile(rf"[-–][ \u00a0]*[{_UPPER}\d]")


def _alt(phrases: list[str], case: bool = True, what: str = "phrases") -> str:
    """:func:`~extractor.text.chars.alt` of phrases with flexible spaces, case ignored unless
    ``case``; an empty list is a PatternError naming ``what``."""
    body = chars.alt([re.escape(p).replace(r"\ ", rf"{_SP}+") for p in phrases if p], escape=False, what=what)
    return body if case else f"(?i:{body[3:-1]})"


def _trie(phrases: list[str]) -> str:
    """The alternation of ``phrases`` (spaces flexible, as :func:`_alt`) shaped as a trie:
    one branch per first letter, so the engine tests a position against a few letters, not
    every phrase. It matches at a position exactly where :func:`_alt`'s pattern does."""
    root: dict = {}
    for p in {p for p in phrases if p}:
        node = root
        for ch in re.sub(r"\s+", " ", p):
            node = node.setdefault(ch, {})
        node[""] = {}
    if not root:
        raise PatternError("E-PAT012 empty alternation: no scan phrases to match")

    def emit(node: dict) -> str:
        alts = [(rf"{_SP}+" if ch == " " else re.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append("")  # the phrase may end here (longer ones first)
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return emit(root)


def _alias_alt(phrases: list[str]) -> str:
    """Alternation of name variants, longest first; a dash may have spaces on either side or
    none ("Bà Rịa- Vũng Tàu", "Thừa Thiên -Huế")."""
    parts = []
    for p in phrases:
        pieces = re.split(r"\s*[-–]\s*", p)
        parts.append(rf"{_SP}*[-–]{_SP}*".join(re.escape(x).replace(r"\ ", rf"{_SP}+") for x in pieces))
    return chars.alt(parts, escape=False, what="place name aliases")


@dataclass(frozen=True)
class Lexicon:
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
    middle: frozenset[str]        # tone_keys of middle names ("Văn", "Thị")
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
    scan_re: re.Pattern[str]       # cand_re and route_start in one: the one scan of a zone's lower-case copy
    g: gz.Gazetteer                # the gazetteer of the same rules (aliases, spellings)
    slip_re: re.Pattern[str]       # one lower-case syllable closing a name before a comma or a parent
    squashed: dict[str, str]       # province names as domains write them: "backan" -> "Bắc Kạn"
    respellable: dict[str, bool] = field(default_factory=dict, compare=False)  # word -> may a look-up respell it
    bare_runs: dict[str, object] = field(default_factory=dict, compare=False)  # run -> bare._run_info


@functools.lru_cache(maxsize=65536)
def _syl_key(word: str) -> str:
    return _tone_key(word)


@functools.lru_cache(maxsize=65536)
def tone_key(name: str) -> str:
    """:func:`~extractor.text.norm.tone_key`, cached per name and per syllable (names recur)."""
    return " ".join(_syl_key(w) for w in name.split())


def _respelt(words: list[str], lex: Lexicon) -> bool:
    """Whether a run has a syllable that a look-up may respell ("Bắc Cạn", "Phú Quý" / "Phú Quí")."""
    return len(words) > 1 and any(_respellable(w, lex) for w in words)


def _respellable(word: str, lex: Lexicon) -> bool:
    memo = lex.respellable
    hit = memo.get(word)
    if hit is None:
        if len(memo) > gz.MEMO_SIZE:
            memo.clear()
        hit = memo[word] = lex.g.respell(word) != word or gz.swap_iy(word) != word
    return hit


@functools.lru_cache(maxsize=4096)
def _fkey(s: str) -> str:
    return " ".join(fold(s).split())


def compile_lexicon(rules: Rules) -> Lexicon:
    """The lexicons of ``rules``' ``places``, ``outlets`` and ``officials`` files (family
    names) compiled into one table: fetched with ``doc.rules.compiled(compile_lexicon)``."""
    pf = rules.file("places")
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
    of = rules.file("outlets")
    outlets = {r.label.casefold(): (r.data or {}).get("province") for r in of.section("outlets")}
    national = frozenset(p.casefold() for r in of.section("national") for p in r.phrases)
    known_only = frozenset(r.id for r in pf.section("level_words") if (r.data or {}).get("known_only"))
    family = frozenset(tone_key(n) for group in rules.file("officials").table("family_names").values() for n in group)
    middle = frozenset(tone_key(p) for r in pf.section("middle_names") for p in r.phrases)
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
    scan_re = re.compile(_trie(starts + [h.lower() for h in heads]))
    parents = [p for r in pf.section("level_words") if (r.data or {}).get("slip_parent") for p in r.phrases]
    slip_re = re.compile(rf"""
        {_SP}(?P<w>[{_LOWER}]+)                                   # "hồng" in "thôn Quảng hồng,"
        (?=[ \u00a0]*[,.;:)]|{_SP}+{chars.alt(parents + ["thuộc"], what="slip parents")}(?![\w]))
    """, re.VERBOSE)
    return Lexicon(level_re, body_re, run_re, cont_re, paren_re, chain_re, thing_re, person_re,
                   blocker_re, level_of, body_of, org, openers, stops, outlets, national,
                   known_only, family, middle, not_bare, slip, abbrev, strict, numfollow_re, route_re,
                   org_lower, ethnic, org_breaks, numbered, colon_re, count_re, bracket_re, regions, cand_re,
                   run_start, route_start, scan_re, rules.compiled(gz.compile_gazetteer), slip_re,
                   rules.compiled(compile_squashed_provinces))


def compile_squashed_provinces(rules: Rules) -> dict[str, str]:
    """``"backan" -> "Bắc Kạn"`` for every province name of both eras (domain spelling).

    Domains drop every mark, vowel marks too (ă, â, ơ), not only tones: ``fold`` keeps those,
    so they are stripped from the decomposed form before the non-letters go.
    """
    out = {}
    for u in rules.compiled(gz.compile_gazetteer).units:
        if u.level == "province":
            bare = unicodedata.normalize("NFD", fold(u.name).replace("đ", "d"))
            out[re.sub(r"[^a-z]", "", "".join(c for c in bare if not unicodedata.combining(c)))] = u.name
    return out


