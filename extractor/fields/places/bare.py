"""Step 4 of places, **bare names**: unit names without a level word, accepted only
where the context makes them places."""
from __future__ import annotations

import re

from ... import gazetteer as gz
from ...text.segment import ArticleText, ZoneKind
from .find import _org_before, _thing
from .lexicon import _SP, MAX_NAME_SYLLABLES, RUN, Lexicon, _respelt, _syl_key, tone_key
from .mention import _Context, _in, _Mention, _Taken, _tokens

#: A name or number and a dash closing a window: one hop back along a route.
_HOP = re.compile(rf"(?:{RUN}|\d+[A-Z]?){_SP}*[-–]{_SP}*$")


def _thing_before(text: str, start: int, lex: Lexicon) -> bool:
    """Whether a thing head stands before the name, across "X - " route hops
    ("cao tốc Bắc Giang - Lạng Sơn", "quốc lộ Hà Nội - Lạng Sơn")."""
    pos = start
    for _ in range(3):
        if _thing(text, pos, lex):
            return True
        hop = _HOP.search(text[max(0, pos - 40):pos])
        if not hop:
            return False
        pos = max(0, pos - 40) + hop.start()
    return False


def _bare(doc: ArticleText, found: list[_Mention], ctx: _Context, lex: Lexicon,
          routes: list[tuple[int, int]]) -> list[_Mention]:
    """Unit names without a level word, accepted only where the context makes them places."""
    g = lex.g
    text = doc.text
    taken = _Taken(len(text), [(m.start, m.end) for m in found] + routes)
    known_local: dict[str, str] = {}  # tone_key(name) -> level, of units named with a level word
    for m in found:
        if m.final_level in ("commune", "district") and (m.unit or m.final_level == "commune"):
            known_local.setdefault(tone_key(m.name), m.final_level)
    provs = ctx.provinces()
    main = ctx.main()
    out: list[_Mention] = []
    bracket_parents: dict[int, str] = {}
    bracketed = _bracket_items(text, lex, ctx, bracket_parents)
    memo = lex.bare_runs
    find_start, match_run = lex.run_start.search, lex.run_re.match
    for z in doc.content():
        in_title = z.kind == ZoneKind.title
        zend = z.end
        c = find_start(text, z.start, zend)
        while c:  # run_re.finditer, tried only where a run may start (find._matches inlined)
            s = c.start()
            r = match_run(text, s, zend)
            if r is None:
                c = find_start(text, s + 1, zend)
                continue
            e = r.end()  # the whole match is the name (the look-behind is empty)
            c = find_start(text, max(e, s + 1), zend)
            run = text[s:e]
            info = memo.get(run, _UNSEEN)
            if info is _UNSEEN:
                info = _run_info(run, lex)
                if len(memo) > gz.MEMO_SIZE:
                    memo.clear()
                memo[run] = info
            if info is None or taken.overlaps(s, e):
                continue
            skip, key, static, named = info
            listed = bracketed.get(s) if named else None
            if not static and key not in known_local and not listed:
                continue  # one memo look-up per run; the look-ups below only around hits
            toks = _tokens(text, s, e)[skip:]
            s = toks[0][0]
            cand = text[s:toks[-1][1]]
            hit = None
            if g.lookup(cand, "province"):
                hit = (toks[-1][1], "province", "place.bare.province")
            elif key in known_local:
                hit = (toks[-1][1], known_local[key], "place.bare.known")
            else:
                ds = [u for u in g.lookup(cand, "district") if u.era == gz.PRE2025]
                if ds and len(toks) > 1 and (listed == "district" or any(
                        tone_key(u.province) in provs or _in(g, u, main or "-") for u in ds)):
                    hit = (toks[-1][1], "district", "place.bare.district")
                elif listed == "commune":
                    hit = (toks[-1][1], "commune", "place.bare.bracket")
            if hit is None or tone_key(text[s:hit[0]]) in lex.not_bare:
                continue
            if lex.person_re.search(text, max(0, s - 25), s) or _thing_before(text, s, lex):
                continue
            if _org_before(text, s, lex, strict=False):
                continue
            if text[hit[0]:hit[0] + 2] in ("-", " -", " –") and hit[1] == "province":
                nxt = lex.run_re.match(text, hit[0] + 3)
                if nxt and g.lookup(nxt.group("name"), "province"):
                    continue  # "Hà Nội - Lạng Sơn": a route between two provinces
            hints = [("province", bracket_parents[s])] if s in bracket_parents else []
            out.append(_Mention(s, hit[0], hit[1], None, hit[2], in_title, hints=hints, bare=True))
            taken.add(s, hit[0])
    return out


