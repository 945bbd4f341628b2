"""Shared fixtures. Tests never use the network; ../shared is read where present."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
#: Tests of the slow lane, by measured duration (scripts/slow_tests.py writes it): one
#: pytest node id a line, a test function (every parameter of it) or a whole test file.
SLOW_TESTS = ROOT / "tests" / "data" / "slow_tests.txt"


def slow_entries(path: Path = SLOW_TESTS) -> set[str]:
    """The node ids, functions and files listed in ``path`` (``#`` comments, blank lines skipped)."""
    if not path.is_file():
        return set()
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line}


def is_listed(nodeid: str, entries: set[str]) -> bool:
    """Whether a test's node id is listed: itself, its function (parameters cut) or its file.

    >>> is_listed("tests/test_a.py::test_b[x-1]", {"tests/test_a.py::test_b"})
    True
    >>> is_listed("tests/test_a.py::test_c", {"tests/test_a.py::test_b", "tests/test_z.py"})
    False
    """
    return nodeid in entries or nodeid.split("[", 1)[0] in entries or nodeid.split("::", 1)[0] in entries


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the listed tests ``slow``: ``pytest -m "not slow"`` is the fast lane, ``pytest`` runs all."""
    entries = slow_entries()
    for item in items:
        if is_listed(item.nodeid, entries):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))}


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not present")
    return p


def match_counts(golds: list[dict], preds: list, key, same=lambda a, b: a == b) -> tuple[int, int, int]:
    """(tp, fp, fn) of one article as score.py counts them: one-to-one matches, required gold
    items first; an optional gold item is neither missed when absent nor spurious when found."""
    tp = fn = 0
    used: set[int] = set()
    for g in sorted(golds, key=lambda g: bool(g.get("optional"))):
        k = key(g)
        hit = next((i for i, x in enumerate(preds) if i not in used and same(x, k)), None)
        if hit is not None:
            used.add(hit)
            tp += not g.get("optional")
        elif not g.get("optional"):
            fn += 1
    return tp, len(preds) - len(used), fn


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def dev_value_f1(field: str) -> float:
    """F1 of ``counts`` or ``figures`` on the dev passages, matched by value as score.py does."""
    from extractor.io.ingest import RawArticle
    from extractor.pipeline import extract_article

    passages = shared_path("dev", "passages.jsonl")
    gold_dir = shared_path("dev", "gold")
    total = [0, 0, 0]
    for line in passages.read_text(encoding="utf-8").splitlines():
        p = json.loads(line)
        gold = json.loads((gold_dir / f"{p['id']}.json").read_text(encoding="utf-8")).get(field, [])
        article = extract_article(RawArticle(id=p["id"], text=p["text"], url=p.get("url")), fields=[field])
        preds = [float(x.value) for x in getattr(article, field)]
        got = match_counts(gold, preds, key=lambda g: float(g["value"]),
                           same=lambda x, v: abs(x - v) <= 1e-6 * max(1.0, abs(v)))
        total = [a + b for a, b in zip(total, got)]
    return f1(*total)
