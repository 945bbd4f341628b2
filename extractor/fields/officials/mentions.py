"""Mentions of people in one sentence: honorific, role, rank or title chain before a name."""
from __future__ import annotations

import re

from ...text.segment import Sentence
from .lexicon import _BARE_OPENERS, _QUANTIFIERS, _Lexicon, tone_key
from .names import _after_ranks, _clause_edge, _in_place, _Mention, _name_run, _split_run
from .titles import _clean_title, _name_tail, _title_end
from .tokens import _is_cap, _is_cap_phrase, _match_phrase, _Tok, _tokens


def _title_chain(text: str, toks: list[_Tok], i: int, lex: _Lexicon) -> _Mention | None:
    """A title at token ``i`` followed by its body, place and a name."""
    n_head = _match_phrase(toks, i, lex.heads, lex.max_phrase)
    if not n_head or not (_is_cap(toks[i]) or " ".join(t.low for t in toks[i:i + n_head]) in lex.lower_heads):
        return None
    j = i + n_head
    run: list[_Tok] = []
    after_level = False
    while j < len(toks):
        t = toks[j]
        n = (_match_phrase(toks, j, lex.bodies, lex.max_phrase) or _match_phrase(toks, j, lex.heads, lex.max_phrase)
             or _match_phrase(toks, j, lex.title_words, lex.max_phrase)) if t.low in lex.chain_first else 0
        if n == 1 and _is_cap(t) and tone_key(t.text) in lex.family and j + 1 < len(toks) and _is_cap(toks[j + 1]) \
                and not _match_phrase(toks, j + 1, lex.bodies, lex.max_phrase):
            n = 0  # "Đoàn Văn Hiếu": a family name, not the title word "đoàn"
        if n and _is_cap(t) and (after_level and not run or run and n == 1 and t.low in lex.levels) \
                and " ".join(x.text for x in toks[j:j + n]) not in lex.cased:
            run.append(t)  # "tỉnh Sóc Trăng", "xã Bản Lầu": a capitalised level word there is a place name
            j += 1
            continue
        if n and not (run and _is_cap(t) and t.low not in lex.title_words and not _is_cap_phrase(toks, j, n)):
            if run:  # a body after a run: the run was part of the title ("Ban Dân vận Tỉnh ủy")
                run = []
            after_level = " ".join(x.low for x in toks[j:j + n]) in lex.levels
            j += n
            continue
        if _is_cap(t) and (t.low not in lex.not_names or run and t.low in lex.given_hon):
            run.append(t)  # "… Bùi Quang Anh": a given name that is also an honorific ends the name
            j += 1
            continue
        if len(run) == 1 and t.text.isalpha() and _name_tail(toks, j, lex):
            run = []  # "Trưởng ban Nội chính Tỉnh ủy …", "Cục trưởng Thú y …": a body's proper word
            j += 1
            continue
            j += 1
            continue
        if t.text in "()&-–" and not run:
            j += 1
            continue
        break
    if not run:
        return None
    # the run stops at the first non-capitalised token; trailing tokens belong to the name
    k = _split_run(run, after_level, lex)
    if k is None:
        if len(run) == 1 and not after_level and tone_key(run[0].text) not in lex.places \
                and run[0].low not in lex.countries and run[0].text.upper() != run[0].text and _clause_edge(toks, j, lex):
            k = 0  # "Bí thư Thăng cho biết": a title and a given name (not "Trưởng phòng Quản lý")
        else:
            return None
    name_toks = run[k:]
    if len(name_toks) >= 2 and " ".join(t.low for t in name_toks[-2:]) in lex.countries:
        return None  # "… Công ty Đầu tư Vàng Việt Nam": a personal name never ends on a country
    title = _clean_title(text, toks[i].start, run[:k], name_toks[0].start, lex)
    return _Mention("title", toks[i].start, name_toks[-1].end, " ".join(t.text for t in name_toks),
                    name_toks[0].start, title=title)


def _candidates(toks: list[_Tok], lex: _Lexicon) -> list[int]:
    """Indices of the tokens that may open a mention, in order: a lexicon word (``starters``:
    the first words of honorifics, roles, ranks and title heads), or a capitalised family name
    opening the sentence or a clause (after ``,;:(-–“"``) -- a bare name. Any other token opens
    nothing, so :func:`_mentions` reads only these (one comprehension over the tokens)."""
    keys, starters, family = lex.candidate_keys, lex.starters, lex.family
    n = len(toks)
    out = [0] if n and _is_cap(toks[0]) and tone_key(toks[0].text) in family else []
    for k in [k for k, t in enumerate(toks) if t[3] in keys]:  # t[3]: t.low, read in one comprehension
        t = toks[k]
        if t.low in starters:
            out.append(k)
        if (t.text in _BARE_OPENERS or t.low == "va") and k + 1 < n and _is_cap(toks[k + 1]) \
                and tone_key(toks[k + 1].text) in family:
            out.append(k + 1)
    return sorted(set(out))


