# nec-reports: `make report` builds everything, `make test` checks everything.
# Both create .venv on first use.  `make help` lists the targets.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# One stamp per set of extras: `make report` needs only the plot and notebooks extras,
# `make test` (and lint, bench) the dev extras.
STAMP  := $(VENV)/.installed-dev
REPORT_STAMP := $(VENV)/.installed-report
OUT    := data/processed
NB     := $(sort $(wildcard notebooks/*.ipynb))

.DEFAULT_GOAL := help
.PHONY: help venv report tables notebooks figures notebooks-sync test lint bench export clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(REPORT_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[plot,notebooks]'
	touch $@

venv: $(STAMP) ## create .venv and install the package with its dev extras

report: tables notebooks figures ## build the tables, run every notebook to HTML in reports/, export the figures

notebooks: tables ## execute every notebook top to bottom on data/processed, saving HTML to reports/
	$(PY) -m nec_reports.plot.notebooks $(NB) --html-dir reports

figures: tables ## write every chart as PNG (200 dpi) and SVG to reports/figures/
	$(PY) -m nec_reports figures --data $(OUT) --out reports/figures

notebooks-sync: $(REPORT_STAMP) ## after editing a notebook or notebooks/py/NAME.py: re-pair them, strip outputs
	$(PY) -m jupytext --sync $(NB)
	$(PY) -m jupyter nbconvert --clear-output --inplace $(NB)

tables: $(REPORT_STAMP) ## parse data/raw into data/processed (CSV + Parquet)
	$(PY) -m nec_reports build --out $(OUT)

lint: $(STAMP) ## ruff (lint and format check) and mypy on the code
	$(PY) -m ruff check src tests benchmarks notebooks
	$(PY) -m ruff format --check src tests benchmarks
	$(PY) -m mypy src

test: lint ## lint, then the test suite (unit, golden-file, held-out, notebooks; network blocked)
	$(PY) -m pytest -q

SHARED ?= ../shared

bench: tables $(STAMP) ## accuracy on data/raw, the held-out set and corpus2 (if ../shared is there), then speed
	$(PY) benchmarks/accuracy.py
	$(PY) benchmarks/accuracy.py --raw tests/heldout/raw --gold tests/heldout/gold
	@if [ -d $(SHARED)/corpus2 ]; then \
	  $(PY) benchmarks/accuracy.py --raw $(SHARED)/corpus2/raw --gold $(SHARED)/corpus2/gold; \
	else echo "corpus2: skipped ($(SHARED)/corpus2 not found)"; fi
	$(PY) benchmarks/speed.py

$(VENV)/.installed-excel: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[excel]'
	touch $@

export: tables $(VENV)/.installed-excel ## every table as reports/nec.sqlite (+ Datasette metadata) and reports/nec.xlsx
	$(PY) -m nec_reports export --sqlite reports/nec.sqlite --xlsx reports/nec.xlsx

clean: ## remove built outputs (not .venv)
	rm -rf $(OUT) reports/*.html reports/figures
