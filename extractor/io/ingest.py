"""Bytes in: files, folders, globs, stdin, JSONL, HTML and ``.gz`` → :class:`RawArticle` items.

Every input article yields exactly one item: a :class:`RawArticle`, or an
:class:`IngestError` that says which article and why (undecodable bytes, a legacy
Vietnamese encoding, a broken JSONL line, an empty file). Errors are items, not
exceptions, so one bad article never stops a batch.

Formats, by name (``.gz`` is opened first and the inner name decides):

- ``.txt`` and anything else: UTF-8 text (a BOM is dropped; UTF-16 and UTF-32 with a BOM
  are decoded; ``encoding=`` / ``--encoding`` names another codec); id = the file stem.
- ``.html``/``.htm``: a scraped page, decoded by its BOM, else its ``<meta charset>``, else
  UTF-8 (``text/html.py`` reads it).
- ``.jsonl``/``.ndjson``/``.json`` (one object per line, or one JSON array of objects as
  Scrapy's ``-O items.json`` writes): ``id``, ``url``, ``title``, ``text`` or ``html``,
  ``published`` (or ``date``) when present.

Bounds and repairs (issue 27): no input is read past :data:`MAX_ARTICLE_BYTES` + 1 bytes per
article (a gzip bomb stops there, a huge JSONL line is skipped to its end), so one input
never costs more memory than one article; a JSON line nested too deep or holding a
4,300-digit integer is an error of that line; lone surrogates become U+FFFD; UTF-8 read as
Windows-1252/Latin-1 (``Ä�áº¿n``) is repaired. Repairs leave a note, which the pipeline
turns into a warning of the record.
"""
from __future__ import annotations

import codecs
import functools
import glob
import gzip
import hashlib
import io
import itertools
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..settings import Settings

log = logging.getLogger(__name__)

#: Bytes read for one article at most (UTF-8 needs up to 4 bytes a character): a file, a
#: decompressed ``.gz`` or a JSONL line longer than this is refused after reading this + 1.
MAX_ARTICLE_BYTES = Settings().max_chars * 4
#: A str item of the library API shorter than this, on one line, naming an existing file is
#: read as that file (``extract_many(glob.glob("*.html"))``); article texts are longer.
_MAX_PATH_CHARS = 4096

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}


@dataclass(frozen=True)
class RawArticle:
    """One article as read: plain text or HTML plus whatever metadata came with it."""

    id: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    path: str | None = None
    #: what ingest repaired (lone surrogates, mis-decoded UTF-8): warnings of the record
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class IngestError:
    """An article (or a line of one) that could not be read."""

    id: str
    path: str | None
    stage: str
    error: str
    message: str


def content_id(data: str | bytes) -> str:
    """A stable id from content, for inputs that carry none.

    >>> content_id("Đến nay, toàn tỉnh có 2.011 mô hình")
    'sha1-082925c535e58c3a'
    """
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return "sha1-" + hashlib.sha1(data).hexdigest()[:16]


# --- decoding --------------------------------------------------------------------------

# Legacy Vietnamese encodings read as UTF-8 or Latin-1 leave tell-tale characters:
# TCVN3 (ABC) maps Vietnamese letters onto Latin-1 symbols such as ¸ µ ¶ · ¹ ¾ Þ ­ and
# box-drawing-free code points; VNI writes a base letter followed by a Latin-1 mark such
# as ø ù ú û õ ï ñ ë (e.g. "Vieät Nam" for "Việt Nam"). A text in which such characters are
# frequent and proper Vietnamese letters absent is legacy-encoded, not Vietnamese in UTF-8.
_TCVN3_MARKS = re.compile("[¸µ¶·¹¨©ª«¬®¯°±²³´½¾ÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖ×ØÙÚÛÜÝÞßæçèéêëìíîïñòóôõö÷øùúûüýþ]")
_VNI_PAIRS = re.compile(r"[aeiouyAEIOUY][øùúûõïñëäöâåáàèéêìíòóôõ]")
_VIETNAMESE = re.compile("[ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")


