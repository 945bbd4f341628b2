"""Bytes in: files, folders, globs, stdin, JSONL, HTML and ``.gz`` → :class:`RawArticle` items.

Every input article yields exactly one item: a :class:`RawArticle`, or an
:class:`IngestError` that says which article and why (undecodable bytes, a legacy
Vietnamese encoding, a broken JSONL line, an empty file). Errors are items, not
exceptions, so one bad article never stops a batch.

Formats, by name (``.gz`` is opened first and the inner name decides):

- ``.txt`` and anything else: UTF-8 text (a BOM is dropped; UTF-16 with a BOM is decoded);
  id = the file stem.
- ``.html``/``.htm``: a scraped page; trafilatura gives the main text, headline, date
  and canonical URL.
- ``.jsonl``/``.ndjson``/``.json`` (one object per line): ``id``, ``url``, ``title``,
  ``text`` or ``html``, ``published`` (or ``date``) when present.
"""
from __future__ import annotations

import glob
import gzip
import hashlib
import io
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

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


def decode_bytes(data: bytes) -> str:
    """Decode UTF-8 (BOM dropped) or BOM-marked UTF-16; refuse anything else.

    >>> decode_bytes("\\ufeffXin chào".encode("utf-8"))
    'Xin chào'
    >>> decode_bytes("Xin chào".encode("utf-16"))
    'Xin chào'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-16: {exc}") from exc
    if b"\x00" in data[:4096] and data.count(b"\x00") > len(data) // 8:
        raise DecodeError("binary data (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            data.decode("cp1258")
            hint = " (it decodes as Windows-1258/TCVN3/VNI: convert it to UTF-8 first)"
        except UnicodeDecodeError:
            hint = ""
        raise DecodeError(f"not valid UTF-8 at byte {exc.start}{hint}") from exc
    legacy = _looks_legacy(text)
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


def _jsonl_articles(lines: Iterable[bytes], path: str | None) -> Iterator[RawArticle | IngestError]:
    stem = Path(path).stem.removesuffix(".jsonl") if path else "stdin"
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        fallback = f"{stem}:{n}"
        try:
            rec = json.loads(line.decode("utf-8-sig") if isinstance(line, bytes) else line)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            yield IngestError(fallback, path, "ingest", "BadJSONLine", f"line {n}: {exc}")
            continue
        if not isinstance(rec, dict):
            yield IngestError(fallback, path, "ingest", "BadJSONLine", f"line {n}: not a JSON object")
            continue
        art_id = _safe_id(rec.get("id")) or None
        text, html = rec.get("text"), rec.get("html")
        if not isinstance(text, str):
            text = None
        if not isinstance(html, str):
            html = None
        if not (text and text.strip()) and not (html and html.strip()):
            yield IngestError(art_id or fallback, path, "ingest", "EmptyArticle",
                              f"line {n}: no 'text' or 'html'")
            continue
        published = rec.get("published") or rec.get("date")
        yield RawArticle(
            id=art_id or content_id(text or html or ""), text=text, html=html,
            title=rec.get("title") if isinstance(rec.get("title"), str) else None,
            url=rec.get("url") if isinstance(rec.get("url"), str) else None,
            published=str(published) if published else None, path=path,
        )


def _open_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as fh:
        data = fh.read()
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    return data


def _stream_lines(path: str) -> Iterator[bytes]:
    """Lines of a (possibly gzipped) JSONL file, streamed: memory does not grow with size."""
    if path == "-":
        yield from sys.stdin.buffer
        return
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as fh:
        yield from fh


def read_file(path: str) -> Iterator[RawArticle | IngestError]:
    """Every article of one input file (``-`` = stdin, read as JSONL if it looks like it)."""
    kind = _kind(path) if path != "-" else None
    stem = Path(path.removesuffix(".gz")).stem if path != "-" else "stdin"
    try:
        if kind == "jsonl":
            yield from _jsonl_articles(_stream_lines(path), path)
            return
        data = _open_bytes(path)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield IngestError(stem, path, "ingest", type(exc).__name__, f"cannot read {path}: {exc}")
        return
    if kind is None:  # stdin: JSONL if the first non-blank byte opens an object
        kind = "jsonl" if data.lstrip()[:1] == b"{" else "text"
        if kind == "jsonl":
            yield from _jsonl_articles(io.BytesIO(data), None)
            return
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        yield IngestError(stem, path, "ingest", "DecodeError", f"{path}: {exc}")
        return
    if not text.strip():
        yield IngestError(stem, path, "ingest", "EmptyArticle", f"{path}: empty file")
        return
    if kind == "html":
        yield RawArticle(id=stem, html=text, path=path)
    else:
        yield RawArticle(id=stem, text=text, path=path)


def read_inputs(inputs: Iterable[str]) -> Iterator[RawArticle | IngestError]:
    """Every article of every input, in order."""
    for path in expand_inputs(inputs):
        yield from read_file(path)


def from_item(item: object, index: int = 0) -> RawArticle | IngestError:
    """One library-API item (dict, path, str or RawArticle) as a RawArticle or an error."""
    if isinstance(item, RawArticle):
        return item
    if isinstance(item, dict):
        got = list(_jsonl_articles([json.dumps(item, ensure_ascii=False, default=str).encode()], None))
        return got[0] if got else IngestError(f"item:{index}", None, "ingest", "EmptyArticle", "empty item")
    if isinstance(item, os.PathLike):
        got = list(read_file(str(item)))
        return got[0] if got else IngestError(str(item), str(item), "ingest", "EmptyArticle", "no article")
    if isinstance(item, bytes):
        try:
            text = decode_bytes(item)
        except DecodeError as exc:
            return IngestError(f"item:{index}", None, "ingest", "DecodeError", str(exc))
        item = text
    if isinstance(item, str):
        if not item.strip():
            return IngestError(f"item:{index}", None, "ingest", "EmptyArticle", "empty text")
        return RawArticle(id=content_id(item), text=item)
    return IngestError(f"item:{index}", None, "ingest", "BadItem",
                       f"cannot read an item of type {type(item).__name__}")
