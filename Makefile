# Two commands run the project (see README.md):
#   make book   install everything the build needs and build the site into _build/html
#   make test   install what the tests need (Chromium from Debian too) and run the whole suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Python: requirements/build.txt for the site, hub.txt for live notebooks, test.txt for the tests,
# each the names in its .in file at the versions in requirements/constraints.txt (`make lock`).
INSTALLED := $(VENV)/.installed
HUB_INSTALLED := $(VENV)/.installed-hub
TEST_INSTALLED := $(VENV)/.installed-test
# npm: `dependencies` build the site (esbuild); `devDependencies` are for the tests and slides.
NODE_BUILD := node_modules/.installed-build
NODE_INSTALLED := node_modules/.installed
# The front end (src/selfhelp_course/js, ES modules) bundled by esbuild into static/dist.
BUNDLED := src/selfhelp_course/static/dist/.bundled
FACTS_JS := src/selfhelp_course/js/lib/facts.generated.js
JS_SOURCES := $(shell find src/selfhelp_course/js -name '*.js' ! -name '*.generated.js')
CHROMIUM := /usr/bin/chromium
# The same Chromium built for automation only (Debian's chromium-headless-shell, what Playwright
# itself runs headless): the browser tests use it, at about half the CPU of the full browser.
HEADLESS_SHELL := /usr/bin/chromium-headless-shell
SITE := _build/html
# Debian's EPUBCheck (a Java jar; /usr/bin/epubcheck links to it): the tests validate the EPUB with it.
EPUBCHECK := /usr/share/java/epubcheck.jar

.PHONY: book test lint lock lock-check lab clean slides workbook trainer-book notebook-refs scorm bench release epub

# The build needs node_modules' build half: esbuild bundles the front end, PurgeCSS cuts the
# site's stylesheet down (src/selfhelp_course/site/stylesheet.py).
book: $(INSTALLED) $(BUNDLED)
	$(BIN)/jupyter-book build -W -n --keep-going .

# What the tests read is built two jobs at a time (the trainer edition, workbook and SCORM packages
# wait for the learner edition). pytest runs on both cores; --dist loadfile keeps a file's tests on
# one worker (its fixtures are made once) and --no-loadscope-reorder keeps the order conftest.py
# gives, longest files first (xdist's default puts files with one long test, the hub's, last).
test: $(TEST_INSTALLED) $(NODE_INSTALLED) $(CHROMIUM) $(HEADLESS_SHELL) $(EPUBCHECK)
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory -j2 --output-sync=target book trainer-book slides workbook scorm epub
	$(BIN)/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder

# The lint and type checks, each failing the target; `make test` runs them first. Python: ruff
# (lint and the formatter's check: `.venv/bin/ruff format src scripts tests` fixes the layout)
# and mypy (pyproject.toml's [tool.ruff] and [tool.mypy]). JavaScript: Biome (biome.jsonc) and
# TypeScript's checker on the front end's JSDoc types (tsconfig.json: all of it, with
# strictNullChecks and noImplicitAny), both from npm's devDependencies;
# tsc reads the course facts module, so it is written first.
lint: $(TEST_INSTALLED) $(NODE_INSTALLED) $(FACTS_JS)
	$(BIN)/ruff check src scripts tests
	$(BIN)/ruff format --check src scripts tests
	$(BIN)/mypy
	node_modules/.bin/biome lint --error-on-warnings
	node_modules/.bin/tsc -p tsconfig.json

