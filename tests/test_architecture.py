"""The floors of ``docs/architecture.md``: every import runs down the floors, no import circle.

The imports are read with ``ast`` (``scripts/import_graph.py``), the ones inside functions
too: a lazy import is still a dependency.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_SPEC = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts" / "import_graph.py")
graph_mod = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(graph_mod)

#: Floors, top first, and the module prefixes on each (the longest prefix wins).
FLOORS: dict[str, tuple[str, ...]] = {
    "faces": ("extractor", "extractor.__main__", "extractor.cli", "extractor.integrations"),
    "run": ("extractor.api", "extractor.bound", "extractor.run"),
    "research": ("extractor.research",),
    "pipeline": ("extractor.pipeline",),
    "fields": ("extractor.fields",),
    "text": ("extractor.text", "extractor.gazetteer"),
    "data": ("extractor.record", "extractor.settings", "extractor.patterns", "extractor.rules", "extractor.io"),
}
#: The floors each floor may import (its own included). Research is a wing over records:
#: it reads the record, the gazetteer and text normalisation, never the pipeline.
ALLOWED: dict[str, set[str]] = {
    "faces": set(FLOORS),
    "run": {"run", "pipeline", "fields", "text", "data"},
    "research": {"research", "text", "data"},
    "pipeline": {"pipeline", "fields", "text", "data"},
    "fields": {"fields", "text", "data"},
    "text": {"text", "data"},
    "data": {"data"},
}
#: Module circles older than the floors test: any other circle fails (none is left).
KNOWN_CIRCLES: list[list[str]] = []
#: The shared modules of the research wing; every other research module is in a room.
RESEARCH_SHARED = {"extractor.research", "extractor.research.records", "extractor.research.qualifiers",
                   "extractor.research.render", "extractor.research.dataset"}
MAX_LINES = 700


def floor_of(module: str) -> str:
    best = max(((p, f) for f, ps in FLOORS.items() for p in ps if module == p or module.startswith(p + ".")),
               key=lambda pf: len(pf[0]), default=None)
    if best is None:
        raise AssertionError(f"{module} is on no floor: add it to FLOORS and docs/architecture.md")
    return best[1]


def upward(graph: dict[str, set[str]]) -> list[str]:
    """Every import that runs up the floors (or sideways out of research), as ``a (floor) → b (floor)``."""
    bad = []
    for src, targets in sorted(graph.items()):
        for t in sorted(targets):
            if floor_of(t) not in ALLOWED[floor_of(src)]:
                bad.append(f"{src} ({floor_of(src)}) → {t} ({floor_of(t)})")
    return bad


def research_room(module: str) -> str | None:
    if module in RESEARCH_SHARED or not module.startswith("extractor.research."):
        return None
    return ".".join(module.split(".")[:3])


def cross_room(graph: dict[str, set[str]]) -> list[str]:
    """Imports from one research room into another, or from a shared module into a room."""
    bad = []
    for src, targets in sorted(graph.items()):
        if not src.startswith("extractor.research"):
            continue
        for t in sorted(targets):
            if research_room(t) and research_room(t) != research_room(src):
                bad.append(f"{src} → {t}")
    return bad


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return graph_mod.module_graph()


def test_every_import_runs_down_the_floors(graph):
    assert upward(graph) == []


def test_research_rooms_do_not_import_each_other(graph):
    assert cross_room(graph) == []


def test_no_new_import_circle(graph):
    assert [c for c in graph_mod.circles(graph) if c not in KNOWN_CIRCLES] == []


def test_every_module_is_small():
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
             for p in (ROOT / "extractor").rglob("*.py")}
    assert {p: n for p, n in sizes.items() if n >= MAX_LINES} == {}


FAKE = {  # a package whose text imports the pipeline, and two research rooms in a circle
    "__init__.py": "",
    "pipeline.py": "from .text import clean\n",
    "text/__init__.py": "",
    "text/clean.py": "def f():\n    from ..pipeline import run\n",
    "research/__init__.py": "",
    "research/records.py": "",
    "research/a/__init__.py": "",
    "research/a/x.py": "from ..b import y\nfrom ..records import read\n",
    "research/b/__init__.py": "",
    "research/b/y.py": "from ..a.x import z\n",
}


def test_the_checks_find_what_they_forbid(tmp_path):
    pkg = tmp_path / "extractor"
    for name, text in FAKE.items():
        (pkg / name).parent.mkdir(parents=True, exist_ok=True)
        (pkg / name).write_text(text, encoding="utf-8")
    g = graph_mod.module_graph(pkg)
    assert upward(g) == ["extractor.text.clean (text) → extractor.pipeline (pipeline)"]
    assert cross_room(g) == ["extractor.research.a.x → extractor.research.b.y",
                             "extractor.research.b.y → extractor.research.a.x"]
    assert graph_mod.circles(g) == [["extractor.pipeline", "extractor.text.clean"],
                                    ["extractor.research.a.x", "extractor.research.b.y"]]


ROOMS = [
    ("extractor.research.check.report", "research.check"),
    ("extractor.research.dedup.state", "research.dedup"),
    ("extractor.research.records", "research"),
    ("extractor.run.pool", "run"),
    ("extractor.cli", "cli"),
    ("extractor", "extractor"),
]


@pytest.mark.parametrize(("module", "room"), ROOMS)
def test_room_of(module, room):
    assert graph_mod.room_of(module) == room
