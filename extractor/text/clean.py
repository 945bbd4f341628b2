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

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlparse

from ..io.ingest import RawArticle
from ..rules import Rules, default_rules
from . import dates
from .chars import alt
from .header import AUTHOR_LINE, BYLINE, DATELINE, OUTLET_LEAD, OUTLET_SIGNATURE, split_names
from .norm import tone_key
from .segment import Zone, ZoneKind


class CleanError(ValueError):
    """The article has no usable text."""


@dataclass(frozen=True)
class CaptionSpan:
    """A photo caption: its text, its offsets in the article text, its credit (the
    pipeline makes the record's ``Caption`` of it; this floor knows no record)."""

    text: str
    span: tuple[int, int]
    credit: str | None = None


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
    captions: list[CaptionSpan] = field(default_factory=list)
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
class CleanTables:
    """The boilerplate and outlet tables of one :class:`~extractor.rules.Rules`."""

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


def compile_clean(rules: Rules) -> CleanTables:
    """The tables of ``boilerplate.yaml`` and ``outlets.yaml`` the clean stage reads."""
    bp = rules.file("boilerplate")
    related = [p for r in bp.section("related_headings") for p in r.phrases]
    lead_codes: dict[str, str] = {}
    paper_of: dict[str, str] = {}
    outlets = rules.file("outlets")  # a broken file ends the run (PatternError), never an empty table
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
    return CleanTables(
        stop=stop, chrome=chrome, prefixes=prefixes,
        credits=tuple(re.compile(p) for p, _ in credit_rules),
        lead_codes=lead_codes, syndication=syndication, paper_of=paper_of,
        related=related_keys,
        related_rx=re.compile(r"^\s*" + alt(related, what="related-news headings") + r"\s*:", re.IGNORECASE),
        key_max=max(map(len, stop | chrome | related_keys), default=0),
        prefix_max=max(map(len, prefixes), default=0),
        credit_cues=tuple(cues for _, cues in credit_rules),
    )


_HAS_VIETNAMESE = re.compile("[À-ỹĐđ]")


def _outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url if "//" in url else "//" + url).hostname or ""
    host = host.lower().removeprefix("www.")
    # A test server or an address is not a publishing site.
    if not host or host == "localhost" or re.fullmatch(r"[\d.]+|[0-9a-f:]+", host):
        return None
    return host


def _origin(credit: str, tables: CleanTables) -> str:
    """The credited outlet as a domain where one is known (``Báo Bắc Kạn`` → its paper's
    domain), else as written."""
    credit = credit.strip().rstrip(".")
    if re.match(r"(?:https?://)?[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|info)(?:/|$)", credit, re.IGNORECASE):
        domain = _outlet_from_url(credit) or credit.lower()
        return tables.lead_codes.get(domain, domain)  # another domain of a known paper: its own
    if credit.casefold() in tables.lead_codes:  # a paper's code ("LSO")
        return tables.lead_codes[credit.casefold()]
    m = re.fullmatch(r"Báo\s+(?P<place>.+?)(?:\s+điện\s+tử)?", credit, re.IGNORECASE)
    if m:
        place = re.sub(r"^(?:tỉnh|thành\s+phố|TP\.?)\s+", "", m.group("place"), flags=re.IGNORECASE)
        domain = tables.paper_of.get(tone_key(place))
        if domain:
            return domain
    return credit


def _syndication(line: str, tables: CleanTables, whole: bool) -> re.Match[str] | None:
    """A syndication credit: the whole line (``whole``), or one closing the line."""
    for rx in tables.syndication:
        m = rx.search(line)
        if m and (not whole or not line[:m.start()].strip()):
            return m
    return None


# --- the stage ---------------------------------------------------------------------------

def _from_html(raw: RawArticle, rules: Rules) -> tuple[str, dict[str, str | None], dict[int, ZoneKind], list[str]]:
    """Text, metadata, line hints and authors of a page (text/html.py; trafilatura when
    the page does not parse). Imported here: a run of plain texts never pays for it."""
    from . import html as html_reader

    page = html_reader.read_page(raw.html or "", rules)
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
        html_reader.names(author, rules) if isinstance(author, str) else []


