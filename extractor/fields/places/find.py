"""Step 1 of places, **find**: level-word, body, list and bracket mentions, routes, and
what a name before or after a mention says about it."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ... import gazetteer as gz
from ...text.norm import fold
from ...text.segment import ArticleText, Zone, ZoneKind
from .lexicon import _DASH_NAME, _LOWER, MAX_NAME_SYLLABLES, REORG_DATE, Lexicon, _fkey, _syl_key, tone_key
from .mention import _in, _known, _Mention, _Taken, _tokens


def _cut_name(text: str, s: int, e: int, level: str, lex: Lexicon,
              strict: bool = False) -> tuple[int, int] | None:
    """The extent of a unit name inside the run ``text[s:e]``: the longest known prefix, or
    (for names the gazetteer lacks) the run cut before a family name, numbers dropped.

    A number ends a name ("thôn 2", "Mỹ Đình 1") and is no unit number before a quantity
    word ("phường 2 năm nay"); a hamlet's syllables have two letters or more ("bản E giá
    500 triệu" is a version), and with ``strict`` are spelt as Vietnamese syllables.
    """
    g = lex.g
    toks = _tokens(text, s, e)
    if not toks:
        return None
    if text[s:e] in g.aliases_surface:
        return s, e
    toks = _name_tokens(text, toks, level, lex, strict)
    if not toks:
        return None
    e = toks[-1][1]
    slip = lex.slip_re.match(text, e)
    if slip and slip.group("w") not in lex.slip_stops:
        ext = toks + [(slip.start("w"), slip.end("w"))]
        if level == "village" and len(toks) <= 3:
            return s, ext[-1][1]  # "thôn Quảng hồng, xã Quảng Lạc": a lower-case slip
        if len(ext) <= MAX_NAME_SYLLABLES and _known(g, text[s:ext[-1][1]], level):
            return s, ext[-1][1]
    for n in range(min(len(toks), MAX_NAME_SYLLABLES), 0, -1):
        if _known(g, text[s:toks[n - 1][1]], level):
            if n == 1 and _name_goes_on(text, toks, lex):
                break  # "xã Đông Dư" is no "xã Đông" the gazetteer lacks "Đông Dư"
            return s, toks[n - 1][1]
    keep = list(toks)
    for i in range(1, len(toks)):
        tail = [text[a:b] for a, b in toks[i:]]
        if tone_key(tail[0]) in lex.family and 2 <= len(tail) <= 4 and all(len(w) > 1 and not w.isdigit() for w in tail) \
                and (i > 1 or len(tail) > 2):  # "làng Kon Kơ Tu": one syllable and two is one name
            keep = toks[:i]  # "xã Tân Lập Lương Văn Hòa": a person's name follows the place
            break
    while keep and text[keep[-1][0]:keep[-1][1]].isdigit() and len(keep) > 1:
        keep.pop()
    if not keep or len(keep) > 4:
        return None
    first = tone_key(text[keep[0][0]:keep[0][1]])
    two = tone_key(text[keep[0][0]:keep[1][1]]) if len(keep) > 1 else ""
    if first in lex.stops or two in lex.stops:
        return None
    if any(tone_key(text[keep[0][0]:keep[n][1]]) in lex.regions for n in range(min(len(keep), 4))):
        return None  # "khu Bắc Trung Bộ", "các huyện Tây Nguyên": a region, no unit
    if first in lex.family and len(keep) >= 3:
        return None  # "Chủ tịch UBND xã Lương Văn Hòa": the commune's officer, not a unit
    if text[keep[0][0]:keep[0][1]].isdigit() and level not in ("district", "commune"):
        return None
    if level in ("city", "province"):
        return None  # "TP. Ảnh:", "thành phố New York": provinces and cities must be known
    if level in ("district", "commune") and len(keep) == 1 and not text[keep[0][0]:keep[0][1]].isdigit():
        return None  # "quận Meram", "xã Anh": unit names the gazetteer lacks have two syllables or more
    return keep[0][0], keep[-1][1]


def _name_goes_on(text: str, toks: list[tuple[int, int]], lex: Lexicon) -> bool:
    """Whether the syllables after a one-syllable unit name carry the name on: capitalised
    syllables that are no number, no person's name and no unit of their own."""
    rest = text[toks[1][0]:toks[min(len(toks), 4) - 1][1]] if len(toks) > 1 else ""
    if not rest or not rest[0].isalpha():
        return False
    words = rest.split()
    if len(words) > 1 and tone_key(words[0]) in lex.family and tone_key(words[0]) not in lex.middle:
        return False  # "xã Đông Nguyễn Văn An": a person's name (two syllables or more) follows
    g = lex.g
    return not any(g.known(rest, lv) for lv in ("province", "district", "commune"))


