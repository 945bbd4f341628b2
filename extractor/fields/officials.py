"""Officials: named people who speak or are quoted, with their title and words.

The grammar works on the text with the lexicons of ``patterns/officials.yaml``:

1. *mentions* of people are found sentence by sentence: an honorific or a resident's role
   before a name (``Đồng chí Phan Thị Na``, ``hội viên Lý Văn Tám``, ``bà Thoa``), a
   title chain before a name (``Phó Bí thư Thường trực Tỉnh ủy Hoàng Duy Chính``), a bare
   full name opening a clause, or an honorific alone (``Ông cho biết``: the last person
   named);
2. *attributions* start at a speech verb whose subject is a mention, either next to it or
   across an appositive title (``Ông X, title, khẳng định: …``, ``Đồng chí X- title cho
   biết: …``), at ``Theo <mention>, …`` and at ``“…”, ông X nhấn mạnh.``;
3. the *quote* is the quoted text (over paragraphs if the closing mark comes later), or the
   reported words to the end of the sentence (of the paragraph after a colon);
4. mentions of one person (full name, given name, pronoun) are joined into one record: a
   pronoun stands for the last person named nearby (of its gender), a short name for the
   full name that ends with it anywhere in the article.

Precision guards (lexicons in ``patterns/officials.yaml``): a name never continues over a
breaker word (``Theo``, ``Ông``) and never starts with a rank's field or a nationality; a
lower-case role needs a family name after it; a title runs over an organisation's
lower-case words up to its comma or bracket, never over a predicate; verbs of telling need a
lead (colon, comma, quotation, ``rằng``), take their adverbs and addressee before the words,
and report nothing for a possessor, a passive agent, an interviewer's request or speech
inside another quotation.

Candidate finding is one pass: a sentence is read only where the speech-verb alternation
(``verb_re``, built from the YAML) or ``Theo`` hits, and inside it only tokens that open a
lexicon phrase (``starters``: the first words of honorifics, roles, ranks and title heads) or a
capitalised word after a clause edge start the phrase matching; the tokens and mentions of each
sentence read are kept for the joining step.

Press constructions (issue 20): comma-joined posts before a name or an honorific
(``Ủy viên Ban Thường vụ, Trưởng ban …, Chủ tịch … <Name>``, ``Chủ tịch UBND xã, ông <Name>``);
a title's rest over unit and place segments, quoted names and years; a description between
the name and the verb (``, 68 tuổi, ở thôn …,``, ``, giáo viên Trường …,``, ``(thôn A, xã B)``,
``-- người dân thôn Y``); quotations opened with ``''`` or a misused ``”``, closed past nested
quotations; kin words as pronouns only for a person introduced with the same word
(``Chú Hà Văn Bảy … Chú kể:``); the last verb of a chain reports (``phấn khởi cho biết``).

Word segmentation is not needed: names are runs of capitalised syllables opened by a
family name, and their edges are the lexicon words (titles, bodies) around them.
"""
from __future__ import annotations

import bisect
import functools
import logging
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .. import gazetteer as gz
from ..patterns import load
from ..record import Official, QuoteKind
from ..text.norm import fold
from ..text.norm import tone_key as _tone_key
from ..text.segment import ArticleText, Sentence, ZoneKind

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

_TOKEN = re.compile(r"""
    [^\W_]+(?:['’][^\W_]+      # a syllable (H'Hen, K'Long keep their apostrophe,
      | -(?=[a-z])[^\W_]+)*     #   Jong-un its lower-case hyphenated part)
  | \S                        # or one punctuation character
""", re.VERBOSE)


@dataclass
class _Lexicon:
    honorifics: dict[str, bool | str]    # folded phrase -> stands alone as pronoun (True; "same":
                                         #   only for a person introduced with the same word)
    roles: set[str]
    residents: set[str]                  # roles of residents: a person described by one has no title
    occupations: set[str]                # words opening a person's description after a comma
    lower_heads: set[str]                # title heads that also open a title in lower case
    ranks: set[str]
    heads: dict[str, str]                # folded head phrase -> rule id
    title_words: set[str]
    bodies: set[str]
    verbs: dict[str, tuple[str, bool, str]]  # folded verb -> (rule id, weak, lead: "", "any", "colon")
    blockers: set[str]
    idioms: set[str]
    adverbs: set[str]
    verb_adverbs: set[str]
    addressees: set[str]
    possessors: set[str]
    disciplines: set[str]
    breakers: set[str]                   # capitalised words that never continue a name
    countries: set[str]
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
    places: frozenset[str] = field(default_factory=frozenset)


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


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    pf = load("officials")
    hon = {p: _pronoun_mode((r.data or {}).get("pronoun")) for p, r in _phrases(pf.section("honorifics"))}
    verbs = {p: (r.id, bool((r.data or {}).get("weak")), _LEADS[(r.data or {}).get("lead", False)])
             for p, r in _phrases(pf.section("speech_verbs"))}
    alt = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    verb_re = re.compile(rf"""
        (?<![^\W_])        # not inside a word
        (?:{alt})          # a speech verb from the lexicon, longest first
        (?![^\W_])         # ends at a word edge
    """, re.VERBOSE)
    heads = {p: r.id for p, r in _phrases(pf.section("titles"))}
    every = list(hon) + list(heads) + [p for p, _ in _phrases(pf.section("bodies"))] + list(pf.table("countries"))
    fam = pf.table("family_names")
    return _Lexicon(
        honorifics=hon,
        roles={p for p, _ in _phrases(pf.section("roles"))},
        residents={p for p, r in _phrases(pf.section("roles")) if r.id == "off.role.resident"},
        occupations={p for p, _ in _phrases(pf.section("occupations"))} | {p for p, _ in _phrases(pf.section("roles"))},
        lower_heads={p for p, r in _phrases(pf.section("titles")) if (r.data or {}).get("lower")},
        ranks={p for p, _ in _phrases(pf.section("ranks"))},
        heads=heads,
        title_words={p for p, _ in _phrases(pf.section("title_words"))},
        bodies={p for p, _ in _phrases(pf.section("bodies"))},
        verbs=verbs,
        blockers={p for p, r in _phrases(pf.section("verb_blockers")) if r.label == "blocker"},
        idioms={p for p, r in _phrases(pf.section("verb_blockers")) if r.label == "idiom"},
        adverbs={p for p, _ in _phrases(pf.section("adverbs"))},
        verb_adverbs={p for p, _ in _phrases(pf.section("verb_adverbs"))},
        addressees={p for p, _ in _phrases(pf.section("addressees"))},
        possessors={p for p, _ in _phrases(pf.section("possessors"))},
        disciplines={p for p, _ in _phrases(pf.section("disciplines"))},
        breakers={_low(n) for n in pf.table("name_breakers")},
        countries={_low(n) for n in pf.table("countries")},
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
        starters=frozenset(p.split()[0] for sec in ("honorifics", "roles", "ranks", "titles")
                           for p, _ in _phrases(pf.section(sec))),
        places=_place_names(),
    )


@functools.lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """tone_keys of every unit name before the 2025 reorganisation (the committed gazetteer)."""
    names = {tone_key(u.name) for u in gz.get().units if u.era == "pre2025" and not u.name[:1].isdigit()}
    names.add(tone_key("Hồ Chí Minh"))
    return frozenset(names)


# -- tokens ------------------------------------------------------------------------------

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


def _match_phrase(toks: list[_Tok], i: int, phrases: set[str] | dict, max_len: int) -> int:
    """Number of tokens of the longest phrase of ``phrases`` starting at token ``i`` (0 if none)."""
    if i >= len(toks):
        return 0
    index = _FIRST.get(id(phrases))  # inlined: this runs for most tokens
    lengths = (index if index is not None else _first_index(phrases)).get(toks[i].low)
    if not lengths:
        return 0
    for n in lengths:
        if n <= max_len and i + n <= len(toks) and (n == 1 or " ".join(t.low for t in toks[i:i + n]) in phrases):
            return n
    return 0


_FIRST: dict[int, dict[str, tuple[int, ...]]] = {}


