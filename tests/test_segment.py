"""Segmentation keeps offsets: sentences, underthesea words and the spaCy Doc all index ``text``."""
from __future__ import annotations

import pytest

from extractor.io.ingest import RawArticle
from extractor.text.clean import clean
from extractor.text.segment import ArticleText, Zone, ZoneKind, word_spans

# Strings on which underthesea's word_tokenize rewrites characters or spacing.
ODD = [
    "Thanh Hoá và Khánh Hoà",            # old tone placement: word_tokenize gives Hóa
    "thuỷ lợi, thuỷ sản",                 # thuỷ → thủy
    "Quyết định số 12/QÐ-UBND",           # Icelandic eth, rewritten to Đ
    "nghành nông nghiệp",                 # a spelling it corrects
    "hai  khoảng\ttrắng   liền",          # runs of spaces and a tab
    "“Dân vận khéo” – phong trào…",       # quotes, en dash, ellipsis
    "2.011 mô hình (gồm 83 tập thể; 46 cá nhân)",
    "a",
]


@pytest.mark.parametrize("text", ODD, ids=ODD)
def test_word_spans_are_substrings_in_order(text):
    spans = word_spans(text, 0, len(text))
    assert spans, text
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert "".join("".join(text[s:e].split()) for s, e in spans) == "".join(text.split())  # nothing lost


@pytest.mark.parametrize("text", ODD, ids=ODD)
def test_spacy_doc_reproduces_the_text(text):
    doc = ArticleText(text, [Zone(ZoneKind.body, 0, len(text))]).spacy_doc()
    assert doc.text == text
    assert "".join(t.text_with_ws for t in doc) == text


def test_seed_article_doc_and_sentences(seed_texts):
    text = seed_texts["000_36cf266247e648e0"]
    c = clean(RawArticle(id="s", text=text))
    a = ArticleText(c.text, c.zones)
    assert a.spacy_doc().text == text
    sents = [text[s.start:s.end] for s in a.sentences]
    assert "Đến nay, toàn tỉnh có 2.011 mô hình \"Dân vận khéo\", trong đó có 1.354 mô hình đăng ký mới, " \
           "657 mô hình duy trì." in sents
    # header, signature and chrome are not content sentences
    assert not any(s.startswith(("Thứ Hai", "(baobackan", "Gửi cho")) for s in sents)
    words = [text[s:e] for s, e in a.words(a.sentences[0])]
    assert words[:2] == ["Bắc Kạn", ":"]
