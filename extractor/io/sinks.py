"""Records out: JSONL written in whole lines, flushed by chunk."""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
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


def safe_filename(article_id: str, max_len: int = 120) -> str:
    """A file name for an id: no path separators, no ``..``, never empty, never two ids alike.

    An id that had to be changed gets a short hash of the original, so ``a/b`` and ``a_b``
    do not overwrite each other.

    >>> safe_filename("000_36cf266247e648e0")
    '000_36cf266247e648e0'
    >>> safe_filename("../../etc/passwd")
    'etc_passwd-936d7c04'
    """
    name = _UNSAFE.sub("_", article_id).strip("._")[:max_len] or "article"
    if name != article_id:
        name = f"{name}-{hashlib.sha1(article_id.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
    return name


class DirectorySink:
    """One JSON file per record, ``DIR/<safe id>.json``, written atomically (temp + rename)."""

    def __init__(self, folder: str):
        self.folder = Path(folder)
        self.count = 0

    def __enter__(self) -> DirectorySink:
        self.folder.mkdir(parents=True, exist_ok=True)
        return self

    def write(self, line: str) -> None:
        rec_id = str(json.loads(line).get("id", ""))
        target = self.folder / f"{safe_filename(rec_id)}.json"
        tmp = target.with_suffix(".json.tmp")
        tmp.write_text(line.rstrip("\n") + "\n", encoding="utf-8")
        os.replace(tmp, target)
        self.count += 1

    def __exit__(self, *exc: object) -> None:
        return None
