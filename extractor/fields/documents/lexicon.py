"""``patterns/documents.yaml`` compiled into the regexes of the documents stage."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...rules import Rules
from ...text import chars

#: Look-alike characters in signs and what they stand for (SCHEMA: "QÐ" → "QĐ").
_SIGN_FOLD = str.maketrans({
    "\N{LATIN CAPITAL LETTER ETH}": "Đ",
    "\N{LATIN SMALL LETTER ETH}": "đ",
    "\N{EN DASH}": "-",
    "\N{EM DASH}": "-",
    "\N{HYPHEN}": "-",
    "\N{NON-BREAKING HYPHEN}": "-",
    "\N{MINUS SIGN}": "-",
})

#: How far back (characters) an issuing verb and its clause are looked for before a head.
LOOKBACK_CHARS = 260
#: Longest issuer name taken (characters): names of a body with its place run to ~60
#: ("Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh Thừa Thiên Huế"); names of Party congresses
#: with their term run to ~90.
MAX_ISSUER_CHARS = 110
#: Most words a subject before an issuing verb may have to count as the issuer.
MAX_ISSUER_WORDS = 16
#: Longest unquoted subject ("về …") taken (characters).
MAX_SUBJECT_CHARS = 300


# --- the lexicon, compiled once --------------------------------------------------------

@dataclass(frozen=True)
class _Kind:
    label: str
    rule: str
    party_codes: frozenset[str]
    state_codes: frozenset[str]
    bare: bool
    systems: frozenset[str]


@dataclass(frozen=True)
class _Sign:
    id: str
    regex: re.Pattern[str]
    system: str
    standalone: bool


@dataclass(frozen=True)
class _Lexicon:
    head: re.Pattern[str]
    head_lower: re.Pattern[str]        # the same, case-sensitive, for the lower-cased text (faster)
    kinds: dict[str, _Kind]            # folded surface form → kind
    signs: tuple[_Sign, ...]
    standalone: re.Pattern[str]
    code_kind: dict[str, dict[str, str]]  # system → kind code → kind label
    bare_follow: re.Pattern[str]
    years: tuple[int, int]
    verb_tail: re.Pattern[str]
    issuer_stop: re.Pattern[str]
    issuer_codes: dict[str, dict[str, str]]
    issuer_code_patterns: tuple[tuple[re.Pattern[str], str], ...]
    issuer_head: re.Pattern[str]
    issuer_words: re.Pattern[str]


def _phrase(p: str) -> str:
    """A surface phrase as a regex: any run of spaces, Đ also as its look-alike Ð."""
    out = []
    for part in p.split():
        esc = re.escape(part)
        esc = esc.replace("Đ", "[ĐÐ]").replace("đ", "[đð]")
        out.append(esc)
    return r"\s+".join(out)


def _alt(phrases: list[str], what: str) -> str:
    """Alternation of surface phrases (:func:`_phrase`), longest first; PatternError when empty."""
    return chars.alt((_phrase(p) for p in phrases), escape=False, what=what)


def _kind_key(s: str) -> str:
    return " ".join(s.translate(_SIGN_FOLD).casefold().split()).replace("qui ", "quy ")


def _head_regex(forms: list[str], modifiers: list[str], flags: int) -> re.Pattern[str]:
    """A mention head: kind [modifier] [số] and a digit after."""
    return re.compile(
        rf"""
        (?<!\w)(?P<kind>{_alt(forms, 'document kinds')})               # Chỉ thị, Nghị quyết, Qui định …
        (?:\s+(?P<mod>{_alt(modifiers, 'kind modifiers')}))?           # hành động, liên tịch …
        (?P<so>\s+số\s*:?\s*|\s+)                    # "số", "số:" or a bare space
        (?=\d)                                       # a number must follow
        """, re.VERBOSE | flags)


def compile_documents(rules: Rules) -> _Lexicon:
    """Compile ``patterns/documents.yaml`` into the regexes of this stage."""
    pf = rules.file("documents")
    kinds: dict[str, _Kind] = {}
    forms: list[str] = []
    code_kind: dict[str, dict[str, str]] = {"party": {}, "state": {}}
    for r in pf.section("kinds"):
        data = r.data or {}
        codes = list(data.get("codes", []))
        party = frozenset(codes + list(data.get("party_codes", [])))
        state = frozenset(codes + list(data.get("state_codes", [])))
        kind = _Kind(r.label, r.id, party, state, bool(data.get("bare")),
                     frozenset(data.get("systems", ["party", "state"])))
        for form in r.phrases:
            kinds[_kind_key(form)] = kind
            forms.append(form)
        for c in party:
            code_kind["party"].setdefault(c, r.label)
        for c in state:
            code_kind["state"].setdefault(c, r.label)
    modifiers = [str(m) for m in pf.table("kind_modifiers")]
    head = _head_regex(forms, modifiers, re.IGNORECASE)
    signs = tuple(
        _Sign(r.id, re.compile(str(r.pattern), re.VERBOSE), (r.data or {})["system"],
              bool((r.data or {}).get("standalone")))
        for r in pf.section("signs"))
    # One scanner over the standalone shapes (group names dropped: they repeat).
    standalone = re.compile(
        r"(?<![\w/.,-])(?<![-\N{EN DASH}/]\s)(?=\d)(?:"
        + "|".join("(?:" + re.sub(r"\(\?P<\w+>", "(?:", s.regex.pattern) + ")" for s in signs if s.standalone)
        + ")", re.VERBOSE)
    verbs = [str(v) for v in pf.table("issuing_verbs")]
    adverbs = [str(a) for a in pf.table("verb_adverbs")]
    verb_tail = re.compile(
        rf"""
        (?P<subj>[^,;:.!?\n“”"()]{{2,{MAX_ISSUER_CHARS}}}?)  # the issuer, one clause
        \s+(?:(?:{_alt(adverbs, 'verb adverbs')})\s+)*                        # đã, vừa …
        (?P<verb>{_alt(verbs, 'issuing verbs')})
        \s+(?:(?:các|những|cả)\s+)?\Z                        # the head follows
        """, re.VERBOSE | re.IGNORECASE)
    lo, hi = pf.table("bare_number_not_years")
    codes = pf.table("issuer_codes")
    return _Lexicon(
        head=head, head_lower=_head_regex([f.lower() for f in forms], [m.lower() for m in modifiers], 0),
        kinds=kinds, signs=signs, standalone=standalone, code_kind=code_kind,
        bare_follow=re.compile(str(pf.table("bare_number_followers")), re.VERBOSE | re.IGNORECASE),
        years=(int(lo), int(hi)), verb_tail=verb_tail,
        issuer_stop=re.compile(str(pf.table("issuer_stops")), re.VERBOSE),
        issuer_codes={k: {str(c): str(m) for c, m in v.items()} for k, v in codes.items()},
        issuer_code_patterns=tuple((re.compile(p), t) for p, t in pf.table("issuer_code_patterns")),
        issuer_words=re.compile(rf"(?:{_alt([str(w) for w in pf.table('issuer_words')], 'issuer words')})(?!\w)", re.IGNORECASE),
        issuer_head=re.compile(rf"(?:{_alt([str(h) for h in pf.table('issuer_heads')], 'issuer heads')})(?!\w)"),
    )
