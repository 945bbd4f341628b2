"""Counts of "Dân vận khéo" models and exemplars, with category, parts, place and date.

A count is a number whose counted thing is ``mô hình`` or ``điển hình`` (``patterns/
counts.yaml``, section ``things``), or an elliptical part of such a count inside a
breakdown (``129 mô hình (gồm 83 tập thể; 46 cá nhân)``). Steps, per sentence:

1. numerals from :func:`extractor.text.numbers.find_numbers`; a numeral directly followed
   by a counted thing is a count (percentages are figures: ``75% mô hình``);
2. category from cues attached to the thing, later in its clause, or ending the words
   before it (``categories_*``); a single field of work makes it ``by_field``;
3. breakdowns: after a marker (``trong đó``, ``gồm``, ``(``) the next counts and elliptical
   ``N tập thể`` / ``N cá nhân`` are parts of the last count before it (``part_of``); a
   sentence that opens with a marker continues the previous sentence's breakdown;
4. place: the nearest place mention or level word (``toàn tỉnh``) before the number in
   the sentence (a place in brackets after another is its parent and is skipped), then
   in the rest of the clause, else the article's main place; a list of places before
   ``đều`` gives one count per place; parts and ratios take their total's place;
5. as_of from ``Tính đến năm X``, ``Năm X``, ``Đến nay`` (the article's date);
6. repeated mentions of one count (the headline and the body) merge; sum checks.
"""
from __future__ import annotations

import bisect
import functools
import logging
import re
from dataclasses import dataclass
from dataclasses import field as dc_field

from .. import patterns
from ..record import Check, Count, Locality, MainLocality, PlaceRef
from ..text.numbers import NumberMention, alternation, find_numbers, tone_variants
from ..text.segment import ArticleText, Sentence, ZoneKind

log = logging.getLogger(__name__)

#: Characters that end a clause for the category and place windows.
_CLAUSE_END = re.compile(r"[,;:()\[\]\n.!?…]")
#: A quoted name right after the thing ("mô hình “Dân vận khéo”"), skipped by cue windows; a
#: few joined by "và" or "," are one ("mô hình “Dân vận khéo” và “Dân vận khéo gắn với chuyển đổi số”").
_Q1 = r"""(?:["“”'‘’«][^"“”'‘’«»\n]{1,120}["“”'’»]|Dân\s+vận\s+khéo|DVK)"""
_QUOTED = re.compile(r"\s*" + _Q1 + r"(?:\s*(?:,|và)\s*" + _Q1 + r"){0,2}", re.IGNORECASE)
#: How far after the thing cue windows look (characters); a clause is rarely longer.
_AFTER_CHARS = 90
#: Zones that repeat the body (headline, photo captions): their counts merge into the body's.
_REPEATS = frozenset({ZoneKind.title, ZoneKind.caption})
#: Categories that a part with no cue of its own takes from its total.
_INHERITED = frozenset({"recognized", "new", "maintained"})
#: How far a "(" may follow a count and still open its breakdown (characters).
_PAREN_REACH = 40
#: How far before a number its cue, place and date windows reach (characters): a long sentence
#: of many counts stays linear.
_LOOK_BACK = 400
#: Sentences without a count that may stand between a count and the sentence listing its parts.
_IDLE_SENTENCES = 2
#: Categories of a total whose selections in the next sentence are its parts.
_SELECTABLE = frozenset({"total", "new"})
#: Categories of a count opening the next sentence that make it a part of such a total
#: ("… có 412 mô hình. Lĩnh vực kinh tế có 150 mô hình, …"; a tier named first does too).
_NEXT_PARTS = frozenset({"recognized", "by_field", "collective", "individual"})


@dataclass(frozen=True)
class _Lex:
    thing_re: re.Pattern
    thing_of: dict[str, str]
    part_re: re.Pattern
    part_of: dict[str, str]
    attached: list[tuple[re.Pattern, str, str]]
    after: list[tuple[re.Pattern, str, str, re.Pattern | None]]
    before: list[tuple[re.Pattern, str, str]]
    total_re: re.Pattern
    subject_re: re.Pattern
    field_re: re.Pattern
    field_of: dict[str, str]
    field_after_re: re.Pattern
    field_before_re: re.Pattern
    field_attached_re: re.Pattern
    field_lead_re: re.Pattern
    plural_re: re.Pattern
    marker_re: re.Pattern
    marker_start_re: re.Pattern
    distributive_re: re.Pattern
    as_of: list[tuple[re.Pattern, str, str]]
    level_re: re.Pattern
    level_of: dict[str, str]
    pool_open_re: re.Pattern
    mixed_subject_re: re.Pattern
    thing_first_re: re.Pattern
    agent_re: re.Pattern
    movement_names_re: re.Pattern
    movement_words_re: re.Pattern
    movement_min_words: int
    list_before_re: re.Pattern
    list_after_re: re.Pattern
    thing_names_re: re.Pattern
    level_subject_re: re.Pattern
    level_subject_lead_re: re.Pattern
    addressee_re: re.Pattern
    count_level_re: re.Pattern
    count_level_of: dict[str, str]
    target_re: re.Pattern
    pool_initial_re: re.Pattern
    as_of_after: re.Pattern