def _first_index(phrases: set[str] | dict) -> dict[str, tuple[int, ...]]:
    """First word of each phrase -> the phrase lengths that start with it, longest first.

    Built once per lexicon set (the sets live in the cached :func:`_lexicon`).
    """
    index = _FIRST.get(id(phrases))
    if index is None:
        grouped: dict[str, set[int]] = {}
        for p in phrases:
            words = p.split()
            grouped.setdefault(words[0], set()).add(len(words))
        index = {w: tuple(sorted(ns, reverse=True)) for w, ns in grouped.items()}
        _FIRST[id(phrases)] = index
    return index


# -- mentions ----------------------------------------------------------------------------

@dataclass
class _Mention:
    kind: str              # "hon", "role", "title", "bare", "pron"
    start: int             # start of the mention (honorific or title)
    end: int               # end of the name (or of the pronoun)
    name: str | None
    name_start: int
    title: str | None = None
    honorific: str | None = None


def _split_run(run: list[_Tok], after_level: bool, lex: _Lexicon) -> int | None:
    """Index in ``run`` (capitalised tokens after a title) where the personal name starts.

    A known unit name at the front (``Hà Nội``, ``Tân Lập``) is a place, not a name; then
    the first family name that leaves 2–4 syllables opens the name. ``None``: no name.
    """
    n = len(run)
    for k in range(n - 2, 0, -1):  # longest place prefix that leaves a name of 2+ syllables
        if k == 1 and tone_key(run[0].text) in lex.family:
            continue  # "Phan Văn Khải": a one-syllable "place" that is a family name opens the name
        if tone_key(" ".join(t.text for t in run[:k])) in lex.places and tone_key(run[k].text) in lex.family:
            return k
    c = _match_phrase(run, 0, lex.countries, 4)
    if c and n - c >= 2:  # "Tổng thống Pháp Emmanuel Macron": the country belongs to the title
        return c
    if tone_key(" ".join(t.text for t in run)) in lex.places:
        return None
    for k in range(n):
        if tone_key(run[k].text) in lex.family and 2 <= n - k <= 4:
            if after_level and k == 0 and n >= 4:
                continue  # "xã Hà Lâm Nguyễn Văn A": the place comes first
            return k
    for k in range(n):  # two-syllable minority names ("Y Moan"), five-syllable Ê Đê names
        if tone_key(run[k].text) in lex.family and 2 <= n - k <= MAX_NAME and k == 0:
            return k
    return None


def _lexicon_break(toks: list[_Tok], j: int, lex: _Lexicon) -> bool:
    """Whether a title or body starts at token ``j`` (so a name before it ends there).

    A one-syllable body or head that is also a given name (``Phòng``, ``Sở``) only counts
    when a capitalised word follows it (``Phòng Văn hóa``), not at the end of a name.
    """
    n = max(_match_phrase(toks, j, lex.heads, lex.max_phrase), _match_phrase(toks, j, lex.bodies, lex.max_phrase))
    if n >= 2:  # "Văn phòng" is a body, "Văn Phòng" in "Hoàng Văn Phòng" a name
        return not _is_cap_phrase(toks, j, n) or " ".join(t.text for t in toks[j:j + n]) in lex.cased
    return n == 1 and j + 1 < len(toks) and _is_cap(toks[j + 1]) and toks[j + 1].start == toks[j].end + 1


def _name_run(toks: list[_Tok], i: int, lex: _Lexicon) -> int:
    """Length of the run of capitalised name syllables starting at token ``i``."""
    j = i
    while j < len(toks) and j - i < MAX_NAME + 3:
        t = toks[j]
        if not _is_cap(t) or (j == i and t.low in lex.not_names):
            break
        if j > i and (_lexicon_break(toks, j, lex) or _match_phrase(toks, j, lex.breakers, 2)):
            break  # "… Hoa Theo thông tin", "… Quyết Ông Nghĩa": the next clause, not the name
        if j > i and toks[j - 1].end != t.start - 1:  # names are single-spaced
            break
        j += 1
    return j - i


#: Level words after which a capitalised run opens with a place name.
_LEVELS = frozenset({"tỉnh", "huyện", "xã", "phường", "thị trấn", "thị xã", "thành phố", "quận", "thôn", "bản",
                     "ấp", "xóm", "tổ dân phố", "khu phố", "làng", "buôn", "sóc", "plei", "khu"})


def _title_chain(text: str, toks: list[_Tok], i: int, lex: _Lexicon) -> _Mention | None:
    """A title at token ``i`` followed by its body, place and a name."""
    n_head = _match_phrase(toks, i, lex.heads, lex.max_phrase)
    if not n_head or not (_is_cap(toks[i]) or " ".join(t.low for t in toks[i:i + n_head]) in lex.lower_heads):
        return None
    j = i + n_head
    run: list[_Tok] = []
    after_level = False
    while j < len(toks):
        t = toks[j]
        n = (_match_phrase(toks, j, lex.bodies, lex.max_phrase) or _match_phrase(toks, j, lex.heads, lex.max_phrase)
             or _match_phrase(toks, j, lex.title_words, lex.max_phrase))
        if n == 1 and _is_cap(t) and tone_key(t.text) in lex.family and j + 1 < len(toks) and _is_cap(toks[j + 1]) \
                and not _match_phrase(toks, j + 1, lex.bodies, lex.max_phrase):
            n = 0  # "Đoàn Văn Hiếu": a family name, not the title word "đoàn"
        if n and _is_cap(t) and (after_level and not run or run and n == 1 and t.low in _LEVELS) \
                and " ".join(x.text for x in toks[j:j + n]) not in lex.cased:
            run.append(t)  # "tỉnh Sóc Trăng", "xã Bản Lầu": a capitalised level word there is a place name
            j += 1
            continue
        if n and not (run and _is_cap(t) and t.low not in lex.title_words and not _is_cap_phrase(toks, j, n)):
            if run:  # a body after a run: the run was part of the title ("Ban Dân vận Tỉnh ủy")
                run = []
            after_level = " ".join(x.low for x in toks[j:j + n]) in _LEVELS
            j += n
            continue
        if _is_cap(t) and (t.low not in lex.not_names or run and t.low in lex.given_hon):
            run.append(t)  # "… Bùi Quang Anh": a given name that is also an honorific ends the name
            j += 1
            continue
        if len(run) == 1 and t.text.isalpha() and _name_tail(toks, j, lex):
            run = []  # "Trưởng ban Nội chính Tỉnh ủy …", "Cục trưởng Thú y …": a body's proper word
            j += 1
            continue
            j += 1
            continue
        if t.text in "()&-–" and not run:
            j += 1
            continue
        break
    if not run:
        return None
    # the run stops at the first non-capitalised token; trailing tokens belong to the name
    k = _split_run(run, after_level, lex)
    if k is None:
        if len(run) == 1 and not after_level and tone_key(run[0].text) not in lex.places \
                and run[0].low not in lex.countries and run[0].text.upper() != run[0].text and _clause_edge(toks, j, lex):
            k = 0  # "Bí thư Thăng cho biết": a title and a given name (not "Trưởng phòng Quản lý")
        else:
            return None
    name_toks = run[k:]
    if len(name_toks) >= 2 and " ".join(t.low for t in name_toks[-2:]) in lex.countries:
        return None  # "… Công ty Đầu tư Vàng Việt Nam": a personal name never ends on a country
    title = _clean_title(text, toks[i].start, run[:k], name_toks[0].start, lex)
    return _Mention("title", toks[i].start, name_toks[-1].end, " ".join(t.text for t in name_toks),
                    name_toks[0].start, title=title)


def _clause_edge(toks: list[_Tok], j: int, lex: _Lexicon) -> bool:
    """Whether token ``j`` ends the words before it: punctuation, the end, a speech verb or an
    adverb (so a one-syllable name before it is not the first syllable of a word)."""
    if j >= len(toks) or not toks[j].text[:1].isalpha():
        return True
    return toks[j].low in lex.adverbs or bool(lex.verb_re.match(" ".join(t.low for t in toks[j:j + 3])))


def _is_cap_phrase(toks: list[_Tok], j: int, n: int) -> bool:
    return all(_is_cap(t) for t in toks[j:j + n])


