"""Vietnamese dates: find every date expression in a text, and parse a dateline or byline.

Dates are ISO 8601 strings with reduced precision where the text gives less
(``"2021-05-23"``, ``"2020-12"``, ``"2020"``; SCHEMA). Two entry points:

- :func:`find_dates` scans a stretch of text with the regular expressions of
  ``patterns/dates.yaml`` (``date_forms``, compiled once per run's rules by
  :func:`compile_dates`), day first, and returns
  :class:`DateMention` items with exact offsets. It never calls dateparser: the forms of
  Vietnamese press are few and regular, and a regex pass costs microseconds.
- :func:`parse_published` reads one header string ("Thứ Hai, 4/12/2023", "Quốc Sơn
  29/05/2021 16:22", "2021-05-29T16:22:00+07:00") into ``(date, time)``; the same forms
  first, then dateparser (``languages=["vi"]``, ``DATE_ORDER="DMY"``) as a fallback on
  the one candidate string.

Year inference (documented rule, :func:`infer_year`): a day and month without a year
("Ngày 23/5", "tháng 12") take the year of the article's date, except when that would put
them after the article's date, in which case they take the year before: an article of
2021-05-29 reads "Ngày 23/5" as 2021-05-23 and "ngày 15/12" as 2020-12-15. An inferred
date is never later than the article. Without an article date the year stays unknown and
``iso`` is None.
"""
from __future__ import annotations

import datetime as _dt
import functools
import logging
import re
from dataclasses import dataclass
from enum import StrEnum

from ..rules import Rules, default_rules

log = logging.getLogger(__name__)

#: Years a date may have (inclusive). Vietnamese press of interest runs from the
#: 1945 founding documents to now; anything outside is a number, not a year.
MIN_YEAR, MAX_YEAR = 1900, 2100


class Precision(StrEnum):
    """How much of a date the text gives."""

    day = "day"
    month = "month"
    year = "year"


@dataclass(frozen=True)
class DateMention:
    """One date expression: ``text[start:end]`` is the evidence.

    ``iso`` is the date at its precision (None when the year is unknown: a day and month
    with no article date to take the year from); ``year_inferred`` says the year came from
    the article's date; ``time`` is ``"HH:MM"`` when the expression carries one.
    """

    start: int
    end: int
    iso: str | None
    precision: Precision
    rule: str
    year_inferred: bool = False
    time: str | None = None


@dataclass(frozen=True)
class _Form:
    id: str
    regex: re.Pattern[str]
    precision: Precision
    prefix: str  # "required", "optional" or "none"


#: How far back (characters) a day word before a date is looked for ("rạng sáng ngày ").
PREFIX_CHARS = 24


@dataclass(frozen=True)
class DateTables:
    """The compiled rules of ``patterns/dates.yaml``."""

    forms: tuple[_Form, ...]
    #: day words before a date's numbers ("ngày ", "chiều ngày "), anchored at the end
    prefix: re.Pattern[str]
    #: times of day ("16:22", "16h22") from ``time_forms``, one alternation in file order
    time: re.Pattern[str]


def compile_dates(rules: Rules) -> DateTables:
    """The date forms, day-word prefix and time forms of ``dates.yaml``, compiled."""
    pf = rules.file("dates")
    forms = tuple(
        _Form(r.id, re.compile(str(r.pattern), re.VERBOSE | re.IGNORECASE),
              Precision((r.data or {}).get("precision", "day")), (r.data or {}).get("prefix", "none"))
        for r in pf.section("date_forms"))
    prefix = re.compile(str(pf.table("date_prefix")), re.VERBOSE | re.IGNORECASE)
    # regex sources, tried in the file's order (not an alternation of phrases: chars.alt
    # would reorder them by length)
    time = re.compile("|".join(f"(?:{r.pattern})" for r in pf.section("time_forms")), re.VERBOSE | re.IGNORECASE)
    return DateTables(forms, prefix, time)


def _tables(rules: Rules | None) -> DateTables:
    return (rules or default_rules()).compiled(compile_dates)


def _parse_ref(relative_to: str | None) -> tuple[int, int, int] | None:
    """(year, month, day) of an ISO date of any precision; month/day 0 when absent."""
    if not relative_to:
        return None
    m = re.match(r"\s*((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?", relative_to)
    if not m:
        return None
    return int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)


def infer_year(month: int, day: int | None, relative_to: str | None) -> int | None:
    """Year of a day/month (or a month) that the text gives without one.

    The article's year, unless the date would then fall after the article's date; then
    the year before. None when there is no article date.

    Args:
        month: 1–12.
        day: 1–31, or None for a month alone.
        relative_to: the article's date (ISO, any precision) or None.

    Returns:
        The year, or None.

    >>> infer_year(5, 23, "2021-05-29"), infer_year(12, 15, "2021-05-29"), infer_year(12, None, "2021-05-29")
    (2021, 2020, 2020)
    """
    ref = _parse_ref(relative_to)
    if ref is None:
        return None
    year, ref_month, ref_day = ref
    if ref_month == 0:  # the article's year alone: nothing to compare with
        return year
    if month > ref_month or (month == ref_month and day is not None and ref_day and day > ref_day):
        return year - 1
    return year


