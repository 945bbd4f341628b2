"""Check the figures and documents the press reported against official registers.

    extractor check RECORDS... --registry FILE... [--json OUT.json] [--csv OUT.csv]
                    [--html OUT.html] [--strict] [--tolerance 0.1]

A researcher holds a province's register of "Dân vận khéo" models, or a register of party
and state documents, and wants every count and every cited sign of the records checked
against it. The steps, in order:

1. :func:`load_registers` reads CSV/YAML registers (format: ``docs/registry.md``) into
   :class:`CountRow` / :class:`DocumentRow`, resolving unit names to statistics office
   codes through the gazetteer, so that name variants and tone placement do not matter.
2. :func:`check_count` finds the count rows for the same unit (by code; by normalised
   name and level when a side has no code), the same category and an overlapping period,
   and judges the reported value by its qualifier (:func:`judge`).
3. :func:`check_document` finds the document rows with the same sign (or, for
   ``Nghị quyết số 110``, the same kind and number) whose scope is a unit the article
   names, and compares the date, issuer and kind.
4. The record's own arithmetic ``checks`` (``ok`` / ``mismatch``) join the report.
5. :func:`write_json`, :func:`write_csv`, :func:`write_html` write the report.

Every result carries its status, a one-line reason, the register row(s) with their file and
line, and the evidence: the span, its text and the sentence around it in the record.
"""
from __future__ import annotations

import argparse
import base64
import csv
import functools
import hashlib
import html
import io
import json
import logging
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from ..record import Article, CountCategory, Level
from ..text.norm import LOOKALIKES, fold, tone_key
from .dataset import read_records

log = logging.getLogger(__name__)

#: Relative tolerance of ``gần`` (nearly) and ``khoảng`` (about). ``gần 2.000`` holds for
#: 1.800–2.000 and ``khoảng 500`` for 450–550: a reporter who rounds by more than a tenth
#: would pick the next round number (``gần 1.800``, ``khoảng 400``). Override: ``--tolerance``.
TOLERANCE = 0.10

#: Vague orders (``hàng trăm``, ``hàng nghìn``, ``hàng vạn``) are counts with qualifier
#: ``about`` and the order as value (SCHEMA); they hold for order ≤ v < 10 × order.
VAGUE_ORDER = re.compile(r"^\s*hang\s+(chuc|trăm|nghin|ngan|van|triêu)\b")  # on fold(): tones gone, ă/ê kept

#: The 1 July 2025 reorganisation: register rows and counts dated before it use the
#: pre-2025 codes, after it the 2025 codes (the gazetteer's two eras).
ERA_2025_START = date(2025, 7, 1)

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


class RegistryError(ValueError):
    """A register file is missing, malformed or has a row that breaks the format (E-REG)."""


# -- dates ---------------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def date_interval(value: str) -> tuple[date, date]:
    """The days a reduced-precision ISO date covers.

    Args:
        value: ``"2023-12-04"``, ``"2023-12"`` or ``"2023"``.

    Returns:
        ``(first day, last day)``.

    Raises:
        ValueError: when ``value`` is not such a date.

    >>> date_interval("2020-02")
    (datetime.date(2020, 2, 1), datetime.date(2020, 2, 29))
    """
    m = _ISO.match(value.strip())
    if not m:
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    y, mo, d = int(m[1]), m[2], m[3]
    if d:
        day = date(y, int(mo), int(d))
        return day, day
    if mo:
        first = date(y, int(mo), 1)
        nxt = date(y + (first.month == 12), first.month % 12 + 1, 1)
        return first, nxt - timedelta(days=1)
    return date(y, 1, 1), date(y, 12, 31)


def _interval_or_none(value: str | None) -> tuple[date, date] | None:
    if not value:
        return None
    try:
        return date_interval(value)
    except ValueError:
        return None


