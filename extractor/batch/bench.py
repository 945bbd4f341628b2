"""``extractor bench``: throughput and memory of the pipeline against underthesea, same texts.

Each measurement runs in a child process of its own (``python -m extractor.batch.bench
--child MODE TEXTS.jsonl``), so its peak RSS is its own and imports are paid once, before
the clock starts (a warm-up article is processed first). Texts: the sample corpus plus,
when ``../shared/bulk`` is present, a fixed random sample of its articles (seeded, so runs
compare). Modes:

- ``full``: the whole pipeline, one process;  ``full2``: two worker processes;
- ``documents``: ``fields=["documents"]`` only (issue 12's cheap path);
- ``word_tokenize``: underthesea's ``word_tokenize`` on every text;
- ``ner``: underthesea's ``ner`` on a subset (it is ~100× slower), reported per character;
- ``rss10x``: the pipeline streaming over 10× the texts, for memory growth;
- ``stages``: the whole pipeline, one process, each stage function of
  ``extractor/pipeline.py`` timed through a wrapper put on its module (pipeline.py itself is
  not touched): the share of the pipeline's time per stage. Sentence and word segmentation
  run on demand, inside the stage that first asks; ``other`` is the rest (the record, its
  JSON, the per-article alarm).

Besides the time of the measured loop, each child's whole-process wall time (start,
imports, warm-up, loop, exit) is taken, so the ratio against ``word_tokenize`` is given
both ways. The whole-corpus projection scales the 1-worker throughput to the bulk
corpus's size for N workers, with the parallel efficiency measured at 2 workers (beyond
the cores of the machine it is an extrapolation, and says so).
"""
from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

BULK = Path(__file__).resolve().parents[3] / "shared" / "bulk" / "articles.jsonl.gz"
CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _peak_rss_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024.0  # Linux: KiB