# The pins: uv (pinned in the test venv like the rest) resolves requirements/test.in, which takes
# in build.in and hub.in, for the lowest Python pyproject.toml allows, and writes every version to
# requirements/constraints.txt, keeping each pin it can (`make lock LOCK_ARGS=--upgrade` moves
# every pin to its newest release, `LOCK_ARGS="-P name"` one). pip is left to the venv, as
# `python -m venv` brings it (and upgrades it); setuptools is pinned, as it builds the package. UV_PYTHON_DOWNLOADS=never: uv must not fetch an
# interpreter from outside the package registries. The file is replaced only if it changed, so an
# unchanged lock does not make the venvs reinstall. Needs PyPI, so not part of `make test`;
# `make lock-check` fails if the file is not what `make lock` would write.
LOCK_PYTHON = $(shell sed -n 's/^requires-python = ">=\([0-9.]*\)"$$/\1/p' pyproject.toml)
LOCK_OUT := _build/lock/constraints.txt
UV_COMPILE = UV_PYTHON_DOWNLOADS=never $(BIN)/uv pip compile --quiet --python-version $(LOCK_PYTHON) \
	--custom-compile-command 'make lock' --no-emit-package pip

lock: $(TEST_INSTALLED)
	mkdir -p $(dir $(LOCK_OUT)) && cp requirements/constraints.txt $(LOCK_OUT)
	$(UV_COMPILE) $(LOCK_ARGS) requirements/test.in -o $(LOCK_OUT)
	cmp -s $(LOCK_OUT) requirements/constraints.txt || cp $(LOCK_OUT) requirements/constraints.txt

lock-check: $(TEST_INSTALLED)
	mkdir -p $(dir $(LOCK_OUT)) && cp requirements/constraints.txt $(LOCK_OUT)
	$(UV_COMPILE) requirements/test.in -o $(LOCK_OUT)
	diff -u requirements/constraints.txt $(LOCK_OUT)

# The trainer edition: every page with its trainer notes and a "do not publish to learners"
# banner (Sphinx tag `trainer`, set by the course's extension when COURSE_EDITION=trainer).
# Its own folder keeps its doctrees apart (_build/trainer/_build/html); the pages it executes are
# the same code, so it builds after `book` and reads its execution cache (see _trainer_edition).
trainer-book: book
	COURSE_EDITION=trainer $(BIN)/jupyter-book build -W -n --keep-going --path-output _build/trainer .

# The JSON Schemas trainers' editors read: data/schemas/<bank>.schema.json for each kind of bank,
# generated from the walker in src/selfhelp_course/activities/banks.py, and the first line of every bank
# (and templates/knowledge-checks.yml) that names its schema. Run it after changing the walker's
# schema or adding a bank file; tests/test_bank_schemas.py fails until it is run.
# (-W: runpy's warning that the package imported activities/banks.py before running it, harmless here.)
# Then the types of the manifest and the stored entries, from data/schemas/manifest.schema.json
# and entry-*.schema.json: js/lib/shapes.generated.d.ts and course/shapes.py (tests/test_shapes.py).
.PHONY: schemas
schemas: $(INSTALLED)
	$(BIN)/python -W ignore::RuntimeWarning:runpy -m selfhelp_course.activities.banks schemas
	$(BIN)/python -W ignore::RuntimeWarning:runpy -m selfhelp_course.course.make_shapes

# Slide decks for live sessions (reveal.js from npm, copied next to the decks): _build/slides/
slides: $(TEST_INSTALLED) $(NODE_INSTALLED)
	$(BIN)/python -m selfhelp_course.formats.make_slides --out _build/slides

# The printable workbook, printed by Debian's Chromium: _build/workbook/workbook.pdf
workbook: book $(TEST_INSTALLED) $(CHROMIUM)
	$(BIN)/python -m selfhelp_course.formats.make_workbook --site $(SITE) --out _build/workbook

# Rewrite the reference outputs in tests/notebook_refs/ after an intended change to a page's
# code, its data or a pinned package (README.md: "Notebook reference outputs"). Only references
# whose outputs changed are rewritten; review them with `.venv/bin/nbdiff HEAD -- tests/notebook_refs`.
notebook-refs: $(TEST_INSTALLED) $(BUNDLED)
	$(BIN)/python -m pytest -q tests/test_notebooks.py::test_outputs_match_reference --nb-force-regen
	@git status --short tests/notebook_refs 2>/dev/null || true