def _overlap(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    """Whether two intervals share a day; an unknown side overlaps everything."""
    if a is None or b is None:
        return True
    return a[0] <= b[1] and b[0] <= a[1]


def _era_of(interval: tuple[date, date] | None) -> str | None:
    if interval is None:
        return None
    if interval[1] < ERA_2025_START:
        return "pre2025"
    if interval[0] >= ERA_2025_START:
        return "2025"
    return None


# -- units ---------------------------------------------------------------------------------

_CODE_WIDTH = {"province": 2, "district": 3, "commune": 5}


@dataclass(frozen=True)
class UnitRef:
    """An administrative unit as either side knows it: code and era where known, names always."""

    level: str
    code: str | None = None
    era: str | None = None
    names: frozenset[str] = frozenset()   # tone_key of the canonical name(s)
    province: str | None = None           # tone_key of the parent province, where known
    label: str = ""

    def matches(self, other: UnitRef) -> bool:
        """Same unit: same level and code (and era when both know it), else same name and province."""
        if self.level != other.level:
            return False
        if self.code and other.code:
            return self.code == other.code and (self.era is None or other.era is None or self.era == other.era)
        if self.names & other.names:
            return self.province is None or other.province is None or self.province == other.province
        return False


def _gazetteer():
    from .. import gazetteer

    return gazetteer


def _canonical(name: str, level: str) -> str:
    """The gazetteer's name for a variant (``TP HCM`` → ``Hồ Chí Minh``); tone placement ignored."""
    alias = _gazetteer().aliases().get((level, tone_key(name)))
    return alias or name


def _pad(code: str | None, level: str) -> str | None:
    if code is None:
        return None
    code = str(code).strip()
    if not code:
        return None
    if not code.isdigit():
        raise ValueError(f"a unit code is digits only: {code!r}")
    return code.zfill(_CODE_WIDTH.get(level, len(code)))


def make_unit(level: str, name: str | None = None, code: str | None = None, era: str | None = None,
              province: str | None = None, when: tuple[date, date] | None = None) -> UnitRef:
    """A :class:`UnitRef` completed from the gazetteer: a name gets its code, a code its name.

    Args:
        level: province / district / commune / village.
        name: the unit's name as written (``"Na Rì"``, ``"huyện"`` words not included).
        code: its statistics office code (zero-padded here: ``"66"`` → ``"066"``).
        era: ``"pre2025"`` or ``"2025"``; else taken from ``when``.
        province: the parent province's name, to tell apart units of the same name.
        when: the days the fact holds for.

    Returns:
        The reference; the code stays None when the name is unknown or not unique.

    >>> u = make_unit("district", name="Na Rì", province="Bắc Kạn", when=date_interval("2023"))
    >>> (u.code, u.era)
    ('066', 'pre2025')
    """
    gz = _gazetteer()
    g = gz.get()
    code = _pad(code, level)
    era = era or _era_of(when)
    names: set[str] = set()
    prov_key = tone_key(_canonical(province, "province")) if province else None
    label = name or ""
    if name:
        names.add(tone_key(_canonical(name, level)))
    if code is None and name and level in _CODE_WIDTH:
        found = [u for u in g.lookup(name, level, era=era)
                 if prov_key is None or level == "province" or tone_key(u.province or "") == prov_key]
        codes = {u.code for u in found}
        if len(codes) == 1:  # Lạng Sơn is 20 in both eras: the code is sure, the era may stay open
            code = next(iter(codes))
            eras_found = {u.era for u in found}
            era = era or (next(iter(eras_found)) if len(eras_found) == 1 else None)
    if code is not None and level in _CODE_WIDTH:
        eras = [era] if era else ["pre2025", "2025"]
        for e in eras:
            u = g.by_code.get((e, level, code))
            if u is not None:
                names.add(tone_key(u.name))
                label = label or u.name
                if prov_key is None and level != "province" and u.province:
                    prov_key = tone_key(u.province)
    if level == "province":
        prov_key = None
    label = f"{label or '?'} ({level}{' ' + code if code else ''})"
    return UnitRef(level=level, code=code, era=era, names=frozenset(names), province=prov_key, label=label)


# -- register rows -------------------------------------------------------------------------

_GROUPED = re.compile(r"^\d{1,3}(?:[.,\s]\d{3})+$")


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, use_enum_values=True)

    source: str | None = None
    note: str | None = None
    _where: str = PrivateAttr("")

    @property
    def where(self) -> str:
        """``file:line`` of the row."""
        return self._where


