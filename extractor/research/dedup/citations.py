"""Document citations of records, one row per distinct document with the articles citing it.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any, NamedTuple

from ...gazetteer import ERA_2025, PRE2025
from ...rules import Rules, default_rules
from ...text.chars import alt
from ..records import REORG_DATE, unit_era
from ..records import published_of as _published
from .facts import _fact_id


class CentralIssuers(NamedTuple):
    """Issuer codes of central bodies (patterns/documents.yaml ``central_issuers``): a sign
    with one of these names one document nationwide. Every other code (TU, HU, UBND …) is
    issued again in every province, so its documents are told apart by the citing article's
    province (``scope``): 05-CT/TU of Bắc Kạn is not 05-CT/TU of Nghệ An."""

    codes: frozenset[str]
    pattern: re.Pattern[str]

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and (code in self.codes or bool(self.pattern.search(code)))


def compile_central(rules: Rules) -> CentralIssuers:
    """The central issuer codes of ``rules`` (documents.yaml ``central_issuers``)."""
    table = rules.file("documents").table("central_issuers")
    return CentralIssuers(frozenset(table["codes"]), re.compile(alt(table["code_patterns"], escape=False,
                                                                    what="central issuer code patterns")))


def _scope(issuer_code: str | None, province: str | None) -> str | None:
    codes = (issuer_code or "").split("-")
    central = default_rules().compiled(compile_central)
    if codes and all(c in central for c in codes if c) and any(codes):
        return None
    return province


def _scope_era(scope: str | None, issued: str | None, article_era: str | None) -> str | None:
    """The era of a provincial document's province: by its issue date, else the citing
    article's (the Tỉnh ủy Bắc Ninh of 2024 is not the one of 2026)."""
    if scope is None:
        return None
    if issued:
        return ERA_2025 if str(issued)[:10] >= REORG_DATE else PRE2025
    return article_era


def citation_evidence(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """One citation per distinct signed document of a record (documents without a sign are skipped)."""
    out, seen = [], set()
    aid = str(rec["id"])
    loc = rec.get("locality") or {}
    province = loc.get("province")
    province_era = unit_era(rec, province, "province", loc.get("province_code")) if province else None
    for d in rec.get("documents") or []:
        symbol = d.get("symbol")
        if not symbol:
            continue
        key = (symbol, d.get("issued"))
        if key in seen:
            continue
        scope = _scope(d.get("issuer_code"), province)
        seen.add(key)
        out.append({"article_id": aid, "published": _published(rec), "outlet": rec.get("outlet"),
                    "symbol": symbol, "kind": d.get("kind"), "system": d.get("system"),
                    "issuer_code": d.get("issuer_code"), "issuer": d.get("issuer"), "issued": d.get("issued"),
                    "subject": d.get("subject"), "scope": scope,
                    "scope_era": _scope_era(scope, d.get("issued"), province_era)})
    return out


# --------------------------------------------------------------------------- citations

def citation_rows(citations: Iterable[dict[str, Any]], cluster_of: dict[str, int] | None = None,
                  ) -> list[dict[str, Any]]:
    """One row per distinct document (sign, scope and its era, issue date) with its citing articles.

    A citation without an issue date joins the document's only dated row; with none or
    several dated rows it stays in a row of its own (issued null). Several issue dates for
    one sign and scope flag every row of it (``date_conflict``, ``other_issued``).
    """
    cluster_of = cluster_of or {}
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for c in citations:
        era = (c.get("scope_era") or PRE2025) if c["scope"] else ""  # a 2025 province is a unit of its own
        groups[(c["symbol"], c["scope"] or "", era)].append(c)
    rows = []
    for (symbol, scope, era), cites in sorted(groups.items()):
        dates = sorted({c["issued"] for c in cites if c["issued"]})
        by_date: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
        for c in cites:
            by_date[c["issued"] or (dates[0] if len(dates) == 1 else None)].append(c)
        for issued, cs in sorted(by_date.items(), key=lambda kv: kv[0] or ""):
            arts = sorted({c["article_id"] for c in cs})
            pubs = sorted(c["published"] for c in cs if c["published"])

            def common(k: str, cs: list[dict[str, Any]] = cs) -> Any:
                vals = Counter(c[k] for c in cs if c[k])
                return min(vals, key=lambda v: (-vals[v], v)) if vals else None

            rows.append({
                "doc_id": _fact_id((symbol, scope) if era != ERA_2025 else (symbol, scope, era),
                                   issued).replace("f", "d", 1),
                "symbol": symbol, "kind": common("kind"), "system": common("system"),
                "issuer_code": common("issuer_code"), "issuer": common("issuer"), "issued": issued,
                "scope": scope or None, "scope_era": era or None, "subject": common("subject"),
                "n_citations": len(cs), "n_articles": len(arts),
                "n_clusters": len({cluster_of.get(a, a) for a in arts}),
                "article_ids": arts, "first_cited": pubs[0] if pubs else None,
                "last_cited": pubs[-1] if pubs else None,
                "date_conflict": len(dates) > 1, "other_issued": [d for d in dates if d != issued],
            })
    return rows