def _clean_title(text: str, start: int, place: list[_Tok], name_start: int, lex: _Lexicon) -> str:
    """The title text from token ``i`` to the name, without a stray fragment before the name.

    A capitalised fragment between the body and the name is kept when it is a known unit
    or an abbreviation (``TP HCM``); otherwise it is a slip of the page (``Tỉnh ủy Bắc
    Hoàng Duy Chính``) and dropped.
    """
    if place:
        words = " ".join(t.text for t in place)
        known = tone_key(words) in lex.places or all(t.text.isupper() for t in place) or len(place) >= 2
        end = place[-1].end if known else place[0].start
    else:
        end = name_start
    return text[start:end].strip(" ,-–(")


def _mentions(text: str, toks: list[_Tok], lex: _Lexicon) -> list[_Mention]:
    """Every mention of a person in one sentence's tokens, in order."""
    out: list[_Mention] = []
    i = 0
    starters = lex.starters
    while i < len(toks):
        t = toks[i]
        if t.low not in starters and not ((c := t.text[:1]).isupper() and c.isalpha()  # _is_cap(t)
                                          and (i == 0 or toks[i - 1].text in _BARE_OPENERS
                                               or toks[i - 1].low == "va")):
            i += 1  # only a lexicon word or a capitalised word after a clause edge opens a mention
            continue
        n_hon = _match_phrase(toks, i, lex.honorifics, 4)
        if n_hon and _is_cap(t) and i > 0 and _is_cap(toks[i - 1]) and toks[i - 1].end == t.start - 1 \
                and " ".join(x.low for x in toks[i:i + n_hon]) in lex.given_hon:
            n_hon = 0  # "Quỳnh Anh", "Tuấn Anh": the last syllable of a given name
        if n_hon and _is_cap(t) and _in_place(toks, i, lex):
            n_hon = 0  # "Hai Bà Trưng", "Bà Rịa", "Cầu Ông Lãnh": a place, not an honorific
        n_role = _match_phrase(toks, i, lex.roles, 3)
        n_rank = _match_phrase(toks, i, lex.ranks, 3)
        if n_rank and _is_cap(t) and i > 0 and _is_cap(toks[i - 1]) and toks[i - 1].end == t.start - 1 \
                and toks[i - 1].low in lex.title_words:
            n_rank = 0  # "Hội Nhà báo", "Đoàn Luật sư": a word of an organisation's name
        if n_rank > max(n_hon, n_role):  # "Bác sĩ" is a rank, not the kin word "bác"
            n_hon = n_role = 0
        elif n_role > n_hon:  # "hội viên", "người dân"
            n_hon = n_rank = 0
        else:
            n_role = n_rank = 0
        n = n_hon or n_role or n_rank
        if n:
            j = _after_ranks(toks, i + n, lex, ranked=bool(n_rank))
            run = _name_run(toks, j, lex)
            c = _match_phrase(toks, j, lex.countries, 4) if run > 2 else 0
            if c and c < run and _name_run(toks, j + c, lex) >= 2:
                j, run = j + c, run - c  # "luật sư Nga Irina Petrova": the nationality is not the name
            if run and n_role and tone_key(toks[j].text) not in lex.family and (
                    not _is_cap(t) or i > 0 and toks[i - 1].text == ","):
                run = 0  # "cứu hộ Myanmar …": a role (not opening a sentence) only before a family name
            if run and tone_key(toks[j].text) not in lex.family and _match_phrase(toks, j, lex.heads, lex.max_phrase):
                run = 0  # "Đồng chí Bí thư Tỉnh ủy đề nghị": a title, not a name, after the honorific
            if run and len(toks[j].text) > 1 and toks[j].text.isupper():
                run = 0  # "Thành viên HĐQT …": an abbreviation opens a body, not a name
            if run >= 2 and " ".join(x.low for x in toks[j:j + run]) in lex.countries:
                run = 0  # "nhà báo Việt Nam": a nationality, not a name (but "bà Nga" is a name)
            if run:
                name_toks = toks[j:j + run]
                kind = "role" if n_role else "hon"
                m = _Mention(kind, t.start, name_toks[-1].end, " ".join(x.text for x in name_toks),
                             name_toks[0].start, honorific=" ".join(x.text for x in toks[i:i + n]))
                out.append(_with_titles_before(text, toks, i, m, out, lex) if kind == "hon" else m)
                i = j + run
                continue
            elif n_hon and _pronoun_at(toks, i, n, lex):
                out.append(_Mention("pron", t.start, toks[i + n - 1].end, None, t.start,
                                    honorific=" ".join(x.text for x in toks[i:i + n])))
                i += n
                continue
        m = _title_chain(text, toks, i, lex) if _is_cap(t) or t.low in starters else None
        if m:
            out.append(_with_titles_before(text, toks, i, m, out, lex))
            i = next(k for k in range(i, len(toks)) if toks[k].end >= m.end) + 1
            continue
        if _is_cap(t) and tone_key(t.text) in lex.family and (i == 0 or toks[i - 1].text in _BARE_OPENERS or toks[i - 1].low == "va"):
            run = _name_run(toks, i, lex)
            words = " ".join(x.text for x in toks[i:i + run])
            if 3 <= run <= 4 and tone_key(words) not in lex.places:
                bare = _Mention("bare", t.start, toks[i + run - 1].end, words, t.start)
                out.append(_with_titles_before(text, toks, i, bare, out, lex))
                i += run
                continue
        i += 1
    return [m for k, m in enumerate(out) if not _in_appositive(text, out[k - 1] if k else None, m)]


#: Most comma-joined title segments taken before a title chain or an honorific.
MAX_CHAIN_SEGMENTS = 4
#: Longest title segment before a title chain, in tokens.
MAX_SEGMENT_TOKENS = 20


def _with_titles_before(text: str, toks: list[_Tok], i: int, m: _Mention, out: list[_Mention],
                        lex: _Lexicon) -> _Mention:
    """``m`` (a mention starting at token ``i``) with the comma-joined title segments before
    it: ``Ủy viên Ban Thường vụ, Trưởng ban …, Chủ tịch … <Name>``, ``Chủ tịch UBND xã, ông
    <Name>``. Each segment opens with a capitalised title head at a clause edge and is a title
    chain to its comma; a segment that follows another person's name is that person's title."""
    b = probe = i
    seps = ",-–" if m.kind == "bare" else ","  # "Phó Chủ tịch UBND xã A, huyện B - Võ Văn C cho biết"
    for _ in range(MAX_CHAIN_SEGMENTS):
        if probe < 2 or toks[probe - 1].text not in seps or len(toks[probe - 1].text) != 1:
            break
        seps = ","
        k = probe - 2
        while k > 0 and probe - k < MAX_SEGMENT_TOKENS and toks[k - 1].text not in ",;:(“\"":
            k -= 1
        if k > 0 and toks[k - 1].text not in ",;:(“\"":
            break
        if toks[k].low in _LEVELS and k + 1 < probe - 1 and _is_cap(toks[k + 1]):
            probe = k  # "huyện B": a place segment, kept only if a title segment comes before it
            continue
        if not (_is_cap(toks[k]) and _match_phrase(toks, k, lex.heads, lex.max_phrase)) \
                or _title_end(text, toks[k].start, lex) < toks[probe - 1].start:
            break
        if k >= 2 and toks[k - 1].text == "," and any(p.end == toks[k - 2].end and p.name for p in out):
            break  # "Trần B, Chủ tịch UBND tỉnh, ông C": the segment is Trần B's title
        b = probe = k
    if b == i:
        return m
    before = text[toks[b].start:toks[i - 1].start].strip(" ,-–")
    title = f"{before}, {m.title}" if m.kind == "title" and m.title else before
    return _Mention(m.kind, toks[b].start, m.end, m.name, m.name_start, title=title, honorific=m.honorific)


#: Tokens after which a bare full name may open a clause.
_BARE_OPENERS = frozenset(",;:(-–“\"")

_APPOSITIVE_GAP = re.compile(r"\s*(?:,|\(|[-–—]{1,2}(?=\s))\s*(?:(?:nguyên|kiêm|quyền|cựu)\s+)?$")