class CountRow(_Row):
    """One row of a count register: how many models a unit had, in a period, of a category."""

    unit_code: str | None = None
    unit: str | None = None
    level: Level
    province: str | None = None
    era: str | None = None
    as_of: str | None = None
    from_: str | None = Field(None, alias="from")
    to: str | None = None
    category: CountCategory
    field: str | None = None
    value: int

    @field_validator("value", mode="before")
    @classmethod
    def _grouped(cls, v: Any) -> Any:
        if isinstance(v, str):
            s = v.strip()
            if _GROUPED.match(s):  # "2.011", "2,011", "2 011": a register count is an integer
                return re.sub(r"\D", "", s)
            return s
        return v

    @field_validator("as_of", "from_", "to")
    @classmethod
    def _iso(cls, v: str | None) -> str | None:
        if v is not None:
            date_interval(v)
        return v

    @field_validator("era")
    @classmethod
    def _era(cls, v: str | None) -> str | None:
        if v not in (None, "pre2025", "2025"):
            raise ValueError("era is 'pre2025' or '2025'")
        return v

    @model_validator(mode="after")
    def _complete(self) -> CountRow:
        if not (self.unit_code or self.unit):
            raise ValueError("a count row needs unit_code or unit (a name)")
        if self.as_of and (self.from_ or self.to):
            raise ValueError("give either as_of or from/to, not both")
        if self.value < 0:
            raise ValueError("value must not be negative")
        self.unit_code = _pad(self.unit_code, self.level)
        return self

    def interval(self) -> tuple[date, date] | None:
        """The days the row holds for; None when it gives no period."""
        if self.as_of:
            return date_interval(self.as_of)
        if self.from_ or self.to:
            lo = date_interval(self.from_)[0] if self.from_ else date.min
            hi = date_interval(self.to)[1] if self.to else date.max
            return lo, hi
        return None

    def period(self) -> str:
        """The period as written, for reports."""
        if self.as_of:
            return self.as_of
        if self.from_ or self.to:
            return f"{self.from_ or '…'}..{self.to or '…'}"
        return "any"


class DocumentRow(_Row):
    """One row of a document register: a numbered document with its date and issuer."""

    sign: str | None = None
    number: str | None = None
    kind: str | None = None
    issued: str | None = None
    issuer: str | None = None
    subject: str | None = None
    scope: str | None = None
    scope_level: Level | None = None
    scope_code: str | None = None

    @field_validator("issued")
    @classmethod
    def _iso(cls, v: str | None) -> str | None:
        if v is not None:
            date_interval(v)
        return v

    @model_validator(mode="after")
    def _complete(self) -> DocumentRow:
        if not (self.sign or (self.number and self.kind)):
            raise ValueError("a document row needs a sign, or a kind and a number")
        if (self.scope or self.scope_code) and not self.scope_level:
            raise ValueError("scope needs scope_level (province or district)")
        if self.number is None and self.sign:
            m = re.match(r"\d+", norm_sign(self.sign))
            self.number = m.group(0) if m else None
        if self.scope_level:
            self.scope_code = _pad(self.scope_code, self.scope_level)
        return self


def norm_sign(sign: str) -> str:
    """A document sign for matching: look-alikes mapped, no spaces, upper case.

    >>> norm_sign("05 - CT/TU"), norm_sign("06-ĐA/TU") == norm_sign("06-\\N{LATIN CAPITAL LETTER ETH}A/tu")
    ('05-CT/TU', True)
    """
    s = "".join(LOOKALIKES.get(c, c) for c in sign)
    return re.sub(r"\s+", "", s).upper()


def _number_key(number: str | None) -> str | None:
    if not number:
        return None
    m = re.match(r"\s*0*(\d+)", number)
    return m.group(1) if m else number.strip().upper()


