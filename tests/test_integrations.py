"""The library API, the spaCy component and the Scrapy pipeline give the CLI's records."""
from __future__ import annotations

import html as html_lib
import json
import subprocess
import sys
import textwrap

import pytest

from extractor import Article, ErrorRecord, extract, extract_many, load
from extractor.cli import main

pytest.importorskip("spacy")


def _comparable(rec: dict) -> dict:
    """A record without what names where it came from (id, source)."""
    return {k: v for k, v in rec.items() if k not in ("id", "source")}


@pytest.fixture(scope="module")
def cli_records(tmp_path_factory, corpus_dir) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("cli") / "out.jsonl"
    assert main(["extract", str(corpus_dir), "-o", str(out), "-q", "--workers", "1"]) == 0
    return {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


def test_extract_equals_cli(cli_records, seed_texts):
    for sid, text in seed_texts.items():
        rec = extract(text=text, id=sid).model_dump(mode="json")
        assert _comparable(rec) == _comparable(cli_records[sid])


def test_extract_many_equals_cli_and_keeps_order(cli_records, corpus_dir):
    paths = sorted(corpus_dir.glob("*.txt"))
    out = list(extract_many(paths, workers=2))
    assert [r.id for r in out] == [p.stem for p in paths]
    for r in out:
        assert r.model_dump(mode="json") == cli_records[r.id]


def test_extract_many_bad_items_yield_errors_and_go_on(seed_texts):
    good = next(iter(seed_texts.values()))
    items = [good, b"\xff\xfe\x00\xd8garbage", "", None, {"id": "d1", "text": good}, 12]
    out = list(extract_many(items))
    assert [type(r).__name__ for r in out] == ["Article", "ErrorRecord", "ErrorRecord", "ErrorRecord",
                                               "Article", "ErrorRecord"]
    assert out[4].id == "d1"
    assert all(r.message for r in out if isinstance(r, ErrorRecord))


def test_extract_rejects_empty():
    from extractor import ExtractionError

    with pytest.raises(ExtractionError):
        extract(text="   ")


def test_fields_subset_runs_only_what_it_needs(seed_texts):
    text = seed_texts["003_27a8761bb2890747"]
    full = extract(text=text)
    docs_only = extract(text=text, fields=["documents"])
    assert docs_only.documents == full.documents
    assert docs_only.counts == [] and docs_only.officials == [] and docs_only.localities == []


def test_spacy_component_equals_cli(cli_records, seed_texts):
    from spacy import displacy

    nlp = load()
    for sid, text in seed_texts.items():
        doc = nlp(text)
        rec = doc._.record
        assert isinstance(rec, Article)
        assert _comparable(rec.model_dump(mode="json")) == _comparable(cli_records[sid])
        for key in ("localities", "documents", "counts", "figures", "officials", "models"):
            assert key in doc.spans
        # every count of the record is a span whose text covers its evidence
        assert len(doc.spans["counts"]) == len(rec.counts)
        for span, count in zip(doc.spans["counts"], rec.counts):
            assert count.text in span.text and span.label_ == count.category
    html = displacy.render(nlp(seed_texts["000_36cf266247e648e0"]), style="span",
                           options={"spans_key": "counts"}, page=True)
    assert "2.011" in html


def _html_page(title: str, body: str) -> str:
    paras = "".join(f"<p>{html_lib.escape(p)}</p>" for p in body.split("\n") if p.strip())
    return (f"<html><head><meta charset='utf-8'><title>{html_lib.escape(title)}</title></head>"
            f"<body><article><h1>{html_lib.escape(title)}</h1>{paras}</article></body></html>")


def test_scrapy_crawl_equals_cli(tmp_path, seed_texts):
    pytest.importorskip("scrapy")
    site = tmp_path / "site"
    site.mkdir()
    for sid, text in seed_texts.items():
        lines = text.split("\n")
        (site / f"{sid}.html").write_text(_html_page(lines[1] if lines[0].startswith("Thứ") else lines[0],
                                                     text), encoding="utf-8")
    cli_out = tmp_path / "cli.jsonl"
    assert main(["extract", str(site), "-o", str(cli_out), "-q", "--workers", "1"]) == 0
    cli = {r["id"]: r for r in map(json.loads, cli_out.read_text(encoding="utf-8").splitlines())}

    items_out = tmp_path / "items.jsonl"
    script = textwrap.dedent(f"""
        import functools, http.server, json, threading
        import scrapy
        from scrapy.crawler import CrawlerProcess

        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory={str(site)!r})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{{server.server_address[1]}}/"
        names = {sorted(p.name for p in site.glob("*.html"))!r}

        class Pages(scrapy.Spider):
            name = "pages"
            start_urls = [base + n for n in names]
            def parse(self, response):
                yield {{"id": response.url.rsplit("/", 1)[1][:-5], "url": response.url, "html": response.text}}

        process = CrawlerProcess(settings={{
            "ITEM_PIPELINES": {{"extractor.integrations.scrapy.ExtractorPipeline": 300}},
            "FEEDS": {{{str(items_out)!r}: {{"format": "jsonlines", "encoding": "utf8"}}}},
            "LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": False, "TELNETCONSOLE_ENABLED": False,
        }})
        process.crawl(Pages)
        process.start()
        server.shutdown()
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=300)
    items = [json.loads(line) for line in items_out.read_text(encoding="utf-8").splitlines()]
    assert len(items) == len(seed_texts)
    for item in items:
        assert "extractor_error" not in item
        assert _comparable(item["record"]) == _comparable(cli[item["id"]])
        assert item["record"]["source"]["url"] == item["url"]


def test_scrapy_pipeline_error_becomes_a_field():
    pytest.importorskip("scrapy")
    from extractor.integrations.scrapy import ExtractorPipeline

    item = {"url": "http://127.0.0.1/x", "html": "<html><body></body></html>"}
    out = ExtractorPipeline().process_item(item)
    assert out is item and "extractor_error" in item and "record" not in item
