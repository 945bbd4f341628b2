"""Places: every administrative unit an article names, resolved to the gazetteer; the main locality.

Steps (each a small function below):

1. **find** — one scan of the lower-case text finds where a level or body word starts, and
   the full patterns are tried only there (likewise runs and route heads: issue 24). A
   level word and a name (``huyện Na Rì``), a party or state body and its place
   (``Tỉnh ủy Nghệ An``, ``Thành ủy TP HCM``), the names that share one level word
   (``các huyện Na Rì, Bạch Thông, Ngân Sơn``) and a parent in brackets
   (``xã Tam Quang (Tương Dương)``); after a counted level word (``6 xã: A, B và C``) every
   listed name is a unit. A name is a run of capitalised syllables; its extent is
   the longest prefix the gazetteer knows at that level (so ``xã Tân Lập Lương Văn Hòa``
   is Tân Lập), else the run cut before a family name.
2. **context** — the article's province: outlet (``patterns/outlets.yaml``), headline and
   mention weight.
3. **resolve** — each name is looked up in :mod:`extractor.gazetteer` by tone_key (then
   without tones only where the spelling is compatible: "Dak Nông" is Đắk Nông, "Tam Thuận"
   is not Tam Thuấn; then with old syllable spellings: "Bắc Cạn") and
   narrowed by its own hierarchy: bracketed or following parents, districts named in the
   article, the article's province, the kind its level word names. A name that stays
   ambiguous keeps no code and adds a warning: never a confident wrong code.
4. **bare names** — capitalised runs without a level word: a province name anywhere, a
   district of the article's province, a unit already named with its level word, or the
   communes and districts listed alone in a bracket (``(ở Bình Phục, Bình Giang)``), unless
   the name is inside an organisation or a thing (``Báo Bắc Giang``, ``đường Chi Lăng``) or
   a person's name (``hội viên Trần Thái Bình``).
5. **records** — one :class:`~extractor.record.Locality` per (level, name) with every mention
   ``[start, end)`` of the name in ``doc.text``, and the :class:`MainLocality`. An
   unresolved unit's province is given only where known, never guessed from the article.
"""
from __future__ import annotations

import logging
import re

from ...record import Locality, MainLocality
from ...text.segment import ArticleText
from .bare import _bare
from .find import _find, _lower, _routes, _scan
from .lexicon import REORG_DATE, compile_lexicon, compile_squashed_provinces, tone_key
from .locality import _main_locality, _records
from .resolve import _context, _resolve, _resolve_all

__all__ = ["REORG_DATE", "compile_lexicon", "compile_squashed_provinces", "extract_places", "tone_key"]

log = logging.getLogger(__name__)


def extract_places(doc: ArticleText) -> tuple[list[Locality], MainLocality | None]:
    """Every administrative unit the article names, and the place it is about.

    Args:
        doc: the segmented article (its ``outlet``, ``title``, ``published`` and content zones are read).

    Returns:
        The localities in order of first mention, and the main locality (None when the
        article names no province and its outlet has none).

    >>> from extractor.text.segment import ArticleText, Zone, ZoneKind
    >>> t = "Người dân xã Tam Quang (Tương Dương) mở rộng hành lang giao thông."
    >>> locs, main = extract_places(ArticleText(t, [Zone(ZoneKind.body, 0, len(t))]))
    >>> [(x.level, x.name, x.province, x.code) for x in locs]
    [('commune', 'Tam Quang', 'Nghệ An', '16933'), ('district', 'Tương Dương', 'Nghệ An', '418')]
    """
    try:
        lex = doc.rules.compiled(compile_lexicon)
        low = _lower(doc.text)
        scans = _scan(doc, lex, low)
        routes = _routes(doc, lex, scans)
        found = _find(doc, lex, routes, low, scans)
        ctx = _context(doc, found, lex)
        _resolve_all(doc.text, found, ctx)
        bare = _bare(doc, found, ctx, lex, routes)
        for m in bare:
            _resolve(m, doc.text, ctx, [])
        found = sorted(found + bare, key=lambda x: x.start)
        locs = _records(doc, found, ctx)
        return locs, _main_locality(doc, locs, found, ctx)
    except (ValueError, KeyError, IndexError, re.error) as exc:  # odd input: warn, return nothing
        doc.warn(f"places: {type(exc).__name__}: {exc}")
        return [], None
