"""One corpus, one dataset: near-duplicate clusters, merged count facts, document citations, series.

A province's press repeats itself: the provincial paper, the party site and aggregators run
the same article, and the same figure or directive is reported again and again. This module
keeps a persistent *corpus state* over records (``extractor extract`` output) that knows which
reports are one:

1. **Clusters** — every article's text is cut into word shingles (:data:`SHINGLE_SIZE`
   syllables), sketched with a datasketch ``MinHash`` and looked up in a ``MinHashLSH``
   index; a candidate whose estimated Jaccard similarity reaches the threshold joins the
   article's cluster (union-find). Each cluster has a canonical member: the earliest
   published, else the longest text.
2. **Facts** — every count becomes evidence keyed by place (code, else normalised name and
   level), counted thing, category, field and period (``as_of``, else the article's date);
   evidence with compatible values (exact 2011 and ``hơn 2.000``) merges into one fact,
   incompatible values (2011 and 1980) stay apart and are flagged as a conflict naming both.
3. **Citations** — every numbered document with a sign is one citation; one row per distinct
   document (sign, scope, issue date) with the articles citing it and the first and last
   citation dates; one sign cited with different issue dates is flagged.
4. **Series** — the facts of one place over time, each point with its evidence, drawn as SVG.

The state lives in a folder (:class:`CorpusState`): append-only files for articles,
signatures, count evidence and citations, plus a small union-find array and ``meta.json``
written last, so adding N records costs O(N) sketching and a crash never corrupts what was
saved. Facts and citation rows are derived from the stored evidence when asked for.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import hashlib
import json
import logging
import math
import os
import re
import sys
import time
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from ..gazetteer import ERA_2025, PRE2025
from ..text.norm import tone_key
from .dataset import REORG_DATE, read_records, unit_era
from .dataset import gazetteer_units as _gazetteer
from .dataset import published_of as _published

log = logging.getLogger(__name__)

#: Bump when the files of a state folder change meaning; an older state must be rebuilt.
STATE_VERSION = 2  # 2: no pickled index; eras in place keys
#: MinHash permutations. 128 keeps the standard error of a Jaccard estimate near 0.04
#: (sqrt(J(1-J)/128) at J = 0.5), enough to tell a copy (J >= 0.7) from a related report.
NUM_PERM = 128
#: Fixed seed of the permutations: every state and every run must sketch alike.
SEED = 1
#: Syllables per shingle. Five Vietnamese syllables are about two or three words: shared
#: stock phrases of the movement ("phong trào thi đua Dân vận khéo" is seven) give few
#: shared 5-shingles between different articles, while copies share almost all of them.
#: Measured with scripts/bench_dedup.py --eval (docs/corpus.md).
SHINGLE_SIZE = 5
#: Estimated Jaccard similarity from which two articles are one cluster. An article
#: truncated to 80 % keeps J ≈ 0.8 with its original; a new header and a credit line cost
#: a few shingles. 0.5 keeps copies down to about half the original while unrelated
#: articles of the same movement stay below 0.1 (docs/corpus.md gives precision/recall).
DEFAULT_THRESHOLD = 0.5

#: "gần N" (nearly): the value lies in [N·(1-NEARLY_BELOW), N].
NEARLY_BELOW = 0.10
#: "khoảng N" (about): the value lies within ±ABOUT_SPREAD of N.
ABOUT_SPREAD = 0.10
#: "hàng trăm", "hàng nghìn" …: an order of magnitude, [N, 10·N).
VAGUE_ORDER = re.compile(r"^\s*hàng\b", re.IGNORECASE)

#: Issuer codes of central bodies (patterns/documents.yaml ``issuer_codes``): a sign with
#: one of these names one document nationwide. Every other code (TU, HU, UBND …) is issued
#: again in every province, so its documents are told apart by the citing article's
#: province (``scope``): 05-CT/TU of Bắc Kạn is not 05-CT/TU of Nghệ An.
CENTRAL_ISSUERS = frozenset({
    "TW", "TƯ", "BCT", "BBT", "QUTW", "VPTW", "HVCTQG", "ĐĐQH", "UBKTTW",
    "CP", "TTg", "VPCP", "CTN", "QH", "UBTVQH", "UBDT", "NHNN", "TTCP", "KTNN", "TANDTC", "VKSNDTC",
    "BCA", "BQP", "BNG", "BNV", "BTP", "BTC", "BKHĐT", "BLĐTBXH", "BGTVT", "BXD", "BTNMT",
    "BNNPTNT", "BNNMT", "BTTTT", "BKHCN", "BGDĐT", "BYT", "BVHTTDL",
})
_CENTRAL_RE = re.compile(r"(?:TW|TƯ)$|^(?:QH|UBTVQH)\d*$")

_WORD = re.compile(r"\w+")
_EMPTY = np.iinfo(np.uint32).max
_META = "meta.json"
#: The only file names ``meta.json`` may give: the union-find array of one save.
_PARENT_NAME = re.compile(r"^parent-\d+-\d+\.npy$")
_APPEND_FILES = ("articles.jsonl", "signatures.u32", "counts.jsonl", "citations.jsonl")


class StateError(ValueError):
    """A state folder that cannot be used (wrong version, other settings, damaged)."""


# --------------------------------------------------------------------------- sketches

def shingles(text: str, k: int = SHINGLE_SIZE) -> set[str]:
    """Word shingles of a text: NFC, lower case, runs of ``k`` syllables (digits count).

    Line breaks and punctuation do not matter, so merged paragraphs keep their shingles.

    >>> sorted(shingles("Dân vận  khéo.\\nDân vận", k=3))
    ['dân vận khéo', 'khéo dân vận', 'vận khéo dân']
    >>> shingles("Hai từ", k=5)
    {'hai từ'}
    """
    words = _WORD.findall(unicodedata.normalize("NFC", text).lower())
    if len(words) <= k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def _crc(s: str) -> int:
    # zlib's CRC-32 runs in C and is 1.6x faster than datasketch's SHA-1 default on
    # the bulk corpus; MinHash's murmur pre-mix ("affine32") spreads its output.
    return zlib.crc32(s.encode("utf-8"))


class Sketcher:
    """MinHash signatures with one fixed set of permutations (created once, reused)."""

    def __init__(self, num_perm: int = NUM_PERM, seed: int = SEED) -> None:
        from datasketch import MinHash

        self._MinHash = MinHash
        self.num_perm, self.seed = num_perm, seed
        self._perms = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations

    def signature(self, shingle_set: set[str]) -> np.ndarray:
        """The uint32 MinHash of a shingle set."""
        m = self._MinHash(num_perm=self.num_perm, seed=self.seed, hashfunc=_crc, permutations=self._perms,
                          scheme="affine32")
        m.update_batch(shingle_set)
        return m.hashvalues.astype(np.uint32)


@functools.lru_cache(maxsize=16)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band of datasketch's ``MinHashLSH`` for this threshold (its optimum)."""
    try:
        from datasketch import MinHashLSH
    except ImportError as exc:  # pragma: no cover
        raise ImportError("dedup needs datasketch: pip install 'extractor[dataset]'") from exc
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


