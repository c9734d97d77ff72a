"""Browser fixtures beyond the shared ones of tests/conftest.py: the real LRS behind the test server."""

from __future__ import annotations

import pytest

from tests.browser.harness import start_lrs


@pytest.fixture(scope="session")
def lrs(server):
    """The test server with the real LRS (xapi-statements, in memory) behind its /lrs/ endpoint."""
    process, port = start_lrs()
    server.lrs_port = port
    yield server
    process.terminate()
    process.wait(timeout=10)
