"""Attributions: a speech verb (or ``Theo``) with its subject mention and its words."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ...record import QuoteKind
from ...text.segment import ArticleText, Sentence, ZoneKind
from .lexicon import MAX_LOCATIVE_GAP, MIN_QUOTE_WORDS, _Lexicon, _low
from .mentions import _sentence_mentions
from .names import _Mention
from .quotes import _inside_quote, _open_quote, _reported
from .titles import _appositive, _org_rest
from .tokens import _is_cap, _match_phrase, _Tok, _tokens


@dataclass
class _Attribution:
    mention: _Mention
    title: str | None
    verb: str
    rule: str
    quote: tuple[int, int] | None
    kind: str | None


def _gap_ok(text: str, start: int, end: int, lex: _Lexicon) -> bool:
    """Whether only adverbs stand between a speaker and the verb ("ông cũng cho biết")."""
    gap = _CO_ACTION.sub("", _low(text[start:end])).strip()
    return not gap or gap in lex.adverbs or all(w in lex.adverbs for w in gap.split())


def _subject(doc: ArticleText, mentions: list[_Mention], vstart: int, lex: _Lexicon) -> tuple[_Mention, str | None] | None:
    """The mention that is the subject of the verb at ``vstart``, with its appositive title."""
    text = doc.text
    last = bisect.bisect_right(mentions, vstart, key=lambda m: m.end)  # mentions are in text order
    for m in reversed(mentions[max(0, last - 1):last]):
        if m.end > vstart:
            continue
        if _possessed(text, m.start, lex):
            return None  # "con trai của bà X cho biết": the son speaks
        if _gap_ok(text, m.end, vstart, lex):
            return m, m.title
        ap = _appositive(text, m.end, vstart, lex)
        if ap:
            return m, ap[0]
        gap = _strip_adverbs(text[m.end:vstart], lex)
        if m.kind in ("hon", "role", "bare") and len(gap) <= MAX_LOCATIVE_GAP and _LOCATIVE.match(gap) \
                and not lex.verb_re.search(_low(gap)) and "." not in gap:
            return m, m.title
        desc = _description(gap, lex) if m.kind in ("hon", "role", "bare") else None
        if desc is not None:
            return m, desc or m.title
        return None
    return None


#: One segment of a person's description between commas or brackets: an age, a place or an
#: occupation ("Ông X, 68 tuổi, giáo viên Trường …, cho biết").
_DESC_SPLIT = re.compile(r"\s*[,()]\s*|\s+[-–—]{1,2}\s+")
_AGE = re.compile(r"(?:năm nay\s+)?\d{1,3}\s+tuổi$|sinh năm \d{4}$")
#: Most segments in a person's description, and its longest length in characters.
MAX_DESC_SEGMENTS = 3
MAX_DESC = 150


def _description(gap: str, lex: _Lexicon) -> str | None:
    """The occupation in a person's description between the name and the verb, "" when it
    has none but is a description, None when ``gap`` is not a description.

    Every segment is an age (``68 tuổi``), a place (``ở thôn …``, ``thôn A``) or opens with an
    occupation or role (``giáo viên Trường …``, ``cán bộ Đồn Biên phòng …``); the occupation
    is the title unless it is a resident's role (``người dân``, ``nông dân``).
    """
    if len(gap) > MAX_DESC or "." in gap or ";" in gap or not re.match(r"\s*(?:[,(]|[-–—]{1,2}\s)", gap):
        return None
    segments = [seg for seg in _DESC_SPLIT.split(gap.strip()) if seg]
    bracket = gap.lstrip().startswith("(")  # a bracket may hold a bare place name
    if not segments or len(segments) > MAX_DESC_SEGMENTS or lex.verb_re.search(_low(gap)):
        return None
    title = ""
    for seg in segments:
        words = _low(seg).split()
        if _AGE.match(" ".join(words)) or _LOCATIVE.match(" " + words[0]) or words[0] in lex.levels \
                or bracket and len(words) <= 4 and all(w[:1].isupper() or w.isdigit() for w in seg.split()):
            continue  # "68 tuổi", "ở thôn A", "huyện B", "(An Bình 2, Đồng Tâm)": not an occupation
        role = next((" ".join(words[:n]) for n in (3, 2, 1) if " ".join(words[:n]) in lex.occupations), None)
        if role is None or not seg[:1].islower():
            return None
        if not title and role not in lex.residents:
            title = seg.strip()
    return title


#: A resident's place or role between the name and the verb: "ở thôn …", "(thôn A, xã B)",
#: "-- người dân thôn Y", ", trú tại …".
_LOCATIVE = re.compile(r"\s*(?:[,(]\s*|[-–—]{1,2}\s+)?(?:ở|tại|trú|người|\(|thôn|xóm|bản|ấp|xã|phường)")


#: "vừa <action> vừa" right before the verb: what the speaker does while speaking.
_CO_ACTION = re.compile(r"(?<![^\W_])vừa\s+[^,.;:“”\"]{1,60}?\s+vừa\s*$")


def _strip_adverbs(gap: str, lex: _Lexicon) -> str:
    """``gap`` without the adverbs that end it ("(thôn A) phấn khởi cho biết") and without a
    co-action before the verb ("…, vừa bưng mâm cơm vừa nói")."""
    gap = _CO_ACTION.sub("", gap)
    words = gap.rstrip().split(" ")
    while len(words) > 1:
        if _low(words[-1]) in lex.adverbs:
            words.pop()
        elif len(words) > 2 and _low(" ".join(words[-2:])) in lex.adverbs:
            del words[-2:]
        else:
            break
    return " ".join(words) + " "


def _quote_before(doc: ArticleText, para_start: int, start: int, lex: _Lexicon) -> tuple[int, int] | None:
    """The quotation that closes right before a speaker (``“…”, ông X nói``): it opens a
    sentence or clause (not a quoted name inside one: ``mô hình “Tổ liên gia”, ông X …``)."""
    text = doc.text
    before = text[para_start:start].rstrip(" ,-–—")
    if not before or before[-1] not in "”\"»’'":
        return None
    mark = "''" if before.endswith("''") else before[-1]
    if mark == "'":
        return None
    close = para_start + len(before) - len(mark)
    opening = _open_quote(doc, close, mark, lex)
    if opening < 0 or len(text[opening + len(mark):close].split()) < MIN_QUOTE_WORDS:
        return None
    lead = text[max(0, opening - 3):opening].rstrip()
    if lead and lead[-1] not in ".!?:…;\n" and opening > para_start:
        return None
    return opening + len(mark), close


def _possessed(text: str, start: int, lex: _Lexicon) -> bool:
    """Whether the words before a mention make it a possessor or a passive agent."""
    words = _low(text[max(0, start - 30):start]).split()
    if not words or not words[-1][-1:].isalpha():
        return False
    return any(" ".join(words[-n:]) in lex.possessors for n in (3, 2, 1) if len(words) >= n)


_BRACKET = re.compile(r"\s*\([^()]{1,120}\)")
_COMMA = re.compile(r"\s*,\s*")
_SPACES = re.compile(r"\s*")


def _after_role(text: str, pos: int, end: int, lex: _Lexicon) -> int:
    """Offset after a resident's role segment (``thành viên Hội đồng …,``) at ``pos``, or
    ``pos``: after ``Theo ông X,`` such a segment describes X and is not yet the quote."""
    toks = _tokens(text, pos, min(end, pos + 200))
    n = _match_phrase(toks, 0, lex.roles, 3)
    if not n or _is_cap(toks[0]):
        return pos
    k = _org_rest(toks, n, lex)
    if k is None or toks[k].text != ",":
        return pos
    return _SPACES.match(text, toks[k].end).end()




def _covered(covered: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies in one of the (sorted, non-nested) quotations already attributed."""
    k = bisect.bisect_right(covered, (pos, 1 << 62))  # the quotations that open at or before pos
    return any(s <= pos < e for s, e in covered[max(0, k - 2):k])