def _name_tokens(text: str, toks: list[tuple[int, int]], level: str, lex: Lexicon,
                 strict: bool) -> list[tuple[int, int]]:
    """The tokens of a run that may belong to a unit name (see :func:`_cut_name`)."""
    for i, (a, b) in enumerate(toks):
        if text[a].isdigit():  # a number closes the name: "bản G 642 Triệu" stops at 642
            toks = toks[:i + 1]
            if lex.numfollow_re.match(text, b):  # "phường 2 năm", "UBND phường 25 triệu đồng"
                toks = toks[:i]
            break
    if level != "village":
        return toks
    keep: list[tuple[int, int]] = []
    for a, b in toks:
        w = text[a:b]
        if len(w) == 1 and keep:  # "Sô Ma Lơng B": a letter closes a hamlet's name
            keep.append((a, b))
            break
        if not w[0].isdigit() and (len(w) < 2 or strict and not _viet_syllable(w)):
            break  # "bản E", "khu Zaanse Schans"
        keep.append((a, b))
    return keep


@functools.lru_cache(maxsize=4096)
def _viet_syllable(word: str) -> bool:
    """Whether a capitalised word is spelt as one Vietnamese syllable ("Huổi", not "Tanah")."""
    return bool(_SYLLABLE.fullmatch(fold(word)))


#: Onset, vowel nucleus and final of a Vietnamese syllable (folded: no tones, lower case):
#: spelling, not a rule file, so one module constant.
_SYLLABLE = re.compile(r"""
    (?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?   # onset
    [aăâeêioôơuưy]{1,3}                                         # nucleus (glides included)
    (?:ch|ng|nh|[cmnpt])?                                       # final
""", re.VERBOSE)


def _sentence_start(text: str, pos: int, zone_start: int) -> bool:
    """Whether ``pos`` opens a sentence, a line, a quotation or a bracket."""
    before = text[zone_start:pos].rstrip()
    return not before or before[-1] in ".!?:;\n\"“”'(-–…"


def _level_blocked(text: str, start: int, lex: Lexicon) -> bool:
    return bool(lex.blocker_re.search(text, max(0, start - 20), start))


#: A word (no space, no punctuation) or one punctuation mark, as _org_before walks back.
_WORD_OR_MARK = re.compile(r"[^\s,.;:()\"“”]+|[,.;:()\"“”]")
#: A hyphen right before a lower-case letter: a name ends inside a hyphenated word.
_HYPHEN_LOWER = re.compile(rf"[-–][{_LOWER}]")


