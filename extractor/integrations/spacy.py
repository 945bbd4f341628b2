"""A spaCy component: ``nlp.add_pipe("vn_press_extractor")`` fills ``doc.spans`` and ``doc._.record``.

``doc.spans`` keys (one SpanGroup per record field; each span's ``label_`` and ``id_``):

=============  ==============================  ===============================================
key            label_                          id_ / ``span._.item``
=============  ==============================  ===============================================
localities     level (province, district …)    rule id / the Locality as a dict
documents      kind ("Chỉ thị", …)             rule id / the Document as a dict
counts         category ("total", "new", …)    rule id / the Count as a dict
figures        unit ("đồng", "%", …)           rule id / the Figure as a dict
officials      "official"                      rule id / the Official as a dict
models         "model"                         rule id / the ModelExample as a dict
captions       "caption"                       "" / the Caption as a dict
=============  ==============================  ===============================================

so that ``displacy.render(doc, style="span", options={"spans_key": "counts"})`` shows the
evidence of every count. The record itself (:class:`~extractor.record.Article`) is
``doc._.record``. The component reads ``doc.text`` only, so it works after any tokenizer;
:func:`load` gives a blank pipeline with a syllable tokenizer that needs no pyvi.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..api import extract
from ..record import Article

SPAN_KEYS = ("localities", "documents", "counts", "figures", "officials", "models", "captions")

if not Doc.has_extension("record"):
    Doc.set_extension("record", default=None)
if not Span.has_extension("item"):
    Span.set_extension("item", default=None)

_TOKEN = re.compile(r"\d+(?:[.,/]\d+)*%?|\w+|[^\w\s]")


class SyllableTokenizer:
    """Whitespace/punctuation tokenizer: one token per Vietnamese syllable or mark.

    Keeps ``doc.text == text``; needs no pyvi (``spacy.blank("vi")`` does by default).
    """

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        matches = list(_TOKEN.finditer(text))
        for i, m in enumerate(matches):
            words.append(m.group())
            nxt = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            spaces.append(nxt > m.end() and text[m.end()] == " ")
        doc = Doc(self.vocab, words=words, spaces=spaces) if words else Doc(self.vocab, words=[])
        if doc.text != text:  # other whitespace (newlines, tabs, runs of spaces): let spaCy place it
            from spacy.util import get_words_and_spaces

            w, s = get_words_and_spaces(words, text)
            doc = Doc(self.vocab, words=w, spaces=s)
        return doc


def _items(article: Article) -> Iterable[tuple[str, tuple[int, int], str, str, dict[str, Any]]]:
    for loc in article.localities:
        for m in loc.mentions:
            yield "localities", tuple(m), str(loc.level), loc.rule or "", loc.model_dump()
    for d in article.documents:
        for m in d.mentions:
            yield "documents", tuple(m), d.kind, d.rule or "", d.model_dump()
    for c in article.counts:
        yield "counts", tuple(c.span), str(c.category), c.rule or "", c.model_dump()
    for f in article.figures:
        yield "figures", tuple(f.span), f.unit or "", f.rule or "", f.model_dump()
    for o in article.officials:
        yield "officials", tuple(o.span), "official", o.rule or "", o.model_dump()
    for m in article.models:
        yield "models", tuple(m.span), "model", m.rule or "", m.model_dump()
    for c in article.captions:
        yield "captions", tuple(c.span), "caption", "", c.model_dump()


def annotate(doc: Doc, article: Article) -> Doc:
    """Write a record's items onto a Doc of the same text as span groups."""
    if doc.text != article.text:
        raise ValueError("the record's text differs from the Doc's text")
    groups: dict[str, list[Span]] = {k: [] for k in SPAN_KEYS}
    for key, (s, e), label, rule, item in _items(article):
        span = doc.char_span(s, e, label=label, alignment_mode="expand")
        if span is None:
            continue
        span.id_ = rule
        span._.item = item
        groups[key].append(span)
    for key, spans in groups.items():
        doc.spans[key] = spans
    doc._.record = article
    return doc


class VnPressExtractor:
    """The component: runs :func:`extractor.extract` on ``doc.text`` and annotates the Doc."""

    def __init__(self, nlp: Language, name: str, fields: Sequence[str] | None = None):
        self.name = name
        self.fields = list(fields) if fields else None

    def __call__(self, doc: Doc) -> Doc:
        if not doc.text.strip():
            doc._.record = None
            for key in SPAN_KEYS:
                doc.spans[key] = []
            return doc
        meta = doc.user_data.get("extractor_meta", {}) if isinstance(doc.user_data, dict) else {}
        article = extract(text=doc.text, fields=self.fields, **meta)
        return annotate(doc, article)


@Language.factory("vn_press_extractor", assigns=["doc._.record", "doc.spans"],
                  default_config={"fields": None})
def make_vn_press_extractor(nlp: Language, name: str, fields: list[str] | None) -> VnPressExtractor:
    return VnPressExtractor(nlp, name, fields=fields)


def load(fields: Sequence[str] | None = None) -> Language:
    """A blank Vietnamese pipeline with the syllable tokenizer and the extractor component.

    >>> nlp = load()
    >>> doc = nlp("Đến nay, toàn tỉnh có 2.011 mô hình “Dân vận khéo”.")
    >>> doc._.record.text == doc.text
    True
    """
    import spacy

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = SyllableTokenizer(nlp.vocab)
    nlp.add_pipe("vn_press_extractor", config={"fields": list(fields) if fields else None})
    return nlp
