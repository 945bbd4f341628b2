"""Records out: JSONL written in whole lines, flushed by chunk."""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import IO

#: Lines buffered before a flush: a killed run loses at most this many finished records
#: (``--resume`` redoes them), and a line is never torn because it is written whole.
FLUSH_EVERY = 64


class JsonlSink:
    """A JSONL output: a path, ``-`` for stdout, or None (stderr when ``stderr_fallback``)."""

    def __init__(self, path: str | None, stderr_fallback: bool = False, append: bool = False):
        self.path = path
        self.stderr_fallback = stderr_fallback
        self.append = append
        self._fh: IO[str] | None = None
        self._own = False
        self._pending = 0
        self.count = 0

    def __enter__(self) -> JsonlSink:
        if self.path in (None, ""):
            self._fh = sys.stderr if self.stderr_fallback else None
        elif self.path == "-":
            self._fh = sys.stdout
        else:
            self._fh = open(self.path, "a" if self.append else "w", encoding="utf-8")
            self._own = True
        return self

    def write(self, line: str) -> None:
        if self._fh is None:
            return
        self._fh.write(line.rstrip("\n") + "\n")
        self.count += 1
        self._pending += 1
        if self._pending >= FLUSH_EVERY:
            self._fh.flush()
            self._pending = 0

    def __exit__(self, *exc: object) -> None:
        if self._fh is not None:
            self._fh.flush()
            if self._own:
                self._fh.close()


_UNSAFE = re.compile(r"[^\w.-]+")
#: File names are bounded in bytes (most file systems allow 255 bytes, not characters: a
#: Vietnamese letter takes 2-3 bytes in UTF-8); room is left for the hash and ``.json.tmp``.
MAX_NAME_BYTES = 128


def _cut_bytes(name: str, limit: int) -> str:
    """The longest prefix of ``name`` whose UTF-8 form fits in ``limit`` bytes."""
    data = name.encode("utf-8", "surrogatepass")
    return data[:limit].decode("utf-8", "ignore") if len(data) > limit else name


def safe_filename(article_id: str, max_bytes: int = MAX_NAME_BYTES) -> str:
    """A file name for an id: no path separators, no ``..``, never empty, never two ids alike,
    never more than ``max_bytes`` bytes of UTF-8.

    An id that had to be changed gets a short hash of the original, so ``a/b`` and ``a_b``
    do not overwrite each other.

    >>> safe_filename("000_36cf266247e648e0")
    '000_36cf266247e648e0'
    >>> safe_filename("../../etc/passwd")
    'etc_passwd-936d7c04'
    >>> len(safe_filename("Đ" * 300).encode()) <= 128
    True
    """
    name = _UNSAFE.sub("_", article_id).strip("._") or "article"
    if name != article_id or len(name.encode("utf-8", "surrogatepass")) > max_bytes:
        digest = hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        name = f"{_cut_bytes(name, max_bytes - 9).rstrip('._') or 'article'}-{digest}"
    return name


class DirectorySink:
    """One JSON file per record, ``DIR/<safe id>.json``, written atomically and symlink-safe:
    the data goes to a fresh temporary file (``O_EXCL``, random name: a planted link is
    never followed) renamed over the target (a link at the target is replaced, not followed)."""

    def __init__(self, folder: str):
        self.folder = Path(folder)
        self.count = 0

    def __enter__(self) -> DirectorySink:
        self.folder.mkdir(parents=True, exist_ok=True)
        return self

    def write(self, line: str) -> None:
        rec_id = str(json.loads(line).get("id", ""))
        name = safe_filename(rec_id)
        fd, tmp = tempfile.mkstemp(prefix=f".{name[:40]}.", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(line.rstrip("\n") + "\n")
            os.replace(tmp, self.folder / f"{name}.json")
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        self.count += 1

    def __exit__(self, *exc: object) -> None:
        return None
