"""Resume: which ids a JSONL output already holds, torn tails cut off, ids made unique.

``--resume`` skips the ids already in the output or the error file and appends, so
kill-and-resume gives the same set of lines as one clean run, with no duplicate. A torn last
line (which only a killed *writer* can leave) is cut off before appending.
"""
from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..io.ingest import IngestError, RawArticle


def _repair_tail(path: Path) -> None:
    """Cut a torn last line (no final newline) off a JSONL file before appending to it.

    Reads backwards from the end a block at a time: memory does not grow with the file.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return
    with open(path, "rb+") as fh:
        end = fh.seek(0, os.SEEK_END)
        fh.seek(end - 1)
        if fh.read(1) == b"\n":
            return
        pos = end
        while pos > 0:
            step = min(_BLOCK, pos)
            pos -= step
            fh.seek(pos)
            nl = fh.read(step).rfind(b"\n")
            if nl >= 0:
                fh.truncate(pos + nl + 1)
                return
        fh.truncate(0)


_BLOCK = 1 << 16
#: The id of a record line as the pipeline writes it, read without parsing the whole line.
_RECORD_ID = re.compile(rb'^\{(?:"schema_version":"[^"\\]*",)?"id":("(?:[^"\\]|\\.)*")')


def _line_id(line: bytes) -> tuple[str, bool] | None:
    """``(id, retryable)`` of one output or error line; None for a line that is neither."""
    m = _RECORD_ID.match(line)
    if m and b'"stage":' not in line[:4096]:
        return str(json.loads(m.group(1))), False
    try:
        rec = json.loads(line)
        return str(rec["id"]), bool(rec.get("retryable", False))
    except (ValueError, KeyError, TypeError):
        return None


def scan_ids(path: str | None, drop_retryable: bool) -> tuple[set[str], int]:
    """Ids a JSONL output holds for good (streamed; retryable error lines do not count).

    With ``drop_retryable`` the retryable error lines are taken out of the file (rewritten
    beside it and renamed over it), so that --resume redoes those articles and leaves one
    line each.
    """
    ids: set[str] = set()
    dropped = 0
    if not path or path == "-" or not Path(path).is_file():
        return ids, dropped
    _repair_tail(Path(path))
    tmp = Path(f"{path}.resume-tmp") if drop_retryable else None
    with open(path, "rb") as fh, (open(tmp, "wb") if tmp else contextlib.nullcontext()) as keep:
        for line in fh:
            got = _line_id(line)
            if got is not None and got[1]:  # retryable: not done
                if drop_retryable:
                    dropped += 1
                    continue
            elif got is not None:
                ids.add(got[0])
            if keep is not None:
                keep.write(line)
    if tmp is not None:
        if dropped:
            os.replace(tmp, path)
        else:
            tmp.unlink()
    return ids, dropped


def done_ids(*paths: str | None) -> set[str]:
    """Ids already written to JSONL outputs (records or error lines), retryable errors excepted."""
    ids: set[str] = set()
    for p in paths:
        ids |= scan_ids(p, drop_retryable=False)[0]
    return ids


def unique_ids(items: Iterable[RawArticle | IngestError], renamed: list[tuple[str, str]]
               ) -> Iterator[RawArticle | IngestError]:
    """The items with ids unique within the run: a repeated id ``x`` becomes ``x#2``, ``x#3``…

    Deterministic (input order decides), so a --resume of the same inputs makes the same
    ids and skips exactly what was done. Every renaming is appended to ``renamed``.
    """
    seen: set[str] = set()
    for item in items:
        new = item.id
        n = 1
        while new in seen:
            n += 1
            new = f"{item.id}#{n}"
        seen.add(new)
        if new != item.id:
            renamed.append((item.id, new))
            item = dataclasses.replace(item, id=new)
        yield item


def same_file(a: str | None, b: str | None) -> bool:
    """Two output/input names that are one file (``-``/None are never a file)."""
    if not a or not b or a == "-" or b == "-":
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)
