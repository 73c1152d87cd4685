# FieldRep: `make demo` runs the app on the embedded default, `make test` runs every check.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= $(CURDIR)/.demo
PORT ?= 8470
export FIELDREP_TEST_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/fieldrep_test

.PHONY: demo test lint bench screenshots install clean server

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)
	@bash scripts/install-system-deps.sh

demo: install
	$(BIN)/python -m desktop.demo --data-dir "$(DEMO_DIR)" --port $(PORT)

server: install
	$(BIN)/python -m desktop.demo --data-dir "$(DEMO_DIR)" --port $(PORT) --server-only

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	PYTHONPATH=$(CURDIR) $(BIN)/python scripts/check_import_cycles.py

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

bench: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

screenshots: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m desktop.screenshots

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache $(DEMO_DIR)
