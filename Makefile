# The README's quick start: `make build` (install into .venv, build the course into dist/), then
# `make test` (install what the tests need, only what is missing, and run them; CI runs exactly this:
# .ci/run). Only Debian packages need root: see scripts/system-deps.sh.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
APT_PACKAGES := chromium-headless-shell libpango-1.0-0 libpangoft2-1.0-0 postgresql

.PHONY: build test test-deps system-deps lint wheel-check screenshots cmi5-conformance

$(PY):
	scripts/venv.sh $(PYTHON) $(VENV)

build: $(PY)
	$(PY) -m pip install -q -e .
	$(VENV)/bin/packager build

$(VENV)/.test-deps: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	touch $@

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

system-deps:
	scripts/system-deps.sh $(APT_PACKAGES)

test-deps: $(VENV)/.test-deps node_modules/.package-lock.json system-deps

# ruff (lint and format) and mypy on the Python, ESLint on the JavaScript (runtime, preview, site, tests).
lint: test-deps
	$(VENV)/bin/ruff check packager tests bench scripts templates/__init__.py
	$(VENV)/bin/ruff format --check packager tests bench scripts templates/__init__.py
	$(VENV)/bin/mypy packager
	npx --no-install eslint templates/runtime/js templates/preview/js templates/verify/assets tests eslint.config.js

# An install as users install it: the wheel, in a fresh venv, builds and validates the course.
wheel-check: $(PY)
	scripts/wheel-check.sh $(PY)

test: test-deps lint wheel-check
	node --test tests/js/
	# worksteal: a worker that runs out of tests takes some of the other's (the browser tests are long)
	$(PY) -m pytest -q -n auto --dist worksteal

screenshots: test-deps
	$(PY) -m tests.browser.screenshots

# Development only (CI cannot fetch ADL's CATAPULT): the cmi5 packages through CATAPULT's Content Test
# Suite and player, rebuilt on this machine by ../shared/labs/cmi5/ (see README, "cmi5 conformance").
cmi5-conformance: test-deps
	$(VENV)/bin/packager build --format cmi5
	$(PY) -m scripts.cmi5_conformance $(CMI5_CONFORMANCE_ARGS)
