"""The documents stage: mentions per zone, lists of signs sharing a kind, merging."""
from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable

from ...record import Document
from ...text.dates import DateMention, find_dates
from ...text.segment import ArticleText
from ..prefilter import lowered
from .lexicon import _Lexicon, compile_documents
from .signs import _BARE_NUMBER, _bare_ok, _heads, _issuer_meaning, _match_sign, _Mention, _sign_mention, _standalone
from .tail import _CONTINUE, _clause, _read_tail, _set_issued

log = logging.getLogger(__name__)


def _key(m: _Mention) -> tuple[str, ...]:
    if m.symbol:
        return ("sym", m.symbol.casefold())
    return ("num", m.label, m.number.lstrip("0") or "0")


def _merge(mentions: list[_Mention], lex: _Lexicon) -> list[Document]:
    """One Document per distinct document, in order of first mention."""
    groups: dict[tuple[str, ...], list[_Mention]] = {}
    for m in sorted(mentions, key=lambda x: x.start):
        groups.setdefault(_key(m), []).append(m)
    # An unsigned "Chỉ thị 05" joins the one signed Chỉ thị numbered 05, if just one.
    for key in [k for k in groups if k[0] == "num"]:
        signed = [k for k, g in groups.items() if k[0] == "sym" and g[0].label == key[1]
                  and (g[0].number.lstrip("0") or "0") == key[2]]
        if len(signed) == 1:
            groups[signed[0]].extend(groups.pop(key))
    docs: list[Document] = []
    for group in sorted(groups.values(), key=lambda g: min(x.start for x in g)):
        group.sort(key=lambda x: x.start)
        first = next((x for x in group if x.symbol), group[0])
        dated = min(group, key=lambda x: (x.issued_rank, x.start))
        docs.append(Document(
            kind=group[0].kind if group[0].label == first.label else first.kind,
            number=first.number,
            symbol=first.symbol,
            system=first.system,
            issuer_code=first.issuer_code,
            issuer_meaning=_issuer_meaning(first.issuer_code, first.system, lex),
            issuer=next((x.issuer for x in group if x.issuer), None),
            issued=dated.issued,
            subject=next((x.subject for x in group if x.subject), None),
            mentions=sorted({(x.start, x.end) for x in group}),
            rule=first.rule,
        ))
    return docs


#: What separates two items of a list with nothing of their own between them.
_TIGHT = re.compile(r"\s*(?:,|;|và|hoặc)?\s*(?:số\s*:?\s*)?\Z", re.IGNORECASE)


def _share_in_list(text: str, chain: list[_Mention]) -> None:
    """Share sign, date and issuer backwards along a list of documents of one kind.

    "Quyết định số 217, 218-QĐ/TW": a bare number right before a sign takes the sign's
    suffix (217-QĐ/TW). "217-QĐ/TW và 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị": a date
    and an issuer after the last sign are every earlier sign's with the same issuer code
    when nothing stands between them ("số 5612/QĐ-UBND, ngày …, và số 5890/QĐ-UBND, ngày
    …, của UBND thành phố" shares only the issuer, each sign has its own date).
    """
    for i in range(len(chain) - 2, -1, -1):
        m, nxt = chain[i], chain[i + 1]
        tight = bool(_TIGHT.match(text[m.end:nxt.start])) if nxt.start >= m.end else False
        if tight and m.symbol is None and nxt.symbol and nxt.number and nxt.symbol.startswith(nxt.number):
            m.symbol = m.number + nxt.symbol[len(nxt.number):]
            m.system, m.issuer_code, m.sign_year = nxt.system, nxt.issuer_code, nxt.sign_year
            m.rule = "doc.shared_suffix"
        if m.issuer_code != nxt.issuer_code:
            continue
        if m.issuer is None and nxt.issuer:
            m.issuer = nxt.issuer
        if tight and nxt.issued_rank <= 1 and nxt.issued:
            m.issued, m.issued_rank = nxt.issued, nxt.issued_rank


_DIGIT = re.compile(r"\d")