@dataclass
class _Input:
    """Step 1–2: the article's NFC text, its metadata, and what the page's markup said."""

    text: str
    meta: dict[str, str | None]
    hints: dict[int, ZoneKind]
    page_authors: list[str]


def _read_input(raw: RawArticle, rules: Rules) -> _Input:
    meta: dict[str, str | None] = {"title": raw.title, "date": raw.published, "url": raw.url}
    hints: dict[int, ZoneKind] = {}
    page_authors: list[str] = []
    if raw.text is not None and raw.text.strip():
        text = raw.text
    elif raw.html:
        text, html_meta, hints, page_authors = _from_html(raw, rules)
        meta.update({k: v for k, v in html_meta.items() if v and not meta.get(k)})
    else:
        raise CleanError("article has no text")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise CleanError("article text is empty")
    return _Input(text, meta, hints, page_authors)


@dataclass
class _Lines:
    """The lines of one text with offsets (a line's zone never covers its newline), their
    stripped text and the kind each is given, step by step (None: not classified yet)."""

    text: str
    spans: list[tuple[int, int]]
    stripped: list[str]
    kinds: list[ZoneKind | None]
    #: the line that holds the headline, once known
    title_idx: int | None = None

    @classmethod
    def of(cls, text: str) -> _Lines:
        spans: list[tuple[int, int]] = []
        pos = 0
        for line in text.split("\n"):
            spans.append((pos, pos + len(line)))
            pos += len(line) + 1
        return cls(text, spans, [text[s:e].strip() for s, e in spans], [None] * len(spans))


def _start(inp: _Input, rules: Rules) -> Cleaned:
    """The record's header from the input's metadata and the page's authors."""
    meta = inp.meta
    out = Cleaned(text=inp.text, zones=[])
    out.title = unicodedata.normalize("NFC", meta["title"]).strip() if meta.get("title") else None
    out.outlet = _outlet_from_url(meta.get("url"))
    out.url = meta.get("url")
    out.authors.extend(a for a in inp.page_authors if a not in out.authors)
    if meta.get("date"):
        out.published, out.published_time = dates.parse_published(str(meta["date"]), rules)
    return out


def _apply_hints(lines: _Lines, hints: dict[int, ZoneKind], out: Cleaned, rules: Rules) -> None:
    """What the page's markup said a line is."""
    for i, kind in hints.items():
        if i < len(lines.kinds):
            lines.kinds[i] = kind
            if kind == ZoneKind.title and lines.title_idx is None:
                lines.title_idx = i
                out.title = out.title or lines.stripped[i]
            if kind == ZoneKind.dateline and not out.published:
                out.published, out.published_time = dates.parse_published(lines.stripped[i], rules)


def _mark_chrome(lines: _Lines, tables: CleanTables) -> None:
    """Step 3a, chrome: a stop line opens chrome to the end (only in the last part of the
    page, so a body sentence that happens to read "Phản hồi" early on is not taken for it);
    a related-news heading opens a block of headlines only, and the article goes on."""
    stripped, kinds = lines.stripped, lines.kinds
    skip_to = 0
    last_body: int | None = None
    for i, line in enumerate(stripped):
        trimmed = _trimmed(line)
        if not trimmed or i < skip_to:
            continue
        # case-folding never shortens a string: a line longer than every key is none of them
        key = trimmed.casefold() if len(trimmed) <= tables.key_max else None
        if key in tables.stop and i >= len(kinds) // 3:
            for j in range(i, len(kinds)):
                kinds[j] = ZoneKind.chrome
            break
        if key in tables.related:
            if last_body is None:
                last_body = _last_body_line(stripped)
            skip_to = _related_block(stripped, i, kinds, last_body)
            continue
        if key in tables.chrome or line[:tables.prefix_max].casefold().startswith(tables.prefixes) or \
                (tables.related_rx.match(line) is not None and len(line) <= 300):
            kinds[i] = ZoneKind.chrome


