"""The corpus state: a folder of append-only files over which clusters, facts and citations are kept.
"""
from __future__ import annotations

import contextlib
import gc
import json
import logging
import os
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..records import published_of as _published
from . import DEFAULT_THRESHOLD
from .citations import citation_evidence, citation_rows
from .facts import Fact, count_evidence, merge_facts
from .minhash import _EMPTY, NUM_PERM, SEED, SHINGLE_SIZE, BandIndex, Sketcher, shingles

log = logging.getLogger(__name__)


#: Bump when the files of a state folder change meaning; an older state must be rebuilt.
STATE_VERSION = 2  # 2: no pickled index; eras in place keys

_META = "meta.json"
#: The only file names ``meta.json`` may give: the union-find array of one save.
_PARENT_NAME = re.compile(r"^parent-\d+-\d+\.npy$")
_APPEND_FILES = ("articles.jsonl", "signatures.u32", "counts.jsonl", "citations.jsonl")


class StateError(ValueError):
    """A state folder that cannot be used (wrong version, other settings, damaged)."""


# --------------------------------------------------------------------------- state

@dataclass
class UpdateStats:
    """What one :meth:`CorpusState.add` did."""

    added: int = 0
    skipped_known: int = 0
    skipped_bad: int = 0
    no_words: int = 0
    merges: int = 0
    counts: int = 0
    unplaced_counts: int = 0
    citations: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        return (f"{self.added} articles added ({self.skipped_known} already in the state, {self.skipped_bad} "
                f"unreadable), {self.merges} cluster merges, {self.counts} counts "
                f"({self.unplaced_counts} without a place), {self.citations} citations in {self.seconds:.1f}s")


