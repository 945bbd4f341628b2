"""HTML and SVG pieces every research page and chart shares: escaping and round axis steps."""
from __future__ import annotations

import html
import math
from typing import Any


def esc(value: Any) -> str:
    """Escape any value for HTML/SVG text or a quoted attribute.

    >>> esc('<script>alert("Bắc Kạn")</script>')
    '&lt;script&gt;alert(&quot;Bắc Kạn&quot;)&lt;/script&gt;'
    >>> esc(None)
    ''
    """
    return "" if value is None else html.escape(str(value), quote=True)


def nice_max(v: float) -> float:
    """The smallest 1, 2 or 5 × 10^k at least ``v``.

    >>> nice_max(2011), nice_max(0), nice_max(50)
    (5000, 1, 50)
    """
    if v <= 0:
        return 1
    k = 1
    while k * 10 <= v:
        k *= 10
    for m in (1, 2, 5, 10):
        if m * k >= v:
            return m * k
    return 10 * k  # pragma: no cover


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """About ``n`` axis ticks on round steps (1, 2, 2.5, 5 × 10^k) covering ``[lo, hi]``.

    >>> nice_ticks(0, 2011)
    [0, 500, 1000, 1500, 2000, 2500]
    """
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(s * mag for s in (1, 2, 2.5, 5, 10) if s * mag >= raw)
    start = math.floor(lo / step) * step
    return [start + k * step for k in range(int(math.ceil((hi - start) / step)) + 1)]