def _valid(year: int, month: int, day: int | None) -> bool:
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        return False
    if day is None:
        return True
    try:
        _dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _iso(year: int, month: int | None, day: int | None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _mention(form: _Form, m: re.Match[str], start: int, relative_to: str | None) -> DateMention | None:
    """A DateMention from one regex match starting at ``start``, or None when the numbers are no date."""
    groups = m.groupdict()
    day = int(groups["d"]) if groups.get("d") else None
    month = int(groups["m"]) if groups.get("m") else None
    year = int(groups["y"]) if groups.get("y") else None
    time = f"{int(groups['hh']):02d}:{groups['mi']}" if groups.get("hh") and groups.get("mi") else None
    precision = form.precision
    if precision is Precision.year:
        month = day = None
    elif precision is Precision.month:
        day = None
    inferred = False
    if year is None:
        if month is None:
            return None
        # Check day/month against a leap year so that 29/2 survives until the year is known.
        if not _valid(2000, month, day):
            return None
        year = infer_year(month, day, relative_to)
        inferred = year is not None
        if year is not None and not _valid(year, month, day):
            return None
    elif not _valid(year, month or 1, day):
        return None
    iso = _iso(year, month, day) if year is not None else None
    return DateMention(start, m.end(), iso, precision, form.id, inferred, time)


def find_dates(text: str, start: int = 0, end: int | None = None, *,
               relative_to: str | None = None, rules: Rules | None = None) -> list[DateMention]:
    """Every date expression in ``text[start:end]``, in text order, without overlaps.

    Forms are tried in the order of ``date_forms``; a later form never takes a stretch an
    earlier one matched ("ngày 15/01/2021" is one day, not a day plus "năm"-less parts).
    Periods ("2021-2025"), ratios ("18/18") and durations ("6 tháng") are not dates.

    Args:
        text: the article text (offsets index it).
        start: where to start looking.
        end: where to stop (default: the end of the text).
        relative_to: the article's date (ISO), to give year-less dates their year.
        rules: the run's pattern files (default: the installation's).

    Returns:
        DateMention items with offsets into ``text``.

    >>> [(d.iso, d.precision.value) for d in find_dates("Ngày 23/5, Ban Thường vụ ban hành Chỉ thị", relative_to="2021-05-29")]
    [('2021-05-23', 'day')]
    >>> [d.iso for d in find_dates("Kế hoạch số 14-KH/TU ngày 15/01/2021, từ tháng 12/2020, giai đoạn 2021-2025")]
    ['2021-01-15', '2020-12']
    """
    end = len(text) if end is None else end
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    tables = _tables(rules)
    prefix = tables.prefix
    for form in tables.forms:
        for m in form.regex.finditer(text, start, end):
            s, e = m.span()
            if form.prefix != "none":
                p = prefix.search(text, max(start, s - PREFIX_CHARS), s)
                if p is not None:
                    s = p.start()
                elif form.prefix == "required":
                    continue
            if any(s < te and ts < e for ts, te in taken):
                continue
            mention = _mention(form, m, s, relative_to)
            if mention is None:
                continue
            taken.append((s, e))
            out.append(mention)
    out.sort(key=lambda d: d.start)
    return out


def _find_time(s: str, avoid: tuple[int, int] | None, time_rx: re.Pattern[str]) -> str | None:
    """The first time of day in ``s`` outside the span ``avoid`` (the date), as HH:MM."""
    for m in time_rx.finditer(s):
        if avoid and m.start() < avoid[1] and avoid[0] < m.end():
            continue
        return f"{int(m.group('hh')):02d}:{m.group('mi')}"
    return None


@functools.lru_cache(maxsize=1)
def _dateparser():
    """dateparser's parser for Vietnamese, day first (imported only when needed)."""
    try:
        from dateparser.date import DateDataParser
    except ImportError as exc:  # pragma: no cover - pinned dependency
        raise ImportError("dateparser is required for header dates: pip install dateparser==1.5.0") from exc
    return DateDataParser(languages=["vi"], settings={
        "DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": True})


#: A four-digit year: the dateparser fallback only runs on strings that name one, so that
#: relative phrases ("hôm qua", "2 giờ trước") never become today's date.
_HAS_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def parse_published(s: str, rules: Rules | None = None) -> tuple[str | None, str | None]:
    """Parse a dateline, byline or metadata date into ``(ISO date, "HH:MM" or None)``.

    Regex forms first (ISO, day/month/year, "ngày … tháng … năm …"), with a time taken
    from anywhere else in the string; then dateparser on the whole string. A date needs a
    year here: a header without one says nothing reliable.

    Args:
        s: one header string.
        rules: the run's pattern files (default: the installation's).

    Returns:
        (date, time); (None, None) when nothing parses.

    >>> parse_published("Thứ Hai, 4/12/2023")
    ('2023-12-04', None)
    >>> parse_published("Quốc Sơn 29/05/2021 16:22")
    ('2021-05-29', '16:22')
    >>> parse_published("2021-05-29T16:22:00+07:00")
    ('2021-05-29', '16:22')
    """
    if not isinstance(s, str) or not s.strip():
        return None, None
    time_rx = _tables(rules).time
    for d in find_dates(s, rules=rules):
        if d.iso is None or d.precision is not Precision.day or d.year_inferred:
            continue
        return d.iso, d.time or _find_time(s, (d.start, d.end), time_rx)
    if not _HAS_YEAR.search(s):
        return None, None
    try:
        data = _dateparser().get_date_data(s)
    except Exception as exc:  # dateparser raises on odd input; a header is never worth a crash
        log.debug("dateparser failed on %r: %s", s, exc)
        return None, None
    if data is None or data.date_obj is None:
        return None, None
    obj = data.date_obj
    if str(obj.year) not in _HAS_YEAR.findall(s):  # dateparser made the year up
        return None, None
    period = getattr(data, "period", "day")
    if period == "year":
        return f"{obj.year:04d}", None
    if period == "month":
        return f"{obj.year:04d}-{obj.month:02d}", None
    return obj.date().isoformat(), _find_time(s, None, time_rx)