@dataclass
class Registry:
    """The rows of every register file given, with their units resolved."""

    counts: list[CountRow] = field(default_factory=list)
    documents: list[DocumentRow] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    _count_units: list[UnitRef] = field(default_factory=list)
    _doc_scopes: list[UnitRef | None] = field(default_factory=list)

    def add_count(self, row: CountRow) -> None:
        """Add a count row, resolving its unit to a code where the gazetteer can."""
        self.counts.append(row)
        self._count_units.append(make_unit(row.level, name=row.unit, code=row.unit_code, era=row.era,
                                           province=row.province, when=row.interval()))

    def add_document(self, row: DocumentRow) -> None:
        """Add a document row, resolving its scope unit."""
        self.documents.append(row)
        scope = None
        if row.scope_level:
            scope = make_unit(row.scope_level, name=row.scope, code=row.scope_code)
        self._doc_scopes.append(scope)

    def count_rows(self) -> Iterator[tuple[CountRow, UnitRef]]:
        """Count rows with their resolved unit."""
        return zip(self.counts, self._count_units)

    def document_rows(self) -> Iterator[tuple[DocumentRow, UnitRef | None]]:
        """Document rows with their resolved scope."""
        return zip(self.documents, self._doc_scopes)


_NULLS = {"", "~", "null", "none", "NULL", "None"}


def _clean_cell(v: Any) -> Any:
    if isinstance(v, str):
        v = v.strip()
        return None if v in _NULLS else v
    return v


def _build_row(kind: str, data: dict[str, Any], where: str) -> CountRow | DocumentRow:
    data = {str(k).strip().lower(): _clean_cell(v) for k, v in data.items()}
    data = {k: v for k, v in data.items() if v is not None}
    model = CountRow if kind == "counts" else DocumentRow
    try:
        row = model.model_validate(data)
    except ValidationError as exc:
        msgs = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'row'}: {e['msg']}" for e in exc.errors())
        raise RegistryError(f"E-REG {where}: {msgs}") from None
    row._where = where
    return row


def _read_csv(path: Path) -> Iterator[tuple[str, dict[str, Any], str]]:
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)
    skip = 0
    while skip < len(lines) and (lines[skip].lstrip().startswith("#") or not lines[skip].strip()):
        skip += 1
    reader = csv.DictReader(io.StringIO("".join(lines[skip:])))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "sign" in header:
        kind = "documents"
    elif "value" in header:
        kind = "counts"
    else:
        raise RegistryError(f"E-REG {path}: a CSV register needs a 'value' column (counts) or a 'sign' column "
                            f"(documents); found {', '.join(header) or 'no header'}")
    for rec in reader:
        where = f"{path}:{reader.line_num + skip}"
        if None in rec:
            raise RegistryError(f"E-REG {where}: more cells than columns")
        first = next(iter(rec.values()), None) or ""
        if not any((v or "").strip() for v in rec.values()) or first.lstrip().startswith("#"):
            continue
        yield kind, rec, where


class _RegisterLoader(yaml.BaseLoader):
    """YAML with every scalar kept as written (``066`` stays a string, not octal 54),
    duplicate keys rejected and each mapping's line remembered."""

    def construct_mapping(self, node, deep=False):  # noqa: D102
        seen: set[str] = set()
        for key_node, _ in node.value:
            key = key_node.value
            if key in seen:
                raise RegistryError(f"E-REG {self.name}:{key_node.start_mark.line + 1}: duplicate key {key!r}")
            seen.add(key)
        mapping = super().construct_mapping(node, deep=True)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def _read_yaml(path: Path) -> Iterator[tuple[str, dict[str, Any], str]]:
    with path.open(encoding="utf-8") as fh:
        loader = _RegisterLoader(fh)
        loader.name = str(path)
        try:
            doc = loader.get_single_data()
        except yaml.YAMLError as exc:
            raise RegistryError(f"E-REG {path}: not valid YAML: {exc}") from None
        finally:
            loader.dispose()
    if doc is None or doc == "":
        return
    if not isinstance(doc, dict):
        raise RegistryError(f"E-REG {path}: a YAML register is a mapping with 'counts' and/or 'documents'")
    doc.pop("__line__", None)
    unknown = set(doc) - {"about", "counts", "documents"}
    if unknown:
        raise RegistryError(f"E-REG {path}: unknown top-level key(s) {', '.join(sorted(unknown))}; "
                            "known: about, counts, documents")
    for kind in ("counts", "documents"):
        rows = doc.get(kind) or []
        if not isinstance(rows, list):
            raise RegistryError(f"E-REG {path}: '{kind}' must be a list of rows")
        for i, rec in enumerate(rows):
            if not isinstance(rec, dict):
                raise RegistryError(f"E-REG {path}: {kind}[{i}] is not a mapping")
            line = rec.pop("__line__", "?")
            yield kind, rec, f"{path}:{line}"


