"""The article record: pydantic models of the output contract (``../shared/SCHEMA.md``).

Field names are the contract and must not change without a ``schema_version`` bump.
Extra fields (``rule``, ``code_era`` …) are additions the contract allows; they say which
rule produced an item and what a code means, so that every fact can be traced.

Every ``span``/``mentions`` pair is ``[start, end)`` into ``Article.text``;
:func:`validate_spans` checks that each one is real evidence.
"""
from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

Span = tuple[int, int]


class Level(StrEnum):
    province = "province"
    district = "district"
    commune = "commune"
    village = "village"


class Qualifier(StrEnum):
    exact = "exact"
    more_than = "more_than"
    nearly = "nearly"
    about = "about"
    less_than = "less_than"


class CountCategory(StrEnum):
    total = "total"
    new = "new"
    maintained = "maintained"
    recognized = "recognized"
    collective = "collective"
    individual = "individual"
    increase = "increase"
    by_field = "by_field"
    by_level = "by_level"  # a part of a total by tier (cấp tỉnh, cấp xã); added, issue 26
    target = "target"      # a planned number, not an achieved one; added, issue 26


class System(StrEnum):
    party = "party"
    state = "state"


class QuoteKind(StrEnum):
    direct = "direct"
    indirect = "indirect"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class Source(_Model):
    path: str | None = None
    url: str | None = None


class PlaceRef(_Model):
    """A short reference to a unit (the place a count or model holds for)."""

    name: str
    level: Level
    code: str | None = None
    province: str | None = None


class Locality(_Model):
    """One administrative unit the article names, with every mention."""

    name: str
    level: Level
    province: str | None = None
    district: str | None = None
    code: str | None = Field(None, description="statistics office code of the unit's era")
    code_era: str | None = Field(None, description="'pre2025' or '2025': codes are reused across eras")
    province_code: str | None = None
    district_code: str | None = None
    current_province: str | None = Field(
        None, description="the province this unit lies in since the 1 July 2025 merger")
    mentions: list[Span] = Field(default_factory=list)
    rule: str | None = None


class MainLocality(_Model):
    """The place the article is about."""

    province: str | None = None
    district: str | None = None
    commune: str | None = None
    province_code: str | None = None
    district_code: str | None = None
    commune_code: str | None = None
    current_province: str | None = None


class Document(_Model):
    kind: str
    number: str | None = None
    symbol: str | None = None
    system: System | None = None
    issuer_code: str | None = None
    issuer_meaning: str | None = Field(None, description="what issuer_code stands for")
    issuer: str | None = None
    issued: str | None = None
    subject: str | None = None
    mentions: list[Span] = Field(default_factory=list)
    rule: str | None = None


class Count(_Model):
    value: int
    qualifier: Qualifier = Qualifier.exact
    unit: str = "mô hình"
    category: CountCategory = CountCategory.total
    field: str | None = None
    part_of: int | None = None
    of_total: int | None = None
    locality: PlaceRef | None = None
    as_of: str | None = None
    level: str | None = None  # the tier: central, province, district, commune; added, issue 26
    text: str
    span: Span
    mentions: list[Span] = Field(default_factory=list)
    rule: str | None = None


class Figure(_Model):
    value: float | int
    qualifier: Qualifier = Qualifier.exact
    unit: str | None = None
    text: str
    span: Span
    rule: str | None = None


class Official(_Model):
    name: str
    title: str | None = None
    organization: str | None = None
    quote: str | None = None
    quote_kind: QuoteKind | None = None
    verb: str | None = None
    span: Span
    mentions: list[Span] = Field(default_factory=list)
    rule: str | None = None


class ModelExample(_Model):
    name: str
    field: str | None = None
    locality: PlaceRef | None = None
    span: Span
    rule: str | None = None


class Check(_Model):
    kind: str
    total: int | float
    parts: list[int | float]
    status: str
    span: Span | None = None


class Caption(_Model):
    """A photo caption kept apart from the body (still searched for places and models)."""

    text: str
    span: Span
    credit: str | None = None


class Relevance(_Model):
    """Whether the article is about the "Dân vận khéo" movement, with the evidence."""

    value: bool
    evidence: list[Span] = Field(default_factory=list)
    rule: str | None = None


class Article(_Model):
    schema_version: str = SCHEMA_VERSION
    id: str
    source: Source = Field(default_factory=Source)
    outlet: str | None = None
    origin_outlet: str | None = Field(
        None, description="the outlet a republished article credits ('(Theo baobackan.com.vn)'), else null")
    title: str | None = None
    published: str | None = None
    published_time: str | None = None
    authors: list[str] = Field(default_factory=list)
    photo_credits: list[str] = Field(default_factory=list)
    text: str
    captions: list[Caption] = Field(default_factory=list)
    locality: MainLocality | None = None
    localities: list[Locality] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)
    counts: list[Count] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    officials: list[Official] = Field(default_factory=list)
    models: list[ModelExample] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    about_movement: Relevance | None = Field(
        None, description="is the article about the 'Dân vận khéo' movement (fields/relevance.py)")
    warnings: list[str] = Field(default_factory=list)


class ErrorRecord(_Model):
    """What an article that could not be extracted leaves behind (one line, never lost)."""

    id: str
    source: Source = Field(default_factory=Source)
    stage: str
    error: str
    message: str
    #: The failure was the environment's (time bound on a loaded machine, a dead worker,
    #: memory), not the article's: ``extract --resume`` redoes it.
    retryable: bool = False


def iter_spans(article: Article) -> list[tuple[str, Span, str | None]]:
    """Every span of a record as ``(where, span, evidence text or None)``."""
    out: list[tuple[str, Span, str | None]] = []
    for c in article.captions:
        out.append(("captions", c.span, c.text))
    for loc in article.localities:
        out.extend(("localities", m, None) for m in loc.mentions)
    for d in article.documents:
        out.extend(("documents", m, None) for m in d.mentions)
    for c in article.counts:
        out.append(("counts", c.span, c.text))
        out.extend(("counts", m, None) for m in c.mentions)
    for f in article.figures:
        out.append(("figures", f.span, f.text))
    for o in article.officials:
        out.append(("officials", o.span, None))
        out.extend(("officials", m, None) for m in o.mentions)
    for m in article.models:
        out.append(("models", m.span, None))
    if article.about_movement:
        out.extend(("about_movement", ev, None) for ev in article.about_movement.evidence)
    return out


def validate_spans(article: Article) -> list[str]:
    """Problems with a record's spans: out of range, empty, or not matching their text."""
    problems = []
    n = len(article.text)
    for where, (s, e), evidence in iter_spans(article):
        if not (0 <= s < e <= n):
            problems.append(f"{where}: span {s}:{e} outside text of {n} chars")
        elif evidence is not None and article.text[s:e] != evidence:
            problems.append(f"{where}: text[{s}:{e}] != {evidence!r}")
    return problems


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the article record."""
    return Article.model_json_schema()
