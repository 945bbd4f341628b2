"""Register files in: count and document rows, unit references, date intervals.

:func:`load_registers` reads CSV/YAML registers (format: ``docs/registry.md``) into
:class:`CountRow` / :class:`DocumentRow`, resolving unit names to statistics office codes
through the gazetteer, so that name variants and tone placement do not matter.
"""
from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from ...record import CountCategory, Level
from ...text.norm import LOOKALIKES, tone_key

log = logging.getLogger(__name__)


#: The 1 July 2025 reorganisation: register rows and counts dated before it use the
#: pre-2025 codes, after it the 2025 codes (the gazetteer's two eras).
ERA_2025_START = date(2025, 7, 1)

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
    from ... import gazetteer

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