def _key(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


def _table(rules, *, attr: str = "label") -> dict[str, str]:
    out: dict[str, str] = {}
    for r in rules:
        for p in r.phrases:
            for v in tone_variants(p):
                out[_key(v)] = getattr(r, attr)
    return out


def _norm_dash(s: str) -> str:
    return re.sub(r"\s*[-\u2010-\u2015\u2212]\s*", " - ", s)


@functools.lru_cache(maxsize=1)
def _lex() -> _Lex:
    pf = patterns.load("counts")
    things = pf.section("things")
    thing_of = _table(things)
    thing_re = re.compile(r"\s*(?P<t>" + alternation([p for r in things for p in r.phrases]) + r")(?![\w])",
                          re.IGNORECASE)
    parts = pf.section("parts")
    part_of = _table(parts)
    part_re = re.compile(r"\s*(?P<t>" + alternation([p for r in parts for p in r.phrases]) + r")(?![\w])",
                         re.IGNORECASE)
    attached = [(re.compile(r"\s*(?:" + alternation(r.phrases) + r")(?![\w])", re.IGNORECASE), r.label, r.id)
                for r in pf.section("categories_attached")]
    after = []
    for r in pf.section("categories_after"):
        data = r.data or {}
        needs = data.get("needs_before")
        needs_re = re.compile(r"(?<![\w])" + alternation(needs) + r"\s+$", re.IGNORECASE) if needs else None
        # "được các cấp khen thưởng": a passive marker, up to data.agent_gap words, the verb
        lead = ""
        if data.get("agent_gap"):
            lead = alternation(data["agent_markers"]) + r"(?:\s+[^\s,;:()]+){0," + str(int(data["agent_gap"])) + r"}\s+"
        after.append((re.compile(r"(?<![\w])" + lead + alternation(r.phrases) + r"(?![\w])", re.IGNORECASE),
                      r.label, r.id, needs_re))
    before = []
    for r in pf.section("categories_before"):
        gap = int((r.data or {}).get("gap", 0))
        before.append((re.compile(r"(?<![\w])" + alternation(r.phrases) + r"(?:\s+[^\s,;:()]+){0," + str(gap)
                                  + r"}\s+$", re.IGNORECASE), r.label, r.id))
    total_re = re.compile(r"(?<![\w])" + alternation([p for r in pf.section("total_cues") for p in r.phrases])
                          + r"\s+$", re.IGNORECASE)
    # "<N> tập thể [đã] đăng ký thực hiện <M> mô hình": the subject's part ends the words before M
    subject_re = re.compile(r"(?<![\w.,])\d[\d.]*\s+(?P<p>" + alternation([p for r in parts for p in r.phrases])
                            + r")\s+(?:đã\s+|cùng\s+)?"
                            + alternation([p for r in pf.section("categories_subject") for p in r.phrases])
                            + r"\s+$", re.IGNORECASE)
    fields = pf.section("fields")
    field_of = {}
    for r in fields:
        for p in r.phrases:
            for v in tone_variants(p):
                field_of[_key(_norm_dash(v))] = r.label
    field_alt = alternation([p for r in fields for p in r.phrases])
    field_re = re.compile(r"(?<![\w])" + field_alt + r"(?![\w])", re.IGNORECASE)
    # "trong [phát triển] kinh tế": a verb may stand between the cue and the field's name
    prefix = r"(?:\s+" + alternation([p for r in pf.section("field_prefixes") for p in r.phrases]) + r")?"
    cues_after = [p for r in pf.section("field_cues_after") for p in r.phrases]
    field_after_re = re.compile(r"(?<![\w])" + alternation(cues_after) + prefix + r"\s+(?P<f>" + field_alt
                                + r")(?![\w])", re.IGNORECASE)
    cues_before = [p for r in pf.section("field_cues_before") for p in r.phrases]
    field_before_re = re.compile(r"(?<![\w])" + alternation(cues_before) + prefix + r"\s+(?P<f>" + field_alt
                                 + r")(?![\w])", re.IGNORECASE)
    # "1.200 mô hình kinh tế": a field named right after the thing, no cue word
    verbs = alternation([p for r in pf.section("field_prefixes") for p in r.phrases])
    field_attached_re = re.compile(r"\s*(?:" + verbs + r"\s+)?(?P<f>" + field_alt + r")(?![\w])", re.IGNORECASE)
    # "lĩnh vực kinh tế có 1.020 mô hình, văn hóa - xã hội 640 mô hình": the field ends the words
    # before the number (after the number before it)
    leads = [p for r in pf.section("field_leads") for p in r.phrases]
    links = [p for r in pf.section("field_links") for p in r.phrases]
    suffixes = alternation([p for r in pf.section("field_suffixes") for p in r.phrases])
    field_lead_re = re.compile(r"(?:^|(?<=[\s,;:(]))(?:" + alternation(leads) + r"\s+)?(?P<f>" + field_alt
                               + r")(?:\s+" + suffixes + r")?\s*(?:" + alternation(links) + r")?\s*:?\s*$",
                               re.IGNORECASE)
    plural = pf.section("plural_fields")
    plural_src = [alternation([p for r in plural if not (r.data or {}).get("regex") for p in r.phrases])]
    plural_src += [f"(?:{r.pattern})" for r in plural if (r.data or {}).get("regex")]
    plural_re = re.compile(r"(?<![\w])(?:" + "|".join(plural_src) + r")(?![\w])", re.IGNORECASE)
    markers = [p for r in pf.section("breakdown_markers") for p in r.phrases if p != "("]
    marker_re = re.compile(r"(?<![\w])" + alternation(markers) + r"(?![\w])", re.IGNORECASE)
    marker_start_re = re.compile(r"\s*" + alternation(markers) + r"(?![\w])", re.IGNORECASE)
    distributive_re = re.compile(r"(?<![\w])" + alternation([p for r in pf.section("distributive")
                                                             for p in r.phrases]) + r"(?![\w])", re.IGNORECASE)
    as_of = []
    for r in pf.section("as_of"):
        src = r.pattern if isinstance(r.pattern, str) else "|".join(r.phrases)
        if (r.data or {}).get("after"):
            continue
        as_of.append((re.compile(r"(?<![\w])(?:" + src + r")(?![\w])", re.IGNORECASE),
                      str((r.data or {}).get("kind", "year")), r.id))
    levels = pf.section("level_words")
    level_of = _table(levels)
    level_re = re.compile(r"(?<![\w])(?P<w>" + alternation([p for r in levels for p in r.phrases]) + r")(?![\w])",
                          re.IGNORECASE)
    pools = pf.section("pool_openers")
    pool_open_re = re.compile(r"(?<![\w])" + alternation([p for r in pools if not (r.data or {}).get("clause_initial")
                                                          for p in r.phrases]) + r"\s+$", re.IGNORECASE)
    pool_initial_re = re.compile(r"\s*" + alternation([p for r in pools if (r.data or {}).get("clause_initial")
                                                       for p in r.phrases]) + r"\s+$", re.IGNORECASE)
    # "95 tập thể và 40 cá nhân đăng ký 135 mô hình": a subject of both kinds is no single part
    part_alt = alternation([p for r in parts for p in r.phrases])
    mixed_subject_re = re.compile(r"(?<![\w.,])\d[\d.]*\s+" + part_alt + r"\s*(?:,|và|;)\s*$", re.IGNORECASE)
    # "số mô hình đăng ký mới là 520", "nâng tổng số mô hình lên 410": the thing before the number
    tf = pf.table("thing_first")
    thing_first_re = re.compile(
        r"(?<![\w])(?P<all>(?:" + alternation(tf["heads"]) + r")\s+(?P<t>"
        + alternation([p for r in things for p in r.phrases]) + r")(?P<mid>(?:\s+[^\s\d,;:()\[\].!?…]+){0,"
        + str(int(tf["max_words"])) + r"}?)\s+(?:" + alternation(tf["links"]) + r")\s*:?\s*)$", re.IGNORECASE)
    ag = pf.table("agent")
    agent_re = re.compile(r"(?<![\w])" + alternation(ag["markers"]) + r"\s+(?:" + alternation(ag["bodies"])
                          + r"\s+)?(?:" + alternation(ag["levels"]) + r"\s+)?$", re.IGNORECASE)
    mv = pf.table("movement")
    movement_names_re = re.compile(r"(?<![\w])" + alternation(mv["names"]) + r"(?![\w])", re.IGNORECASE)
    movement_words_re = re.compile(r"(?<![\w])" + alternation(mv["words"]) + r"(?![\w])", re.IGNORECASE)
    ls = pf.section("level_subjects")[0]
    level_subject_re = re.compile(r"(?<![\w])(?P<w>" + alternation(ls.phrases) + r")\s+(?="
                                  + alternation(ls.data["verbs"]) + r"(?![\w]))", re.IGNORECASE)
    level_subject_lead_re = re.compile(r"(?:^\s*|[,;:]\s*|(?<![\w])" + alternation(ls.data["bodies"]) + r"\s+)$",
                                       re.IGNORECASE)
    ad = pf.section("addressees")[0]
    addressee_re = re.compile(r"(?<![\w])" + alternation(ad.phrases) + r"(?![\w])[^,;:()\n.!?]{0,"
                              + str(int(ad.data["reach"])) + r"}$", re.IGNORECASE)
    levels_c = pf.section("count_levels")
    count_level_of = _table(levels_c)
    count_level_re = re.compile(r"(?<![\w])(?P<l>" + alternation([p for r in levels_c for p in r.phrases])
                                + r")(?![\w])", re.IGNORECASE)
    as_of_after = re.compile(r"\s*(?:" + "|".join(r.pattern for r in pf.section("as_of") if (r.data or {}).get("after"))
                             + r")(?![\w])", re.IGNORECASE)
    tg = pf.section("targets")[0]
    # the cue in the clause of the number, or a dated cue ("Mục tiêu đến năm 2025, mỗi xã có …")
    reach = str(int(tg.data["reach"]))
    target_re = re.compile(r"(?<![\w])" + alternation(tg.phrases) + r"(?![\w])(?:\s+(?:đến|tới)\s+(?:hết\s+)?năm\s+"
                           r"(?:19|20)\d\d\s*,)?[^,;:.!?\n]{0," + reach + r"}$", re.IGNORECASE)
    return _Lex(thing_re, thing_of, part_re, part_of, attached, after, before, total_re, subject_re, field_re,
                field_of, field_after_re, field_before_re, field_attached_re, field_lead_re, plural_re, marker_re,
                marker_start_re, distributive_re, as_of, level_re, level_of, pool_open_re, mixed_subject_re,
                thing_first_re, agent_re, movement_names_re, movement_words_re, int(mv["min_words"]),
                re.compile(mv["list_before"]), re.compile(mv["list_after"]),
                re.compile(mv["thing_names"], re.IGNORECASE), level_subject_re, level_subject_lead_re,
                addressee_re, count_level_re, count_level_of, target_re, pool_initial_re, as_of_after)


# -- candidates --------------------------------------------------------------------------------

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


def _category(text: str, c: _Cand, s_lo: int, hi: int, next_num: int,
              prev_end: int | None = None) -> tuple[str, str | None, str]:
    """(category, field, rule id) of a count from the cues around it.

    Args:
        text: the article text.
        c: the count (its number and thing).
        s_lo: where its sentence starts.
        hi: where its sentence ends.
        next_num: where the next number of the sentence starts (cues after stop there).
        prev_end: where the number before it in the sentence ends (cues before start there).

    Returns:
        (category, field or None, rule id).
    """
    p_lo = s_lo if prev_end is None else max(s_lo, prev_end)
    lex = _lex()
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


def _verb_category(text: str, clause_lo: int, num_start: int) -> str | None:
    """The category a verb ending the words before a number gives ("công nhận", "đăng ký mới"),
    which a list after the count shares."""
    before = text[clause_lo:num_start]
    for rx, label, _rid in _lex().before:
        if label in _INHERITED and rx.search(before):
            return label
    return None


def _level(text: str, c: _Cand, s_lo: int, a_start: int, a_end: int) -> tuple[str | None, bool]:
    """(tier, named before the number) of a count: "cấp tỉnh 215 mô hình", "96 mô hình đăng ký cấp
    huyện" (in the rest of its clause)."""
    lex = _lex()
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


def _about_movement(text: str) -> bool:
    """Whether an article is about the movement: it names it outside a list of other movements'
    names, or uses its words often enough (``patterns/counts.yaml``, ``movement``)."""
    lex = _lex()
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


# -- places ------------------------------------------------------------------------------------

#: How a sentence opens with the unit it is about ("Về xã Hoa Thành, …", "Huyện Yên Thành là …").
_TOPIC_UNIT = (r"(?:(?:Về|Tại|Ở|Riêng|Còn|Đối với|Với)\s+)?(?:(?:huyện|xã|phường|thị trấn|thị xã|thành phố|quận|tỉnh|"
               r"TP\.?|thôn|bản|xóm|ấp|khu phố|tổ dân phố)\s+)?")
_TOPIC_OPEN = re.compile(r"\s*[\"“]?" + _TOPIC_UNIT, re.IGNORECASE)
_TOPIC_FRONTED = re.compile(r"\s*[\"“]?[^,.;:!?\n]{1,30},\s*" + _TOPIC_UNIT, re.IGNORECASE)
#: How many sentences back a paragraph's topic may be named.
_TOPIC_SENTENCES = 4

@dataclass(frozen=True)
class _PlaceHit:
    start: int
    end: int
    ref: PlaceRef | None
    level_word: str | None = None


def _ref(loc: Locality) -> PlaceRef:
    return PlaceRef(name=loc.name, level=loc.level, code=loc.code, province=loc.province)


def _find_loc(localities: list[Locality], name: str | None, level: str, code: str | None = None) -> PlaceRef | None:
    """The article's unit of that name and level; else a reference carrying the given code
    (the main locality's, which the places stage resolved even when the unit is only implied,
    e.g. by the outlet)."""
    if not name:
        return None
    for loc in localities:
        if loc.level == level and loc.name == name:
            return _ref(loc)
    return PlaceRef(name=name, level=level, code=code)


class _Places:
    """Place mentions and level words of one article, and the main place at each level."""

    def __init__(self, doc: ArticleText, localities: list[Locality], main: MainLocality | None):
        self.doc = doc
        self.text = doc.text
        self.localities = localities
        self.main = main
        hits = []
        for loc in localities:
            if not re.search(r"[^\W\d_]", loc.name):
                continue                        # a numeral taken for a name ("cấp huyện 412") is no place
            for s, e in loc.mentions:
                hits.append(_PlaceHit(s, e, _ref(loc)))
        self.hits = sorted(hits, key=lambda h: (h.start, -h.end))
        self._starts = [h.start for h in self.hits]

    def hits_in(self, lo: int, hi: int) -> list[_PlaceHit]:
        """The place mentions inside ``[lo, hi)`` (a bisection: no scan of the whole article)."""
        out = []
        for h in self.hits[bisect.bisect_left(self._starts, lo):bisect.bisect_left(self._starts, hi)]:
            if h.end <= hi:
                out.append(h)
        return out

    def main_ref(self) -> PlaceRef | None:
        """The article's main place at its most specific level (communes, then districts)."""
        m = self.main
        if m is None:
            return None
        for name, level, code in ((m.commune, "commune", m.commune_code), (m.district, "district", m.district_code),
                                  (m.province, "province", m.province_code)):
            if name:
                ref = _find_loc(self.localities, name, level, code)
                if ref and m.province and not ref.province and level != "province":
                    ref = ref.model_copy(update={"province": m.province})
                return ref
        return None

    def at_level(self, level: str, pos: int) -> PlaceRef | None:
        """The unit a level word refers to: the main place at that level, else the last unit of
        that level named before ``pos``."""
        m = self.main
        if level == "city":
            if m and m.district and re.search(r"(?:thành phố|TP\.?)\s+" + re.escape(m.district), self.text):
                level = "district"
            else:
                level = "province"
        name = None
        if m is not None:
            name = {"province": m.province, "district": m.district, "commune": m.commune}.get(level)
        if name:
            return _find_loc(self.localities, name, level)
        for h in reversed(self.hits[:bisect.bisect_left(self._starts, pos)]):
            if h.end <= pos and h.ref and h.ref.level == level:
                return h.ref
        return None

    def level_hits(self, lo: int, hi: int) -> list[_PlaceHit]:
        lex = _lex()
        out = []
        for m in lex.level_re.finditer(self.text, lo, hi):
            w = m.group("w")
            rest = self.text[m.end():m.end() + 3]
            # "huyện Na Rì": the name is the mention; a level word counts only on its own
            if re.match(r"\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ]", rest) or re.match(r"\s+[A-ZĐ]", self.text[m.end():m.end() + 2]):
                continue
            if re.search(r"(?:các|những|mỗi|nhiều|một số)\s+$", self.text[max(0, m.start() - 10):m.start()],
                         re.IGNORECASE):
                continue
            level = lex.level_of.get(_key(w), "province")
            out.append(_PlaceHit(m.start(), m.end(), None, level))
        # "Từ đầu năm, xã đăng ký 21 mô hình": a bare level word as the subject of its clause
        for m in lex.level_subject_re.finditer(self.text, lo, hi):
            pre_lo = max(0, m.start() - 60)
            pre = self.text[pre_lo:m.start()]
            cut = max(pre.rfind(ch) for ch in ".!?…\n")
            if cut >= 0:
                pre = pre[cut + 1:]
            elif pre_lo > 0:
                pre = "x " + pre                  # not known to open a sentence
            # "các quận, huyện triển khai …": the last word of a list of levels is no subject
            if lex.level_subject_lead_re.search(pre) and not re.search(
                    r"(?:xã|phường|thị trấn|huyện|thị xã|quận|tỉnh|thành phố)\s*,\s*$", pre, re.IGNORECASE):
                level = lex.level_of.get(_key("toàn " + m.group("w")), "province")
                out.append(_PlaceHit(m.start(), m.end(), None, level))
        return out

    def topic(self, doc: ArticleText, si: int) -> PlaceRef | None:
        """The unit that the last earlier sentence of the paragraph opening with one opens with
        ("Huyện Yên Thành là …", "Về xã Hoa Thành, …"), when it lies in the article's main unit."""
        main = self.main_ref()
        sent = doc.sentences[si]
        for prev in reversed(doc.sentences[max(0, si - _TOPIC_SENTENCES):si]):
            if prev.paragraph != sent.paragraph:
                break
            # the unit first, or after a fronted phrase ("Giai đoạn 2021-2025, xã Hoa Thành …")
            ends = {m.end() for rx in (_TOPIC_OPEN, _TOPIC_FRONTED)
                    if (m := rx.match(self.text, prev.start, min(prev.end, prev.start + 70)))}
            hit = next((h for h in self.hits_in(min(ends), max(ends) + 200) if h.start in ends and h.ref is not None),
                       None)
            if hit is None:
                continue
            ref = hit.ref
            if main is None or ref.name == main.name or self.is_parent(ref, main) or ref.province == main.name:
                return ref
            return None
        return None

    def is_parent(self, child: PlaceRef, parent: PlaceRef) -> bool:
        """Whether ``parent`` is the district or province that ``child`` lies in."""
        if parent.level == "province":
            return child.level != "province" and child.province == parent.name
        if parent.level != "district" or child.level not in ("commune", "village"):
            return False
        return any(loc.name == child.name and loc.level == child.level and loc.district == parent.name
                   for loc in self.localities)

    def resolve(self, h: _PlaceHit) -> PlaceRef | None:
        return h.ref if h.level_word is None else self.at_level(h.level_word, h.start)

    def governing(self, s_lo: int, num_start: int, after_lo: int,
                  after_hi: int) -> tuple[list[PlaceRef | None], bool]:
        """The place(s) a count at ``num_start`` holds for, and whether the text names it."""
        text = self.text
        before = self.hits_in(s_lo, num_start)
        before += self.level_hits(s_lo, num_start)
        # "kiến nghị Ban Thường vụ Tỉnh ủy tặng Bằng khen 4 mô hình": the addressee is not the place
        addressee = _lex().addressee_re
        before = [h for h in before if not addressee.search(text, max(s_lo, h.start - 60), h.start)]
        before.sort(key=lambda h: h.end)
        if before:
            last = before[-1]
            # "huyện Tam Nông (Phú Thọ)": the bracketed parent is not the governing place
            if text[last.start - 1:last.start] == "(" or text[max(0, last.start - 2):last.start] == "( ":
                prev = [h for h in before[:-1] if h.level_word is None and h.end <= last.start]
                if prev and re.fullmatch(r"\s*\(\s*", text[prev[-1].end:last.start]):
                    last = prev[-1]
            # "xã Y Tý, huyện Bát Xát có 12 mô hình": a unit's parent named after it is not the place
            elif last.level_word is None and last.ref is not None:
                prev = [h for h in before[:-1] if h.level_word is None and h.end <= last.start]
                if (prev and prev[-1].ref is not None and self.is_parent(prev[-1].ref, last.ref)
                        and re.fullmatch(r"\s*[,\-\u2013]\s*(?:(?:huyện|thị xã|thành phố|quận|tỉnh|TP\.?)\s+)?",
                                         text[prev[-1].end:last.start], re.IGNORECASE)):
                    last = prev[-1]
            between = text[last.end:num_start]
            if _lex().distributive_re.search(between) and last.level_word is None:
                group = [last]
                for h in reversed([h for h in before if h.level_word is None and h.end <= last.start]):
                    if re.fullmatch(r"\s*(?:,|;|và|và\s+các|,\s*và)\s*", text[h.end:group[-1].start]):
                        group.append(h)
                    else:
                        break
                if len(group) > 1:
                    return [self.resolve(h) for h in reversed(group)], True
            return [self.resolve(last)], True
        after = self.hits_in(after_lo, after_hi)
        after += self.level_hits(after_lo, after_hi)
        # "18 mô hình được UBND tỉnh tặng Bằng khen": the agent of a passive is not the place
        agent = _lex().agent_re
        after = [h for h in after if not agent.search(text, max(after_lo, h.start - 40), h.start)]
        if after:
            after.sort(key=lambda h: h.start)
            return [self.resolve(after[0])], True
        return [self.main_ref()], False


# -- as_of -------------------------------------------------------------------------------------

def _as_of(text: str, lo: int, pos: int, published: str | None) -> str | None:
    """When a count holds, from the words of its sentence before it."""
    best: tuple[int, str | None] | None = None
    for rx, kind, _rid in _lex().as_of:
        for m in rx.finditer(text, lo, pos):
            if kind == "now":
                val = published
            elif kind == "date":
                val = f"{m.group('year')}-{int(m.group('month')):02d}-{int(m.group('day')):02d}"
            elif kind == "month":
                val = f"{m.group('year')}-{int(m.group('month')):02d}"
            else:
                val = m.group("year")
            if best is None or m.start() > best[0]:
                best = (m.start(), val)
    return best[1] if best else None


# -- the stage ---------------------------------------------------------------------------------

def _thing_at(text: str, num: NumberMention, hi: int) -> tuple[str, int] | None:
    m = _lex().thing_re.match(text, num.end, hi)
    if not m:
        return None
    return _lex().thing_of.get(_key(m.group("t")), "mô hình"), m.end()


def _thing_first(text: str, num: NumberMention, lo: int, hi: int) -> tuple[str, int, str] | None:
    """A count whose thing comes first ("số mô hình duy trì là 1.150", "nâng tổng số mô hình
    lên 410"): (unit, evidence start, category), or None.

    The number must not be followed by a unit of its own (a thing, a percent, a multiplier)."""
    if num.percent or num.multiplier > 1 or num.denominator is not None:
        return None
    if re.match(r"\s*[^\W\d_]", text[num.end:num.end + 2]) and not re.match(
            r"\s*(?:[,;:()\[\].!?…]|và\b|trong\b)", text[num.end:min(hi, num.end + 8)]):
        return None                             # "số mô hình lên 410 hộ": another unit
    lex = _lex()
    m = lex.thing_first_re.search(text, max(lo, num.start - 160), num.start)
    if not m:
        return None
    unit = lex.thing_of.get(_key(m.group("t")), "mô hình")
    mid = m.group("mid")
    category = "total"
    for rx, label, _rid in lex.attached:
        if rx.match(mid):
            category = label
            break
    else:
        for rx, label, _rid, needs in lex.after:
            if needs is None and rx.search(mid):
                category = label
                break
    return unit, m.start("all"), category


def _part_at(text: str, num: NumberMention, hi: int) -> tuple[str, int] | None:
    m = _lex().part_re.match(text, num.end, hi)
    if not m:
        return None
    return _lex().part_of.get(_key(m.group("t")), "collective"), m.end()


def extract_counts(doc: ArticleText, *, localities: list[Locality], locality: MainLocality | None,
                   about_movement: bool | None = None) -> tuple[list[Count], list[Check]]:
    """Counts of models and exemplars in an article, with the sum checks of their breakdowns.

    Args:
        doc: the segmented article.
        localities: every unit the article names, with exact mentions (places stage).
        locality: the article's main place.
        about_movement: whether the article is about the movement (None: decide from its text,
            see :func:`_about_movement`); when not, only counts of its named models are kept.

    Returns:
        ``(counts, checks)``; repeated mentions of one count are one record.

    >>> from extractor.text.segment import ArticleText, Zone, ZoneKind
    >>> t = ("Đến nay, toàn tỉnh có 2.011 mô hình “Dân vận khéo”, trong đó có 1.354 mô hình đăng ký mới, "
    ...      "657 mô hình duy trì.")
    >>> counts, checks = extract_counts(ArticleText(t, [Zone(ZoneKind.body, 0, len(t))]), localities=[], locality=None)
    >>> [(c.value, c.category, c.part_of) for c in counts]
    [(2011, 'total', None), (1354, 'new', 2011), (657, 'maintained', 2011)]
    >>> checks[0].status
    'ok'
    """
    text = doc.text
    lex = _lex()
    if not lex.thing_re.search(text):   # no "mô hình"/"điển hình" anywhere: nothing to count
        return [], []
    places = _Places(doc, localities, locality)
    cands: list[_Cand] = []
    prev_host: _Cand | None = None
    idle = 0  # sentences without a count since prev_host's (captions, a sentence about one model)
    for si, sent in enumerate(doc.sentences):
        try:
            sent_cands, host = _sentence(doc, si, sent, places, prev_host, adjacent=idle == 0)
        except Exception as exc:  # odd input: warn and go on with the next sentence
            log.exception("counts failed in sentence at %s", sent.start)
            doc.warn(f"counts: could not read the sentence at {sent.start}: {type(exc).__name__}")
            continue
        if sent_cands:
            prev_host, idle = host, 0
        else:
            idle += 1
            if idle > _IDLE_SENTENCES:
                prev_host = None
        cands.extend(sent_cands)
    # issue 25: in an article not about the movement only its named models are counts
    if cands and not (_about_movement(text) if about_movement is None else about_movement):
        cands = [c for c in cands if c.movement or (c.host is not None and c.host.movement)]
    records, checks = _finish(doc, cands)
    return records, checks


def _sentence(doc: ArticleText, si: int, sent: Sentence, places: _Places,
              prev_host: _Cand | None, adjacent: bool = True) -> tuple[list[_Cand], _Cand | None]:
    """Count candidates of one sentence, with breakdown links; returns the last host too."""
    text = doc.text
    lex = _lex()
    lo, hi = sent.start, sent.end
    nums = [n for n in find_numbers(text, lo, hi) if n.kind == "number"]
    if not nums:
        return [], None
    markers = [m.start() for m in lex.marker_re.finditer(text, lo, hi)]
    host: _Cand | None = None
    open_at: int | None = None
    if lex.marker_start_re.match(text, lo, hi) and prev_host is not None:
        host, open_at = prev_host, lo
    out: list[_Cand] = []
    parts: dict[str, int] = {}  # the sum of the parts of host found in this sentence, per category
    closed_at = -1           # where the parts of host last made up its whole
    sub: tuple[_Cand, int] | None = None  # a part with a bracket of its own parts, and where it closes
    for i, n in enumerate(nums):
        next_num = nums[i + 1].start if i + 1 < len(nums) else hi
        iv = n.int_value
        if iv is None or n.percent or n.multiplier > 1:
            continue
        if host is not None and open_at is None:
            floor = max(host.end, closed_at)
            k = bisect.bisect_left(markers, floor)
            if k < len(markers) and markers[k] < n.start:
                open_at = floor
            elif host.colon_at is not None and floor <= host.colon_at < n.start:
                open_at = host.colon_at
            else:
                paren = text.find("(", floor, min(n.start, host.end + _PAREN_REACH + 1))
                if 0 <= paren <= host.end + _PAREN_REACH:
                    open_at = paren
        prev_end = nums[i - 1].end if i else None
        lo_n = max(lo, n.start - _LOOK_BACK)  # every look-back window is bounded
        thing = _thing_at(text, n, hi)
        part = None if thing else _part_at(text, n, hi)
        first = None if thing or part else _thing_first(text, n, lo_n if prev_end is None else max(lo_n, prev_end), hi)
        prev = out[-1] if out else None
        # "87 mô hình tập thể và 9 cá nhân": the thing of the count before is left out
        coordinated = (part is not None and prev is not None and not prev.elliptical
                       and prev.category in ("collective", "individual")
                       and re.fullmatch(r"\s*(?:tập thể|cá nhân)\s*(?:,|và|;)\s*", text[prev.end:n.start]) is not None)
        if thing is None and first is None and (part is None or host is None or open_at is None) and not coordinated:
            continue
        if thing:
            unit, end = thing
            c = _Cand(n, iv, n.qualifier, unit, "total", n.start, end, si, sent.zone, "count.thing")
            c.category, c.field, c.rule = _category(text, c, lo_n, hi, next_num, prev_end)
            c.movement = bool(lex.thing_names_re.match(text[end:min(hi, end + 20)]))
        elif first:
            unit, start, category = first
            c = _Cand(n, iv, n.qualifier, unit, category, start, n.end, si, sent.zone, "count.thing_first")
        else:
            label, end = part
            c = _Cand(n, iv, n.qualifier, "mô hình", label, n.start, end, si, sent.zone, "count.part",
                      elliptical=True)
        if n.denominator is not None and abs(n.denominator - round(n.denominator)) < 1e-9:
            c.of_total = int(round(n.denominator))
        # "có 46 mô hình được công nhận (gồm 27 tập thể; 19 cá nhân)", the 46 itself a part: the
        # bracket after a part lists the parts of that part
        if sub is not None and n.start < sub[1] and c.value < sub[0].value:
            c.part_of, c.host, c.places, c.explicit = sub[0].value, sub[0], list(sub[0].places), sub[0].explicit
            c.as_of, c.movement = sub[0].as_of, sub[0].movement
            out.append(c)
            continue
        is_part = (host is not None and open_at is not None and c.category != "increase"
                   and c.value < host.value and host.num.start < n.start)
        if c.elliptical and not is_part:
            if coordinated and prev is not None:
                c.part_of, c.host, c.places, c.explicit = prev.part_of, prev.host, list(prev.places), prev.explicit
                c.as_of, c.movement, c.rule = prev.as_of, prev.movement, "count.part.coordinated"
                out.append(c)
            continue                        # "N tập thể" outside a breakdown: a figure
        a_lo, a_hi = _after_window(text, c.end, hi, next_num)
        c.a_end = a_hi
        # "công nhận 58 mô hình cấp huyện, 12 mô hình cấp cơ sở": a list shares the verb before it
        c.verb_category = _verb_category(text, _clause_start(text, lo_n, n.start), n.start)
        if (c.rule == "count.cat.total" and prev is not None and prev.verb_category is not None
                and prev.category == prev.verb_category and prev.a_end >= 0
                and re.fullmatch(r"\s*[,;]?\s*(?:và\s+)?", text[prev.a_end:n.start])):
            c.category, c.rule, c.verb_category = prev.category, "count.cat.list", prev.category
        if not c.elliptical:
            c.level, c.level_before = _level(text, c, lo_n, a_lo, a_hi)
        # "Toàn tỉnh có 3.215 mô hình; cấp tỉnh 215 mô hình, cấp xã 3.000 mô hình": tiers named
        # first are parts of the larger count before them in the sentence
        if (not is_part and c.level_before and host is not None and host.sent == si and c.category != "target"
                and c.value < host.value and host.num.start < n.start):
            is_part = True
        # "… đăng ký 410 mô hình. Qua rà soát, 48 mô hình được đánh giá đạt hiệu quả": a selection (or
        # a field, a kind, a tier) opening the next sentence, with no place of its own, is a part of
        # the count before
        if (not is_part and host is None and prev_host is not None and adjacent
                and (c.category in _NEXT_PARTS or c.level_before)
                and prev_host.category in _SELECTABLE and c.value < prev_host.value and c.unit == prev_host.unit
                and not places.hits_in(lo, n.start)):
            host, open_at, is_part = prev_host, lo, True
        if is_part:
            c.part_of, c.host = host.value, host
            # "công nhận 1.254 mô hình, trong đó cấp tỉnh 86 mô hình": a part with no cue of its
            # own shares what its total is (recognized, new, maintained)
            if c.rule == "count.cat.total" and host.category in _INHERITED:
                c.category, c.rule = host.category, "count.cat.inherited"
            elif c.rule == "count.cat.total" and c.level is not None:
                c.category, c.rule = "by_level", "count.cat.by_level"
            c.movement = c.movement or host.movement
            p_lo = max(host.end, lo)
            own = places.hits_in(p_lo, n.start)
            if own:
                c.places, c.explicit = places.governing(p_lo, n.start, a_lo, a_hi)
            else:
                c.places, c.explicit = list(host.places), host.explicit
            # a part in a later sentence may say when it holds ("Năm 2023, … bình chọn 25 mô hình")
            own_date = _as_of(text, lo_n, n.start, doc.published) if host.sent != si else None
            c.as_of = own_date or host.as_of
            parts[c.category] = parts.get(c.category, 0) + c.value
            paren = text.find("(", c.end, min(next_num, c.end + _PAREN_REACH))
            if paren >= 0 and not c.elliptical:
                close = text.find(")", paren, hi)
                sub = (c, close if close >= 0 else hi)
            # "Trong đó có 31 mô hình tập thể và 12 mô hình cá nhân; …, công nhận 9 mô hình": parts
            # that make up their total close its breakdown; later counts are counts of their own
            if _complete(host, parts):
                open_at, parts, closed_at = None, {}, c.end
        else:
            c.places, c.explicit = places.governing(lo_n, n.start, a_lo, a_hi)
            if not c.explicit:
                # "Huyện Yên Thành là địa phương dẫn đầu. Năm 2023, có 46 mô hình …": the unit an
                # earlier sentence of the paragraph opens with
                topic = places.topic(doc, si)
                if topic is not None:
                    c.places = [topic]
            c.as_of = _as_of(text, lo_n, n.start, doc.published)
            if c.as_of is None:  # "công nhận 40 mô hình “Dân vận khéo” năm 2022"
                m_year = lex.as_of_after.match(text, a_lo, a_hi)
                c.as_of = m_year.group("year") if m_year else None
            if c.category not in ("increase", "target"):
                host, open_at, parts = c, None, {}
                c.colon_at = _colon_after(text, c.end, hi)
                # "Trong số 350 mô hình đăng ký, có 120 mô hình được công nhận": a pool opens its parts
                c_lo = _clause_start(text, lo_n, n.start)
                if lex.pool_open_re.search(text, c_lo, n.start) or lex.pool_initial_re.fullmatch(text, c_lo, n.start):
                    open_at = c.end
        out.append(c)
    return out, host


def _complete(host: _Cand, parts: dict[str, int]) -> bool:
    """Whether the parts of one family (collective and individual, new and maintained, fields)
    found so far (their sums per category) add up to their total."""
    return any(all(k in parts for k in fam) and sum(parts[k] for k in fam) == host.value
               for fam in _FAMILIES + (("by_field",),))


def _finish(doc: ArticleText, cands: list[_Cand]) -> tuple[list[Count], list[Check]]:
    """Ratios take their total's place; repeated counts merge; records and sum checks."""
    text = doc.text
    # "1.274/2.011 mô hình": the place of the count of 2.011
    totals: dict[int, _Cand] = {}
    for t in cands:
        if t.of_total is None:
            totals.setdefault(t.value, t)
    for c in cands:
        if c.of_total is not None:
            tot = totals.get(c.of_total)
            if tot is not None:
                c.places = list(tot.places)
                c.as_of = c.as_of or tot.as_of
    # a repeated count whose sentence names no place is the count named before
    first: dict[tuple, _Cand] = {}
    for c in cands:
        k = (c.value, c.category, c.qualifier, c.unit, c.part_of)
        prev = first.setdefault(k, c)
        if prev is not c and not c.explicit and c.zone not in _REPEATS:
            c.places = list(prev.places)
    # one record per place (distributive lists), then merge repeats
    items: list[tuple[_Cand, PlaceRef | None]] = []
    for c in cands:
        for p in (c.places or [None]):
            items.append((c, p))
    merged: list[tuple[_Cand, PlaceRef | None, list[tuple[int, int]]]] = []

    def key(c: _Cand, p: PlaceRef | None):
        return (c.value, c.qualifier, c.unit, c.category, c.field, c.part_of, c.of_total, p.name if p else None)

    body = [(c, p) for c, p in items if c.zone not in _REPEATS]
    title = [(c, p) for c, p in items if c.zone in _REPEATS]
    index: dict[tuple, int] = {}

    def add(c: _Cand, p: PlaceRef | None) -> None:
        k = key(c, p)
        if k in index:
            merged[index[k]][2].append((c.start, c.end))
        else:
            index[k] = len(merged)
            merged.append((c, p, [(c.start, c.end)]))

    for c, p in body:
        add(c, p)
    for c, p in title:  # a headline count repeats one of the body
        same = next((m for m in merged if m[0].value == c.value and m[0].qualifier == c.qualifier
                     and m[0].unit == c.unit), None)
        if same is not None:
            same[2].append((c.start, c.end))
        else:
            add(c, p)
    records = []
    for c, p, mentions in merged:
        mentions = sorted(set(mentions))
        try:
            records.append(Count(value=c.value, qualifier=c.qualifier, unit=c.unit, category=c.category,
                                 field=c.field, part_of=c.part_of, of_total=c.of_total, locality=p,
                                 as_of=c.as_of, level=c.level, text=text[c.start:c.end], span=(c.start, c.end),
                                 mentions=mentions, rule=c.rule))
        except ValueError as exc:
            doc.warn(f"counts: dropped {text[c.start:c.end]!r}: {exc}")
    return records, _checks(doc, cands)


#: Categories whose parts together make the whole of their total.
_FAMILIES = (("collective", "individual"), ("new", "maintained"))


def _checks(doc: ArticleText, cands: list[_Cand]) -> list[Check]:
    """A sum check per breakdown whose parts are all given; a mismatch also warns."""
    out = []
    hosts: dict[int, _Cand] = {}
    parts: dict[int, list[_Cand]] = {}
    for c in cands:
        if c.host is not None:
            hosts[id(c.host)] = c.host
            parts.setdefault(id(c.host), []).append(c)
    for hid, ps in parts.items():
        host = hosts[hid]
        groups: list[list[_Cand]] = []
        for fam in _FAMILIES:
            g = [p for p in ps if p.category in fam]
            if {p.category for p in g} == set(fam):
                groups.append(g)
        g = [p for p in ps if p.category == "by_field"]
        if len(g) >= 2:
            groups.append(g)
        # "cấp tỉnh 215 mô hình, cấp xã 3.000 mô hình": one part per tier
        g = [p for p in ps if p.level is not None and p.level_before]
        if len(g) >= 2 and len({p.level for p in g}) == len(g):
            groups.append(g)
        for g in groups:
            total = sum(p.value for p in g)
            ok = total == host.value
            span = (host.start, max(p.end for p in g))
            out.append(Check(kind="sum", total=host.value, parts=[p.value for p in g],
                             status="ok" if ok else "mismatch", span=span))
            if not ok:
                doc.warn(f"counts: parts {[p.value for p in g]} sum to {total}, not the total {host.value} "
                         f"at {span[0]}")
    return out
