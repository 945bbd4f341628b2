"""Corpus tables → the research dataset (DuckDB file or Parquet folder), beside ``dataset.py``'s tables.

Adds, or replaces, these tables (see ``docs/corpus.md`` for a query on each):

- ``clusters``: article_id, cluster_id, canonical_id — every article, its near-duplicate
  cluster and the cluster's canonical member
- ``facts``: fact_id, place, place_level, place_code, place_code_era, province,
  current_province, current_province_code, place_source, unit, category, field, level,
  is_target, as_of, as_of_source, value, qualifier, value_min, value_max, n_evidence,
  n_articles, n_clusters (independent reports: a copy is none), n_outlets,
  first_published, last_published, conflict, conflict_with (JSON list of fact ids)
- ``fact_evidence``: fact_id, article_id, cluster_id, outlet, published, value, qualifier,
  text, span_start, span_end
- ``fact_conflicts``: fact_a, value_a, articles_a, fact_b, value_b, articles_b, place,
  place_level, place_code, place_code_era, unit, category, field, as_of — both sides of
  each conflict
- ``document_citations``: doc_id, symbol, kind, system, issuer_code, issuer, issued, scope,
  scope_era (a provincial document's province is a unit of one era), subject, n_citations,
  n_articles, n_clusters, article_ids (JSON), first_cited, last_cited, date_conflict,
  other_issued (JSON)

A unit is ``(place_code, place_code_era)``: codes recur across the 2025 reform.
``current_province``/``current_province_code`` is the 2025 province a unit lies in (the
official old → new mapping), for series across the reform; a count of a pre-2025
province is a *part* of that province, not its total. ``as_of_source`` ``cluster``: the
count had no date and took the earliest date of its near-duplicate cluster. ``is_target``:
a planned number, not an achieved count.

The DuckDB file (or Parquet folder) is opened as it is: the article tables written by
``extractor export`` stay, and ``article_id`` joins them.
"""
from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from typing import Any

from .corpus import CorpusState, citation_rows, conflicts, current_province
from .dataset import write_tables

#: Rows held per table before a batch is written (as in dataset.py).
BATCH_ROWS = 20_000

CORPUS_SCHEMAS: dict[str, list[tuple[str, str]]] = {
    "clusters": [("article_id", "string"), ("cluster_id", "int64"), ("canonical_id", "string")],
    "facts": [("fact_id", "string"), ("place", "string"), ("place_level", "string"), ("place_code", "string"),
              ("place_code_era", "string"), ("province", "string"), ("current_province", "string"),
              ("current_province_code", "string"), ("place_source", "string"), ("unit", "string"),
              ("category", "string"), ("field", "string"), ("level", "string"), ("is_target", "bool"),
              ("as_of", "string"), ("as_of_source", "string"), ("value", "int64"),
              ("qualifier", "string"), ("value_min", "double"), ("value_max", "double"), ("n_evidence", "int64"),
              ("n_articles", "int64"), ("n_clusters", "int64"), ("n_outlets", "int64"),
              ("first_published", "string"), ("last_published", "string"), ("conflict", "bool"),
              ("conflict_with", "string")],
    "fact_evidence": [("fact_id", "string"), ("article_id", "string"), ("cluster_id", "int64"),
                      ("outlet", "string"), ("published", "string"), ("value", "int64"), ("qualifier", "string"),
                      ("text", "string"), ("span_start", "int64"), ("span_end", "int64")],
    "fact_conflicts": [("fact_a", "string"), ("value_a", "string"), ("articles_a", "string"),
                       ("fact_b", "string"), ("value_b", "string"), ("articles_b", "string"),
                       ("place", "string"), ("place_level", "string"), ("place_code", "string"),
                       ("place_code_era", "string"), ("unit", "string"), ("category", "string"),
                       ("field", "string"), ("as_of", "string")],
    "document_citations": [("doc_id", "string"), ("symbol", "string"), ("kind", "string"), ("system", "string"),
                           ("issuer_code", "string"), ("issuer", "string"), ("issued", "string"),
                           ("scope", "string"), ("scope_era", "string"), ("subject", "string"),
                           ("n_citations", "int64"),
                           ("n_articles", "int64"), ("n_clusters", "int64"), ("article_ids", "string"),
                           ("first_cited", "string"), ("last_cited", "string"), ("date_conflict", "bool"),
                           ("other_issued", "string")],
}