def _in_appositive(text: str, prev: _Mention | None, m: _Mention) -> bool:
    """Whether a title chain's short "name" is the end of the title of the person before it.

    ``Phạm Thị Hằng, Trưởng khoa Khúc Xạ (…) cho hay``: after a named person and a comma,
    a title chain with a one- or two-syllable "name" is that person's title.
    """
    return (m.kind == "title" and prev is not None and bool(prev.name) and len((m.name or "").split()) <= 2
            and bool(_APPOSITIVE_GAP.match(text[prev.end:m.start])))


#: Words before a kin word that make it a common noun ("một chị bán vé số"), not a pronoun.
_QUANTIFIERS = frozenset({"một", "các", "những", "mấy", "nhiều", "hai", "ba", "mọi", "vài"})


def _pronoun_at(toks: list[_Tok], i: int, n: int, lex: _Lexicon) -> bool:
    """Whether the honorific of ``n`` tokens at ``i`` stands alone for a person: ``ông``,
    ``bà``, ``đồng chí`` anywhere; a kin word (``Chị kể:``) only right before an adverb or a
    speech verb and not after a quantifier (``một chị nói``)."""
    mode = lex.honorifics.get(" ".join(x.low for x in toks[i:i + n]))
    if mode != "same":
        return bool(mode)
    if i > 0 and toks[i - 1].low in _QUANTIFIERS:
        return False
    j = i + n
    return j < len(toks) and (toks[j].low in lex.adverbs or bool(lex.verb_re.match(" ".join(t.low for t in toks[j:j + 3]))))


def _in_place(toks: list[_Tok], i: int, lex: _Lexicon) -> bool:
    """Whether the capitalised token ``i`` is inside a known unit name with its neighbours."""
    for a in (0, 1, 2):
        for b in (1, 2):
            if i - a < 0 or i + b >= len(toks) or a + b < 1:
                continue
            span = toks[i - a:i + b + 1]
            if all(_is_cap(x) for x in span) and tone_key(" ".join(x.text for x in span)) in lex.places:
                return True
    return False


def _after_ranks(toks: list[_Tok], j: int, lex: _Lexicon, ranked: bool = False) -> int:
    """Index after the ranks (and their fields) that follow token ``j - 1``.

    ``Đại tá``, ``PGS-TS``, ``PGS. TS``, ``giáo sư luật``, ``Tiến sĩ Kinh tế``: ranks may be
    chained by ``.``/``-`` and a rank may name its field; neither is part of the name.
    """
    while j < len(toks):
        k = j + 1 if toks[j].text in ".-–" and _match_phrase(toks, j + 1, lex.ranks, 3) else j
        n = _match_phrase(toks, k, lex.ranks, 3)
        if not n:
            break
        j, ranked = k + n, True
    if ranked:
        d = _match_phrase(toks, j, lex.disciplines, 4)
        if d and j + d < len(toks) and _is_cap(toks[j + d]):
            j += d
    return j


# -- titles after a name ------------------------------------------------------------------

def _starts_title(text: str, pos: int, lex: _Lexicon) -> bool:
    toks = _tokens(text, pos, min(len(text), pos + 80))
    k = 0
    if toks and toks[0].low in _TITLE_OPENERS:
        k = 1
    return bool(toks[k:]) and bool(_match_phrase(toks, k, lex.heads, lex.max_phrase))


_APPOSITIVE_OPEN = re.compile(r"""
    \s*(?:[,(]          # ", title" or "(title)"
      | [-–—]{1,2}(?!\w))  # "- title", "-- title" (also glued to the name: "Na- Phó Trưởng …")
    \s*""", re.VERBOSE)

def _appositive(text: str, pos: int, limit: int, lex: _Lexicon) -> tuple[str | None, int] | None:
    """The title right after a name at ``pos``: ``, title,`` / ``- title`` / ``(title)``.

    With ``limit`` (the verb) the title runs up to it; otherwise comma-joined title
    segments are taken until a segment that is not a title. Returns (title, end) or None.
    """
    m = _APPOSITIVE_OPEN.match(text, pos, len(text) if limit is None else limit)
    if not m or not _starts_title(text, m.end(), lex):
        return None
    opener = m.group().strip()
    start = m.end()
    if limit is not None:
        if limit - start > MAX_APPOSITIVE or ";" in text[start:limit]:
            return None
        title = text[start:limit].rstrip(" ,-–—")
        while True:  # "…Tỉnh ủy Sơn La cũng đã chỉ đạo": adverbs are not the title
            head, _, last = title.rpartition(" ")
            if not head or _low(last) not in lex.adverbs:
                break
            title = head.rstrip(" ,")
        rest = text[_title_end(text, start, lex):start + len(title)].strip(" ,-–—)")
        if rest and not _title_rest_ok(rest, title, lex):
            return None  # "…Công an tỉnh ngấn lệ khi kể": a predicate, not a title
        if opener == "(" and title.endswith(")") and title.count("(") < title.count(")"):
            title = title[:-1]
        return title.strip(), limit
    end = _title_end(text, start, lex)
    if end <= start:
        return None
    title = _trim_title(text[start:end].strip(), lex)
    if opener == "(" and text[end:end + 1] == ")":
        end += 1
    return title, end


def _title_rest_ok(rest: str, title: str, lex: _Lexicon) -> bool:
    """Whether ``rest`` (words between a title chain and its verb) is the rest of an
    organisation's name: few words, none of the clause words, and the title ending on a
    proper word, a number, a bracket or a level word ("Công ty cổ phần May Tiên Sơn")."""
    rest = _NAMED_THING.sub(" ", rest)
    segments = [seg.split() for seg in rest.split(",")]
    if any(len(seg) > MAX_TITLE_REST for seg in segments) or len(segments) > MAX_TITLE_SEGMENTS:
        return False
    if any(w in lex.title_stops or w in lex.adverbs for seg in segments for w in seg):
        return False  # lower-case clause words only: "xã Cù Bị" is a place, "bị" a clause word
    last = title.rsplit(None, 1)[-1] if title.split() else ""
    if not last or not (last[:1].isupper() or last[-1:].isdigit() or last.endswith(")")
                        or _low(last) in lex.title_words):
        return False
    toks = _tokens(title, 0, len(title))
    k = len(toks)
    while k > 0 and _is_cap(toks[k - 1]):
        k -= 1
    run = toks[k:]
    cut = _split_run(run, False, lex) if len(run) >= 3 else None
    # "bà Ngọc, Phó tổng giám đốc Công ty thêu Sài Gòn Vũ Duy Thận cho rằng": another speaker
    return cut is None or len(run) - cut < 3


#: Inside the rest of a title, a quoted name or a year is part of the organisation's name
#: ("Trưởng ban Tổ chức hội thi “Dân vận khéo” tỉnh năm 2023").
_NAMED_THING = re.compile(r"“[^“”]{1,60}”|\bnăm \d{4}\b")


def _trim_title(title: str, lex: _Lexicon) -> str:
    """``title`` without the words a title never ends on (``và``, ``của``, ``Tổng``)."""
    words = title.split()
    while len(words) > 1 and (_low(words[-1]) in lex.title_dangling or words[-1] in lex.title_dangling):
        words.pop()
    return " ".join(words) if len(words) != len(title.split()) else title


def _org_rest(toks: list[_Tok], j: int, lex: _Lexicon) -> int | None:
    """Index of the delimiter that ends an organisation's name whose lower-case words the
    chain does not know (``Phòng Quản lý chất thải rắn Sở …,``), or None when the words from
    token ``j`` read as a clause (a verb, a clause word) or run too long."""
    for k in range(j, min(len(toks), j + MAX_ORG_WORDS)):
        t = toks[k]
        if t.text in ",;()" or t.text in "-–" and k > j or (t.text == "." and not (
                k + 1 < len(toks) and toks[k + 1].start == t.end)) or t.text in "“”\"":
            return k if k > j else None
        if t.low in lex.title_stops or t.low in lex.adverbs or lex.verb_re.fullmatch(t.low):
            return None
        if k + 1 < len(toks) and lex.verb_re.match(" ".join(x.low for x in toks[k:k + 3])):
            return None
    return None


