"""Pattern files: they load, every rule is checked by its examples, and no third-party text is copied."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT, SHARED

from extractor import patterns
from extractor.text.norm import fold

RULES = [(pf.name, section, r) for pf in patterns.all_files() for section, rules in pf.rules.items() for r in rules]


def test_every_pattern_file_loads_with_provenance():
    files = patterns.all_files()
    assert {pf.name for pf in files} >= {"boilerplate", "counts", "documents", "figures", "models", "officials",
                                         "outlets", "places"}
    for pf in files:
        assert pf.meta["source"] and pf.meta["description"]


def _example_matches(rule: patterns.Rule) -> bool:
    examples = [fold(e) for e in rule.examples]
    for phrase in rule.phrases:
        if any(fold(phrase) in e for e in examples):
            return True
        for flags in (re.VERBOSE, 0):
            try:
                rx = re.compile(phrase, flags | re.IGNORECASE)
            except re.error:
                continue
            if any(rx.search(e) for e in rule.examples):
                return True
    return False


@pytest.mark.parametrize(("file", "section", "rule"), [r for r in RULES if r[2].phrases],
                         ids=[f"{f}:{r.id}" for f, _, r in RULES if r.phrases])
def test_rule_examples_show_the_rule(file, section, rule):
    """A phrase rule's examples contain one of its phrases; a regex rule's examples match it."""
    assert _example_matches(rule), f"{file}.yaml {section} {rule.id}: no example shows {rule.phrases[:3]}"


def test_no_third_party_text_in_the_project():
    if not (SHARED / "dev" / "passages.jsonl").exists():
        pytest.skip("../shared/dev not present")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_no_third_party_text.py")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout
