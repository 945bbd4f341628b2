"""A scraped page → the article's lines, with what each line is, and the page's metadata.

Vietnamese CMSs mark up what matters in ways a generic main-text extractor drops: the
lead paragraph (``div.sapo``, ``h2.article__sapo``) often carries the headline figure,
photo captions sit in ``figure > figcaption`` or caption paragraphs with their credits,
the byline is a ``<meta name="author">``, the page's own date line is one element among
the dates of related-news items, and related-news boxes sit in the middle of the body.
This module reads the page with lxml, the CSS classes of ``patterns/boilerplate.yaml``
(``html_classes``) and the headings of related blocks (``related_headings``):

1. metadata: headline (``h1``, else ``og:title``, else ``<title>``), canonical URL
   (``link[rel=canonical]``, else ``og:url``), authors (``meta[name=author]``,
   ``article:author`` unless it is a URL), date (``article:published_time``,
   ``itemprop=datePublished``, JSON-LD ``datePublished``, else the page's dateline
   element: the first element of a dateline class with a full date, outside any dropped
   block);
2. dropped as blocks: scripts, styles, forms, navigation; elements of a ``drop`` class;
   a block headed "Tin liên quan"/"Xem thêm" … (the heading with its list, or the small
   link-dense box around it), never the rest of the article;
3. the body: the largest element of a ``content`` class (or ``itemprop=articleBody``),
   walked in order: paragraphs and headings are body lines, ``figcaption`` and elements
   of a ``caption`` class are caption lines, a short paragraph right after a picture is a
   caption; the lead (a ``sapo`` class) comes first as body even when it lies outside
   the body element. A page with no known body element goes to trafilatura (after step 2).

The result's ``hints`` say which lines are title, dateline, lead or caption; the clean
stage classifies the others as it does plain text.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

from ..rules import Rules, default_rules
from .chars import alt
from .header import AUTHOR_LINE, BYLINE
from .segment import ZoneKind

_BLOCK_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td", "th"})
_CONTAINER_TAGS = frozenset({"div", "section", "article", "main", "span", "font", "center", "tbody", "tr",
                             "table", "ul", "ol", "dl", "header", "strong", "b", "em", "i", "a", "figure"})
_JUNK_TAGS = ("script", "style", "noscript", "iframe", "form", "nav", "button", "select", "svg", "template",
              "object", "embed", "video", "audio")
_DATE_RX = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2}|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}",
                      re.IGNORECASE)
#: longest text of an element taken as a dateline, a byline or a related-news box (characters)
_MAX_DATELINE = 160
_MAX_RELATED_BOX = 1500
#: a body element with less text than this is checked against trafilatura (characters)
_MIN_BODY = 200


@dataclass
class Page:
    """The article lines of one page, what some of them are, and the page's metadata."""

    text: str
    hints: dict[int, ZoneKind] = field(default_factory=dict)
    title: str | None = None
    date: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class HtmlClasses:
    """The page-reading tables of one :class:`~extractor.rules.Rules`."""

    roles: tuple[tuple[str, re.Pattern[str]], ...]  # (role, pattern on one class/id token)
    related: re.Pattern[str]
    not_author: re.Pattern[str]


def compile_html_classes(rules: Rules) -> HtmlClasses:
    """The CSS-class roles, related-news headings and non-author words of ``boilerplate.yaml``."""
    bp = rules.file("boilerplate")
    by_role: dict[str, list[str]] = {}
    for r in bp.section("html_classes"):
        by_role.setdefault(r.label, []).extend(p.casefold() for p in r.phrases)
    roles = tuple((role, re.compile(r"(?:^|[-_])" + alt(ph, what=f"html classes of role {role}") + r"(?:$|[-_\d])"))
                  for role, ph in by_role.items())
    heads = [p for r in bp.section("related_headings") for p in r.phrases]
    related = re.compile(r"^\s*" + alt(heads, what="related-news headings") + r"\s*(?::|$|\s*[»›>…]|\s*\.\.\.)",
                         re.IGNORECASE)
    not_author = re.compile(r"(?<!\w)" + alt((p for r in bp.section("not_authors") for p in r.phrases),
                                              what="not-author words") + r"(?!\w)", re.IGNORECASE)
    return HtmlClasses(roles=roles, related=related, not_author=not_author)


def _tokens(el) -> list[str]:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".casefold()
    return raw.split()


def _has_role(el, role: str, cls: HtmlClasses) -> bool:
    toks = _tokens(el)
    if not toks:
        return False
    for r, rx in cls.roles:
        if r == role and any(rx.search(t) for t in toks):
            return True
    return False


