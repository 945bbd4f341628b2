"""Records against registers: one :class:`Result` per count, document and internal check.

:func:`check_count` finds the count rows for the same unit (by code; by normalised name and
level when a side has no code), the same category and an overlapping period, and judges the
reported value by its qualifier (:func:`judge`). :func:`check_document` finds the document
rows with the same sign (or the same kind and number) whose scope is a unit the article
names, and compares the date, issuer and kind. The record's own arithmetic ``checks`` join
the results (:func:`internal_results`).
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from fractions import Fraction
from typing import Any

from pydantic import BaseModel

from ...record import Article
from ...rules import Rules, default_rules
from ...text.norm import tone_key
from ..qualifiers import TOLERANCE, interval, is_vague_order
from .registers import (
    DocumentRow,
    Registry,
    UnitRef,
    _interval_or_none,
    _number_key,
    _overlap,
    _Row,
    make_unit,
    norm_sign,
)

log = logging.getLogger(__name__)


#: Characters either side of the evidence searched for a sentence boundary.
SENTENCE_MAX = 400

#: Count categories that are plans, not achieved counts (never compared with a register's counts).
TARGET_CATEGORIES = frozenset({"target"})

QUALIFIER_WORD = {"exact": "", "more_than": "trên ", "nearly": "gần ", "about": "khoảng ", "less_than": "dưới "}


class Status(StrEnum):
    """The outcome of one comparison."""

    consistent = "consistent"              # the register bears the article out
    contradiction = "contradiction"        # the register says otherwise
    no_register_entry = "no_register_entry"  # no row is about this unit/category/period, or this sign
    ambiguous = "ambiguous"                # several rows apply and the verdict depends on which
    ok = "ok"                              # the record's own arithmetic check holds
    mismatch = "mismatch"                  # the record's parts do not add up to its total


#: Statuses that make ``--strict`` exit non-zero.
FAILING = frozenset({Status.contradiction, Status.mismatch})

# -- qualifiers ----------------------------------------------------------------------------

def judge(qualifier: str, reported: int | float, register: int | float, text: str = "",
          tolerance: float = TOLERANCE) -> tuple[bool, str]:
    """Whether a register value bears out a reported count, by the count's qualifier.

    Args:
        qualifier: ``exact``, ``more_than`` (trên, hơn), ``nearly`` (gần), ``about``
            (khoảng, chừng, hàng trăm …) or ``less_than`` (dưới, chưa đến).
        reported: the article's number N.
        register: the register's value v.
        text: the count's evidence (``hàng trăm`` makes ``about`` an order of magnitude).
        tolerance: the relative tolerance of ``nearly`` and ``about``.

    Returns:
        ``(holds, the rule applied)``.

    >>> judge("more_than", 200, 213)
    (True, 'trên 200: v > 200')
    >>> judge("nearly", 2000, 1950)[0], judge("nearly", 2000, 2050)[0]
    (True, False)
    """
    iv = interval(qualifier, reported, text, tolerance)
    ok = Fraction(str(register)) in iv
    if qualifier == "more_than":
        return ok, f"trên {reported}: v > {reported}"
    if qualifier == "less_than":
        return ok, f"dưới {reported}: v < {reported}"
    if qualifier == "nearly":
        return ok, f"gần {reported}: {_num(iv.lo)} ≤ v ≤ {reported}"
    if qualifier == "about":
        if is_vague_order(text):
            return ok, f"{text.split()[0]} {text.split()[1]}: {reported} ≤ v < {_num(iv.hi)}"
        return ok, f"khoảng {reported}: {_num(iv.lo)} ≤ v ≤ {_num(iv.hi)}"
    if qualifier != "exact":
        log.warning("unknown qualifier %r judged as exact", qualifier)
    return ok, f"exact: v = {reported}"


def vn_number(x: int | float | None) -> str:
    """A number written the Vietnamese way, a dot grouping thousands.

    >>> vn_number(2011), vn_number(200)
    ('2.011', '200')
    """
    if x is None:
        return "?"
    if isinstance(x, float) and not x.is_integer():
        return f"{x:,}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{int(x):,}".replace(",", ".")


def _num(x: Fraction) -> str:
    return str(int(x)) if x.denominator == 1 else f"{float(x):g}"


# -- results -------------------------------------------------------------------------------

@dataclass
class Result:
    """One comparison of the report."""

    article_id: str
    check: str                   # count / document / internal
    status: Status
    reason: str
    subject: str                 # what was checked, in words
    reported: dict[str, Any]
    register: list[dict[str, Any]] = field(default_factory=list)
    evidence: dict[str, Any] | None = None
    title: str | None = None
    differs: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {"article_id": self.article_id, "title": self.title, "check": self.check,
                "status": str(self.status), "reason": self.reason, "subject": self.subject,
                "reported": self.reported, "register": self.register, "differs": self.differs,
                "evidence": self.evidence}


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: from the last ``. `` / line break before it to the next.

    A dot between digits (``2.011``) groups thousands and is not a boundary.

    >>> t = "Năm 2020 có 5 mô hình. Đến nay, toàn tỉnh có 2.011 mô hình. Hết."
    >>> s, e = sentence_bounds(t, t.index("2.011"), t.index("2.011") + 5)
    >>> t[s:e]
    'Đến nay, toàn tỉnh có 2.011 mô hình.'
    """
    n = len(text)
    lo = max(0, start - SENTENCE_MAX)
    s = lo
    for i in range(start - 1, lo - 1, -1):
        ch = text[i]
        if ch == "\n" or (ch in ".!?…" and i + 1 < n and text[i + 1].isspace()):
            s = i + 1
            break
    hi = min(n, end + SENTENCE_MAX)
    e = hi
    for i in range(end, hi):
        ch = text[i]
        if ch == "\n":
            e = i
            break
        if ch in ".!?…" and (i + 1 == n or text[i + 1].isspace()):
            e = i + 1
            break
    while s < start and text[s].isspace():
        s += 1
    while e > end and text[e - 1].isspace():
        e -= 1
    return s, e


def evidence_of(text: str, span: Any) -> dict[str, Any] | None:
    """The evidence of a span: its text, the sentence around it and where both are."""
    try:
        s, e = int(span[0]), int(span[1])
    except (TypeError, ValueError, IndexError):
        return None
    if not (0 <= s < e <= len(text)):
        return None
    ss, se = sentence_bounds(text, s, e)
    return {"text": text[s:e], "span": [s, e], "sentence": text[ss:se], "sentence_span": [ss, se]}


def _row_dict(row: _Row, **extra: Any) -> dict[str, Any]:
    d = row.model_dump(by_alias=True, exclude_none=True)
    d["where"] = row.where
    d.update(extra)
    return d


# -- counts --------------------------------------------------------------------------------

def _main_place(rec: dict[str, Any]) -> dict[str, Any] | None:
    loc = rec.get("locality") or {}
    for level, code_key in (("commune", "commune_code"), ("district", "district_code"), ("province", "province_code")):
        if loc.get(level):
            return {"name": loc[level], "level": level, "code": loc.get(code_key),
                    "province": loc.get("province") if level != "province" else None}
    return None


def _parent(count: dict[str, Any], counts: list[dict[str, Any]]) -> dict[str, Any] | None:
    total = count.get("part_of") or count.get("of_total")
    if total is None:
        return None
    for c in counts:
        if (c is not count and c.get("value") == total and not c.get("part_of")
                and c.get("category") not in TARGET_CATEGORIES):
            return c
    return None


def _record_unit(place: dict[str, Any], rec: dict[str, Any], when: tuple[date, date] | None) -> UnitRef:
    """A count's place as a unit, taking the code and era from the record's localities where it can."""
    level, name, code = place.get("level"), place.get("name"), place.get("code")
    province = place.get("province")
    if province is None and level != "province":
        province = (rec.get("locality") or {}).get("province")
    era = None
    key = tone_key(name) if name else None
    for loc in rec.get("localities") or []:
        if loc.get("level") != level:
            continue
        if (code and loc.get("code") == code) or (not code and key and tone_key(loc.get("name") or "") == key
                                                  and (province is None or loc.get("province") in (None, province))):
            code = code or loc.get("code")
            era = loc.get("code_era")
            break
    try:
        return make_unit(str(level), name=name, code=code, era=era, province=province, when=when)
    except ValueError:
        return make_unit(str(level), name=name, province=province, when=when)


