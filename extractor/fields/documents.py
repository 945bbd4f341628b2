"""Numbered party and state documents: kind, number, sign, issuer, date and subject.

A document is a record only when it is numbered (SCHEMA): a kind followed by "số" and a
number or sign ("Chỉ thị số 05-CT/TU", "Nghị quyết số 110"), a kind followed directly by
a sign or a number ("Nghị quyết 513-NQ/ĐUQSTW", "Nghị quyết 12 của Tỉnh ủy"), a sign that
follows another in a list ("các Chỉ thị số 05-CT/TW, 16/CT-TTg"), or a sign standing alone
whose kind code is known ("theo 35-KL/TW"). All lexicons and sign shapes are in
``patterns/documents.yaml``. Steps, per content zone:

1. find mention heads (kind [modifier] [số] sign-or-number) with one regex;
2. read each mention's tail, in order: its date ("ngày 15/01/2021", ", ngày 16/5/2016",
   "ngày 9-3-2017"), issuer ("của Ban Thường vụ Tỉnh ủy"), a date right after the issuer,
   subject ("về …" or a quoted title), a list continuation (", 16/CT-TTg", "và số …");
3. look back from a head for an issuing verb ("Ngày 23/5, Ban Thường vụ Tỉnh ủy Nghệ An
   ban hành Chỉ thị …"): its subject is the issuer, and a date that opens its clause is
   the issue date. A date elsewhere in the sentence ("từ tháng 12/2020 đã tham mưu … ban
   hành Kế hoạch …") is not the document's;
4. find standalone signs outside the mentions;
5. merge mentions of one document (same sign, or same kind and number); any mention's
   date fills ``issued``.
"""
from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import patterns
from ..record import Document
from ..text.dates import DateMention, Precision, find_dates
from ..text.segment import ArticleText

log = logging.getLogger(__name__)

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


def _alt(phrases: list[str]) -> str:
    """Alternation of phrases, longest first; a never-matching group when empty."""
    if not phrases:
        return "(?!x)x"
    return "|".join(_phrase(p) for p in sorted(set(phrases), key=len, reverse=True))


