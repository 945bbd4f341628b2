"""The lexicons of ``patterns/officials.yaml`` as the grammar reads them, and its limits."""
from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ... import gazetteer as gz
from ...rules import Rules
from ...text import chars
from ...text.norm import fold
from ...text.norm import tone_key as _tone_key
from ..levels import compile_level_words

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1 << 16)
def tone_key(name: str) -> str:
    """:func:`extractor.text.norm.tone_key`, cached (names and syllables recur on every page)."""
    return _tone_key(name)

#: Longest name in syllables (Kinh names have 2–4; Tây Nguyên names reach 5).
MAX_NAME = 5
#: Longest appositive title between a name and its verb, in characters.
MAX_APPOSITIVE = 260
#: Longest gap (characters) between a resident's name and the verb that is not a title
#: ("Bà X ở thôn Y cho biết").
MAX_LOCATIVE_GAP = 70
#: Words after a title chain and before the verb still taken into the title (an
#: organisation's lower-case words the chain does not know: "Công ty cổ phần").
MAX_TITLE_REST = 8
#: Most comma-separated segments (units, places) the rest of a title may have
#: ("…, Phòng Chính trị, Bộ CHQS tỉnh", "…, xã A, huyện B, tỉnh C").
MAX_TITLE_SEGMENTS = 5
#: Longest run of words (with an organisation's lower-case words) a title takes up to its
#: closing comma or bracket.
MAX_ORG_WORDS = 14
#: A pronoun (``Ông cho biết``) refers to a person named at most this many characters before.
MAX_PRONOUN_BACK = 800
#: A quotation left open is searched for its closing mark over this many paragraphs.
QUOTE_PARAGRAPHS = 4
#: A quotation closes within this many characters (bounds the scan past nested quotations).
MAX_QUOTE_CHARS = 3000
#: A reported quote needs at least this many words to be a quote.
MIN_QUOTE_WORDS = 3

class _Phrases(dict):
    """Phrases (lower case, tones kept) of one lexicon -> their value, with ``first``: the
    phrase lengths in words (longest first) by first word, so a phrase matcher looks up a
    token once and joins the following words only for lengths that can match."""

    def __init__(self, items: Iterable[tuple[str, object]] | dict):
        super().__init__(items)
        grouped: dict[str, set[int]] = {}
        for p in self:
            words = p.split()
            grouped.setdefault(words[0], set()).add(len(words))
        self.first: dict[str, tuple[int, ...]] = {w: tuple(sorted(ns, reverse=True)) for w, ns in grouped.items()}

    @classmethod
    def of(cls, phrases: Iterable[str]) -> _Phrases:
        return cls((p, True) for p in phrases)


@dataclass
class _Lexicon:
    honorifics: _Phrases    # folded phrase -> stands alone as pronoun (True; "same":
                                         #   only for a person introduced with the same word)
    roles: _Phrases
    residents: set[str]                  # roles of residents: a person described by one has no title
    occupations: set[str]                # words opening a person's description after a comma
    lower_heads: set[str]                # title heads that also open a title in lower case
    ranks: _Phrases
    heads: _Phrases                # folded head phrase -> rule id
    title_words: _Phrases
    bodies: _Phrases
    verbs: dict[str, tuple[str, bool, str]]  # folded verb -> (rule id, weak, lead: "", "any", "colon")
    blockers: set[str]
    idioms: set[str]
    adverbs: set[str]
    verb_adverbs: set[str]
    addressees: set[str]
    possessors: set[str]
    disciplines: _Phrases
    breakers: _Phrases                   # capitalised words that never continue a name
    countries: _Phrases
    given_hon: set[str]                  # honorifics that are also given names ("Anh")
    title_stops: set[str]
    title_dangling: set[str]
    quote_marks: dict[str, str]
    family: set[str]                     # tone_key of first syllable(s)
    not_names: set[str]
    not_speakers: set[str]
    cased: set[str]                      # heads and bodies as written (case kept)
    max_phrase: int
    verb_re: re.Pattern
    starters: frozenset[str]             # first words of honorifics, roles, ranks and title heads
    chain_first: frozenset[str]          # first words of heads, bodies and title words (a title chain's words)
    break_first: frozenset[str]          # first words of heads and bodies (where a name ends)
    candidate_keys: frozenset[str]       # starters, clause-edge marks and "va": tokens a mention scan looks at
    theo_rule: str                       # rule id of "Theo <mention>, <words>"
    theo_verb: str                       # its verb in the record ("theo")
    theo_re: re.Pattern                  # its preposition anywhere in a sentence
    theo_lead: re.Pattern                # its preposition ending the text before a mention
    theo_mention: re.Pattern             # the preposition before a word that may open a mention (lower case)
    places: frozenset[str] = field(default_factory=frozenset)
    levels: frozenset[str] = field(default_factory=frozenset)  # level words (places.yaml), lower case


