"""Tunables in one place, each with why it has its value. One :class:`Settings` is passed down."""
from __future__ import annotations

from dataclasses import dataclass

#: The record fields an extraction can be restricted to (``extract(fields=...)``).
FIELDS = ("localities", "documents", "counts", "figures", "officials", "models")


@dataclass(frozen=True)
class Settings:
    #: A stage slower than this on one article adds a warning. The median stage takes
    #: well under 10 ms on a seed article; 5 s only flags pathological input.
    slow_stage_seconds: float = 5.0
    #: Bound on one article (issues 10, 23): an article still running after this becomes a
    #: retryable ``timeout`` error line, on every engine (a watchdog thread, no signal).
    #: The slowest of the 57,783 bulk articles takes far less; 30 s leaves room for a
    #: loaded machine. 0 = no bound.
    article_timeout_seconds: float = 30.0
    #: Extra time a worker process gets past the bound before the pool kills it: the
    #: watchdog interrupts Python code at once, so only a single long C call (one huge regex
    #: match) ever reaches this. A worker that *dies* is seen at once, not after this.
    worker_grace_seconds: float = 15.0
    #: Inputs larger than this (characters) are refused as one article: the longest real
    #: article of the bulk corpus has 76k characters; 2 M is past any page.
    max_chars: int = 2_000_000