def _org_before(text: str, start: int, lex: Lexicon, strict: bool) -> bool:
    """Whether the name at ``start`` is inside an organisation's or a thing's name.

    Walks back over the words before it within the phrase (capitalised words, acronyms,
    numbers, hyphens and up to a few lower-case words that are no preposition or verb) and
    looks for an organisation head ("Trường THPT Chợ Đồn", "Bệnh viện Đa khoa Nghệ An"). With
    ``strict`` (a place after its level word) lower-case words count only after the heads
    whose names go on in lower case ("Bệnh viện đa khoa tỉnh X", "Trường tiểu học xã X").
    """
    window = text[max(0, start - 80):start]
    words = _WORD_OR_MARK.findall(window)
    chain: list[str] = []
    lower = 0
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if not w[0].isalnum() and w not in ("-", "–"):
            break
        if w[0].isupper() or w.isdigit() or w in ("-", "–"):
            chain.append(w)
            continue
        if lower >= (5 if strict else 7):
            break
        key = _syl_key(w)  # one token: its tone_key
        if key in lex.org_breaks or i and f"{_syl_key(words[i - 1])} {key}" in lex.org_breaks:
            break
        lower += 1
        chain.append(w)
    chain.reverse()
    caps = 0
    while caps < len(chain) and (chain[-1 - caps][0].isupper() or chain[-1 - caps].isdigit()):
        caps += 1
    if caps:  # "báo Pháp Luật TP.HCM": a thing head before a capitalised name chain
        lead = len(" ".join(chain[-caps:]))
        at = window.rfind(chain[-caps], 0, max(0, len(window) - lead + len(chain[-caps])))
        if at >= 0 and _thing(window, at, lex):
            return True
    for i in range(len(chain)):
        for n in (1, 2, 3):
            if i + n > len(chain):
                break
            head = " ".join(chain[i:i + n])
            if head not in lex.org_heads and (n == 1 or head[:1].upper() + head[1:] not in lex.org_lower):
                continue  # "bệnh viện tâm thần Hà Nội"; one lower-case word is no head ("thị trường")
            if strict and head not in lex.org_lower and any(w[0].islower() for w in chain[i + n:]):
                continue  # "Hội viên Giải ... tại xã X": only some names go on in lower case
            return True
    return False


def _zones(doc: ArticleText) -> list:
    """The content zones (the whole text when the article has none)."""
    zones = doc.content() or []
    if not zones and doc.text:
        zones = [Zone(ZoneKind.body, 0, len(doc.text))]
    return zones


def _lower(text: str) -> str | None:
    """The same-length lower-case copy of a text, or None when lowering changes its length."""
    low = text.lower()
    return low if len(low) == len(text) else None


#: Per zone (start, end): where a level or body word may start, and where a route head does.
Scans = dict[tuple[int, int], tuple[list[int], list[int]]]


def _scan(doc: ArticleText, lex: Lexicon, low: str | None) -> Scans | None:
    """One scan of each zone's lower-case copy for every level word, body word and route
    head (``scan_re``); each position is then sorted to the lexicons that start there by an
    anchored match. None when the text changes length when lowered."""
    if low is None:
        return None
    out: Scans = {}
    for z in _zones(doc):
        cands: list[int] = []
        heads: list[int] = []
        end = z.end
        c = lex.scan_re.search(low, z.start, end)
        while c:
            s = c.start()
            if lex.cand_re.match(low, s, end):
                cands.append(s)
            if lex.route_start.match(low, s, end):
                heads.append(s)
            c = lex.scan_re.search(low, s + 1, end)
        out[(z.start, end)] = (cands, heads)
    return out


def _routes(doc: ArticleText, lex: Lexicon, scans: Scans | None) -> list[tuple[int, int]]:
    """Spans of the dash-joined names after a route head ("tuyến đường TP.HCM - Cần Thơ"):
    the ends of a road, a line or a match, not mentions of the places."""
    out = []
    for z in _zones(doc):
        if not _DASH_NAME.search(doc.text, z.start, z.end):
            continue  # a route joins two names by a dash
        if scans is None:
            ms = list(lex.route_re.finditer(doc.text, z.start, z.end))
        else:  # route_re tried at each head, after the end of the last route (as finditer)
            ms, free = [], z.start
            for s in scans[(z.start, z.end)][1]:
                if s >= free:
                    m = lex.route_re.match(doc.text, s, z.end)
                    if m:
                        ms.append(m)
                        free = max(m.end(), s + 1)
        for m in ms:
            out.append((m.start("chain"), m.end("chain")))
    return out


