"""The rules of one run: every pattern file of one directory, loaded and validated once,
and the tables the stages compile from them, compiled once per :class:`Rules`.

A stage never keeps its compiled lexicons in a module-level cache: it asks the article's
rules for them (``doc.rules.compiled(compile_lexicon)``), so a second ``Rules`` built from
another directory (tests, experiments, a reloaded installation) gets tables of its own and
never a stale one. The pipeline builds one ``Rules`` before the first article
(:func:`extractor.pipeline.preload`) and hands it to every article's
:class:`~extractor.text.segment.ArticleText`, the way a spaCy ``Doc`` carries its ``Vocab``.
"""
from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from . import patterns
from .patterns import PatternError, PatternFile

T = TypeVar("T")


class Rules:
    """Pattern files of ``directory`` (validated: unique ids across files) and their tables."""

    def __init__(self, directory: Path | str | None = None):
        self.directory = Path(directory) if directory is not None else patterns.PATTERNS_DIR
        default = self.directory.resolve() == patterns.PATTERNS_DIR.resolve()
        paths = sorted(self.directory.glob("*.yaml"))
        if not paths:
            raise PatternError(f"E-PAT001 no pattern files in {self.directory}")
        # The default directory shares patterns.load's parsed files (tools and tests read
        # them too); any other directory is parsed afresh.
        files = [patterns.load(p.stem) if default else patterns.load_path(p) for p in paths]
        patterns.check_unique_across(files)
        self.files: dict[str, PatternFile] = {pf.path.stem: pf for pf in files}
        self._tables: dict[Callable[[Rules], object], object] = {}
        self._lock = threading.RLock()

    def file(self, name: str) -> PatternFile:
        """``patterns/<name>.yaml`` of this directory (PatternError if there is none)."""
        try:
            return self.files[name]
        except KeyError:
            raise PatternError(f"E-PAT001 no pattern file {name}.yaml in {self.directory}") from None

    def compiled(self, build: Callable[[Rules], T]) -> T:
        """The table ``build`` compiles from these rules, built on first use and kept.

        ``build`` is a module-level function of a field (its identity is the key), pure in
        the rules it reads. Thread-safe: Dask runs articles in threads of one process.
        """
        try:
            return self._tables[build]  # type: ignore[return-value]
        except KeyError:
            pass
        with self._lock:
            if build not in self._tables:
                self._tables[build] = build(self)
            return self._tables[build]  # type: ignore[return-value]

    def __repr__(self) -> str:
        return f"Rules({str(self.directory)!r}, {len(self.files)} files, {len(self._tables)} tables)"


@functools.cache
def default_rules() -> Rules:
    """The rules of the installation's ``patterns/`` directory, one per process."""
    return Rules()
