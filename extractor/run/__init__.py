"""Many articles through one pipeline: the worker pool, Dask, resume, progress.

- :mod:`.article` — one ingested item to its record or error line, within the time bound;
- :mod:`.pool` — :func:`~.pool.process_json_stream`: records in input order, in this process
  or on local worker processes (dead and hung workers replaced);
- :mod:`.dask_engine` — the same on a Dask cluster;
- :mod:`.resume` — ids already done, torn tails, ids made unique;
- :mod:`.progress` — the progress bar;
- :mod:`.batch` — :func:`~.batch.run_batch`: a stream of articles into output files.

This ``__init__`` imports nothing (the CLI pays for Dask or tqdm only when it uses them).
:mod:`extractor.api` re-exports the per-article and stream functions; nothing here imports it.
"""