def _find(doc: ArticleText, lex: Lexicon, routes: list[tuple[int, int]], low: str | None,
          scans: Scans | None) -> list[_Mention]:
    """Level-word, body, list and bracket mentions in the content zones, in text order."""
    g = lex.g
    text = doc.text
    found: list[_Mention] = []
    group = 0
    post2025 = bool(doc.published and doc.published[:10] >= REORG_DATE)
    taken = _Taken(len(text), routes)
    for z in _zones(doc):
        in_title = z.kind == ZoneKind.title
        hits = _hits(text, low, z.start, z.end, lex, scans[(z.start, z.end)][0] if scans is not None else None)
        for _, m, how in hits:
            if taken.overlaps(m.start("name"), m.end("name")):
                continue
            if how == "level":
                rid, level, kind = lex.level_of.get(_fkey(m.group("lw")).rstrip("."), (None, None, None))
                if rid is None:
                    rid, level, kind = lex.level_of.get(_fkey(m.group("lw")), ("place.lw", "village", None))
                if _level_blocked(text, m.start("lw"), lex):
                    continue
                lw = m.group("lw")
                if level == "village" and lw[0].isupper() and not _sentence_start(text, m.start(), z.start):
                    continue  # "Hoa đào Bản Cao": a capitalised hamlet word mid-sentence is a name
            else:
                rid, level = lex.body_of[_fkey(m.group("body"))]
                kind = None
            cut = _cut_name(text, m.start("name"), m.end("name"), level, lex, strict=rid in lex.strict_name)
            if cut is None:
                continue
            if how == "level" and level != "village" and text[cut[0]:cut[1]].isdigit() and \
                    _fkey(m.group("lw")) not in lex.numbered:
                continue  # "cấp huyện 412 mô hình": only quận and phường are numbered
            if (how == "body" or rid in lex.known_only) and not _known(g, text[cut[0]:cut[1]], level):
                continue  # "Tỉnh ủy Bắc Hoàng Duy Chính": a body followed by no unit
            if how == "level" and level in ("district", "commune") and not _known(g, text[cut[0]:cut[1]], level) \
                    and g.known(text[cut[0]:cut[1]], "province"):
                level, kind = "province", None  # "12 quận nội thành Hà Nội": the districts of a province
            if _hyphen_word(text, cut[1]):
                continue  # "các huyện An Mê-slép": a foreign word split at its hyphen
            if rid in lex.abbrev and not _abbrev_name(g, text[cut[0]:cut[1]], level):
                continue  # "Ảnh: H. Tâm", "Taraji P. Henson": an initial, not "H.Bình Chánh"
            if level == "village" and tone_key(text[cut[0]:cut[1]].replace("-", " ")) in lex.ethnic:
                continue  # "bản Mông", "làng Ba Na": a hamlet of a people
            if rid in lex.strict_name and _thing(text, m.start(), lex):
                continue  # "thủy điện bản Vẽ", "đường khu A": a thing named after a place
            if how == "level" and _org_before(text, m.start(), lex, strict=True):
                continue
            group += 1
            plural = how == "level" and bool(lex.count_re.search(text, max(0, m.start() - 20), m.start()))
            first = _Mention(cut[0], cut[1], level, kind, rid, in_title, group=group)
            members = [first]
            pos = cut[1]
            while True:  # names sharing the level word
                c = lex.cont_re.match(text, pos, z.end)
                if not c:
                    break
                nc = _cut_name(text, c.start("name"), c.end("name"), level, lex, strict=rid in lex.strict_name)
                if nc is None or nc[1] != c.end("name") and level == "village":
                    break
                name = text[nc[0]:nc[1]]
                if level == "village" and tone_key(name.replace("-", " ")) in lex.ethnic:
                    break
                peek = lex.cont_re.match(text, nc[1], z.end)
                role = _list_role(g, members[-1], text, name, level, text[first.start:first.end], post2025,
                                  peek.group("name") if peek else None, plural)
                if role == "stop":
                    break
                if role == "parent":
                    first.hints.append((None, name))
                    members.append(_Mention(nc[0], nc[1], _parent_level(g, text, members[-1], name, post2025), None,
                                            "place.parent.list", in_title, group=-1))
                    pos = nc[1]
                    c = lex.cont_re.match(text, pos, z.end)  # "xã Tấn Mỹ, Chợ Mới, An Giang"
                    if c and members[-1].level == "district" and _known(g, c.group("name"), "province"):
                        first.hints.append((None, c.group("name")))
                        members[-1].hints.append(("province", c.group("name")))
                        members.append(_Mention(c.start("name"), c.end("name"), "province", None,
                                                "place.parent.list", in_title, group=-1))
                        pos = c.end("name")
                    break
                members.append(_Mention(nc[0], nc[1], level, kind, "place.list", in_title, group=group))
                pos = nc[1]
            p = lex.paren_re.match(text, pos, z.end)
            if p:
                for lwg, ng in (("lw", "name"), ("lw2", "name2")):
                    if not p.group(ng):
                        continue
                    plevel = None
                    if p.group(lwg):
                        plevel = lex.level_of.get(_fkey(p.group(lwg)).rstrip("."),
                                                  lex.level_of.get(_fkey(p.group(lwg)), (None, None, None)))[1]
                    pname = text[p.start(ng):p.end(ng)]
                    if plevel is None:
                        plevel = _parent_level(g, text, members[-1], pname, post2025)
                    if plevel is None:
                        continue
                    first.hints.append((plevel if plevel != "city" else None, pname))
                    members.append(_Mention(p.start(ng), p.end(ng), plevel, None, "place.parent.bracket",
                                            in_title, group=-1))
            for mm in members:
                taken.add(mm.start, mm.end)
            found.extend(members)
    found.sort(key=lambda x: x.start)
    _chain_parents(text, found, lex)
    return found