def _enough_words(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has at least :data:`MIN_QUOTE_WORDS` words (reads a bounded prefix)."""
    return len(text[start:min(end, start + 40 * MIN_QUOTE_WORDS)].split()) >= MIN_QUOTE_WORDS


_WORD_CHAR = re.compile(r"[^\W_]")


class _Hits:
    """The matches of ``pattern`` over a whole text, handed out sentence by sentence: the
    same as ``pattern.finditer(text, start, end)`` (which is run instead for a sentence that
    a match crosses, or that ends inside a word, where the two may differ)."""

    def __init__(self, pattern: re.Pattern, text: str):
        self.pattern, self.text = pattern, text
        self.hits = list(pattern.finditer(text))
        self.starts = [m.start() for m in self.hits]

    def within(self, start: int, end: int) -> list[re.Match]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end, lo)
        if (lo and self.hits[lo - 1].end() > start) or (hi > lo and self.hits[hi - 1].end() > end) \
                or _WORD_CHAR.match(self.text, end):
            return list(self.pattern.finditer(self.text, start, end))
        return self.hits[lo:hi]


def _verb_at(text: str, folded: str, verbs: list[re.Match], k: int, covered: list[tuple[int, int]],
             para_start: int, lex: _Lexicon) -> tuple[str, bool, str] | None:
    """(rule id, weak, lead needed) of the speech verb ``verbs[k]`` if it may report words:
    lower case, the last verb of a chain, no idiom, no blocker after a weak verb, not inside
    a quotation already attributed or opened earlier in its paragraph. None otherwise."""
    vm = verbs[k]
    if _covered(covered, vm.start()) or not text[vm.start()].islower():
        return None
    verb = vm.group()
    rule, weak, need = lex.verbs[verb]
    if need and k + 1 < len(verbs) and not text[vm.end():verbs[k + 1].start()].strip():
        return None  # "phấn khởi cho biết", "cười nói": the last verb of a chain reports
    after = folded[vm.end():vm.end() + 40].lstrip()
    words = after.split()
    nxt = words[0].strip(",.:;") if words else ""
    if any(f"{verb} {' '.join(words[:n])}".strip(",.:; ") in lex.idioms for n in (1, 2)):
        return None
    if weak and after[:1] not in ":,“\"«-–" and (nxt in lex.blockers or " ".join(words[:2]) in lex.blockers):
        return None
    if _inside_quote(text, para_start, vm.start()):
        return None  # speech reported inside someone else's quotation
    return rule, weak, need


def _attributions(doc: ArticleText, lex: _Lexicon, seen: dict[int, tuple[list[_Tok], list[_Mention]]]
                  ) -> tuple[list[_Attribution], list[Sentence]]:
    """Every attribution of the article, and the sentences with a speech verb or ``Theo``
    (in order); ``seen`` collects the tokens and mentions of the sentences read (for
    :class:`~.persons.Persons`). A sentence whose verbs all fail :func:`_verb_at` and whose
    ``theo`` opens no mention is not read here (its mentions are read if joining needs them)."""
    text = doc.text
    folded = _low(text)
    found: list[_Attribution] = []
    spoken: list[Sentence] = []
    covered: list[tuple[int, int]] = []
    verb_hits = _Hits(lex.verb_re, folded)  # one pass over the article for each pattern
    theo_hits = _Hits(lex.theo_re, text)
    for sent in doc.sentences:
        if sent.zone not in (ZoneKind.body, ZoneKind.caption):
            continue
        verbs = verb_hits.within(sent.start, sent.end)
        if not verbs and not theo_hits.within(sent.start, sent.end):
            continue  # no speech here: its mentions are read only if a later reference needs them
        spoken.append(sent)
        para_start = doc.zones[sent.paragraph].start
        if not any(_verb_at(text, folded, verbs, k, covered, para_start, lex) for k in range(len(verbs))) \
                and not lex.theo_mention.search(folded, sent.start, sent.end):
            continue  # covered only grows: a verb failing now fails below too
        toks, mentions = seen[sent.start] = _sentence_mentions(text, sent, lex)
        if not mentions:
            continue
        used: set[int] = set()
        for k, vm in enumerate(verbs):
            verb_rule = _verb_at(text, folded, verbs, k, covered, para_start, lex)
            if not verb_rule:
                continue
            rule, weak, need = verb_rule
            subj = _subject(doc, mentions, vm.start(), lex)
            if not subj:
                continue
            mention, title = subj
            rep = _reported(doc, vm.end(), sent, lex, need)
            qs_qe: tuple[int, int] | None = None
            kind = None
            back = _quote_before(doc, para_start, mention.start, lex)
            if rep and _enough_words(text, rep[0], rep[1]) and not (
                    back and rep[3] not in (":",) and rep[3] not in lex.quote_marks):
                qs_qe, kind = (rep[0], rep[1]), rep[2]
            elif back and not _covered(covered, back[0]):  # “…”, ông X nhấn mạnh.
                qs_qe, kind = back, QuoteKind.direct.value
            if not qs_qe:
                continue
            text_verb = text[vm.start():vm.end()]
            found.append(_Attribution(mention, title, text_verb.lower() if not text_verb[:1].isupper() else text_verb[0].lower() + text_verb[1:], rule, qs_qe, kind))
            used.add(id(mention))
            if kind == QuoteKind.direct.value:
                bisect.insort(covered, qs_qe)
        for m in mentions:  # Theo <mention>[, title], <quote>
            if id(m) in used:
                continue
            lead = text[max(sent.start, m.start - 6):m.start]
            if not lex.theo_lead.search(lead) or _covered(covered, m.start):
                continue
            ap = _appositive(text, m.end, None, lex)
            title, pos = (ap if ap else (m.title, m.end))
            b = _BRACKET.match(text, pos, sent.end) if not ap else None
            pos = b.end() if b else pos  # "Theo bà X (52 tuổi, thôn Y), …"
            c = _COMMA.match(text, pos) if not ap or text[pos - 1] != "," else _SPACES.match(text, pos)
            if not c:
                continue
            qs = _after_role(text, c.end(), sent.end, lex) if not ap else c.end()
            if lex.verb_re.match(folded, qs) or not _enough_words(text, qs, sent.end):
                continue
            found.append(_Attribution(m, title, lex.theo_verb, lex.theo_rule, (qs, sent.end), QuoteKind.indirect.value))
    return found, spoken


# -- joining ------------------------------------------------------------------------------

