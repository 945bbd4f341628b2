"""Records in: the one reader of record JSONL files, and what every research room asks of a record.

A records file is the JSONL of ``extractor extract`` (``.gz`` too). :func:`missing_records`
is the one "no such records file" check of the commands that read them;
:func:`read_numbered` / :func:`read_records` the one reader (the review report reads the
same files with :func:`open_records`, to list error lines and unreadable lines as well).
"""
from __future__ import annotations

import functools
import gzip
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..gazetteer import ERA_2025, PRE2025
from ..text.norm import tone_key

log = logging.getLogger(__name__)


#: The day the 2025 units came into force (as ``extractor/fields/places.py``).
REORG_DATE = "2025-07-01"


def published_of(rec: dict[str, Any]) -> str | None:
    """The article's date as written in the record (``published``, else ``date``)."""
    p = rec.get("published") or rec.get("date")
    return str(p) if p else None


@functools.lru_cache(maxsize=1)
def gazetteer_units():
    """The gazetteer (loaded on first use)."""
    from .. import gazetteer

    return gazetteer.get()


def _date_era(rec: dict[str, Any]) -> str:
    """The era of the units an article names: ``2025`` from 1 July 2025, else ``pre2025``."""
    pub = published_of(rec)
    return ERA_2025 if pub and pub[:10] >= REORG_DATE else PRE2025


def unit_era(rec: dict[str, Any], name: str | None, level: str | None, code: str | None) -> str:
    """The era (``pre2025`` / ``2025``) of a unit a record names: codes are reused across eras.

    In order: the ``code_era`` of the record's locality of that level, name and code; the one
    era in which the gazetteer has a unit of that level, name (and code); the article's date
    (units in force when it was written).

    >>> unit_era({"published": "2025-09-01"}, "Bắc Giang", "province", "24")
    'pre2025'
    >>> unit_era({"published": "2025-09-01"}, "Thái Nguyên", "province", "19")
    '2025'
    """
    key = tone_key(name or "")
    for x in rec.get("localities") or []:
        if isinstance(x, dict) and (x.get("code_era") and x.get("level") == level and tone_key(x.get("name") or "") == key
                and (code is None or x.get("code") == code)):
            return x["code_era"]
    if name and level in ("province", "district", "commune"):
        eras = {u.era for u in gazetteer_units().lookup(name, level) if code is None or u.code == code}
        if len(eras) == 1:
            return next(iter(eras))
    return _date_era(rec)


def read_numbered(paths: Iterable[str], bad: list[int] | None = None) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """``(file, line, record)`` of every record in JSONL files, ``.gz`` too; broken lines are logged.

    Error lines (``id``, ``stage``, ``error``) have no text and are not records.

    Args:
        paths: JSONL files.
        bad: if given, receives the line number of every line that could not be read.
    """
    for p in paths:
        with open_records(p) as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except ValueError as exc:
                    log.warning("%s:%d: broken JSON line skipped (%s)", p, n, exc)
                    if bad is not None:
                        bad.append(n)
                    continue
                if isinstance(rec, dict) and "id" in rec and "text" in rec:
                    yield str(p), n, rec


def read_records(paths: Iterable[str], bad: list[int] | None = None) -> Iterator[dict[str, Any]]:
    """Records (with ``id`` and ``text``) from JSONL files (:func:`read_numbered`)."""
    for _, _, rec in read_numbered(paths, bad):
        yield rec


def open_records(path: str | Path, errors: str = "strict") -> IO[str]:
    """A records file opened for reading text (gunzipped when its name ends in ``.gz``)."""
    opener = gzip.open if str(path).endswith(".gz") else open
    return opener(path, "rt", encoding="utf-8", errors=errors)


def missing_records(paths: Iterable[str], prog: str = "extractor", what: str = "records file") -> bool:
    """Say on stderr which of ``paths`` is not a file (``prog: no such records file: …``); whether any is.

    >>> missing_records(["/nonexistent/records.jsonl"])
    True
    """
    missing = [p for p in paths if not Path(p).is_file()]
    if missing:
        print(f"{prog}: no such {what}: {', '.join(missing)}", file=sys.stderr)
    return bool(missing)
