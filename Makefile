# Everything runs from a fresh clone: each target installs what it needs.
#   make serve   build the site and serve it at http://127.0.0.1:8000
#   make test    run every test: calc on CPython and Pyodide, builds, browser
#   make bench   measure start-up time, transfer size and Lighthouse scores

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# The Markdown extension in sitebuild/ is imported by name from mkdocs.yml.
export PYTHONPATH := $(CURDIR)
# Material's instant navigation needs the URL the site is served at.
export SITE_URL ?= http://$(HOST):$(PORT)/
# Silence MkDocs' banner about its successor; Zensical builds are tested too.
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup assets build serve test bench clean

setup: $(VENV)/.installed node_modules/.package-lock.json

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

assets: setup
	$(BIN)/python -m sitebuild.assets

build: assets
	$(BIN)/mkdocs build --strict
	$(BIN)/python -m sitebuild.postbuild site

serve: build
	$(BIN)/python -m sitebuild.server --root site --host $(HOST) --port $(PORT)

test: assets
	$(BIN)/python -m pytest

# Prints start-up, recompute, transfer and Lighthouse figures; see docs/benchmarks.md.
bench: assets
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/lighthouse.py

clean:
	rm -rf site docs/assets/runtime test-artifacts .pytest_cache
