"""Records → a flat research dataset (DuckDB file or Parquet folder), with keys back to the article.

Tables (every row carries ``article_id``; evidence spans as ``span_start``/``span_end``):

- ``articles``: id, input_id, copy, outlet, title, published, province, province_code,
  province_code_era, current_province, district, district_code, district_code_era,
  commune, commune_code, commune_code_era, path, url, n_warnings
- ``localities``: name, level, province, district, code, code_era, current_province,
  n_mentions, first_start, first_end
- ``documents``: kind, number, symbol, system, issuer_code, issuer, issued, subject,
  n_mentions
- ``counts``: value, qualifier, unit, category, field, level, part_of, of_total, place,
  place_level, place_code, place_code_era, as_of, text, span_start, span_end
- ``figures``: value, qualifier, unit, text, span_start, span_end
- ``officials``: name, title, organization, verb, quote_kind, quote, span_start, span_end
- ``models``: name, field, place, place_level, place_code, place_code_era, span_start, span_end
- ``checks``: kind, total (integer), parts (list of integers), status
- ``export_issues``: article_id, input_id, line, kind (``duplicate_id`` / ``bad_record``),
  message — what was kept apart or left out, so that a reader of the tables sees it

Every unit in the tables carries its code *and* the code's era (``pre2025`` / ``2025``):
codes and names recur across the 1 July 2025 reform (24 is Bắc Giang before, Bắc Ninh
after), so group by ``(code, code_era)``, never by the code alone.

An id given twice is two records: the second is kept apart as ``<id>#2`` (``input_id`` the
id as given, ``copy`` 2) and listed in ``export_issues``. A record whose values do not fit
the columns is left out whole and listed there too; the rest is exported.

Records are read as a stream and written in batches, so memory stays flat.
"""
from __future__ import annotations

import functools
import gzip
import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..gazetteer import ERA_2025, PRE2025
from ..text.norm import tone_key

log = logging.getLogger(__name__)

#: Rows held per table before a batch is written (a few MB at most).
BATCH_ROWS = 20_000

SCHEMAS: dict[str, list[tuple[str, str]]] = {
    "articles": [("article_id", "string"), ("input_id", "string"), ("copy", "int64"), ("outlet", "string"),
                 ("title", "string"), ("published", "string"), ("province", "string"), ("province_code", "string"),
                 ("province_code_era", "string"), ("current_province", "string"), ("district", "string"),
                 ("district_code", "string"), ("district_code_era", "string"), ("commune", "string"),
                 ("commune_code", "string"), ("commune_code_era", "string"), ("path", "string"),
                 ("url", "string"), ("n_warnings", "int64")],
    "localities": [("article_id", "string"), ("name", "string"), ("level", "string"), ("province", "string"),
                   ("district", "string"), ("code", "string"), ("code_era", "string"),
                   ("current_province", "string"), ("n_mentions", "int64"), ("first_start", "int64"),
                   ("first_end", "int64")],
    "documents": [("article_id", "string"), ("kind", "string"), ("number", "string"), ("symbol", "string"),
                  ("system", "string"), ("issuer_code", "string"), ("issuer", "string"), ("issued", "string"),
                  ("subject", "string"), ("n_mentions", "int64")],
    "counts": [("article_id", "string"), ("value", "int64"), ("qualifier", "string"), ("unit", "string"),
               ("category", "string"), ("field", "string"), ("level", "string"), ("part_of", "int64"),
               ("of_total", "int64"), ("place", "string"), ("place_level", "string"), ("place_code", "string"),
               ("place_code_era", "string"), ("as_of", "string"),
               ("text", "string"), ("span_start", "int64"), ("span_end", "int64")],
    "figures": [("article_id", "string"), ("value", "double"), ("qualifier", "string"), ("unit", "string"),
                ("text", "string"), ("span_start", "int64"), ("span_end", "int64")],
    "officials": [("article_id", "string"), ("name", "string"), ("title", "string"), ("organization", "string"),
                  ("verb", "string"), ("quote_kind", "string"), ("quote", "string"), ("span_start", "int64"),
                  ("span_end", "int64")],
    "models": [("article_id", "string"), ("name", "string"), ("field", "string"), ("place", "string"),
               ("place_level", "string"), ("place_code", "string"), ("place_code_era", "string"),
               ("span_start", "int64"), ("span_end", "int64")],
    "checks": [("article_id", "string"), ("kind", "string"), ("total", "int64"), ("parts", "list<int64>"),
               ("status", "string")],
    "export_issues": [("article_id", "string"), ("input_id", "string"), ("line", "int64"), ("kind", "string"),
                      ("message", "string")],
}

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