def _zone_mentions(text: str, start: int, end: int, dates: Callable[[], list[DateMention]],
                   lex: _Lexicon, low: str | None = None) -> list[_Mention]:
    """Every document mention in one zone, with its date, issuer and subject.

    ``dates`` gives the zone's dates; it is only called when the zone has a kind word or a
    sign (most zones have neither, and the date scan is the dear part).
    """
    if not _DIGIT.search(text, start, end):
        return []  # a kind word and a sign both need a digit after them
    heads = _heads(text, start, end, lex, low)
    alone = None if heads else _standalone(text, start, end, [], lex)  # with no head, nothing is taken
    if alone == []:
        return []
    found = dates()
    by_start = {d.start: d for d in found}
    by_end = {d.end: d for d in found}
    head_ends = [h.end for h, _, _ in heads] + [end]
    mentions: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    for i, (head, kind, written) in enumerate(heads):
        if any(head.start < e and s < head.end for s, e in taken):
            continue
        next_end = head_ends[i + 1]
        chain = [head]
        pos = _read_tail(text, head, end, by_start, lex, next_end)
        # A list of signs sharing the kind: "các Chỉ thị số 05-CT/TW, 16/CT-TTg".
        while True:
            cont = None if chain[-1].subject else _CONTINUE.match(text, pos, end)
            if cont is None:
                break
            hit = _match_sign(text, cont.end(), end, lex, kind)
            nxt: _Mention | None = None
            if hit is not None:
                sign, sm = hit
                nxt = _sign_mention(sign, sm, sm.start(), written, kind, lex, "doc.continuation")
                if nxt is not None and cont.group("so"):
                    nxt.start = cont.start("so")
            elif cont.group("so") or chain[-1].symbol is None:
                # "và số 5890", or a list of bare numbers ("Quyết định 217 và 218 của …")
                num = _BARE_NUMBER.match(text, cont.end(), end)
                if num is not None and _bare_ok(text, num, bool(cont.group("so")), written, kind, lex):
                    at = cont.start("so") if cont.group("so") else num.start()
                    nxt = _Mention(at, num.end(), written, kind.label, num.group(0), None, None,
                                   None, "doc.continuation")
            if nxt is None:
                break
            chain.append(nxt)
            pos = _read_tail(text, nxt, end, by_start, lex, next_end)
        _share_in_list(text, chain)
        issuer, clause_date = _clause(text, head, start, by_end, lex)
        for m in chain:
            if issuer and not m.issuer:
                m.issuer = issuer
            if clause_date is not None:
                _set_issued(m, clause_date, 2)
            taken.append((m.start, m.end))
        mentions.extend(chain)
    for m in alone if alone is not None else _standalone(text, start, end, taken, lex):
        _read_tail(text, m, end, by_start, lex, end)
        mentions.append(m)
    for m in mentions:
        if m.issued is None and m.sign_year:
            m.issued, m.issued_rank = m.sign_year, 3
    return mentions


def extract_documents(doc: ArticleText) -> list[Document]:
    """Numbered party and state documents of an article, one record per document.

    Args:
        doc: the article; ``doc.published`` (ISO or None) gives year-less dates their year.

    Returns:
        Document records with every mention's span (``doc.text[s:e]`` is the evidence).

    >>> from extractor.text.segment import ArticleText, Zone, ZoneKind
    >>> t = "Ngày 23/5, Ban Thường vụ Tỉnh ủy ban hành Chỉ thị số 05-CT/TU về nâng cao hiệu quả."
    >>> d = extract_documents(ArticleText(t, [Zone(ZoneKind.body, 0, len(t))], published="2021-05-29"))[0]
    >>> (d.kind, d.symbol, d.system, d.issuer_code, d.issuer, d.issued)
    ('Chỉ thị', '05-CT/TU', 'party', 'TU', 'Ban Thường vụ Tỉnh ủy', '2021-05-23')
    """
    lex = doc.rules.compiled(compile_documents)
    text = doc.text
    low = lowered(text)  # the heads are scanned in it (case-sensitive: faster)
    # Content zones only (title, body, captions); a text without zones is read whole.
    zones = [(z.start, z.end) for z in doc.content()] if doc.zones else [(0, len(text))]
    mentions: list[_Mention] = []
    for start, end in zones:
        try:
            dates = functools.partial(find_dates, text, start, end, relative_to=doc.published)
            mentions.extend(_zone_mentions(text, start, end, dates, lex, low))
        except Exception as exc:  # odd input must not cost the other zones
            log.exception("documents: zone %s-%s failed", start, end)
            doc.warn(f"documents: zone {start}-{end} skipped ({type(exc).__name__}: {exc})")
    return _merge(mentions, lex)