def _kind_key(s: str) -> str:
    return " ".join(s.translate(_SIGN_FOLD).casefold().split()).replace("qui ", "quy ")


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """Compile ``patterns/documents.yaml`` into the regexes of this stage."""
    pf = patterns.load("documents")
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
    head = re.compile(
        rf"""
        (?<!\w)(?P<kind>{_alt(forms)})               # Chỉ thị, Nghị quyết, Qui định …
        (?:\s+(?P<mod>{_alt(modifiers)}))?           # hành động, liên tịch …
        (?P<so>\s+số\s*:?\s*|\s+)                    # "số", "số:" or a bare space
        (?=\d)                                       # a number must follow
        """, re.VERBOSE | re.IGNORECASE)
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
        \s+(?:(?:{_alt(adverbs)})\s+)*                        # đã, vừa …
        (?P<verb>{_alt(verbs)})
        \s+(?:(?:các|những|cả)\s+)?\Z                        # the head follows
        """, re.VERBOSE | re.IGNORECASE)
    lo, hi = pf.table("bare_number_not_years")
    codes = pf.table("issuer_codes")
    return _Lexicon(
        head=head, kinds=kinds, signs=signs, standalone=standalone, code_kind=code_kind,
        bare_follow=re.compile(str(pf.table("bare_number_followers")), re.VERBOSE | re.IGNORECASE),
        years=(int(lo), int(hi)), verb_tail=verb_tail,
        issuer_stop=re.compile(str(pf.table("issuer_stops")), re.VERBOSE),
        issuer_codes={k: {str(c): str(m) for c, m in v.items()} for k, v in codes.items()},
        issuer_code_patterns=tuple((re.compile(p), t) for p, t in pf.table("issuer_code_patterns")),
        issuer_words=re.compile(rf"(?:{_alt([str(w) for w in pf.table('issuer_words')])})(?!\w)", re.IGNORECASE),
        issuer_head=re.compile(rf"(?:{_alt([str(h) for h in pf.table('issuer_heads')])})(?!\w)"),
    )


# --- mentions -----------------------------------------------------------------------------

@dataclass
class _Mention:
    """One mention of a document, before merging."""

    start: int
    end: int
    kind: str            # as written, capitalised
    label: str           # the kind's standard spelling (merging key)
    number: str
    symbol: str | None
    system: str | None
    issuer_code: str | None
    rule: str
    sign_year: str | None = None
    issued: str | None = None
    issued_rank: int = 9  # lower is better: 0 sign date, 1 issuer date, 2 clause date, 3 sign year
    issuer: str | None = None
    subject: str | None = None
    followers: list[_Mention] = field(default_factory=list)


def _norm_sign(s: str) -> str:
    """A sign without spaces, with look-alike letters and dashes mapped.

    >>> _norm_sign("05 – CT/TU"), _norm_sign("08-QÐi/TW")
    ('05-CT/TU', '08-QĐi/TW')
    """
    return re.sub(r"\s+", "", s.translate(_SIGN_FOLD))


def _written_kind(raw: str, label: str, mod: str | None) -> str:
    """The kind as written, spaces collapsed, first letter capitalised."""
    kind = " ".join(raw.split())
    if kind.isupper():
        kind = label
    kind = kind[:1].upper() + kind[1:]
    if mod:
        mod = " ".join(mod.split())
        kind = f"{kind} {mod.lower() if mod.isupper() else mod}"
    return kind


def _decode(sign: _Sign, m: re.Match[str], lex: _Lexicon) -> tuple[str | None, str | None, str | None]:
    """(kind code, issuer code, year) of a matched sign, normalised."""
    g = m.groupdict()
    code = _norm_sign(g["code"]) if g.get("code") else None
    iss = _norm_sign(g["iss"]) if g.get("iss") else None
    year = g.get("year")
    if sign.system == "state" and code and not iss:
        # 202/2025/QH15: the issuer stands where the kind code would.
        return None, code, year
    if sign.system == "state" and code and code not in lex.code_kind["state"] and iss:
        # 1955/BHXH-CSYT, 2345/UBND-VX: a letter signed issuer-unit, no kind code.
        return None, code, year
    return code, iss, year


def _match_sign(text: str, pos: int, end: int, lex: _Lexicon,
                kind: _Kind | None) -> tuple[_Sign, re.Match[str]] | None:
    """The first sign shape that matches at ``pos`` (standalone shapes only without a kind)."""
    for sign in lex.signs:
        if kind is None and not sign.standalone:
            continue
        m = sign.regex.match(text, pos, end)
        if m:
            return sign, m
    return None


def _kind_for_code(code: str | None, system: str, inherited: _Kind | None, lex: _Lexicon) -> str | None:
    """Label of the kind a sign's code names, or the inherited kind's when they agree."""
    if inherited is not None:
        codes = inherited.party_codes if system == "party" else inherited.state_codes
        if code is None or code in codes or code not in lex.code_kind[system]:
            return inherited.label
    if code is None:
        return None
    return lex.code_kind[system].get(code) or lex.code_kind["state" if system == "party" else "party"].get(code)


def _sign_mention(sign: _Sign, m: re.Match[str], start: int, kind_written: str | None,
                  kind: _Kind | None, lex: _Lexicon, rule: str, *, named: bool = False) -> _Mention | None:
    """A mention from a matched sign; None when its kind cannot be told.

    ``named``: the kind word stands right before this sign, so it is the kind whatever the
    sign's code says ("Quy định 181-QĐ/TW" is a Quy định signed with the older code).
    """
    code, iss, year = _decode(sign, m, lex)
    if named and kind is not None and sign.system in kind.systems:
        label: str | None = kind.label
    else:
        label = _kind_for_code(code, sign.system, None if named else kind, lex)
    if label is None:
        return None
    written = kind_written if kind is not None and label == kind.label and kind_written else label
    return _Mention(start, m.end(), written, label, m.group("num"), _norm_sign(m.group(0)),
                    sign.system, iss, rule, sign_year=year)


def _bare_ok(text: str, num: re.Match[str], has_so: bool, kind_raw: str, kind: _Kind, lex: _Lexicon) -> bool:
    """Whether a bare number after a kind is a document number, not a count or a year."""
    after = text[num.end():num.end() + 1]
    if after and (after.isalnum() or after in "/%"):
        return False
    if re.match(r"[.,]\d|\s*[-\N{EN DASH}/]\s*[\w]", text[num.end():num.end() + 4]):
        return False  # 2.317, a sign we could not read, a period 2021-2025
    if has_so:
        return True
    digits = num.group(0)
    if len(digits) == 4 and digits.isdigit() and lex.years[0] <= int(digits) <= lex.years[1]:
        return False  # "Luật 2015", "Chương trình 2000"
    if _LIST_INTO_SIGN.match(text, num.end()):
        return True  # "các quyết định 106, 107/QĐ-TTg"
    if not (kind_raw[:1].isupper() or kind.bare):
        return False  # "thông báo 2 trường hợp", "quyết định 5 vấn đề"
    return bool(lex.bare_follow.match(text, num.end()))


_BARE_NUMBER = re.compile(r"\d{1,5}[a-z]?(?![\d])")
#: A list of numbers that ends in a sign ("106, 107/QĐ-TTg", "217 và 218-QĐ/TW").
_LIST_INTO_SIGN = re.compile(
    r"(?:[ \t]*(?:,|và)[ \t]*\d{1,5}[a-z]?)+[ \t]*[-/\N{EN DASH}][ \t]*[A-ZĐÐ]")


def _heads(text: str, start: int, end: int, lex: _Lexicon) -> list[tuple[_Mention, _Kind, str]]:
    """Kind-led mentions in ``text[start:end]``: (mention, kind, written kind)."""
    out: list[tuple[_Mention, _Kind, str]] = []
    for m in lex.head.finditer(text, start, end):
        kind = lex.kinds.get(_kind_key(m.group("kind")))
        if kind is None:
            continue
        written = _written_kind(m.group("kind"), kind.label, m.group("mod"))
        pos = m.end()
        hit = _match_sign(text, pos, end, lex, kind)
        if hit is not None:
            sign, sm = hit
            mention = _sign_mention(sign, sm, m.start(), written, kind, lex, sign.id, named=True)
            if mention is not None:
                out.append((mention, kind, written))
            continue
        num = _BARE_NUMBER.match(text, pos, end)
        has_so = "số" in m.group("so").casefold()
        if num is None or not _bare_ok(text, num, has_so, m.group("kind"), kind, lex):
            continue
        out.append((_Mention(m.start(), num.end(), written, kind.label, num.group(0), None, None, None,
                             "doc.bare_number"), kind, written))
    return out


# --- the tail of a mention: date, issuer, subject, continuation ------------------------

_LEAD = re.compile(r"[ \t]*(?:,[ \t]*)?(?:\([ \t]*)?(?:(?:được[ \t]+)?(?:(?:ký[ \t]+)?ban[ \t]+hành|ký|ra)[ \t]+)?(?:vào[ \t]+)?")
_OF = re.compile(r"[ \t]*,?[ \t]*của[ \t]+")
_SUBJECT_LEAD = re.compile(r"[ \t]*,?[ \t]*(?:\([^()\n]{0,80}\)[ \t]*)?(?:,[ \t]*)?")
#: What ends an unquoted subject outside quotation marks: a clause mark, a sentence end,
#: or a new list item ("và các …").
_SUBJECT_STOP = re.compile(r"[;!?\n]|[.,](?=\s|$)|\s+(?:và|cùng)\s+(?:các|những)\s")
_QUOTES = {"“": "”", '"': '"', "‘": "’", "'": "'", "«": "»"}
_CONTINUE = re.compile(
    r"""[ \t]*(?:,[ \t]*(?:(?:và|hoặc)[ \t]+)?|;[ \t]*|(?:và|hoặc)[ \t]+)  # , / ; / và / , và
    (?:(?:các|những)[ \t]+)?
    (?P<so>số[ \t]*:?[ \t]*)?(?=\d)""", re.IGNORECASE | re.VERBOSE)
_WORD = re.compile(r"\S+")
#: Words a cut issuer may end on that belong to what follows ("của X và Công điện số 02").
_TRAILING_JOINERS = re.compile(r"(?:\s+(?:và|cùng|hoặc|với))*\s*$")
_DONE_BY = re.compile(
    r"[ \t]*,?[ \t]*(?:do|được|mà)[ \t]+(?P<iss>[^,;:.!?\n“”\"()]{2,80}?)[ \t]+(?:ký[ \t]+)?ban[ \t]+hành"
    r"[ \t]+(?:vào[ \t]+)?(?=ngày|hôm)", re.IGNORECASE)
_CLAUSE_LEAD = re.compile(r"[ \t]*(?:vừa[ \t]+qua|năm[ \t]+nay|mới[ \t]+đây)?[ \t]*,[ \t]*\Z", re.IGNORECASE)
#: Words that may open a clause date ("Cuối tháng 4/2021, UBND tỉnh ban hành …").
_DATE_MODIFIER = re.compile(
    r"(?:^|(?<=\s))(?:cuối|đầu|giữa|trung\s+tuần|thượng\s+tuần|hạ\s+tuần|vào|khoảng)\s*\Z", re.IGNORECASE)
#: What may stand right before a clause date: nothing (zone start) or a punctuation mark.
_CLAUSE_OPENERS = ".;:!?,(-\N{EN DASH}\N{EM DASH}\n"
_ISSUER_BOUNDARY = re.compile(
    r".*(?:^|[,;:.!?\n]|\s(?:cho|giúp|để|đề\s+nghị|yêu\s+cầu|trình|thì|khi|sau\s+khi|trước\s+khi))\s*",
    re.IGNORECASE | re.DOTALL)


def _date_at(dates: dict[int, DateMention], pos: int) -> DateMention | None:
    d = dates.get(pos)
    return d if d is not None and d.iso else None


def _issuer_at(text: str, pos: int, end: int, lex: _Lexicon) -> tuple[str, int] | None:
    """An issuer name starting at ``pos`` (after "của"), and where it ends."""
    if pos >= end or not text[pos].isupper():
        return None
    limit = min(end, pos + MAX_ISSUER_CHARS)
    stop = lex.issuer_stop.search(text, pos, limit)
    head = lex.head.search(text, pos, limit)
    cut = min(x.start() for x in (stop, head) if x is not None) if (stop or head) else limit
    # The name runs while its words are capitalised, codes, numbers or words of names.
    i = pos
    while i < cut:
        while i < cut and text[i].isspace():
            i += 1
        if i >= cut:
            break
        if text[i].isupper() or text[i].isdigit():
            # a capitalised word, or the first of a name's words ("Thường vụ", "Chính trị")
            w = lex.issuer_words.match(text, i, cut) or _WORD.match(text, i, cut)
        else:
            w = lex.issuer_words.match(text, i, cut)
            if w is None:
                cut = i
                break
        i = w.end()
    name = _TRAILING_JOINERS.sub("", text[pos:cut])
    if len(name) < 2:
        return None
    return name, pos + len(name)


def _subject_at(text: str, pos: int, end: int, next_end: int) -> str | None:
    """A subject ("về …" or a quoted title) starting at ``pos``; a document named inside
    it ends it after its sign (``next_end``)."""
    m = _SUBJECT_LEAD.match(text, pos, end)
    p = m.end() if m else pos
    ve = re.match(r"về[ \t]+", text[p:end], re.IGNORECASE)
    q = p + (ve.end() if ve else 0)
    if q < end and text[q] in _QUOTES:
        close = text.find(_QUOTES[text[q]], q + 1, min(end, q + MAX_SUBJECT_CHARS))
        if close < 0:
            return None
        return text[p:close + 1] if ve else text[q + 1:close]
    if not ve:
        return None
    limit = min(end, p + MAX_SUBJECT_CHARS)
    stop = _SUBJECT_STOP
    depth_stop = limit
    i = q
    inside: str | None = None
    while i < limit:
        ch = text[i]
        if inside:
            if ch == inside:
                inside = None
        elif ch in _QUOTES:
            inside = _QUOTES[ch]
        elif stop.match(text, i, limit):
            depth_stop = i
            break
        i += 1
    cut = min(depth_stop, next_end) if next_end > q else depth_stop
    subject = text[p:cut].strip()
    return subject if len(subject) > 3 else None


def _set_issued(mention: _Mention, d: DateMention, rank: int) -> None:
    if d.iso and rank < mention.issued_rank:
        mention.issued, mention.issued_rank = d.iso, rank


def _read_tail(text: str, mention: _Mention, end: int, dates: dict[int, DateMention],
               lex: _Lexicon, next_end: int) -> int:
    """Date, issuer and subject after a mention; returns where the tail ends."""
    pos = mention.end
    lead = _LEAD.match(text, pos, end)
    d = _date_at(dates, lead.end()) if lead else None
    if d is not None and (d.precision is not Precision.year or lead.end() == pos + 1):
        _set_issued(mention, d, 0)
        pos = d.end
        close = re.match(r"[ \t]*\)", text[pos:end])
        if close:
            pos += close.end()
    of = _OF.match(text, pos, end)
    if of:
        issuer = _issuer_at(text, of.end(), end, lex)
        if issuer is not None:
            mention.issuer, pos = issuer
            after = re.match(r"[ \t]+(?:ban[ \t]+hành[ \t]+|ký[ \t]+)?(?:vào[ \t]+)?", text[pos:end])
            d = _date_at(dates, pos + after.end()) if after else None
            if d is not None and d.precision is not Precision.year:
                _set_issued(mention, d, 1)
                pos = d.end
    done = _DONE_BY.match(text, pos, end)
    if done:
        d = _date_at(dates, done.end())
        if d is not None:
            if mention.issuer is None and done.group("iss")[:1].isupper():
                mention.issuer = done.group("iss").strip()
            _set_issued(mention, d, 1)
            pos = d.end
    mention.subject = _subject_at(text, pos, end, next_end)
    return pos


def _clause(text: str, head: _Mention, zone_start: int, dates_by_end: dict[int, DateMention],
            lex: _Lexicon) -> tuple[str | None, DateMention | None]:
    """Issuer and clause date of an issuing verb right before a head, if there is one.

    "Ngày 23/5, Ban Thường vụ Tỉnh ủy Nghệ An ban hành Chỉ thị …": the subject of the verb
    is the issuer; a date is the document's only when it opens the verb's clause and only
    a comma separates it from the subject.
    """
    lo = max(zone_start, head.start - LOOKBACK_CHARS)
    m = lex.verb_tail.search(text[lo:head.start])
    if m is None:
        return None, None
    subj = m.group("subj")
    b = _ISSUER_BOUNDARY.match(subj)
    off = b.end() if b else 0
    off += len(subj[off:]) - len(subj[off:].lstrip())
    issuer = subj[off:].rstrip()
    issuer_start = lo + m.start("subj") + off
    if not issuer or not lex.issuer_head.match(issuer) or len(issuer.split()) > MAX_ISSUER_WORDS:
        return None, None
    for d_end in range(issuer_start, max(lo, issuer_start - 24) - 1, -1):
        d = dates_by_end.get(d_end)
        if d is None:
            continue
        if _CLAUSE_LEAD.match(text[d_end:issuer_start]):
            pre = _DATE_MODIFIER.sub("", text[max(zone_start, d.start - 40):d.start]).rstrip(" \t\"“")
            if d.start - 40 <= zone_start and not pre or pre and pre[-1] in _CLAUSE_OPENERS:
                return issuer, d
        break
    return issuer, None


# --- standalone signs, merging --------------------------------------------------------

def _standalone(text: str, start: int, end: int, taken: list[tuple[int, int]],
                lex: _Lexicon) -> list[_Mention]:
    """Signs with no kind word before them whose kind code is known ("35-KL/TW")."""
    out: list[_Mention] = []
    for m in lex.standalone.finditer(text, start, end):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        hit = _match_sign(text, m.start(), end, lex, None)
        if hit is None:
            continue
        sign, sm = hit
        code, _, _ = _decode(sign, sm, lex)
        if code is None or code not in lex.code_kind[sign.system]:
            continue
        mention = _sign_mention(sign, sm, sm.start(), None, None, lex, "doc.sign_only")
        if mention is not None:
            out.append(mention)
    return out


def _issuer_meaning(code: str | None, system: str | None, lex: _Lexicon) -> str | None:
    """What an issuer code stands for, from the table (None when unknown)."""
    if not code:
        return None
    parts = code.split("-")
    meanings = []
    order = [system] if system else []
    order += [s for s in ("party", "state") if s not in order]
    for part in parts:
        meaning = next((lex.issuer_codes[s][part] for s in order if part in lex.issuer_codes.get(s, {})), None)
        if meaning is None:
            for rx, template in lex.issuer_code_patterns:
                pm = rx.match(part)
                if pm:
                    meaning = template.format(*pm.groups())
                    break
        if meaning is None:
            return None
        meanings.append(meaning)
    return "; ".join(meanings)


def _key(m: _Mention) -> tuple[str, ...]:
    if m.symbol:
        return ("sym", m.symbol.casefold())
    return ("num", m.label, m.number.lstrip("0") or "0")


def _merge(mentions: list[_Mention], lex: _Lexicon) -> list[Document]:
    """One Document per distinct document, in order of first mention."""
    groups: dict[tuple[str, ...], list[_Mention]] = {}
    for m in sorted(mentions, key=lambda x: x.start):
        groups.setdefault(_key(m), []).append(m)
    # An unsigned "Chỉ thị 05" joins the one signed Chỉ thị numbered 05, if just one.
    for key in [k for k in groups if k[0] == "num"]:
        signed = [k for k, g in groups.items() if k[0] == "sym" and g[0].label == key[1]
                  and (g[0].number.lstrip("0") or "0") == key[2]]
        if len(signed) == 1:
            groups[signed[0]].extend(groups.pop(key))
    docs: list[Document] = []
    for group in sorted(groups.values(), key=lambda g: min(x.start for x in g)):
        group.sort(key=lambda x: x.start)
        first = next((x for x in group if x.symbol), group[0])
        dated = min(group, key=lambda x: (x.issued_rank, x.start))
        docs.append(Document(
            kind=group[0].kind if group[0].label == first.label else first.kind,
            number=first.number,
            symbol=first.symbol,
            system=first.system,
            issuer_code=first.issuer_code,
            issuer_meaning=_issuer_meaning(first.issuer_code, first.system, lex),
            issuer=next((x.issuer for x in group if x.issuer), None),
            issued=dated.issued,
            subject=next((x.subject for x in group if x.subject), None),
            mentions=sorted({(x.start, x.end) for x in group}),
            rule=first.rule,
        ))
    return docs


#: What separates two items of a list with nothing of their own between them.
_TIGHT = re.compile(r"\s*(?:,|;|và|hoặc)?\s*(?:số\s*:?\s*)?\Z", re.IGNORECASE)


def _share_in_list(text: str, chain: list[_Mention]) -> None:
    """Share sign, date and issuer backwards along a list of documents of one kind.

    "Quyết định số 217, 218-QĐ/TW": a bare number right before a sign takes the sign's
    suffix (217-QĐ/TW). "217-QĐ/TW và 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị": a date
    and an issuer after the last sign are every earlier sign's with the same issuer code
    when nothing stands between them ("số 5612/QĐ-UBND, ngày …, và số 5890/QĐ-UBND, ngày
    …, của UBND thành phố" shares only the issuer, each sign has its own date).
    """
    for i in range(len(chain) - 2, -1, -1):
        m, nxt = chain[i], chain[i + 1]
        tight = bool(_TIGHT.match(text[m.end:nxt.start])) if nxt.start >= m.end else False
        if tight and m.symbol is None and nxt.symbol and nxt.number and nxt.symbol.startswith(nxt.number):
            m.symbol = m.number + nxt.symbol[len(nxt.number):]
            m.system, m.issuer_code, m.sign_year = nxt.system, nxt.issuer_code, nxt.sign_year
            m.rule = "doc.shared_suffix"
        if m.issuer_code != nxt.issuer_code:
            continue
        if m.issuer is None and nxt.issuer:
            m.issuer = nxt.issuer
        if tight and nxt.issued_rank <= 1 and nxt.issued:
            m.issued, m.issued_rank = nxt.issued, nxt.issued_rank


_DIGIT = re.compile(r"\d")


def _zone_mentions(text: str, start: int, end: int, dates: Callable[[], list[DateMention]],
                   lex: _Lexicon) -> list[_Mention]:
    """Every document mention in one zone, with its date, issuer and subject.

    ``dates`` gives the zone's dates; it is only called when the zone has a kind word or a
    sign (most zones have neither, and the date scan is the dear part).
    """
    if not _DIGIT.search(text, start, end):
        return []  # a kind word and a sign both need a digit after them
    heads = _heads(text, start, end, lex)
    if not heads and not _standalone(text, start, end, [], lex):
        return []
    found = dates()
    by_start = {d.start: d for d in found}
    by_end = {d.end: d for d in found}
    head_ends = [h.end for h, _, _ in heads] + [end]
    mentions: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    for i, (head, kind, written) in enumerate(heads):
        if any(head.start < e and s < head.end for s, e in taken):
            continue
        next_end = head_ends[i + 1]
        chain = [head]
        pos = _read_tail(text, head, end, by_start, lex, next_end)
        # A list of signs sharing the kind: "các Chỉ thị số 05-CT/TW, 16/CT-TTg".
        while True:
            cont = None if chain[-1].subject else _CONTINUE.match(text, pos, end)
            if cont is None:
                break
            hit = _match_sign(text, cont.end(), end, lex, kind)
            nxt: _Mention | None = None
            if hit is not None:
                sign, sm = hit
                nxt = _sign_mention(sign, sm, sm.start(), written, kind, lex, "doc.continuation")
                if nxt is not None and cont.group("so"):
                    nxt.start = cont.start("so")
            elif cont.group("so") or chain[-1].symbol is None:
                # "và số 5890", or a list of bare numbers ("Quyết định 217 và 218 của …")
                num = _BARE_NUMBER.match(text, cont.end(), end)
                if num is not None and _bare_ok(text, num, bool(cont.group("so")), written, kind, lex):
                    at = cont.start("so") if cont.group("so") else num.start()
                    nxt = _Mention(at, num.end(), written, kind.label, num.group(0), None, None,
                                   None, "doc.continuation")
            if nxt is None:
                break
            chain.append(nxt)
            pos = _read_tail(text, nxt, end, by_start, lex, next_end)
        _share_in_list(text, chain)
        issuer, clause_date = _clause(text, head, start, by_end, lex)
        for m in chain:
            if issuer and not m.issuer:
                m.issuer = issuer
            if clause_date is not None:
                _set_issued(m, clause_date, 2)
            taken.append((m.start, m.end))
        mentions.extend(chain)
    for m in _standalone(text, start, end, taken, lex):
        _read_tail(text, m, end, by_start, lex, end)
        mentions.append(m)
    for m in mentions:
        if m.issued is None and m.sign_year:
            m.issued, m.issued_rank = m.sign_year, 3
    return mentions


def extract_documents(doc: ArticleText) -> list[Document]:
    """Numbered party and state documents of an article, one record per document.

    Args:
        doc: the article; ``doc.published`` (ISO or None) gives year-less dates their year.

    Returns:
        Document records with every mention's span (``doc.text[s:e]`` is the evidence).

    >>> from extractor.text.segment import ArticleText, Zone, ZoneKind
    >>> t = "Ngày 23/5, Ban Thường vụ Tỉnh ủy ban hành Chỉ thị số 05-CT/TU về nâng cao hiệu quả."
    >>> d = extract_documents(ArticleText(t, [Zone(ZoneKind.body, 0, len(t))], published="2021-05-29"))[0]
    >>> (d.kind, d.symbol, d.system, d.issuer_code, d.issuer, d.issued)
    ('Chỉ thị', '05-CT/TU', 'party', 'TU', 'Ban Thường vụ Tỉnh ủy', '2021-05-23')
    """
    lex = _lexicon()
    text = doc.text
    # Content zones only (title, body, captions); a text without zones is read whole.
    zones = [(z.start, z.end) for z in doc.content()] if doc.zones else [(0, len(text))]
    mentions: list[_Mention] = []
    for start, end in zones:
        try:
            dates = functools.partial(find_dates, text, start, end, relative_to=doc.published)
            mentions.extend(_zone_mentions(text, start, end, dates, lex))
        except Exception as exc:  # odd input must not cost the other zones
            log.exception("documents: zone %s-%s failed", start, end)
            doc.warn(f"documents: zone {start}-{end} skipped ({type(exc).__name__}: {exc})")
    return _merge(mentions, lex)