def _place(p: dict | None) -> tuple[Any, Any, Any]:
    p = p or {}
    return p.get("name"), p.get("level"), p.get("code")


def _era_or_none(rec: dict[str, Any], name: Any, level: str, code: Any) -> str | None:
    return unit_era(rec, name, level, code) if code else None


def _as_int(v: Any) -> int | None:
    """An integer column's value: an int, or a float without fraction; anything else is refused."""
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int | float) or (isinstance(v, float) and not v.is_integer()):
        raise TypeError(f"not an integer: {v!r:.60}")
    return int(v)


def _int_parts(parts: Any) -> list[int] | None:
    """The integer parts of a sum check (numbers, or ``{"value": …}`` items such as by_level parts)."""
    if parts is None:
        return None
    return [_as_int(p["value"] if isinstance(p, dict) else p) for p in parts]


def rows_of(rec: dict[str, Any], aid: str | None = None, copy: int = 1) -> Iterator[tuple[str, dict[str, Any]]]:
    """The table rows of one record as ``(table, row)``.

    Args:
        rec: the record.
        aid: the ``article_id`` of its rows (default: the record's id).
        copy: 1, or n for the n-th record given with the same id.
    """
    aid = str(rec["id"]) if aid is None else aid
    loc = rec.get("locality") or {}
    src = rec.get("source") or {}
    yield "articles", {"article_id": aid, "input_id": str(rec["id"]), "copy": copy, "outlet": rec.get("outlet"),
                       "title": rec.get("title"), "published": rec.get("published"),
                       "province": loc.get("province"), "province_code": loc.get("province_code"),
                       "province_code_era": _era_or_none(rec, loc.get("province"), "province",
                                                         loc.get("province_code")),
                       "current_province": loc.get("current_province"), "district": loc.get("district"),
                       "district_code": loc.get("district_code"),
                       "district_code_era": _era_or_none(rec, loc.get("district"), "district", loc.get("district_code")),
                       "commune": loc.get("commune"), "commune_code": loc.get("commune_code"),
                       "commune_code_era": _era_or_none(rec, loc.get("commune"), "commune", loc.get("commune_code")),
                       "path": src.get("path"),
                       "url": src.get("url"), "n_warnings": len(rec.get("warnings") or [])}
    for x in rec.get("localities") or []:
        m = x.get("mentions") or [[None, None]]
        yield "localities", {"article_id": aid, "name": x["name"], "level": x["level"], "province": x.get("province"),
                             "district": x.get("district"), "code": x.get("code"), "code_era": x.get("code_era"),
                             "current_province": x.get("current_province"), "n_mentions": len(x.get("mentions") or []),
                             "first_start": m[0][0], "first_end": m[0][1]}
    for x in rec.get("documents") or []:
        yield "documents", {"article_id": aid, **{k: x.get(k) for k in ("kind", "number", "symbol", "system",
                                                                        "issuer_code", "issuer", "issued", "subject")},
                            "n_mentions": len(x.get("mentions") or [])}
    for x in rec.get("counts") or []:
        name, level, code = _place(x.get("locality"))
        yield "counts", {"article_id": aid, **{k: x.get(k) for k in ("value", "qualifier", "unit", "category", "field",
                                                                     "level", "part_of", "of_total", "as_of", "text")},
                         "place": name, "place_level": level, "place_code": code,
                         "place_code_era": _era_or_none(rec, name, level, code),
                         "span_start": x["span"][0], "span_end": x["span"][1]}
    for x in rec.get("figures") or []:
        yield "figures", {"article_id": aid, "value": float(x["value"]), "qualifier": x.get("qualifier"),
                          "unit": x.get("unit"), "text": x.get("text"), "span_start": x["span"][0],
                          "span_end": x["span"][1]}
    for x in rec.get("officials") or []:
        yield "officials", {"article_id": aid, **{k: x.get(k) for k in ("name", "title", "organization", "verb",
                                                                        "quote_kind", "quote")},
                            "span_start": x["span"][0], "span_end": x["span"][1]}
    for x in rec.get("models") or []:
        name, level, code = _place(x.get("locality"))
        yield "models", {"article_id": aid, "name": x["name"], "field": x.get("field"), "place": name,
                         "place_level": level, "place_code": code, "place_code_era": _era_or_none(rec, name, level, code),
                         "span_start": x["span"][0], "span_end": x["span"][1]}
    for x in rec.get("checks") or []:
        total = x.get("total")
        yield "checks", {"article_id": aid, "kind": x.get("kind"), "total": _as_int(total),
                         "parts": _int_parts(x.get("parts")), "status": x.get("status")}


