"""One article, start to end. The stages, in order:

1. clean      — NFC; zones: title, dateline, byline, outlet lead/signature, body, captions,
                credits, author line, site chrome (``text/clean.py``);
2. segment    — sentences in content zones, words on demand (``text/segment.py``);
3. places     — every administrative unit, resolved to the gazetteer; the main locality;
4. documents  — numbered party/state documents and their dates;
5. counts     — counts of models (with the places they hold for) and sum checks;
6. figures    — every other reported quantity (not inside a count or a document sign);
7. officials  — named people who speak, with title and quote;
8. models     — named model examples;
9. relevance  — ``about_movement``: is the article about the movement, with the evidence;
10. record    — the pydantic :class:`~extractor.record.Article`.

A stage that fails on odd input adds a warning and yields nothing; it never loses the
article. Three failures are not the article's and pass through every stage guard: a broken
pattern file (:class:`~extractor.patterns.PatternError`, the run ends), the time bound
(:class:`~extractor.bound.ArticleTimeout`, a BaseException: the article becomes a
``timeout`` error line) and MemoryError (a retryable error line). Only :func:`extract_article` knows this order; a field module gets what an
earlier one found as an argument.
"""
from __future__ import annotations

import functools
import gc
import logging
import re
import time
from collections.abc import Iterable

from . import patterns
from .fields import counts as counts_field
from .fields import documents as documents_field
from .fields import figures as figures_field
from .fields import models as models_field
from .fields import officials as officials_field
from .fields import places as places_field
from .fields import relevance as relevance_field
from .io.ingest import RawArticle
from .patterns import PatternError, PatternFile
from .record import Article, Caption, Source
from .rules import Rules, default_rules
from .settings import FIELDS, Settings
from .text import clean as clean_stage
from .text.segment import ArticleText

log = logging.getLogger(__name__)


class StageError(RuntimeError):
    """An article could not be extracted at one stage (becomes an error line)."""

    def __init__(self, stage: str, message: str):
        super().__init__(f"{stage}: {message}")
        self.stage = stage
        self.message = message


def _needed(fields: Iterable[str] | None) -> set[str]:
    """Stages a field selection needs (counts need places; figures need counts)."""
    if fields is None:
        return set(FIELDS)
    wanted = set(fields)
    unknown = wanted - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}; known: {', '.join(FIELDS)}")
    if "counts" in wanted or "models" in wanted:
        wanted.add("localities")
    if "figures" in wanted:
        wanted |= {"counts", "documents", "localities"}
    return wanted


def _host_fallback(stage, doc: ArticleText, host: str, origin: str):
    """Places of a syndicated copy whose text and credited outlet name no province: the
    hosting outlet's province, as a last resort, said in a warning."""
    doc.outlet = host
    try:
        places = stage("places", places_field.extract_places, doc, default=([], None))
    finally:
        doc.outlet = origin
    if places[1] is not None:
        doc.warn(f"places: the article is credited to {origin} and names no province; its locality is "
                 f"the hosting outlet's ({host}) province, a last resort")
    return places


