"""The place a count holds for: place mentions and level words before or after it, a
paragraph's topic unit, the article's main place."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ...record import Locality, MainLocality, PlaceRef
from ...text.segment import ArticleText
from .lexicon import _key, _Lex

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

    def __init__(self, doc: ArticleText, localities: list[Locality], main: MainLocality | None, lex: _Lex):
        self.doc = doc
        self.lex = lex
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
        lex = self.lex
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
            if lex.level_subject_lead_re.search(pre) and not lex.level_list_end_re.search(pre):
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
            ends = {m.end() for rx in (self.lex.topic_open_re, self.lex.topic_fronted_re)
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
        addressee = self.lex.addressee_re
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
            if self.lex.distributive_re.search(between) and last.level_word is None:
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
        agent = self.lex.agent_re
        after = [h for h in after if not agent.search(text, max(after_lo, h.start - 40), h.start)]
        if after:
            after.sort(key=lambda h: h.start)
            return [self.resolve(after[0])], True
        return [self.main_ref()], False