def load_registers(paths: Iterable[str | Path]) -> Registry:
    """Read count and document registers from CSV and YAML files.

    Args:
        paths: register files; ``.csv`` holds counts or documents (by its header),
            ``.yaml``/``.yml`` holds ``counts:`` and/or ``documents:`` lists.

    Returns:
        The :class:`Registry` of all their rows.

    Raises:
        RegistryError: naming the file and line of the first bad row.
    """
    reg = Registry()
    for p in paths:
        path = Path(p)
        if not path.is_file():
            raise RegistryError(f"E-REG {path}: no such register file")
        suffix = path.suffix.lower()
        if suffix == ".csv":
            items = _read_csv(path)
        elif suffix in (".yaml", ".yml"):
            items = _read_yaml(path)
        else:
            raise RegistryError(f"E-REG {path}: a register is .csv, .yaml or .yml")
        try:
            for kind, data, where in items:
                row = _build_row(kind, data, where)
                if isinstance(row, CountRow):
                    reg.add_count(row)
                else:
                    reg.add_document(row)
        except UnicodeDecodeError as exc:
            raise RegistryError(f"E-REG {path}: not UTF-8 ({exc.reason})") from None
        except ValueError as exc:
            if isinstance(exc, RegistryError):
                raise
            raise RegistryError(f"E-REG {path}: {exc}") from None
        reg.files.append(str(path))
    log.info("registers: %d count rows, %d document rows from %d files", len(reg.counts), len(reg.documents),
             len(reg.files))
    return reg


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
    n, v, tol = Fraction(str(reported)), Fraction(str(register)), Fraction(str(tolerance))
    if qualifier == "more_than":
        return v > n, f"trên {reported}: v > {reported}"
    if qualifier == "less_than":
        return v < n, f"dưới {reported}: v < {reported}"
    if qualifier == "nearly":
        lo = n * (1 - tol)
        return lo <= v <= n, f"gần {reported}: {_num(lo)} ≤ v ≤ {reported}"
    if qualifier == "about":
        if VAGUE_ORDER.match(fold(text)):
            return n <= v < 10 * n, f"{text.split()[0]} {text.split()[1]}: {reported} ≤ v < {_num(10 * n)}"
        return abs(v - n) <= tol * n, f"khoảng {reported}: {_num(n - tol * n)} ≤ v ≤ {_num(n + tol * n)}"
    if qualifier != "exact":
        log.warning("unknown qualifier %r judged as exact", qualifier)
    return v == n, f"exact: v = {reported}"


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

#: Names the press uses interchangeably for one party committee: ``Nghị quyết số 110 của Đảng
#: bộ tỉnh Bắc Giang`` is a resolution of the Tỉnh ủy, whether its Ban Chấp hành or Ban
#: Thường vụ signed it (the seed articles write all of these). Issuers are compared with each
#: group folded to its key, so only a different body (HĐND, Bộ Chính trị vs Ban Bí thư, a
#: district instead of the province) is a contradiction.
ISSUER_BODIES: dict[str, tuple[str, ...]] = {
    "tỉnh ủy": ("ban thường vụ tỉnh ủy", "ban chấp hành đảng bộ tỉnh", "ban chấp hành tỉnh ủy",
                "thường trực tỉnh ủy", "tỉnh ủy", "đảng bộ tỉnh"),
    "thành ủy": ("ban thường vụ thành ủy", "ban chấp hành đảng bộ thành phố", "thường trực thành ủy",
                 "thành ủy", "đảng bộ thành phố"),
    "huyện ủy": ("ban thường vụ huyện ủy", "ban chấp hành đảng bộ huyện", "thường trực huyện ủy",
                 "huyện ủy", "đảng bộ huyện"),
    "thị ủy": ("ban thường vụ thị ủy", "ban chấp hành đảng bộ thị xã", "thị ủy", "đảng bộ thị xã"),
    "quận ủy": ("ban thường vụ quận ủy", "ban chấp hành đảng bộ quận", "quận ủy", "đảng bộ quận"),
}


def _words(s: str) -> list[str]:
    return tone_key(re.sub(r"[^\w\s]", " ", s)).split()


