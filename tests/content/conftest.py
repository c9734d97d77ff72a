"""The real course's own tests use the browser fixtures too."""

from tests.browser.conftest import browser, page, server  # noqa: F401 (fixtures)
