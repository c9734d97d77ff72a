# `make test` installs everything the tests need, then runs them (CI runs exactly this: .ci/run).
PYTHON ?= python3
APT_PACKAGES = chromium

.PHONY: build test test-deps screenshots
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
