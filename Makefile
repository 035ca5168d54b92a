# corpus_tools: two commands on a new machine, `make reports` and `make test`.
# Everything else is installed by these targets into .venv (no conda needed).
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CORPUS ?= data/raw

help: ## Show the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed, found " + sys.version' 
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install corpus_tools with its dependencies

reports: $(STAMP) ## Build the reports from the default corpus (data/raw) into reports/
	$(BIN)/corpus-tools report $(CORPUS) --out reports

test: $(STAMP) ## Run the whole test suite
	$(BIN)/python -m pytest

lab: $(STAMP) ## Open JupyterLab on the notebooks with the project's environment
	$(BIN)/jupyter lab notebooks/

notebooks: $(STAMP) ## Re-pair the notebooks after editing (.py <-> .ipynb, via jupytext)
	$(BIN)/jupytext --sync notebooks/[0-9]*.py

bench: $(STAMP) ## Run the benchmarks (reads ../shared/corpora when present)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

clean: ## Remove derived data (parse cache, ingest log) and built reports
	rm -rf data/processed/cache data/processed/ingest_log.csv reports/*.html reports/*.pdf

.PHONY: help install reports test lab notebooks bench clean
