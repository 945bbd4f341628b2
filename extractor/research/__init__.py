"""Research rooms over records: what a researcher does with ``extractor extract`` output.

Every room reads records through :mod:`.records` (one reader, one "records file exists"
check) and writes its own outputs; none imports the extraction pipeline, and none imports
another room (shared pieces live here: :mod:`.records`, :mod:`.qualifiers`,
:mod:`.render`, :mod:`.dataset`). Floors and rooms: ``docs/architecture.md``.

- :mod:`.dataset` — records → flat tables (``extractor export``)
- :mod:`.check` — counts and documents against official registers (``extractor check``)
- :mod:`.dedup` — near-duplicates, merged facts and citations, series (``extractor dedup``, ``extractor series``)
- :mod:`.review` — the HTML review report (``extractor review``)
"""
