"""Officials' one-pass candidate finding (issue 24): the trie-shaped alternation, the
article-wide hits handed out by sentence, the folded syllable look-up of the joining step,
and the constructions whose records depend on sentences read only on demand.

Sentences are written for these tests (invented names and places).
"""
from __future__ import annotations

import re

import pytest

from extractor.fields.officials import extract_officials
from extractor.fields.officials.attribution import _Hits
from extractor.fields.officials.lexicon import _trie
from extractor.fields.officials.persons import fast_fold
from extractor.patterns import PatternError
from extractor.text import chars
from extractor.text.segment import ArticleText, Zone, ZoneKind

VERBS = ["cho biết", "cho biết thêm", "cho hay", "nói", "nói thêm", "kể", "kể lại"]


def _edges(alternation: str) -> re.Pattern:
    return re.compile(rf"(?<![^\W_]){alternation}(?![^\W_])")


# (text, expected verb spans): longest first, back to a shorter verb where the longer one
# runs into a word ("nói thêmx"), nothing inside a word.
TRIE_CASES = [
    ("ông a cho biết thêm rằng", ["cho biết thêm"]),
    ("bà b cho biết, cả xã", ["cho biết"]),
    ("chị c nói thêmx vài câu", ["nói"]),
    ("anh d kể lại: hồi đó", ["kể lại"]),
    ("xnói cho hayy kểlại", []),
    ("cho hay nói kể", ["cho hay", "nói", "kể"]),
]


@pytest.mark.parametrize(("text", "expected"), TRIE_CASES)
def test_trie_matches_like_the_flat_alternation(text, expected):
    trie = _edges(_trie(VERBS, what="verbs"))
    flat = _edges(chars.alt(VERBS, what="verbs"))
    assert [m.group() for m in trie.finditer(text)] == expected
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_trie_refuses_an_empty_lexicon():
    with pytest.raises(PatternError):
        _trie([], what="speech verbs")


# (text, sentence bounds, expected matches per sentence): one finditer over the text, the
# same as a search inside each sentence, also where a sentence edge cuts a verb.
HITS_CASES = [
    ("ông a cho biết. bà b nói thêm.", [(0, 15), (16, 30)], [["cho biết"], ["nói thêm"]]),
    ("ông a cho biết thêm", [(0, 14), (15, 19)], [["cho biết"], []]),  # the edge cuts "cho biết thêm"
    ("ông a nóix", [(0, 9), (9, 10)], [["nói"], []]),  # the sentence ends inside a word
]


@pytest.mark.parametrize(("text", "bounds", "expected"), HITS_CASES)
def test_hits_by_sentence_equal_a_search_per_sentence(text, bounds, expected):
    pattern = _edges(_trie(VERBS, what="verbs"))
    hits = _Hits(pattern, text)
    assert [[m.group() for m in hits.within(s, e)] for s, e in bounds] == expected
    assert [[m.span() for m in hits.within(s, e)] for s, e in bounds] == \
        [[m.span() for m in pattern.finditer(text, s, e)] for s, e in bounds]


@pytest.mark.parametrize(("a", "b"), [("Hoà", "HÒA"), ("Thuỷ", "thủy"), ("Ðặng", "đặng"), ("Nguyễn", "NGUYỄN")])
def test_fast_fold_ignores_case_and_tone_placement(a, b):
    assert fast_fold(a) == fast_fold(b)
    assert len(fast_fold(a)) == len(a)


def _run(text: str):
    zones, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            zones.append(Zone(ZoneKind.body, pos, pos + len(line)))
        pos += len(line) + 1
    offs = extract_officials(ArticleText(text, zones, published="2024-01-05"), authors=[], photo_credits=[])
    return [(o.name, o.title, o.verb, o.rule) for o in offs]


# Records that need a sentence the attribution pass does not read itself.
ON_DEMAND = [
    # a two-syllable name stands for the longer name of a sentence whose verb is an idiom
    ("Năm nay, ông Trần Lê Na nói chung là rất vui với con đường mới.\n"
     "Ông Lê Na, Chủ tịch UBND xã, cho biết: năm nay xã làm thêm 5 km đường.",
     [("Trần Lê Na", "Chủ tịch UBND xã", "cho biết", "off.verb.say")]),
    # a given name with another tone placement finds the full name of a sentence without speech
    ("Chủ tịch UBND xã Phạm Văn Hoà dự lễ khánh thành cầu.\nÔng Hòa cho biết, cả xã đã góp 200 ngày công.",
     [("Phạm Văn Hoà", "Chủ tịch UBND xã", "cho biết", "off.verb.say")]),
    # a pronoun finds the person named in the sentence before
    ("Hội nghị có sự tham dự của Bí thư Huyện ủy Lò Văn Khiêm.\n"
     "Trao đổi với phóng viên, ông cho biết, huyện sẽ nhân rộng mô hình.",
     [("Lò Văn Khiêm", "Bí thư Huyện ủy", "cho biết", "off.verb.say")]),
    # "theo" before no mention opener: the sentence is not read, the speaker after is found
    ("Nhiều hộ dân ở thôn Nà Sản đã hiến đất làm đường, theo thống kê của xã.\n"
     "Chị Lường Thị Mai kể: nhà chị hiến 300 m2 đất.",
     [("Lường Thị Mai", None, "kể", "off.verb.tell")]),
]


@pytest.mark.parametrize(("text", "expected"), ON_DEMAND, ids=[r[0][:40] for r in ON_DEMAND])
def test_sentences_read_on_demand(text, expected):
    assert _run(text) == expected


def test_many_short_names_past_the_scan_budget():
    """Past MAX_SCANS distinct given names the joining step looks syllables up in one index
    of the article; every resident still gets their full name."""
    from extractor.fields.officials.persons import MAX_SCANS

    names = ["Lường Thị Mai", "Hà Văn Bảy", "Lò Thị Xuân", "Vi Văn Tình", "Đinh Văn Hòa", "Mai Thị Hạnh"]
    assert len(names) > MAX_SCANS
    kin = {n: "chị" if "Thị" in n else "anh" for n in names}
    lines = [f"Năm 2023, gia đình {kin[n]} {n} ở thôn Nà Sản hiến 100 m2 đất làm đường." for n in names]
    lines += [f"{kin[n].capitalize()} {n.split()[-1]} kể: cả nhà đã bàn bạc rất lâu mới quyết định." for n in names]
    assert [(name, verb) for name, _, verb, _ in _run("\n".join(lines))] == [(n, "kể") for n in names]