@functools.lru_cache(maxsize=1)
def _body_variants() -> list[tuple[list[str], str]]:
    out = [(_words(v), "<" + "_".join(_words(key)) + ">") for key, vs in ISSUER_BODIES.items() for v in vs]
    return sorted(out, key=lambda x: -len(x[0]))


def _issuer_words(s: str) -> list[str]:
    """An issuer's words with the names of one party committee folded to one token.

    >>> _issuer_words("Đảng bộ tỉnh Bắc Giang") == _issuer_words("Ban Thường vụ Tỉnh uỷ Bắc Giang")
    True
    """
    words = _words(s)
    for variant, token in _body_variants():
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


# -- the report ----------------------------------------------------------------------------

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


def summarize(results: list[Result], reg: Registry, n_records: int, tolerance: float) -> dict[str, Any]:
    """Counts per status and per kind of check, with what was read."""
    by_status = Counter(str(r.status) for r in results)
    by_check: dict[str, dict[str, int]] = {}
    for r in results:
        by_check.setdefault(r.check, Counter())[str(r.status)] += 1  # type: ignore[index]
    return {"records": n_records, "comparisons": len(results),
            "by_status": {str(s): by_status.get(str(s), 0) for s in Status},
            "by_check": {k: dict(v) for k, v in by_check.items()},
            "registers": reg.files, "register_rows": {"counts": len(reg.counts), "documents": len(reg.documents)},
            "tolerance": tolerance}


def report_dict(results: list[Result], summary: dict[str, Any]) -> dict[str, Any]:
    """The JSON report: ``{"summary": …, "results": […]}``."""
    return {"summary": summary, "results": [r.to_dict() for r in results]}


CSV_COLUMNS = ["article_id", "check", "status", "subject", "reported", "register_value", "register_where",
               "register_source", "evidence", "span_start", "span_end", "reason"]


def _reported_text(r: Result) -> str:
    p = r.reported
    if r.check == "count":
        return f"{QUALIFIER_WORD.get(p.get('qualifier') or 'exact', '')}{vn_number(p.get('value'))}"
    if r.check == "document":
        return "; ".join(f"{k}={p[k]}" for k in ("kind", "issued", "issuer") if p.get(k))
    return f"{p.get('total')} = {' + '.join(_part_label(x) for x in p.get('parts') or [])}"


def _register_value(row: dict[str, Any], check: str) -> str:
    if check == "count":
        return str(row.get("value", ""))
    return "; ".join(f"{k}={row[k]}" for k in ("kind", "issued", "issuer") if row.get(k))


def csv_rows(results: list[Result]) -> Iterator[dict[str, Any]]:
    """One CSV row per result (register rows joined with `` | `` when several applied)."""
    for r in results:
        ev = r.evidence or {}
        span = ev.get("span") or [None, None]
        yield {"article_id": r.article_id, "check": r.check, "status": str(r.status), "subject": r.subject,
               "reported": _reported_text(r),
               "register_value": " | ".join(_register_value(x, r.check) for x in r.register),
               "register_where": " | ".join(x.get("where", "") for x in r.register),
               "register_source": " | ".join(x.get("source") or "" for x in r.register),
               "evidence": ev.get("text"), "span_start": span[0], "span_end": span[1], "reason": r.reason}


def write_json(report: dict[str, Any], out: str) -> None:
    """Write the report as JSON (``-``: stdout)."""
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    if out == "-":
        sys.stdout.write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")