def check_count(count: dict[str, Any], rec: dict[str, Any], reg: Registry,
                tolerance: float = TOLERANCE) -> Result:
    """Judge one reported count against the count rows that apply to it.

    The count's place is its ``locality``, else that of the total it is part of, else the
    article's; its date is its ``as_of`` (``đến nay`` is already the article date), else
    that of its total, else the article's date. A row applies when its unit, category
    (and ``field`` for ``by_field``) match and its period overlaps the count's date.

    Args:
        count: the count as in the record (a dict).
        rec: the whole record (for places, dates and the sentence).
        reg: the registers.
        tolerance: of ``gần`` and ``khoảng``.

    Returns:
        The :class:`Result` (consistent, contradiction, no_register_entry or ambiguous).
    """
    counts = rec.get("counts") or []
    parent = _parent(count, counts)
    place, place_from = count.get("locality"), "count"
    if not place and parent and parent.get("locality"):
        place, place_from = parent["locality"], "its total"
    if not place:
        place, place_from = _main_place(rec), "article"
    as_of, as_of_from = count.get("as_of"), "count"
    if not as_of and parent and parent.get("as_of"):
        as_of, as_of_from = parent["as_of"], "its total"
    if not as_of and rec.get("published"):
        as_of, as_of_from = rec["published"], "article date"
    if not as_of:
        as_of_from = "undated"
    when = _interval_or_none(as_of)
    category, fld = count.get("category") or "total", count.get("field")
    value, qualifier = count.get("value"), count.get("qualifier") or "exact"
    if category in TARGET_CATEGORIES:
        place = None  # a plan is not a count the register could bear out
    unit = _record_unit(place, rec, when) if place else None
    reported = {"value": value, "qualifier": qualifier, "category": category, "field": fld,
                "place": unit.label if unit else None, "place_from": place_from if place else None,
                "as_of": as_of, "as_of_from": as_of_from}
    subject = (f"{QUALIFIER_WORD.get(qualifier, '')}{vn_number(value)} {count.get('unit') or 'mô hình'}, {category}"
               f"{' ' + fld if fld else ''}, {unit.label if unit else 'no place'}, {as_of or 'undated'}")
    result = Result(article_id=str(rec.get("id")), title=rec.get("title"), check="count",
                    status=Status.no_register_entry, reason="", subject=subject, reported=reported,
                    evidence=evidence_of(rec.get("text") or "", count.get("span")))
    if category in TARGET_CATEGORIES:
        result.reason = "a target (a planned number), not an achieved count: not compared with the register"
        return result
    if unit is None:
        result.reason = "the count names no place and the article has none"
        return result
    if category == "by_level":
        fld = count.get("level") or fld  # the level of a by_level count plays the part of a field
    same_unit = [(r, u) for r, u in reg.count_rows() if u.matches(unit) and r.category == category
                 and (category not in ("by_field", "by_level") or not (fld and r.field)
                      or tone_key(fld) == tone_key(r.field))]
    rows = [r for r, _ in same_unit if _overlap(r.interval(), when)]
    if not rows:
        others = sorted({r.period() for r, _ in same_unit})
        result.reason = (f"no register row for {unit.label}, {category}{' ' + fld if fld else ''}, "
                         f"{as_of or 'any date'}"
                         + (f" (rows exist for {', '.join(others)})" if others else ""))
        return result
    verdicts = []
    for r in rows:
        holds, rule = judge(qualifier, value, r.value, count.get("text") or "", tolerance)
        verdicts.append(holds)
        result.register.append(_row_dict(r, verdict=str(Status.consistent if holds else Status.contradiction),
                                         rule=rule))
    if all(verdicts):
        result.status = Status.consistent
    elif not any(verdicts):
        result.status = Status.contradiction
    else:
        result.status = Status.ambiguous
    values = ", ".join(f"{vn_number(r.value)} ({r.where})" for r in rows)
    what = f"{QUALIFIER_WORD.get(qualifier, '')}{vn_number(value)}"
    if result.status is Status.ambiguous:
        result.reason = f"{len(rows)} rows apply and disagree: {values}; '{what}' holds for some only"
    elif result.status is Status.consistent:
        result.reason = f"register {values}: '{what}' holds ({result.register[0]['rule']})"
    else:
        result.reason = f"register {values}: '{what}' does not hold ({result.register[0]['rule']})"
    if not when and len(rows) >= 1:
        result.reason += "; the count is undated, so every period of the register applied"
    return result