_UNSEEN = object()


def _run_info(run: str, lex: Lexicon) -> tuple[int, str, bool, bool] | None:
    """What a capitalised run says of itself, the same in every article (kept in
    ``lex.bare_runs``): None when it can be no bare name (a number, too long), else the
    openers to skip ("Tại"), its tone_key, whether it may be a place whatever the article
    (a province or district name, a dash, a respelt syllable), and whether it names a
    commune or district (a bracket may list it)."""
    g = lex.g
    words = run.split()
    skip = 0
    while skip < len(words) and words[skip] in lex.openers:
        skip += 1
    if not words[skip:] or not words[skip][0].isalpha() or len(words) - skip > MAX_NAME_SYLLABLES:
        return None  # "Sau 3 lần": a number is a unit name only after its level word
    key = " ".join(_syl_key(w) for w in words[skip:])
    districts = g.keys("district")
    static = key in g.keys("province") or key in districts or "-" in run or "–" in run \
        or _respelt(words[skip:], lex)
    return skip, key, static, key in g.keys("commune") or key in districts


def _bracket_items(text: str, lex: Lexicon, ctx: _Context, hints: dict[int, str]) -> dict[int, str]:
    """Levels of the names of a bracket that holds only names, by start ("(ở Bình An, Bình
    Phú và Bình Hòa)", "(Lâm Sơn)", "(Dĩ An, Bình Dương)"): where something was done, named
    without a level word. A district of a province the bracket names is a district. Communes
    are taken up to the last one that lies in the article's district or province (the names
    after it are its parents); the ones before it need only be communes somewhere. The
    province of a bracketed district goes to ``hints``."""
    g = lex.g
    out: dict[int, str] = {}
    for b in lex.bracket_re.finditer(text):
        items = [(r.start("name"), r.group("name")) for r in lex.run_re.finditer(text, b.start("names"), b.end("names"))]
        provs = {tone_key(u.name) for _, n in items for u in g.lookup(n, "province")}
        for s, n in items:
            for u in g.lookup(n, "district", era=gz.PRE2025):
                if tone_key(u.province) in provs:
                    out[s] = "district"
                    hints[s] = u.province
        local = [s not in out and _local_commune(g, n, ctx) for s, n in items]
        last = max((i for i, x in enumerate(local) if x), default=-1)
        for s, n in items[:last + 1]:  # "(Phù Lưu, Mỹ Đức, Hà Tây)": parents close the list
            if s not in out and " " in n and g.known(n, "commune"):
                out[s] = "commune"
    return out


def _local_commune(g: gz.Gazetteer, name: str, ctx: _Context) -> bool:
    """Whether exactly one commune so named lies in a district the article names, or else
    in the article's province (the era of the article's date)."""
    era = gz.ERA_2025 if ctx.post2025 else gz.PRE2025
    cands = [u for u in g.lookup(name, "commune") if u.era == era or not ctx.dated]
    near = [u for u in cands if u.district_code in ctx.districts]
    main = ctx.main()
    return len(near) == 1 or (not near and bool(main) and sum(1 for u in cands if _in(g, u, main)) == 1)

