"""Counts of "Dân vận khéo" models and exemplars, with category, parts, place and date.

A count is a number whose counted thing is ``mô hình`` or ``điển hình`` (``patterns/
counts.yaml``, section ``things``), or an elliptical part of such a count inside a
breakdown (``129 mô hình (gồm 83 tập thể; 46 cá nhân)``). Steps, per sentence:

1. numerals from :func:`extractor.text.numbers.find_numbers`; a numeral directly followed
   by a counted thing is a count (percentages are figures: ``75% mô hình``);
2. category from cues attached to the thing, later in its clause, or ending the words
   before it (``categories_*``); a single field of work makes it ``by_field``;
3. breakdowns: after a marker (``trong đó``, ``gồm``, ``(``) the next counts and elliptical
   ``N tập thể`` / ``N cá nhân`` are parts of the last count before it (``part_of``); a
   sentence that opens with a marker continues the previous sentence's breakdown;
4. place: the nearest place mention or level word (``toàn tỉnh``) before the number in
   the sentence (a place in brackets after another is its parent and is skipped), then
   in the rest of the clause, else the article's main place; a list of places before
   ``đều`` gives one count per place; parts and ratios take their total's place;
5. as_of from ``Tính đến năm X``, ``Năm X``, ``Đến nay`` (the article's date);
6. repeated mentions of one count (the headline and the body) merge; sum checks.
"""
from __future__ import annotations

from .finding import extract_counts

__all__ = ["extract_counts"]
