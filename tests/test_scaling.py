"""Every stage is linear (issue 23): input ×2 → time ≤ ×2.5 on constructed worst cases.

Each stage function is timed alone (min of 3 runs, robust to a loaded machine) on each
worst case at two sizes; the test is the ratio, not a time. A run past ``CAP`` seconds is
stopped by the watchdog and counts as super-linear. ``python tests/test_scaling.py`` prints
the table of time against input size (1 k, 10 k, 100 k, 1 M characters).

Stages of other helpers that fail are marked ``xfail(strict=True)`` by name in ``KNOWN``,
so the mark must go (the test then fails as XPASS) once the stage is fixed.
"""
from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable

import pytest

from extractor.bound import ArticleTimeout, run_bounded
from extractor.fields import counts as counts_field
from extractor.fields import documents as documents_field
from extractor.fields import figures as figures_field
from extractor.fields import models as models_field
from extractor.fields import officials as officials_field
from extractor.fields import places as places_field
from extractor.fields import relevance as relevance_field
from extractor.io.ingest import RawArticle
from extractor.pipeline import preload
from extractor.text import clean as clean_stage
from extractor.text.segment import ArticleText

#: The constructed worst cases: a unit repeated to the wanted size.
CASES: dict[str, str] = {
    "cue-words": "mô hình dân vận khéo trong đó gồm tổng số có hơn ",  # one long sentence of cue words
    "mo-hinh": "mô hình ",  # the cue word of models and counts, repeated
    "capitalised": "Nguyễn Văn An Hoà Bình Chợ Đồn Bí Thư ",  # a long run of capitalised words
    "digits": "1234567890",
    "numbers": "12.345 ",
    "quotes": "“mô hình ",
    "dots": ".",
    "so-1-dash": "số 1-",
}
SIZES = (1_000, 10_000, 100_000, 1_000_000)
SMALL = 100_000  # the test compares SMALL with 2 × SMALL (large enough to dwarf timer noise)
CAP = 20.0  # seconds for one run of one stage; past it the stage is taken as super-linear
RATIO = 2.5
RUNS = 5  # min of RUNS interleaved runs per size
#: (stage, case) pairs known to be super-linear in stages this branch does not own:
#: reported to the lead; remove the entry once the stage is fixed.
KNOWN: set[tuple[str, str]] = set()  # models on cue-words / "mô hình " × n: fixed on main (merged)


def text_of(case: str, size: int) -> str:
    unit = CASES[case]
    return (unit * (size // len(unit) + 1))[:size]


def _doc(text: str) -> ArticleText:
    cleaned = clean_stage.clean(RawArticle(id="s", text=text))
    return ArticleText(cleaned.text, cleaned.zones, published=cleaned.published, title=cleaned.title,
                       outlet=cleaned.outlet)


#: stage → (build its input from the text, run the stage on it); only the run is timed.
_STAGES: dict[str, tuple[Callable[[str], object], Callable[[object], object]]] = {
    "clean": (lambda t: RawArticle(id="s", text=t), clean_stage.clean),
    "segment": (lambda t: clean_stage.clean(RawArticle(id="s", text=t)),
                lambda c: ArticleText(c.text, c.zones, published=c.published, title=c.title, outlet=c.outlet)),
    "places": (_doc, places_field.extract_places),
    "documents": (_doc, documents_field.extract_documents),
    "counts": (_doc, lambda d: counts_field.extract_counts(d, localities=[], locality=None)),
    "figures": (_doc, lambda d: figures_field.extract_figures(d, counts=[], documents=[])),
    "officials": (_doc, lambda d: officials_field.extract_officials(d, authors=[], photo_credits=[])),
    "models": (_doc, lambda d: models_field.extract_models(d, localities=[])),
    "relevance": (_doc, relevance_field.about_movement),
}
STAGES = tuple(_STAGES)


def stage_seconds(stage: str, text: str, runs: int = 3, cap: float = CAP) -> float:
    """Min over ``runs`` of one stage on ``text`` (a fresh input each run); inf past ``cap``."""
    preload()
    build, run = _STAGES[stage]
    best = float("inf")
    for _ in range(runs):
        arg = build(text)
        gc.collect()
        gc.disable()  # the stage's own work: a collection of earlier garbage is noise
        started = time.perf_counter()
        try:
            run_bounded(lambda arg=arg: run(arg), cap)
        except ArticleTimeout:
            return float("inf")
        finally:
            gc.enable()
        best = min(best, time.perf_counter() - started)
    return best


PAIRS = [(s, c) for s in STAGES for c in CASES]


def _ratio_holds(stage: str, case: str) -> tuple[bool, str]:
    small_text, large_text = text_of(case, SMALL), text_of(case, 2 * SMALL)
    small = large = float("inf")
    for _ in range(RUNS):  # interleaved, so a change of machine load hits both sizes alike
        small = min(small, stage_seconds(stage, small_text, runs=1))
        if small >= CAP:
            return False, f"{stage} on {case}: over {CAP:g} s at {SMALL:,} characters"
        large = min(large, stage_seconds(stage, large_text, runs=1))
    floor = 0.05  # below 50 ms the ratio is timer noise on a loaded machine: linear enough
    return large <= RATIO * max(small, floor), f"{stage} on {case}: {small:.3f} s → {large:.3f} s"


@pytest.mark.slow
@pytest.mark.parametrize(("stage", "case"), [
    pytest.param(s, c, marks=pytest.mark.xfail(strict=True, reason=f"{s} is super-linear on {c} (another helper's stage)"))
    if (s, c) in KNOWN else (s, c) for s, c in PAIRS], ids=[f"{s}-{c}" for s, c in PAIRS])
def test_stage_is_linear(stage, case):
    # A burst of load from other processes can break one measurement; a super-linear stage
    # breaks every one. Up to three measurements, the stage fails only if all do.
    verdicts = []
    for _ in range(3):
        ok, why = _ratio_holds(stage, case)
        verdicts.append(why)
        if ok or why.endswith("characters"):
            break
    assert ok, "; ".join(verdicts)


def table(sizes: tuple[int, ...] = SIZES, cap: float = 60.0) -> str:
    """Markdown table: seconds per stage per worst case per size (1 run; '>cap' when stopped)."""
    rows = ["| stage | case | " + " | ".join(f"{n:,}" for n in sizes) + " |",
            "|---|---|" + "---|" * len(sizes)]
    for stage in STAGES:
        for case in CASES:
            cells, stopped = [], False
            for n in sizes:
                t = float("inf") if stopped else stage_seconds(stage, text_of(case, n), runs=1, cap=cap)
                stopped = t == float("inf")
                cells.append(f">{cap:g}" if stopped else f"{t:.3f}")
            rows.append(f"| {stage} | {case} | " + " | ".join(cells) + " |")
            print(rows[-1], file=sys.stderr, flush=True)
    return "\n".join(rows)


if __name__ == "__main__":
    wanted = tuple(int(x) for x in sys.argv[1:]) or SIZES
    print(table(wanted))