def _mark_header(lines: _Lines, out: Cleaned, given_title: str | None, has_hints: bool, rules: Rules) -> None:
    """Step 3b, header lines before the body: dateline, byline, title."""
    kinds = lines.kinds
    for i, line in enumerate(lines.stripped):
        if kinds[i] is not None or not line:
            continue
        if DATELINE.match(line):
            kinds[i] = ZoneKind.dateline
            if not out.published:
                out.published, out.published_time = dates.parse_published(line, rules)
            continue
        m = BYLINE.match(line)
        if m and len(line) < 80:
            kinds[i] = ZoneKind.byline
            date, time_ = dates.parse_published(m.group("stamp"), rules)
            if date:
                out.published, out.published_time = date, time_ or out.published_time
            out.authors.extend(split_names(m.group("name")))
            continue
        if lines.title_idx is None and (given_title is None or line == given_title) and not has_hints:
            # The first content line is the headline when none was given and it reads
            # like one (short, no final full stop); a given headline is marked where it is.
            if given_title is not None or (len(line) <= 250 and not line.endswith((".", ":"))):
                lines.title_idx = i
                kinds[i] = ZoneKind.title
                if given_title is None:
                    out.title = line
                continue  # a dateline or byline may still follow the headline
        break


def _mark_rest(lines: _Lines, out: Cleaned, tables: CleanTables) -> None:
    """Step 3c, the rest: syndication credit, signature, repeated title, slug, caption, body."""
    text, kinds = lines.text, lines.kinds
    has_viet = bool(_HAS_VIETNAMESE.search(text))
    after_slug = False
    after_image_line = False
    for i, line in enumerate(lines.stripped):
        if kinds[i] is not None:
            after_slug = after_image_line = False
            continue
        s, e = lines.spans[i]
        raw_line = text[s:e]
        if not line:
            # A line of nothing but no-break spaces stands where a picture was.
            after_image_line = "\xa0" in raw_line
            continue
        syn = _syndication(line, tables, whole=True) if len(line) <= 200 else None
        if syn:
            kinds[i] = ZoneKind.outlet
            out.origin_outlet = out.origin_outlet or _origin(syn.group("origin"), tables)
            continue
        sig = OUTLET_SIGNATURE.match(line)
        if sig:
            kinds[i] = ZoneKind.outlet
            out.outlet = out.outlet or sig.group("outlet").lower()
            continue
        if out.title and line == out.title and i != lines.title_idx:
            kinds[i] = ZoneKind.chrome
            continue
        if has_viet and not _HAS_VIETNAMESE.search(line) and len(line.split()) >= 4 and \
                re.fullmatch(r"[A-Za-z0-9 ,.'\-]+", line):
            kinds[i] = ZoneKind.slug
            after_slug = True
            continue
        # a credit makes a short line a caption (searched last: most lines are long body)
        if after_slug or after_image_line or (raw_line.startswith("\xa0") and len(line) < 300) or \
                (len(line) < 400 and _find_credit(line, tables)):
            kinds[i] = ZoneKind.caption
        else:
            kinds[i] = ZoneKind.body
        after_slug = after_image_line = False


def _mark_author_line(lines: _Lines, out: Cleaned) -> None:
    """Step 3d, a trailing author line: the last non-chrome line, if it is only names."""
    stripped, kinds = lines.stripped, lines.kinds
    for i in range(len(kinds) - 1, -1, -1):
        if kinds[i] in (None, ZoneKind.chrome, ZoneKind.outlet) or not stripped[i]:
            continue
        if kinds[i] == ZoneKind.body:
            m = AUTHOR_LINE.match(stripped[i])
            if m and len(stripped[i]) <= 60 and i > 0:
                kinds[i] = ZoneKind.author
                out.authors.extend(n for n in split_names(m.group("names")) if n not in out.authors)
        break


