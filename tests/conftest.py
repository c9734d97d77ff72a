"""Shared fixtures: the small fixture course (tests/fixtures/mini-course) built once, a scratch copy of
it to break, the real course for the tests that are about the real course, and Debian's Chromium
(Playwright) with the test web server for every test that plays a package."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from packager.build import build
from packager.cli import main

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "modules"
MINI = ROOT / "tests" / "fixtures" / "mini-course"
MINI_IRI = "https://elearning.example.org/courses/mini"


@pytest.fixture(scope="session")
def mini_dist(tmp_path_factory) -> Path:
    """The fixture course, every language and format, built once for the session."""
    out = tmp_path_factory.mktemp("mini-dist")
    build(MINI, out)
    return out


@pytest.fixture
def mini(tmp_path) -> Path:
    """A scratch copy of the fixture course that a test may break."""
    target = tmp_path / "mini-course"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    """The whole course, every language and format, built once for the session."""
    out = tmp_path_factory.mktemp("dist")
    build(MODULES, out)
    return out


@pytest.fixture
def course(tmp_path) -> Path:
    """A scratch copy of modules/ that a test may break."""
    target = tmp_path / "modules"
    shutil.copytree(MODULES, target)
    return target


@pytest.fixture
def run():
    """Run the CLI in-process; returns click's Result (exit_code, output, exception)."""
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=True)

    return invoke


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from packager.preview.check import CHROMIUM_ARGS
    from tests.browser.harness import CHROMIUM

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    from tests.browser.harness import Server

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
def certified(tmp_path_factory):
    """The mini course certified once (tests/certify/certified.py), one certificate revoked."""
    from tests.certify.certified import certify

    return certify(tmp_path_factory.mktemp("certified"))
