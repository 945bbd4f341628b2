"""A count candidate and what the words around it say: its category, field, tier, and
whether the article is about the movement."""
from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dc_field

from ...record import PlaceRef
from ...text.numbers import NumberMention
from ...text.segment import ZoneKind
from .lexicon import _key, _Lex, _norm_dash

#: Characters that end a clause for the category and place windows.
_CLAUSE_END = re.compile(r"[,;:()\[\]\n.!?…]")
#: A quoted name right after the thing ("mô hình “Dân vận khéo”"), skipped by cue windows; a
#: few joined by "và" or "," are one ("mô hình “Dân vận khéo” và “Dân vận khéo gắn với chuyển đổi số”").
_Q1 = r"""(?:["“”'‘’«][^"“”'‘’«»\n]{1,120}["“”'’»]|Dân\s+vận\s+khéo|DVK)"""
_QUOTED = re.compile(r"\s*" + _Q1 + r"(?:\s*(?:,|và)\s*" + _Q1 + r"){0,2}", re.IGNORECASE)
#: How far after the thing cue windows look (characters); a clause is rarely longer.
_AFTER_CHARS = 90
#: Categories that a part with no cue of its own takes from its total.
_INHERITED = frozenset({"recognized", "new", "maintained"})


@dataclass
class _Cand:
    num: NumberMention
    value: int
    qualifier: str
    unit: str
    category: str
    start: int
    end: int
    sent: int
    zone: ZoneKind
    rule: str
    field: str | None = None
    of_total: int | None = None
    part_of: int | None = None
    host: _Cand | None = None
    elliptical: bool = False
    places: list[PlaceRef | None] = dc_field(default_factory=list)
    explicit: bool = True  # False when the place is the article's main place by default
    as_of: str | None = None
    mentions: list[tuple[int, int]] = dc_field(default_factory=list)
    movement: bool = False      # the thing is followed by the movement's name
    level: str | None = None    # the tier of the count ("cấp huyện")
    level_before: bool = False  # the tier is named before the number ("cấp tỉnh 215 mô hình")
    colon_at: int | None = None  # "… trên 4 lĩnh vực: kinh tế 52 mô hình, …": where its parts open
    a_end: int = -1              # where the clause after its thing ends
    verb_category: str | None = None  # the category of the verb before it ("công nhận 58 mô hình")


def _clause_start(text: str, lo: int, pos: int) -> int:
    """Start of the clause that ends at ``pos`` (after the last clause-ending character)."""
    best = lo
    for m in _CLAUSE_END.finditer(text, lo, pos):
        best = m.end()
    return best


def _after_window(text: str, pos: int, hi: int, stop: int) -> tuple[int, int]:
    """(start, end) of the words after a thing: a quoted name skipped, to the clause end."""
    q = _QUOTED.match(text, pos, hi)
    start = q.end() if q else pos
    lim = min(hi, stop, start + _AFTER_CHARS)
    m = _CLAUSE_END.search(text, start, lim)
    return start, (m.start() if m else lim)


