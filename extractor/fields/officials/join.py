"""Joining: the attributions' mentions of one person become one record (short names and
pronouns resolved to the full name), with the person's title and organisation."""
from __future__ import annotations

import bisect
import re

from ...record import Official
from ...text.segment import ArticleText, Sentence
from .attribution import _Attribution, _attributions
from .lexicon import MAX_PRONOUN_BACK, _Lexicon, _low, compile_lexicon, tone_key
from .mentions import _sentence_mentions
from .names import _Mention
from .persons import Listed, Persons, _full
from .titles import _appositive
from .tokens import _match_phrase, _Tok, _tokens


def _resolve(m: _Mention, pos: int, persons: Persons | Listed, lex: _Lexicon) -> _Mention | None:
    """The named mention a short reference (given name or pronoun) stands for.

    A pronoun (``ông``, ``bà``, ``đồng chí``) stands for the last person named before it,
    nearby and of its gender (``ông`` is not a ``Thị``, ``bà`` not a ``Văn``); a given name
    for the full name that ends with it (the nearest before it, else any).
    """
    if m.kind == "pron":
        hon = _low(m.honorific or "")
        same = lex.honorifics.get(hon) == "same"
        near = persons.near(pos)
        last = bisect.bisect_right(near, pos, key=lambda p: p.start)  # persons are in text order
        for k in range(last - 1, -1, -1):
            p = near[k]
            if not p.name or p.end > pos:
                continue
            if pos - p.end > MAX_PRONOUN_BACK:
                return None
            if same and _low(p.honorific or "") != hon:
                continue  # "Chị kể": the last person introduced as "chị"
            middle = [_low(w) for w in p.name.split()[1:-1]]
            if (hon == "ông" and "thị" in middle) or (hon == "bà" and "văn" in middle):
                continue
            return _resolve(p, p.start, persons, lex) if not _full(p.name, lex) else p
        return None
    if not m.name:
        return None
    if _full(m.name, lex) and len(m.name.split()) > 2:
        return m
    longer, full = persons.ending(m.name)
    for cands, before in ((full, True), (full, False), (longer, True), (longer, False)):  # "chị Linh" is "chị Hải Linh"
        k = bisect.bisect_left(cands, pos, key=lambda p: p.start) if before else len(cands)
        if k:
            return cands[k - 1]  # the nearest before the reference, else the last anywhere
    return m


def _organization(title: str | None, lex: _Lexicon) -> str | None:
    if not title:
        return None
    first = title.split(",")[0]
    toks = _tokens(first, 0, len(first))
    for i in range(1, len(toks)):
        if _match_phrase(toks, i, lex.bodies, lex.max_phrase) and not _match_phrase(toks, i, lex.heads, lex.max_phrase):
            return first[toks[i].start:].strip() or None
    return None


def extract_officials(doc: ArticleText, *, authors: list[str], photo_credits: list[str]) -> list[Official]:
    """Named people who speak or are quoted, one record per person.

    Args:
        doc: the segmented article.
        authors: bylines (never officials).
        photo_credits: photo credits (never officials).

    Returns:
        Officials in order of their first attributed words.

    >>> from extractor.text.segment import ArticleText, Zone, ZoneKind
    >>> t = "Ông Nguyễn Văn An, Chủ tịch UBND xã cho biết, năm nay xã có 20 mô hình."
    >>> [(o.name, o.title) for o in extract_officials(ArticleText(t, [Zone(ZoneKind.body, 0, len(t))]), authors=[], photo_credits=[])]
    [('Nguyễn Văn An', 'Chủ tịch UBND xã')]
    """
    lex = doc.rules.compiled(compile_lexicon)
    try:
        seen: dict[int, tuple[list[_Tok], list[_Mention]]] = {}
        attributions, spoken = _attributions(doc, lex, seen)
    except (IndexError, ValueError, re.error) as exc:
        doc.warn(f"officials: could not read attributions ({type(exc).__name__}: {exc})")
        return []
    excluded = {tone_key(n) for n in list(authors) + list(photo_credits) if n} | lex.not_speakers
    needs_index = any(a.mention.kind == "pron" or not (a.mention.name and _full(a.mention.name, lex)) or not a.title
                      for a in attributions)
    named = Persons(doc, lex, seen) if needs_index else Listed(_spoken_persons(doc, spoken, seen, attributions, lex), lex)
    records: dict[str, Official] = {}
    best: dict[str, str | None] = {}  # a person's title from any mention, read once per person
    seen_mentions: dict[str, set[tuple[int, int]]] = {}
    for a in attributions:
        target = _resolve(a.mention, a.mention.start, named, lex)
        if target is None or not target.name:
            continue
        key = tone_key(target.name)
        if key in excluded or any(key.endswith(" " + e) or e.endswith(" " + key) for e in excluded):
            continue
        title = a.title if a.mention is target or a.title else None
        if title is None:
            if key not in best:
                best[key] = _best_title(target, named, doc.text, lex)
            title = best[key]
        span_start = min(a.mention.start, a.quote[0]) if a.quote else a.mention.start
        span_end = max(a.mention.end, a.quote[1]) if a.quote else a.mention.end
        quote = doc.text[a.quote[0]:a.quote[1]].strip() if a.quote else None
        if key in records:
            rec = records[key]
            if (a.mention.name_start, a.mention.end) not in seen_mentions[key]:
                seen_mentions[key].add((a.mention.name_start, a.mention.end))
                rec.mentions.append((a.mention.name_start, a.mention.end))
            if rec.title is None and title:
                rec.title, rec.organization = title, _organization(title, lex)
            continue
        records[key] = Official(
            name=target.name, title=title, organization=_organization(title, lex), quote=quote,
            quote_kind=a.kind, verb=a.verb, span=(span_start, span_end),
            mentions=sorted({(target.name_start, target.end), (a.mention.name_start, a.mention.end)}),
            rule=a.rule)
        seen_mentions[key] = set(records[key].mentions)
    return list(records.values())


def _spoken_persons(doc: ArticleText, spoken: list[Sentence], seen: dict[int, tuple[list[_Tok], list[_Mention]]],
                    attributions: list[_Attribution], lex: _Lexicon) -> list[_Mention]:
    """The named mentions of the sentences with a speech verb, in order: the persons a
    two-syllable full name (``Lê Na``) may stand for. Those are the only references the
    attributions' own mentions are asked about, so with none the list stays empty."""
    if not any(a.mention.name and len(a.mention.name.split()) <= 2 for a in attributions):
        return []
    out: list[_Mention] = []
    for sent in spoken:
        if sent.start not in seen:
            seen[sent.start] = _sentence_mentions(doc.text, sent, lex)
        out.extend(m for m in seen[sent.start][1] if m.name)
    return out


def _best_title(target: _Mention, persons: Persons | Listed, text: str, lex: _Lexicon) -> str | None:
    """A title for a person from any of their mentions (a title chain or an appositive)."""
    key = tone_key(target.name or "")
    for m in persons.named(target.name or ""):
        if tone_key(m.name or "") != key or m.kind == "role":
            continue
        if m.title:
            return m.title
        ap = _appositive(text, m.end, None, lex)
        if ap and ap[0]:
            return ap[0]
    return None