#: First characters that make a spreadsheet read a cell as a formula (and tab/CR, which
#: some strip before looking): ``=HYPERLINK(…)`` in an article's text must stay text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(v: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a string starting like a formula gets a ``'``.

    >>> safe_cell("=1+2"), safe_cell("-5 mô hình"), safe_cell("2.011 mô hình"), safe_cell(12)
    ("'=1+2", "'-5 mô hình", '2.011 mô hình', 12)
    """
    return "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v


def write_csv(results: list[Result], out: str) -> None:
    """Write the results as CSV, UTF-8 (``-``: stdout); formula-like cells neutralised (:func:`safe_cell`)."""
    fh = sys.stdout if out == "-" else open(out, "w", encoding="utf-8", newline="")
    try:
        w = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        w.writeheader()
        w.writerows({k: safe_cell(v) for k, v in row.items()} for row in csv_rows(results))
    finally:
        if fh is not sys.stdout:
            fh.close()


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:2rem auto;max-width:70rem;
 padding:0 1rem;color:#1d1d1f;line-height:1.45}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ddd;padding:.3rem .5rem;
 vertical-align:top;text-align:left}th{background:#f4f4f6}
.badge{display:inline-block;padding:.05rem .45rem;border-radius:.6rem;font-size:.8rem;font-weight:600;color:#fff}
.contradiction,.mismatch{background:#c62828}.ambiguous{background:#ef6c00}.no_register_entry{background:#757575}
.consistent,.ok{background:#2e7d32}
.card{border:1px solid #ddd;border-left:6px solid #c62828;border-radius:4px;padding:.6rem 1rem;margin:1rem 0}
.card.ambiguous-card{border-left-color:#ef6c00}
.sentence{background:#fafafa;padding:.5rem;border-radius:4px;font-family:Georgia,serif}
mark{background:#ffe082;padding:0 .1rem}.muted{color:#666;font-size:.85rem}
"""


def _e(x: Any) -> str:
    return html.escape("" if x is None else str(x))


def _highlighted(ev: dict[str, Any] | None) -> str:
    if not ev:
        return '<span class="muted">(no evidence span)</span>'
    ss, _ = ev["sentence_span"]
    s, e = ev["span"]
    sent = ev["sentence"]
    a, b = s - ss, e - ss
    return f'<div class="sentence">{_e(sent[:a])}<mark>{_e(sent[a:b])}</mark>{_e(sent[b:])}</div>'


