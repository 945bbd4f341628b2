"""Mentions led by a kind word or a sign: sign shapes decoded, kind codes read, bare numbers
told from counts and years, standalone signs."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .lexicon import _SIGN_FOLD, _Kind, _kind_key, _Lexicon, _Sign

# --- mentions -----------------------------------------------------------------------------

@dataclass
class _Mention:
    """One mention of a document, before merging."""

    start: int
    end: int
    kind: str            # as written, capitalised
    label: str           # the kind's standard spelling (merging key)
    number: str
    symbol: str | None
    system: str | None
    issuer_code: str | None
    rule: str
    sign_year: str | None = None
    issued: str | None = None
    issued_rank: int = 9  # lower is better: 0 sign date, 1 issuer date, 2 clause date, 3 sign year
    issuer: str | None = None
    subject: str | None = None
    followers: list[_Mention] = field(default_factory=list)


def _norm_sign(s: str) -> str:
    """A sign without spaces, with look-alike letters and dashes mapped.

    >>> _norm_sign("05 – CT/TU"), _norm_sign("08-QÐi/TW")
    ('05-CT/TU', '08-QĐi/TW')
    """
    return re.sub(r"\s+", "", s.translate(_SIGN_FOLD))


def _written_kind(raw: str, label: str, mod: str | None) -> str:
    """The kind as written, spaces collapsed, first letter capitalised."""
    kind = " ".join(raw.split())
    if kind.isupper():
        kind = label
    kind = kind[:1].upper() + kind[1:]
    if mod:
        mod = " ".join(mod.split())
        kind = f"{kind} {mod.lower() if mod.isupper() else mod}"
    return kind


def _decode(sign: _Sign, m: re.Match[str], lex: _Lexicon) -> tuple[str | None, str | None, str | None]:
    """(kind code, issuer code, year) of a matched sign, normalised."""
    g = m.groupdict()
    code = _norm_sign(g["code"]) if g.get("code") else None
    iss = _norm_sign(g["iss"]) if g.get("iss") else None
    year = g.get("year")
    if sign.system == "state" and code and not iss:
        # 202/2025/QH15: the issuer stands where the kind code would.
        return None, code, year
    if sign.system == "state" and code and code not in lex.code_kind["state"] and iss:
        # 1955/BHXH-CSYT, 2345/UBND-VX: a letter signed issuer-unit, no kind code.
        return None, code, year
    return code, iss, year


def _match_sign(text: str, pos: int, end: int, lex: _Lexicon,
                kind: _Kind | None) -> tuple[_Sign, re.Match[str]] | None:
    """The first sign shape that matches at ``pos`` (standalone shapes only without a kind)."""
    for sign in lex.signs:
        if kind is None and not sign.standalone:
            continue
        m = sign.regex.match(text, pos, end)
        if m:
            return sign, m
    return None


def _kind_for_code(code: str | None, system: str, inherited: _Kind | None, lex: _Lexicon) -> str | None:
    """Label of the kind a sign's code names, or the inherited kind's when they agree."""
    if inherited is not None:
        codes = inherited.party_codes if system == "party" else inherited.state_codes
        if code is None or code in codes or code not in lex.code_kind[system]:
            return inherited.label
    if code is None:
        return None
    return lex.code_kind[system].get(code) or lex.code_kind["state" if system == "party" else "party"].get(code)


def _sign_mention(sign: _Sign, m: re.Match[str], start: int, kind_written: str | None,
                  kind: _Kind | None, lex: _Lexicon, rule: str, *, named: bool = False) -> _Mention | None:
    """A mention from a matched sign; None when its kind cannot be told.

    ``named``: the kind word stands right before this sign, so it is the kind whatever the
    sign's code says ("Quy định 181-QĐ/TW" is a Quy định signed with the older code).
    """
    code, iss, year = _decode(sign, m, lex)
    if named and kind is not None and sign.system in kind.systems:
        label: str | None = kind.label
    else:
        label = _kind_for_code(code, sign.system, None if named else kind, lex)
    if label is None:
        return None
    written = kind_written if kind is not None and label == kind.label and kind_written else label
    return _Mention(start, m.end(), written, label, m.group("num"), _norm_sign(m.group(0)),
                    sign.system, iss, rule, sign_year=year)


def _bare_ok(text: str, num: re.Match[str], has_so: bool, kind_raw: str, kind: _Kind, lex: _Lexicon) -> bool:
    """Whether a bare number after a kind is a document number, not a count or a year."""
    after = text[num.end():num.end() + 1]
    if after and (after.isalnum() or after in "/%"):
        return False
    if re.match(r"[.,]\d|\s*[-\N{EN DASH}/]\s*[\w]", text[num.end():num.end() + 4]):
        return False  # 2.317, a sign we could not read, a period 2021-2025
    if has_so:
        return True
    digits = num.group(0)
    if len(digits) == 4 and digits.isdigit() and lex.years[0] <= int(digits) <= lex.years[1]:
        return False  # "Luật 2015", "Chương trình 2000"
    if _LIST_INTO_SIGN.match(text, num.end()):
        return True  # "các quyết định 106, 107/QĐ-TTg"
    if not (kind_raw[:1].isupper() or kind.bare):
        return False  # "thông báo 2 trường hợp", "quyết định 5 vấn đề"
    return bool(lex.bare_follow.match(text, num.end()))


_BARE_NUMBER = re.compile(r"\d{1,5}[a-z]?(?![\d])")
#: A list of numbers that ends in a sign ("106, 107/QĐ-TTg", "217 và 218-QĐ/TW").
_LIST_INTO_SIGN = re.compile(
    r"(?:[ \t]*(?:,|và)[ \t]*\d{1,5}[a-z]?)+[ \t]*[-/\N{EN DASH}][ \t]*[A-ZĐÐ]")


def _head_matches(text: str, low: str | None, start: int, end: int,
                  lex: _Lexicon) -> Iterator[tuple[int, int, str, str | None, str]]:
    """(start, end, kind, modifier, "số" part) of every mention head, as written in ``text``.

    ``low``: the text lower-cased, offsets unchanged (:func:`..prefilter.lowered`), or None;
    the case-sensitive head regex scans it faster than the case-blind one scans the text.
    """
    if low is None:
        for m in lex.head.finditer(text, start, end):
            yield m.start(), m.end(), m.group("kind"), m.group("mod"), m.group("so")
        return
    for m in lex.head_lower.finditer(low, start, end):
        mod = text[m.start("mod"):m.end("mod")] if m.start("mod") >= 0 else None
        yield m.start(), m.end(), text[m.start("kind"):m.end("kind")], mod, text[m.start("so"):m.end("so")]


def _heads(text: str, start: int, end: int, lex: _Lexicon,
           low: str | None = None) -> list[tuple[_Mention, _Kind, str]]:
    """Kind-led mentions in ``text[start:end]``: (mention, kind, written kind)."""
    out: list[tuple[_Mention, _Kind, str]] = []
    for m_start, pos, raw_kind, raw_mod, so in _head_matches(text, low, start, end, lex):
        kind = lex.kinds.get(_kind_key(raw_kind))
        if kind is None:
            continue
        written = _written_kind(raw_kind, kind.label, raw_mod)
        hit = _match_sign(text, pos, end, lex, kind)
        if hit is not None:
            sign, sm = hit
            mention = _sign_mention(sign, sm, m_start, written, kind, lex, sign.id, named=True)
            if mention is not None:
                out.append((mention, kind, written))
            continue
        num = _BARE_NUMBER.match(text, pos, end)
        has_so = "số" in so.casefold()
        if num is None or not _bare_ok(text, num, has_so, raw_kind, kind, lex):
            continue
        out.append((_Mention(m_start, num.end(), written, kind.label, num.group(0), None, None, None,
                             "doc.bare_number"), kind, written))
    return out



def _standalone(text: str, start: int, end: int, taken: list[tuple[int, int]],
                lex: _Lexicon) -> list[_Mention]:
    """Signs with no kind word before them whose kind code is known ("35-KL/TW")."""
    out: list[_Mention] = []
    for m in lex.standalone.finditer(text, start, end):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        hit = _match_sign(text, m.start(), end, lex, None)
        if hit is None:
            continue
        sign, sm = hit
        code, _, _ = _decode(sign, sm, lex)
        if code is None or code not in lex.code_kind[sign.system]:
            continue
        mention = _sign_mention(sign, sm, sm.start(), None, None, lex, "doc.sign_only")
        if mention is not None:
            out.append(mention)
    return out


def _issuer_meaning(code: str | None, system: str | None, lex: _Lexicon) -> str | None:
    """What an issuer code stands for, from the table (None when unknown)."""
    if not code:
        return None
    parts = code.split("-")
    meanings = []
    order = [system] if system else []
    order += [s for s in ("party", "state") if s not in order]
    for part in parts:
        meaning = next((lex.issuer_codes[s][part] for s in order if part in lex.issuer_codes.get(s, {})), None)
        if meaning is None:
            for rx, template in lex.issuer_code_patterns:
                pm = rx.match(part)
                if pm:
                    meaning = template.format(*pm.groups())
                    break
        if meaning is None:
            return None
        meanings.append(meaning)
    return "; ".join(meanings)