def _texts(path: Path) -> Iterator[dict]:
    """The texts of a bench file, streamed (the harness must not hold the corpus in memory)."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def _child(mode: str, path: Path) -> dict:
    """Run one measurement in this process; return its figures."""
    chars = 0

    def counted(items: Iterator[dict]) -> Iterator[dict]:
        nonlocal chars
        for x in items:
            chars += len(x["text"])
            yield x

    first = next(_texts(path))
    stage_seconds: dict[str, float] = {}
    if mode == "stages":
        stage_seconds = _time_stages()
    if mode in ("full", "full2", "documents", "rss10x", "stages"):
        from extractor.api import process_json_stream
        from extractor.io.ingest import RawArticle

        fields = ["documents"] if mode == "documents" else None
        warm = RawArticle(id="warm-up", text=first["text"])
        list(process_json_stream([warm], workers=1, fields=fields))  # imports, patterns, gazetteer
        for k in stage_seconds:
            stage_seconds[k] = 0.0
        workers = 2 if mode == "full2" else 1
        raws = (RawArticle(id=x["id"], text=x["text"], published=x.get("date")) for x in counted(_texts(path)))
        start = time.perf_counter()
        n = sum(1 for _ in process_json_stream(raws, workers=workers, fields=fields))
        seconds = time.perf_counter() - start
    elif mode == "word_tokenize":
        from underthesea import word_tokenize

        word_tokenize(first["text"][:200])
        start = time.perf_counter()
        n = sum(1 for x in counted(_texts(path)) if word_tokenize(x["text"]) is not None)
        seconds = time.perf_counter() - start
    elif mode == "ner":
        from underthesea import ner

        ner(first["text"][:200])
        start = time.perf_counter()
        n = 0
        for x in counted(_texts(path)):
            for line in x["text"].split("\n"):  # ner works sentence by sentence
                if line.strip():
                    ner(line)
            n += 1
        seconds = time.perf_counter() - start
    else:
        raise SystemExit(f"unknown mode {mode}")
    rss = max(_peak_rss_mb(), _peak_rss_mb(children=True))
    out = {"mode": mode, "articles": n, "chars": chars, "seconds": seconds, "peak_rss_mb": rss}
    if mode == "stages":
        out["stage_seconds"] = dict(stage_seconds)  # reset after the warm-up article
    return out


#: The stage functions ``extractor/pipeline.py`` calls, by module (as it names them).
STAGES = {
    "clean": ("extractor.text.clean", "clean"),
    "places": ("extractor.fields.places", "extract_places"),
    "documents": ("extractor.fields.documents", "extract_documents"),
    "counts": ("extractor.fields.counts", "extract_counts"),
    "figures": ("extractor.fields.figures", "extract_figures"),
    "officials": ("extractor.fields.officials", "extract_officials"),
    "models": ("extractor.fields.models", "extract_models"),
}


def _time_stages() -> dict[str, float]:
    """Wrap each stage function on its module with a timer; returns the (live) seconds per stage.

    The pipeline looks its stage functions up on their modules at every call
    (``places_field.extract_places``), so a wrapper put there is what it calls.
    """
    import importlib

    seconds = dict.fromkeys(STAGES, 0.0)

    def timed(name: str, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                seconds[name] += time.perf_counter() - t0
        return wrapper

    for name, (module, attr) in STAGES.items():
        mod = importlib.import_module(module)
        setattr(mod, attr, timed(name, getattr(mod, attr)))
    return seconds


def _run_child(mode: str, path: Path) -> dict:
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "extractor.batch.bench", "--child", mode, str(path)],
                         capture_output=True, text=True, check=True)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures["process_seconds"] = time.perf_counter() - t0  # start, imports, warm-up, loop, exit
    return figures


def sample_texts(n_bulk: int, seed: int = 13, totals: dict | None = None) -> list[dict]:
    """The sample corpus plus ``n_bulk`` bulk articles drawn with a fixed seed.

    Args:
        totals: if given, receives the bulk corpus's ``articles`` and ``chars`` (read in the
            same pass).
    """
    texts = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(CORPUS.glob("*.txt"))]
    if n_bulk and BULK.is_file():
        rng = random.Random(seed)
        chosen: list[dict] = []
        with gzip.open(BULK, "rt", encoding="utf-8") as fh:  # reservoir sample: one pass, flat memory
            n_all = chars_all = 0
            for i, line in enumerate(fh):
                n_all += 1
                if totals is not None:
                    chars_all += len(json.loads(line)["text"])
                if len(chosen) < n_bulk:
                    chosen.append(json.loads(line))
                else:
                    j = rng.randint(0, i)
                    if j < n_bulk:
                        chosen[j] = json.loads(line)
            if totals is not None:
                totals.update(articles=n_all, chars=chars_all)
        texts += [{"id": x["id"], "text": x["text"], "date": x.get("date")} for x in chosen]
    return texts


def stage_shares(stages: dict) -> dict[str, float]:
    """Share of the pipeline's time per stage (``other``: the rest of the loop).

    >>> stage_shares({"seconds": 10.0, "stage_seconds": {"places": 4.0, "counts": 5.0}})
    {'places': 0.4, 'counts': 0.5, 'other': 0.1}
    """
    total = stages["seconds"]
    out = {k: v / total for k, v in stages["stage_seconds"].items()}
    out["other"] = max(0.0, 1.0 - sum(out.values()))
    return {k: round(v, 4) for k, v in out.items()}


def projection(chars: int, articles: int, one: dict, two: dict, workers: tuple[int, ...] = (1, 2, 4, 8),
               cores: int | None = None) -> list[dict]:
    """Hours to extract a corpus of ``chars`` characters on N workers.

    One worker runs at the measured 1-worker throughput; N workers at N times it, scaled by
    the parallel efficiency measured at 2 workers (``two`` against ``one``). Beyond the
    machine's cores the figure is an extrapolation (``measured`` false).

    >>> [round(r["hours"], 2) for r in projection(3_600_000, 10, {"chars_per_s": 1000.0},
    ...                                           {"chars_per_s": 1800.0}, (1, 2), cores=2)]
    [1.0, 0.56]
    """
    cores = cores or os.cpu_count() or 1
    eff = two["chars_per_s"] / one["chars_per_s"] / 2
    rows = []
    for n in workers:
        cps = one["chars_per_s"] * (1 if n == 1 else n * eff)
        rows.append({"workers": n, "hours": chars / cps / 3600, "articles_per_s": articles / (chars / cps),
                     "measured": n <= min(cores, 2)})
    return rows


def run(n_bulk: int = 300, ner_articles: int = 30) -> dict:
    """All measurements; returns the figures and prints a table."""
    totals: dict = {}
    texts = sample_texts(n_bulk, totals=totals)
    with tempfile.TemporaryDirectory() as tmp:
        main_file = Path(tmp) / "texts.jsonl"
        main_file.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in texts) + "\n", encoding="utf-8")
        ner_file = Path(tmp) / "ner.jsonl"
        ner_file.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in texts[:ner_articles]) + "\n",
                            encoding="utf-8")
        big_file = Path(tmp) / "big.jsonl"
        with open(big_file, "w", encoding="utf-8") as fh:
            for k in range(10):
                for x in texts:
                    fh.write(json.dumps({**x, "id": f"{x['id']}#{k}"}, ensure_ascii=False) + "\n")
        results = {m: _run_child(m, main_file) for m in ("full", "full2", "documents", "word_tokenize", "stages")}
        results["ner"] = _run_child("ner", ner_file)
        results["rss10x"] = _run_child("rss10x", big_file)
    rows = []
    for r in results.values():
        r["articles_per_s"] = r["articles"] / r["seconds"]
        r["chars_per_s"] = r["chars"] / r["seconds"]
        rows.append(r)
    full, wt, ner = results["full"], results["word_tokenize"], results["ner"]
    ratios = {
        "full / word_tokenize (chars/s)": full["chars_per_s"] / wt["chars_per_s"],
        # the same direction as the line above (> 1: the pipeline is faster), on the wall time of
        # each whole child process: start, imports, models, warm-up, the texts, exit
        "full / word_tokenize (whole process)": wt["process_seconds"] / full["process_seconds"],
        "full / ner (chars/s)": full["chars_per_s"] / ner["chars_per_s"],
        "2 workers / 1 worker": results["full2"]["chars_per_s"] / full["chars_per_s"],
        "documents-only / full": results["documents"]["chars_per_s"] / full["chars_per_s"],
        "peak RSS 10x input / 1x": results["rss10x"]["peak_rss_mb"] / full["peak_rss_mb"],
    }
    shares = stage_shares(results["stages"])
    corpus = totals if totals else {"articles": len(texts), "chars": sum(len(x["text"]) for x in texts)}
    proj = projection(corpus["chars"], corpus["articles"], full, results["full2"])
    print(f"texts: {len(texts)} articles, {sum(len(x['text']) for x in texts):,} chars "
          f"({'with' if BULK.is_file() and n_bulk else 'without'} ../shared/bulk sample); ner on {ner_articles}")
    print(f"{'mode':<15}{'articles':>9}{'seconds':>10}{'process s':>11}{'art/s':>10}{'chars/s':>12}"
          f"{'peak RSS MB':>13}")
    for r in rows:
        print(f"{r['mode']:<15}{r['articles']:>9}{r['seconds']:>10.2f}{r['process_seconds']:>11.2f}"
              f"{r['articles_per_s']:>10.1f}{r['chars_per_s']:>12,.0f}{r['peak_rss_mb']:>13.0f}")
    for k, v in ratios.items():
        print(f"{k:<38}{v:>8.2f}")
    print("share of the pipeline's time per stage (segmentation runs inside the stage that asks first):")
    for k, v in shares.items():
        print(f"  {k:<12}{v:>7.1%}  {v * results['stages']['seconds']:>8.2f} s")
    print(f"whole-corpus projection: {corpus['articles']:,} articles, {corpus['chars']:,} chars"
          f"{' (../shared/bulk)' if totals else ' (the texts above)'}; efficiency measured at 2 workers "
          f"{ratios['2 workers / 1 worker'] / 2:.0%}")
    for r in proj:
        note = "" if r["measured"] else "  (extrapolated: more workers than measured)"
        print(f"  {r['workers']:>2} worker(s): {r['hours'] * 60:>8.1f} min  ({r['articles_per_s']:.1f} art/s){note}")
    return {"results": results, "ratios": ratios, "stage_shares": shares, "corpus": corpus, "projection": proj}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="extractor bench", description=__doc__.splitlines()[0])
    ap.add_argument("--child", nargs=2, metavar=("MODE", "TEXTS"), help=argparse.SUPPRESS)
    ap.add_argument("--bulk", type=int, default=300, help="bulk articles to sample (0: the sample corpus only)")
    ap.add_argument("--ner-articles", type=int, default=30, help="articles for underthesea's ner")
    ap.add_argument("--json", default=None, help="write the figures here")
    a = ap.parse_args(argv)
    if a.child:
        print(json.dumps(_child(a.child[0], Path(a.child[1]))))
        return 0
    figures = run(a.bulk, a.ner_articles)
    if a.json:
        Path(a.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