def _category(text: str, c: _Cand, s_lo: int, hi: int, next_num: int, prev_end: int | None,
              lex: _Lex) -> tuple[str, str | None, str]:
    """(category, field, rule id) of a count from the cues around it.

    Args:
        text: the article text.
        c: the count (its number and thing).
        s_lo: where its sentence starts.
        hi: where its sentence ends.
        next_num: where the next number of the sentence starts (cues after stop there).
        prev_end: where the number before it in the sentence ends (cues before start there).
        lex: the compiled lexicons.

    Returns:
        (category, field or None, rule id).
    """
    p_lo = s_lo if prev_end is None else max(s_lo, prev_end)
    a_start, a_end = _after_window(text, c.end, hi, next_num)
    clause_lo = _clause_start(text, s_lo, c.num.start)
    before = text[clause_lo:c.num.start]
    if lex.target_re.search(text, p_lo, c.num.start):
        return "target", None, "count.target.phan_dau"
    for rx, label, rid in lex.before:
        if label == "increase" and rx.search(before):
            return "increase", None, rid
    for rx, label, rid in lex.attached:
        if rx.match(text, a_start, a_end) or (a_start != c.end and rx.match(text, c.end, a_end)):
            return label, None, rid
    for rx, label, rid, needs in lex.after:
        if rx.search(text, a_start, a_end) and (needs is None or needs.search(before)):
            return label, None, rid
    if lex.total_re.search(before):
        return "total", None, "count.total.pool"
    for rx, label, rid in lex.before:
        if rx.search(before):
            return label, None, rid
    # "40 tập thể đăng ký xây dựng 45 mô hình": the models of the subject take its category
    subj = lex.subject_re.search(before)
    if subj:
        if lex.mixed_subject_re.search(text, clause_lo, clause_lo + subj.start()):
            return "total", None, "count.cat.subject_mixed"
        return lex.part_of.get(_key(subj.group("p")), "collective"), None, "count.cat.subject"
    # a single field of work: after the thing, or "mô hình về <field>" before it
    long_end = a_end
    m_end = re.compile(r"[;.()\n]").search(text, a_start, min(hi, next_num, a_start + _AFTER_CHARS))
    long_end = m_end.start() if m_end else min(hi, next_num, a_start + _AFTER_CHARS)
    # "15 mô hình, trong đó lĩnh vực kinh tế 6 mô hình": the fields of the parts are not its own
    m_mark = lex.marker_re.search(text, a_start, long_end)
    if m_mark:
        long_end = m_mark.start()
    # "2.100 mô hình trên 4 lĩnh vực: …": a plural of fields anywhere in the clause
    if not lex.plural_re.search(text, c.end, max(long_end, _after_window(text, c.end, hi, hi)[1])):
        found = {lex.field_of.get(_key(_norm_dash(m.group("f"))))
                 for m in lex.field_after_re.finditer(text, c.end, long_end)}
        for pos in {a_start, c.end}:
            m = lex.field_attached_re.match(text, pos, long_end)
            if m:
                found.add(lex.field_of.get(_key(_norm_dash(m.group("f")))))
        found.discard(None)
        if len(found) == 1:
            return "by_field", found.pop(), "count.cat.by_field"
    lead = lex.field_lead_re.search(text, p_lo, c.num.start)
    if lead and lex.field_of.get(_key(_norm_dash(lead.group("f")))):
        return "by_field", lex.field_of[_key(_norm_dash(lead.group("f")))], "count.cat.by_field_lead"
    sent_before = text[p_lo:c.num.start]
    if not lex.plural_re.search(sent_before):
        found = {lex.field_of.get(_key(_norm_dash(m.group("f")))) for m in lex.field_before_re.finditer(sent_before)}
        found.discard(None)
        if len(found) == 1:
            return "by_field", found.pop(), "count.cat.by_field_before"
    return "total", None, "count.cat.total"


def _verb_category(text: str, clause_lo: int, num_start: int, lex: _Lex) -> str | None:
    """The category a verb ending the words before a number gives ("công nhận", "đăng ký mới"),
    which a list after the count shares."""
    before = text[clause_lo:num_start]
    for rx, label, _rid in lex.before:
        if label in _INHERITED and rx.search(before):
            return label
    return None


def _level(text: str, c: _Cand, s_lo: int, a_start: int, a_end: int, lex: _Lex) -> tuple[str | None, bool]:
    """(tier, named before the number) of a count: "cấp tỉnh 215 mô hình", "96 mô hình đăng ký cấp
    huyện" (in the rest of its clause)."""
    clause_lo = _clause_start(text, s_lo, c.num.start)
    found = list(lex.count_level_re.finditer(text, clause_lo, c.num.start))
    m = found[-1] if found else None
    # "cấp tỉnh 215 mô hình", "cấp tỉnh công nhận 64 mô hình": a few words at most between
    if m is not None and re.fullmatch(r"(?:\s+[^\W\d]+){0,3}\s*:?\s*", text[m.end():c.num.start]):
        return lex.count_level_of.get(_key(m.group("l"))), True
    m = lex.count_level_re.search(text, a_start, a_end)
    if m is not None:
        return lex.count_level_of.get(_key(m.group("l"))), False
    return None, False


def _colon_after(text: str, pos: int, hi: int) -> int | None:
    """Where a colon ends the clause of a thing ("2.100 mô hình trên 4 lĩnh vực: …"), else None."""
    q = _QUOTED.match(text, pos, hi)
    start = q.end() if q else pos
    m = _CLAUSE_END.search(text, start, min(hi, start + _AFTER_CHARS))
    return m.start() if m and m.group() == ":" else None


def _about_movement(text: str, lex: _Lex) -> bool:
    """Whether an article is about the movement: it names it outside a list of other movements'
    names, or uses its words often enough (``patterns/models.yaml`` ``movement_names``,
    ``patterns/counts.yaml`` ``movement``)."""
    for m in lex.movement_names_re.finditer(text):
        before = text[max(0, m.start() - 6):m.start()]
        after = text[m.end():m.end() + 6]
        if not (lex.list_before_re.search(before) or lex.list_after_re.search(after)):
            return True
    words = 0
    for m in lex.movement_words_re.finditer(text):
        if not lex.list_before_re.search(text[max(0, m.start() - 6):m.start()]):
            words += 1
            if words >= lex.movement_min_words:
                return True
    return False
