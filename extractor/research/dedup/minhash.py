"""Near-duplicate sketches: word shingles, MinHash signatures and a banded LSH index.
"""
from __future__ import annotations

import functools
import re
import unicodedata
import zlib

import numpy as np

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

_WORD = re.compile(r"\w+")
_EMPTY = np.iinfo(np.uint32).max

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
