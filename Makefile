# Loa: two commands set up a fresh Debian machine (Python 3.11).
#   make build   creates .venv, installs Loa, builds the site into site/
#   make test    installs what the tests need (Chromium, Java, vnu-jar included) and runs them
#   make serve   live preview at http://127.0.0.1:8000/

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements.lock
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
# The Nu Html Checker for the HTML validity test, from npm, kept inside .venv
# (ignored by git). --ignore-scripts: its postinstall would download a Java;
# Debian's is used instead.
VNU_VERSION := 26.9.27
VNU_JAR := $(VENV)/vnu/node_modules/vnu-jar/build/dist/vnu.jar
VNU_STAMP := $(VENV)/vnu/.installed-$(VNU_VERSION)

.PHONY: build test serve check system-deps lock clean screenshot home-screenshots leaflet-example report-example glossary-screenshot

build: $(STAMP) system-deps
	$(BIN)/loa build

check: $(STAMP)
	$(BIN)/loa check

serve: $(STAMP) system-deps
	$(BIN)/loa serve

test: $(TSTAMP) system-deps $(VNU_STAMP)
	$(BIN)/python -m pytest

# Redraw the README's screenshot of the "Chia sẻ" box (tests never write it).
screenshot: $(TSTAMP) system-deps
	scripts/screenshot

# Redraw the README's picture of an open glossary popup (tests never write it).
glossary-screenshot: $(TSTAMP) system-deps
	scripts/glossary-screenshot

# Redraw the home page's first screen at 360 and 1280 pixels (tests never write them).
home-screenshots: $(TSTAMP) system-deps
	scripts/home-screenshots

# Redraw the README's picture of a leaflet (tests never write it).
leaflet-example: $(STAMP) system-deps
	scripts/leaflet-example

# Redraw the README's picture of a report's first page (tests never write it);
# needs LibreOffice: apt-get install libreoffice-writer-nogui.
report-example: $(STAMP)
	scripts/report-example

# Debian packages: Chromium for the browser tests and loa print, DejaVu for share images,
# Java and npm for the Nu Html Checker.
system-deps:
	@scripts/setup-system

# After the Debian packages: PyICU is compiled against Debian's ICU.
$(STAMP): pyproject.toml $(LOCK) | system-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e .
	touch $@

$(TSTAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[test]'
	touch $@

$(VNU_STAMP): | system-deps
	mkdir -p $(VENV)/vnu
	npm install --no-save --no-audit --no-fund --ignore-scripts --prefix $(VENV)/vnu vnu-jar@$(VNU_VERSION)
	test -f $(VNU_JAR)
	touch $@

# Refresh the pinned versions after changing dependencies in pyproject.toml.
lock: $(TSTAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^loa' > $(LOCK)

clean:
	rm -rf site .site-* .loa-cache
