"""Records → a flat research dataset (DuckDB file or Parquet folder), with keys back to the article.

Tables (every row carries ``article_id``; evidence spans as ``span_start``/``span_end``):

- ``articles``: id, outlet, title, published, province, district, commune, path, url,
  n_warnings
- ``localities``: name, level, province, district, code, code_era, current_province,
  n_mentions, first_start, first_end
- ``documents``: kind, number, symbol, system, issuer_code, issuer, issued, subject,
  n_mentions
- ``counts``: value, qualifier, unit, category, field, part_of, of_total, place, place_level,
  place_code, as_of, text, span_start, span_end
- ``figures``: value, qualifier, unit, text, span_start, span_end
- ``officials``: name, title, organization, verb, quote_kind, quote, span_start, span_end
- ``models``: name, field, place, place_level, span_start, span_end
- ``checks``: kind, total, parts (JSON), status

Records are read as a stream and written in batches, so memory stays flat.
"""
from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: Rows held per table before a batch is written (a few MB at most).
BATCH_ROWS = 20_000

SCHEMAS: dict[str, list[tuple[str, str]]] = {
    "articles": [("article_id", "string"), ("outlet", "string"), ("title", "string"), ("published", "string"),
                 ("province", "string"), ("district", "string"), ("commune", "string"), ("path", "string"),
                 ("url", "string"), ("n_warnings", "int64")],
    "localities": [("article_id", "string"), ("name", "string"), ("level", "string"), ("province", "string"),
                   ("district", "string"), ("code", "string"), ("code_era", "string"),
                   ("current_province", "string"), ("n_mentions", "int64"), ("first_start", "int64"),
                   ("first_end", "int64")],
    "documents": [("article_id", "string"), ("kind", "string"), ("number", "string"), ("symbol", "string"),
                  ("system", "string"), ("issuer_code", "string"), ("issuer", "string"), ("issued", "string"),
                  ("subject", "string"), ("n_mentions", "int64")],
    "counts": [("article_id", "string"), ("value", "int64"), ("qualifier", "string"), ("unit", "string"),
               ("category", "string"), ("field", "string"), ("part_of", "int64"), ("of_total", "int64"),
               ("place", "string"), ("place_level", "string"), ("place_code", "string"), ("as_of", "string"),
               ("text", "string"), ("span_start", "int64"), ("span_end", "int64")],
    "figures": [("article_id", "string"), ("value", "double"), ("qualifier", "string"), ("unit", "string"),
                ("text", "string"), ("span_start", "int64"), ("span_end", "int64")],
    "officials": [("article_id", "string"), ("name", "string"), ("title", "string"), ("organization", "string"),
                  ("verb", "string"), ("quote_kind", "string"), ("quote", "string"), ("span_start", "int64"),
                  ("span_end", "int64")],
    "models": [("article_id", "string"), ("name", "string"), ("field", "string"), ("place", "string"),
               ("place_level", "string"), ("span_start", "int64"), ("span_end", "int64")],
    "checks": [("article_id", "string"), ("kind", "string"), ("total", "double"), ("parts", "string"),
               ("status", "string")],
}


def _place(p: dict | None) -> tuple[Any, Any, Any]:
    p = p or {}
    return p.get("name"), p.get("level"), p.get("code")


def rows_of(rec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The table rows of one record as ``(table, row)``."""
    aid = str(rec["id"])
    loc = rec.get("locality") or {}
    src = rec.get("source") or {}
    yield "articles", {"article_id": aid, "outlet": rec.get("outlet"), "title": rec.get("title"),
                       "published": rec.get("published"), "province": loc.get("province"),
                       "district": loc.get("district"), "commune": loc.get("commune"), "path": src.get("path"),
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
                                                                     "part_of", "of_total", "as_of", "text")},
                         "place": name, "place_level": level, "place_code": code,
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
        name, level, _ = _place(x.get("locality"))
        yield "models", {"article_id": aid, "name": x["name"], "field": x.get("field"), "place": name,
                         "place_level": level, "span_start": x["span"][0], "span_end": x["span"][1]}
    for x in rec.get("checks") or []:
        yield "checks", {"article_id": aid, "kind": x.get("kind"), "total": float(x.get("total") or 0),
                         "parts": json.dumps(x.get("parts"), ensure_ascii=False), "status": x.get("status")}


def read_records(paths: Iterable[str], bad: list[int] | None = None) -> Iterator[dict[str, Any]]:
    """Records (with ``id`` and ``text``) from JSONL files, ``.gz`` too; broken lines are logged.

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
                    yield rec


_ARROW = {"string": "string", "int64": "int64", "double": "float64", "bool": "bool_"}
_SQL = {"string": "VARCHAR", "int64": "BIGINT", "double": "DOUBLE", "bool": "BOOLEAN"}


def _arrow_schema(cols: list[tuple[str, str]]):
    import pyarrow as pa

    return pa.schema([(n, getattr(pa, _ARROW[t])()) for n, t in cols])


def write_tables(rows: Iterable[tuple[str, dict[str, Any]]], schemas: dict[str, list[tuple[str, str]]],
                 to: str, fmt: str | None = None, replace_file: bool = True) -> dict[str, int]:
    """Stream ``(table, row)`` pairs into a DuckDB file or a Parquet folder, in batches.

    Args:
        rows: the rows, any table order.
        schemas: columns of each table as ``(name, string|int64|double)``.
        to: a ``.duckdb``/``.db`` file, or a folder (Parquet: one file per table).
        fmt: ``duckdb`` or ``parquet``; by default from ``to``'s suffix.
        replace_file: a DuckDB file is recreated (True) or opened, its other tables kept
            and these replaced (False).

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
    arrow = {t: _arrow_schema(cols) for t, cols in schemas.items()}
    buffers: dict[str, list[dict[str, Any]]] = {t: [] for t in schemas}
    counts = dict.fromkeys(schemas, 0)
    if fmt == "duckdb":
        import duckdb

        if replace_file:
            Path(to).unlink(missing_ok=True)
        con = duckdb.connect(str(to))
        for t, cols in schemas.items():
            con.execute(f"DROP TABLE IF EXISTS {t}")
            con.execute(f"CREATE TABLE {t} ({', '.join(f'{n} {_SQL[ty]}' for n, ty in cols)})")

        def flush(table: str) -> None:
            batch = pa.Table.from_pylist(buffers[table], schema=arrow[table])  # noqa: F841 - read by SQL
            con.execute(f"INSERT INTO {table} SELECT * FROM batch")
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


def export(records: Iterable[dict[str, Any]], to: str, fmt: str | None = None) -> dict[str, int]:
    """Write the article tables of a stream of records to ``to`` (``.duckdb`` file, or a
    folder with ``fmt='parquet'``); returns the number of rows per table."""
    return write_tables((tr for rec in records for tr in rows_of(rec)), SCHEMAS, to, fmt)