def _title_end(text: str, pos: int, lex: _Lexicon) -> int:
    """End of the title chain that starts at ``pos`` (heads, bodies, places, title words,
    brackets, and further ``, head …`` segments); ``pos`` when none starts there."""
    toks = _tokens(text, pos, min(len(text), pos + MAX_APPOSITIVE))
    j, end, depth = 0, pos, 0
    while j < len(toks):
        t = toks[j]
        k = j + (1 if t.low in _TITLE_OPENERS else 0)
        if j == 0 or (t.text == "," and toks[j - 1].text != ","):
            start = k + 1 if t.text == "," else k
            if start < len(toks) and toks[start].low in _TITLE_OPENERS:
                start += 1
            n = _match_phrase(toks, start, lex.heads, lex.max_phrase) if start < len(toks) else 0
            if not n and t.text == ",":
                n = _body_segment(toks, start, lex)
            if not n:
                break
            j = start + n
            if _is_cap(toks[j - 1]) and j < len(toks) and _name_tail(toks, j, lex):
                j += 1
            end = toks[j - 1].end
            continue
        n = (_match_phrase(toks, j, lex.bodies, lex.max_phrase) or _match_phrase(toks, j, lex.heads, lex.max_phrase)
             or _match_phrase(toks, j, lex.title_words, lex.max_phrase))
        if n == 1 and not _is_cap(t) and t.low not in lex.title_words:
            n = 0  # "sở hữu" is not "Sở": one-syllable bodies are capitalised
        glued = t.text == "." and 0 < j < len(toks) - 1 and toks[j - 1].end == t.start and toks[j + 1].start == t.end \
            and _is_cap(toks[j + 1])  # "T.Ư", "TP.HCM"
        if n or _is_cap(t) or t.text in "&-–/" or t.text.isdigit() or glued:
            j += n or 1
            if _is_cap(toks[j - 1]) and j < len(toks) and _name_tail(toks, j, lex):
                j += 1  # "Sở Nội vụ", "Hội đồng Thi đua": the second syllable of a proper name
        elif t.text == "(":
            depth += 1
            j += 1
            if j < len(toks) and toks[j].low in _TITLE_OPENERS:
                j += 1
            continue
        elif t.text == ")" and depth:
            depth -= 1
            j += 1
        elif t.text.isalpha() and not _is_cap(t) and (k := _org_rest(toks, j, lex)) is not None:
            j = k  # "Trưởng phòng Quản lý chất thải rắn Sở …": up to the comma or bracket
            if not depth:
                end = toks[j - 1].end
            continue
        else:
            break
        if not depth:
            end = toks[j - 1].end
    return end


#: Most lower-case syllables (outside the title words) in a body segment of a title.
MAX_BODY_LOWER = 3


def _body_segment(toks: list[_Tok], j: int, lex: _Lexicon) -> int:
    """Length of a comma-closed segment at token ``j`` that names the body a title belongs to
    (``…, Trung ương Hội Chữ thập đỏ Việt Nam, …``, ``…, Phòng Chính trị, …``): it opens with a
    capitalised body, holds no clause word (title stop, adverb, verb), and ends at a comma.
    0 when there is none (``…, UBND xã đã …`` is the start of the words, not a title)."""
    if j >= len(toks) or not _is_cap(toks[j]) or not _match_phrase(toks, j, lex.bodies, lex.max_phrase):
        return 0
    lower = 0
    for k in range(j, min(len(toks), j + MAX_ORG_WORDS)):
        t = toks[k]
        if t.text == ",":
            return k - j
        if t.text.isalpha() and not _is_cap(t) and t.low not in lex.title_words:
            lower += 1  # "Chữ thập đỏ": a proper word's lower-case syllables, a few at most
            if lower > MAX_BODY_LOWER or _clause_word(toks, k, lex):
                return 0  # a clause word, a verb or a stop: the words, not a body
        elif not (_is_cap(t) or t.text.isalpha() or t.text.isdigit() or t.text in "&-–()"):
            return 0
    return 0


def _name_tail(toks: list[_Tok], j: int, lex: _Lexicon) -> bool:
    """Whether the lower-case token ``j`` (after a capitalised one) ends a two-syllable
    proper word of an organisation's name: what follows it still belongs to the title."""
    t = toks[j]
    if _is_cap(t) or not t.text.isalpha() or _clause_word(toks, j, lex):
        return False
    if j + 1 >= len(toks):
        return True
    nxt = toks[j + 1]
    return (_is_cap(nxt) or nxt.text in ",.)-–;" or bool(_match_phrase(toks, j + 1, lex.title_words, lex.max_phrase))
            or bool(_match_phrase(toks, j + 1, lex.bodies, lex.max_phrase))
            or _clause_word(toks, j + 1, lex))  # "Bộ Tư pháp về việc …", "Sở Nội vụ cho biết"


def _clause_word(toks: list[_Tok], j: int, lex: _Lexicon) -> bool:
    """Whether token ``j`` opens a clause after a title: a clause word, an adverb or a verb."""
    t = toks[j]
    return t.low in lex.title_stops or t.low in lex.adverbs or bool(
        lex.verb_re.match(" ".join(x.low for x in toks[j:j + 3])))


#: Words that may open a title segment before its head ("nguyên Bí thư", "kiêm Trưởng ban").
_TITLE_OPENERS = frozenset({"nguyên", "kiêm", "tân", "quyền", "đồng", "cựu"})


# -- quotes -------------------------------------------------------------------------------

def _paragraph_end(doc: ArticleText, sent: Sentence) -> int:
    return doc.zones[sent.paragraph].end


def _opening_at(text: str, pos: int, lex: _Lexicon) -> str | None:
    """The opening quotation mark at ``pos`` (``“``, ``"``, ``''``, a misused ``”`` …), if any."""
    two = text[pos:pos + 2]
    if two in lex.quote_marks:
        return two
    one = text[pos:pos + 1]
    return one if one and one in lex.quote_marks else None


_CURLY = re.compile("[“”]|’’|''")


def _nested_close(text: str, start: int, limit: int) -> int:
    """Offset of the mark that closes a curly quotation whose words start at ``start``, past
    the quotations nested in it (``“Để phong trào “Dân vận khéo” đạt …”``); a page may
    close it with two apostrophes instead (``“…’’``). -1 if none before ``limit``."""
    depth = 0
    for m in _CURLY.finditer(text, start, limit):
        if m.group() == "“":
            depth += 1
        elif depth:
            depth -= 1
        else:
            return m.start()
    return -1


def _close_quote(doc: ArticleText, open_pos: int, mark: str, sent: Sentence, lex: _Lexicon) -> int:
    """Offset of the mark that closes the quotation ``mark`` opened at ``open_pos``.

    A curly quotation closes past the ones nested in it when that closing mark is in the
    same paragraph; otherwise (or for other marks) at the first closing mark.
    """
    closing = lex.quote_marks.get(mark, "”")
    limit_zone = min(len(doc.zones) - 1, sent.paragraph + QUOTE_PARAGRAPHS - 1)
    limit = doc.zones[limit_zone].end
    start = open_pos + len(mark)
    i = doc.text.find(closing, start, limit)
    if closing == "”":
        nested = _nested_close(doc.text, start, min(_paragraph_end(doc, sent), start + MAX_QUOTE_CHARS))
        i = nested if nested >= 0 else i
    alt = "”" if closing == '"' else '"'
    if i < 0 and closing in '"”':
        i = doc.text.find(alt, start, limit)
    return i


def _open_quote(doc: ArticleText, close_pos: int, mark: str, lex: _Lexicon) -> int:
    """Offset of the mark that opens the quotation closed by ``mark`` at ``close_pos``."""
    text = doc.text
    if mark == "''":
        return text.rfind("''", max(0, close_pos - 3000), close_pos)
    if mark == "”":  # past nested quotations: scan back to the “ at depth 0
        depth = 0
        lo = max(0, close_pos - 3000)
        for pos in range(close_pos - 1, lo - 1, -1):
            ch = text[pos]
            if ch == "”":
                depth += 1
            elif ch == "“":
                if not depth:
                    return pos
                depth -= 1
        return text.rfind("“", lo, close_pos)
    opening = {v: k for k, v in lex.quote_marks.items() if len(k) == 1}.get(mark, "“")
    if mark == '"':
        opening = '"'
    return text.rfind(opening, max(0, close_pos - 3000), close_pos)


