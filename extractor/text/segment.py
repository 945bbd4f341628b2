"""Segment an article: zones → sentences → (on demand) words, all as offsets into ``text``.

Throughput shapes this module (issue 7): sentences are cut as underthesea's
``sent_tokenize`` cuts them (``text/sentences.py``: the same rules as offsets, in one regex
pass, without importing the underthesea package) inside each paragraph of a content zone;
*word* segmentation (underthesea's ``word_tokenize``, ~40 articles/s) runs only for the
sentences an extractor asks for, through :meth:`ArticleText.words`, and is cached per
article. The spaCy ``Doc`` over the whole text is built only on request
(:meth:`ArticleText.spacy_doc`, used by the spaCy component and displaCy).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from ..rules import Rules, default_rules
from .sentences import sentence_spans

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


class ZoneKind(StrEnum):
    """What a stretch of the text is, as the clean stage classified it."""

    title = "title"
    dateline = "dateline"      # "Thứ Hai, 4/12/2023"
    byline = "byline"          # "Quốc Sơn 29/05/2021 16:22"
    outlet = "outlet"          # "(Baonghean.vn) -" lead or "(baobackan.com.vn)" signature
    body = "body"
    caption = "caption"        # photo caption, kept apart from the body but searched
    credit = "credit"          # "Ảnh: Đào Tuấn" inside or after a caption
    slug = "slug"              # ASCII image-slug line ("Bac Kan thuc hien ... hinh anh 1")
    author = "author"          # trailing author line
    chrome = "chrome"          # site chrome: share/feedback/related blocks, repeated title


#: Zones whose sentences extractors read. Captions are searched for places and models;
#: the title for counts and places (a repeated count merges with its body mention).
CONTENT_ZONES = frozenset({ZoneKind.title, ZoneKind.body, ZoneKind.caption})


@dataclass(frozen=True)
class Zone:
    kind: ZoneKind
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    zone: ZoneKind
    paragraph: int  # index of the zone (paragraph) the sentence lies in


_SPACE = re.compile(r"\s+")


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence offsets inside ``text[start:end]``, as underthesea's ``sent_tokenize`` cuts
    them (``text/sentences.py``: the same rules, offsets instead of strings, without
    importing the underthesea package)."""
    return sentence_spans(text, start, end)


@dataclass
class ArticleText:
    """One article as the extractors see it: the text, its zones and sentences.

    ``published`` (ISO date or None) is the article's date, for year inference and "đến
    nay". ``warnings`` collects what a stage could not resolve; the pipeline copies it into
    the record.
    """

    text: str
    zones: list[Zone]
    published: str | None = None
    title: str | None = None
    outlet: str | None = None
    warnings: list[str] = field(default_factory=list)
    #: The run's rules: stages take their compiled tables from here (``rules.compiled``).
    rules: Rules = field(default_factory=default_rules, repr=False, compare=False)
    sentences: list[Sentence] = field(init=False)
    _words: dict[int, list[tuple[int, int]]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.sentences = []
        for i, z in enumerate(self.zones):
            if z.kind in CONTENT_ZONES:
                self.sentences.extend(Sentence(s, e, z.kind, i) for s, e in _split_sentences(self.text, z.start, z.end))

    # -- views ---------------------------------------------------------------------------
    def zones_of(self, *kinds: ZoneKind) -> list[Zone]:
        return [z for z in self.zones if z.kind in kinds]

    def content(self) -> list[Zone]:
        """Zones extractors read (title, body, captions), in text order."""
        return [z for z in self.zones if z.kind in CONTENT_ZONES]

    def zone_at(self, offset: int) -> Zone | None:
        for z in self.zones:
            if z.start <= offset < z.end:
                return z
        return None

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    # -- words (lazy) --------------------------------------------------------------------
    def words(self, sentence: Sentence) -> list[tuple[int, int]]:
        """Word spans of one sentence from underthesea's ``word_tokenize``, cached.

        >>> from extractor.text.segment import ArticleText, Zone, ZoneKind
        >>> t = "Đến nay, toàn tỉnh có 2.011 mô hình."
        >>> a = ArticleText(t, [Zone(ZoneKind.body, 0, len(t))])
        >>> [t[s:e] for s, e in a.words(a.sentences[0])][-3:]
        ['2.011', 'mô hình', '.']
        """
        key = sentence.start
        if key not in self._words:
            self._words[key] = word_spans(self.text, sentence.start, sentence.end)
        return self._words[key]

    def spacy_doc(self, nlp=None) -> Doc:
        """A spaCy Doc over the whole text (words in content sentences, whitespace-split
        elsewhere) with ``doc.text == self.text``."""
        import spacy
        from spacy.tokens import Doc

        nlp = nlp or spacy.blank("xx")
        spans: list[tuple[int, int]] = []
        pos = 0
        for sent in self.sentences:
            spans.extend(_whitespace_spans(self.text, pos, sent.start))
            spans.extend(self.words(sent))
            pos = sent.end
        spans.extend(_whitespace_spans(self.text, pos, len(self.text)))
        words = [self.text[s:e] for s, e in spans]
        # Whitespace between tokens that is more than one space becomes its own token, as
        # spaCy does; get_words_and_spaces handles that and checks the round trip.
        words, spaces = spacy.util.get_words_and_spaces(words, self.text)
        doc = Doc(nlp.vocab, words=words, spaces=spaces)
        if doc.text != self.text:  # pragma: no cover - a failed alignment is a bug
            raise AssertionError("spaCy Doc does not reproduce the text")
        return doc


def _whitespace_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]


def word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """underthesea words of ``text[start:end]`` as offsets into ``text``.

    ``word_tokenize`` may rewrite characters (tone placement, Ð→Đ, spelling); its words are
    aligned back through the surface syllables of ``regex_tokenize.tokenize(...,
    use_token_normalize=False)``, which splits the same way but keeps the characters: a
    word of *k* syllables takes the next *k* surface syllables.
    """
    from underthesea import word_tokenize
    from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

    chunk = text[start:end]
    surface = tokenize(chunk, use_token_normalize=False)
    offsets: list[tuple[int, int]] = []
    pos = 0
    for syl in surface:
        i = chunk.find(syl, pos)
        if i < 0:
            return [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", chunk)]
        offsets.append((i, i + len(syl)))
        pos = i + len(syl)
    words = word_tokenize(chunk)
    out: list[tuple[int, int]] = []
    k = 0
    for w in words:
        n = max(1, len(w.split()))
        if k + n > len(offsets):
            break
        out.append((start + offsets[k][0], start + offsets[k + n - 1][1]))
        k += n
    if k != len(offsets):  # syllable counts disagree: fall back to syllables, still exact
        return [(start + s, start + e) for s, e in offsets]
    return out
