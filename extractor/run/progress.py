"""The progress bar of a run (tqdm on stderr, imported only when shown)."""
from __future__ import annotations

import sys


def progress_bar(total: int | None, enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="art", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