def _mentions(text: str, toks: list[_Tok], lex: _Lexicon) -> list[_Mention]:
    """Every mention of a person in one sentence's tokens, in order."""
    out: list[_Mention] = []
    starters = lex.starters
    cands = _candidates(toks, lex)
    ci = i = 0
    while True:
        while ci < len(cands) and cands[ci] < i:
            ci += 1
        if ci == len(cands):
            break
        i = cands[ci]
        t = toks[i]
        low = t.low  # a lexicon is matched only where its first words hold the token (no call otherwise)
        n_hon = _match_phrase(toks, i, lex.honorifics, 4) if low in lex.honorifics.first else 0
        if n_hon and _is_cap(t) and i > 0 and _is_cap(toks[i - 1]) and toks[i - 1].end == t.start - 1 \
                and " ".join(x.low for x in toks[i:i + n_hon]) in lex.given_hon:
            n_hon = 0  # "Quỳnh Anh", "Tuấn Anh": the last syllable of a given name
        if n_hon and _is_cap(t) and _in_place(toks, i, lex):
            n_hon = 0  # "Hai Bà Trưng", "Bà Rịa", "Cầu Ông Lãnh": a place, not an honorific
        n_role = _match_phrase(toks, i, lex.roles, 3) if low in lex.roles.first else 0
        n_rank = _match_phrase(toks, i, lex.ranks, 3) if low in lex.ranks.first else 0
        if n_rank and _is_cap(t) and i > 0 and _is_cap(toks[i - 1]) and toks[i - 1].end == t.start - 1 \
                and toks[i - 1].low in lex.title_words:
            n_rank = 0  # "Hội Nhà báo", "Đoàn Luật sư": a word of an organisation's name
        if n_rank > max(n_hon, n_role):  # "Bác sĩ" is a rank, not the kin word "bác"
            n_hon = n_role = 0
        elif n_role > n_hon:  # "hội viên", "người dân"
            n_hon = n_rank = 0
        else:
            n_role = n_rank = 0
        n = n_hon or n_role or n_rank
        if n:
            j = _after_ranks(toks, i + n, lex, ranked=bool(n_rank))
            run = _name_run(toks, j, lex)
            c = _match_phrase(toks, j, lex.countries, 4) if run > 2 else 0
            if c and c < run and _name_run(toks, j + c, lex) >= 2:
                j, run = j + c, run - c  # "luật sư Nga Irina Petrova": the nationality is not the name
            if run and n_role and tone_key(toks[j].text) not in lex.family and (
                    not _is_cap(t) or i > 0 and toks[i - 1].text == ","):
                run = 0  # "cứu hộ Myanmar …": a role (not opening a sentence) only before a family name
            if run and tone_key(toks[j].text) not in lex.family and _match_phrase(toks, j, lex.heads, lex.max_phrase):
                run = 0  # "Đồng chí Bí thư Tỉnh ủy đề nghị": a title, not a name, after the honorific
            if run and len(toks[j].text) > 1 and toks[j].text.isupper():
                run = 0  # "Thành viên HĐQT …": an abbreviation opens a body, not a name
            if run >= 2 and " ".join(x.low for x in toks[j:j + run]) in lex.countries:
                run = 0  # "nhà báo Việt Nam": a nationality, not a name (but "bà Nga" is a name)
            if run:
                name_toks = toks[j:j + run]
                kind = "role" if n_role else "hon"
                m = _Mention(kind, t.start, name_toks[-1].end, " ".join(x.text for x in name_toks),
                             name_toks[0].start, honorific=" ".join(x.text for x in toks[i:i + n]))
                out.append(_with_titles_before(text, toks, i, m, out, lex) if kind == "hon" else m)
                i = j + run
                continue
            elif n_hon and _pronoun_at(toks, i, n, lex):
                out.append(_Mention("pron", t.start, toks[i + n - 1].end, None, t.start,
                                    honorific=" ".join(x.text for x in toks[i:i + n])))
                i += n
                continue
        m = _title_chain(text, toks, i, lex) if (_is_cap(t) or low in starters) and low in lex.heads.first else None
        if m:
            out.append(_with_titles_before(text, toks, i, m, out, lex))
            i = next(k for k in range(i, len(toks)) if toks[k].end >= m.end) + 1
            continue
        if _is_cap(t) and tone_key(t.text) in lex.family and (i == 0 or toks[i - 1].text in _BARE_OPENERS or toks[i - 1].low == "va"):
            run = _name_run(toks, i, lex)
            words = " ".join(x.text for x in toks[i:i + run])
            if 3 <= run <= 4 and tone_key(words) not in lex.places:
                bare = _Mention("bare", t.start, toks[i + run - 1].end, words, t.start)
                out.append(_with_titles_before(text, toks, i, bare, out, lex))
                i += run
                continue
        i += 1
    return [m for k, m in enumerate(out) if not _in_appositive(text, out[k - 1] if k else None, m)]