# -- documents -----------------------------------------------------------------------------

def _words(s: str) -> list[str]:
    return tone_key(re.sub(r"[^\w\s]", " ", s)).split()


def compile_issuer_bodies(rules: Rules) -> list[tuple[list[str], str]]:
    """The names of one party committee (documents.yaml ``issuer_bodies``), longest first,
    each with the one token it folds to."""
    table = rules.file("documents").table("issuer_bodies")
    out = [(_words(v), "<" + "_".join(_words(key)) + ">") for key, vs in table.items() for v in vs]
    return sorted(out, key=lambda x: -len(x[0]))


def _issuer_words(s: str) -> list[str]:
    """An issuer's words with the names of one party committee folded to one token.

    >>> _issuer_words("Đảng bộ tỉnh Bắc Giang") == _issuer_words("Ban Thường vụ Tỉnh uỷ Bắc Giang")
    True
    """
    words = _words(s)
    for variant, token in default_rules().compiled(compile_issuer_bodies):
        n = len(variant)
        for i in range(len(words) - n + 1):
            if words[i:i + n] == variant:
                words = words[:i] + [token] + words[i + n:]
                break
    return words


def _contains(a: str, b: str, issuer: bool = False) -> bool:
    """Whether one phrase contains the other, word for word (tone placement, case ignored)."""
    wa, wb = (_issuer_words(a), _issuer_words(b)) if issuer else (_words(a), _words(b))
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if not short:
        return False
    return any(long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1))


def _article_units(rec: dict[str, Any]) -> list[UnitRef]:
    when = _interval_or_none(rec.get("published"))
    units: list[UnitRef] = []
    for loc in rec.get("localities") or []:
        level = loc.get("level")
        if not level or not loc.get("name"):
            continue
        try:
            units.append(make_unit(level, name=loc.get("name"), code=loc.get("code"), era=loc.get("code_era"),
                                   province=loc.get("province"), when=when))
            if loc.get("province") and level != "province":  # a unit inside a scope names the scope too
                units.append(make_unit("province", name=loc["province"], code=loc.get("province_code"),
                                       era=loc.get("code_era"), when=when))
            if loc.get("district") and level in ("commune", "village"):
                units.append(make_unit("district", name=loc["district"], code=loc.get("district_code"),
                                       era=loc.get("code_era"), province=loc.get("province"), when=when))
        except ValueError:
            continue
    main = rec.get("locality") or {}
    for level, code_key in (("province", "province_code"), ("district", "district_code"), ("commune", "commune_code")):
        if main.get(level):
            try:
                units.append(make_unit(level, name=main[level], code=main.get(code_key),
                                       province=main.get("province") if level != "province" else None, when=when))
            except ValueError:
                continue
    return units


def _compare_document(doc: dict[str, Any], row: DocumentRow) -> dict[str, dict[str, Any]]:
    """The attributes the article states that the register row contradicts."""
    differs: dict[str, dict[str, Any]] = {}
    if doc.get("issued") and row.issued and not _overlap(_interval_or_none(doc["issued"]),
                                                          _interval_or_none(row.issued)):
        differs["issued"] = {"reported": doc["issued"], "register": row.issued}
    if doc.get("issuer") and row.issuer and not _contains(doc["issuer"], row.issuer, issuer=True):
        differs["issuer"] = {"reported": doc["issuer"], "register": row.issuer}
    if doc.get("kind") and row.kind and not _contains(doc["kind"], row.kind):
        differs["kind"] = {"reported": doc["kind"], "register": row.kind}
    return differs


#: A date written right after a document's sign (``…03-KL/TU ngày 10/12/2020``, ``…, ngày 1/4/2014``).
_DATE_AFTER = re.compile(r"^[\s,]*(?:ngày\s*)?\d{1,2}\s*[/-]\s*\d{1,2}", re.IGNORECASE)


def _best_mention(text: str, mentions: list[Any], doc: dict[str, Any]) -> Any:
    """The mention to show: the first one followed by its date when the article dates the document."""
    if not mentions:
        return None
    if doc.get("issued"):
        for m in mentions:
            try:
                if _DATE_AFTER.match(text[int(m[1]):int(m[1]) + 40]):
                    return m
            except (TypeError, ValueError, IndexError):
                continue
    return mentions[0]


