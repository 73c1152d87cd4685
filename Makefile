# FieldRep: `make demo` runs the app on the embedded default, `make test` runs every check.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= $(CURDIR)/.demo
PORT ?= 8470
export FIELDREP_TEST_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/fieldrep_test

.PHONY: demo test lint bench screenshots install clean server package package-smoke

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
	$(BIN)/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

bench: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

screenshots: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m desktop.screenshots

# The Linux desktop bundle (dist/fieldrep/) and its .tar.gz; prints its size and build time.
package: install
	$(BIN)/python packaging/build.py

# Runs the BUILT bundle against a fresh embedded demo server (see packaging/smoke.py).
package-smoke: install
	$(BIN)/python packaging/smoke.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache $(DEMO_DIR) build dist
