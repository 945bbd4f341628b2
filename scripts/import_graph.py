"""The import graph of the ``extractor`` package, read with ``ast`` (no module is imported).

    python scripts/import_graph.py            # rooms and the arrows between them, then circles
    python scripts/import_graph.py --modules  # module → module arrows

Every ``import``/``from … import`` counts, the ones inside functions too (a lazy import is
still a dependency). ``tests/test_architecture.py`` checks the floors of
``docs/architecture.md`` with :func:`module_graph`.
"""
from __future__ import annotations

import argparse
import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "extractor"


def module_name(path: Path, root: Path = PACKAGE) -> str:
    """``extractor/research/check/report.py`` → ``extractor.research.check.report``."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(node: ast.ImportFrom, here: str, is_package: bool) -> str:
    base = here.split(".") if is_package else here.split(".")[:-1]
    if node.level:
        base = base[: len(base) - node.level + 1]
        return ".".join(base + ([node.module] if node.module else []))
    return node.module or ""


def module_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Module → the package's modules it imports (names that are modules, else their package)."""
    paths = sorted(root.rglob("*.py"))
    names = {module_name(p, root) for p in paths}
    graph: dict[str, set[str]] = {}
    for path in paths:
        here = module_name(path, root)
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                cands = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                mod = _resolve(node, here, path.name == "__init__.py")
                cands = [f"{mod}.{a.name}" if f"{mod}.{a.name}" in names else mod for a in node.names]
            else:
                continue
            for cand in cands:
                while cand and cand not in names:
                    cand = cand.rpartition(".")[0]
                if cand and cand != here:
                    targets.add(cand)
        graph[here] = targets
    return graph


def room_of(module: str) -> str:
    """The room of a module: its folder under ``extractor`` (``research.check``), or the module itself."""
    parts = module.split(".")[1:]
    if not parts:
        return "extractor"
    if parts[0] == "research" and len(parts) > 2:
        return ".".join(parts[:2])
    return parts[0]


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one member (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def room_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Room → rooms it imports (arrows inside one room left out)."""
    rooms: dict[str, set[str]] = defaultdict(set)
    for src, targets in graph.items():
        rooms[room_of(src)]
        for t in targets:
            if room_of(t) != room_of(src):
                rooms[room_of(src)].add(room_of(t))
    return dict(rooms)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--modules", action="store_true", help="module arrows instead of rooms")
    args = p.parse_args(argv)
    graph = module_graph()
    shown = graph if args.modules else room_graph(graph)
    for src in sorted(shown):
        print(f"{src} → {', '.join(sorted(shown[src])) or '-'}")
    found = circles(graph)
    print(f"circles (modules): {len(found)}")
    for comp in found:
        print("  " + " ↔ ".join(comp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
