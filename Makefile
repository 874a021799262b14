# Loa: two commands set up a fresh Debian machine (Python 3.11).
#   make build   creates .venv, installs Loa, builds the site into site/
#   make test    installs what the tests need (Chromium included) and runs them
#   make serve   live preview at http://127.0.0.1:8000/

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements.lock
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: build test serve check system-deps lock clean

build: $(STAMP) system-deps
	$(BIN)/loa build

check: $(STAMP)
	$(BIN)/loa check

serve: $(STAMP) system-deps
	$(BIN)/loa serve

test: $(TSTAMP) system-deps
	$(BIN)/python -m pytest

# Debian packages: Chromium for the browser tests, DejaVu for share images.
system-deps:
	@scripts/setup-system

$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e .
	touch $@

$(TSTAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[test]'
	touch $@

# Refresh the pinned versions after changing dependencies in pyproject.toml.
lock: $(TSTAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^loa' > $(LOCK)

clean:
	rm -rf site .site-* .loa-cache