#: Odd 64-bit multipliers of the band hash (splitmix64's).
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))


def band_hashes(sigs: np.ndarray, b: int, r: int) -> np.ndarray:
    """One 64-bit hash per band of each signature, shape ``(n, b)``, the band number mixed in.

    Two signatures share a band hash when they agree on every row of the band (and, rarely,
    by collision: a collision only adds a candidate, which the similarity check then drops).
    """
    n = sigs.shape[0]
    rows = sigs[:, :b * r].reshape(n, b, r).astype(np.uint64)
    h = np.broadcast_to(np.arange(b, dtype=np.uint64) * _MIX[0], (n, b)).copy()
    for k in range(r):
        h ^= rows[:, :, k]
        h *= _MIX[1]
        h ^= h >> np.uint64(31)
    h *= _MIX[2]
    return h ^ (h >> np.uint64(29))


#: Insertions held in the band index's dict before they are merged into its sorted array.
DELTA_MAX = 8192


class BandIndex:
    """MinHash LSH (banding) over a signature matrix, rebuilt from the signatures alone.

    The articles of a loaded state are one sorted array of band hashes (built with numpy in
    a fraction of a second; nothing but the signatures is stored, so a state folder holds no
    code, unlike a pickled index). Articles added since are in a dict per band hash.
    Candidates are those sharing at least one band, as datasketch's ``MinHashLSH`` with the
    same bands and rows. Every :data:`DELTA_MAX` insertions the dict is merged into the
    sorted array, so memory stays near 16 bytes per band and article.
    """

    def __init__(self, threshold: float, num_perm: int, sigs: np.ndarray | None = None,
                 skip: np.ndarray | None = None) -> None:
        self.b, self.r = lsh_params(threshold, num_perm)
        self._keys = np.zeros(0, np.uint64)
        self._ids = np.zeros(0, np.int64)
        self._new: dict[int, list[int]] = {}
        self._pending: list[np.ndarray] = []
        self._pending_ids: list[int] = []
        if sigs is not None and len(sigs):
            keep = np.flatnonzero(~skip) if skip is not None else np.arange(len(sigs))
            hashes = band_hashes(sigs[keep], self.b, self.r).ravel()
            order = np.argsort(hashes, kind="stable")
            self._keys = hashes[order]
            self._ids = np.repeat(keep, self.b)[order]

    def query(self, sig: np.ndarray) -> set[int]:
        """Articles sharing a band with ``sig``."""
        hs = band_hashes(sig.reshape(1, -1), self.b, self.r)[0]
        lo = np.searchsorted(self._keys, hs, "left")
        hi = np.searchsorted(self._keys, hs, "right")
        out = {int(i) for a, z in zip(lo.tolist(), hi.tolist(), strict=True) if z > a for i in self._ids[a:z]}
        for h in hs.tolist():
            out.update(self._new.get(h, ()))
        return out

    def insert(self, i: int, sig: np.ndarray) -> None:
        """Add article ``i``."""
        hs = band_hashes(sig.reshape(1, -1), self.b, self.r)[0]
        for h in hs.tolist():
            self._new.setdefault(h, []).append(i)
        self._pending.append(hs)
        self._pending_ids.append(i)
        if len(self._pending_ids) >= DELTA_MAX:
            self._compact()

    def _compact(self) -> None:
        """Merge the articles added since the last merge into the sorted array."""
        keys = np.concatenate([self._keys, *self._pending])
        ids = np.concatenate([self._ids, np.repeat(np.array(self._pending_ids, np.int64), self.b)])
        order = np.argsort(keys, kind="stable")
        self._keys, self._ids = keys[order], ids[order]
        self._new, self._pending, self._pending_ids = {}, [], []


# --------------------------------------------------------------------------- values

