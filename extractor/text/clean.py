"""Clean one article: NFC text, and every line classified into zones; header and footer parsed.

The record's ``text`` is the input after Unicode NFC and nothing else (SCHEMA), so nothing
is deleted here: site chrome, captions, credits and header lines become *zones* that the
extractors skip or read apart. Steps, in order:

1. HTML pages go through trafilatura (main text, headline, date, canonical URL, author).
2. NFC.
3. Lines are classified, first rule that fits: chrome (``patterns/boilerplate.yaml``: a
   stop line opens chrome to the end), dateline ("Thứ Hai, 4/12/2023"), byline with a
   timestamp ("Quốc Sơn 29/05/2021 16:22"), outlet signature ("(baobackan.com.vn)"),
   title (first content line, or the given headline; a later repeat is chrome), ASCII
   image slug, caption (after a slug or an empty image line, or carrying a photo credit),
   trailing author line, body. An outlet lead ("(Baonghean.vn) -", "(LSO) –") splits its
   line into an outlet zone and body.
4. ``published`` from the dateline or byline, else the input's metadata; ``outlet`` from
   the URL, else the signature or lead.
5. A syndication credit (``(Theo baobackan.com.vn)``, ``Nguồn: Báo Bắc Kạn``, the rules
   ``syndication`` of ``patterns/outlets.yaml``) is an outlet zone and sets
   ``origin_outlet``: the outlet the article comes from (a lower-case domain where the
   credit or the outlet table gives one, else the name as written), which the pipeline
   hands to the places stage in place of the hosting outlet.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlparse

from .. import patterns
from ..io.ingest import RawArticle
from ..record import Caption
from . import dates
from . import html as html_reader
from .norm import tone_key
from .segment import Zone, ZoneKind


class CleanError(ValueError):
    """The article has no usable text."""


@dataclass
class Cleaned:
    text: str
    zones: list[Zone]
    title: str | None = None
    published: str | None = None
    published_time: str | None = None
    outlet: str | None = None
    origin_outlet: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    photo_credits: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- compiled rules ----------------------------------------------------------------------

#: what a line's key drops at its end besides whitespace
_KEY_TRAIL = ".:…"


def _trimmed(line: str) -> str:
    """The line without surrounding whitespace and without trailing dots, colons, ellipses."""
    s = line.strip()
    while True:
        t = s.rstrip().rstrip(_KEY_TRAIL)
        if t == s:
            return s
        s = t


def _line_key(line: str) -> str:
    """How a chrome/stop/related line is looked up: trimmed, case-folded."""
    return _trimmed(line).casefold()


@dataclass(frozen=True)
class _Rules:
    stop: frozenset[str]
    chrome: frozenset[str]
    prefixes: tuple[str, ...]
    credits: tuple[re.Pattern[str], ...]
    lead_codes: dict[str, str]  # "lso" -> "baolangson.vn"
    related: frozenset[str] = frozenset()
    related_rx: re.Pattern[str] = re.compile(r"(?!)")  # "Tin liên quan: …" on one line
    syndication: tuple[re.Pattern[str], ...] = ()
    paper_of: dict[str, str] = field(default_factory=dict)  # tone_key("Bắc Kạn") -> "baobackan.com.vn"
    #: the longest stop/chrome/related key: a longer trimmed line is none of them
    key_max: int = 0
    #: the longest chrome prefix (a line's prefix of this length is case-folded, not the line)
    prefix_max: int = 0
    #: literal cues of each credit pattern (a line without one of them is not searched)
    credit_cues: tuple[tuple[str, ...], ...] = ()


@functools.lru_cache(maxsize=1)
def _rules() -> _Rules:
    bp = patterns.load("boilerplate")
    related = [p for r in bp.section("related_headings") for p in r.phrases]
    lead_codes: dict[str, str] = {}
    paper_of: dict[str, str] = {}
    outlets = patterns.load("outlets")  # a broken file ends the run (PatternError), never an empty table
    for rule in outlets.section("outlets"):
        lead_codes[rule.label.casefold()] = rule.label.casefold()
        for form in rule.phrases:
            lead_codes[form.casefold()] = rule.label.casefold()
        if (rule.data or {}).get("province"):
            paper_of.setdefault(tone_key(rule.data["province"]), rule.label.casefold())
    syndication = tuple(re.compile(p, re.IGNORECASE) for r in outlets.section("syndication") for p in r.phrases)
    stop = frozenset(_line_key(p) for r in bp.section("stop_lines") for p in r.phrases)
    chrome = frozenset(_line_key(p) for r in bp.section("chrome_lines") for p in r.phrases)
    related_keys = frozenset(_line_key(p) for p in related)
    prefixes = tuple(p.casefold() for r in bp.section("chrome_prefixes") for p in r.phrases)
    credit_rules = [(p, tuple((r.data or {}).get("cues", ()))) for r in bp.section("credit_patterns") for p in r.phrases]
    return _Rules(
        stop=stop, chrome=chrome, prefixes=prefixes,
        credits=tuple(re.compile(p) for p, _ in credit_rules),
        lead_codes=lead_codes, syndication=syndication, paper_of=paper_of,
        related=related_keys, related_rx=re.compile(
            r"^\s*(?:" + "|".join(re.escape(p) for p in sorted(related, key=len, reverse=True)) + r")\s*:",
            re.IGNORECASE),
        key_max=max(map(len, stop | chrome | related_keys), default=0),
        prefix_max=max(map(len, prefixes), default=0),
        credit_cues=tuple(cues for _, cues in credit_rules),
    )


_WEEKDAY = r"(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|[2-7])|Chủ\s+[Nn]hật|CN)"
_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
_TIME = r"\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:GMT|UTC)?\s*[+-]\d{1,2}(?::?\d{2})?)?"
DATELINE = re.compile(
    rf"""^\s*(?:{_WEEKDAY}\s*,?\s*)?(?:ngày\s+)?{_DATE}   # weekday, then a day-first date
         (?:\s*[,|-]?\s*{_TIME})?\s*(?:\(GMT[+-]\d+\))?\s*$ # optional time
    """, re.VERBOSE | re.IGNORECASE)
# A byline: a short name (1-6 capitalised syllables, maybe joined by "-" or ",") followed by
# a timestamp ("Quốc Sơn 29/05/2021 16:22").
BYLINE = re.compile(
    rf"""^\s*(?P<name>(?:[A-ZĐÂĂÊÔƠƯÀ-Ỹ][\w'’]*\.?\s*[-–,&]?\s*){{1,8}}?)\s*[-–|,]?\s*
         (?P<stamp>(?:{_WEEKDAY}\s*,?\s*)?{_DATE}(?:\s*[,|-]?\s*{_TIME})?)\s*$""",
    re.VERBOSE)
# "(Baonghean.vn) - ..." or "(LSO) – ..." at the start of the lead paragraph.
OUTLET_LEAD = re.compile(r"\s*\((?P<outlet>[^()\s]{2,40})\)\s*[-–—:]\s*")
# "(baobackan.com.vn)" alone on a line: the outlet's signature.
OUTLET_SIGNATURE = re.compile(r"^\s*\(\s*(?:Theo\s+)?(?P<outlet>[\w.-]+\.(?:vn|com|net|org)(?:\.vn)?)\s*\)\s*\.?\s*$",
                              re.IGNORECASE)
_HAS_VIETNAMESE = re.compile("[À-ỹĐđ]")
# An author line: 1-3 person names of 2-5 capitalised syllables, joined by "-", "–", ",".
_NAME = r"(?:[A-ZĐÀ-Ỹ][\w’']*)(?:\s+[A-ZĐÀ-Ỹ][\w’']*){1,4}"
AUTHOR_LINE = re.compile(rf"^\s*(?:(?:Bài|Tin|Bài\s+và\s+ảnh|Bài,\s*ảnh|Nhóm\s+PV|Tác\s+giả)\s*:\s*)?(?P<names>{_NAME}(?:\s*[-–,&]\s*{_NAME}){{0,3}})\s*$")


def _outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url if "//" in url else "//" + url).hostname or ""
    host = host.lower().removeprefix("www.")
    # A test server or an address is not a publishing site.
    if not host or host == "localhost" or re.fullmatch(r"[\d.]+|[0-9a-f:]+", host):
        return None
    return host


def _origin(credit: str, rules: _Rules) -> str:
    """The credited outlet as a domain where one is known (``Báo Bắc Kạn`` → its paper's
    domain), else as written."""
    credit = credit.strip().rstrip(".")
    if re.match(r"(?:https?://)?[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|info)(?:/|$)", credit, re.IGNORECASE):
        domain = _outlet_from_url(credit) or credit.lower()
        return rules.lead_codes.get(domain, domain)  # another domain of a known paper: its own
    if credit.casefold() in rules.lead_codes:  # a paper's code ("LSO")
        return rules.lead_codes[credit.casefold()]
    m = re.fullmatch(r"Báo\s+(?P<place>.+?)(?:\s+điện\s+tử)?", credit, re.IGNORECASE)
    if m:
        place = re.sub(r"^(?:tỉnh|thành\s+phố|TP\.?)\s+", "", m.group("place"), flags=re.IGNORECASE)
        domain = rules.paper_of.get(tone_key(place))
        if domain:
            return domain
    return credit


def _syndication(line: str, rules: _Rules, whole: bool) -> re.Match[str] | None:
    """A syndication credit: the whole line (``whole``), or one closing the line."""
    for rx in rules.syndication:
        m = rx.search(line)
        if m and (not whole or not line[:m.start()].strip()):
            return m
    return None


def _split_names(names: str) -> list[str]:
    return [n.strip() for n in re.split(r"\s*[-–,&]\s*", names) if n.strip()]


# --- the stage ---------------------------------------------------------------------------

def _from_html(raw: RawArticle) -> tuple[str, dict[str, str | None], dict[int, ZoneKind], list[str]]:
    """Text, metadata, line hints and authors of a page (text/html.py; trafilatura when
    the page does not parse)."""
    page = html_reader.read_page(raw.html or "")
    if page is not None:
        return page.text, {"title": page.title, "date": page.date, "url": page.url}, page.hints, page.authors
    import trafilatura

    doc = trafilatura.bare_extraction(raw.html or "", url=raw.url, with_metadata=True,
                                      include_comments=False, include_tables=True)
    if doc is None:
        raise CleanError("HTML page has no extractable main text")
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = meta.get("text") or ""
    if not text.strip():
        raise CleanError("HTML page has no extractable main text")
    author = meta.get("author")
    return text, {"title": meta.get("title"), "date": meta.get("date"), "url": meta.get("url")}, {}, \
        html_reader.names(author) if isinstance(author, str) else []


def clean(raw: RawArticle) -> Cleaned:
    """Classify the lines of one article into zones and parse its header and footer.

    >>> c = clean(RawArticle(id="x", text="Thứ Hai, 4/12/2023\\nTiêu đề\\nĐoạn một.\\n(baobackan.com.vn)"))
    >>> (c.title, c.published, c.outlet)
    ('Tiêu đề', '2023-12-04', 'baobackan.com.vn')
    """
    meta: dict[str, str | None] = {"title": raw.title, "date": raw.published, "url": raw.url}
    hints: dict[int, ZoneKind] = {}
    page_authors: list[str] = []
    if raw.text is not None and raw.text.strip():
        text = raw.text
    elif raw.html:
        text, html_meta, hints, page_authors = _from_html(raw)
        meta.update({k: v for k, v in html_meta.items() if v and not meta.get(k)})
    else:
        raise CleanError("article has no text")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise CleanError("article text is empty")

    rules = _rules()
    out = Cleaned(text=text, zones=[])
    given_title = unicodedata.normalize("NFC", meta["title"]).strip() if meta.get("title") else None
    out.title = given_title
    out.outlet = _outlet_from_url(meta.get("url"))
    out.url = meta.get("url")
    out.authors.extend(a for a in page_authors if a not in out.authors)
    if meta.get("date"):
        out.published, out.published_time = dates.parse_published(str(meta["date"]))

    # Lines with offsets; a line's zone never covers its newline.
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1

    kinds: list[ZoneKind | None] = [None] * len(lines)
    stripped = [text[s:e].strip() for s, e in lines]
    title_idx: int | None = None
    for i, kind in hints.items():  # what the page's markup said a line is
        if i < len(kinds):
            kinds[i] = kind
            if kind == ZoneKind.title and title_idx is None:
                title_idx = i
                out.title = out.title or stripped[i]
            if kind == ZoneKind.dateline and not out.published:
                out.published, out.published_time = dates.parse_published(stripped[i])
    has_viet = bool(_HAS_VIETNAMESE.search(text))

    # 1. chrome: a stop line opens chrome to the end (only in the last part of the page,
    # so a body sentence that happens to read "Phản hồi" early on is not taken for it);
    # a related-news heading opens a block of headlines only, and the article goes on.
    skip_to = 0
    last_body: int | None = None
    for i, line in enumerate(stripped):
        trimmed = _trimmed(line)
        if not trimmed or i < skip_to:
            continue
        # case-folding never shortens a string: a line longer than every key is none of them
        key = trimmed.casefold() if len(trimmed) <= rules.key_max else None
        if key in rules.stop and i >= len(lines) // 3:
            for j in range(i, len(lines)):
                kinds[j] = ZoneKind.chrome
            break
        if key in rules.related:
            if last_body is None:
                last_body = _last_body_line(stripped)
            skip_to = _related_block(stripped, i, kinds, last_body)
            continue
        if key in rules.chrome or line[:rules.prefix_max].casefold().startswith(rules.prefixes) or \
                (rules.related_rx.match(line) is not None and len(line) <= 300):
            kinds[i] = ZoneKind.chrome

    # 2. header lines before the body: dateline, byline, title.
    for i, line in enumerate(stripped):
        if kinds[i] is not None or not line:
            continue
        if DATELINE.match(line):
            kinds[i] = ZoneKind.dateline
            if not out.published:
                out.published, out.published_time = dates.parse_published(line)
            continue
        m = BYLINE.match(line)
        if m and len(line) < 80:
            kinds[i] = ZoneKind.byline
            date, time_ = dates.parse_published(m.group("stamp"))
            if date:
                out.published, out.published_time = date, time_ or out.published_time
            out.authors.extend(_split_names(m.group("name")))
            continue
        if title_idx is None and (given_title is None or line == given_title) and not hints:
            # The first content line is the headline when none was given and it reads
            # like one (short, no final full stop); a given headline is marked where it is.
            if given_title is not None or (len(line) <= 250 and not line.endswith((".", ":"))):
                title_idx = i
                kinds[i] = ZoneKind.title
                if given_title is None:
                    out.title = line
                continue  # a dateline or byline may still follow the headline
        break

    # 3. the rest: signature, repeated title, slug, caption, body.
    after_slug = False
    after_image_line = False
    for i, line in enumerate(stripped):
        if kinds[i] is not None:
            after_slug = after_image_line = False
            continue
        s, e = lines[i]
        raw_line = text[s:e]
        if not line:
            # A line of nothing but no-break spaces stands where a picture was.
            after_image_line = "\xa0" in raw_line
            continue
        syn = _syndication(line, rules, whole=True) if len(line) <= 200 else None
        if syn:
            kinds[i] = ZoneKind.outlet
            out.origin_outlet = out.origin_outlet or _origin(syn.group("origin"), rules)
            continue
        sig = OUTLET_SIGNATURE.match(line)
        if sig:
            kinds[i] = ZoneKind.outlet
            out.outlet = out.outlet or sig.group("outlet").lower()
            continue
        if out.title and line == out.title and i != title_idx:
            kinds[i] = ZoneKind.chrome
            continue
        if has_viet and not _HAS_VIETNAMESE.search(line) and len(line.split()) >= 4 and \
                re.fullmatch(r"[A-Za-z0-9 ,.'\-]+", line):
            kinds[i] = ZoneKind.slug
            after_slug = True
            continue
        credit = _find_credit(line, rules)
        if after_slug or after_image_line or (raw_line.startswith("\xa0") and len(line) < 300) or \
                (credit and len(line) < 400):
            kinds[i] = ZoneKind.caption
        else:
            kinds[i] = ZoneKind.body
        after_slug = after_image_line = False

    # 4. a trailing author line: the last non-chrome line, if it is only names.
    for i in range(len(lines) - 1, -1, -1):
        if kinds[i] in (None, ZoneKind.chrome, ZoneKind.outlet) or not stripped[i]:
            continue
        if kinds[i] == ZoneKind.body:
            m = AUTHOR_LINE.match(stripped[i])
            if m and len(stripped[i]) <= 60 and i > 0:
                kinds[i] = ZoneKind.author
                out.authors.extend(n for n in _split_names(m.group("names")) if n not in out.authors)
        break

    # 5. zones, with the outlet lead split off its paragraph and credits off captions.
    for i, (s, e) in enumerate(lines):
        kind = kinds[i]
        if kind is None or not stripped[i]:
            continue
        # trim surrounding whitespace so zones start and end on text
        lead_ws = len(text[s:e]) - len(text[s:e].lstrip())
        trail_ws = len(text[s:e]) - len(text[s:e].rstrip())
        s, e = s + lead_ws, e - trail_ws
        if kind == ZoneKind.body:
            m = OUTLET_LEAD.match(text, s, e)
            if m:
                name = m.group("outlet")
                domain = name.lower() if "." in name else rules.lead_codes.get(name.casefold())
                if domain:
                    out.outlet = out.outlet or domain
                    out.zones.append(Zone(ZoneKind.outlet, s, s + len(m.group().rstrip())))
                    s = m.end()
            syn = _syndication(text[max(s, e - 200):e], rules, whole=False) if "(" in text[max(s, e - 200):e] else None
            if syn and syn.group().lstrip().startswith("("):
                cs = max(s, e - 200) + syn.start() + (len(syn.group()) - len(syn.group().lstrip()))
                out.origin_outlet = out.origin_outlet or _origin(syn.group("origin"), rules)
                body_end = s + len(text[s:cs].rstrip())
                if body_end > s:
                    out.zones.append(Zone(ZoneKind.body, s, body_end))
                out.zones.append(Zone(ZoneKind.outlet, cs, e))
                continue
        if kind == ZoneKind.caption:
            credit = _find_credit(text[s:e], rules)
            cap_end = e
            if credit:
                cs, ce, who = credit
                cap_end = s + len(text[s:s + cs].rstrip(" \t\u00a0-–—|"))
                credit_start = s + cs + (len(text[s + cs:e]) - len(text[s + cs:e].lstrip()))
                if text[s:cap_end].strip():
                    out.zones.append(Zone(ZoneKind.caption, s, cap_end))
                out.zones.append(Zone(ZoneKind.credit, credit_start, e))
                if who not in out.photo_credits:
                    out.photo_credits.append(who)
            else:
                out.zones.append(Zone(ZoneKind.caption, s, e))
            cap_text = text[s:cap_end].rstrip()
            if cap_text.strip():
                out.captions.append(Caption(text=cap_text, span=(s, s + len(cap_text)),
                                            credit=credit[2] if credit else None))
            continue
        out.zones.append(Zone(kind, s, e))

    out.zones.sort(key=lambda z: z.start)
    if not any(z.kind in (ZoneKind.body, ZoneKind.caption, ZoneKind.title) for z in out.zones):
        out.warnings.append("clean: no body text found")
    return out


#: headline lines a related-news heading may open, and the longest such line (characters)
_RELATED_MAX_LINES = 10
_HEADLINE_MAX = 200


def _last_body_line(stripped: list[str]) -> int:
    """Index of the last line that reads as a body paragraph (long, or ending a sentence)."""
    for k in range(len(stripped) - 1, -1, -1):
        x = stripped[k]
        if len(x) > _HEADLINE_MAX or (len(x) > 60 and x.endswith(".")):
            return k
    return -1


def _related_block(stripped: list[str], i: int, kinds: list[ZoneKind | None], last_body: int) -> int:
    """Mark a related-news block as chrome: its heading (line ``i``) and the headline lines
    after it (short, no final full stop); return the first line after the block. When no
    body paragraph follows the block, the rest of the page is chrome."""
    kinds[i] = ZoneKind.chrome
    j, taken = i + 1, 0
    while j < len(stripped) and taken < _RELATED_MAX_LINES:
        line = stripped[j]
        if line and (len(line) > _HEADLINE_MAX or line.endswith((".", ":", "!", "?", ".)", ".”", '."'))):
            break
        if line:
            kinds[j] = ZoneKind.chrome
            taken += 1
        j += 1
    if j > last_body:
        for k in range(j, len(stripped)):
            kinds[k] = ZoneKind.chrome
        return len(stripped)
    return j


def _find_credit(line: str, rules: _Rules) -> tuple[int, int, str] | None:
    """A photo credit at the end of a caption line: (start, end, who) or None."""
    for rx, cues in zip(rules.credits, rules.credit_cues):
        if cues and not any(c in line for c in cues):
            continue
        m = rx.search(line)
        if m:
            who = m.group("credit").strip().rstrip(".")
            return m.start(), m.end(), who
    return None