#: A sign that carries its year (``01/2021/NĐ-CP``, ``202/2025/QH15``) names one document for good.
_SIGN_YEAR = re.compile(r"/(?:19|20)\d\d/")


def _namesake(doc: dict[str, Any], row: DocumentRow, sign: str | None, published: str | None) -> bool:
    """Whether a row is another document that shares the cited sign or number.

    Numbers restart every year for state documents (``16/CT-TTg`` of 2016 and of 2020 are two
    directives) and every term for party ones, so a row of another year than the article's
    date of the document is a namesake, not a contradiction, unless the sign carries its
    year. A row issued after the article was published cannot be the one it cites.
    """
    issued = _interval_or_none(row.issued)
    if issued is None:
        return False
    pub = _interval_or_none(published)
    if pub is not None and issued[0] > pub[1]:
        return True
    cited = _interval_or_none(doc.get("issued"))
    if cited is None or (sign and _SIGN_YEAR.search(sign)):
        return False
    return cited[0].year != issued[0].year and cited[1].year != issued[1].year


def check_document(doc: dict[str, Any], rec: dict[str, Any], reg: Registry) -> Result:
    """Check one cited document against the document rows with its sign.

    A row applies when its sign equals the cited sign (``norm_sign``), or, for a document
    cited by number only (``Nghị quyết số 110``), when kind and number are the same; and
    when its scope (the province or district whose body issued it) is a unit the article
    names, or it has no scope (central documents: ``16/CT-TTg``, ``05-CT/TW``); and when it is
    not a namesake of another year (:func:`_namesake`). Of those rows, the ones whose date,
    issuer and kind agree with what the article states are the document; one → consistent,
    several → ambiguous, none → contradiction.

    Args:
        doc: the document as in the record (a dict).
        rec: the whole record.
        reg: the registers.

    Returns:
        The :class:`Result`.
    """
    symbol = doc.get("symbol")
    sign = norm_sign(symbol) if symbol else None
    number = _number_key(doc.get("number"))
    kind = doc.get("kind")
    label = symbol or f"{kind or 'văn bản'} số {doc.get('number') or '?'}"
    reported = {k: doc.get(k) for k in ("kind", "number", "symbol", "issued", "issuer")}
    mentions = doc.get("mentions") or []
    result = Result(article_id=str(rec.get("id")), title=rec.get("title"), check="document",
                    status=Status.no_register_entry, reason="", subject=label, reported=reported,
                    evidence=evidence_of(rec.get("text") or "", _best_mention(rec.get("text") or "", mentions, doc)))
    if sign:
        cands = [(r, s) for r, s in reg.document_rows() if r.sign and norm_sign(r.sign) == sign]
        how = f"sign {symbol}"
    elif number:
        cands = [(r, s) for r, s in reg.document_rows()
                 if _number_key(r.number) == number and (not kind or not r.kind or _contains(kind, r.kind))]
        how = f"{kind or 'document'} number {doc.get('number')} (no sign cited)"
    else:
        result.reason = "the document has neither sign nor number"
        return result
    units = _article_units(rec)
    scoped = [r for r, scope in cands if scope is None or not units or any(scope.matches(u) for u in units)]
    if not scoped:
        elsewhere = sorted({r.scope or r.scope_code or "?" for r, _ in cands})
        result.reason = f"no register row for {how}" + (
            f" in the units this article names (rows exist for {', '.join(elsewhere)})" if elsewhere else "")
        return result
    rows = [r for r in scoped if not _namesake(doc, r, sign, rec.get("published"))]
    if not rows:
        others = ", ".join(f"{r.sign or r.kind} of {r.issued}" for r in scoped)
        result.reason = (f"no register row for {how} of {doc.get('issued') or 'before ' + str(rec.get('published'))}"
                         f"; the register's {others} is another document (numbering restarts each year for "
                         "state documents, each term for party ones)")
        result.register = [_row_dict(r, verdict="namesake") for r in scoped]
        return result
    # the same document listed twice (two sources) counts once
    agreeing: dict[tuple[str | None, str | None], DocumentRow] = {}
    for r in rows:
        d = _compare_document(doc, r)
        verdict = Status.contradiction if d else Status.consistent
        result.register.append(_row_dict(r, verdict=str(verdict),
                                         **({"differs": d} if d else {})))
        if not d:
            agreeing.setdefault((norm_sign(r.sign) if r.sign else None, r.issued), r)
    stated = [k for k in ("issued", "issuer", "kind") if doc.get(k)]
    if len(agreeing) == 1:
        result.status = Status.consistent
        r = next(iter(agreeing.values()))
        result.reason = (f"{how}: register {r.where} agrees on {', '.join(stated)}" if stated
                         else f"{how} is in the register ({r.where}); the article states nothing more to compare")
    elif len(agreeing) > 1:
        result.status = Status.ambiguous
        which = ", ".join(f"{r.sign or r.kind} of {r.issued or '?'}" for r in agreeing.values())
        result.reason = f"{how} could be any of {len(agreeing)} register rows ({which})"
    else:
        result.status = Status.contradiction
        result.differs = result.register[0].get("differs", {}) if len(rows) == 1 else {}
        parts = [f"{k}: article {v['reported']!r}, register {v['register']!r}"
                 for k, v in result.register[0].get("differs", {}).items()]
        result.reason = (f"{how}: " + "; ".join(parts) if len(rows) == 1
                         else f"{how}: none of the {len(rows)} register rows agrees on {', '.join(stated)}")
    return result


