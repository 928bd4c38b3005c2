# Two commands for a fresh machine: `make demo` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8866
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
ROOT   := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: demo test install install-test chromium postgresql dashboard werksessie lab rapport lint bench clean help

help:
	@echo "make demo       installeer alles, bouw de demowerkruimte en maak alle rapporten"
	@echo "make test       installeer alles (ook chromium) en draai alle tests"
	@echo "make dashboard  start het Voila-dashboard op http://127.0.0.1:$(PORT)/"
	@echo "make werksessie start een werksessie (WIJK=Laak): links voor gespreksleider en groepen"
	@echo "make lab        start JupyterLab in notebooks/"
	@echo "make bench      draai de benchmarks"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.app: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.test: pyproject.toml $(VENV)/.app
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@

install: $(VENV)/.app
install-test: $(VENV)/.test

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "chromium ontbreekt: installeren via apt"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; \
	fi
	@# pdftotext (poppler-utils): the test that reads the printed report's text
	@if ! command -v pdftotext >/dev/null; then \
	  echo "pdftotext ontbreekt: installeren via apt (poppler-utils)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq poppler-utils; \
	fi

# The store's tests also run on a real PostgreSQL server: a throwaway cluster (initdb +
# pg_ctl in a temporary directory) made from Debian's server programs.
postgresql:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then \
	  echo "postgresql ontbreekt: installeren via apt"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq postgresql; \
	fi

demo: install
	$(BIN)/wijkanalyse demo

rapport: install
	$(BIN)/wijkanalyse rapport

test: install-test chromium postgresql lint
	@# two workers, whole test files each (a file's servers and browsers stay in one worker)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile --no-loadscope-reorder --durations=15

dashboard: install
	$(BIN)/wijkanalyse dashboard --port $(PORT)

WIJK ?= Laak
werksessie: install
	$(BIN)/wijkanalyse werksessie --wijk "$(WIJK)" --port $(PORT)

lab: install
	$(BIN)/jupyter lab --config=jupyter_server_config.py notebooks/ $(ROOT)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: install-test chromium postgresql
	$(BIN)/python benchmarks/bench_koppelingen.py
	$(BIN)/python benchmarks/bench_afweging.py
	$(BIN)/python benchmarks/bench_dashboard.py
	$(BIN)/python benchmarks/bench_werksessie.py
	$(BIN)/python benchmarks/bench_pagina.py
	$(BIN)/python benchmarks/bench_cbs.py
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_pg_schrijvers.py
	$(BIN)/python benchmarks/bench_twee_servers.py
	$(BIN)/python benchmarks/bench_pdf.py

clean:
	rm -rf werkruimte reports/*/ reports/*.html reports/*.pdf