def _norm(s: str) -> str:
    """One line of text: NFC, inner whitespace runs (no-break spaces too) as one space."""
    return re.sub(r"[ \t\r\n\f\v\u00a0\u200b]+", " ", unicodedata.normalize("NFC", s)).strip()


def _text(el) -> str:
    return _norm(el.text_content())


def _meta(tree, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            for m in tree.iter("meta"):
                if (m.get(attr) or "").casefold() == name and (m.get("content") or "").strip():
                    return m.get("content").strip()
    return None


def _json_ld_date(tree) -> str | None:
    for s in tree.iter("script"):
        if (s.get("type") or "").casefold() != "application/ld+json" or not s.text:
            continue
        try:
            data = json.loads(s.text[:200_000])
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            d = stack.pop()
            if isinstance(d, list):
                stack.extend(d[:50])
            elif isinstance(d, dict):
                if isinstance(d.get("datePublished"), str):
                    return d["datePublished"]
                stack.extend(v for k, v in d.items() if k == "@graph")
    return None


def _link_ratio(el) -> float:
    total = len(_text(el))
    links = sum(len(_text(a)) for a in el.iter("a"))
    return links / total if total else 0.0


def _drop(el) -> None:
    """Remove an element but keep its tail text (it belongs to the parent)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _drop_related(tree, keep, cls: HtmlClasses) -> None:
    """Related-news and chrome blocks, removed as blocks (``keep``: elements never removed)."""
    for el in list(tree.iter()):
        if not isinstance(el.tag, str) or el in keep or el.getparent() is None:
            continue
        if _has_role(el, "drop", cls) and not _has_role(el, "content", cls):
            _drop(el)
    top = tree.getroottree().getroot()
    for el in list(tree.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None or el.tag in ("html", "body"):
            continue
        first = el[0] if len(el) and isinstance(el[0].tag, str) else None
        own = _norm((el.text or "") + (first.text or "" if first is not None and not (el.text or "").strip() else ""))
        if not own or not cls.related.match(own) or el in keep or el.getroottree().getroot() is not top:
            continue
        block = el
        # climb to the small box the heading opens (its list of links), never past the body
        while block.getparent() is not None and block.getparent() not in keep and \
                block.getparent().tag not in ("body", "html") and len(_text(block.getparent())) <= _MAX_RELATED_BOX \
                and _link_ratio(block.getparent()) >= 0.4:
            block = block.getparent()
        if block is el and el.tag in ("h2", "h3", "h4", "h5", "h6", "strong", "b", "p", "div", "span"):
            nxt = el.getnext()
            if nxt is not None and nxt.tag in ("ul", "ol", "div", "table") and _link_ratio(nxt) >= 0.5 and \
                    len(_text(nxt)) <= _MAX_RELATED_BOX:
                _drop(nxt)
        _drop(block)


def _find_root(tree, cls: HtmlClasses):
    cands = [el for el in tree.iter() if isinstance(el.tag, str) and
             ((el.get("itemprop") or "").casefold() == "articlebody" or _has_role(el, "content", cls))]
    if not cands:
        return None
    return max(cands, key=lambda el: sum(len(_text(p)) for p in el.iter("p")) or len(_text(el)) / 10)


def _dateline(tree, root, h1, cls: HtmlClasses) -> tuple[str | None, object]:
    """The page's own dateline: of the elements of a dateline class (or ``<time>``) with a
    full date, the first after the headline and before the body; else the last before the
    body; else the first (the dates of related items and sidebars lie elsewhere)."""
    seen_h1 = h1 is None
    before: list[tuple[str, object]] = []
    after: list[tuple[str, object]] = []
    in_body = False
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el is h1:
            seen_h1 = True
        if root is not None and el is root:
            in_body = True
        if el.tag == "time" or _has_role(el, "dateline", cls):
            t = _text(el)
            if t and len(t) <= _MAX_DATELINE and (_DATE_RX.search(t) or _DATE_RX.search(el.get("datetime") or "")):
                if not _DATE_RX.search(t):
                    t = el.get("datetime")
                if in_body:
                    after.append((t, el))
                elif seen_h1:
                    return t, el
                else:
                    before.append((t, el))
    if before:
        return before[-1]
    return after[0] if after else (None, None)


def _is_image_only(el) -> bool:
    return el.find(".//img") is not None and not _text(el)


class _Walker:
    """The body element's lines in order: (text, hint or None)."""

    def __init__(self, skip: set, cls: HtmlClasses):
        self.cls = cls
        self.lines: list[tuple[str, ZoneKind | None]] = []
        self.skip = skip
        self.after_image = False

    def add(self, text: str, hint: ZoneKind | None, breaks: bool = True) -> None:
        for part in text.split("\n") if breaks else [text]:
            part = _norm(part)
            if part:
                self.lines.append((part, hint))

    def walk(self, el) -> None:
        if not isinstance(el.tag, str) or el in self.skip:
            return
        tag = el.tag.lower()
        if tag == "figcaption" or (_has_role(el, "caption", self.cls) and _text(el)):
            self.add(_text_br(el), ZoneKind.caption)
            self.after_image = False
            return
        if tag == "img" or _is_image_only(el):
            self.after_image = True
            return
        if tag in _BLOCK_TAGS or (tag in _CONTAINER_TAGS and not _has_block_child(el)):
            text = _text_br(el)
            if not _norm(text):
                return
            caption = self.after_image and len(_norm(text)) < 300 and _looks_caption(el)
            self.add(text, ZoneKind.caption if caption else ZoneKind.body if _has_role(el, "sapo", self.cls) else None)
            self.after_image = False
            return
        if el.text and _norm(el.text):
            self.add(el.text, None, breaks=False)
        for child in el:
            self.walk(child)
            if child.tail and _norm(child.tail):
                self.add(child.tail, None, breaks=False)


def _has_block_child(el) -> bool:
    return any(isinstance(c.tag, str) and (c.tag.lower() in _BLOCK_TAGS or c.tag.lower() in
               ("div", "section", "article", "figure", "ul", "ol", "table", "figcaption", "img"))
               for c in el.iter() if c is not el)


def _looks_caption(el) -> bool:
    """A short paragraph after a picture reads as its caption: centred, or all in italics."""
    style = (el.get("style") or "").replace(" ", "").casefold()
    if "text-align:center" in style or (el.get("align") or "").casefold() == "center":
        return True
    emph = "".join(_norm(e.text_content()) for e in el.iter("em", "i"))
    return bool(emph) and len(emph) >= 0.8 * len(_text(el))


def _text_br(el) -> str:
    """Text of an element with ``<br>`` as a line break."""
    parts: list[str] = []

    def flat(t: str) -> str:  # a newline of the HTML source is a space
        return re.sub(r"\s+", " ", t)

    def rec(e) -> None:
        if not isinstance(e.tag, str):
            if e.tail:
                parts.append(flat(e.tail))
            return
        if e.tag.lower() == "br":
            parts.append("\n")
        elif e.text:
            parts.append(flat(e.text))
        for c in e:
            rec(c)
        if e is not el and e.tail:
            parts.append(flat(e.tail))

    rec(el)
    return "".join(parts)


def names(v: str, rules: Rules | None = None) -> list[str]:
    """The people an author string names ([] for a site, a desk or a URL)."""
    return _names(v, (rules or default_rules()).compiled(compile_html_classes))


def _names(v: str, cls: HtmlClasses) -> list[str]:
    v = _norm(v)
    if not v or len(v) > 100 or re.match(r"https?://|www\.", v) or cls.not_author.search(v) or \
            not AUTHOR_LINE.match(v):
        return []
    return [a.strip() for a in re.split(r"\s*[,;&]\s*|\s+[-–]\s+", v) if a.strip()]


def _authors(tree, root, cls: HtmlClasses) -> list[str]:
    """Bylines: author elements outside the body (one inside is an author line of the
    text), else the author metadata when it names people."""
    in_root = set(root.iter()) if root is not None else set()
    out: list[str] = []
    for el in tree.iter():
        if isinstance(el.tag, str) and el not in in_root and el.tag not in ("meta", "html", "body") and \
                _has_role(el, "author", cls):
            out.extend(n for n in _names(_text(el), cls) if n not in out)
    if out:
        return out
    for name in ("author", "article:author", "dc.creator"):
        v = _meta(tree, name)
        if v:
            return _names(v, cls)
    return out


def read_page(html: str, rules: Rules | None = None) -> Page | None:
    """The article of one scraped page; None when lxml cannot parse it (trafilatura then).

    ``rules``: the run's pattern files (default: the installation's)."""
    import lxml.html
    from lxml import etree

    cls = (rules or default_rules()).compiled(compile_html_classes)

    html = re.sub(r"^\s*<\?xml[^>]{0,200}>", "", html)  # lxml refuses a str with an encoding declaration
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    page = Page(text="")
    canonical = next((link.get("href") for link in tree.iter("link")
                      if "canonical" in (link.get("rel") or "").casefold().split() and link.get("href")), None)
    page.url = canonical or _meta(tree, "og:url")
    page.date = _meta(tree, "article:published_time", "datepublished", "pubdate", "dc.date.issued",
                      "dc.date") or _json_ld_date(tree)
    h1 = next((h for h in tree.iter("h1") if _text(h)), None)
    page.title = (_text(h1) if h1 is not None else None) or _meta(tree, "og:title") or \
        next((_text(t) for t in tree.iter("title") if _text(t)), None)
    if h1 is None and page.title:  # the element that shows the headline, if any
        h1 = next((el for el in tree.iter() if isinstance(el.tag, str) and el.tag not in ("title", "meta", "head")
                   and len(el.text_content()) < 400 and _text(el) == page.title), None)
    title_el = h1

    for tag in _JUNK_TAGS:
        for el in list(tree.iter(tag)):
            _drop(el)
    root = _find_root(tree, cls)
    keep = {root} if root is not None else set()
    if root is not None:
        keep |= set(root.iterancestors())
    _drop_related(tree, keep, cls)
    if root is not None and root.getparent() is None and root is not tree:
        root = None  # removed with a dropped block

    page.authors = _authors(tree, root, cls)
    date_text, date_el = _dateline(tree, root, h1, cls)
    sapo = None
    in_root = set(root.iter()) if root is not None else set()
    for el in tree.iter():
        if isinstance(el.tag, str) and _has_role(el, "sapo", cls) and el.tag not in ("meta", "html", "body") and \
                el not in in_root and 20 <= len(_text(el)) <= 2000 and _link_ratio(el) < 0.5:
            sapo = el
            break

    lines: list[tuple[str, ZoneKind | None]] = []
    if page.title:
        lines.append((page.title, ZoneKind.title))
    if date_text:
        lines.append((date_text, None if _looks_byline(date_text) else ZoneKind.dateline))
    if sapo is not None:
        ws = _Walker({x for x in (title_el, date_el) if x is not None}, cls)
        ws.walk(sapo)
        lines.extend((t, h or ZoneKind.body) for t, h in ws.lines)
    if root is not None:
        w = _Walker({x for x in (title_el, date_el, sapo) if x is not None}, cls)
        w.walk(root)
        body = w.lines + _footer_lines(root)
        size = sum(len(t) for t, _ in body)
        if size < _MIN_BODY:  # a body element that holds little: maybe not the article's
            other = _split(_fallback(tree))
            if sum(map(len, other)) > 2 * size:
                body = [(ln, None) for ln in other]
    else:
        body = [(ln, None) for ln in _split(_fallback(tree))]
        if not body:  # trafilatura found nothing (a tiny or odd page): every text block left
            w = _Walker({x for x in (title_el, date_el, sapo) if x is not None}, cls)
            w.walk(tree)
            body = w.lines
    seen_title = False
    head = {t for t, _ in lines}
    for text, hint in body:
        if page.title and text == page.title and not seen_title:
            seen_title = True
            continue  # the headline again at the head of the body
        if text in head and text != page.title:
            continue  # the dateline or the lead again in the body
        lines.append((text, hint))
    page.text = "\n".join(t for t, _ in lines)
    page.hints = {i: h for i, (_, h) in enumerate(lines) if h is not None}
    return page if page.text.strip() else None


#: lines right after the body element that still belong to the article (a byline, a source)
_FOOTER_RX = re.compile(r"^\s*(?:Tác\s+giả|Nguồn(?:\s+tin)?|Theo|Bài(?:\s+và\s+ảnh)?|Tin(?:\s+và\s+ảnh)?)\s*:?\s",
                        re.IGNORECASE)
_MAX_FOOTER = 120


def _footer_lines(root) -> list[tuple[str, ZoneKind | None]]:
    """Short right-aligned or "Tác giả:"/"Nguồn tin:" paragraphs just after the body element."""
    out: list[tuple[str, ZoneKind | None]] = []
    for sib in root.itersiblings():
        if not isinstance(sib.tag, str):
            continue
        text = _text(sib)
        style = (sib.get("style") or "").replace(" ", "").casefold()
        if len(out) >= 3 or sib.tag not in ("p", "div") or not text or len(text) > _MAX_FOOTER or \
                not (_FOOTER_RX.match(text) or "text-align:right" in style):
            break
        out.append((text, None))
    return out


def _split(text: str) -> list[str]:
    return [_norm(x) for x in text.split("\n") if _norm(x)]


def _looks_byline(line: str) -> bool:
    return bool(BYLINE.match(line))


def _fallback(tree) -> str:
    """Main text of a page with no known body element: trafilatura on the page as cleaned."""
    import lxml.html
    import trafilatura

    doc = trafilatura.bare_extraction(lxml.html.tostring(tree, encoding="unicode"), with_metadata=False,
                                      include_comments=False, include_tables=True)
    if doc is None:
        return ""
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return meta.get("text") or ""
