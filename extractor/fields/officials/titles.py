"""Titles after a name: appositives (``, title,`` / ``- title`` / ``(title)``) and their ends."""
from __future__ import annotations

import re

from .lexicon import (
    _TITLE_OPENERS,
    MAX_APPOSITIVE,
    MAX_ORG_WORDS,
    MAX_TITLE_REST,
    MAX_TITLE_SEGMENTS,
    _Lexicon,
    _low,
    tone_key,
)
from .names import _split_run
from .tokens import _is_cap, _match_phrase, _Tok, _tokens

_FIRST_WORD = re.compile(r"[^\W_]+")


def _starts_title(text: str, pos: int, lex: _Lexicon) -> bool:
    """Whether a title head (after ``nguyên``, ``kiêm`` …) starts at ``pos``."""
    if not text[pos:pos + 1].isspace():  # the first token is this word (title heads are letters only)
        w = _FIRST_WORD.match(text, pos)
        if w is None or (low := w.group().lower()) not in lex.heads.first and low not in _TITLE_OPENERS:
            return False
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


