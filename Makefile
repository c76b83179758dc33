# SEI Monitor — build, demo and test entry points.
# `make demo` and `make test` work on a fresh machine; `make install` builds .venv/ in the repo root.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint format services schemas docs clean

install: $(STAMP)

# Re-install only when the dependency declaration changes (quick when already done).
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

services:
	@bash scripts/ensure-services.sh

demo: install
	$(BIN)/seimon plan lint
	$(BIN)/seimon plan summary

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check src tests benchmarks

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format src tests benchmarks

schemas: install
	$(BIN)/seimon plan schema -o src/seimon/resources/schemas/plan.schema.json

docs: install
	SEIMON_UPDATE_DOCS=1 $(BIN)/python -m pytest -q tests/cli/test_cli_reference_doc.py

test: install services
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
