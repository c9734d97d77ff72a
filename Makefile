# `make test` installs everything the tests need, then runs them (CI runs exactly this: .ci/run).
PYTHON ?= python3
APT_PACKAGES = chromium

.PHONY: build test test-deps screenshots cmi5-conformance
build:
	$(PYTHON) -m pip install -q -e .
	packager build

test-deps:
	$(PYTHON) -m pip install -q -e '.[test]'
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; }
	@$(PYTHON) -c "import weasyprint" 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; }
	npm ci --no-audit --no-fund --loglevel=error

test: test-deps
	$(PYTHON) -m pytest -q

screenshots: test-deps
	$(PYTHON) -m tests.browser.screenshots

# Development step, not CI (CI cannot fetch GitHub): the cmi5 packages through ADL's CATAPULT Content
# Test Suite and cmi5 player, rebuilt on this machine by ../shared/labs/cmi5 (setup.sh, then start.sh).
# Options: CMI5_CONFORMANCE_ARGS="--lab /tmp/c5 --player URL --cts URL ..." (scripts/cmi5_conformance.py).
cmi5-conformance: test-deps
	$(PYTHON) -m packager build --format cmi5
	$(PYTHON) -m scripts.cmi5_conformance $(CMI5_CONFORMANCE_ARGS)