def _matches(rx: re.Pattern[str], where: re.Pattern[str], text: str, scan: str,
             start: int, end: int) -> Iterator[re.Match[str]]:
    """``rx.finditer(text, start, end)``, with ``rx`` tried only where ``where`` matches in
    ``scan`` (``text`` or its same-length lower-case copy): one fast scan, then full matches."""
    c = where.search(scan, start, end)
    while c:
        s = c.start()
        m = rx.match(text, s, end)
        if m:
            yield m
        c = where.search(scan, max(m.end(), s + 1) if m else s + 1, end)


def _hits(text: str, low: str | None, start: int, end: int, lex: Lexicon,
          cands: list[int] | None) -> list[tuple[int, re.Match[str], str]]:
    """The matches of ``level_re`` and ``body_re`` in ``text[start:end]`` exactly as their
    ``finditer`` would give them, in text order (a level word before a body at one place).

    The one scan of the lower-case copy ``low`` (:func:`_scan`) found where a level or body
    word starts (``cands``); the full patterns are tried only there (``cands`` None: the text
    changes length when lowered).
    """
    hits: list[tuple[int, re.Match[str], str]] = []
    if low is None or cands is None:
        hits = [(m.start(), m, "level") for m in lex.level_re.finditer(text, start, end)]
        hits += [(m.start(), m, "body") for m in lex.body_re.finditer(text, start, end)]
    else:
        free = {"level": start, "body": start}  # finditer goes on after the end of a match
        for s in cands:
            if not (s and (low[s - 1].isalnum() or low[s - 1] == "_")):
                for how, rx in (("level", lex.level_re), ("body", lex.body_re)):
                    if s >= free[how]:
                        m = rx.match(text, s, end)
                        if m is None and how == "level" and lex.count_re.search(text, max(0, s - 20), s):
                            m = lex.colon_re.match(text, s, end)
                        if m:
                            hits.append((s, m, how))
                            free[how] = max(m.end(), s + 1)
    hits.sort(key=lambda h: (h[0], h[2] != "level"))
    return hits


def _thing(text: str, pos: int, lex: Lexicon) -> bool:
    """Whether a thing head ("đường", "sông", "báo") stands right before ``pos``."""
    m = lex.thing_re.search(text, max(0, pos - 25), pos)
    return bool(m) and not m.group("no")