def _body_zones(text: str, s: int, e: int, out: Cleaned, tables: CleanTables) -> None:
    """A body line's zones: an outlet lead split off its start, a syndication credit off its end."""
    m = OUTLET_LEAD.match(text, s, e)
    if m:
        name = m.group("outlet")
        domain = name.lower() if "." in name else tables.lead_codes.get(name.casefold())
        if domain:
            out.outlet = out.outlet or domain
            out.zones.append(Zone(ZoneKind.outlet, s, s + len(m.group().rstrip())))
            s = m.end()
    tail_start = max(s, e - 200)
    syn = _syndication(text[tail_start:e], tables, whole=False) if "(" in text[tail_start:e] else None
    if syn and syn.group().lstrip().startswith("("):
        cs = tail_start + syn.start() + (len(syn.group()) - len(syn.group().lstrip()))
        out.origin_outlet = out.origin_outlet or _origin(syn.group("origin"), tables)
        body_end = s + len(text[s:cs].rstrip())
        if body_end > s:
            out.zones.append(Zone(ZoneKind.body, s, body_end))
        out.zones.append(Zone(ZoneKind.outlet, cs, e))
        return
    out.zones.append(Zone(ZoneKind.body, s, e))


def _caption_zones(text: str, s: int, e: int, out: Cleaned, tables: CleanTables) -> None:
    """A caption line's zones: the caption, and its photo credit apart."""
    credit = _find_credit(text[s:e], tables)
    cap_end = e
    if credit:
        cs, _ce, who = credit
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
        out.captions.append(CaptionSpan(text=cap_text, span=(s, s + len(cap_text)),
                                        credit=credit[2] if credit else None))


def _zones(lines: _Lines, out: Cleaned, tables: CleanTables) -> None:
    """Step 4, zones in text order, each trimmed to start and end on text."""
    text = lines.text
    for i, (s, e) in enumerate(lines.spans):
        kind = lines.kinds[i]
        if kind is None or not lines.stripped[i]:
            continue
        lead_ws = len(text[s:e]) - len(text[s:e].lstrip())
        trail_ws = len(text[s:e]) - len(text[s:e].rstrip())
        s, e = s + lead_ws, e - trail_ws
        if kind == ZoneKind.body:
            _body_zones(text, s, e, out, tables)
        elif kind == ZoneKind.caption:
            _caption_zones(text, s, e, out, tables)
        else:
            out.zones.append(Zone(kind, s, e))
    out.zones.sort(key=lambda z: z.start)


def clean(raw: RawArticle, rules: Rules | None = None) -> Cleaned:
    """Classify the lines of one article into zones and parse its header and footer.

    ``rules``: the run's pattern files (default: the installation's).

    >>> c = clean(RawArticle(id="x", text="Thứ Hai, 4/12/2023\\nTiêu đề\\nĐoạn một.\\n(baobackan.com.vn)"))
    >>> (c.title, c.published, c.outlet)
    ('Tiêu đề', '2023-12-04', 'baobackan.com.vn')
    """
    rules = rules or default_rules()
    tables = rules.compiled(compile_clean)
    inp = _read_input(raw, rules)
    out = _start(inp, rules)
    given_title = out.title
    lines = _Lines.of(inp.text)
    _apply_hints(lines, inp.hints, out, rules)
    _mark_chrome(lines, tables)
    _mark_header(lines, out, given_title, bool(inp.hints), rules)
    _mark_rest(lines, out, tables)
    _mark_author_line(lines, out)
    _zones(lines, out, tables)
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


def _find_credit(line: str, tables: CleanTables) -> tuple[int, int, str] | None:
    """A photo credit at the end of a caption line: (start, end, who) or None."""
    for rx, cues in zip(tables.credits, tables.credit_cues):
        if cues and not any(c in line for c in cues):
            continue
        m = rx.search(line)
        if m:
            who = m.group("credit").strip().rstrip(".")
            return m.start(), m.end(), who
    return None
