"""Load the rule and lexicon files of ``patterns/`` once, validated, with their provenance.

Every file is a YAML mapping with a ``meta`` block (``source``, ``description`` and, under
``keys``, what each section means) and one or more sections. A section is either a list of
rules or a mapping kept as data (a table such as issuer codes). A rule is::

    {id, label, pattern, source?, examples, note?, data?}

``pattern`` is a phrase (str), a list of phrases, or a spaCy Matcher pattern (list of
dicts). ``id`` is unique across all pattern files and names the rule in every extraction it
produces (``rule`` fields of the record, ``Span.id_`` in spaCy). Files are read with
``yaml.safe_load`` semantics only; duplicate keys, unknown fields, duplicate ids or a rule
without an example fail at load time with :class:`PatternError` naming the file and line.
"""
from __future__ import annotations

import functools
import logging
import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

log = logging.getLogger(__name__)

#: Where pattern files live: the repository's ``patterns/`` (installed next to the package
#: as package data too); ``EXTRACTOR_PATTERNS`` overrides it for experiments and tests.
PATTERNS_DIR = Path(os.environ.get("EXTRACTOR_PATTERNS", Path(__file__).resolve().parent.parent / "patterns"))
if not PATTERNS_DIR.is_dir():  # installed from a wheel: the files ship as extractor/_patterns
    PATTERNS_DIR = Path(__file__).resolve().parent / "_patterns"


class PatternError(Exception):
    """A pattern file is missing, malformed or breaks the rule schema (E-PAT).

    Not a ValueError on purpose: field modules catch ValueError on odd input, and a broken
    rule file is no odd input but a broken installation that must end the run (exit 2).
    """


#: Alias budget of one pattern file: the nodes a document expands to with every alias
#: followed. Real files use no alias at all; a "billion laughs" file expands past any
#: budget while being a few lines long, and would hang whatever walks it afterwards.
MAX_EXPANDED_NODES = 200_000


