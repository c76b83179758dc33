# SEI Monitor — build, demo and test entry points.
# `make demo` and `make test` work on a fresh machine; `make install` builds .venv/ in the repo root.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install frontend report-deps demo serve test lint format services schemas docs clean

install: $(STAMP) frontend report-deps

# Fonts and text layout for PDF and chart output (Debian packages; quick when present).
report-deps:
	@bash scripts/ensure-report-deps.sh

# Front-end libraries (ECharts, the Hebei map, Swagger UI) from the npm registry with package-lock.json,
# copied into src/seimon/web/static/vendor/ (not in git). Quick when nothing changed.
frontend:
	@command -v npm >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null)
	@bash scripts/build-frontend.sh

# Re-install only when the dependency declaration changes (quick when already done).
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

services:
	@bash scripts/ensure-services.sh

DEMO_DIR   := demo-data
DEMO_STORE := demo.duckdb
DEMO_OUT   := demo-output
PORT       ?= 8000

# The main job on the embedded store: the plan checked, synthetic Hebei data generated and imported through
# the ordinary import path, the indicator cube computed, every target assessed, early warnings listed, and the
# 2020 bulletin and the final evaluation report written to demo-output/ (PDF and DOCX) before serving.
demo: install
	$(BIN)/seimon plan lint
	rm -rf $(DEMO_DIR) $(DEMO_STORE) $(DEMO_STORE).wal
	$(BIN)/seimon demo generate --out $(DEMO_DIR) --enterprises 10000 --years 2015-2020
	$(BIN)/seimon demo load $(DEMO_DIR) --store $(DEMO_STORE)
	$(BIN)/seimon compute --store $(DEMO_STORE)
	$(BIN)/seimon query sei_va_share_above_scale --period 2020 --by region --store $(DEMO_STORE)
	$(BIN)/seimon query sei_va_real_growth --period 2020 --by plan_industry --store $(DEMO_STORE)
	$(BIN)/seimon assess --store $(DEMO_STORE)
	$(BIN)/seimon warnings --store $(DEMO_STORE)
	rm -rf $(DEMO_OUT) && mkdir -p $(DEMO_OUT)
	$(BIN)/seimon report bulletin --period 2020 --format pdf -o $(DEMO_OUT)/bulletin-2020.pdf --store $(DEMO_STORE)
	$(BIN)/seimon report bulletin --period 2020 --format docx -o $(DEMO_OUT)/bulletin-2020.docx --store $(DEMO_STORE)
	$(BIN)/seimon report evaluation --as-of 2021-06-30 --format pdf -o $(DEMO_OUT)/evaluation-final.pdf --store $(DEMO_STORE)
	$(BIN)/seimon report evaluation --as-of 2021-06-30 --format docx -o $(DEMO_OUT)/evaluation-final.docx --store $(DEMO_STORE)
	@echo "报告 / reports: $(DEMO_OUT)/（2020年简报与规划总结评估报告，PDF 与 DOCX / the 2020 bulletin and the final evaluation）"
	@echo "演示数据库 / demo store: $(DEMO_STORE)  —  export SEIMON_STORE=$(DEMO_STORE) 后可直接查询 / to query it directly"
	$(MAKE) --no-print-directory serve

# The platform over the demo store, with one demo account per role (printed). Ctrl-C stops it.
serve: install
	$(BIN)/seimon demo accounts --store $(DEMO_STORE)
	$(BIN)/seimon serve --store $(DEMO_STORE) --host 127.0.0.1 --port $(PORT)

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

# Every test under tests/ and every docstring example in the package (doctests).
test: install services
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q --doctest-modules tests src/seimon

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache frontend/node_modules src/seimon/web/static/vendor