_REPORT_LEAD = re.compile(r"""
    \s*(?:(?:rằng|là)\b\s*)?    # "cho biết rằng …"
    ([:,]|[-–—](?=\s))?          # the punctuation that introduces the words
    \s*""", re.VERBOSE)

_WORD_AT = re.compile(r"[ \t]*([^\W\d_]+)")


def _skip_words(text: str, pos: int, end: int, phrases: set[str], max_words: int = 2) -> int:
    """Offset after the longest phrase of ``phrases`` (up to ``max_words`` words) at ``pos``."""
    words: list[tuple[str, int]] = []
    p = pos
    for _ in range(max_words):
        m = _WORD_AT.match(text, p, end)
        if not m:
            break
        words.append((_low(m.group(1)), m.end()))
        p = m.end()
    for n in range(len(words), 0, -1):
        if " ".join(w for w, _ in words[:n]) in phrases:
            return words[n - 1][1]
    return pos


def _lead_ok(text: str, pos: int, lead: str, p: int, need: str, lex: _Lexicon) -> bool:
    """Whether the words after a verb are introduced as its verb requires (``need``)."""
    if not need:
        return True
    opened = _opening_at(text, p, lex) is not None
    if need == "colon":
        return lead == ":" or opened
    return bool(lead) or opened or bool(re.match(r"\s*(?:rằng|là)\b", text[pos:p]))


_ADDRESSEE = re.compile(r"""
    [^:,“"«.;!?]{1,80}?         # the addressee or topic ("với phóng viên", "về việc này")
    (?=[:,“"«]|\s(?:rằng|là)\b) # up to the punctuation or "rằng" that opens the words
""", re.VERBOSE)


def _reported(doc: ArticleText, pos: int, sent: Sentence, lex: _Lexicon,
              need: str = "") -> tuple[int, int, str, str] | None:
    """The words after a verb at ``pos``: (start, end, kind, lead) or None.

    Adverbs of the verb (``bày tỏ rõ``) and an addressee (``nói với phóng viên:``) come
    before the words; ``need`` (``"any"``, ``"colon"``) is the lead the verb requires.
    ``lead`` is the punctuation that introduced them (":", ",", "" or the quote mark).
    """
    text = doc.text
    pos = _skip_words(text, pos, sent.end, lex.verb_adverbs)
    if _skip_words(text, pos, sent.end, lex.addressees, 1) > pos:
        m = _ADDRESSEE.match(text, pos, sent.end)
        if not m:
            return None  # "nói với phóng viên.", "kể về tuổi thơ": no words of its own
        pos = m.end()
    m = _REPORT_LEAD.match(text, pos)
    p = m.end()
    lead = (m.group(1) or "").strip()
    if not _lead_ok(text, pos, lead, p, need, lex):
        return None
    mark = _opening_at(text, p, lex)
    if mark:
        close = _close_quote(doc, p, mark, sent, lex)
        if close < 0:
            return p + len(mark), _paragraph_end(doc, sent), QuoteKind.direct.value, mark
        return p + len(mark), close, QuoteKind.direct.value, mark
    end = _paragraph_end(doc, sent) if lead == ":" else sent.end
    if p >= end:
        return None
    if _unbalanced_close(text, p, min(end, p + MAX_QUOTE_CHARS)):
        return None  # the verb stands inside someone else's quotation
    return p, end, QuoteKind.indirect.value, lead


