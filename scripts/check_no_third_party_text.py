#!/usr/bin/env python3
"""Fail when project files contain runs of words copied from third-party text.

The development passages (../shared/dev) and the bulk corpus are for measurement only:
no excerpt may enter the code, patterns, tests or docs. This lists every project file that
shares a run of N consecutive words (default 6) with a dev passage.

    python scripts/check_no_third_party_text.py [--words 6]
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev" / "passages.jsonl"
SEEDS = ROOT / "corpus"
WORD = re.compile(r"\w+")
#: Official names of bodies are vocabulary, not excerpts: runs made only of these words are
#: allowed (e.g. "Ban Tuyên giáo và Dân vận Thành ủy", "Ban Chấp hành Đảng bộ tỉnh").
BODY_WORDS = set("""ban tuyên giáo và dân vận thành huyện tỉnh thị ủy uỷ chấp hành đảng bộ hội đồng thi đua khen
thưởng ủy mặt trận tổ quốc việt nam thường vụ trung ương chính trị bộ quân sự nhân dân ủy ban mttq ubnd hđnd
của""".split())


def shingles(text: str, n: int) -> set[tuple[str, ...]]:
    words = [w.casefold() for w in WORD.findall(text)]
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=6)
    a = ap.parse_args(argv)
    if not DEV.is_file():
        print(f"{DEV} not present: nothing to check")
        return 0
    dev: dict[tuple[str, ...], str] = {}
    for line in DEV.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        for sh in shingles(rec["text"], a.words):
            dev.setdefault(sh, rec["id"])
    # Runs that are also in the project's own sample articles (corpus/) are the seeds' words.
    seed_sh: set[tuple[str, ...]] = set()
    for p in SEEDS.glob("*.txt"):
        seed_sh |= shingles(p.read_text(encoding="utf-8"), a.words)
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.split()
    bad = 0
    for f in files:
        p = ROOT / f
        if p.suffix not in {".py", ".yaml", ".yml", ".md", ".json", ".txt", ".csv", ".html"} or f.startswith("corpus/"):
            continue
        if "data/gazetteer" in f or not p.is_file():
            continue
        hits = {h for h in (shingles(p.read_text(encoding="utf-8", errors="replace"), a.words) & dev.keys())
                if h not in seed_sh and not set(h) <= BODY_WORDS}
        if hits:
            bad += 1
            sample = sorted(" ".join(h) for h in hits)[:5]
            print(f"{f}: {len(hits)} runs shared with dev passages, e.g. {sample}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