def _register_table(r: Result) -> str:
    if not r.register:
        return ""
    keys = ["value", "period", "sign", "kind", "issued", "issuer", "verdict", "rule", "source", "where"]
    rows = []
    for x in r.register:
        x = dict(x)
        if "value" in x:
            x["period"] = x.get("as_of") or (f"{x.get('from', '…')}..{x.get('to', '…')}"
                                             if ("from" in x or "to" in x) else "any")
        rows.append(x)
    used = [k for k in keys if any(k in x for x in rows)]
    head = "".join(f"<th>{_e(k)}</th>" for k in used)
    body = "".join("<tr>" + "".join(f"<td>{_e(x.get(k))}</td>" for k in used) + "</tr>" for x in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


#: The page's policy: nothing may load or run; only its own stylesheet (by hash) applies.
CSP = ("default-src 'none'; style-src 'sha256-"
       + base64.b64encode(hashlib.sha256(_CSS.encode("utf-8")).digest()).decode("ascii")
       + "'; img-src data:; base-uri 'none'; form-action 'none'")


def render_html(report: dict[str, Any], results: list[Result]) -> str:
    """A self-contained page (no script, no external file): summary, each discrepancy with its
    sentence and the evidence highlighted, then every other comparison. A
    Content-Security-Policy (:data:`CSP`) keeps the browser from running or loading anything."""
    s = report["summary"]
    badges = " ".join(f'<span class="badge {_e(k)}">{_e(k)} {v}</span>' for k, v in s["by_status"].items() if v)
    parts = ["<!DOCTYPE html>", '<html lang="vi"><head><meta charset="utf-8">',
             f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
             "<title>extractor check: register report</title>", f"<style>{_CSS}</style></head><body>",
             "<h1>Reported figures checked against the registers</h1>",
             f"<p>{s['records']} records, {s['comparisons']} comparisons against "
             f"{s['register_rows']['counts']} count rows and {s['register_rows']['documents']} document rows "
             f"({', '.join(_e(f) for f in s['registers'])}). Tolerance of <i>gần</i>/<i>khoảng</i>: "
             f"{s['tolerance']:.0%}.</p>", f"<p>{badges}</p>"]
    bad = [r for r in results if r.status in (Status.contradiction, Status.mismatch, Status.ambiguous)]
    parts.append(f"<h2>Discrepancies ({len(bad)})</h2>")
    if not bad:
        parts.append("<p>None: nothing the articles say contradicts the registers.</p>")
    for r in bad:
        cls = "card ambiguous-card" if r.status is Status.ambiguous else "card"
        parts.append(f'<div class="{cls}"><p><span class="badge {_e(r.status)}">{_e(r.status)}</span> '
                     f"<b>{_e(r.check)}</b>: {_e(r.subject)}<br><span class=\"muted\">{_e(r.article_id)}"
                     f"{' — ' + _e(r.title) if r.title else ''}</span></p>{_highlighted(r.evidence)}"
                     f"<p>{_e(r.reason)}</p>{_register_table(r)}</div>")
    bad_ids = {id(r) for r in bad}
    rest = [r for r in results if id(r) not in bad_ids]
    parts.append(f"<h2>Other comparisons ({len(rest)})</h2>")
    if rest:
        parts.append("<table><tr><th>status</th><th>article</th><th>check</th><th>subject</th>"
                     "<th>sentence</th><th>reason</th></tr>")
        for r in rest:
            parts.append(f'<tr><td><span class="badge {_e(r.status)}">{_e(r.status)}</span></td>'
                         f"<td>{_e(r.article_id)}</td><td>{_e(r.check)}</td><td>{_e(r.subject)}</td>"
                         f"<td>{_highlighted(r.evidence)}</td><td>{_e(r.reason)}</td></tr>")
        parts.append("</table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


# -- records in ----------------------------------------------------------------------------

# -- command line --------------------------------------------------------------------------

def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``extractor check`` (shared by :func:`main` and the main CLI)."""
    p.add_argument("records", nargs="+", help="record JSONL files (from extractor extract)")
    p.add_argument("--registry", nargs="+", action="extend", required=True, metavar="FILE",
                   help="register files, .csv or .yaml (format: docs/registry.md)")
    p.add_argument("--json", default=None, metavar="OUT.json", help="the full report as JSON (- for stdout)")
    p.add_argument("--csv", default=None, metavar="OUT.csv", help="one row per comparison")
    p.add_argument("--html", default=None, metavar="OUT.html", help="a self-contained page for people")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 when any comparison is a contradiction or an internal check a mismatch")
    p.add_argument("--tolerance", type=float, default=TOLERANCE,
                   help=f"relative tolerance of gần/khoảng (default {TOLERANCE})")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")


def run(args: argparse.Namespace) -> int:
    """Run ``extractor check``: 0 done, 1 ``--strict`` and something contradicts, 2 bad input."""
    if not 0 <= args.tolerance < 1:
        print("extractor check: --tolerance is a fraction in [0, 1), e.g. 0.1", file=sys.stderr)
        return 2
    missing = [p for p in args.records if not Path(p).is_file()]
    if missing:
        print(f"extractor check: no such records file: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        reg = load_registers(args.registry)
    except RegistryError as exc:
        print(f"extractor check: {exc}", file=sys.stderr)
        return 2
    seen = Counter()

    def counted() -> Iterator[dict[str, Any]]:  # records stream through; only the results are kept
        for rec in read_records(args.records):
            seen["records"] += 1
            yield rec

    try:
        results = check_records(counted(), reg, args.tolerance)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"extractor check: cannot read records: {exc}", file=sys.stderr)
        return 2
    summary = summarize(results, reg, seen["records"], args.tolerance)
    report = report_dict(results, summary)
    try:
        if args.json or not (args.csv or args.html):
            write_json(report, args.json or "-")
        if args.csv:
            write_csv(results, args.csv)
        if args.html:
            Path(args.html).write_text(render_html(report, results), encoding="utf-8")
    except OSError as exc:
        print(f"extractor check: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        shown = ", ".join(f"{v} {k}" for k, v in summary["by_status"].items() if v)
        print(f"extractor check: {summary['records']} records, {summary['comparisons']} comparisons: "
              f"{shown or 'nothing to check'}", file=sys.stderr)
    failing = sum(summary["by_status"][str(s)] for s in FAILING)
    return 1 if args.strict and failing else 0


def main(argv: list[str] | None = None) -> int:
    """``extractor check RECORDS... --registry FILE... [--json] [--csv] [--html] [--strict]``."""
    p = argparse.ArgumentParser(prog="extractor check",
                                description="Check reported counts and documents against official registers.")
    add_arguments(p)
    args = p.parse_args(argv)
    return run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