# SCORM packages for learning management systems (2004 4th edition and 1.2): _build/scorm/
scorm: book $(NODE_INSTALLED)
	$(BIN)/python -m selfhelp_course.lms.make_scorm --site $(SITE) --out _build/scorm

# The course as an EPUB 3, every activity as text (src/selfhelp_course/formats/epub.py), in its own folder:
# _build/epub/supporting-self-help-groups-<version>.epub. EPUBCheck (Debian's epubcheck) checks
# it in the tests.
epub: book
	rm -rf _build/epub-book/_build/epub
	$(BIN)/jupyter-book build -W -n --keep-going --builder custom --custom-builder epub --path-output _build/epub-book .
	mkdir -p _build/epub && rm -f _build/epub/*.epub && cp _build/epub-book/_build/epub/*.epub _build/epub/

# A versioned release (README.md, "Releases"): _build/release/<version>/ with every format, SHA256SUMS
# and release.json. It refuses, before building anything, a version (pyproject.toml) that
# CHANGELOG.md has no entry for.
release: $(INSTALLED)
	$(BIN)/python -m selfhelp_course.formats.make_release --check
	$(MAKE) --no-print-directory -j2 --output-sync=target book trainer-book workbook scorm epub
	$(BIN)/python -m selfhelp_course.formats.make_release
	@# The site again, so that its download page lists the release's files and sizes (only that
	@# page changes); the copies inside the release were built before the release existed.
	$(MAKE) --no-print-directory book

# Lighthouse (mobile, simulated slow 4G) on the heaviest pages and on a default Jupyter Book
# page built alongside, three runs each: the medians go to _build/bench.md (scripts/bench.py, which
# reads the browser tests' Chromium flags from tests/browser/conftest.py: hence PYTHONPATH).
bench: book $(NODE_INSTALLED) $(CHROMIUM)
	PYTHONPATH=tests:tests/browser $(BIN)/python scripts/bench.py

# JupyterLab on the course's pages, every widget live (the kernel uses this venv).
lab: $(HUB_INSTALLED) $(BUNDLED)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1

$(INSTALLED): requirements/build.txt requirements/build.in requirements/constraints.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/build.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(HUB_INSTALLED): $(INSTALLED) requirements/hub.txt requirements/hub.in
	$(BIN)/python -m pip install --quiet -r requirements/hub.txt
	touch $@

$(TEST_INSTALLED): $(INSTALLED) requirements/test.txt requirements/test.in requirements/hub.in
	$(BIN)/python -m pip install --quiet -r requirements/test.txt
	touch $(HUB_INSTALLED) $@

# The course facts as an ES module (course/facts.py, with the title from _config.yml and the nations
# from data/nations.yml); the bundling below writes it too.
$(FACTS_JS): src/selfhelp_course/course/facts.py _config.yml data/nations.yml $(INSTALLED)
	$(BIN)/python -c 'from selfhelp_course.site.front_end import write_facts; write_facts()'
	touch $@

$(BUNDLED): $(JS_SOURCES) src/selfhelp_course/course/facts.py _config.yml data/nations.yml src/selfhelp_course/site/front_end.py $(INSTALLED) $(NODE_BUILD)
	$(BIN)/python -m selfhelp_course.build_front_end
	touch $@

$(NODE_BUILD): package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund
	touch $@

$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE_BUILD) $@

# Debian's Chromium and its headless shell; Playwright drives them. Never `playwright install`:
# it downloads a browser.
$(CHROMIUM) $(HEADLESS_SHELL) &:
	@if [ "$$(id -u)" != 0 ]; then echo "Chromium is missing: run 'sudo apt-get install -y chromium chromium-headless-shell'"; exit 1; fi
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-headless-shell

$(EPUBCHECK):
	@if [ "$$(id -u)" != 0 ]; then echo "EPUBCheck is missing: run 'sudo apt-get install -y epubcheck'"; exit 1; fi
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq epubcheck

clean:
	rm -rf _build
