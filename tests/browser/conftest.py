"""Browser fixtures: Debian's Chromium driven by Playwright, and the test web server."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, Server, start_lrs


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    server = Server(tmp_path_factory.mktemp("site"))
    yield server
    server.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def lrs(server):
    """The test server with the real LRS (xapi-statements, in memory) behind its /lrs/ endpoint."""
    process, port = start_lrs()
    server.lrs_port = port
    yield server
    process.terminate()
    process.wait(timeout=10)
