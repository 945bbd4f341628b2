"""Personal names: runs of capitalised syllables opened by a family name, and their edges."""
from __future__ import annotations

from dataclasses import dataclass

from .lexicon import MAX_NAME, _Lexicon, tone_key
from .tokens import _is_cap, _is_cap_phrase, _match_phrase, _Tok


@dataclass
class _Mention:
    kind: str              # "hon", "role", "title", "bare", "pron"
    start: int             # start of the mention (honorific or title)
    end: int               # end of the name (or of the pronoun)
    name: str | None
    name_start: int
    title: str | None = None
    honorific: str | None = None


def _split_run(run: list[_Tok], after_level: bool, lex: _Lexicon) -> int | None:
    """Index in ``run`` (capitalised tokens after a title) where the personal name starts.

    A known unit name at the front (``Hà Nội``, ``Tân Lập``) is a place, not a name; then
    the first family name that leaves 2–4 syllables opens the name. ``None``: no name.
    """
    n = len(run)
    for k in range(n - 2, 0, -1):  # longest place prefix that leaves a name of 2+ syllables
        if k == 1 and tone_key(run[0].text) in lex.family:
            continue  # "Phan Văn Khải": a one-syllable "place" that is a family name opens the name
        if tone_key(" ".join(t.text for t in run[:k])) in lex.places and tone_key(run[k].text) in lex.family:
            return k
    c = _match_phrase(run, 0, lex.countries, 4)
    if c and n - c >= 2:  # "Tổng thống Pháp Emmanuel Macron": the country belongs to the title
        return c
    if tone_key(" ".join(t.text for t in run)) in lex.places:
        return None
    for k in range(n):
        if tone_key(run[k].text) in lex.family and 2 <= n - k <= 4:
            if after_level and k == 0 and n >= 4:
                continue  # "xã Hà Lâm Nguyễn Văn A": the place comes first
            return k
    for k in range(n):  # two-syllable minority names ("Y Moan"), five-syllable Ê Đê names
        if tone_key(run[k].text) in lex.family and 2 <= n - k <= MAX_NAME and k == 0:
            return k
    return None


def _lexicon_break(toks: list[_Tok], j: int, lex: _Lexicon) -> bool:
    """Whether a title or body starts at token ``j`` (so a name before it ends there).

    A one-syllable body or head that is also a given name (``Phòng``, ``Sở``) only counts
    when a capitalised word follows it (``Phòng Văn hóa``), not at the end of a name.
    """
    if toks[j].low not in lex.break_first:
        return False
    n = max(_match_phrase(toks, j, lex.heads, lex.max_phrase), _match_phrase(toks, j, lex.bodies, lex.max_phrase))
    if n >= 2:  # "Văn phòng" is a body, "Văn Phòng" in "Hoàng Văn Phòng" a name
        return not _is_cap_phrase(toks, j, n) or " ".join(t.text for t in toks[j:j + n]) in lex.cased
    return n == 1 and j + 1 < len(toks) and _is_cap(toks[j + 1]) and toks[j + 1].start == toks[j].end + 1


def _name_run(toks: list[_Tok], i: int, lex: _Lexicon) -> int:
    """Length of the run of capitalised name syllables starting at token ``i``."""
    j = i
    while j < len(toks) and j - i < MAX_NAME + 3:
        t = toks[j]
        if not _is_cap(t) or (j == i and t.low in lex.not_names):
            break
        if j > i and (_lexicon_break(toks, j, lex) or t.low in lex.breakers.first and _match_phrase(toks, j, lex.breakers, 2)):
            break  # "… Hoa Theo thông tin", "… Quyết Ông Nghĩa": the next clause, not the name
        if j > i and toks[j - 1].end != t.start - 1:  # names are single-spaced
            break
        j += 1
    return j - i


#: Level words after which a capitalised run opens with a place name.
def _clause_edge(toks: list[_Tok], j: int, lex: _Lexicon) -> bool:
    """Whether token ``j`` ends the words before it: punctuation, the end, a speech verb or an
    adverb (so a one-syllable name before it is not the first syllable of a word)."""
    if j >= len(toks) or not toks[j].text[:1].isalpha():
        return True
    return toks[j].low in lex.adverbs or bool(lex.verb_re.match(" ".join(t.low for t in toks[j:j + 3])))


def _in_place(toks: list[_Tok], i: int, lex: _Lexicon) -> bool:
    """Whether the capitalised token ``i`` is inside a known unit name with its neighbours."""
    for a in (0, 1, 2):
        for b in (1, 2):
            if i - a < 0 or i + b >= len(toks) or a + b < 1:
                continue
            span = toks[i - a:i + b + 1]
            if all(_is_cap(x) for x in span) and tone_key(" ".join(x.text for x in span)) in lex.places:
                return True
    return False


def _after_ranks(toks: list[_Tok], j: int, lex: _Lexicon, ranked: bool = False) -> int:
    """Index after the ranks (and their fields) that follow token ``j - 1``.

    ``Đại tá``, ``PGS-TS``, ``PGS. TS``, ``giáo sư luật``, ``Tiến sĩ Kinh tế``: ranks may be
    chained by ``.``/``-`` and a rank may name its field; neither is part of the name.
    """
    while j < len(toks):
        k = j + 1 if toks[j].text in ".-–" and _match_phrase(toks, j + 1, lex.ranks, 3) else j
        n = _match_phrase(toks, k, lex.ranks, 3)
        if not n:
            break
        j, ranked = k + n, True
    if ranked:
        d = _match_phrase(toks, j, lex.disciplines, 4)
        if d and j + d < len(toks) and _is_cap(toks[j + d]):
            j += d
    return j


# -- titles after a name ------------------------------------------------------------------

def _loose_names(toks: list[_Tok], lex: _Lexicon) -> list[_Mention]:
    """Full names (3–4 capitalised syllables opened by a family name) wherever they stand."""
    out: list[_Mention] = []
    caps = [(c := t.text[:1]).isupper() and c.isalpha() for t in toks]  # _is_cap, once per token
    n = len(toks)
    i = 0
    while i < n:
        if not caps[i]:
            i += 1
            continue
        j = i + 1
        while j < n and caps[j] and toks[j - 1].end == toks[j].start - 1:
            j += 1
        run = toks[i:j]
        k = _split_run(run, False, lex) if len(run) >= 3 else None
        if k is not None and 3 <= len(run) - k <= 4:  # "… Cảng hàng không Điện Biên Phủ Bùi Đình Oanh"
            words = " ".join(x.text for x in run[k:])
            if tone_key(words) not in lex.places and not any(x.low in lex.breakers for x in run[k:]):
                out.append(_Mention("bare", run[k].start, run[-1].end, words, run[k].start))
        i = j
    return out