def value_range(value: int, qualifier: str, text: str | None = None) -> tuple[float, float]:
    """The values a count can stand for: ``hơn 2.000`` → [2000, ∞), ``2.011`` → [2011, 2011].

    Args:
        value: the count's integer value.
        qualifier: exact, more_than, nearly, about, less_than.
        text: the evidence; ``hàng trăm`` (an order) gives [100, 1000).

    Returns:
        ``(low, high)``, both inclusive; ``high`` may be ``math.inf``.

    >>> value_range(2000, "more_than")
    (2000, inf)
    >>> value_range(100, "about", "hàng trăm mô hình")
    (100, 999)
    """
    if qualifier == "more_than":
        return value, math.inf
    if qualifier == "less_than":
        return 0, value
    if qualifier == "nearly":
        return math.floor(value * (1 - NEARLY_BELOW)), value
    if qualifier == "about":
        if text and VAGUE_ORDER.match(text):
            return value, value * 10 - 1
        return math.floor(value * (1 - ABOUT_SPREAD)), math.ceil(value * (1 + ABOUT_SPREAD))
    return value, value


def compatible(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two value ranges can be the same number.

    >>> compatible(value_range(2011, "exact"), value_range(2000, "more_than"))
    True
    >>> compatible(value_range(2011, "exact"), value_range(1980, "exact"))
    False
    """
    return max(a[0], b[0]) <= min(a[1], b[1])


# --------------------------------------------------------------------------- evidence from records

def _article_place(rec: dict[str, Any]) -> tuple[str, str, str | None, str | None] | None:
    """The most specific unit of the article's main locality: (name, level, code, province)."""
    loc = rec.get("locality") or {}
    for level in ("commune", "district", "province"):
        if loc.get(level):
            return loc[level], level, loc.get(f"{level}_code"), loc.get("province")
    return None


@functools.lru_cache(maxsize=256)
def successor(name: str, code: str | None) -> tuple[str, str] | None:
    """The 2025 province (name, code) a pre-2025 province became (Nghị quyết 202/2025/QH15).

    >>> successor("Bắc Giang", "24")
    ('Bắc Ninh', '24')
    >>> successor("Thái Nguyên", "19")
    ('Thái Nguyên', '19')
    """
    g = _gazetteer()
    units = [u for u in g.lookup(name, "province", era=PRE2025) if code is None or u.code == code]
    if len(units) != 1 or not units[0].current_province:
        return None
    new = g.lookup(units[0].current_province, "province", era=ERA_2025)
    return (new[0].name, new[0].code) if new else None


@functools.lru_cache(maxsize=4096)
def current_province(name: str, level: str, code: str | None, era: str) -> tuple[str | None, str | None]:
    """The 2025 province (name, code) a unit lies in; (None, None) when unknown.

    >>> current_province("Bắc Giang", "province", "24", "pre2025")
    ('Bắc Ninh', '24')
    """
    g = _gazetteer()
    units = ([g.by_code[(era, level, code)]] if code and (era, level, code) in g.by_code
             else g.lookup(name, level, era=era) if level in ("province", "district", "commune") else [])
    names = {u.current_province for u in units if u.current_province}
    if len(names) != 1:
        return None, None
    new = g.lookup(names.pop(), "province", era=ERA_2025)
    return (new[0].name, new[0].code) if new else (None, None)


def place_key(name: str, level: str, code: str | None, province: str | None, era: str = PRE2025) -> str:
    """Identity of a place in one era: its code where known, else level, name and province normalised.

    Codes (and names: Bắc Ninh) are reused across the 2025 reorganisation, so the era is
    part of every key.

    >>> place_key("Bắc Kạn", "province", "06", None)
    'province#pre2025#06'
    >>> place_key("Bắc Ninh", "province", "24", None, "2025")
    'province#2025#24'
    >>> place_key("Thanh Hoá", "province", None, None) == place_key("thanh hóa", "province", None, None)
    True
    """
    if code:
        return f"{level}#{era}#{code}"
    prov = "" if level == "province" else tone_key(province or "")
    return f"{level}|{era}|{tone_key(name)}|{prov}"


#: Categories whose numbers are plans, not achieved counts: never a reported total.
TARGET_CATEGORIES = frozenset({"target"})


def _sub_key(c: dict[str, Any]) -> str | None:
    """What splits a category further: the field of ``by_field``, the level of ``by_level``."""
    if c.get("category") == "by_level":
        return c.get("level") or c.get("field")
    return c.get("field")


def count_evidence(rec: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """Fact evidence of one record's counts, and how many counts had no place at all."""
    out, unplaced = [], 0
    aid = str(rec["id"])
    article_place = _article_place(rec)
    for c in rec.get("counts") or []:
        try:
            value, span = int(c["value"]), [int(c["span"][0]), int(c["span"][1])]
        except (KeyError, TypeError, ValueError, IndexError):
            log.warning("article %s: count without value or span skipped: %r", aid, c)
            continue
        loc = c.get("locality") or {}
        if loc.get("name") and loc.get("level"):
            name, level, code = loc["name"], loc["level"], loc.get("code")
            province = loc.get("province") or (rec.get("locality") or {}).get("province")
            source = "count"
        elif article_place:
            (name, level, code, province), source = article_place, "article"
        else:
            unplaced += 1
            continue
        if level == "province":
            province = name
        era = unit_era(rec, name, level, code)
        qualifier = c.get("qualifier") or "exact"
        lo, hi = value_range(value, qualifier, c.get("text"))
        as_of = c.get("as_of")
        category = c.get("category") or "total"
        out.append({
            "article_id": aid, "outlet": rec.get("outlet"), "published": _published(rec),
            "place": name, "place_level": level, "place_code": code, "place_era": era, "province": province,
            "place_source": source, "place_key": place_key(name, level, code, province, era),
            "unit": c.get("unit") or "mô hình", "category": category, "field": c.get("field"),
            "level": c.get("level"), "sub": _sub_key(c),
            "as_of": as_of or _published(rec), "as_of_source": "count" if as_of else "published",
            "value": value, "qualifier": qualifier, "lo": lo, "hi": None if hi == math.inf else hi,
            "text": c.get("text"), "span": span,
        })
    return out, unplaced


def _scope(issuer_code: str | None, province: str | None) -> str | None:
    codes = (issuer_code or "").split("-")
    if codes and all(c in CENTRAL_ISSUERS or _CENTRAL_RE.search(c) for c in codes if c) and any(codes):
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


# --------------------------------------------------------------------------- facts

@dataclass
class Fact:
    """Reports of one count: one place, thing, category and period, compatible values."""

    fact_id: str
    key: tuple[str, str, str, str | None, str]
    value: int
    qualifier: str
    lo: float
    hi: float
    evidence: list[dict[str, Any]]
    conflict_with: list[str] = field(default_factory=list)

    @property
    def first(self) -> dict[str, Any]:
        return self.evidence[0]

    @property
    def independent(self) -> int:
        """Independent reports: near-duplicate clusters, not articles (a copy is no new report)."""
        return len({e.get("cluster", e["article_id"]) for e in self.evidence})

    @property
    def is_target(self) -> bool:
        """A planned number (``phấn đấu đạt …``), not an achieved count."""
        return self.key[2] in TARGET_CATEGORIES

    def label(self) -> str:
        """``2011`` or ``more_than 2000``."""
        return str(self.value) if self.qualifier == "exact" else f"{self.qualifier} {self.value}"


def _fact_id(key: tuple, anchor: Any) -> str:
    raw = json.dumps([list(key), anchor], ensure_ascii=False, default=str)
    return "f" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def _rng(e: dict[str, Any]) -> tuple[float, float]:
    return e["lo"], math.inf if e["hi"] is None else e["hi"]


def _group_values(key: tuple, evs: list[dict[str, Any]]) -> list[Fact]:
    """Split the evidence of one key into facts of compatible values."""
    evs = sorted(evs, key=lambda e: (e["article_id"], e["span"]))
    facts: list[Fact] = []
    exact: dict[int, Fact] = {}
    for e in evs:
        if e["qualifier"] == "exact":
            f = exact.get(e["value"])
            if f is None:
                f = exact[e["value"]] = Fact(_fact_id(key, e["value"]), key, e["value"], "exact", e["value"],
                                             e["value"], [])
                facts.append(f)
            f.evidence.append(e)
    vague = []
    for e in evs:
        if e["qualifier"] == "exact":
            continue
        lo, hi = _rng(e)
        fits = [f for f in exact.values() if lo <= f.value <= hi]
        if fits:  # the exact value the vague report is closest to (then the most reported)
            best = min(fits, key=lambda f: (abs(f.value - e["value"]), -len(f.evidence), f.value))
            best.evidence.append(e)
        else:
            vague.append(e)
    vague.sort(key=lambda e: (_rng(e), e["article_id"], e["span"]))
    group: list[dict[str, Any]] = []
    low, high = -math.inf, math.inf

    def close() -> None:
        if group:
            tightest = min(group, key=lambda e: (_rng(e)[1] - _rng(e)[0], e["value"]))
            facts.append(Fact(_fact_id(key, [low, None if high == math.inf else high]), key, tightest["value"],
                              tightest["qualifier"], low, high, list(group)))

    for e in vague:
        lo, hi = _rng(e)
        if group and max(low, lo) <= min(high, hi):
            low, high = max(low, lo), min(high, hi)
            group.append(e)
        else:
            close()
            group, low, high = [e], lo, hi
    close()
    for f in facts:
        f.evidence.sort(key=lambda e: (e["published"] or "", e["article_id"], e["span"]))
    if len(facts) > 1:
        for f in facts:
            f.conflict_with = [g.fact_id for g in facts if g is not f]
    return facts


def merge_facts(evidence: Iterable[dict[str, Any]],
                clusters: dict[str, tuple[Any, str | None]] | None = None) -> list[Fact]:
    """Count evidence → facts: same place (and era), thing, category, field/level and period,
    compatible values.

    A place named without a code takes the code another report gives the same name
    (level, name, province and era alike) when exactly one code is given for it.

    Args:
        evidence: :func:`count_evidence` items.
        clusters: article id → (near-duplicate cluster, the cluster's earliest publication
            date). Copies of one article are one report: a count dated only by its article
            takes the cluster's earliest date, so three syndicated copies give one fact (of
            one independent report), not three facts on three dates.

    Returns:
        facts sorted by place, category and period; a key with several facts has all of
        them in conflict (``conflict_with`` names the others).
    """
    clusters = clusters or {}
    evidence = [_in_cluster(e, clusters) for e in evidence]
    aliases: dict[str, set[str]] = defaultdict(set)
    for e in evidence:
        if e["place_code"]:
            aliases[place_key(e["place"], e["place_level"], None, e["province"], e["place_era"])].add(e["place_key"])
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for e in evidence:
        pk = e["place_key"]
        if not e["place_code"] and len(aliases.get(pk, ())) == 1:
            pk = next(iter(aliases[pk]))
        groups[(pk, e["unit"], e["category"], e["sub"], e["as_of"] or "")].append(e)
    facts = []
    for key in sorted(groups, key=lambda k: tuple(x or "" for x in k)):
        facts.extend(_group_values(key, groups[key]))
    return facts


def _in_cluster(e: dict[str, Any], clusters: dict[str, tuple[Any, str | None]]) -> dict[str, Any]:
    """A copy of one evidence item with its cluster, dated by the cluster when the count has no date."""
    cid, first = clusters.get(e["article_id"], (e["article_id"], None))
    out = {**e, "cluster": cid}
    out.setdefault("place_era", PRE2025)  # evidence of states written before eras were kept
    out.setdefault("sub", e.get("field"))
    if e.get("as_of_source") == "published" and first:
        out["as_of"] = first
        if first != e["as_of"]:
            out["as_of_source"] = "cluster"
    return out


def conflicts(facts: list[Fact]) -> list[tuple[Fact, Fact]]:
    """Pairs of facts that report one place, thing and period with incompatible values."""
    by_id = {f.fact_id: f for f in facts}
    out = []
    for f in facts:
        for other in f.conflict_with:
            if f.fact_id < other:
                out.append((f, by_id[other]))
    return out


def describe_conflict(a: Fact, b: Fact) -> str:
    """One line naming both sides of a conflict."""
    e = a.first
    where = f"{e['place']} ({e['place_level']}) {e['unit']}/{e['category']}" + (f"/{e['sub']}" if e.get("sub") else "")
    sides = [f"{f.label()} [{', '.join(sorted({x['article_id'] for x in f.evidence}))}]" for f in (a, b)]
    return f"conflict: {where} as of {a.key[4] or '?'}: {sides[0]} vs {sides[1]}"


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


# --------------------------------------------------------------------------- reading records

iter_records = read_records  # the records reader of the dataset export


# --------------------------------------------------------------------------- series

@dataclass
class Point:
    """One point of a series: a fact at its period.

    ``mapped`` says where a point of the mapped view comes from: ``Bắc Giang (pre2025, 24)``
    for a predecessor's own count (a part of the later unit, not its total), or ``sum of …``
    when every predecessor reported an exact count for the period (``complete``).
    """

    period: str
    when: date
    fact: Fact
    mapped: str | None = None
    complete: bool = True


class Place(NamedTuple):
    """A unit of one era, as the facts name it."""

    key: str
    name: str
    level: str
    code: str | None
    era: str

    def label(self) -> str:
        """``Bắc Ninh (province, 2025, 24)``."""
        return f"{self.name} ({self.level}, {self.era}{', ' + self.code if self.code else ''})"


#: ``--era`` of ``extractor series``: one era, or the 2025 unit with its predecessors.
ERAS = (PRE2025, ERA_2025, "mapped")


def _period_end(period: str) -> date | None:
    """The last day of an ISO period: ``2020`` → 2020-12-31, ``2020-02`` → 2020-02-29.

    >>> _period_end("2020-02")
    datetime.date(2020, 2, 29)
    """
    m = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", period or "")
    if not m:
        return None
    y, mo, d = int(m[1]), int(m[2] or 12), m[3]
    try:
        if d:
            return date(y, mo, int(d))
        nxt = date(y + (mo == 12), mo % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    except ValueError:
        return None


def _place_of(f: Fact) -> Place:
    e = f.first
    codes = sorted({x["place_code"] for x in f.evidence if x["place_code"]})
    return Place(f.key[0], e["place"], e["place_level"], codes[0] if codes else None, e.get("place_era", PRE2025))


def find_places(facts: list[Fact], query: str, level: str | None = None, era: str | None = None,
                ) -> dict[str, Place]:
    """Units (each of one era) whose code or name matches ``query``, by place key.

    A leading level word (``tỉnh``, ``huyện`` …) of the query is ignored. ``era``
    ``pre2025``/``2025`` keeps the units of that era; ``mapped`` keeps the 2025 provinces
    the query names, or those a pre-2025 province it names became.
    """
    q = query.strip()
    q_name = re.sub(r"^(?:tỉnh|thành phố|tp\.?|huyện|quận|thị xã|xã|phường|thị trấn)\s+", "", q, flags=re.I)
    found: dict[str, Place] = {}
    for f in facts:
        e = f.first
        if level and e["place_level"] != level:
            continue
        codes = {x["place_code"] for x in f.evidence if x["place_code"]}
        if q in codes or tone_key(q_name) in {tone_key(x["place"]) for x in f.evidence}:
            found.setdefault(f.key[0], _place_of(f))
    if era == "mapped":
        return _mapped_targets(found, facts)
    if era:
        found = {k: p for k, p in found.items() if p.era == era}
    return found


def _mapped_targets(found: dict[str, Place], facts: list[Fact]) -> dict[str, Place]:
    """The 2025 provinces of a mapped view: those found, and the successors of pre-2025 ones."""
    out: dict[str, Place] = {}
    for p in found.values():
        if p.level != "province":
            continue
        if p.era == ERA_2025:
            out.setdefault(p.key, p)
            continue
        nxt = successor(p.name, p.code)
        if nxt:
            key = place_key(nxt[0], "province", nxt[1], None, ERA_2025)
            out.setdefault(key, Place(key, nxt[0], "province", nxt[1], ERA_2025))
    return out


def predecessors(name: str, code: str | None) -> list[tuple[str, str]]:
    """The pre-2025 provinces (name, code) merged into a 2025 province.

    >>> predecessors("Thái Nguyên", "19")
    [('Bắc Kạn', '06'), ('Thái Nguyên', '19')]
    """
    g = _gazetteer()
    return sorted((u.name, u.code) for u in g.units
                  if u.era == PRE2025 and u.level == "province" and successor(u.name, u.code) == (name, code))


def _selected(f: Fact, category: str, unit: str | None, sub: str | None) -> bool:
    _, u, cat, fsub, _ = f.key
    return cat == category and not (unit and u != unit) and not (sub and fsub != sub)


def build_series(facts: list[Fact], place_key_: str, category: str = "total", unit: str | None = None,
                 field_: str | None = None) -> list[Point]:
    """The facts of one place (of one era) and category in time order (periods that are no
    date are left out). ``field_`` selects the field of ``by_field`` or the level of ``by_level``."""
    points = []
    for f in facts:
        if f.key[0] != place_key_ or not _selected(f, category, unit, field_):
            continue
        when = _period_end(f.key[4])
        if when is None:
            log.warning("fact %s: period %r is not a date; left out of the series", f.fact_id, f.key[4])
            continue
        points.append(Point(f.key[4], when, f))
    points.sort(key=lambda p: (p.when, p.fact.value))
    return points


def mapped_series(facts: list[Fact], place: Place, category: str = "total", unit: str | None = None,
                  field_: str | None = None) -> list[Point]:
    """A 2025 province over time across the reform, through the official old → new mapping.

    Its own facts, plus the facts of the pre-2025 provinces merged into it, each marked with
    the province it comes from (a part of the later unit, ``complete`` false). For a period
    and counted thing where every predecessor has exactly one exact, unconflicted fact, one
    more point: their sum, marked ``sum of …`` and complete.
    """
    points = build_series(facts, place.key, category, unit, field_)
    olds = predecessors(place.name, place.code)
    by_old: dict[tuple[str, str], list[Point]] = {}
    for name, code in olds:
        by_old[(name, code)] = [p for key in (place_key(name, "province", code, None, PRE2025),
                                              place_key(name, "province", None, None, PRE2025))
                                for p in build_series(facts, key, category, unit, field_)]
        for p in by_old[(name, code)]:
            points.append(Point(p.period, p.when, p.fact, f"{name} ({PRE2025}, {code})", complete=len(olds) == 1))
    if len(olds) > 1:
        cells: dict[tuple[str, str], dict[tuple[str, str], list[Fact]]] = defaultdict(lambda: defaultdict(list))
        for old, pts in by_old.items():
            for p in pts:
                cells[(p.period, p.fact.key[1])][old].append(p.fact)
        for (period, u), per_old in sorted(cells.items()):
            parts = [per_old[o] for o in olds]
            if all(len(fs) == 1 and fs[0].qualifier == "exact" and not fs[0].conflict_with for fs in parts):
                fs = [x[0] for x in parts]
                total = sum(x.value for x in fs)
                key = (place.key, u, category, field_, period)
                fact = Fact("m" + _fact_id(key, [x.fact_id for x in fs])[1:], key, total, "exact", total, total,
                            [e for x in fs for e in x.evidence])
                points.append(Point(period, _period_end(period) or date.min, fact,
                                    "sum of " + " + ".join(n for n, _ in olds), complete=True))
    points.sort(key=lambda p: (p.when, 0 if p.mapped is None else 1 if p.complete else 2, p.fact.value))
    return points


def _nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(s * mag for s in (1, 2, 2.5, 5, 10) if s * mag >= raw)
    start = math.floor(lo / step) * step
    return [start + k * step for k in range(int(math.ceil((hi - start) / step)) + 1)]


#: How the chart writes a qualifier (the words the articles use).
QUALIFIER_WORDS = {"more_than": "hơn", "nearly": "gần", "about": "khoảng", "less_than": "dưới", "exact": ""}


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _fmt(v: float) -> str:
    return f"{v:,.0f}".replace(",", ".")  # Vietnamese groups thousands with a dot


def render_svg(points: list[Point], title: str, subtitle: str = "") -> str:
    """A publication-ready SVG line chart of a series.

    Exact facts are filled dots joined by a line; a vague fact (``hơn 2.000``) is an open
    dot at its stated value with a bar over its range; conflicting facts are red. Each dot
    is labelled with its value and the number of independent sources.
    """
    w, h, ml, mr, mt, mb = 720, 420, 80, 30, 60, 70
    pw, ph = w - ml - mr, h - mt - mb
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
           'font-family="DejaVu Serif, Times New Roman, serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{w / 2}" y="24" text-anchor="middle" font-size="16">{_esc(title)}</text>',
           f'<text x="{w / 2}" y="42" text-anchor="middle" fill="#444">{_esc(subtitle)}</text>']
    if not points:
        out.append(f'<text x="{w / 2}" y="{h / 2}" text-anchor="middle">no data</text></svg>')
        return "\n".join(out)
    # whole years on the x axis, so that every year band is labelled
    x0 = date(min(p.when for p in points).year, 1, 1).toordinal()
    x1 = date(max(p.when for p in points).year + 1, 1, 1).toordinal()
    pad = (x1 - x0) * 0.03
    x0, x1 = x0 - pad, x1 + pad
    tops = [p.fact.hi if p.fact.hi != math.inf else p.fact.value for p in points]
    yt = _nice_ticks(0, max(max(tops), max(p.fact.value for p in points)) * 1.1)
    y1 = yt[-1]

    def sx(o: float) -> float:
        return ml + (o - x0) / (x1 - x0) * pw

    def sy(v: float) -> float:
        return mt + ph - v / y1 * ph

    out.append('<g stroke="#999" stroke-width="0.5">'
               + "".join(f'<line x1="{ml}" x2="{ml + pw}" y1="{sy(t):.1f}" y2="{sy(t):.1f}"/>' for t in yt) + "</g>")
    out.append("".join(f'<text x="{ml - 8}" y="{sy(t) + 4:.1f}" text-anchor="end">{_fmt(t)}</text>' for t in yt))
    # ticks at year boundaries, each year's label in the middle of its band: a count "as of
    # 2022" sits at the right end of the 2022 band
    for y in range(date.fromordinal(int(x0)).year, date.fromordinal(int(x1)).year + 2):
        o, mid = date(y, 1, 1).toordinal(), date(y, 7, 2).toordinal()
        if x0 <= o <= x1:
            out.append(f'<line x1="{sx(o):.1f}" x2="{sx(o):.1f}" y1="{mt + ph}" y2="{mt + ph + 5}" stroke="black"/>')
        if x0 <= mid <= x1:
            out.append(f'<text x="{sx(mid):.1f}" y="{mt + ph + 20}" text-anchor="middle">{y}</text>')
    out.append(f'<path d="M{ml},{mt} V{mt + ph} H{ml + pw}" fill="none" stroke="black"/>')
    out.append(f'<text x="{ml + pw / 2}" y="{h - 20}" text-anchor="middle">thời điểm (as of)</text>')
    out.append(f'<text transform="translate(18,{mt + ph / 2}) rotate(-90)" text-anchor="middle">số mô hình</text>')
    line = [p for p in points if p.fact.qualifier == "exact" and not p.fact.conflict_with and p.complete]
    if len(line) > 1:
        d = " ".join(f"{'M' if k == 0 else 'L'}{sx(p.when.toordinal()):.1f},{sy(p.fact.value):.1f}"
                     for k, p in enumerate(line))
        out.append(f'<path d="{d}" fill="none" stroke="#1f4e79" stroke-width="1.5"/>')
    same_day: dict[date, list[Point]] = defaultdict(list)
    for p in points:
        same_day[p.when].append(p)
    for p in points:
        f = p.fact
        cx, cy = sx(p.when.toordinal()), sy(f.value)
        # labels of points on one date go above the highest and below the others
        above = p is max(same_day[p.when], key=lambda q: q.fact.value)
        ly = cy - 7 if above else cy + 15
        anchor, lx = ("end", cx - 7) if cx > ml + 0.8 * pw else ("start", cx + 7)
        color = "#b22222" if f.conflict_with else "#1f4e79" if p.complete else "#7a7a7a"
        if f.qualifier != "exact":
            top = sy(min(f.hi, y1)) if f.hi != math.inf else mt
            out.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{sy(f.lo):.1f}" y2="{top:.1f}" stroke="{color}" '
                       'stroke-dasharray="3,2"/>')
        fill = color if f.qualifier == "exact" else "white"
        n_src = f.independent
        tip = (f"<title>{_esc(p.period)}: {_esc(f.label())}, {n_src} independent report(s)"
               f"{', mapped: ' + _esc(p.mapped) if p.mapped else ''}</title>")
        if p.complete:
            out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="{fill}" stroke="{color}" '
                       f'stroke-width="1.5">{tip}</circle>')
        else:  # a predecessor's own count: part of the later unit, off the line
            out.append(f'<rect x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" fill="{fill}" '
                       f'stroke="{color}" stroke-width="1.5">{tip}</rect>')
        out.append(f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" font-size="10" fill="{color}">'
                   f"{_esc((QUALIFIER_WORDS.get(f.qualifier, f.qualifier) + ' ' + _fmt(f.value)).strip())}"
                   f" (n={n_src})</text>")
    out.append("</svg>")
    return "\n".join(out)