def extract_article(raw: RawArticle, settings: Settings | None = None,
                    fields: Iterable[str] | None = None, rules: Rules | None = None) -> Article:
    """Run every stage on one ingested article and return its record.

    ``rules`` are the compiled pattern files every stage reads (default: the
    installation's ``patterns/``, built once per process).

    Raises :class:`StageError` only when the article has no usable text at all; any
    narrower failure is a warning on the record.
    """
    settings = settings or Settings()
    needed = _needed(fields)
    size = len(raw.text or "") or len(raw.html or "")
    if size > settings.max_chars:
        raise StageError("clean", f"article of {size:,} characters is over the limit of "
                                  f"{settings.max_chars:,} (Settings.max_chars)")
    try:
        cleaned = clean_stage.clean(raw, rules)
    except clean_stage.CleanError as exc:
        raise StageError("clean", str(exc)) from exc

    # A syndicated copy is placed by the outlet it credits, not by the one hosting it.
    origin = cleaned.origin_outlet if cleaned.origin_outlet != cleaned.outlet else None
    doc = ArticleText(cleaned.text, cleaned.zones, published=cleaned.published,
                      title=cleaned.title, outlet=origin or cleaned.outlet, rules=rules or default_rules())
    doc.warnings.extend(raw.notes)
    doc.warnings.extend(cleaned.warnings)
    article = Article(
        id=raw.id, source=Source(path=raw.path, url=raw.url or cleaned.url), outlet=cleaned.outlet,
        origin_outlet=cleaned.origin_outlet,
        title=cleaned.title, published=cleaned.published, published_time=cleaned.published_time,
        authors=cleaned.authors, photo_credits=cleaned.photo_credits, text=cleaned.text,
        captions=[Caption(text=c.text, span=c.span, credit=c.credit) for c in cleaned.captions],
    )

    def stage(name: str, fn, *args, default=None, **kwargs):
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        except (PatternError, MemoryError):  # the installation's or the machine's, not the article's
            raise
        except Exception as exc:  # a field's bug must not cost the article
            log.exception("stage %s failed on %s", name, raw.id)
            doc.warn(f"{name}: internal error {type(exc).__name__}: {exc}")
            return default
        finally:  # timings go to the log, never into the record (records are deterministic)
            elapsed = time.perf_counter() - started
            if elapsed > settings.slow_stage_seconds:
                log.warning("slow stage %s on %s (%.1f s)", name, raw.id, elapsed)

    if "localities" in needed:
        places = stage("places", places_field.extract_places, doc, default=([], None))
        if origin and places[1] is None and cleaned.outlet:
            places = _host_fallback(stage, doc, cleaned.outlet, origin)
        article.localities, article.locality = places
        prov = article.locality.province if article.locality else None
        if prov and not origin and not any(prov in (x.name, x.province) for x in article.localities):
            doc.warn(f"places: the text names no place in {prov}; the locality is the outlet's province")
    if "documents" in needed:
        article.documents = stage("documents", documents_field.extract_documents, doc, default=[])
    if "counts" in needed:
        article.counts, article.checks = stage(
            "counts", counts_field.extract_counts, doc, localities=article.localities,
            locality=article.locality, default=([], []))
    if "figures" in needed:
        article.figures = stage("figures", figures_field.extract_figures, doc, counts=article.counts,
                                documents=article.documents, default=[])
    if "officials" in needed:
        article.officials = stage("officials", officials_field.extract_officials, doc,
                                  authors=article.authors, photo_credits=article.photo_credits, default=[])
    if "models" in needed:
        article.models = stage("models", models_field.extract_models, doc,
                               localities=article.localities, default=[])
    article.about_movement = stage("relevance", relevance_field.about_movement, doc, default=None)
    article.warnings = list(doc.warnings)
    return article


#: An invented article that reaches every stage, so :func:`warm_up` compiles every table.
_PROBE = ("Bắc Kạn, ngày 5/3/2024. Theo Chỉ thị số 12-CT/TU ngày 2/1/2023 của Tỉnh ủy, "
          "toàn huyện Na Rì có 20 mô hình “Dân vận khéo”, trong đó 12 mô hình tập thể, "
          "với 1,5 tỷ đồng. Ông Nguyễn Văn An, Bí thư Huyện ủy, cho biết: “Mô hình "
          "“Con đường nông thôn mới” ở xã Kim Hỷ được nhân rộng.”")


def preload() -> list[PatternFile]:
    """Load and validate every pattern file, then compile every rule table the stages use.

    Called once before the first article of a run (CLI, batch runner, library stream): a
    broken rule file is a :class:`PatternError` here, before any output is written, instead
    of a warning on every record. Cached, so calling it again is free. It lives here, not in
    ``patterns``, because it runs the stages: the data floor never imports the pipeline.
    """
    return _preload()


@functools.cache
def _preload() -> list[PatternFile]:
    files = patterns.all_files()
    default_rules()
    try:
        warm_up()
    except re.error as exc:
        raise PatternError(f"E-PAT011 a pattern does not compile as a regular expression: {exc}") from exc
    # The rule tables, gazetteer and imported modules live as long as the process: moved out
    # of the collector's generations, so its full passes no longer walk them per article
    # (8-10 % of the loop's CPU on bulk articles).
    gc.freeze()
    return files


def warm_up() -> None:
    """Run every stage once on an invented article so the rule tables are compiled now.

    Raises PatternError when a stage could not load its rules (even where a field module
    caught the error and left only a warning).
    """
    article = extract_article(RawArticle(id="probe", text=_PROBE))
    broken = [w for w in article.warnings if "PatternError" in w]
    if broken:
        raise PatternError(broken[0])
