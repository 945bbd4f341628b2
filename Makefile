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

run: install
	$(BIN)/extractor extract corpus/ -o out.jsonl

test: install
	$(BIN)/ruff check .
	$(BIN)/pytest

.PHONY: install run test
