"""Issue 22: every ``rule`` the documents, counts, models and relevance stages write into a
record is the id of a rule in ``patterns/*.yaml``, on the seeds (corpus/) and on ../shared/dev."""
from __future__ import annotations

import pytest
from conftest import CORPUS, shared_path

from extractor.io.ingest import RawArticle, read_file
from extractor.pipeline import extract_article
from extractor.rules import default_rules

FIELDS = ("documents", "counts", "models")


def _yaml_ids() -> set[str]:
    return {r.id for pf in default_rules().files.values() for rules in pf.rules.values() for r in rules}


def _unknown(articles) -> dict[str, set[str]]:
    ids = _yaml_ids()
    out: dict[str, set[str]] = {}
    for raw in articles:
        rec = extract_article(raw)
        rules = [(f, item.rule) for f in FIELDS for item in getattr(rec, f)]
        if rec.about_movement is not None:
            rules.append(("relevance", rec.about_movement.rule))
        for f, rule in rules:
            if rule not in ids:
                out.setdefault(f, set()).add(rule)
    return out


def test_seed_records_name_yaml_rules():
    seeds = [RawArticle(id=p.stem, text=p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
    assert seeds
    assert _unknown(seeds) == {}


@pytest.mark.slow
def test_dev_records_name_yaml_rules():
    path = shared_path("dev", "passages.jsonl")
    articles = [a for a in read_file(str(path)) if isinstance(a, RawArticle)]
    assert len(articles) >= 50
    assert _unknown(articles) == {}