def read_numbered(paths: Iterable[str], bad: list[int] | None = None) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """``(file, line, record)`` of every record in JSONL files, ``.gz`` too; broken lines are logged.

    Error lines (``id``, ``stage``, ``error``) have no text and are not records.

    Args:
        paths: JSONL files.
        bad: if given, receives the line number of every line that could not be read.
    """
    for p in paths:
        opener = gzip.open if str(p).endswith(".gz") else open
        with opener(p, "rt", encoding="utf-8") as fh:
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


_ARROW = {"string": "string", "int64": "int64", "double": "float64", "bool": "bool_"}
_SQL = {"string": "VARCHAR", "int64": "BIGINT", "double": "DOUBLE", "bool": "BOOLEAN", "list<int64>": "BIGINT[]"}

#: What ``write_tables`` does with tables that already exist in the target.
EXISTING = ("refuse", "append", "replace")


class DatasetExists(ValueError):
    """The target already holds tables the export would write (give append or replace)."""


def _arrow_type(t: str):
    import pyarrow as pa

    return pa.list_(pa.int64()) if t == "list<int64>" else getattr(pa, _ARROW[t])()


def _arrow_schema(cols: list[tuple[str, str]]):
    import pyarrow as pa

    return pa.schema([(n, _arrow_type(t)) for n, t in cols])


def _fits(v: Any, t: str) -> bool:
    if v is None:
        return True
    if t == "string":
        return isinstance(v, str)
    if t == "int64":
        return isinstance(v, int) and not isinstance(v, bool) and -2**63 <= v < 2**63
    if t == "double":
        return isinstance(v, int | float) and not isinstance(v, bool)
    if t == "bool":
        return isinstance(v, bool)
    return isinstance(v, list) and all(_fits(x, "int64") and x is not None for x in v)


def check_row(table: str, row: dict[str, Any], schemas: dict[str, list[tuple[str, str]]]) -> None:
    """Raise :class:`TypeError` when a value does not fit its column (checked before a batch
    is written, so that one odd record cannot abort the export)."""
    for name, t in schemas[table]:
        v = row.get(name)
        if not _fits(v, t):
            raise TypeError(f"{table}.{name} is {t}, got {type(v).__name__} {v!r:.60}")


def _connect(to: str, read_only: bool = False):
    """A DuckDB connection; a file that is no DuckDB database is refused, never replaced."""
    import duckdb

    try:
        return duckdb.connect(str(to), read_only=read_only)
    except duckdb.Error as exc:
        raise ValueError(f"{to}: cannot open it as a DuckDB dataset ({exc}); nothing written") from exc


def existing_tables(to: str, fmt: str, names: Iterable[str]) -> list[str]:
    """Which of ``names`` the target already holds."""
    names = list(names)
    if fmt == "parquet":
        return [t for t in names if (Path(to) / f"{t}.parquet").exists()]
    if not Path(to).exists():
        return []
    con = _connect(to, read_only=True)
    try:
        have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    finally:
        con.close()
    return [t for t in names if t in have]