def _hyphen_word(text: str, end: int) -> bool:
    """Whether a name ends inside a hyphenated word ("An Mê-slép", "Hà Nội-style")."""
    return bool(_HYPHEN_LOWER.match(text, end, end + 2))


def _abbrev_name(g: gz.Gazetteer, name: str, level: str) -> bool:
    """Whether a name after a dotted abbreviation is a unit: a number, or a gazetteer name
    of two syllables or more."""
    return name[:1].isdigit() or (" " in name.strip() and _known(g, name, level))


_ORDER = {"village": 0, "commune": 1, "district": 2, "city": 2, "province": 3}


def _parent_level(g: gz.Gazetteer, text: str, child: _Mention, name: str, post2025: bool = False) -> str | None:
    """Level of a parent named after a unit without its own level word, or None. A name of
    both a province and its chief town is the town only where the unit lies in that town
    before 2025 ("phường Cốc Lếu, Lào Cai"); else the province ("thị trấn Sa Pa, Lào Cai")."""
    above = {"village": ("commune", "district", "province"), "commune": ("district", "province"),
             "district": ("province",), "city": ("province",), "province": ()}[child.level]
    exact = [lvl for lvl in above if g.known(name, lvl)]
    if "province" in exact or not exact and "province" in above and _known(g, name, "province"):
        key = tone_key(name)
        if "district" in above and not post2025 and any(
                tone_key(u.district or "") == key for u in g.lookup(text[child.start:child.end], child.level)):
            return "district"
        return "province"
    for lvl in above:
        if _known(g, name, lvl):
            return lvl
    return None


def _list_role(g: gz.Gazetteer, prev: _Mention, text: str, name: str, level: str, lead: str, post2025: bool = False,
               after: str | None = None, plural: bool = False) -> str:
    """Whether a name after a listed unit is a sibling ("xã Hữu Kiên, Chăn Nưa"), the
    unit's parent ("huyện Gia Viễn, Ninh Bình"; "xã Tân Lập, Bắc Sơn"), or neither;
    ``lead`` is the name right after the level word ("TP HCM, Long An, Tiền Giang"), ``after``
    the name listed after this one; after a counted level word (``plural``: "hai phường A và
    B", "các xã A, B") every name that is no parent is a sibling."""
    prev_name = text[prev.start:prev.end]
    key = tone_key(name)
    if level == "province" or (level == "city" and any(u.kind == "Thành phố" for u in g.lookup(lead, "province"))):
        return "sibling" if _known(g, name, "province") else "stop"  # "TP.HCM và Hà Nội"
    if g.known(name, "province"):
        return "parent"
    if level == "village":
        return "parent" if (g.known(name, "commune") or g.known(name, "district")) else "sibling"
    for u in g.lookup(prev_name, "district" if level == "city" else level):
        if key in (tone_key(u.district or ""), tone_key(u.province or "")):
            return "parent"
    if level == "commune" and not post2025 and after and any(
            _in(g, u, after) for u in g.lookup(name, "district", era=gz.PRE2025)):
        return "parent"  # "xã Đông Dư, Gia Lâm, Hà Nội": a district of the province named next
    if _known(g, name, level):
        return "sibling"
    if _parent_level(g, text, prev, name, post2025):
        return "parent"
    return "sibling" if plural else "stop"


def _chain_parents(text: str, found: list[_Mention], lex: Lexicon) -> None:
    """A unit followed by a higher one ("xã Tân Lập, huyện Bắc Sơn, tỉnh Lạng Sơn") takes it as parent."""
    for i, m in enumerate(found):
        prev = m
        for n in found[i + 1:i + 4]:
            gap = text[prev.end:n.start]
            if len(gap) > 12 or not lex.chain_re.search(gap) or "\n" in gap:
                break
            lm, ln = _ORDER.get(m.level, 0), _ORDER.get(n.level, 0)
            if ln <= lm:
                break
            m.hints.append((n.level if n.level != "city" else None, text[n.start:n.end]))
            prev = n

