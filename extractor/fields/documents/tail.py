"""The tail of a mention (its date, issuer and subject) and the issuing clause before it."""
from __future__ import annotations

import re

from ...text.dates import DateMention, Precision
from .lexicon import LOOKBACK_CHARS, MAX_ISSUER_CHARS, MAX_ISSUER_WORDS, MAX_SUBJECT_CHARS, _Lexicon
from .signs import _Mention

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

