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

.PHONY: book test lab clean

book: $(INSTALLED)
	$(BIN)/jupyter-book build -W -n --keep-going .

test: book $(NODE_INSTALLED) $(CHROMIUM)
	$(BIN)/python -m pytest

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
