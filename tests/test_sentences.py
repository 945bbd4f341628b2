"""Sentence offsets of text/sentences.py: underthesea's boundaries, without its package import."""
from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.text import sentences
from extractor.text.sentences import sentence_spans

ROOT = Path(__file__).resolve().parent.parent

CASES = [
    ("Ông Lò Văn Sinh nói. Xã Nà Phặc có 12 mô hình.", ["Ông Lò Văn Sinh nói.", "Xã Nà Phặc có 12 mô hình."]),
    # a dot between digits, after an abbreviation (TP, Ths) or a single letter is no end
    ("Thu 1.500.000 đồng. TP. Bắc Kạn và Ths. Hà Thị Mơ dự.", ["Thu 1.500.000 đồng.", "TP. Bắc Kạn và Ths. Hà Thị Mơ dự."]),
    ("Ông Nông Văn B. Chủ tịch xã dự.", ["Ông Nông Văn B. Chủ tịch xã dự."]),
    # an ellipsis ends a sentence before a capital or at the end, not before a small letter
    ("Còn nhiều việc... Xã làm tiếp... và thôn cũng vậy...", ["Còn nhiều việc...", "Xã làm tiếp... và thôn cũng vậy..."]),
    ("Vì sao?! Vì dân tin.", ["Vì sao?!", "Vì dân tin."]),
    ("  Hai câu.  \n Câu sau  ", ["Hai câu.", "Câu sau"]),
    ("Không dấu chấm cuối", ["Không dấu chấm cuối"]),
    (" \n\t ", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentences(text, expected):
    assert [text[s:e] for s, e in sentence_spans(text)] == expected


def test_offsets_of_a_stretch_index_the_whole_text():
    text = "Tiêu đề\nĐoạn một. Đoạn hai."
    assert sentence_spans(text, 8, len(text)) == [(8, 17), (18, 27)]


def test_a_long_run_of_abbreviation_like_dots_reads_a_bounded_word():
    # every dot of "ab.ab.ab…" looks back at most as far as the longest abbreviation
    text = "ab." * 5000
    assert sentence_spans(text) == [(i, i + 3) for i in range(0, 15000, 3)]


def _underthesea(text: str) -> list[tuple[int, int]]:
    module = sentences.load_module()
    return sentences._aligned(text, 0, module.sent_tokenize(text))


def _fuzz_texts(n: int) -> list[str]:
    rng = random.Random(7)
    alphabet = list("....???!!!   \t\n\r\xa0aAbTtĐđỞở1…") + ["tp", "TP", "Ths", "e.g", "g.m.t", "000", "Mr", "b…"]
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(n)]


def test_same_boundaries_as_underthesea():
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    chunks = [c for t in texts for c in [t, *t.split("\n")]] + _fuzz_texts(5000)
    assert [c for c in chunks if sentence_spans(c) != _underthesea(c)] == []


def test_the_fallback_aligns_underthesea_strings():
    text = "Ông A nói. Bà B nghe."
    fallback = sentences.Splitter(frozenset(), 0, fallback=lambda t: ["Ông A nói.", "Bà X nghe."])
    assert sentences._aligned(text, 0, fallback.fallback(text)) == [(0, 10), (11, 21)]


def test_splitting_does_not_import_the_underthesea_package():
    code = ("import sys; from extractor.text.sentences import sentence_spans; "
            "print(sentence_spans('Một. Hai.'), 'underthesea' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[(0, 4), (5, 9)] False"
