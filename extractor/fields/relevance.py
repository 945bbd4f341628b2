"""Relevance: is the article about the "Dân vận khéo" movement? (``about_movement``)

A signal on every record, with its evidence, from the lexicons of
``patterns/relevance.yaml``; only content zones (title, body, captions) are read, so a
related-news headline in site chrome never makes a page relevant. The rules, first that
holds:

- ``relevance.movement`` — the movement's full name (``patterns/models.yaml``,
  ``movement_names``, ``data.full_name``: ``Dân vận khéo``, any case, quotes or spacing
  between its words) in the content: true; evidence, every mention.
- ``relevance.mass_mobilisation`` — at least ``thresholds.dan_van_mentions`` names of
  mass-mobilisation work or bodies (``công tác dân vận``, ``Ban Dân vận`` …) and a model
  word (``mô hình``, ``điển hình``): true; evidence, those mentions.
- ``relevance.none`` — false; evidence, whatever mass-mobilisation mentions there were.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..record import Relevance, Span
from ..rules import Rules
from ..text import chars
from ..text.segment import ArticleText

#: separators allowed between the words of a phrase: spacing and quotation marks
_SEP = r"[\s“”\"'‘’«»]{1,6}"


def _phrase_rx(phrases: list[str], what: str) -> re.Pattern[str]:
    alts = chars.alt((_SEP.join(re.escape(w) for w in p.split()) for p in phrases), escape=False, what=what)
    return re.compile(r"(?<!\w)" + alts + r"(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class _Lexicon:
    movement: re.Pattern[str]
    dan_van: re.Pattern[str]
    model: re.Pattern[str]
    min_dan_van: int


def compile_relevance(rules: Rules) -> _Lexicon:
    """The relevance lexicons: the movement's full name from its home (models.yaml), the
    mass-mobilisation and model words of ``patterns/relevance.yaml``."""
    pf = rules.file("relevance")
    names = [p for r in rules.file("models").section("movement_names") if (r.data or {}).get("full_name")
             for p in r.phrases]
    phrases = {sec: [p for r in pf.section(sec) for p in r.phrases] for sec in ("mass_mobilisation", "model_words")}
    return _Lexicon(movement=_phrase_rx(names, "movement names"),
                    dan_van=_phrase_rx(phrases["mass_mobilisation"], "mass-mobilisation names"),
                    model=_phrase_rx(phrases["model_words"], "model words"),
                    min_dan_van=int(pf.table("thresholds")["dan_van_mentions"]))


def _find(rx: re.Pattern[str], doc: ArticleText) -> list[Span]:
    return [(m.start(), m.end()) for z in doc.content() for m in rx.finditer(doc.text, z.start, z.end)]


def about_movement(doc: ArticleText) -> Relevance:
    """Whether the article is about the "Dân vận khéo" movement, with the evidence.

    >>> from extractor.text.segment import ArticleText, Zone, ZoneKind
    >>> t = "Huyện có 12 mô hình “Dân vận khéo”."
    >>> about_movement(ArticleText(t, [Zone(ZoneKind.body, 0, len(t))]))
    Relevance(value=True, evidence=[(21, 33)], rule='relevance.movement')
    """
    lex = doc.rules.compiled(compile_relevance)
    if "vận" not in doc.text.lower():  # every phrase of the lexicons has it: nothing to find
        return Relevance(value=False, evidence=[], rule="relevance.none")
    named = _find(lex.movement, doc)
    if named:
        return Relevance(value=True, evidence=named, rule="relevance.movement")
    work = _find(lex.dan_van, doc)
    if len(work) >= lex.min_dan_van and _find(lex.model, doc):
        return Relevance(value=True, evidence=work, rule="relevance.mass_mobilisation")
    return Relevance(value=False, evidence=work, rule="relevance.none")
