"""Measure near-duplicate clustering on the bulk corpus (../shared/bulk/articles.jsonl.gz).

Only ``id``, ``text`` and ``date`` are read from the gzip (no extraction runs). Phases, each in
its own process so that its peak memory is its own:

- ``full``: cluster all 57,783 articles into a new state and save it; prints the number of
  clusters with two or more members, the largest ones, time and peak RSS.
- ``incremental``: a state of 50,000 articles (a fixed shuffle of the corpus), then the time
  to add 1,000 more (load, sketch, cluster, save) against a full rebuild of all 51,000.
- ``eval``: precision and recall per threshold. Recall: edited copies of 500 sampled
  articles (new header, credit line, truncated to 80 %, paragraphs merged, all four at
  once, truncated to 60 % and 50 %) must join their original's cluster. Precision: a copy
  whose cluster holds no article outside its original's family is clean; over the bulk's
  own clustered pairs (member, canonical), a pair is a true near-duplicate when one text's
  shingles are at least 80 % contained in the other's (exact sets, no sketch).

    .venv/bin/python scripts/bench_dedup.py [--phase full|incremental|eval|all] [--json OUT]

Nothing from the corpus is written anywhere but a temporary folder.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BULK = ROOT.parent / "shared" / "bulk" / "articles.jsonl.gz"
SEED = 13
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def read_bulk(limit: int | None = None):
    """``{"id", "text", "date"}`` of the bulk articles, streamed from the gzip."""
    with gzip.open(BULK, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                return
            d = json.loads(line)
            yield {"id": d["id"], "text": d["text"], "date": d.get("date")}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_full() -> dict:
    from extractor.research.dedup.state import CorpusState

    base = peak_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    state = CorpusState()
    stats = state.add(read_bulk())
    t_add, c_add = time.perf_counter() - t0, time.process_time() - c0
    with tempfile.TemporaryDirectory() as tmp:
        t1 = time.perf_counter()
        state.save(tmp)
        t_save = time.perf_counter() - t1
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
        t2 = time.perf_counter()
        from extractor.research.dedup.state import CorpusState as CS

        CS.load(tmp)
        t_load = time.perf_counter() - t2
    sizes = state.cluster_sizes()
    multi = [s for s in sizes.values() if s > 1]
    by_source = Counter()
    for r, s in sizes.items():
        if s > 1:
            by_source[state.ids[r].split("-")[0]] += 1
    return {"articles": stats.added, "no_words": stats.no_words, "clusters": len(sizes),
            "clusters_2plus": len(multi), "articles_in_2plus": sum(multi),
            "largest": sorted(multi, reverse=True)[:10], "size_histogram": dict(sorted(Counter(
                min(s, 10) for s in multi).items())), "clusters_2plus_by_source_of_root": dict(by_source),
            "seconds_cluster": round(t_add, 1), "cpu_seconds_cluster": round(c_add, 1), "seconds_save": round(t_save, 2), "seconds_load": round(t_load, 2),
            "state_mb": round(size / 2**20, 1), "rss_after_imports_mb": round(base), "peak_rss_mb": round(peak_mb())}


def phase_incremental(n_base: int = 50_000, n_new: int = 1_000, repeats: int = 3) -> dict:
    """Load + add 1,000 + save on a 50,000 state (best and median of ``repeats``) vs full rebuilds."""
    import shutil
    import statistics

    from extractor.research.dedup.state import CorpusState

    recs = list(read_bulk())
    random.Random(SEED).shuffle(recs)
    base, new = recs[:n_base], recs[n_base:n_base + n_new]
    inc, parts = [], []
    with tempfile.TemporaryDirectory() as tmp:
        st = CorpusState()
        st.add(base)
        st.save(f"{tmp}/base")
        del st
        for k in range(repeats):
            shutil.copytree(f"{tmp}/base", f"{tmp}/run{k}")
            t0, c0 = time.perf_counter(), time.process_time()
            st = CorpusState.load(f"{tmp}/run{k}")
            t_load = time.perf_counter() - t0
            stats = st.add(new)
            t1 = time.perf_counter()
            st.save(f"{tmp}/run{k}")
            inc.append((time.perf_counter() - t0, time.process_time() - c0))
            parts.append((t_load, stats.seconds, time.perf_counter() - t1))
            inc_2plus = sum(1 for s in st.cluster_sizes().values() if s > 1)
            del st
    full = []
    for _ in range(2):
        with tempfile.TemporaryDirectory() as tmp:
            t0, c0 = time.perf_counter(), time.process_time()
            st = CorpusState()
            st.add(base + new)
            st.save(tmp)
            full.append((time.perf_counter() - t0, time.process_time() - c0))
            full_2plus = sum(1 for s in st.cluster_sizes().values() if s > 1)
            del st
    best = min(range(repeats), key=lambda k: inc[k][0])
    wall_inc, cpu_inc = min(w for w, _ in inc), min(c for _, c in inc)
    wall_full, cpu_full = min(w for w, _ in full), min(c for _, c in full)
    return {"base": n_base, "added": stats.added, "repeats": repeats,
            "seconds_incremental_best": round(wall_inc, 2),
            "seconds_incremental_median": round(statistics.median(w for w, _ in inc), 2),
            "best_run_load_add_save": [round(x, 2) for x in parts[best]],
            "seconds_full_rebuild_best": round(wall_full, 1), "ratio": round(wall_inc / wall_full, 4),
            "cpu_seconds_incremental": round(cpu_inc, 2), "cpu_seconds_full_rebuild": round(cpu_full, 1),
            "cpu_ratio": round(cpu_inc / cpu_full, 4), "clusters_2plus_incremental": inc_2plus,
            "clusters_2plus_full": full_2plus, "peak_rss_mb": round(peak_mb())}


# ----------------------------------------------------------------------------- eval

def _cut(text: str, frac: float) -> str:
    end = int(len(text) * frac)
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[:end]


EDITS = {
    "header": lambda t: "Tin tức - Thời sự | Cập nhật lúc 08:30\n" + t.split("\n", 1)[-1]
    if "\n" in t else "Tin tức - Thời sự\n" + t,
    "credit": lambda t: t + "\n(Theo Báo Nhân Dân điện tử)",
    "trunc80": lambda t: _cut(t, 0.8),
    "merged": lambda t: " ".join(t.split("\n")),
    "all4": lambda t: "Tin tức - Thời sự\n" + " ".join(_cut(t, 0.8).split("\n")[1:] or [_cut(t, 0.8)])
    + "\nNguồn: Báo điện tử Đảng Cộng sản",
    "trunc60": lambda t: _cut(t, 0.6),
    "trunc50": lambda t: _cut(t, 0.5),
}


def phase_eval(n_orig: int = 500, n_pairs: int = 2000) -> dict:
    from extractor.research.dedup.minhash import shingles
    from extractor.research.dedup.state import CorpusState

    recs = list(read_bulk())
    rng = random.Random(SEED)
    originals = rng.sample(recs, n_orig)
    copies = [{"id": f"copy:{k}:{o['id']}", "text": f(o["text"]), "date": None, "orig": o["id"], "kind": k}
              for o in originals for k, f in EDITS.items()]
    sk = CorpusState()
    t0 = time.perf_counter()
    sigs = [sk.sketch(r["text"]) for r in recs]
    csigs = [sk.sketch(r["text"]) for r in copies]
    t_sketch = time.perf_counter() - t0
    texts = {r["id"]: r["text"] for r in recs}
    out = {"originals": n_orig, "copies": len(copies), "seconds_sketch": round(t_sketch, 1), "by_threshold": {}}
    for th in THRESHOLDS:
        st = CorpusState(threshold=th)
        st.add(recs, sigs)
        before = {st.ids[i]: st.find(i) for i in range(len(st.ids))}
        fam_size = Counter(before.values())
        # precision over the bulk's own clusters: member vs canonical, exact shingle containment
        pairs = [(a, c) for a, _cid, c in st.clusters() if a != c]
        sample = random.Random(SEED).sample(pairs, min(n_pairs, len(pairs)))
        good = 0
        for a, c in sample:
            sa, sc = shingles(texts[a]), shingles(texts[c])
            good += len(sa & sc) / max(1, min(len(sa), len(sc))) >= 0.8
        st.add(copies, csigs)
        root = {aid: st.find(i) for i, aid in enumerate(st.ids)}
        members = Counter(root.values())
        recall = Counter()
        clean = 0
        for c in copies:
            recall[c["kind"]] += root[c["id"]] == root[c["orig"]]
            # the family: the original's cluster before copies came, plus its copies
            fam = fam_size[before[c["orig"]]] + len(EDITS)
            clean += root[c["id"]] == root[c["orig"]] and members[root[c["id"]]] <= fam
        out["by_threshold"][th] = {
            "recall": {k: round(v / n_orig, 3) for k, v in recall.items()},
            "recall_listed_edits": round(sum(recall[k] for k in ("header", "credit", "trunc80", "merged", "all4"))
                                         / (5 * n_orig), 4),
            "copies_in_clean_cluster": round(clean / len(copies), 4),
            "bulk_pairs": len(pairs), "bulk_pairs_checked": len(sample),
            "bulk_pair_precision_containment80": round(good / max(1, len(sample)), 4),
            "clusters_2plus_bulk": sum(1 for s in fam_size.values() if s > 1)}
        del st
    return out


PHASES = {"full": phase_full, "incremental": phase_incremental, "eval": phase_eval}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--phase", choices=[*PHASES, "all"], default="all")
    p.add_argument("--json", default=None, help="also write the figures here")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if not BULK.exists():
        print(f"bench_dedup: {BULK} not present", file=sys.stderr)
        return 2
    if args.child:
        print(json.dumps(PHASES[args.phase]()))
        return 0
    results = {}
    for ph in (PHASES if args.phase == "all" else [args.phase]):
        proc = subprocess.run([sys.executable, __file__, "--phase", ph, "--child"], capture_output=True, text=True)
        if proc.returncode:
            print(proc.stderr, file=sys.stderr)
            return proc.returncode
        results[ph] = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"== {ph}\n{json.dumps(results[ph], indent=1, ensure_ascii=False)}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
