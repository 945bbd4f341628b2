"""The forms of an article's header and footer lines, read by the clean stage and the page
reader alike (``text/clean.py``, ``text/html.py``; neither imports the other's).

- ``DATELINE``: "Thứ Hai, 4/12/2023", "4/12/2023 16:22 (GMT+7)";
- ``BYLINE``: a short name followed by a timestamp ("Quốc Sơn 29/05/2021 16:22");
- ``AUTHOR_LINE``: 1–4 person names of 2–5 capitalised syllables ("Hà Linh - Tú Anh");
- ``OUTLET_LEAD``: "(Baonghean.vn) -", "(LSO) –" opening the lead paragraph;
- ``OUTLET_SIGNATURE``: "(baobackan.com.vn)" alone on a line.

A capitalised syllable starts with a Vietnamese capital (:data:`chars.UPPER`): a range
like ``À-Ỹ`` also holds the lower-case toned letters, which let "Ở đây ổn định" read as a
name and "đăng 05/03/2024 08:15" as a byline.
"""
from __future__ import annotations

import re

from .chars import UPPER

_WEEKDAY = r"(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|[2-7])|Chủ\s+[Nn]hật|CN)"
_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
_TIME = r"\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:GMT|UTC)?\s*[+-]\d{1,2}(?::?\d{2})?)?"
DATELINE = re.compile(
    rf"""^\s*(?:{_WEEKDAY}\s*,?\s*)?(?:ngày\s+)?{_DATE}   # weekday, then a day-first date
         (?:\s*[,|-]?\s*{_TIME})?\s*(?:\(GMT[+-]\d+\))?\s*$ # optional time
    """, re.VERBOSE | re.IGNORECASE)
# A byline: a short name (1-8 capitalised syllables, maybe joined by "-" or ",") followed by
# a timestamp ("Quốc Sơn 29/05/2021 16:22").
BYLINE = re.compile(
    rf"""^\s*(?P<name>(?:{UPPER}[\w'’]*\.?\s*[-–,&]?\s*){{1,8}}?)\s*[-–|,]?\s*
         (?P<stamp>(?:{_WEEKDAY}\s*,?\s*)?{_DATE}(?:\s*[,|-]?\s*{_TIME})?)\s*$""",
    re.VERBOSE)
# "(Baonghean.vn) - ..." or "(LSO) – ..." at the start of the lead paragraph.
OUTLET_LEAD = re.compile(r"\s*\((?P<outlet>[^()\s]{2,40})\)\s*[-–—:]\s*")
# "(baobackan.com.vn)" alone on a line: the outlet's signature.
OUTLET_SIGNATURE = re.compile(r"^\s*\(\s*(?:Theo\s+)?(?P<outlet>[\w.-]+\.(?:vn|com|net|org)(?:\.vn)?)\s*\)\s*\.?\s*$",
                              re.IGNORECASE)
# An author line: 1-4 person names of 2-5 capitalised syllables, joined by "-", "–", ",".
_NAME = rf"(?:{UPPER}[\w’']*)(?:\s+{UPPER}[\w’']*){{1,4}}"
AUTHOR_LINE = re.compile(rf"^\s*(?:(?:Bài|Tin|Bài\s+và\s+ảnh|Bài,\s*ảnh|Nhóm\s+PV|Tác\s+giả)\s*:\s*)?(?P<names>{_NAME}(?:\s*[-–,&]\s*{_NAME}){{0,3}})\s*$")


def split_names(names: str) -> list[str]:
    """The names of a byline or author line, split at "-", "–", "," and "&".

    >>> split_names("Hà Linh - Tú Anh, Lò Văn Sinh")
    ['Hà Linh', 'Tú Anh', 'Lò Văn Sinh']
    """
    return [n.strip() for n in re.split(r"\s*[-–,&]\s*", names) if n.strip()]
