"""Check the figures and documents the press reported against official registers.

    extractor check RECORDS... --registry FILE... [--json OUT.json] [--csv OUT.csv]
                    [--html OUT.html] [--strict] [--tolerance 0.1]

A researcher holds a province's register of "Dân vận khéo" models, or a register of party
and state documents, and wants every count and every cited sign of the records checked
against it. The steps, in order:

1. :func:`load_registers` reads CSV/YAML registers (format: ``docs/registry.md``) into
   :class:`CountRow` / :class:`DocumentRow`, resolving unit names to statistics office
   codes through the gazetteer, so that name variants and tone placement do not matter.
2. :func:`check_count` finds the count rows for the same unit (by code; by normalised
   name and level when a side has no code), the same category and an overlapping period,
   and judges the reported value by its qualifier (:func:`judge`).
3. :func:`check_document` finds the document rows with the same sign (or, for
   ``Nghị quyết số 110``, the same kind and number) whose scope is a unit the article
   names, and compares the date, issuer and kind.
4. The record's own arithmetic ``checks`` (``ok`` / ``mismatch``) join the report.
5. :func:`write_json`, :func:`write_csv`, :func:`write_html` write the report.

Every result carries its status, a one-line reason, the register row(s) with their file and
line, and the evidence: the span, its text and the sentence around it in the record.
"""
