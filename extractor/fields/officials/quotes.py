"""Quotations and reported words after a speech verb (or closing before the speaker)."""
from __future__ import annotations

import re

from ...record import QuoteKind
from ...text.segment import ArticleText, Sentence
from .lexicon import MAX_QUOTE_CHARS, QUOTE_PARAGRAPHS, _Lexicon, _low

# -- quotes -------------------------------------------------------------------------------

def _paragraph_end(doc: ArticleText, sent: Sentence) -> int:
    return doc.zones[sent.paragraph].end


def _opening_at(text: str, pos: int, lex: _Lexicon) -> str | None:
    """The opening quotation mark at ``pos`` (``“``, ``"``, ``''``, a misused ``”`` …), if any."""
    two = text[pos:pos + 2]
    if two in lex.quote_marks:
        return two
    one = text[pos:pos + 1]
    return one if one and one in lex.quote_marks else None


_CURLY = re.compile("[“”]|’’|''")


def _nested_close(text: str, start: int, limit: int) -> int:
    """Offset of the mark that closes a curly quotation whose words start at ``start``, past
    the quotations nested in it (``“Để phong trào “Dân vận khéo” đạt …”``); a page may
    close it with two apostrophes instead (``“…’’``). -1 if none before ``limit``."""
    depth = 0
    for m in _CURLY.finditer(text, start, limit):
        if m.group() == "“":
            depth += 1
        elif depth:
            depth -= 1
        else:
            return m.start()
    return -1


def _close_quote(doc: ArticleText, open_pos: int, mark: str, sent: Sentence, lex: _Lexicon) -> int:
    """Offset of the mark that closes the quotation ``mark`` opened at ``open_pos``.

    A curly quotation closes past the ones nested in it when that closing mark is in the
    same paragraph; otherwise (or for other marks) at the first closing mark.
    """
    closing = lex.quote_marks.get(mark, "”")
    limit_zone = min(len(doc.zones) - 1, sent.paragraph + QUOTE_PARAGRAPHS - 1)
    limit = doc.zones[limit_zone].end
    start = open_pos + len(mark)
    i = doc.text.find(closing, start, limit)
    if closing == "”":
        nested = _nested_close(doc.text, start, min(_paragraph_end(doc, sent), start + MAX_QUOTE_CHARS))
        i = nested if nested >= 0 else i
    alt = "”" if closing == '"' else '"'
    if i < 0 and closing in '"”':
        i = doc.text.find(alt, start, limit)
    return i


def _open_quote(doc: ArticleText, close_pos: int, mark: str, lex: _Lexicon) -> int:
    """Offset of the mark that opens the quotation closed by ``mark`` at ``close_pos``."""
    text = doc.text
    if mark == "''":
        return text.rfind("''", max(0, close_pos - 3000), close_pos)
    if mark == "”":  # past nested quotations: scan back to the “ at depth 0
        depth = 0
        lo = max(0, close_pos - 3000)
        for pos in range(close_pos - 1, lo - 1, -1):
            ch = text[pos]
            if ch == "”":
                depth += 1
            elif ch == "“":
                if not depth:
                    return pos
                depth -= 1
        return text.rfind("“", lo, close_pos)
    opening = {v: k for k, v in lex.quote_marks.items() if len(k) == 1}.get(mark, "“")
    if mark == '"':
        opening = '"'
    return text.rfind(opening, max(0, close_pos - 3000), close_pos)


_REPORT_LEAD = re.compile(r"""
    \s*(?:(?:rằng|là)\b\s*)?    # "cho biết rằng …"
    ([:,]|[-–—](?=\s))?          # the punctuation that introduces the words
    \s*""", re.VERBOSE)

_WORD_AT = re.compile(r"[ \t]*([^\W\d_]+)")


def _skip_words(text: str, pos: int, end: int, phrases: set[str], max_words: int = 2) -> int:
    """Offset after the longest phrase of ``phrases`` (up to ``max_words`` words) at ``pos``."""
    words: list[tuple[str, int]] = []
    p = pos
    for _ in range(max_words):
        m = _WORD_AT.match(text, p, end)
        if not m:
            break
        words.append((_low(m.group(1)), m.end()))
        p = m.end()
    for n in range(len(words), 0, -1):
        if " ".join(w for w, _ in words[:n]) in phrases:
            return words[n - 1][1]
    return pos


def _lead_ok(text: str, pos: int, lead: str, p: int, need: str, lex: _Lexicon) -> bool:
    """Whether the words after a verb are introduced as its verb requires (``need``)."""
    if not need:
        return True
    opened = _opening_at(text, p, lex) is not None
    if need == "colon":
        return lead == ":" or opened
    return bool(lead) or opened or bool(re.match(r"\s*(?:rằng|là)\b", text[pos:p]))


_ADDRESSEE = re.compile(r"""
    [^:,“"«.;!?]{1,80}?         # the addressee or topic ("với phóng viên", "về việc này")
    (?=[:,“"«]|\s(?:rằng|là)\b) # up to the punctuation or "rằng" that opens the words
""", re.VERBOSE)


def _reported(doc: ArticleText, pos: int, sent: Sentence, lex: _Lexicon,
              need: str = "") -> tuple[int, int, str, str] | None:
    """The words after a verb at ``pos``: (start, end, kind, lead) or None.

    Adverbs of the verb (``bày tỏ rõ``) and an addressee (``nói với phóng viên:``) come
    before the words; ``need`` (``"any"``, ``"colon"``) is the lead the verb requires.
    ``lead`` is the punctuation that introduced them (":", ",", "" or the quote mark).
    """
    text = doc.text
    pos = _skip_words(text, pos, sent.end, lex.verb_adverbs)
    if _skip_words(text, pos, sent.end, lex.addressees, 1) > pos:
        m = _ADDRESSEE.match(text, pos, sent.end)
        if not m:
            return None  # "nói với phóng viên.", "kể về tuổi thơ": no words of its own
        pos = m.end()
    m = _REPORT_LEAD.match(text, pos)
    p = m.end()
    lead = (m.group(1) or "").strip()
    if not _lead_ok(text, pos, lead, p, need, lex):
        return None
    mark = _opening_at(text, p, lex)
    if mark:
        close = _close_quote(doc, p, mark, sent, lex)
        if close < 0:
            return p + len(mark), _paragraph_end(doc, sent), QuoteKind.direct.value, mark
        return p + len(mark), close, QuoteKind.direct.value, mark
    end = _paragraph_end(doc, sent) if lead == ":" else sent.end
    if p >= end:
        return None
    if _unbalanced_close(text, p, min(end, p + MAX_QUOTE_CHARS)):
        return None  # the verb stands inside someone else's quotation
    return p, end, QuoteKind.indirect.value, lead


def _unbalanced_close(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` closes a curly quotation it did not open."""
    depth = 0
    for m in _CURLY.finditer(text, start, end):
        if m.group() == "“":
            depth += 1
        elif m.group() == "”":
            depth -= 1
            if depth < 0:
                return True
    return False


def _inside_quote(text: str, para_start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a curly quotation opened earlier in its paragraph."""
    start = max(para_start, pos - 600)
    return text.rfind("“", start, pos) > text.rfind("”", start, pos)


# -- attribution --------------------------------------------------------------------------

