"""The lexicons of ``patterns/counts.yaml`` compiled into the regexes of the counts stage."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...rules import Rules
from ...text import chars
from ...text.numbers import alternation, tone_variants
from ..levels import compile_level_words
from ..prefilter import key_phrases


@dataclass(frozen=True)
class _Lex:
    thing_words: tuple[str, ...]  # a text holding a thing holds one of these (prefilter)
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
    topic_open_re: re.Pattern      # a sentence opening with the unit it is about ("Về xã Hoa Thành, …")
    topic_fronted_re: re.Pattern   # … after a fronted phrase ("Giai đoạn 2021-2025, xã Hoa Thành …")
    level_list_end_re: re.Pattern  # the text before ends a list of level words ("các quận, ")


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


def compile_counts(rules: Rules) -> _Lex:
    """The lexicons of ``patterns/counts.yaml`` (the movement's names from their home,
    ``models.yaml`` ``movement_names``) compiled into the regexes of the counts stage."""
    pf = rules.file("counts")
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
    names = rules.file("models").section("movement_names")
    movement_names_re = re.compile(r"(?<![\w])" + alternation(
        [p for r in names if (r.data or {}).get("full_name") or (r.data or {}).get("short_name") for p in r.phrases])
        + r"(?![\w])", re.IGNORECASE)
    movement_words_re = re.compile(r"(?<![\w])" + alternation(
        [p for r in names if (r.data or {}).get("word") for p in r.phrases]) + r"(?![\w])", re.IGNORECASE)
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
    thing_words = key_phrases(v for r in things for p in r.phrases for v in tone_variants(p))
    return _Lex(thing_words, thing_re, thing_of, part_re, part_of, attached, after, before, total_re, subject_re, field_re,
                field_of, field_after_re, field_before_re, field_attached_re, field_lead_re, plural_re, marker_re,
                marker_start_re, distributive_re, as_of, level_re, level_of, pool_open_re, mixed_subject_re,
                thing_first_re, agent_re, movement_names_re, movement_words_re, int(mv["min_words"]),
                re.compile(mv["list_before"]), re.compile(mv["list_after"]),
                re.compile(mv["thing_names"], re.IGNORECASE), level_subject_re, level_subject_lead_re,
                addressee_re, count_level_re, count_level_of, target_re, pool_initial_re, as_of_after,
                *_level_patterns(rules))


def _level_patterns(rules: Rules) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The patterns of counts that read level words (from places.yaml, through fields/levels)."""
    lw = rules.compiled(compile_level_words)
    unit = (r"(?:(?:Về|Tại|Ở|Riêng|Còn|Đối với|Với)\s+)?(?:"
            + chars.alt(lw.units + lw.abbreviations + lw.villages, what="level words") + r"\s+)?")
    return (re.compile(r"\s*[\"“]?" + unit, re.IGNORECASE),
            re.compile(r"\s*[\"“]?[^,.;:!?\n]{1,30},\s*" + unit, re.IGNORECASE),
            re.compile(chars.alt(lw.units, what="level words") + r"\s*,\s*$", re.IGNORECASE))