# --------------------------------------------------------------------------- command line

def _dedup_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="extractor dedup",
                                description="Build or update a corpus state: clusters, facts, citations.")
    p.add_argument("records", nargs="+", help="records JSONL (extractor extract output; .gz too)")
    p.add_argument("--state", required=True, help="state folder (created if absent, else updated)")
    p.add_argument("--threshold", type=float, default=None,
                   help=f"Jaccard threshold for near-duplicates (default {DEFAULT_THRESHOLD}; fixed per state)")
    p.add_argument("--to", default=None, help="also write the corpus tables to this dataset (.duckdb or folder)")
    p.add_argument("--format", choices=["duckdb", "parquet"], default=None, help="dataset format")
    return p


def main_dedup(argv: list[str] | None = None) -> int:
    """``extractor dedup RECORDS... --state DIR [--threshold T] [--to DATASET]``.

    Returns:
        0 on success, 2 on bad arguments, unreadable input or an unusable state.
    """
    args = _dedup_parser().parse_args(argv)
    missing = [p for p in args.records if not Path(p).is_file()]
    if missing:
        print(f"extractor: no such records file: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        state = open_state(args.state, args.threshold)
        bad: list[int] = []
        stats = state.add(iter_records(args.records, bad))
        stats.skipped_bad += len(bad)
        state.save(args.state)
    except (StateError, OSError, UnicodeDecodeError) as exc:
        print(f"extractor: {exc}", file=sys.stderr)
        return 2
    facts = state.facts()
    sizes = state.cluster_sizes()
    rows = state.citation_rows()
    print(f"extractor: {stats.line()}", file=sys.stderr)
    print(f"extractor: state {args.state}: {len(state.ids)} articles, {sum(1 for s in sizes.values() if s > 1)} "
          f"clusters with 2+ members, {len(facts)} facts ({len(conflicts(facts))} conflicts), {len(rows)} documents "
          f"({sum(r['date_conflict'] for r in rows)} rows with conflicting dates)", file=sys.stderr)
    for a, b in conflicts(facts):
        print(describe_conflict(a, b))
    for r in rows:
        if r["date_conflict"]:
            print(f"date conflict: {r['symbol']} ({r['scope'] or 'central'}) issued {r['issued']} "
                  f"[{', '.join(r['article_ids'])}] vs {', '.join(r['other_issued'])}")
    if args.to:
        from .corpus_export import export_corpus_tables

        try:
            counts = export_corpus_tables(state, args.to, args.format)
        except (ValueError, ImportError, OSError) as exc:
            print(f"extractor: {exc}", file=sys.stderr)
            return 2
        print("extractor: " + ", ".join(f"{t} {n}" for t, n in counts.items()) + f" rows → {args.to}",
              file=sys.stderr)
    return 0


def _series_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="extractor series",
                                description="Model counts of one place over time, from the merged facts.")
    p.add_argument("inputs", nargs="+", help="a state folder (extractor dedup --state) or records JSONL files")
    p.add_argument("--place", required=True, help="place name (Bắc Kạn, huyện Na Rì) or statistics code (06)")
    p.add_argument("--level", choices=["province", "district", "commune", "village"], default=None,
                   help="level of the place when the name is ambiguous")
    p.add_argument("--era", choices=list(ERAS), default=None,
                   help="units of one era (codes and names recur across the 2025 reform: 24 is Bắc Giang "
                        "before, Bắc Ninh after), or 'mapped': a 2025 province with the pre-2025 provinces "
                        "merged into it, through the official mapping (needed when the place is ambiguous)")
    p.add_argument("--category", default="total", help="count category (default total)")
    p.add_argument("--unit", default=None, help="counted thing: 'mô hình' or 'điển hình' (default both)")
    p.add_argument("--field", default=None, help="field of a by_field count, level of a by_level count")
    p.add_argument("-o", "--output", default=None, help="chart file (.svg)")
    return p