class Rule(BaseModel):
    """One rule or lexicon entry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: str
    pattern: str | list[str] | list[dict[str, Any]]
    source: str | None = None
    examples: list[str]
    note: str | None = None
    data: dict[str, Any] | None = None

    @field_validator("examples")
    @classmethod
    def _has_example(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("a rule needs at least one example")
        return v

    @property
    def phrases(self) -> list[str]:
        """The pattern as a list of phrases (empty for a Matcher pattern)."""
        if isinstance(self.pattern, str):
            return [self.pattern]
        return [p for p in self.pattern if isinstance(p, str)]


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser: ~8× faster start-up
    """SafeLoader that rejects a key given twice in one mapping."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, Any] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen[key] = True
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _line_of(path: Path, needle: str, nth: int = 1) -> int | None:
    """The ``nth`` line (1-based) of a file that contains ``needle``, to point at a bad rule."""
    try:
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if needle in line:
                nth -= 1
                if nth == 0:
                    return i
    except OSError:
        return None
    return None


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Nodes of a composed YAML graph with every alias followed (memoised, so linear)."""
    key = id(node)
    if key not in memo:
        memo[key] = 0  # a recursive alias counts once: the budget check still ends
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        memo[key] = 1 + sum(_expanded_size(c, memo) for c in children)
    return memo[key]


def _safe_load(text: str, path: Path) -> Any:
    """``yaml.safe_load`` with unique keys and a bound on alias expansion (E-PAT010)."""
    loader = _UniqueKeyLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        size = _expanded_size(node, {})
        if size > MAX_EXPANDED_NODES:
            raise PatternError(f"E-PAT010 {path}:{node.start_mark.line + 1}: YAML aliases expand to {size:,} "
                               f"nodes (limit {MAX_EXPANDED_NODES:,})")
        return loader.construct_document(node)
    finally:
        loader.dispose()


def read_yaml(path: Path) -> dict[str, Any]:
    """Parse one pattern file; any problem becomes a PatternError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PatternError(f"E-PAT001 cannot read pattern file {path}: {exc}") from exc
    try:
        data = _safe_load(text, path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise PatternError(f"E-PAT002 malformed YAML at {where}: {exc}") from exc
    if not isinstance(data, dict) or "meta" not in data:
        raise PatternError(f"E-PAT003 {path}: a pattern file is a mapping with a 'meta' block")
    meta = data["meta"]
    if not isinstance(meta, dict) or not meta.get("source") or not meta.get("description"):
        raise PatternError(f"E-PAT004 {path}: 'meta' needs 'source' and 'description'")
    return data


class PatternFile:
    """One validated pattern file: its meta, rule sections and data sections."""

    def __init__(self, path: Path, data: dict[str, Any]):
        self.path = path
        self.name = path.stem
        self.meta: dict[str, Any] = data["meta"]
        self.rules: dict[str, list[Rule]] = {}
        self.tables: dict[str, Any] = {}
        for section, body in data.items():
            if section == "meta":
                continue
            if isinstance(body, list) and body and all(isinstance(x, dict) and "id" in x for x in body):
                self.rules[section] = [self._rule(section, x) for x in body]
            else:
                self.tables[section] = body

    def _rule(self, section: str, raw: dict[str, Any]) -> Rule:
        raw = dict(raw)
        raw.setdefault("source", self.meta.get("source"))
        try:
            return Rule.model_validate(raw)
        except ValidationError as exc:
            line = _line_of(self.path, f"id: {raw.get('id')}")
            where = f"{self.path}:{line}" if line else str(self.path)
            raise PatternError(f"E-PAT005 bad rule {raw.get('id')!r} in section {section!r} at {where}: {exc}") from exc

    def section(self, name: str) -> list[Rule]:
        """The rules of one section (PatternError if the file has no such section)."""
        try:
            return self.rules[name]
        except KeyError:
            raise PatternError(f"E-PAT006 {self.path} has no rule section {name!r}") from None

    def table(self, name: str) -> Any:
        """A data section (PatternError if absent)."""
        try:
            return self.tables[name]
        except KeyError:
            raise PatternError(f"E-PAT007 {self.path} has no data section {name!r}") from None


def _check_unique(pf: PatternFile) -> None:
    ids: set[str] = set()
    for section, rules in pf.rules.items():
        phrases: set[tuple[str, str]] = set()
        for r in rules:
            if r.id in ids:
                line = _line_of(pf.path, f"id: {r.id}", nth=2) or _line_of(pf.path, f"id: {r.id}")
                raise PatternError(f"E-PAT008 duplicate rule id {r.id!r} in {pf.path}:{line}")
            ids.add(r.id)
            for p in r.phrases:
                key = (r.label, p)
                if key in phrases:
                    raise PatternError(f"E-PAT009 {pf.path} section {section!r} lists {p!r} twice")
                phrases.add(key)


def load_path(path: Path) -> PatternFile:
    """Read and validate one pattern file (no cache: :class:`extractor.rules.Rules` keeps it)."""
    pf = PatternFile(path, read_yaml(path))
    _check_unique(pf)
    log.debug("loaded %s rules from %s", sum(len(v) for v in pf.rules.values()), path)
    return pf


@functools.cache
def load(name: str) -> PatternFile:
    """Load ``patterns/<name>.yaml`` once (cached: pattern files are read-only data).

    >>> load("boilerplate").meta["source"] != ""
    True
    """
    return load_path(PATTERNS_DIR / f"{name}.yaml")


def check_unique_across(files: list[PatternFile]) -> None:
    """A rule id names one rule of one file (E-PAT008 otherwise)."""
    seen: dict[str, str] = {}
    for pf in files:
        for rules in pf.rules.values():
            for r in rules:
                if r.id in seen:
                    raise PatternError(f"E-PAT008 rule id {r.id!r} in {pf.path} also in {seen[r.id]}")
                seen[r.id] = str(pf.path)


def all_files() -> list[PatternFile]:
    """Every pattern file, validated (used by tests and ``extractor patterns``)."""
    files = [load(p.stem) for p in sorted(PATTERNS_DIR.glob("*.yaml"))]
    check_unique_across(files)
    return files