def _looks_legacy(text: str) -> str | None:
    """Name the legacy encoding a decoded text seems to be in, or None."""
    sample = text[:20000]
    viet = len(_VIETNAMESE.findall(sample))
    if viet:
        return None
    vni = len(_VNI_PAIRS.findall(sample))
    tcvn = len(_TCVN3_MARKS.findall(sample))
    words = max(1, len(sample.split()))
    if vni / words > 0.15:
        return "VNI"
    if tcvn / words > 0.15:
        return "TCVN3 (ABC)"
    return None


class DecodeError(ValueError):
    """Bytes that are not Vietnamese text in a Unicode encoding."""


# UTF-8 read as Windows-1252 or Latin-1 ("mojibake"): every character of a multi-byte UTF-8
# sequence became one Latin character ("Đến" → "Ä\x90áº¿n", or "Ä�áº¿n" where the decoder
# had no character for byte 0x90). Each such character is mapped back to its byte.
def _byte_of_char() -> dict[str, int]:
    table = {chr(b): b for b in range(0x80, 0x100)}  # Latin-1 (C1 controls included)
    for b in range(0x80, 0xA0):
        try:
            table[bytes([b]).decode("cp1252")] = b
        except UnicodeDecodeError:
            pass  # 0x81 0x8D 0x8F 0x90 0x9D: no Windows-1252 character
    return table


_BYTE_OF = _byte_of_char()
#: Bytes Windows-1252 has no character for: a decoder wrote U+FFFD in their place.
_LOST_BYTES = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
_CONT = "[" + re.escape("".join(c for c, b in _BYTE_OF.items() if b < 0xC0)) + "\ufffd]"
_MOJIBAKE = re.compile(f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}")
# Once a text is known to be mojibake, a plain space may stand for byte 0xA0 (a no-break
# space that a later step turned into a space: "toÃ n" for "toàn").
_MOJIBAKE_SP = re.compile(_MOJIBAKE.pattern.replace("\ufffd]", "\ufffd ]"))
#: Letters only Vietnamese uses (never produced by Windows-1252/Latin-1 decoding).
_VIET_ONLY = re.compile("[ăĂđĐơƠưƯ\u1ea0-\u1ef9]")


#: the non-letters a mis-decoded sequence may stand for: quotes, dashes, ellipsis, no-break space
_PUNCT = frozenset("\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2022")


@functools.lru_cache(maxsize=4096)
def _unmojibake_one(seq: str) -> str | None:
    """The character a mis-decoded UTF-8 sequence stood for, if it is Vietnamese text."""
    options: list[bytes] = [b""]
    for ch in seq:
        cands = _LOST_BYTES if ch == "\ufffd" else (0xA0,) if ch == " " else (_BYTE_OF[ch],)
        options = [o + bytes([b]) for o in options for b in cands]
    found = set()
    for raw in options:
        try:
            ch = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if _VIET_ONLY.match(ch) or "\u00c0" <= ch <= "\u00ff" or "\u0300" <= ch <= "\u0323" or \
                ch in _PUNCT:
            found.add(ch)
    return found.pop() if len(found) == 1 else None


def repair_mojibake(text: str) -> tuple[str, list[str]]:
    """Undo UTF-8 mis-decoded as Windows-1252/Latin-1; return the text and notes.

    A text is taken for mojibake only when it has no letter that only Vietnamese uses
    (ă đ ơ ư ạ … ỹ, which such decoding cannot produce) and at least two sequences that
    decode to Vietnamese; a sequence whose lost byte cannot be told (``á»�``: ề, ọ, ỏ, Ố
    or ờ) stays U+FFFD and is counted in the note.

    >>> repair_mojibake("Ä\ufffdáº¿n nay, toÃ n tá»‰nh cÃ³ 20 mÃ´ hÃ¬nh")[0]
    'Đến nay, toàn tỉnh có 20 mô hình'
    >>> repair_mojibake("Đến nay là\u00a0thế")[0]
    'Đến nay là\u00a0thế'
    """
    if _VIET_ONLY.search(text):
        return text, []
    first = [m.group() for m in itertools.islice(_MOJIBAKE.finditer(text), 200)]
    if sum(1 for g in first if _unmojibake_one(g) is not None) < 2:
        return text, []
    done = lost = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal done, lost
        seq = m.group()
        repl = _unmojibake_one(seq)
        if repl is not None:
            done += 1
            return repl
        if "\ufffd" in seq:
            lost += 1
            return "\ufffd"
        return seq

    out = _MOJIBAKE_SP.sub(fix, text)
    notes = [f"ingest: text was UTF-8 mis-decoded as Windows-1252/Latin-1; repaired {done} "
             f"characters" + (f", {lost} lost (left as U+FFFD)" if lost else "")]
    return out, notes


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> tuple[str, list[str]]:
    """Lone surrogates (``\\ud800`` from JSON) → U+FFFD, then mojibake repaired; with notes."""
    notes: list[str] = []
    n = len(_SURROGATE.findall(text))
    if n:
        text = _SURROGATE.sub("\ufffd", text)
        notes.append(f"ingest: {n} lone surrogate code point(s) replaced by U+FFFD")
    text, more = repair_mojibake(text)
    return text, notes + more