#: Most comma-joined title segments taken before a title chain or an honorific.
MAX_CHAIN_SEGMENTS = 4
#: Longest title segment before a title chain, in tokens.
MAX_SEGMENT_TOKENS = 20


def _with_titles_before(text: str, toks: list[_Tok], i: int, m: _Mention, out: list[_Mention],
                        lex: _Lexicon) -> _Mention:
    """``m`` (a mention starting at token ``i``) with the comma-joined title segments before
    it: ``Ủy viên Ban Thường vụ, Trưởng ban …, Chủ tịch … <Name>``, ``Chủ tịch UBND xã, ông
    <Name>``. Each segment opens with a capitalised title head at a clause edge and is a title
    chain to its comma; a segment that follows another person's name is that person's title."""
    b = probe = i
    seps = ",-–" if m.kind == "bare" else ","  # "Phó Chủ tịch UBND xã A, huyện B - Võ Văn C cho biết"
    for _ in range(MAX_CHAIN_SEGMENTS):
        if probe < 2 or toks[probe - 1].text not in seps or len(toks[probe - 1].text) != 1:
            break
        seps = ","
        k = probe - 2
        while k > 0 and probe - k < MAX_SEGMENT_TOKENS and toks[k - 1].text not in ",;:(“\"":
            k -= 1
        if k > 0 and toks[k - 1].text not in ",;:(“\"":
            break
        if toks[k].low in lex.levels and k + 1 < probe - 1 and _is_cap(toks[k + 1]):
            probe = k  # "huyện B": a place segment, kept only if a title segment comes before it
            continue
        if not (_is_cap(toks[k]) and _match_phrase(toks, k, lex.heads, lex.max_phrase)) \
                or _title_end(text, toks[k].start, lex) < toks[probe - 1].start:
            break
        if k >= 2 and toks[k - 1].text == "," and any(p.end == toks[k - 2].end and p.name for p in out):
            break  # "Trần B, Chủ tịch UBND tỉnh, ông C": the segment is Trần B's title
        b = probe = k
    if b == i:
        return m
    before = text[toks[b].start:toks[i - 1].start].strip(" ,-–")
    title = f"{before}, {m.title}" if m.kind == "title" and m.title else before
    return _Mention(m.kind, toks[b].start, m.end, m.name, m.name_start, title=title, honorific=m.honorific)


#: Tokens after which a bare full name may open a clause.
_APPOSITIVE_GAP = re.compile(r"\s*(?:,|\(|[-–—]{1,2}(?=\s))\s*(?:(?:nguyên|kiêm|quyền|cựu)\s+)?$")


def _in_appositive(text: str, prev: _Mention | None, m: _Mention) -> bool:
    """Whether a title chain's short "name" is the end of the title of the person before it.

    ``Phạm Thị Hằng, Trưởng khoa Khúc Xạ (…) cho hay``: after a named person and a comma,
    a title chain with a one- or two-syllable "name" is that person's title.
    """
    return (m.kind == "title" and prev is not None and bool(prev.name) and len((m.name or "").split()) <= 2
            and bool(_APPOSITIVE_GAP.match(text[prev.end:m.start])))



def _pronoun_at(toks: list[_Tok], i: int, n: int, lex: _Lexicon) -> bool:
    """Whether the honorific of ``n`` tokens at ``i`` stands alone for a person: ``ông``,
    ``bà``, ``đồng chí`` anywhere; a kin word (``Chị kể:``) only right before an adverb or a
    speech verb and not after a quantifier (``một chị nói``)."""
    mode = lex.honorifics.get(" ".join(x.low for x in toks[i:i + n]))
    if mode != "same":
        return bool(mode)
    if i > 0 and toks[i - 1].low in _QUANTIFIERS:
        return False
    j = i + n
    return j < len(toks) and (toks[j].low in lex.adverbs or bool(lex.verb_re.match(" ".join(t.low for t in toks[j:j + 3]))))


def _sentence_mentions(text: str, sent: Sentence, lex: _Lexicon) -> tuple[list[_Tok], list[_Mention]]:
    toks = _tokens(text, sent.start, sent.end)
    return toks, _mentions(text, toks, lex)


