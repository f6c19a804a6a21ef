# nec-reports: `make report` builds everything, `make test` checks everything.
# Both create .venv on first use.  `make help` lists the targets.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
OUT    := data/processed

.DEFAULT_GOAL := help
.PHONY: help report tables notebooks figures test lint bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP) ## create .venv and install the package with its dev extras

report: tables ## build the tables (and, as they arrive, notebooks and figures)

tables: $(STAMP) ## parse data/raw into data/processed (CSV + Parquet)
	$(PY) -m nec_reports build --out $(OUT)

test: $(STAMP) ## run the test suite
	$(PY) -m pytest -q

bench: $(STAMP) ## score the fact tables against the gold labels in tests/gold
	$(PY) benchmarks/accuracy.py

clean: ## remove built outputs (not .venv)
	rm -rf $(OUT) reports/*.html reports/figures
