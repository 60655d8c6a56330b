# Two commands run the project (see README.md):
#   make book   install everything the build needs and build the site into _build/html
#   make test   install what the tests need (Chromium from Debian too) and run the whole suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
CHROMIUM := /usr/bin/chromium
SITE := _build/html

.PHONY: book test lab clean slides workbook trainer-book bench

# node_modules: the build cuts the site's stylesheet down with PurgeCSS (src/selfhelp_course/_styles.py).
book: $(INSTALLED) $(NODE_INSTALLED)
	$(BIN)/jupyter-book build -W -n --keep-going .

test: book trainer-book slides workbook $(NODE_INSTALLED) $(CHROMIUM)
	$(BIN)/python -m pytest

# The trainer edition: every page with its trainer notes and a "do not publish to learners"
# banner (Sphinx tag `trainer`, set by the course's extension when COURSE_EDITION=trainer).
# Its own folder keeps its execution cache and doctrees apart: _build/trainer/_build/html
trainer-book: $(INSTALLED) $(NODE_INSTALLED)
	COURSE_EDITION=trainer $(BIN)/jupyter-book build -W -n --keep-going --path-output _build/trainer .

# Slide decks for live sessions (reveal.js from npm, copied next to the decks): _build/slides/
slides: $(INSTALLED) $(NODE_INSTALLED)
	$(BIN)/python scripts/make_slides.py --out _build/slides

# The printable workbook, printed by Debian's Chromium: _build/workbook/workbook.pdf
workbook: book $(CHROMIUM)
	$(BIN)/python scripts/make_workbook.py --site $(SITE) --out _build/workbook

# Lighthouse (mobile, simulated slow 4G) on the heaviest pages and on a default Jupyter Book
# page built alongside, three runs each: the medians go to _build/bench.md (scripts/bench.py).
bench: book $(CHROMIUM)
	$(BIN)/python scripts/bench.py

# JupyterLab on the course's pages, every widget live (the kernel uses this venv).
lab: $(INSTALLED)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1

$(INSTALLED): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian's Chromium; Playwright drives it. Never `playwright install`: it downloads a browser.
$(CHROMIUM):
	@if [ "$$(id -u)" != 0 ]; then echo "Chromium is missing: run 'sudo apt-get install -y chromium'"; exit 1; fi
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

clean:
	rm -rf _build
