"""``--engine dask``: the articles of a run on a Dask cluster (Dask imported only here)."""
from __future__ import annotations

import collections
import itertools
import logging
from collections.abc import Iterable, Iterator

from ..io.ingest import IngestError, RawArticle
from ..settings import Settings
from .article import process_to_json
from .pool import BATCH_SIZE, IN_FLIGHT


def dask_json_stream(items: Iterable[RawArticle | IngestError], workers: int = 1,
                     fields: list[str] | None = None, settings: Settings | None = None,
                     scheduler: str | None = None) -> Iterator[tuple[bool, str]]:
    """:func:`~extractor.api.process_json_stream` on a Dask cluster, same records, same order.

    ``scheduler`` is the address of a running scheduler (``tcp://host:8786``, started by
    hand or by dask-jobqueue); without it a LocalCluster of ``workers`` processes is
    started. Articles are submitted a window at a time, two windows in flight, and gathered
    in input order.
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover
        raise ImportError("--engine dask needs Dask: pip install 'extractor[dask]'") from exc
    settings = settings or Settings()
    fields_t = tuple(fields) if fields else None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        it = iter(items)
        size = n_workers * IN_FLIGHT * BATCH_SIZE
        pending: collections.deque = collections.deque()

        def submit() -> None:
            window = list(itertools.islice(it, size))
            if window:
                pending.append(client.map(process_to_json, [(raw, fields_t, settings) for raw in window],
                                          pure=False))

        submit()
        submit()  # the next window is queued while this one is gathered: no worker idles between windows
        while pending:
            for fut in pending.popleft():
                yield fut.result()
            submit()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