def _pronoun_mode(value: object) -> bool | str:
    return "same" if value == "same" else bool(value)


#: ``data.lead`` of a speech verb -> what must follow it before its words.
_LEADS = {False: "", True: "any", "colon": "colon"}


def _low(s: str) -> str:
    """Lower case that keeps tones (``kể`` ≠ ``kế``, ``làng`` ≠ ``Lạng``) and the length."""
    low = s.lower()
    return low if len(low) == len(s) else fold(s)


def _phrases(section) -> list[tuple[str, object]]:
    return [(_low(p), r) for r in section for p in r.phrases]


def compile_lexicon(rules: Rules) -> _Lexicon:
    """The lexicons of ``patterns/officials.yaml`` (and the gazetteer's unit names) as the
    grammar reads them; get it with ``doc.rules.compiled(compile_lexicon)``."""
    pf = rules.file("officials")
    hon = {p: _pronoun_mode((r.data or {}).get("pronoun")) for p, r in _phrases(pf.section("honorifics"))}
    verbs = {p: (r.id, bool((r.data or {}).get("weak")), _LEADS[(r.data or {}).get("lead", False)])
             for p, r in _phrases(pf.section("speech_verbs"))}
    verb_re = re.compile(rf"""
        (?<![^\W_])        # not inside a word
        {_trie(verbs, what="speech verbs")}  # a speech verb from the lexicon, the longest that ends a word
        (?![^\W_])         # ends at a word edge
    """, re.VERBOSE)
    heads = {p: r.id for p, r in _phrases(pf.section("titles"))}
    every = list(hon) + list(heads) + [p for p, _ in _phrases(pf.section("bodies"))] + list(pf.table("countries"))
    fam = pf.table("family_names")
    (theo,) = pf.section("according_to")
    lex_heads = _Phrases(heads)
    lex_title_words = _Phrases.of(p for p, _ in _phrases(pf.section("title_words")))
    lex_bodies = _Phrases.of(p for p, _ in _phrases(pf.section("bodies")))
    starters = frozenset(p.split()[0] for sec in ("honorifics", "roles", "ranks", "titles")
                         for p, _ in _phrases(pf.section(sec)))
    return _Lexicon(
        levels=rules.compiled(compile_level_words).lower,
        honorifics=_Phrases(hon),
        roles=_Phrases.of(p for p, _ in _phrases(pf.section("roles"))),
        residents={p for p, r in _phrases(pf.section("roles")) if r.id == "off.role.resident"},
        occupations={p for p, _ in _phrases(pf.section("occupations"))} | {p for p, _ in _phrases(pf.section("roles"))},
        lower_heads={p for p, r in _phrases(pf.section("titles")) if (r.data or {}).get("lower")},
        ranks=_Phrases.of(p for p, _ in _phrases(pf.section("ranks"))),
        heads=lex_heads,
        title_words=lex_title_words,
        bodies=lex_bodies,
        verbs=verbs,
        blockers={p for p, r in _phrases(pf.section("verb_blockers")) if r.label == "blocker"},
        idioms={p for p, r in _phrases(pf.section("verb_blockers")) if r.label == "idiom"},
        adverbs={p for p, _ in _phrases(pf.section("adverbs"))},
        verb_adverbs={p for p, _ in _phrases(pf.section("verb_adverbs"))},
        addressees={p for p, _ in _phrases(pf.section("addressees"))},
        possessors={p for p, _ in _phrases(pf.section("possessors"))},
        disciplines=_Phrases.of(p for p, _ in _phrases(pf.section("disciplines"))),
        breakers=_Phrases.of(_low(n) for n in pf.table("name_breakers")),
        countries=_Phrases.of(_low(n) for n in pf.table("countries")),
        title_stops={_low(w) for w in pf.table("title_stops")},
        title_dangling={_low(w) for w in pf.table("title_dangling")},
        given_hon={p for p, r in _phrases(pf.section("honorifics")) if (r.data or {}).get("given_name")},
        quote_marks=dict(pf.table("quote_marks")),
        family={tone_key(n) for group in fam.values() for n in group},
        not_names={_low(n) for n in pf.table("not_names")},
        not_speakers={tone_key(n) for n in pf.table("not_speakers")},
        cased={p for sec in ("titles", "bodies") for r in pf.section(sec) for p in r.phrases},
        max_phrase=max(len(p.split()) for p in every),
        verb_re=verb_re,
        starters=starters,
        candidate_keys=starters | _BARE_OPENERS | {"va"},
        chain_first=frozenset(lex_heads.first) | lex_bodies.first.keys() | lex_title_words.first.keys(),
        break_first=frozenset(lex_heads.first) | lex_bodies.first.keys(),
        theo_rule=theo.id,
        theo_verb=theo.phrases[0],
        theo_re=_theo_re(theo.phrases),
        theo_lead=_theo_lead(theo.phrases),
        theo_mention=re.compile(rf"{_trie(theo.phrases, what='according-to words')}\s+"
                                rf"{_trie(starters, what='mention openers')}(?![^\W_])"),
        places=_place_names(),
    )


def _trie(phrases: Iterable[str], *, what: str) -> str:
    """A regex alternation of ``phrases`` shaped as a trie of their characters: the same
    matches as ``chars.alt(phrases)`` (longest first, backtracking to a shorter phrase when
    what follows fails), but ``re`` tries each first character once instead of every phrase
    at every position (about twice as fast over an article's text)."""
    root: dict[str, dict] = {}
    for p in {p for p in phrases if p}:
        node = root
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not root:
        chars.alt([], what=what)  # raises: an empty lexicon is a broken installation

    def build(node: dict[str, dict]) -> str:
        kids = [re.escape(ch) + build(sub) for ch, sub in node.items() if ch]
        if not kids:
            return ""
        body = chars.alt(kids, escape=False, what=what) if len(kids) > 1 else kids[0]
        return f"(?:{body})?" if "" in node else body  # a phrase ends here: longer ones first

    return "(?:" + build(root) + ")"


def _theo_re(phrases: list[str]) -> re.Pattern:
    """``Theo <mention>, …``: the preposition (as written or capitalised) before a space."""
    forms = [f for p in phrases for f in (p, p[:1].upper() + p[1:])]
    return re.compile(rf"(?<![^\W_]){chars.alt(forms, what='according-to words')}\s")


def _theo_lead(phrases: list[str]) -> re.Pattern:
    """The preposition right before a mention, after a clause edge (``…, theo ông X``)."""
    forms = [f for p in phrases for f in (p, p[:1].upper() + p[1:])]
    return re.compile(rf"(?:^|[\s,;:]){chars.alt(forms, what='according-to words')}\s+$")


def _place_names() -> frozenset[str]:
    """tone_keys of every unit name before the 2025 reorganisation (the committed gazetteer)."""
    names = {tone_key(u.name) for u in gz.get().units if u.era == "pre2025" and not u.name[:1].isdigit()}
    names.add(tone_key("Hồ Chí Minh"))
    return frozenset(names)


# -- tokens ------------------------------------------------------------------------------

_BARE_OPENERS = frozenset(",;:(-–“\"")

#: Words before a kin word that make it a common noun ("một chị bán vé số"), not a pronoun.
_QUANTIFIERS = frozenset({"một", "các", "những", "mấy", "nhiều", "hai", "ba", "mọi", "vài"})

#: Words that may open a title segment before its head ("nguyên Bí thư", "kiêm Trưởng ban").
_TITLE_OPENERS = frozenset({"nguyên", "kiêm", "tân", "quyền", "đồng", "cựu"})

