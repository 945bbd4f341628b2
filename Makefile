# The two commands of the README: `make run` (install + extract the sample corpus) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/extractor: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,scrapy,dask,dataset]'
	touch $@

install: $(BIN)/extractor

# Headless Chromium for the review-page test (Debian's package; the test skips without it).
browser:
	@command -v chromium >/dev/null 2>&1 || { (apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core) >/dev/null 2>&1 || echo "chromium not installed: the browser tests will skip"; }

run: install
	$(BIN)/extractor extract corpus/ -o out.jsonl

test: install browser
	$(BIN)/ruff check .
	$(BIN)/pytest

.PHONY: install browser run test
