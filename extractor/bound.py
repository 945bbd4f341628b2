"""A per-article time bound that holds in any thread, on any engine (issue 23).

A watchdog thread (one per process, started on first use) holds the deadline of every
bounded call. When a deadline passes it raises :class:`ArticleTimeout` *in the thread that
runs the article* (``PyThreadState_SetAsyncExc``), so the bound holds in the main thread of
the CLI, in a worker process and in a Dask worker thread alike, with no signal involved.

``ArticleTimeout`` is a :class:`BaseException`: the ``except Exception`` guards of the
pipeline and of the field modules let it through, so a timed-out article always ends as
one error line (``stage: "timeout"``), never as a record with a warning.

The exception is delivered between two bytecodes: a single C call that runs long (one huge
regular-expression match) is interrupted when it returns. Worker processes have a second,
hard bound on top: the parent kills a worker whose article overruns the bound by
``Settings.worker_grace_seconds`` (:mod:`extractor.api`).
"""
from __future__ import annotations

import ctypes
import heapq
import itertools
import os
import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class ArticleTimeout(BaseException):  # noqa: N818 - the name says what happened
    """An article ran past ``Settings.article_timeout_seconds``."""


_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = (ctypes.c_ulong, ctypes.c_void_p)  # exception class, or NULL to clear
_set_async_exc.restype = ctypes.c_int


class _Call:
    """One bounded call: its thread, deadline and state (guarded by the watchdog's lock)."""

    __slots__ = ("deadline", "done", "fired", "thread_id")

    def __init__(self, thread_id: int, deadline: float):
        self.thread_id = thread_id
        self.deadline = deadline
        self.done = False
        self.fired = False


class _Watchdog:
    """The deadlines of one process and the thread that enforces them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.wake = threading.Condition(self.lock)
        self.heap: list[tuple[float, int, _Call]] = []
        self.order = itertools.count()
        self.pid = -1

    def _ensure_thread(self) -> None:
        # threads do not survive fork: a forked worker starts its own watchdog
        if self.pid == os.getpid():
            return
        with _START:
            if self.pid == os.getpid():
                return
            self.lock = threading.Lock()
            self.wake = threading.Condition(self.lock)
            self.heap = []
            threading.Thread(target=self._run, name="extractor-watchdog", daemon=True).start()
            self.pid = os.getpid()

    def arm(self, seconds: float) -> _Call:
        call = _Call(threading.get_ident(), time.monotonic() + seconds)
        self._ensure_thread()
        with self.lock:
            heapq.heappush(self.heap, (call.deadline, next(self.order), call))
            self.wake.notify()
        return call

    def disarm(self, call: _Call) -> None:
        with self.lock:
            call.done = True
            if call.fired:  # fired but not delivered yet: take it back
                _set_async_exc(call.thread_id, None)

    def _run(self) -> None:
        lock, wake = self.lock, self.wake
        with lock:
            while True:
                now = time.monotonic()
                while self.heap and (self.heap[0][2].done or self.heap[0][0] <= now):
                    _, _, call = heapq.heappop(self.heap)
                    if not call.done:
                        call.fired = True
                        _set_async_exc(call.thread_id, id(ArticleTimeout))  # id() is the address in CPython
                wake.wait(self.heap[0][0] - now if self.heap else None)


_START = threading.Lock()
_WATCHDOG = _Watchdog()


def run_bounded(fn: Callable[[], T], seconds: float) -> T:
    """``fn()``, or :class:`ArticleTimeout` raised in this thread once ``seconds`` have passed.

    ``seconds <= 0`` means no bound.

    >>> run_bounded(lambda: 6 * 7, 5)
    42
    """
    if seconds <= 0:
        return fn()
    call = _WATCHDOG.arm(seconds)
    try:
        return fn()
    finally:
        _WATCHDOG.disarm(call)
