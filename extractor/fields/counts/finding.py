"""The counts stage: candidates per sentence, their breakdown links, places and dates."""
from __future__ import annotations

import bisect
import logging
import re

from ...record import Check, Count, Locality, MainLocality
from ...text.numbers import NumberMention, find_numbers
from ...text.segment import ArticleText, Sentence
from ..prefilter import holds_any, squeezed
from .categories import (
    _INHERITED,
    _about_movement,
    _after_window,
    _Cand,
    _category,
    _clause_start,
    _colon_after,
    _level,
    _verb_category,
)
from .checks import _complete, _finish
from .lexicon import _key, _Lex, compile_counts
from .place import _Places

log = logging.getLogger(__name__)

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


# -- as_of -------------------------------------------------------------------------------------

def _as_of(text: str, lo: int, pos: int, published: str | None, lex: _Lex) -> str | None:
    """When a count holds, from the words of its sentence before it."""
    best: tuple[int, str | None] | None = None
    for rx, kind, _rid in lex.as_of:
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

def _thing_at(text: str, num: NumberMention, hi: int, lex: _Lex) -> tuple[str, int] | None:
    m = lex.thing_re.match(text, num.end, hi)
    if not m:
        return None
    return lex.thing_of.get(_key(m.group("t")), "mô hình"), m.end()


def _thing_first(text: str, num: NumberMention, lo: int, hi: int, lex: _Lex) -> tuple[str, int, str] | None:
    """A count whose thing comes first ("số mô hình duy trì là 1.150", "nâng tổng số mô hình
    lên 410"): (unit, evidence start, category), or None.

    The number must not be followed by a unit of its own (a thing, a percent, a multiplier)."""
    if num.percent or num.multiplier > 1 or num.denominator is not None:
        return None
    if re.match(r"\s*[^\W\d_]", text[num.end:num.end + 2]) and not re.match(
            r"\s*(?:[,;:()\[\].!?…]|và\b|trong\b)", text[num.end:min(hi, num.end + 8)]):
        return None                             # "số mô hình lên 410 hộ": another unit
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


def _part_at(text: str, num: NumberMention, hi: int, lex: _Lex) -> tuple[str, int] | None:
    m = lex.part_re.match(text, num.end, hi)
    if not m:
        return None
    return lex.part_of.get(_key(m.group("t")), "collective"), m.end()


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
    lex = doc.rules.compiled(compile_counts)
    low = squeezed(text)
    if low is not None and not holds_any(low, lex.thing_words):  # one cheap pass: no thing word
        return [], []
    if not lex.thing_re.search(text):   # no "mô hình"/"điển hình" anywhere: nothing to count
        return [], []
    places = _Places(doc, localities, locality, lex)
    cands: list[_Cand] = []
    prev_host: _Cand | None = None
    idle = 0  # sentences without a count since prev_host's (captions, a sentence about one model)
    for si, sent in enumerate(doc.sentences):
        try:
            sent_cands, host = _sentence(doc, si, sent, places, prev_host, lex, adjacent=idle == 0)
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
    if cands and not (_about_movement(text, lex) if about_movement is None else about_movement):
        cands = [c for c in cands if c.movement or (c.host is not None and c.host.movement)]
    records, checks = _finish(doc, cands)
    return records, checks


def _sentence(doc: ArticleText, si: int, sent: Sentence, places: _Places,
              prev_host: _Cand | None, lex: _Lex, adjacent: bool = True) -> tuple[list[_Cand], _Cand | None]:
    """Count candidates of one sentence, with breakdown links; returns the last host too."""
    text = doc.text
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
        thing = _thing_at(text, n, hi, lex)
        part = None if thing else _part_at(text, n, hi, lex)
        first = None if thing or part else _thing_first(text, n, lo_n if prev_end is None else max(lo_n, prev_end), hi, lex)
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
            c.category, c.field, c.rule = _category(text, c, lo_n, hi, next_num, prev_end, lex)
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
        c.verb_category = _verb_category(text, _clause_start(text, lo_n, n.start), n.start, lex)
        if (c.rule == "count.cat.total" and prev is not None and prev.verb_category is not None
                and prev.category == prev.verb_category and prev.a_end >= 0
                and re.fullmatch(r"\s*[,;]?\s*(?:và\s+)?", text[prev.a_end:n.start])):
            c.category, c.rule, c.verb_category = prev.category, "count.cat.list", prev.category
        if not c.elliptical:
            c.level, c.level_before = _level(text, c, lo_n, a_lo, a_hi, lex)
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
            own_date = _as_of(text, lo_n, n.start, doc.published, lex) if host.sent != si else None
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
            c.as_of = _as_of(text, lo_n, n.start, doc.published, lex)
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