# -- internal checks -----------------------------------------------------------------------

def _part_value(p: Any) -> int | float | None:
    """A part of a sum check: a number, or an item with ``value`` (a by_level part)."""
    v = p.get("value") if isinstance(p, dict) else p
    return v if isinstance(v, int | float) and not isinstance(v, bool) else None


def _part_label(p: Any) -> str:
    if isinstance(p, dict):
        return " ".join(str(x) for x in (p.get("level") or p.get("field"), p.get("value")) if x is not None)
    return str(p)


def internal_results(rec: dict[str, Any]) -> Iterator[Result]:
    """The record's own arithmetic checks (``sum``: parts that should add up to a total)."""
    for chk in rec.get("checks") or []:
        parts = chk.get("parts") or []
        total = chk.get("total")
        status = Status.mismatch if chk.get("status") == "mismatch" else Status.ok
        got = sum(v for v in map(_part_value, parts) if v is not None)
        shown = " + ".join(_part_label(p) for p in parts)
        reason = (f"{shown} = {got} = {total}" if status is Status.ok
                  else f"{shown} = {got}, but the total is {total}")
        yield Result(article_id=str(rec.get("id")), title=rec.get("title"), check="internal", status=status,
                     reason=reason, subject=f"{chk.get('kind', 'sum')} of {total}",
                     reported={"kind": chk.get("kind"), "total": total, "parts": parts,
                               "record_status": chk.get("status")},
                     evidence=evidence_of(rec.get("text") or "", chk.get("span")))



def _as_dict(rec: Article | dict[str, Any]) -> dict[str, Any]:
    return rec.model_dump(mode="json") if isinstance(rec, BaseModel) else rec


def check_records(records: Iterable[Article | dict[str, Any]], reg: Registry,
                  tolerance: float = TOLERANCE) -> list[Result]:
    """Every comparison for every record: counts, then documents, then internal checks.

    Args:
        records: :class:`~extractor.record.Article` records or their JSON dicts.
        reg: the registers (:func:`load_registers`).
        tolerance: of ``gần`` and ``khoảng``.

    Returns:
        The results in record order.
    """
    out: list[Result] = []
    for rec in records:
        d = _as_dict(rec)
        for c in d.get("counts") or []:
            try:
                out.append(check_count(c, d, reg, tolerance))
            except (KeyError, TypeError, ValueError) as exc:  # an odd record never stops the report
                log.warning("%s: count %r not checked: %s", d.get("id"), c.get("text"), exc)
        for doc in d.get("documents") or []:
            try:
                out.append(check_document(doc, d, reg))
            except (KeyError, TypeError, ValueError) as exc:
                log.warning("%s: document %r not checked: %s", d.get("id"), doc.get("symbol"), exc)
        out.extend(internal_results(d))
    return out
