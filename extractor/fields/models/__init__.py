"""Models: named examples of "Dân vận khéo" models, with their field and place.

Four constructions, tried in this order on every content sentence (lexicons in
``patterns/models.yaml``):

1. *quoted* names after a cue and at most three bridge words (``mô hình “Tổ liên gia”``,
   ``mô hình dân vận khéo về “…”``, ``mô hình đột phá “3 xanh, 4 có”``, ``công trình “…”``),
   a chain of quoted names sharing one cue (``“A” (xã X), “B” ấp Y và “C”``), and the quoted
   items of a list of models (``… như: “A”; “B” của <đơn vị>; <đơn vị> với “C”; <đơn vị> có
   “D” và “E”``), an owner before a name giving its place;
2. *lists* after a marker (``các mô hình … như: A, tại thôn …, xã …; B, xã …; C…``,
   ``Nổi bật có các mô hình: …``, ``Điển hình là Tổ hợp tác …``), items split on ``;`` (or
   before a repeated cue, after an owner in brackets, or on commas between activities), each
   cut before its owner or place tail; an item that goes on as a clause ends the list. The cue
   stands within ``MAX_CUE_DISTANCE`` of the marker, or up to ``MAX_FAR_CUE`` when the list
   opens on a name; a blocker between them ("được", "thường") is outweighed by a list that
   opens on a name or whose ``;`` items end in owners and places;
3. *unquoted* ``mô hình <kind> …`` naming a group or an activity with its owner or place
   (``mô hình tổ liên gia tự quản``, ``Mô hình nuôi ong lấy mật ở huyện Chợ Mới``);
4. *captions* ``<name>, một trong những mô hình dân vận khéo ở xã …``, and a named group as
   the subject of ``là (một trong những) mô hình dân vận khéo``.

The movement's own name (``mô hình “Dân vận khéo”``), a sentence opener (``Được biết``),
a bare group kind (``Tổ hợp tác``), an organisation or a person is never an example. A
model's locality is the lowest unit named in its tail (``tại thôn …, xã Quảng Lạc`` →
Quảng Lạc), else in its owner, read from the places stage's mentions, else from a level word
and a capitalised name.

A relevance gate (:class:`_Gate`) keeps models only in an article about the movement or near
mass-mobilisation words (general news has "mô hình" of every kind). Every look-back and
look-ahead is a bounded window and each sentence's work is capped (``MAX_PER_SENTENCE``), so
the stage is linear in the text.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ...record import Locality, ModelExample
from ...text.norm import fold
from ...text.segment import ArticleText, Sentence, ZoneKind
from ..prefilter import Hits, lowered
from .lexicon import (
    _CLOSE,
    _OPEN,
    CUE_LOOKBACK,
    GATE_WINDOW,
    LIST_WINDOW,
    MAX_CUE_DISTANCE,
    MAX_FAR_CUE,
    MAX_MODELS,
    MAX_NAME_WORDS,
    MAX_OWNER,
    MAX_PER_SENTENCE,
    MAX_QUOTED,
    MAX_QUOTED_WORDS,
    MAX_SINGLE_WORDS,
    TAIL_WINDOW,
    _clean_name,
    _field,
    _InText,
    _is_movement,
    _Lex,
    _place_in,
    compile_models,
)

log = logging.getLogger(__name__)


@dataclass
class _Found:
    name: str
    start: int
    end: int
    tail: tuple[int, int]
    rule: str
    sent: Sentence
    head: tuple[int, int] | None = None   # an owner before the name ("Ban CHQS huyện X với “A”")


@dataclass
class _ListOpen:
    """A list marker that opens a list of models, and the body it governs."""

    start: int
    body_start: int
    body_end: int
    colon: bool


_QUOTE_OPEN = re.compile("[" + _OPEN + "]")
#: A sentence without any of these holds no model (every construction needs a cue, a quote or a group).
_CUE_WORDS = ("mô hình", "điển hình", "HTX", "hợp tác xã", "tổ hợp tác", "CLB", "câu lạc bộ")
_ANY_CUE = re.compile("[" + _OPEN + "]|" + "|".join(_CUE_WORDS), re.IGNORECASE)
#: The same, lower-cased, for one pass of substring searches over an article (:class:`Hits`).
_ANY_CUE_LOW = tuple(_OPEN) + tuple(w.lower() for w in _CUE_WORDS)
#: The gap between two chained quoted names: a bracket or a short owner or place tail, then a
#: comma or conjunction ("“A” (xã X), “B”", "“A” ấp Vinh Hội và “B”", "“A” của Hội X và “B”").
_CHAIN = re.compile(r"""\s*(?:\([^()“”"]{0,80}\)
    |(?<![^\W_])(?:của|tại|ở|thuộc|xã|phường|thị\ trấn|thôn|bản|xóm|ấp|tổ\ dân\ phố|khu\ phố)\s[^“”"(),;.!?]{1,60}?)?
    \s*(?:,|;|và|hay|hoặc)?\s*(?:mô\ hình\s*)?""", re.VERBOSE)
_CHAIN_ITEM = re.compile(r"[^.!?“”\"]{0,200};\s*(?:(?:mô hình|điển hình)\s*)?")


def _list_body(text: str, sent: Sentence, start: int) -> tuple[int, int]:
    """The body of a list opening at ``start``: to the sentence end, its ellipsis or ``LIST_WINDOW``."""
    end = min(sent.end, start + LIST_WINDOW)
    ell = re.compile(r"…|\.\.\.").search(text, start, end)  # a list ends at its ellipsis
    return start, ell.start() if ell else end


def _quote_ok(text: str, i: int, sent: Sentence, lists: list[_ListOpen], chain: bool, last_end: int,
              lex: _Lex, chain_head: tuple[int, int] | None = None) -> tuple[bool, tuple[int, int] | None]:
    """Whether the quote opening at ``i`` names a model, and the owner before it if any
    (a name chained to the previous one shares its owner, ``chain_head``)."""
    rx = lex.rx
    before = text[max(sent.start, i - CUE_LOOKBACK):i].rstrip()
    if rx["cue_end"].search(before):
        return True, None
    if chain and last_end >= 0 and _CHAIN.fullmatch(text, last_end, i):
        return True, chain_head
    if chain and last_end >= 0 and _CHAIN_ITEM.fullmatch(text, last_end, i):
        return True, None
    body = next((lo for lo in lists if lo.body_start <= i < lo.body_end), None)
    if body is None:
        return False, None
    # an item of the list: the quote opens it, or an owner does ("Ban CHQS huyện X với “A”")
    seg_start = max(body.body_start, text.rfind(";", body.body_start, i) + 1)
    seg = text[seg_start:i].lstrip(" ,")
    if not seg.strip():
        return True, None
    if len(seg) <= MAX_OWNER + 30 and rx["owner_quote"].fullmatch(seg):
        return True, (i - len(seg), i)
    return False, None


def _quoted(doc: ArticleText, sent: Sentence, lex: _Lex, lists: list[_ListOpen]) -> list[_Found]:
    """Quoted names after a cue, the quoted names chained to them, and quoted list items."""
    text = doc.text
    out: list[_Found] = []
    pos, chained, last_end = sent.start, False, -1
    head: tuple[int, int] | None = None
    for _ in range(MAX_PER_SENTENCE):
        q = _QUOTE_OPEN.search(text, pos, sent.end)
        if q is None:
            break
        i = q.start()
        window = min(sent.end + 1, i + MAX_QUOTED)
        close = text.find(_CLOSE[text[i]], i + 1, window)
        if close < 0 and text[i] in "“\"":  # mixed marks: “…" and "…”
            close = text.find('"' if text[i] == "“" else "”", i + 1, window)
        if close < 0:
            pos = i + 1
            continue
        ok, head = _quote_ok(text, i, sent, lists, chained, last_end, lex, head)
        inner_open = text.rfind("“", i + 1, close) if text[i] == "“" and not ok else -1
        if inner_open > 0:  # a name quoted inside a quoted speech: “… nên mô hình “A” …
            i = inner_open
            ok, head = _quote_ok(text, i, sent, lists, chained, last_end, lex, None)
        inner = text[i + 1:close]
        if ok and inner.strip() and not _is_movement(inner, lex) and len(inner.split()) <= MAX_QUOTED_WORDS:
            s = i + 1 + (len(inner) - len(inner.lstrip()))
            e = i + 1 + len(inner.rstrip())
            tail = (close + 1, _tail_end(text, close + 1, min(sent.end, close + 1 + TAIL_WINDOW)))
            out.append(_Found(text[s:e], s, e, tail, "mod.quoted", sent, head))
            chained = True
        else:
            chained = False
        last_end = close + 1
        pos = close + 1
    return out


def _tail_end(text: str, start: int, limit: int) -> int:
    """End of the stretch after a name that may hold its owner and place."""
    m = re.compile(r"[;“\"]|,\s*(?:mô hình|“)|\.\s").search(text, start, limit)
    return m.start() if m else limit


def _split_item(text: str, s: int, e: int, lex: _Lex) -> tuple[int, int, int, int] | None:
    """An item ``text[s:e]`` as (name start, name end, tail start, tail end), or None."""
    while s < e and text[s] in " \t,;:":
        s += 1
    while e > s and text[e - 1] in " \t,;:.…":
        e -= 1
    if e <= s:
        return None
    m = lex.rx["tail"].search(text, s + 1, e)
    ne = m.start() if m else e
    return s, ne, ne, e


def _not_a_name(name: str, lex: _Lex) -> bool:
    """A sentence opener ("Được biết", "Theo đó") or a bare group kind ("Tổ hợp tác") is never a name."""
    rx = lex.rx
    return bool(rx["opener"].match(name) or rx["person"].match(name)) \
        or name.lower() in {k.lower() for k in lex.kinds}


def _unquoted_ok(name: str, lex: _Lex, listed: bool, proper: bool = False) -> bool:
    """Whether an unquoted stretch names a model (``proper``: a capitalised name after its cue)."""
    words = name.split()
    if not (2 <= len(words) <= MAX_NAME_WORDS) or any(c in name for c in _OPEN) or _not_a_name(name, lex):
        return False
    low = name.lower()
    if re.match(r"(?:các|những|nhiều|một số|mỗi|\d)", low) and not low.startswith("mỗi tổ chức"):
        return False
    if not proper and any(low == g or low.startswith(g + " ") for g in lex.generic):
        return False
    if listed:
        return True
    return any(low.startswith(k.lower() + " ") for k in lex.kinds)


def _tailed_items(text: str, start: int, end: int, lex: _Lex) -> bool:
    """Whether a list body splits on ";" into items most of which end in an owner or place tail."""
    tail = lex.rx["tail"]
    stop = min(end, start + LIST_WINDOW)
    items: list[tuple[int, int]] = []
    pos = start
    while pos < stop and len(items) < 8:
        j = text.find(";", pos, stop)
        items.append((pos, j if j >= 0 else stop))
        if j < 0:
            break
        pos = j + 1
    tailed = sum(1 for s, e in items if tail.search(text, s + 1, e))
    return len(items) >= 2 and tailed >= 2 and 3 * tailed >= 2 * len(items)


def _markers(text: str, sent: Sentence, lex: _Lex, low: str | None = None) -> list[_ListOpen]:
    """List markers of a sentence that open a list of models, in order.

    A marker counts when a model cue stands within ``MAX_CUE_DISTANCE`` before it with no
    blocker between ("các mô hình thường bắt đầu từ việc nhỏ như: …" is no list), unless
    the list itself opens on a cue, a quoted name or a named group, or its ";" items end in
    owners and places ("… được đánh giá cao như: A ở xã X; B của Hội Phụ nữ xã Y"). A cue
    up to ``MAX_FAR_CUE`` back opens only a list that opens on a name. "các mô hình tiêu
    biểu: …" carries its cue.
    """
    rx = lex.rx
    found: list[_ListOpen] = []
    markers = (rx["marker"].finditer(text, sent.start, sent.end) if low is None
               else (_InText(m, text) for m in rx["marker_lower"].finditer(low, sent.start, sent.end)))
    for k, m in enumerate(markers):
        if k >= MAX_PER_SENTENCE:
            break
        cue = None
        for c in rx["cue_word"].finditer(text, max(sent.start, m.start() - MAX_FAR_CUE), m.start()):
            cue = c
        strong = bool(rx["strong_start"].match(text, m.end())) or text[m.end():m.end() + 1] in _OPEN
        if cue is None and not m.group("cue"):
            # "Điển hình là Tổ hợp tác nuôi dê …": the marker is its own cue before a named group
            if not (rx["strong_start"].match(text, m.end()) and rx["self_cue"].match(m.group())):
                continue
        elif cue is not None and not m.group("cue") and m.start() - cue.end() > MAX_CUE_DISTANCE \
                and (not strong or rx["rival"].search(text, cue.end(), m.start())):
            continue
        colon = ":" in m.group()
        if not colon and rx["one_model"].search(text, max(sent.start, m.start() - 20), m.start()):
            continue  # "một mô hình như “…”" compares with one thing, it lists none
        if cue is not None and not m.group("cue") and _blocked(text, cue.end(), m, strong, lex) \
                and not (colon and _tailed_items(text, m.end(), sent.end, lex)):
            continue
        found.append(_ListOpen(m.start(), *_list_body(text, sent, m.end()), colon))
    for k, m in enumerate(rx["colon_list"].finditer(text, sent.start, sent.end)):
        if k >= MAX_PER_SENTENCE:
            break
        found.append(_ListOpen(m.start(), *_list_body(text, sent, m.end()), True))
    found.sort(key=lambda x: x.start)
    return found


def _blocked(text: str, cue_end: int, m: re.Match, strong: bool, lex: _Lex) -> bool:
    """Whether a blocker between a cue and a marker shows the list is not of models."""
    between = fold(text[max(cue_end, m.start() - MAX_CUE_DISTANCE):m.start()])
    blocked = {b for b in lex.list_blockers
               if re.search(rf"(?<![^\W_]){re.escape(fold(b))}(?![^\W_])", between)}
    bare = m.group().strip().lower() in ("như", "như là")
    return bool(blocked) and not (strong and not (bare and blocked & lex.hard_blockers))


def _lists(doc: ArticleText, sent: Sentence, lex: _Lex, lists: list[_ListOpen]) -> list[_Found]:
    """Items of a list of models after a marker."""
    text = doc.text
    rx = lex.rx
    out: list[_Found] = []
    for lo in lists:
        body_start, body_end = lo.body_start, lo.body_end
        first = text[body_start:body_start + 40]
        if not lo.colon and not rx["strong_start"].match(first) and not first.startswith(("“", '"')):
            continue
        for ps, pe in _pieces(text, body_start, body_end, lex):
            # an item that goes on as a clause ("… đã kết nối …") is the list's last
            last = bool(rx["clause"].search(rx["quoted_part"].sub("", text[ps:pe])))
            if any(c in text[ps:pe] for c in _OPEN):
                if last:
                    break
                continue
            parts = _split_item(text, ps, pe, lex)
            if not parts:
                continue
            ns, ne, ts, te = parts
            raw = text[ns:ne]
            name = _clean_name(raw)
            cued = bool(rx["mo_hinh"].match(raw)) and name[:1].isupper()  # "mô hình Phát triển …"
            if not _unquoted_ok(name, lex, listed=True, proper=cued) or _is_movement(name, lex):
                continue
            off = ns + raw.find(name) if name in raw else ns
            out.append(_Found(name, off, off + len(name) if name in raw else ne, (ts, te), "mod.list", sent))
            if last:
                break
        break
    return out


def _pieces(text: str, start: int, end: int, lex: _Lex) -> list[tuple[int, int]]:
    """A list body's items: split on ";", else before a repeated cue, or on commas between activities."""
    rx = lex.rx
    chunk = text[start:end]
    if ";" in chunk:
        return [(start + p.start(), start + p.end()) for p in re.finditer(r"[^;]+", chunk)]
    split = rx["split_activity"] if rx["activity_start"].match(chunk) else rx["split"]
    cuts = [start]
    for p in split.finditer(chunk):
        piece = text[cuts[-1]:start + p.start()].strip(" ,;:").lower()
        if len(piece.split()) >= 2 and piece not in lex.kinds:  # "trồng, kinh doanh rau" is one
            cuts.append(start + p.end())
    cuts.append(end)
    return list(zip(cuts[:-1], cuts[1:]))


def _single(doc: ArticleText, sent: Sentence, lex: _Lex) -> list[_Found]:
    """Unquoted ``mô hình <kind> …`` with an owner or place, or naming a group."""
    text = doc.text
    rx = lex.rx
    out: list[_Found] = []
    for k, m in enumerate(rx["mo_hinh"].finditer(text, sent.start, sent.end)):
        if k >= MAX_PER_SENTENCE:
            break
        prev = text[max(sent.start, m.start() - 12):m.start()].lower()
        if re.search(r"(?:các|những|nhiều|số|\d|mỗi|loại)\s*$", prev):
            continue
        end = _tail_end(text, m.end(), min(sent.end, m.end() + TAIL_WINDOW))
        stop = rx["single_stop"].search(text, m.end(), end)
        parts = _split_item(text, m.end(), end, lex)
        if not parts:
            continue
        ns, ne, ts, te = parts
        if stop and stop.start() < ne:
            ne = stop.start()
        name = _clean_name(text[ns:ne])
        low = name.lower()
        group = any(low.startswith(k.lower() + " ") for k in lex.group_kinds)
        has_tail = ne < te and bool(rx["tail"].match(text, ne))
        if not name or not _unquoted_ok(name, lex, listed=False) or not (group or has_tail) \
                or len(name.split()) > MAX_SINGLE_WORDS:
            continue
        out.append(_Found(name, ns, ns + len(name), (ne, te), "mod.single", sent))
    return out


def _caption(doc: ArticleText, sent: Sentence, lex: _Lex) -> list[_Found]:
    """``<name>, một trong những mô hình … ở xã …`` (captions and leads)."""
    text = doc.text
    rx = lex.rx
    m = rx["caption"].search(text, sent.start, min(sent.end, sent.start + 400))
    if not m:
        return []
    if m.group("verb1") or m.group("verb2"):
        # "<subject> là một trong những mô hình …": only a named group opening the sentence,
        # and a marker that says "one of the models" or names the movement
        if not rx["subject_kind"].match(text, sent.start) or not rx["copula_marker"].match(text, m.start("marker")):
            return []
    parts = _split_item(text, sent.start, m.start(), lex)
    if not parts:
        return []
    ns, ne, _, _ = parts
    # what follows the name up to the marker is its owner and place, nothing else
    for seg in re.split(r",", text[ne:m.start()])[1:]:
        if not rx["tail_segment"].match(seg):
            return []
    raw = text[ns:ne]
    name = _clean_name(raw)
    if not (2 <= len(name.split()) <= MAX_NAME_WORDS) or "," in name or any(c in raw for c in _OPEN) \
            or _is_movement(name, lex) or rx["clause"].search(name) or _not_a_name(name, lex) \
            or re.search(r"(?<![^\W_])là(?![^\W_])", name):
        return []  # "Oasis hiện nay được coi là 1 điển hình của …, một mô hình …" is a clause
    off = ns + raw.find(name) if name in raw else ns
    return [_Found(name, off, off + len(name), (ne, min(sent.end, ne + TAIL_WINDOW)), "mod.caption", sent)]


class _Gate:
    """Whether a found model belongs to the movement (issue 25: general news has "mô hình"
    of every kind — physical, statistical, business).

    An article that names the movement or mass mobilisation (``gate.article``: "dân vận",
    "DVK") keeps all its models; elsewhere a model needs a mass-mobilisation word
    (``gate.local``: a mass organisation, "nông thôn mới", "tự quản", …), or two distinct
    weaker ones (``gate.weak``: "hội viên", "đoàn viên", "khu dân cư", "thi đua", …), within
    ``GATE_WINDOW`` characters of its name.
    """

    def __init__(self, doc: ArticleText, lex: _Lex):
        self.doc = doc
        self.lex = lex
        self._article: bool | None = None

    def relevant(self, f: _Found) -> bool:
        rx = self.lex.rx
        if self._article is None:
            self._article = bool(rx["article_gate"].search(fold(self.doc.text))
                                 or rx["article_gate"].search(fold(self.doc.title or "")))
        if self._article:
            return True
        window = fold(self.doc.text[max(0, f.start - GATE_WINDOW):f.end + GATE_WINDOW])
        if rx["local_gate"].search(window):
            return True
        return len({m.group() for m in rx["weak_gate"].finditer(window)}) >= 2


def _norm(name: str) -> str:
    return re.sub(r"\s+", " ", fold(name)).strip(" .,;:-–")


def extract_models(doc: ArticleText, *, localities: list[Locality]) -> list[ModelExample]:
    """Named model examples, one per distinct name.

    Args:
        doc: the segmented article.
        localities: the places stage's units with their mentions (for the model's locality).

    Returns:
        Models in text order.

    >>> from extractor.text.segment import ArticleText, Zone, ZoneKind
    >>> t = "Tiêu biểu như mô hình “Tổ liên gia”, “Tổ hoà giải” của xã Mai Pha."
    >>> doc = ArticleText(t, [Zone(ZoneKind.body, 0, len(t))], title="Phong trào “Dân vận khéo”")
    >>> ms = extract_models(doc, localities=[])
    >>> [(m.name, m.locality and m.locality.name) for m in ms]
    [('Tổ liên gia', None), ('Tổ hoà giải', 'Mai Pha')]
    """
    lex = doc.rules.compiled(compile_models)
    found: list[_Found] = []
    low = lowered(doc.text)
    cues = Hits(low, _ANY_CUE_LOW) if low is not None else None  # every cue found in one pass
    for sent in doc.sentences:
        if sent.zone not in (ZoneKind.body, ZoneKind.caption):
            continue
        if not (cues.inside(sent.start, sent.end) if cues is not None
                else _ANY_CUE.search(doc.text, sent.start, sent.end)):
            continue
        try:
            lists = _markers(doc.text, sent, lex, low)
            found.extend(_quoted(doc, sent, lex, lists))
            found.extend(_lists(doc, sent, lex, lists))
            found.extend(_single(doc, sent, lex))
            found.extend(_caption(doc, sent, lex))
        except (IndexError, ValueError, re.error) as exc:
            doc.warn(f"models: could not read a sentence at {sent.start} ({type(exc).__name__}: {exc})")
    gate = _Gate(doc, lex)
    out: list[ModelExample] = []
    seen: list[str] = []
    # a place before a sentence's first model frames them all; one between items is an item's own
    first_in_sentence: dict[int, int] = {}
    for f in found:
        first_in_sentence[f.sent.start] = min(first_in_sentence.get(f.sent.start, f.start), f.start)
    for f in found:
        key = _norm(f.name)
        if not key or any(key == k or (key in k or k in key) for k in seen) or not gate.relevant(f):
            continue
        seen.append(key)
        place = _place_in(doc, f.tail[0], f.tail[1], localities, lex)
        if place is None and f.head is not None:  # "Ban CHQS huyện X với “A”": X
            place = _place_in(doc, f.head[0], f.head[1], localities, lex)
        if place is None:  # "Đảng ủy phường X khánh thành công trình “…” do tổ dân phố Y làm": X
            place = _place_in(doc, f.sent.start, first_in_sentence.get(f.sent.start, f.start), localities, lex)
        field = _field(f.name, lex) or _field(doc.text[f.start:f.tail[1]], lex)
        out.append(ModelExample(name=f.name, field=field, locality=place,
                                span=(f.start, max(f.end, f.start + 1)), rule=f.rule))
        if len(out) >= MAX_MODELS:
            break
    return out
