"""Every ``rule`` a record carries is the id of a YAML rule (issue 22): a record's rule can
always be traced to the pattern file, section, source and examples that made it."""
from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from conftest import CORPUS, SHARED

from extractor import patterns
from extractor.api import extract_many

RULE_IDS = {r.id for pf in patterns.all_files() for rules in pf.rules.values() for r in rules}


def rules_in(record: object, where: str = "") -> Iterator[tuple[str, str]]:
    """``(where, rule id)`` of every ``rule`` value (and ``rules`` list) in a record."""
    if isinstance(record, dict):
        for key, value in record.items():
            if key == "rule" and isinstance(value, str):
                yield where, value
            elif key == "rules" and isinstance(value, list):
                yield from ((where, v) for v in value if isinstance(v, str))
            else:
                yield from rules_in(value, f"{where}.{key}" if not where.endswith(key) else where)
    elif isinstance(record, list):
        for item in record:
            yield from rules_in(item, where)


def test_rules_in_walks_nested_records():
    rec = {"counts": [{"rule": "a", "parts": [{"rule": "b"}]}], "about_movement": {"rule": "c", "rules": ["d"]}}
    assert sorted(rules_in(rec)) == [(".about_movement", "c"), (".about_movement", "d"),
                                     (".counts", "a"), (".counts.parts", "b")]


def _records(texts: list[dict]) -> list[dict]:
    return [json.loads(a.model_dump_json()) for a in extract_many(texts)]


def test_every_rule_of_the_sample_corpus_is_a_yaml_rule():
    texts = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(CORPUS.glob("*.txt"))]
    found = [(w, r) for rec in _records(texts) for w, r in rules_in(rec)]
    assert found, "the sample corpus yields rules"
    assert sorted({(w, r) for w, r in found if r not in RULE_IDS}) == []


@pytest.mark.slow
def test_every_rule_of_the_dev_set_is_a_yaml_rule():
    path = SHARED / "dev" / "passages.jsonl"
    if not path.exists():
        pytest.skip("../shared/dev not present")
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    texts = [{"id": r["id"], "text": r["text"]} for r in rows]
    found = [(w, r) for rec in _records(texts) for w, r in rules_in(rec)]
    assert len(found) > 500
    assert sorted({(w, r) for w, r in found if r not in RULE_IDS}) == []
