# corpus_tools: two commands on a new machine, `make reports` and `make test`.
# Everything else is installed by these targets: Python packages into .venv (no conda
# needed), and on Debian/Ubuntu the two system packages PDF reports need (Chromium
# prints them, poppler-utils' pdftotext checks them in the tests).
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LAB_STAMP := $(VENV)/.lab-stamp
CORPUS ?= data/raw
FORMAT ?= html,pdf
# The kernel the notebooks run on, in JupyterLab and in `make reports` (papermill).
KERNEL := corpus-tools
LAB_PORT ?= 8888

help: ## Show the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed, found " + sys.version' 
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# The project's own kernel (a "python3" kernelspec in the user's Jupyter folders would
# otherwise shadow the environment's), and .py notebooks opening as notebooks on a
# double click in JupyterLab (jupytext's "Jupytext Notebook" viewer), and no news or
# update checks (they reach the internet). All inside .venv: nothing outside changes.
$(LAB_STAMP): $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "corpus_tools (.venv)"
	$(BIN)/python -c 'import json, pathlib, sys; \
		p = pathlib.Path(sys.prefix, "share", "jupyter", "lab", "settings", "overrides.json"); \
		p.parent.mkdir(parents=True, exist_ok=True); \
		s = json.loads(p.read_text()) if p.exists() else {}; \
		s.setdefault("@jupyterlab/docmanager-extension:plugin", {}).setdefault("defaultViewers", {})["python"] = "Jupytext Notebook"; \
		s.setdefault("@jupyterlab/apputils-extension:notification", {}).update(fetchNews="false", checkForUpdates=False); \
		p.write_text(json.dumps(s, indent=2) + "\n")'
	@touch $(LAB_STAMP)

install: $(LAB_STAMP) system-deps ## Create .venv, install corpus_tools, its kernel and the PDF tools

# Chromium prints the PDF reports; pdftotext (poppler-utils) checks them in the tests.
# Installed with apt-get on Debian/Ubuntu when missing (sudo only when not root);
# elsewhere a note says what to install (PDFs then fall back to WeasyPrint).
system-deps: ## Install Chromium and poppler-utils when missing (Debian/Ubuntu)
	@missing=""; \
	if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
		&& ! command -v google-chrome >/dev/null 2>&1; then missing=" chromium"; fi; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
		echo "make: not installing$$missing: no apt-get on this system. Install Chromium (or Chrome)" \
			"and poppler (pdftotext) with your package manager; without Chromium, PDF reports use" \
			"WeasyPrint, and the browser and PDF tests are skipped." >&2; \
		exit 0; \
	fi; \
	sudo=""; \
	if [ "$$(id -u)" != 0 ]; then \
		if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else \
			echo "make: not installing$$missing: not root and no sudo. Run as root:" \
				"apt-get update && apt-get install -y$$missing" >&2; exit 0; fi; \
	fi; \
	echo "make: installing$$missing with apt-get (PDF reports and their tests need them)"; \
	$$sudo apt-get update -qq || exit 1; \
	case " $$missing " in *" chromium "*) \
		if ! apt-cache policy chromium 2>/dev/null | grep -q 'Candidate: [0-9]'; then \
			echo "make: apt has no chromium package here; PDF reports will use WeasyPrint." >&2; \
			missing="$${missing/chromium/}"; fi;; esac; \
	[ -z "$${missing// /}" ] || $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing

reports: $(LAB_STAMP) system-deps ## Build the reports (HTML and PDF) from the default corpus (data/raw) into reports/
	$(BIN)/corpus-tools report $(CORPUS) --out reports --format $(FORMAT)

test: $(LAB_STAMP) system-deps ## Run the whole test suite
	$(BIN)/python -m pytest

# Served from the project root so that jupytext finds jupytext.toml; opens on notebooks/.
# Only the project's kernel is offered, so a notebook saved with "python3" starts it too.
lab: $(LAB_STAMP) ## Open JupyterLab on the notebooks with the project's environment and kernel
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks \
		--MappingKernelManager.default_kernel_name=$(KERNEL) --KernelSpecManager.allowed_kernelspecs=$(KERNEL) \
		--port=$(LAB_PORT) \
		$(if $(filter 0,$(shell id -u)),--allow-root)

notebooks: $(STAMP) ## Re-pair the notebooks after editing (.py <-> .ipynb, via jupytext)
	$(BIN)/jupytext --sync notebooks/[0-9]*.py

bench: $(STAMP) ## Run the benchmarks on the development corpora beside the project, when present
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	for script in bench/ingest.py bench/topics.py bench/syndication.py bench/stories.py bench/sources.py bench/clean.py; do \
		$(BIN)/python $$script || exit 1; done

bench-scale: $(STAMP) ## The million-article pipeline, one process then Dask (about two hours; needs 10 GB of disk in /tmp)
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/scale.py --dask --no-baseline
	$(BIN)/python bench/large_file.py

clean: ## Remove derived data (parse cache, ingest logs, prepared corpora) and built reports
	rm -rf data/processed/cache data/processed/logs data/processed/prepared data/processed/ingest_log.csv \
		reports/*.html reports/*.pdf reports/tables

.PHONY: help install system-deps reports test lab notebooks bench bench-scale clean
