"""Every page of the real course, as learners see it, in French and Arabic: no WCAG 2.1 A/AA violation
(axe-core) and nothing wider than a 360 px phone (a wide table scrolls in its own box, the page does not).
All pages of a module are shown at once for the check, so each module is checked in one pass."""

from __future__ import annotations

import pytest

from tests.browser.robot import ready
from tests.browser.test_accessibility import violations

MODULES = [f"m0{n}" for n in range(1, 9)]


@pytest.fixture(scope="module")
def urls(dist, server):
    return {lang: server.base + server.extract(dist / f"tip-maroc_course_{lang}_scorm12.zip") for lang in ("fr", "ar")}


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    yield context.new_page()
    context.close()


def show_every_page(page) -> None:
    page.evaluate("document.querySelectorAll('.page').forEach(p => { p.hidden = false; })")


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("module", MODULES)
def test_every_page_is_accessible_and_fits_a_phone(phone, urls, lang, module):
    phone.goto(f"{urls[lang]}/{module}/index.html")
    ready(phone.main_frame)
    show_every_page(phone)
    wide = phone.evaluate("""() => Array.from(document.querySelectorAll('.page > *, .page figure, .page table'))
        .filter(e => e.getBoundingClientRect().right > 361 || e.getBoundingClientRect().left < -1)
        .map(e => e.closest('.page').id + ': <' + e.tagName.toLowerCase() + '> ' + e.textContent.slice(0, 40))""")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360, wide
    assert violations(phone) == []