_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_CHARSET_META = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{2,40})""", re.IGNORECASE)


def html_charset(data: bytes) -> str | None:
    """The codec a page's ``<meta charset>`` (or http-equiv Content-Type) names, if Python knows it.

    >>> html_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">')
    'cp1258'
    """
    m = _CHARSET_META.search(data[:8192])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode_bytes(data: bytes, encoding: str | None = None) -> str:
    """Decode by BOM (UTF-8, UTF-16, UTF-32), else ``encoding``, else UTF-8; refuse anything else.

    >>> decode_bytes("\\ufeffXin chào".encode("utf-8"))
    'Xin chào'
    >>> decode_bytes("Xin chào".encode("utf-16"))
    'Xin chào'
    >>> decode_bytes("Xin chào".encode("utf-32"))
    'Xin chào'
    >>> decode_bytes(b"Vi\\xea\\xf2t", "cp1258") == "Vi\\u00ea\\u0323t"  # NFC comes later (clean)
    True
    """
    bom = "utf-32" if data.startswith(_UTF32_BOMS) else "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) \
        else None
    if bom:
        try:
            return data.decode(bom)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid {bom.upper()}: {exc}") from exc
    if encoding and codecs.lookup(encoding).name != "utf-8":
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"not valid {encoding} at byte {exc.start}") from exc
    if b"\x00" in data[:4096] and data.count(b"\x00") > len(data) // 8:
        raise DecodeError("binary data (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            data.decode("cp1258")
            hint = " (it decodes as Windows-1258/TCVN3/VNI: convert it to UTF-8 first, or pass --encoding)"
        except UnicodeDecodeError:
            hint = ""
        raise DecodeError(f"not valid UTF-8 at byte {exc.start}{hint}") from exc
    legacy = _looks_legacy(repair_mojibake(text)[0])
    if legacy:
        raise DecodeError(f"text looks {legacy}-encoded, not Unicode: convert it to UTF-8 first")
    return text


# --- sources ---------------------------------------------------------------------------

def expand_inputs(inputs: Iterable[str]) -> Iterator[str]:
    """Files named by paths, folders (recursive, sorted) and globs; ``-`` is stdin.

    Raises FileNotFoundError for a path that names nothing (a usage error, said at once).
    """
    for item in inputs:
        if item == "-":
            yield item
            continue
        p = Path(item)
        if p.is_dir():
            # In a folder only article files count (a register or a README beside them is
            # not an article); a file named explicitly is read whatever its name.
            for f in sorted(p.rglob("*")):
                if f.is_file() and not f.name.startswith(".") and _is_article_file(f.name):
                    yield str(f)
        elif p.is_file():
            yield str(p)
        else:
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise FileNotFoundError(f"no such file, folder or glob match: {item}")
            for m in matches:
                if Path(m).is_file():
                    yield m


def _is_article_file(name: str) -> bool:
    suffix = Path(name.removesuffix(".gz")).suffix.lower()
    return suffix in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES or suffix == ""


def _kind(name: str) -> str:
    suffix = Path(name.removesuffix(".gz")).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return "text"


def _safe_id(raw: object) -> str:
    """An id as a string; kept as given (sinks sanitise it where it becomes a file name)."""
    return str(raw).strip() if raw is not None and str(raw).strip() else ""


class _TooLong:
    """Stands for a JSONL line over :data:`MAX_ARTICLE_BYTES` (skipped, not held in memory)."""


def _str_field(rec: dict, *keys: str) -> str | None:
    for key in keys:
        v = rec.get(key)
        if isinstance(v, str) and v:
            return v
    return None


def _article_from_obj(rec: object, n: int, path: str | None, fallback: str, where: str
                      ) -> RawArticle | IngestError:
    """One decoded JSON value (a line, or an element of an array) as an article or an error."""
    if not isinstance(rec, dict):
        return _error(fallback, path, "BadJSONLine", f"{where} {n}: not a JSON object")
    notes: list[str] = []

    def clean(v: str | None) -> str | None:
        if v is None:
            return None
        v, more = scrub(v)
        notes.extend(x for x in more if x not in notes)
        return v

    raw_id = rec.get("id")
    art_id = clean(_safe_id(raw_id if isinstance(raw_id, (str, int, float)) else None)) or None
    text, html = clean(_str_field(rec, "text")), clean(_str_field(rec, "html"))
    if not (text and text.strip()) and not (html and html.strip()):
        return _error(art_id or fallback, path, "EmptyArticle", f"{where} {n}: no 'text' or 'html'")
    published = rec.get("published") or rec.get("date")
    return RawArticle(
        id=art_id or content_id(text or html or ""), text=text, html=html,
        title=clean(_str_field(rec, "title")), url=clean(_str_field(rec, "url")),
        published=clean(str(published)) if isinstance(published, (str, int)) and published else None,
        path=path, notes=tuple(notes),
    )


def _error(art_id: str, path: str | None, error: str, message: str) -> IngestError:
    return IngestError(scrub(art_id)[0], path, "ingest", error, scrub(message)[0])


_JSON_ERRORS = (ValueError, RecursionError, MemoryError, UnicodeDecodeError)


def _loads(data: bytes | str, encoding: str | None = None) -> object:
    """json.loads of one line; ValueError (bad JSON, a 4,300-digit integer), RecursionError
    (nesting past Python's limit) and MemoryError are the caller's to turn into an error."""
    if isinstance(data, bytes):
        data = data.decode(encoding or "utf-8-sig")
    return json.loads(data)


def _jsonl_articles(lines: Iterable[bytes | _TooLong], path: str | None, encoding: str | None = None
                    ) -> Iterator[RawArticle | IngestError]:
    stem = Path(path).stem.removesuffix(".jsonl") if path else "stdin"
    for n, line in enumerate(lines, 1):
        fallback = f"{stem}:{n}"
        if isinstance(line, _TooLong):
            yield _error(fallback, path, "TooLarge", f"line {n}: over {MAX_ARTICLE_BYTES:,} bytes (skipped)")
            continue
        if not line.strip():
            continue
        try:
            rec = _loads(line, encoding)
        except _JSON_ERRORS as exc:
            yield _error(fallback, path, "BadJSONLine", f"line {n}: {type(exc).__name__}: {str(exc)[:200]}")
            continue
        yield _article_from_obj(rec, n, path, fallback, "line")


def _json_array_articles(fh: io.BufferedIOBase, path: str, encoding: str | None = None
                         ) -> Iterator[RawArticle | IngestError]:
    """The objects of one JSON array file, streamed (memory bounded by one element).

    An element that cannot be parsed ends the file with one error: the elements after a
    broken one cannot be found again.
    """
    stem = Path(path.removesuffix(".gz")).stem
    decoder = codecs.getincrementaldecoder(encoding or "utf-8-sig")()
    buf, pos, n, eof = "", 0, 0, False
    dec = json.JSONDecoder()
    first = True
    while True:
        while pos < len(buf) and buf[pos] in " \t\r\n,[]" and not (buf[pos] == "[" and not first):
            first = False if buf[pos] == "[" else first
            pos += 1
        if pos >= len(buf):
            if eof:
                return
            buf, pos = buf[pos:], 0
            chunk = fh.read(1 << 20)
            eof = not chunk
            try:
                buf += decoder.decode(chunk, final=eof)
            except UnicodeDecodeError as exc:
                yield _error(f"{stem}:{n + 1}", path, "DecodeError", f"element {n + 1}: {exc}")
                return
            continue
        try:
            rec, end = dec.raw_decode(buf, pos)
        except _JSON_ERRORS as exc:
            if not eof and len(buf) - pos <= MAX_ARTICLE_BYTES:
                chunk = fh.read(1 << 20)
                eof = not chunk
                buf = buf[pos:] + decoder.decode(chunk, final=eof)
                pos = 0
                continue
            kind = "TooLarge" if len(buf) - pos > MAX_ARTICLE_BYTES else "BadJSONLine"
            yield _error(f"{stem}:{n + 1}", path, kind,
                         f"element {n + 1}: {type(exc).__name__}: {str(exc)[:200]} (the rest of the array is unread)")
            return
        n += 1
        first = False
        yield _article_from_obj(rec, n, path, f"{stem}:{n}", "element")
        pos = end


class _TooLarge(OSError):
    """An input over :data:`MAX_ARTICLE_BYTES`."""


def _open_bytes(path: str) -> bytes:
    """The bytes of one file (decompressed), read no further than the article limit + 1."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as fh:
        data = fh.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise _TooLarge(f"over {MAX_ARTICLE_BYTES:,} bytes{' decompressed' if path.endswith('.gz') else ''}")
    return data


def _bounded_lines(fh) -> Iterator[bytes | _TooLong]:
    """Lines of a binary stream; a line over the limit is skipped to its end, not held."""
    while True:
        line = fh.readline(MAX_ARTICLE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_ARTICLE_BYTES:
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
            yield _TooLong()
            continue
        yield line


def _open_stream(path: str):
    if path == "-":
        return sys.stdin.buffer
    return (gzip.open if path.endswith(".gz") else open)(path, "rb")


def _stream_lines(path: str) -> Iterator[bytes | _TooLong]:
    """Lines of a (possibly gzipped) JSONL file, streamed: memory does not grow with size."""
    fh = _open_stream(path)
    try:
        yield from _bounded_lines(fh)
    finally:
        if path != "-":
            fh.close()


def _starts_with_array(path: str) -> bool:
    with _open_stream(path) as fh:
        head = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] == b"["


def _jsonl_or_array(path: str, encoding: str | None, shown: str) -> Iterator[RawArticle | IngestError]:
    if _starts_with_array(path):
        with _open_stream(path) as fh:
            yield from _json_array_articles(fh, shown, encoding)
        return
    yield from _jsonl_articles(_stream_lines(path), shown, encoding)


class _Prefixed(io.RawIOBase):
    """A stream with bytes already read put back in front (stdin without ``peek``)."""

    def __init__(self, head: bytes, rest):
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        if self.head:
            n = min(len(b), len(self.head))
            b[:n], self.head = self.head[:n], self.head[n:]
            return n
        data = self.rest.read(len(b))
        b[:len(data)] = data
        return len(data)


def _read_stdin(encoding: str | None) -> Iterator[RawArticle | IngestError]:
    """Stdin, streamed: JSONL if the first non-blank byte opens an object, a JSON array if
    it opens one, else one text article (read no further than the article limit + 1)."""
    buf = sys.stdin.buffer
    if hasattr(buf, "peek"):
        head = buf.peek(4096)[:4096]
        fh = buf
    else:
        head = buf.read(4096)
        fh = io.BufferedReader(_Prefixed(head, buf))
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if first == b"{":
        yield from _jsonl_articles(_bounded_lines(fh), None, encoding)
        return
    if first == b"[":
        yield from _json_array_articles(fh, "stdin", encoding)
        return
    try:
        data = fh.read(MAX_ARTICLE_BYTES + 1)
    except (OSError, MemoryError) as exc:
        yield _error("stdin", None, type(exc).__name__, f"cannot read stdin: {exc}")
        return
    if len(data) > MAX_ARTICLE_BYTES:
        yield _error("stdin", None, "TooLarge", f"stdin: over {MAX_ARTICLE_BYTES:,} bytes")
        return
    yield from _article_of_bytes(data, "stdin", "-", "text", encoding)


def read_file(path: str, encoding: str | None = None) -> Iterator[RawArticle | IngestError]:
    """Every article of one input file (``-`` = stdin, read as JSONL if it looks like it).

    ``encoding`` names the codec of files without a BOM (default: UTF-8; an HTML page's
    ``<meta charset>`` otherwise). A file name that is not valid UTF-8 is shown with
    U+FFFD in ids and paths (the JSON output cannot hold its lone surrogates).
    """
    if path == "-":
        yield from _read_stdin(encoding)
        return
    shown = _SURROGATE.sub("\ufffd", path)
    kind = _kind(path)
    stem = Path(shown.removesuffix(".gz")).stem
    try:
        if kind == "jsonl":
            yield from _jsonl_or_array(path, encoding, shown)
            return
        data = _open_bytes(path)
    except _TooLarge as exc:
        yield _error(stem, shown, "TooLarge", f"{shown}: {exc}")
        return
    except (OSError, EOFError, gzip.BadGzipFile, MemoryError) as exc:
        yield _error(stem, shown, type(exc).__name__, f"cannot read {shown}: {exc}")
        return
    yield from _article_of_bytes(data, stem, shown, kind, encoding)


def _article_of_bytes(data: bytes, stem: str, shown: str, kind: str, encoding: str | None
                      ) -> Iterator[RawArticle | IngestError]:
    if kind == "html" and not encoding:
        encoding = html_charset(data)
    try:
        text = decode_bytes(data, encoding)
    except DecodeError as exc:
        yield _error(stem, shown, "DecodeError", f"{shown}: {exc}")
        return
    if not text.strip():
        yield _error(stem, shown, "EmptyArticle", f"{shown}: empty file")
        return
    text, notes = scrub(text)
    if kind == "html":
        yield RawArticle(id=stem, html=text, path=shown, notes=tuple(notes))
    else:
        yield RawArticle(id=stem, text=text, path=shown, notes=tuple(notes))


def read_inputs(inputs: Iterable[str]) -> Iterator[RawArticle | IngestError]:
    """Every article of every input, in order."""
    for path in expand_inputs(inputs):
        yield from read_file(path)


def from_item(item: object, index: int = 0) -> RawArticle | IngestError:
    """One library-API item (dict, path, str or RawArticle) as a RawArticle or an error.

    A file holding several articles (JSONL) gives its first here; :func:`iter_item` gives all.
    """
    for got in iter_item(item, index):
        return got
    return IngestError(f"item:{index}", None, "ingest", "EmptyArticle", "no article")


def _is_path(item: str) -> bool:
    return len(item) < _MAX_PATH_CHARS and "\n" not in item and bool(item.strip()) and os.path.isfile(item)


def iter_item(item: object, index: int = 0) -> Iterator[RawArticle | IngestError]:
    """Every article of one library-API item: a path (``os.PathLike``, or a str naming an
    existing file, as ``glob.glob`` gives) is read as that file; any other str is article text."""
    if isinstance(item, RawArticle):
        yield item
        return
    if isinstance(item, dict):
        try:
            yield _article_from_obj(item, index, None, f"item:{index}", "item")
        except Exception as exc:  # an odd value inside the dict: the item's error only
            yield _error(f"item:{index}", None, "BadItem", f"item {index}: {type(exc).__name__}: {exc}")
        return
    if isinstance(item, os.PathLike) or (isinstance(item, str) and _is_path(item)):
        got = list(read_file(os.fspath(item)))
        yield from got or [_error(str(item), str(item), "EmptyArticle", "no article")]
        return
    if isinstance(item, bytes):
        try:
            item = decode_bytes(item)
        except DecodeError as exc:
            yield _error(f"item:{index}", None, "DecodeError", str(exc))
            return
    if isinstance(item, str):
        if not item.strip():
            yield _error(f"item:{index}", None, "EmptyArticle", "empty text")
            return
        text, notes = scrub(item)
        yield RawArticle(id=content_id(text), text=text, notes=tuple(notes))
        return
    yield _error(f"item:{index}", None, "BadItem", f"cannot read an item of type {type(item).__name__}")
