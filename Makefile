# `make test` installs everything the tests need, then runs them (CI runs exactly this: .ci/run).
PYTHON ?= python3

.PHONY: build test
build:
	$(PYTHON) -m pip install -q -e .
	packager build

test:
	$(PYTHON) -m pip install -q -e '.[test]'
	$(PYTHON) -m pytest -q
