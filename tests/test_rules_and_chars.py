"""The Rules object (one per patterns directory, tables compiled once per Rules) and the
character classes of ``text/chars.py``."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from extractor import patterns
from extractor.patterns import PatternError
from extractor.rules import Rules, default_rules
from extractor.text import chars


@pytest.mark.parametrize("word, upper", [
    ("Ở", True), ("ở", False), ("Ấp", True), ("ấp", False), ("Đông", True), ("đông", False),
    ("Ỹ", True), ("ỹ", False), ("An", True), ("1", False), ("", False), ("“Ông", False),
])
def test_upper_initial_is_case_aware(word: str, upper: bool) -> None:
    assert chars.is_upper_initial(word) is upper
    assert bool(re.match(chars.UPPER, word)) is upper


def test_hand_written_range_was_the_bug() -> None:
    # The class this module replaces matched lower-case letters: the reason it exists.
    assert re.match("[A-ZÀ-Ỹ]", "ở") and not re.match(chars.UPPER, "ở")
    assert len(chars.LOWER_LETTERS) == len(chars.UPPER_LETTERS) == 93


@pytest.mark.parametrize("phrases, expected", [
    (["thị", "thị trấn"], r"(?:thị\ trấn|thị)"),
    (["xã", "xã", ""], "(?:xã)"),
    (["a.b"], r"(?:a\.b)"),
])
def test_alt_longest_first_and_escaped(phrases: list[str], expected: str) -> None:
    assert chars.alt(phrases) == expected


def test_alt_refuses_an_empty_lexicon() -> None:
    with pytest.raises(PatternError, match="E-PAT012 empty alternation: no speech verbs"):
        chars.alt([], what="speech verbs")
    with pytest.raises(PatternError):
        chars.alt(["", ""])


def _count_files(rules: Rules) -> int:
    return len(rules.files)


def test_rules_compile_each_table_once_per_rules(tmp_path: Path) -> None:
    calls: list[str] = []

    def build(rules: Rules) -> int:
        calls.append(str(rules.directory))
        return _count_files(rules)

    default = default_rules()
    assert default.compiled(build) == default.compiled(build) == len(list(patterns.PATTERNS_DIR.glob("*.yaml")))
    assert len(calls) == 1
    # Another directory is other rules: its own table, never the default's.
    for p in patterns.PATTERNS_DIR.glob("*.yaml"):
        if p.stem != "relevance":
            shutil.copy(p, tmp_path / p.name)
    other = Rules(tmp_path)
    assert other.compiled(build) == len(default.files) - 1
    assert len(calls) == 2 and other.file("places").path == tmp_path / "places.yaml"
    with pytest.raises(PatternError, match="no pattern file relevance.yaml"):
        other.file("relevance")


def test_rules_refuse_a_rule_id_in_two_files(tmp_path: Path) -> None:
    for p in patterns.PATTERNS_DIR.glob("*.yaml"):
        shutil.copy(p, tmp_path / p.name)
    places = (tmp_path / "places.yaml").read_text(encoding="utf-8")
    first_id = re.search(r"^\s*- id: (\S+)", (tmp_path / "models.yaml").read_text(encoding="utf-8"), re.M).group(1)
    (tmp_path / "places.yaml").write_text(re.sub(r"(^\s*- id: )\S+", rf"\g<1>{first_id}", places, count=1, flags=re.M),
                                          encoding="utf-8")
    with pytest.raises(PatternError, match=f"E-PAT008 rule id '{first_id}'"):
        Rules(tmp_path)


def test_rules_refuse_an_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(PatternError, match="no pattern files"):
        Rules(tmp_path)


def test_numbers_alternation_refuses_an_empty_lexicon() -> None:
    from extractor.text.numbers import alternation
    assert alternation(["hơn", "hơn nữa"]) == r"(?:(?:hơn\s+nữa)|(?:hơn))"
    with pytest.raises(PatternError, match="E-PAT012 empty alternation: no year cues"):
        alternation([], what="year cues")


def test_numeral_scanner_needs_its_named_constructions(tmp_path: Path) -> None:
    """A figure's ``rule`` (num.plain, num.range…) is a YAML rule: without it, no run."""
    from extractor.text.numbers import CONSTRUCTIONS, compile_numbers
    for p in patterns.PATTERNS_DIR.glob("*.yaml"):
        shutil.copy(p, tmp_path / p.name)
    assert {r.id for r in default_rules().file("figures").section("constructions")} >= CONSTRUCTIONS
    fig = tmp_path / "figures.yaml"
    text = fig.read_text(encoding="utf-8")
    cut = text.index("  - id: num.ratio")
    fig.write_text(text[:cut] + text[text.index("  - id: num.range"):], encoding="utf-8")
    with pytest.raises(PatternError, match="E-PAT013 .* lacks num.ratio"):
        Rules(tmp_path).compiled(compile_numbers)


def test_level_words_have_one_home(tmp_path: Path) -> None:
    """counts and officials read places.yaml's level words (fields/levels.py), so a level
    word added there reaches them, and their former copies are gone."""
    from extractor.fields.counts.lexicon import compile_counts
    from extractor.fields.levels import compile_level_words
    from extractor.fields.officials.lexicon import compile_lexicon

    lw = default_rules().compiled(compile_level_words)
    assert lw.units == ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")
    assert {"thôn", "bản", "tổ dân phố", "ấp"} <= set(lw.villages) and "TP" in lw.abbreviations
    assert "Q." not in lw.abbreviations and "đặc khu" not in lw.units  # address forms, known-only
    for p in patterns.PATTERNS_DIR.glob("*.yaml"):
        shutil.copy(p, tmp_path / p.name)
    places = tmp_path / "places.yaml"
    places.write_text(places.read_text(encoding="utf-8").replace(
        'pattern: ["thôn", "tổ dân phố"', 'pattern: ["thôn", "sóc", "tổ dân phố"'), encoding="utf-8")
    other = Rules(tmp_path)
    assert "sóc" in other.compiled(compile_lexicon).levels and "sóc" not in default_rules().compiled(compile_lexicon).levels
    assert other.compiled(compile_counts).topic_open_re.match("Về sóc Bưng, ").end() == len("Về sóc ")
    assert default_rules().compiled(compile_counts).topic_open_re.match("Về sóc Bưng, ").end() == len("Về ")