def _unbalanced_close(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` closes a curly quotation it did not open."""
    depth = 0
    for m in _CURLY.finditer(text, start, end):
        if m.group() == "“":
            depth += 1
        elif m.group() == "”":
            depth -= 1
            if depth < 0:
                return True
    return False


def _inside_quote(text: str, para_start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a curly quotation opened earlier in its paragraph."""
    start = max(para_start, pos - 600)
    return text.rfind("“", start, pos) > text.rfind("”", start, pos)


# -- attribution --------------------------------------------------------------------------

@dataclass
class _Attribution:
    mention: _Mention
    title: str | None
    verb: str
    rule: str
    quote: tuple[int, int] | None
    kind: str | None


def _gap_ok(text: str, start: int, end: int, lex: _Lexicon) -> bool:
    """Whether only adverbs stand between a speaker and the verb ("ông cũng cho biết")."""
    gap = _CO_ACTION.sub("", _low(text[start:end])).strip()
    return not gap or gap in lex.adverbs or all(w in lex.adverbs for w in gap.split())


def _subject(doc: ArticleText, mentions: list[_Mention], vstart: int, lex: _Lexicon) -> tuple[_Mention, str | None] | None:
    """The mention that is the subject of the verb at ``vstart``, with its appositive title."""
    text = doc.text
    last = bisect.bisect_right(mentions, vstart, key=lambda m: m.end)  # mentions are in text order
    for m in reversed(mentions[max(0, last - 1):last]):
        if m.end > vstart:
            continue
        if _possessed(text, m.start, lex):
            return None  # "con trai của bà X cho biết": the son speaks
        if _gap_ok(text, m.end, vstart, lex):
            return m, m.title
        ap = _appositive(text, m.end, vstart, lex)
        if ap:
            return m, ap[0]
        gap = _strip_adverbs(text[m.end:vstart], lex)
        if m.kind in ("hon", "role", "bare") and len(gap) <= MAX_LOCATIVE_GAP and _LOCATIVE.match(gap) \
                and not lex.verb_re.search(_low(gap)) and "." not in gap:
            return m, m.title
        desc = _description(gap, lex) if m.kind in ("hon", "role", "bare") else None
        if desc is not None:
            return m, desc or m.title
        return None
    return None


#: One segment of a person's description between commas or brackets: an age, a place or an
#: occupation ("Ông X, 68 tuổi, giáo viên Trường …, cho biết").
_DESC_SPLIT = re.compile(r"\s*[,()]\s*|\s+[-–—]{1,2}\s+")
_AGE = re.compile(r"(?:năm nay\s+)?\d{1,3}\s+tuổi$|sinh năm \d{4}$")
#: Most segments in a person's description, and its longest length in characters.
MAX_DESC_SEGMENTS = 3
MAX_DESC = 150


def _description(gap: str, lex: _Lexicon) -> str | None:
    """The occupation in a person's description between the name and the verb, "" when it
    has none but is a description, None when ``gap`` is not a description.

    Every segment is an age (``68 tuổi``), a place (``ở thôn …``, ``thôn A``) or opens with an
    occupation or role (``giáo viên Trường …``, ``cán bộ Đồn Biên phòng …``); the occupation
    is the title unless it is a resident's role (``người dân``, ``nông dân``).
    """
    if len(gap) > MAX_DESC or "." in gap or ";" in gap or not re.match(r"\s*(?:[,(]|[-–—]{1,2}\s)", gap):
        return None
    segments = [seg for seg in _DESC_SPLIT.split(gap.strip()) if seg]
    bracket = gap.lstrip().startswith("(")  # a bracket may hold a bare place name
    if not segments or len(segments) > MAX_DESC_SEGMENTS or lex.verb_re.search(_low(gap)):
        return None
    title = ""
    for seg in segments:
        words = _low(seg).split()
        if _AGE.match(" ".join(words)) or _LOCATIVE.match(" " + words[0]) or words[0] in _LEVELS \
                or bracket and len(words) <= 4 and all(w[:1].isupper() or w.isdigit() for w in seg.split()):
            continue  # "68 tuổi", "ở thôn A", "huyện B", "(An Bình 2, Đồng Tâm)": not an occupation
        role = next((" ".join(words[:n]) for n in (3, 2, 1) if " ".join(words[:n]) in lex.occupations), None)
        if role is None or not seg[:1].islower():
            return None
        if not title and role not in lex.residents:
            title = seg.strip()
    return title


#: A resident's place or role between the name and the verb: "ở thôn …", "(thôn A, xã B)",
#: "-- người dân thôn Y", ", trú tại …".
_LOCATIVE = re.compile(r"\s*(?:[,(]\s*|[-–—]{1,2}\s+)?(?:ở|tại|trú|người|\(|thôn|xóm|bản|ấp|xã|phường)")


#: "vừa <action> vừa" right before the verb: what the speaker does while speaking.
_CO_ACTION = re.compile(r"(?<![^\W_])vừa\s+[^,.;:“”\"]{1,60}?\s+vừa\s*$")


def _strip_adverbs(gap: str, lex: _Lexicon) -> str:
    """``gap`` without the adverbs that end it ("(thôn A) phấn khởi cho biết") and without a
    co-action before the verb ("…, vừa bưng mâm cơm vừa nói")."""
    gap = _CO_ACTION.sub("", gap)
    words = gap.rstrip().split(" ")
    while len(words) > 1:
        if _low(words[-1]) in lex.adverbs:
            words.pop()
        elif len(words) > 2 and _low(" ".join(words[-2:])) in lex.adverbs:
            del words[-2:]
        else:
            break
    return " ".join(words) + " "


def _quote_before(doc: ArticleText, para_start: int, start: int, lex: _Lexicon) -> tuple[int, int] | None:
    """The quotation that closes right before a speaker (``“…”, ông X nói``): it opens a
    sentence or clause (not a quoted name inside one: ``mô hình “Tổ liên gia”, ông X …``)."""
    text = doc.text
    before = text[para_start:start].rstrip(" ,-–—")
    if not before or before[-1] not in "”\"»’'":
        return None
    mark = "''" if before.endswith("''") else before[-1]
    if mark == "'":
        return None
    close = para_start + len(before) - len(mark)
    opening = _open_quote(doc, close, mark, lex)
    if opening < 0 or len(text[opening + len(mark):close].split()) < MIN_QUOTE_WORDS:
        return None
    lead = text[max(0, opening - 3):opening].rstrip()
    if lead and lead[-1] not in ".!?:…;\n" and opening > para_start:
        return None
    return opening + len(mark), close


def _possessed(text: str, start: int, lex: _Lexicon) -> bool:
    """Whether the words before a mention make it a possessor or a passive agent."""
    words = _low(text[max(0, start - 30):start]).split()
    if not words or not words[-1][-1:].isalpha():
        return False
    return any(" ".join(words[-n:]) in lex.possessors for n in (3, 2, 1) if len(words) >= n)


_BRACKET = re.compile(r"\s*\([^()]{1,120}\)")
_COMMA = re.compile(r"\s*,\s*")
_SPACES = re.compile(r"\s*")


def _after_role(text: str, pos: int, end: int, lex: _Lexicon) -> int:
    """Offset after a resident's role segment (``thành viên Hội đồng …,``) at ``pos``, or
    ``pos``: after ``Theo ông X,`` such a segment describes X and is not yet the quote."""
    toks = _tokens(text, pos, min(end, pos + 200))
    n = _match_phrase(toks, 0, lex.roles, 3)
    if not n or _is_cap(toks[0]):
        return pos
    k = _org_rest(toks, n, lex)
    if k is None or toks[k].text != ",":
        return pos
    return _SPACES.match(text, toks[k].end).end()


_THEO = re.compile(r"(?<![^\W_])[Tt]heo\s")


def _all_mentions(doc: ArticleText, lex: _Lexicon, seen: dict[int, tuple[list[_Tok], list[_Mention]]]
                  ) -> list[_Mention]:
    """Every person mentioned in the headline and content (for joining later references).

    Besides the mentions the attributions read, a full name anywhere (three or four
    syllables opened by a family name, not a unit's name) is indexed, so that ``ông Hiện``
    finds ``Chánh án … Nguyễn Văn Hiện`` however the full name was introduced.
    """
    out: list[_Mention] = []
    for sent in doc.sentences:
        if sent.zone in (ZoneKind.body, ZoneKind.caption, ZoneKind.title):
            toks, found = seen.get(sent.start) or _sentence_mentions(doc.text, sent, lex)
            taken = {m.name_start for m in found}
            out.extend(found)
            out.extend(m for m in _loose_names(toks, lex) if m.name_start not in taken)
    out.sort(key=lambda m: m.start)
    return out


def _loose_names(toks: list[_Tok], lex: _Lexicon) -> list[_Mention]:
    """Full names (3–4 capitalised syllables opened by a family name) wherever they stand."""
    out: list[_Mention] = []
    caps = [(c := t.text[:1]).isupper() and c.isalpha() for t in toks]  # _is_cap, once per token
    n = len(toks)
    i = 0
    while i < n:
        if not caps[i]:
            i += 1
            continue
        j = i + 1
        while j < n and caps[j] and toks[j - 1].end == toks[j].start - 1:
            j += 1
        run = toks[i:j]
        k = _split_run(run, False, lex) if len(run) >= 3 else None
        if k is not None and 3 <= len(run) - k <= 4:  # "… Cảng hàng không Điện Biên Phủ Bùi Đình Oanh"
            words = " ".join(x.text for x in run[k:])
            if tone_key(words) not in lex.places and not any(x.low in lex.breakers for x in run[k:]):
                out.append(_Mention("bare", run[k].start, run[-1].end, words, run[k].start))
        i = j
    return out


def _covered(covered: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies in one of the (sorted, non-nested) quotations already attributed."""
    k = bisect.bisect_right(covered, (pos, 1 << 62))  # the quotations that open at or before pos
    return any(s <= pos < e for s, e in covered[max(0, k - 2):k])


def _enough_words(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has at least :data:`MIN_QUOTE_WORDS` words (reads a bounded prefix)."""
    return len(text[start:min(end, start + 40 * MIN_QUOTE_WORDS)].split()) >= MIN_QUOTE_WORDS


def _sentence_mentions(text: str, sent: Sentence, lex: _Lexicon) -> tuple[list[_Tok], list[_Mention]]:
    toks = _tokens(text, sent.start, sent.end)
    return toks, _mentions(text, toks, lex)


def _attributions(doc: ArticleText, lex: _Lexicon, seen: dict[int, tuple[list[_Tok], list[_Mention]]]
                  ) -> tuple[list[_Attribution], list[_Mention]]:
    """Every attribution of the article; ``seen`` collects the tokens and mentions of the
    sentences read (for :func:`_all_mentions`)."""
    text = doc.text
    folded = _low(text)
    found: list[_Attribution] = []
    all_mentions: list[_Mention] = []
    covered: list[tuple[int, int]] = []
    for sent in doc.sentences:
        if sent.zone not in (ZoneKind.body, ZoneKind.caption):
            continue
        if not lex.verb_re.search(folded, sent.start, sent.end) and not _THEO.search(text, sent.start, sent.end):
            continue  # no speech here: its mentions are read only if a later reference needs them
        toks, mentions = seen[sent.start] = _sentence_mentions(text, sent, lex)
        all_mentions.extend(mentions)
        if not mentions:
            continue
        used: set[int] = set()
        para_start = doc.zones[sent.paragraph].start
        verbs = list(lex.verb_re.finditer(folded, sent.start, sent.end))
        for k, vm in enumerate(verbs):
            if _covered(covered, vm.start()) or not text[vm.start()].islower():
                continue
            verb = vm.group()
            rule, weak, need = lex.verbs[verb]
            if need and k + 1 < len(verbs) and not text[vm.end():verbs[k + 1].start()].strip():
                continue  # "phấn khởi cho biết", "cười nói": the last verb of a chain reports
            after = folded[vm.end():vm.end() + 40].lstrip()
            words = after.split()
            nxt = words[0].strip(",.:;") if words else ""
            if any(f"{verb} {' '.join(words[:n])}".strip(",.:; ") in lex.idioms for n in (1, 2)):
                continue
            if weak and after[:1] not in ":,“\"«-–" and (nxt in lex.blockers or " ".join(words[:2]) in lex.blockers):
                continue
            if _inside_quote(text, para_start, vm.start()):
                continue  # speech reported inside someone else's quotation
            subj = _subject(doc, mentions, vm.start(), lex)
            if not subj:
                continue
            mention, title = subj
            rep = _reported(doc, vm.end(), sent, lex, need)
            qs_qe: tuple[int, int] | None = None
            kind = None
            back = _quote_before(doc, para_start, mention.start, lex)
            if rep and _enough_words(text, rep[0], rep[1]) and not (
                    back and rep[3] not in (":",) and rep[3] not in lex.quote_marks):
                qs_qe, kind = (rep[0], rep[1]), rep[2]
            elif back and not _covered(covered, back[0]):  # “…”, ông X nhấn mạnh.
                qs_qe, kind = back, QuoteKind.direct.value
            if not qs_qe:
                continue
            text_verb = text[vm.start():vm.end()]
            found.append(_Attribution(mention, title, text_verb.lower() if not text_verb[:1].isupper() else text_verb[0].lower() + text_verb[1:], rule, qs_qe, kind))
            used.add(id(mention))
            if kind == QuoteKind.direct.value:
                bisect.insort(covered, qs_qe)
        for m in mentions:  # Theo <mention>[, title], <quote>
            if id(m) in used:
                continue
            lead = text[max(sent.start, m.start - 6):m.start]
            if not re.search(r"(?:^|[\s,;:])[Tt]heo\s+$", lead) or _covered(covered, m.start):
                continue
            ap = _appositive(text, m.end, None, lex)
            title, pos = (ap if ap else (m.title, m.end))
            b = _BRACKET.match(text, pos, sent.end) if not ap else None
            pos = b.end() if b else pos  # "Theo bà X (52 tuổi, thôn Y), …"
            c = _COMMA.match(text, pos) if not ap or text[pos - 1] != "," else _SPACES.match(text, pos)
            if not c:
                continue
            qs = _after_role(text, c.end(), sent.end, lex) if not ap else c.end()
            if lex.verb_re.match(folded, qs) or not _enough_words(text, qs, sent.end):
                continue
            found.append(_Attribution(m, title, "theo", "off.verb.theo", (qs, sent.end), QuoteKind.indirect.value))
    return found, all_mentions


# -- joining ------------------------------------------------------------------------------

def _full(name: str, lex: _Lexicon) -> bool:
    parts = name.split()
    return len(parts) >= 2 and tone_key(parts[0]) in lex.family


def _resolve(m: _Mention, pos: int, persons: list[_Mention], lex: _Lexicon,
             index: dict | None = None) -> _Mention | None:
    """The named mention a short reference (given name or pronoun) stands for.

    A pronoun (``ông``, ``bà``, ``đồng chí``) stands for the last person named before it,
    nearby and of its gender (``ông`` is not a ``Thị``, ``bà`` not a ``Văn``); a given name
    for the full name that ends with it (the nearest before it, else any).
    """
    if m.kind == "pron":
        hon = _low(m.honorific or "")
        same = lex.honorifics.get(hon) == "same"
        last = bisect.bisect_right(persons, pos, key=lambda p: p.start)  # persons are in text order
        for k in range(last - 1, -1, -1):
            p = persons[k]
            if not p.name or p.end > pos:
                continue
            if pos - p.end > MAX_PRONOUN_BACK:
                return None
            if same and _low(p.honorific or "") != hon:
                continue  # "Chị kể": the last person introduced as "chị"
            middle = [_low(w) for w in p.name.split()[1:-1]]
            if (hon == "ông" and "thị" in middle) or (hon == "bà" and "văn" in middle):
                continue
            return _resolve(p, p.start, persons, lex, index) if not _full(p.name, lex) else p
        return None
    if m.name and _full(m.name, lex) and len(m.name.split()) > 2:
        return m
    key = tone_key(m.name or "")
    n = len(key.split())
    longer, full = _endings(persons, n, lex, index if index is not None else {}).get(key, ([], []))
    for cands, before in ((full, True), (full, False), (longer, True), (longer, False)):  # "chị Linh" is "chị Hải Linh"
        k = bisect.bisect_left(cands, pos, key=lambda p: p.start) if before else len(cands)
        if k:
            return cands[k - 1]  # the nearest before the reference, else the last anywhere
    return m if m.name else None


def _endings(persons: list[_Mention], n: int, lex: _Lexicon,
             index: dict) -> dict[str, tuple[list[_Mention], list[_Mention]]]:
    """The named persons of more than ``n`` syllables by the tone key of their last ``n``
    syllables, in text order, all and full names only (built once per article and length)."""
    if n not in index:
        by_end: dict[str, tuple[list[_Mention], list[_Mention]]] = {}
        for p in persons:
            words = (p.name or "").split()
            if len(words) > n:
                longer, full = by_end.setdefault(tone_key(" ".join(words[-n:])), ([], []))
                longer.append(p)
                if _full(p.name, lex):
                    full.append(p)
        index[n] = by_end
    return index[n]


def _organization(title: str | None, lex: _Lexicon) -> str | None:
    if not title:
        return None
    first = title.split(",")[0]
    toks = _tokens(first, 0, len(first))
    for i in range(1, len(toks)):
        if _match_phrase(toks, i, lex.bodies, lex.max_phrase) and not _match_phrase(toks, i, lex.heads, lex.max_phrase):
            return first[toks[i].start:].strip() or None
    return None


def extract_officials(doc: ArticleText, *, authors: list[str], photo_credits: list[str]) -> list[Official]:
    """Named people who speak or are quoted, one record per person.

    Args:
        doc: the segmented article.
        authors: bylines (never officials).
        photo_credits: photo credits (never officials).

    Returns:
        Officials in order of their first attributed words.

    >>> from extractor.text.segment import ArticleText, Zone, ZoneKind
    >>> t = "Ông Nguyễn Văn An, Chủ tịch UBND xã cho biết, năm nay xã có 20 mô hình."
    >>> [(o.name, o.title) for o in extract_officials(ArticleText(t, [Zone(ZoneKind.body, 0, len(t))]), authors=[], photo_credits=[])]
    [('Nguyễn Văn An', 'Chủ tịch UBND xã')]
    """
    lex = _lexicon()
    try:
        seen: dict[int, tuple[list[_Tok], list[_Mention]]] = {}
        attributions, mentions = _attributions(doc, lex, seen)
    except (IndexError, ValueError, re.error) as exc:
        doc.warn(f"officials: could not read attributions ({type(exc).__name__}: {exc})")
        return []
    excluded = {tone_key(n) for n in list(authors) + list(photo_credits) if n} | lex.not_speakers
    needs_index = any(a.mention.kind == "pron" or not (a.mention.name and _full(a.mention.name, lex)) or not a.title
                      for a in attributions)
    named = [m for m in (_all_mentions(doc, lex, seen) if needs_index else mentions) if m.name]
    records: dict[str, Official] = {}
    best: dict[str, str | None] = {}  # a person's title from any mention, read once per person
    seen_mentions: dict[str, set[tuple[int, int]]] = {}
    endings: dict = {}  # the persons by their last syllables, for short references
    for a in attributions:
        target = _resolve(a.mention, a.mention.start, named, lex, endings)
        if target is None or not target.name:
            continue
        key = tone_key(target.name)
        if key in excluded or any(key.endswith(" " + e) or e.endswith(" " + key) for e in excluded):
            continue
        title = a.title if a.mention is target or a.title else None
        if title is None:
            if key not in best:
                best[key] = _best_title(target, named, doc.text, lex)
            title = best[key]
        span_start = min(a.mention.start, a.quote[0]) if a.quote else a.mention.start
        span_end = max(a.mention.end, a.quote[1]) if a.quote else a.mention.end
        quote = doc.text[a.quote[0]:a.quote[1]].strip() if a.quote else None
        if key in records:
            rec = records[key]
            if (a.mention.name_start, a.mention.end) not in seen_mentions[key]:
                seen_mentions[key].add((a.mention.name_start, a.mention.end))
                rec.mentions.append((a.mention.name_start, a.mention.end))
            if rec.title is None and title:
                rec.title, rec.organization = title, _organization(title, lex)
            continue
        records[key] = Official(
            name=target.name, title=title, organization=_organization(title, lex), quote=quote,
            quote_kind=a.kind, verb=a.verb, span=(span_start, span_end),
            mentions=sorted({(target.name_start, target.end), (a.mention.name_start, a.mention.end)}),
            rule=a.rule)
        seen_mentions[key] = set(records[key].mentions)
    return list(records.values())


def _best_title(target: _Mention, named: list[_Mention], text: str, lex: _Lexicon) -> str | None:
    """A title for a person from any of their mentions (a title chain or an appositive)."""
    key = tone_key(target.name or "")
    for m in named:
        if tone_key(m.name or "") != key or m.kind == "role":
            continue
        if m.title:
            return m.title
        ap = _appositive(text, m.end, None, lex)
        if ap and ap[0]:
            return ap[0]
    return None
