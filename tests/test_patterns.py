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


#: What marks a pattern as a regular expression rather than a phrase ("TP." is a phrase).
_REGEX_SYNTAX = re.compile(r"[\\\[\]()?*+{}|^$]")


def _phrase_shown(phrase: str, example: str) -> bool:
    """``phrase`` occurs in ``example`` as whole words (folded: tone placement and case)."""
    p = fold(phrase).strip()
    if not p:
        return False
    # Word boundaries only where the phrase has a word character ("Q." may touch "Tân").
    left = r"(?<!\w)" if p[0].isalnum() else ""
    right = r"(?!\w)" if p[-1].isalnum() else ""
    return re.search(left + re.escape(p) + right, fold(example)) is not None


def _regex_shown(phrase: str, examples: list[str]) -> bool | None:
    """Whether an example matches ``phrase`` read as a regex; None if it compiles under no
    flags the fields use (verbose or not, case-insensitive)."""
    compiled = []
    for flags in (re.VERBOSE, 0):
        try:
            compiled.append(re.compile(phrase, flags | re.IGNORECASE))
        except re.error:
            continue
    if not compiled:
        return None
    return any(rx.search(e) for rx in compiled for e in examples)


def example_problem(rule: patterns.Rule) -> str | None:
    """Why no example of ``rule`` shows it (None: one does).

    A phrase counts only as whole words of an example, not as a substring ("xã" is not
    shown by "xãhội"); a pattern that is no phrase of any example must compile as a
    regular expression and match one.
    """
    broken = []
    for phrase in rule.phrases:
        if any(_phrase_shown(phrase, e) for e in rule.examples):
            return None
        if not _REGEX_SYNTAX.search(phrase):  # a plain phrase: whole words or nothing
            continue
        shown = _regex_shown(phrase, rule.examples)
        if shown:
            return None
        if shown is None:
            broken.append(phrase)
    if broken:
        return f"no example shows it and {broken[0]!r} does not compile as a regex"
    return f"no example shows {rule.phrases[:3]}"


@pytest.mark.parametrize(("phrases", "examples", "problem"), [
    (["xã"], ["xã Na Rì"], None),
    (["xã"], ["xãhội"], "no example shows ['xã']"),             # substring only
    (["Na"], ["tỉnh Nam Định"], "no example shows ['Na']"),      # a word's beginning is no word
    (["Q."], ["Q.Tân Bình"], None),                               # a dot may touch the next word
    (["hoà"], ["Thanh Hòa"], None),                               # tone placement folded
    (["[0-9]+ mô hình"], ["có 12 mô hình"], None),                # a regex that matches
    (["(?P<n>[0-9]+"], ["12"], "no example shows it and '(?P<n>[0-9]+' does not compile as a regex"),
    (["số \\d+"], ["không số"], "no example shows ['số \\\\d+']"),
])
def test_example_check_is_strict(phrases, examples, problem):
    rule = patterns.Rule(id="t", label="t", pattern=phrases, examples=examples)
    assert example_problem(rule) == problem


@pytest.mark.parametrize(("file", "section", "rule"), [r for r in RULES if r[2].phrases],
                         ids=[f"{f}:{r.id}" for f, _, r in RULES if r.phrases])
def test_rule_examples_show_the_rule(file, section, rule):
    """A phrase rule's examples contain one of its phrases; a regex rule's examples match it."""
    problem = example_problem(rule)
    assert problem is None, f"{file}.yaml {section} {rule.id}: {problem}"


def test_no_third_party_text_in_the_project():
    if not (SHARED / "dev" / "passages.jsonl").exists():
        pytest.skip("../shared/dev not present")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_no_third_party_text.py")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout
