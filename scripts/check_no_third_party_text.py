#!/usr/bin/env python3
"""Fail when project files contain runs of words copied from third-party text.

The development passages (../shared/dev), the in-domain reading passages (../shared/indomain)
and the bulk corpus are for measurement only: no excerpt may enter the code, patterns, tests or
docs. This lists every project file that shares a run of N consecutive words (default 10) with a
dev passage, or of M words (default 12) with an in-domain passage.

Why these lengths: with 20 dev passages a 6-word run was a fair copy detector; with all 80
released (2026-12-03) and the 502 in-domain passages beside them, runs of 6 to 9 words are
mostly the field's stock formulae (title chains such as "Ủy viên Ban Thường vụ, Trưởng Ban Dân
vận Tỉnh ủy", document titles, slogans) that every article of the field repeats. A copied
sentence is longer than 10 words, so a 10-word run still catches any copied sentence; 12 is the
run length the in-domain set itself was de-duplicated with. Runs made only of the names of
bodies and posts, or inside one of the FORMULAE below, are vocabulary, not excerpts.

    python scripts/check_no_third_party_text.py [--words 10] [--indomain-words 12]
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
INDOMAIN = ROOT.parent / "shared" / "indomain" / "passages.jsonl"
SEEDS = ROOT / "corpus"
WORD = re.compile(r"\w+")
#: Official names of bodies and posts are vocabulary, not excerpts: runs made only of these words
#: are allowed (e.g. "Ban Tuyên giáo và Dân vận Thành ủy", "Ủy viên Ban Thường vụ, Trưởng ban").
BODY_WORDS = set("""ban tuyên giáo và dân vận thành huyện tỉnh thị ủy uỷ chấp hành đảng bộ hội đồng thi đua khen
thưởng ủy mặt trận tổ quốc việt nam thường vụ trung ương chính trị bộ quân sự nhân dân ủy ban mttq ubnd hđnd
của trưởng phó chủ tịch bí thư viên tổ chức trực""".split())
#: Stock formulae of the movement that nearly every article about it quotes: its full name, the
#: slogan of grassroots democracy, and the title of the Quy chế that frames mass mobilisation.
FORMULAE = [
    "phong trào thi đua dân vận khéo trên tất cả các lĩnh vực của đời sống xã hội",
    "phương châm dân biết dân bàn dân làm dân kiểm tra dân giám sát dân thụ hưởng",
    "quy chế công tác dân vận của hệ thống chính trị",
]


def shingles(text: str, n: int) -> set[tuple[str, ...]]:
    words = [w.casefold() for w in WORD.findall(text)]
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def passage_runs(path: Path, n: int, into: dict[tuple[str, ...], str]) -> None:
    """Add every n-word run of the passages in ``path`` (JSONL with ``id``, ``text``) to ``into``."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        for sh in shingles(rec["text"], n):
            into.setdefault(sh, rec["id"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=10)
    ap.add_argument("--indomain-words", type=int, default=12)
    a = ap.parse_args(argv)
    if not DEV.is_file():
        print(f"{DEV} not present: nothing to check")
        return 0
    third: dict[tuple[str, ...], str] = {}
    passage_runs(DEV, a.words, third)
    passage_runs(INDOMAIN, a.indomain_words, third)
    lengths = {a.words, a.indomain_words}
    # Runs that are also in the project's own sample articles (corpus/) are the seeds' words.
    allowed: set[tuple[str, ...]] = set()
    for n in lengths:
        for p in SEEDS.glob("*.txt"):
            allowed |= shingles(p.read_text(encoding="utf-8"), n)
        for formula in FORMULAE:
            allowed |= shingles(formula, n)
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.split()
    bad = 0
    for f in files:
        p = ROOT / f
        if p.suffix not in {".py", ".yaml", ".yml", ".md", ".json", ".txt", ".csv", ".html"} or f.startswith("corpus/"):
            continue
        if "data/gazetteer" in f or not p.is_file():
            continue
        content = p.read_text(encoding="utf-8", errors="replace")
        runs = set().union(*(shingles(content, n) for n in lengths))
        hits = {h for h in runs & third.keys() if h not in allowed and not set(h) <= BODY_WORDS}
        if hits:
            bad += 1
            sample = sorted(" ".join(h) for h in hits)[:5]
            print(f"{f}: {len(hits)} runs shared with dev or in-domain passages, e.g. {sample}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