def series_line(p: Point) -> str:
    """One printed line of a series point: period, value, articles, independent reports, id."""
    f = p.fact
    n_art = len({e["article_id"] for e in f.evidence})
    flag = f"  CONFLICT with {', '.join(f.conflict_with)}" if f.conflict_with else ""
    mapped = f"  MAPPED {'from ' if not p.mapped.startswith('sum') else ''}{p.mapped}" if p.mapped else ""
    return (f"{p.period:<12} {f.label():>16}  {n_art} article(s), {f.independent} independent  "
            f"[{f.fact_id}]{flag}{mapped}")


def main_series(argv: list[str] | None = None) -> int:
    """``extractor series RECORDS_OR_STATE --place NAME_OR_CODE [--category total] [-o chart.svg]``.

    Prints one line per point (period, value, sources) and its evidence; writes the chart.

    Returns:
        0 on success (also when the series is empty), 2 on bad arguments or input.
    """
    args = _series_parser().parse_args(argv)
    if args.output and not args.output.lower().endswith(".svg"):
        print("extractor: the chart is written as SVG: give -o NAME.svg", file=sys.stderr)
        return 2
    try:
        if len(args.inputs) == 1 and Path(args.inputs[0]).is_dir():
            state = CorpusState.load(args.inputs[0])
        else:
            missing = [p for p in args.inputs if not Path(p).is_file()]
            if missing:
                print(f"extractor: no such records file or state: {', '.join(missing)}", file=sys.stderr)
                return 2
            state = CorpusState()
            state.add(iter_records(args.inputs))
    except (StateError, OSError, UnicodeDecodeError) as exc:
        print(f"extractor: {exc}", file=sys.stderr)
        return 2
    facts = state.facts()
    places = find_places(facts, args.place, args.level, args.era)
    if not places:
        era = f" in era {args.era}" if args.era else ""
        print(f"extractor: no facts for place {args.place!r}{era}", file=sys.stderr)
        return 2
    if len(places) > 1:
        listed = "; ".join(p.label() for p in places.values())
        eras = len({p.era for p in places.values()}) > 1
        hint = ("give --era pre2025|2025, or --era mapped for the 2025 province with its predecessors"
                if eras and not args.era else "give --level or a code")
        print(f"extractor: {args.place!r} names several places: {listed}; {hint}", file=sys.stderr)
        return 2
    place = next(iter(places.values()))
    if args.era == "mapped":
        points = mapped_series(facts, place, args.category, args.unit, args.field)
    else:
        points = build_series(facts, place.key, args.category, args.unit, args.field)
    view = " — mapped: with the pre-2025 provinces merged into it" if args.era == "mapped" else ""
    what = "target (planned, not achieved)" if args.category in TARGET_CATEGORIES else args.category
    print(f"{place.label()} — {args.unit or 'mô hình/điển hình'}, {what}{view}: {len(points)} point(s)")
    for p in points:
        print(series_line(p))
        for e in p.fact.evidence:
            print(f"    {e['article_id']}  {e['outlet'] or '-'}  {e['published'] or '-'}  "
                  f"[{e['span'][0]}:{e['span'][1]}] {e['text']!r}")
    name = place.name
    if args.output:
        sub = f"{args.category}; {len(points)} điểm từ {len({e['article_id'] for p in points for e in p.fact.evidence})}" \
              " bài báo; chấm rỗng: giá trị ước lượng; đỏ: số liệu mâu thuẫn" \
              + ("; ô vuông xám: số của một tỉnh cũ (trước 2025)" if args.era == "mapped" else "")
        Path(args.output).write_text(render_svg(points, f"Mô hình “Dân vận khéo” — {name}", sub), encoding="utf-8")
        print(f"extractor: chart → {args.output}", file=sys.stderr)
    return 0
