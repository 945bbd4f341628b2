"""Steps 2 and 3 of places, **context** and **resolve**: the article's province, and
each mention's unit in the gazetteer."""
from __future__ import annotations

from collections import defaultdict

from ... import gazetteer as gz
from ...text.segment import ArticleText
from .lexicon import REORG_DATE, W_CHILD, W_MENTION, W_OUTLET, W_TITLE, Lexicon, tone_key
from .mention import _Context, _display, _in, _known, _Mention


def _outlet_province(outlet: str | None, lex: Lexicon) -> str | None:
    """Province of an outlet: the table, else a province name inside the domain (baoXXX.vn,
    XXX.gov.vn, XXX.dcs.vn, hoinongdanXXX.org.vn)."""
    if not outlet:
        return None
    dom = outlet.casefold().removeprefix("www.")
    if dom in lex.outlets:
        return lex.outlets[dom]
    if dom in lex.national:
        return None
    for d, prov in lex.outlets.items():
        if dom.endswith("." + d):
            return prov
    labels = [x for x in dom.split(".") if x not in ("vn", "com", "org", "net", "gov", "info", "dcs", "edu")]
    squashed = lex.squashed
    for lab in reversed(labels):
        for key, prov in squashed.items():
            if lab == key or lab == "bao" + key or (len(key) >= 6 and (lab.endswith(key) or lab.startswith(key))):
                return prov
    return None


def _context(doc: ArticleText, found: list[_Mention], lex: Lexicon) -> _Context:
    """Vote for the article's province: outlet, headline, mentions (districts count half)."""
    g = lex.g
    ctx = _Context(g, post2025=bool(doc.published and doc.published[:10] >= REORG_DATE), dated=bool(doc.published))
    ctx.outlet_province = _outlet_province(doc.outlet, lex)
    ctx.vote(ctx.outlet_province, W_OUTLET)
    for m in found:
        name = doc.text[m.start:m.end]
        w = W_TITLE if m.in_title else W_MENTION
        if m.level in ("province", "city"):
            prov = g.lookup(name, "province")
            if prov and (m.level == "province" or prov[0].kind == "Thành phố"):
                ctx.vote(prov[0].name, w)
                continue
        if m.level in ("district", "city"):
            ds = g.lookup(name, "district")
            provs = {u.province for u in ds}
            if len(provs) == 1:
                ctx.vote(provs.pop(), W_TITLE if m.in_title else W_CHILD)
    return ctx


def _narrow(cands: list[gz.Unit], steps: list) -> list[gz.Unit]:
    """Apply filters in order, each only where it leaves at least one candidate."""
    for keep in steps:
        if len(cands) <= 1:
            break
        kept = [u for u in cands if keep(u)]
        if kept:
            cands = kept
    return cands


def _resolve(m: _Mention, text: str, ctx: _Context, hint_units: list[gz.Unit]) -> None:
    """Find the unit of one mention (sets ``unit``, ``final_level``, ``ambiguous``, ``name``)."""
    g = ctx.g
    name = text[m.start:m.end]
    level = m.level
    if level == "city":
        prov = g.lookup(name, "province")
        # "TP HCM, Long An, Tiền Giang": a province listed after a city is a province
        level = "province" if any(u.kind == "Thành phố" for u in prov) or (
            prov and not g.known(name, "district")) else "district"
    m.final_level = level
    m.name = _display(name)
    if level == "village":
        return
    cands = g.lookup(name, level) or (g.lookup(name, level, loose=True) if " " in name.strip() else [])
    if not cands:
        return
    main = ctx.main()
    provs = ctx.provinces()
    era = gz.ERA_2025 if ctx.post2025 else gz.PRE2025
    hints = [h for _, h in m.hints]
    steps = [
        lambda u: u.era == era if ctx.dated else True,  # units in force when the article was written
        lambda u: all(_in(g, u, h, same_era=True) for h in hints) if hints else True,
        lambda u: all(_in(g, u, h) for h in hints) if hints else True,
        lambda u: any(_in(g, u, h, same_era=True) for h in hints) if hints else True,
        lambda u: any(_in(g, u, h) for h in hints) if hints else True,
        lambda u: u.kind == m.kind if m.kind else True,
        lambda u: any(h.key == u.key or (h.level == "district" and u.district_code == h.code and u.era == h.era)
                      for h in hint_units),
        lambda u: u.district_code in ctx.districts if u.level == "commune" else True,
        lambda u: bool(main) and _in(g, u, main),
        lambda u: any(tone_key(x or "") in provs for x in (u.province, u.current_province)),
    ]
    known_hints = [h for h in hints if _known(g, h, "province") or _known(g, h, "district")]
    if known_hints and not any(_in(g, u, h) for u in cands for h in known_hints):
        m.ambiguous = True  # "xã Hòa Xuân, huyện Chư Dút, Đăk Nông": no such unit in its parents
        m.name = cands[0].name
        return
    if name.strip()[:1].isdigit():
        steps = steps[:7]  # "Phường 1" recurs in dozens of towns: only its own parents place it
    cands = _narrow(cands, steps)
    if len(cands) > 1:
        same = {(u.level, tone_key(u.name), u.current_province) for u in cands}
        if len(same) == 1 and len({u.era for u in cands}) == len(cands):  # one unit in two eras
            cands = sorted(cands, key=lambda u: u.era != era)[:1]
    if len(cands) != 1:
        m.ambiguous = True
        m.name = cands[0].name
        provinces = {u.province for u in cands if u.era == cands[0].era}
        m.province = provinces.pop() if len(provinces) == 1 and len({u.era for u in cands}) == 1 else None
        return
    u = cands[0]
    if level == "commune" and provs and not hints and not any(
            tone_key(x or "") in provs for x in (u.province, u.current_province)) and u.district_code not in ctx.districts:
        m.ambiguous = True  # a lone match outside the article's places: likely another unit
        m.name = u.name
        return
    m.unit = u
    iy = tone_key(name) != tone_key(u.name) and tone_key(gz.swap_iy(name)) == tone_key(u.name)
    m.name = _display(name) if iy else u.name  # "Phú Quý" as written, not the gazetteer's "Phú Quí"


def _resolve_all(text: str, found: list[_Mention], ctx: _Context) -> None:
    """Resolve mentions from the highest level down, so districts narrow their communes."""
    by_group: dict[int, list[_Mention]] = defaultdict(list)
    for m in found:
        by_group[m.group].append(m)
    for m in found:  # siblings share the parents found for their list
        if m.group > 0:
            lead = by_group[m.group][0]
            if lead is not m:
                m.hints = list(lead.hints)
    resolved: dict[str, set[gz.Unit]] = defaultdict(set)  # the units of the names resolved so far
    for lvl in ("province", "city", "district", "commune", "village"):
        for m in found:
            if m.level == lvl:
                hint_units = [u for h in {h for _, h in m.hints} for u in resolved.get(h, ())]
                _resolve(m, text, ctx, hint_units)
                if m.unit:
                    resolved[text[m.start:m.end]].add(m.unit)
                if m.unit and m.unit.level == "district" and m.unit.era == gz.PRE2025:
                    ctx.districts.setdefault(m.unit.code, []).append(m.start)