class CorpusState:
    """Clusters, count evidence and citations of a corpus, kept in a folder and updated in place.

    Args:
        threshold: estimated Jaccard similarity from which two articles are one cluster.
        num_perm: MinHash permutations.
        shingle_size: syllables per shingle.
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM,
                 shingle_size: int = SHINGLE_SIZE) -> None:
        if not 0.0 < threshold <= 1.0:
            raise StateError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold, self.num_perm, self.shingle_size = threshold, num_perm, shingle_size
        self.sketcher = Sketcher(num_perm)
        self.bands = BandIndex(threshold, num_perm)
        self.ids: list[str] = []
        self.index: dict[str, int] = {}
        self.articles: list[dict[str, Any]] = []  # id, published, length, outlet, province
        self.parent: list[int] = []
        self._sig_blocks: list[np.ndarray] = [np.zeros((0, num_perm), np.uint32)]
        self._new_sigs: list[np.ndarray] = []
        self.evidence: list[dict[str, Any]] = []
        self.citations: list[dict[str, Any]] = []
        self._saved = {"articles": 0, "evidence": 0, "citations": 0}

    # -- union-find ------------------------------------------------------------
    def find(self, i: int) -> int:
        """Root of an article's cluster (the cluster's first-added member)."""
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def _union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True

    def signature(self, i: int) -> np.ndarray:
        """The stored MinHash of article ``i``."""
        base = self._sig_blocks[0]
        return base[i] if i < len(base) else self._new_sigs[i - len(base)]

    # -- adding ----------------------------------------------------------------
    def add(self, records: Iterable[dict[str, Any]], sketches: Iterable[np.ndarray | None] | None = None,
            ) -> UpdateStats:
        """Add records (articles not yet in the state); old articles are not touched again.

        Args:
            records: article records (``id``, ``text``; ``published``/``date``, ``counts``,
                ``documents``, ``locality``, ``outlet`` where present).
            sketches: precomputed signatures in record order (:meth:`sketch`; None for no
                words), so that a benchmark can sweep the threshold without sketching again.
        """
        t0 = time.perf_counter()
        st = UpdateStats()
        sketch_iter = iter(sketches) if sketches is not None else None
        with _gc_paused():
            self._add(records, sketch_iter, st)
        st.seconds = time.perf_counter() - t0
        return st

    def _add(self, records: Iterable[dict[str, Any]], sketch_iter: Iterator | None, st: UpdateStats) -> None:
        for rec in records:
            pre = next(sketch_iter) if sketch_iter is not None else False
            try:
                aid, text = str(rec["id"]), rec["text"]
                if not isinstance(text, str):
                    raise TypeError("text is not a string")
            except (KeyError, TypeError) as exc:
                log.warning("record skipped (%s): %.80r", exc, rec)
                st.skipped_bad += 1
                continue
            if aid in self.index:
                st.skipped_known += 1
                continue
            i = len(self.ids)
            self.ids.append(aid)
            self.index[aid] = i
            self.parent.append(i)
            self.articles.append({"id": aid, "published": _published(rec), "length": len(text),
                                  "outlet": rec.get("outlet"),
                                  "province": (rec.get("locality") or {}).get("province")})
            sig = self.sketch(text) if pre is False else pre
            self._new_sigs.append(sig if sig is not None else np.full(self.num_perm, _EMPTY, np.uint32))
            if sig is not None:
                for j in sorted(self.bands.query(sig)):
                    if float(np.mean(self.signature(j) == sig)) >= self.threshold and self._union(i, j):
                        st.merges += 1
                self.bands.insert(i, sig)
            else:  # an empty sketch would match every other empty one
                st.no_words += 1
            ev, unplaced = count_evidence(rec)
            self.evidence.extend(ev)
            st.counts += len(ev)
            st.unplaced_counts += unplaced
            cites = citation_evidence(rec)
            self.citations.extend(cites)
            st.citations += len(cites)
            st.added += 1

    def sketch(self, text: str) -> np.ndarray | None:
        """The MinHash signature of a text, None when it has no words."""
        sh = shingles(text, self.shingle_size)
        return self.sketcher.signature(sh) if sh else None

    # -- derived tables --------------------------------------------------------
    def clusters(self) -> list[tuple[str, int, str]]:
        """``(article_id, cluster_id, canonical_id)`` for every article, in the order added.

        ``cluster_id`` is the index of the cluster's first-added member; the canonical member
        is the earliest published, else the longest text, else the first added.
        """
        roots = [self.find(i) for i in range(len(self.ids))]
        best: dict[int, int] = {}
        for i, r in enumerate(roots):
            if r not in best or self._canon_key(i) < self._canon_key(best[r]):
                best[r] = i
        return [(self.ids[i], r, self.ids[best[r]]) for i, r in enumerate(roots)]

    def _canon_key(self, i: int) -> tuple:
        a = self.articles[i]
        return (a["published"] is None, a["published"] or "", -a["length"], i)

    def cluster_of(self) -> dict[str, int]:
        """Article id → cluster id."""
        return {aid: cid for aid, cid, _ in self.clusters()}

    def cluster_sizes(self) -> Counter:
        """Cluster id → number of members."""
        return Counter(self.find(i) for i in range(len(self.ids)))

    def facts(self) -> list[Fact]:
        """The merged facts of all count evidence (:func:`merge_facts`), copies merged by cluster."""
        roots = [self.find(i) for i in range(len(self.ids))]
        first: dict[int, str] = {}
        for i, r in enumerate(roots):
            p = self.articles[i]["published"]
            if p and (r not in first or p < first[r]):
                first[r] = p
        return merge_facts(self.evidence, {aid: (r, first.get(r)) for aid, r in zip(self.ids, roots, strict=True)})

    def citation_rows(self) -> list[dict[str, Any]]:
        """The document citation rows (:func:`citation_rows`)."""
        return citation_rows(self.citations, self.cluster_of())

    # -- persistence -------------------------------------------------------------
    def save(self, folder: str | os.PathLike) -> None:
        """Append what is new to the state folder; ``meta.json`` is replaced last.

        A crash before the meta is written leaves the previous state intact: the bytes
        appended after the sizes it records are cut off at the next load or save.
        """
        d = Path(folder)
        d.mkdir(parents=True, exist_ok=True)
        meta = _read_meta(d) if (d / _META).exists() else {"sizes": dict.fromkeys(_APPEND_FILES, 0)}
        old = _state_file(d, meta["parent"]) if meta.get("parent") else None
        for name in _APPEND_FILES:
            _state_file(d, name, parent=False)
        sizes = meta["sizes"]
        n_old = self._saved["articles"]
        new_parts = {
            "articles.jsonl": "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in self.articles[n_old:]),
            "signatures.u32": np.ascontiguousarray(np.array(self._new_sigs, dtype=np.uint32).reshape(
                -1, self.num_perm)).tobytes(),
            "counts.jsonl": "".join(json.dumps(e, ensure_ascii=False) + "\n"
                                    for e in self.evidence[self._saved["evidence"]:]),
            "citations.jsonl": "".join(json.dumps(c, ensure_ascii=False) + "\n"
                                       for c in self.citations[self._saved["citations"]:]),
        }
        for name, payload in new_parts.items():
            data = payload.encode("utf-8") if isinstance(payload, str) else payload
            with open(d / name, "ab") as fh:
                fh.truncate(sizes.get(name, 0))
                fh.seek(0, os.SEEK_END)
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            sizes[name] = sizes.get(name, 0) + len(data)
        n, stamp = len(self.ids), time.time_ns()
        parent_name = f"parent-{n}-{stamp}.npy"
        with open(d / parent_name, "xb") as fh:  # a new file: never through a planted link
            np.save(fh, np.array([self.find(i) for i in range(n)], dtype=np.int64))
        new_meta = {"version": STATE_VERSION, "threshold": self.threshold, "num_perm": self.num_perm,
                    "shingle_size": self.shingle_size, "seed": SEED, "n_articles": n,
                    "n_evidence": len(self.evidence), "n_citations": len(self.citations),
                    "parent": parent_name, "sizes": sizes}
        tmp = d / (_META + ".tmp")
        tmp.unlink(missing_ok=True)  # a link left there is removed, not written through
        with open(tmp, "x", encoding="utf-8") as fh:
            fh.write(json.dumps(new_meta, indent=1))
        os.replace(tmp, d / _META)
        if old is not None and old.name != parent_name:
            old.unlink(missing_ok=True)
        self._saved = {"articles": len(self.ids), "evidence": len(self.evidence), "citations": len(self.citations)}
        if self._new_sigs:
            self._sig_blocks = [np.concatenate([self._sig_blocks[0], np.array(self._new_sigs, np.uint32)])]
            self._new_sigs = []

    @classmethod
    def load(cls, folder: str | os.PathLike, threshold: float | None = None) -> CorpusState:
        """Open a state folder; the LSH index is rebuilt from the stored signatures.

        Nothing in the folder is executed: the files are JSON lines, raw uint32 signatures
        and one numpy array read without pickle; ``meta.json`` can name only a union-find
        array inside the folder.

        Raises:
            StateError: the folder is not a state, is of another version, or ``threshold``
                differs from the one it was built with.
        """
        d = Path(folder)
        meta = _read_meta(d)
        if meta.get("version") != STATE_VERSION:
            raise StateError(f"{d}: state version {meta.get('version')} (this extractor writes {STATE_VERSION}); "
                             "rebuild it from the records")
        if threshold is not None and abs(threshold - meta["threshold"]) > 1e-9:
            raise StateError(f"{d}: built with threshold {meta['threshold']}, not {threshold}; "
                             "rebuild it to change the threshold")
        st = cls(meta["threshold"], meta["num_perm"], meta["shingle_size"])
        sizes, n = meta["sizes"], meta["n_articles"]
        for name in _APPEND_FILES:
            _state_file(d, name, parent=False)
        st.articles = _read_jsonl(d / "articles.jsonl", sizes["articles.jsonl"])
        sig_bytes = sizes["signatures.u32"]
        sigs = np.fromfile(d / "signatures.u32", dtype=np.uint32, count=sig_bytes // 4).reshape(-1, st.num_perm)
        try:
            parent = np.load(_state_file(d, meta.get("parent")), allow_pickle=False).tolist()
        except (OSError, ValueError) as exc:
            raise StateError(f"{d}: unreadable union-find array ({exc}); rebuild the state") from exc
        if not (len(st.articles) == len(sigs) == len(parent) == n):
            raise StateError(f"{d}: damaged state ({len(st.articles)} articles, {len(sigs)} signatures, "
                             f"{len(parent)} parents, meta says {n})")
        st.ids = [a["id"] for a in st.articles]
        st.index = {aid: i for i, aid in enumerate(st.ids)}
        st.parent = parent
        st._sig_blocks = [sigs]
        st.bands = BandIndex(st.threshold, st.num_perm, sigs, skip=(sigs == _EMPTY).all(axis=1))
        st.evidence = _read_jsonl(d / "counts.jsonl", sizes["counts.jsonl"])
        st.citations = _read_jsonl(d / "citations.jsonl", sizes["citations.jsonl"])
        st._saved = {"articles": n, "evidence": len(st.evidence), "citations": len(st.citations)}
        return st


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while millions of long-lived index entries are made.

    The index holds no reference cycles; without the pause, CPython's full collections
    walk the growing index again and again (loading the bulk state took 5x longer).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _state_file(d: Path, name: Any, parent: bool = True) -> Path:
    """A file of the state: one of its append files, or a union-find array named by ``meta.json``;
    inside the folder, and no symbolic link (a save writes and deletes only its own files).

    Raises:
        StateError: any other name (a path, ``..``, another kind of file) or a link.
    """
    ok = _PARENT_NAME.match(name) if parent and isinstance(name, str) else name in _APPEND_FILES
    if not ok:
        raise StateError(f"{d}: {_META} names {name!r}, not a file of a corpus state; rebuild the state")
    path = d / name
    if path.is_symlink():
        raise StateError(f"{d}: {name} is a symbolic link; a state folder holds its own files only")
    return path


def _read_meta(d: Path) -> dict[str, Any]:
    try:
        meta = json.loads((d / _META).read_text(encoding="utf-8"))
        sizes = meta["sizes"]
        if set(sizes) != set(_APPEND_FILES) or not all(
                isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in sizes.values()):
            raise ValueError(f"sizes must give byte counts of {', '.join(_APPEND_FILES)} only")
        return meta
    except FileNotFoundError as exc:
        raise StateError(f"{d}: not a corpus state (no {_META})") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise StateError(f"{d}: unreadable {_META}: {exc}") from exc


def _read_jsonl(path: Path, size: int) -> list[dict[str, Any]]:
    if size == 0:
        return []
    with open(path, "rb") as fh:
        data = fh.read(size)
    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]


def open_state(folder: str | os.PathLike, threshold: float | None = None) -> CorpusState:
    """The state in ``folder``, or a new empty one when the folder holds none."""
    if (Path(folder) / _META).exists():
        return CorpusState.load(folder, threshold)
    return CorpusState(threshold if threshold is not None else DEFAULT_THRESHOLD)