def corpus_rows(state: CorpusState) -> Iterator[tuple[str, dict[str, Any]]]:
    """The rows of the corpus tables as ``(table, row)``."""
    cluster_of = {}
    for aid, cid, canon in state.clusters():
        cluster_of[aid] = cid
        yield "clusters", {"article_id": aid, "cluster_id": cid, "canonical_id": canon}
    facts = state.facts()
    for f in facts:
        evs = f.evidence
        arts = {e["article_id"] for e in evs}
        pubs = sorted(e["published"] for e in evs if e["published"])
        e0 = f.first
        code = next((e["place_code"] for e in evs if e["place_code"]), None)
        cur = current_province(e0["place"], e0["place_level"], code, e0["place_era"])
        yield "facts", {
            "fact_id": f.fact_id, "place": e0["place"], "place_level": e0["place_level"],
            "place_code": code, "place_code_era": e0["place_era"],
            "province": e0["province"], "current_province": cur[0], "current_province_code": cur[1],
            "place_source": e0["place_source"], "unit": f.key[1],
            "category": f.key[2], "field": e0.get("field"), "level": e0.get("level"), "is_target": f.is_target,
            "as_of": f.key[4] or None,
            "as_of_source": e0["as_of_source"], "value": f.value, "qualifier": f.qualifier,
            "value_min": float(f.lo), "value_max": None if f.hi == math.inf else float(f.hi),
            "n_evidence": len(evs), "n_articles": len(arts),
            "n_clusters": f.independent,
            "n_outlets": len({e["outlet"] for e in evs if e["outlet"]}),
            "first_published": pubs[0] if pubs else None, "last_published": pubs[-1] if pubs else None,
            "conflict": bool(f.conflict_with), "conflict_with": json.dumps(f.conflict_with)}
        for e in evs:
            yield "fact_evidence", {"fact_id": f.fact_id, "article_id": e["article_id"],
                                    "cluster_id": cluster_of.get(e["article_id"]), "outlet": e["outlet"],
                                    "published": e["published"], "value": e["value"], "qualifier": e["qualifier"],
                                    "text": e["text"], "span_start": e["span"][0], "span_end": e["span"][1]}
    for a, b in conflicts(facts):
        e0 = a.first
        yield "fact_conflicts", {
            "fact_a": a.fact_id, "value_a": a.label(),
            "articles_a": json.dumps(sorted({e["article_id"] for e in a.evidence}), ensure_ascii=False),
            "fact_b": b.fact_id, "value_b": b.label(),
            "articles_b": json.dumps(sorted({e["article_id"] for e in b.evidence}), ensure_ascii=False),
            "place": e0["place"], "place_level": e0["place_level"],
            "place_code": next((e["place_code"] for e in a.evidence if e["place_code"]), None),
            "place_code_era": e0["place_era"], "unit": a.key[1], "category": a.key[2],
            "field": e0.get("field"), "as_of": a.key[4] or None}
    for r in citation_rows(state.citations, cluster_of):
        yield "document_citations", {**r, "article_ids": json.dumps(r["article_ids"], ensure_ascii=False),
                                     "other_issued": json.dumps(r["other_issued"])}


def export_corpus_tables(state_dir: str | os.PathLike | CorpusState, to: str, fmt: str | None = None,
                         ) -> dict[str, int]:
    """Write the corpus tables of a state into a DuckDB file or a Parquet folder.

    Args:
        state_dir: a state folder (``extractor dedup --state``) or a loaded :class:`CorpusState`.
        to: ``.duckdb``/``.db`` file (opened, not replaced: its other tables stay; the corpus
            tables are derived from the whole state, so they are rewritten) or a folder.
        fmt: ``duckdb`` or ``parquet``; by default from ``to``'s suffix.

    Returns:
        rows written per table.
    """
    state = state_dir if isinstance(state_dir, CorpusState) else CorpusState.load(state_dir)
    return write_tables(corpus_rows(state), CORPUS_SCHEMAS, str(to), fmt, existing="replace")
