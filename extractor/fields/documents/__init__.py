"""Numbered party and state documents: kind, number, sign, issuer, date and subject.

A document is a record only when it is numbered (SCHEMA): a kind followed by "số" and a
number or sign ("Chỉ thị số 05-CT/TU", "Nghị quyết số 110"), a kind followed directly by
a sign or a number ("Nghị quyết 513-NQ/ĐUQSTW", "Nghị quyết 12 của Tỉnh ủy"), a sign that
follows another in a list ("các Chỉ thị số 05-CT/TW, 16/CT-TTg"), or a sign standing alone
whose kind code is known ("theo 35-KL/TW"). All lexicons and sign shapes are in
``patterns/documents.yaml``. Steps, per content zone:

1. find mention heads (kind [modifier] [số] sign-or-number) with one regex;
2. read each mention's tail, in order: its date ("ngày 15/01/2021", ", ngày 16/5/2016",
   "ngày 9-3-2017"), issuer ("của Ban Thường vụ Tỉnh ủy"), a date right after the issuer,
   subject ("về …" or a quoted title), a list continuation (", 16/CT-TTg", "và số …");
3. look back from a head for an issuing verb ("Ngày 23/5, Ban Thường vụ Tỉnh ủy Nghệ An
   ban hành Chỉ thị …"): its subject is the issuer, and a date that opens its clause is
   the issue date. A date elsewhere in the sentence ("từ tháng 12/2020 đã tham mưu … ban
   hành Kế hoạch …") is not the document's;
4. find standalone signs outside the mentions;
5. merge mentions of one document (same sign, or same kind and number); any mention's
   date fills ``issued``.
"""
from __future__ import annotations

from .stage import extract_documents

__all__ = ["extract_documents"]
