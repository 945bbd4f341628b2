"""CPU seconds per pipeline stage on a fixed bulk sample, and the start-up cost.

Less noisy than wall time on a shared machine (CPU time of this process only), so a
change to one stage can be compared before/after while other jobs run::

    python scripts/stage_profile.py --bulk 1000          # per-stage CPU seconds
    python scripts/stage_profile.py --bulk 300 --profile officials   # cProfile of one stage

Reads ``../shared/bulk`` beside the checkout (through ``scripts/bench.py``'s sampler).
"""
from __future__ import annotations

import argparse
import cProfile
import functools
import importlib
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (the sampler and the stage table live there)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bulk", type=int, default=1000, help="bulk articles (fixed seed)")
    ap.add_argument("--profile", choices=sorted(bench.STAGES), help="cProfile this stage only")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args(argv)

    t0 = time.process_time()
    from extractor.io.ingest import RawArticle  # noqa: PLC0415
    from extractor.pipeline import extract_article, preload  # noqa: PLC0415
    t_import = time.process_time() - t0
    preload()
    t_preload = time.process_time() - t0 - t_import

    cpu = dict.fromkeys(bench.STAGES, 0.0)
    prof = cProfile.Profile() if args.profile else None

    def timed(name: str, fn):
        @functools.wraps(fn)
        def wrapper(*a, **kw):
            s = time.process_time()
            if prof is not None and name == args.profile:
                prof.enable()
            try:
                return fn(*a, **kw)
            finally:
                if prof is not None and name == args.profile:
                    prof.disable()
                cpu[name] += time.process_time() - s
        return wrapper

    for name, (module, attr) in bench.STAGES.items():
        mod = importlib.import_module(module)
        setattr(mod, attr, timed(name, getattr(mod, attr)))

    texts = bench.sample_texts(args.bulk)
    start = time.process_time()
    for x in texts:
        extract_article(RawArticle(id=x["id"], text=x["text"], published=x.get("date")))
    total = time.process_time() - start
    print(f"start-up CPU: imports {t_import:.2f} s, preload {t_preload:.2f} s")
    print(f"{len(texts)} articles, {total:.2f} CPU s, {len(texts) / total:.1f} articles per CPU s")
    for name, s in sorted(cpu.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<10} {s:7.2f} s  {s / total:6.1%}")
    other = total - sum(cpu.values())
    print(f"  {'other':<10} {other:7.2f} s  {other / total:6.1%}")
    if prof is not None:
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
