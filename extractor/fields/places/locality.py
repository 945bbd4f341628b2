"""Step 5 of places, **records**: one Locality per (level, name), and the main locality."""
from __future__ import annotations

from collections import Counter, defaultdict

from ... import gazetteer as gz
from ...record import Locality, MainLocality
from ...text.segment import ArticleText
from .lexicon import tone_key
from .mention import _Context, _in, _Mention


def _records(doc: ArticleText, found: list[_Mention], ctx: _Context) -> list[Locality]:
    """One Locality per (level, name), mentions merged, the best resolution kept."""
    g = ctx.g
    groups: dict[tuple[str, str], list[_Mention]] = defaultdict(list)
    for m in found:
        if m.final_level is None:
            continue
        groups[(m.final_level, tone_key(m.name))].append(m)
    main = ctx.main()
    out: list[Locality] = []
    ambiguous: list[str] = []
    unknown: list[str] = []
    for (level, _), ms in groups.items():
        units = Counter(m.unit for m in ms if m.unit)
        unit = units.most_common(1)[0][0] if units else None
        first = ms[0]
        loc = Locality(name=next(m.name for m in ms if m.unit == unit) if unit else first.name, level=level,
                       mentions=sorted({(m.start, m.end) for m in ms}), rule=first.rule)
        if unit:
            loc.code, loc.code_era = unit.code, unit.era
            loc.province, loc.province_code = unit.province, unit.province_code
            if level == "commune":
                loc.district, loc.district_code = unit.district, unit.district_code
            if level == "province":
                loc.province, loc.province_code = None, None
            loc.current_province = unit.current_province
        else:
            if any(m.ambiguous for m in ms):
                ambiguous.append(f"{level} {loc.name}")
            elif level != "village":
                unknown.append(f"{level} {loc.name}")
            parent = _parent_of(g, ms, groups, main)
            if level != "province":
                loc.province = parent
        out.append(loc)
    if ambiguous:
        doc.warn("places: ambiguous, left without code: " + "; ".join(sorted(set(ambiguous))))
    if unknown and not ctx.post2025:
        doc.warn("places: not in the gazetteer, left without code: " + "; ".join(sorted(set(unknown))))
    out.sort(key=lambda x: x.mentions[0][0] if x.mentions else 0)
    return out


def _parent_of(g: gz.Gazetteer, ms: list[_Mention], groups: dict, main: str | None) -> str | None:
    """Province of an unresolved unit where known: a bracketed or chained province, the
    province of its resolved parent, or the one province all its candidates lie in; never
    a guess from the article's province ("xã San Sả Hồ" in a paper of Hồ Chí Minh)."""
    for m in ms:
        for _, h in m.hints:
            pv = g.lookup(h, "province")
            if pv:
                return pv[0].name
        for _, h in m.hints:  # "ấp Tân Bình, xã Tấn Mỹ, Chợ Mới": the resolved commune's province
            for lvl in ("commune", "district"):
                u = next((x.unit for x in groups.get((lvl, tone_key(h)), []) if x.unit), None)
                if u:
                    return u.province
        for _, h in m.hints:
            for u in g.lookup(h, "district"):
                if main and _in(g, u, main):
                    return u.province
    shared = {m.province for m in ms if m.province}
    return shared.pop() if len(shared) == 1 else None


def _main_locality(doc: ArticleText, locs: list[Locality], found: list[_Mention], ctx: _Context) -> MainLocality | None:
    """The place the article is about: its province, and a district or commune its headline names."""
    main = ctx.main()
    if main is None:
        return None
    g = ctx.g
    era = gz.ERA_2025 if ctx.post2025 else gz.PRE2025
    prov_units = g.lookup(main, "province", era=gz.PRE2025) or g.lookup(main, "province")
    pu = prov_units[0] if prov_units else None
    out = MainLocality(province=pu.name if pu else main, province_code=pu.code if pu else None,
                       current_province=pu.current_province if pu else None)
    if era == gz.ERA_2025:
        new = g.lookup(main, "province", era=gz.ERA_2025)
        if new:
            out.province_code = new[0].code
    title = [m for m in found if m.in_title and m.unit and m.unit.level in ("district", "commune")
             and _in(g, m.unit, out.province or "-")]
    for m in title:
        u = m.unit
        if u.level == "district" and out.district is None:
            out.district, out.district_code = u.name, u.code
        if u.level == "commune" and out.commune is None:
            out.commune, out.commune_code = u.name, u.code
            if u.district and out.district is None:
                out.district, out.district_code = u.district, u.district_code
    if not any(m.in_title for m in found) and not doc.title:
        # no headline: a district that most sub-province mentions are about
        subs = [m for m in found if m.unit and m.unit.level in ("district", "commune") and _in(g, m.unit, main)]
        ds = Counter(m.unit.district_code for m in subs if m.unit.district_code)
        n_prov = sum(1 for m in found if m.final_level == "province")
        if ds:
            code, n = ds.most_common(1)[0]
            if n >= 3 and n >= 0.6 * sum(ds.values()) and n > n_prov:
                d = g.by_code.get((gz.PRE2025, "district", code))
                if d:
                    out.district, out.district_code = d.name, d.code
    return out