def write_tables(rows: Iterable[tuple[str, dict[str, Any]]], schemas: dict[str, list[tuple[str, str]]],
                 to: str, fmt: str | None = None, existing: str = "refuse") -> dict[str, int]:
    """Stream ``(table, row)`` pairs into a DuckDB file or a Parquet folder, in batches.

    Args:
        rows: the rows, any table order (checked with :func:`check_row` by the caller).
        schemas: columns of each table as ``(name, string|int64|double|bool|list<int64>)``.
        to: a ``.duckdb``/``.db`` file, or a folder (Parquet: one file per table).
        fmt: ``duckdb`` or ``parquet``; by default from ``to``'s suffix.
        existing: when some of these tables exist already: ``refuse`` (raise
            :class:`DatasetExists`), ``append`` (DuckDB only: add the rows to them) or
            ``replace`` (rewrite them). Other tables of the file are always kept.

    Returns:
        rows written per table.
    """
    try:
        import pyarrow as pa
    except ImportError as exc:  # pragma: no cover
        raise ImportError("export needs pyarrow and duckdb: pip install 'extractor[dataset]'") from exc
    fmt = fmt or ("duckdb" if str(to).endswith((".duckdb", ".db")) else "parquet")
    if fmt not in ("duckdb", "parquet"):
        raise ValueError(f"unknown format {fmt!r}: duckdb or parquet")
    if existing not in EXISTING:
        raise ValueError(f"existing is one of {', '.join(EXISTING)}")
    if fmt == "parquet" and existing == "append":
        raise ValueError("Parquet tables are written whole: append works on a .duckdb file; "
                         "write to a new folder, or replace")
    there = existing_tables(to, fmt, schemas)
    if there and existing == "refuse":
        raise DatasetExists(f"{to} already holds the tables {', '.join(there)}: nothing written. "
                            "Add --append to add these records to them, or --replace to rewrite them")
    arrow = {t: _arrow_schema(cols) for t, cols in schemas.items()}
    buffers: dict[str, list[dict[str, Any]]] = {t: [] for t in schemas}
    counts = dict.fromkeys(schemas, 0)
    if fmt == "duckdb":
        con = _connect(to)
        for t, cols in schemas.items():
            if t in there and existing == "append":
                continue
            con.execute(f"DROP TABLE IF EXISTS {t}")
            con.execute(f"CREATE TABLE {t} ({', '.join(f'{n} {_SQL[ty]}' for n, ty in cols)})")

        def flush(table: str) -> None:
            batch = pa.Table.from_pylist(buffers[table], schema=arrow[table])  # noqa: F841 - read by SQL
            names = ", ".join(n for n, _ in schemas[table])
            con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM batch")
            buffers[table].clear()

        close = con.close
    else:
        import pyarrow.parquet as pq

        Path(to).mkdir(parents=True, exist_ok=True)
        writers = {t: pq.ParquetWriter(str(Path(to) / f"{t}.parquet"), arrow[t]) for t in schemas}

        def flush(table: str) -> None:
            writers[table].write_table(pa.Table.from_pylist(buffers[table], schema=arrow[table]))
            buffers[table].clear()

        def close() -> None:
            for w in writers.values():
                w.close()
    try:
        for table, row in rows:
            buffers[table].append(row)
            counts[table] += 1
            if len(buffers[table]) >= BATCH_ROWS:
                flush(table)
        for table in schemas:
            if buffers[table]:
                flush(table)
    finally:
        close()
    return counts


def _known_ids(to: str, fmt: str) -> dict[str, int]:
    """Input id → copies already in the target's ``articles`` table (for an append)."""
    if fmt != "duckdb" or not existing_tables(to, fmt, ["articles"]):
        return {}
    con = _connect(to, read_only=True)
    try:
        return dict(con.execute("SELECT input_id, max(copy) FROM articles GROUP BY input_id").fetchall())
    finally:
        con.close()


def dataset_rows(items: Iterable[tuple[str | None, int | None, dict[str, Any]]],
                 seen: dict[str, int] | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """The checked rows of numbered records, and an ``export_issues`` row for each record kept
    apart (a repeated id) or left out (a value that does not fit its column)."""
    seen = {} if seen is None else seen
    for where, line, rec in items:
        input_id = str(rec.get("id"))
        copy = seen.get(input_id, 0) + 1
        aid = input_id if copy == 1 else f"{input_id}#{copy}"
        try:
            rows = list(rows_of(rec, aid, copy))
            for table, row in rows:
                check_row(table, row, SCHEMAS)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
            msg = f"record left out: {type(exc).__name__}: {exc}"
            log.warning("%s:%s: %s (id %s)", where or "-", line, msg, input_id)
            yield "export_issues", {"article_id": None, "input_id": input_id, "line": line, "kind": "bad_record",
                                    "message": f"{where}: {msg}" if where else msg}
            continue
        seen[input_id] = copy
        if copy > 1:
            msg = f"id {input_id!r} given {copy} times: this record is kept apart as {aid!r}"
            log.warning("%s:%s: %s", where or "-", line, msg)
            yield "export_issues", {"article_id": aid, "input_id": input_id, "line": line, "kind": "duplicate_id",
                                    "message": f"{where}: {msg}" if where else msg}
        yield from rows


def export(records: Iterable[dict[str, Any]], to: str, fmt: str | None = None,
           existing: str = "refuse") -> dict[str, int]:
    """Write the article tables of a stream of records to ``to`` (``.duckdb`` file, or a
    folder with ``fmt='parquet'``); returns the number of rows per table (``export_issues``:
    records kept apart or left out). ``existing``: see :func:`write_tables`."""
    return export_items(((None, n, rec) for n, rec in enumerate(records, 1)), to, fmt, existing)


def export_items(items: Iterable[tuple[str | None, int | None, dict[str, Any]]], to: str, fmt: str | None = None,
                 existing: str = "refuse") -> dict[str, int]:
    """:func:`export` of ``(file, line, record)`` items (:func:`read_numbered`)."""
    fmt = fmt or ("duckdb" if str(to).endswith((".duckdb", ".db")) else "parquet")
    seen = _known_ids(to, fmt) if existing == "append" else {}
    return write_tables(dataset_rows(items, seen), SCHEMAS, to, fmt, existing)
