"""axe-core (npm) on a module page and the quiz page of the fixture course, French and Arabic, in the states a
learner meets (feedback shown, the summary, the quiz reviewed): no WCAG 2.1 A/AA violation. Every page of the
real course is checked by tests/content/test_pages.py."""

from __future__ import annotations

import pytest

from tests.browser.harness import ROOT
from tests.browser.robot import answer, ready, sco_data

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations)", TAGS
    )
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:120]})" for v in found]


@pytest.fixture(scope="module")
def urls(mini_dist, server):
    return {lang: server.base + server.extract(mini_dist / f"mini_course_{lang}_scorm12.zip") for lang in ("fr", "ar")}


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_module_page_has_no_violation(page, urls, lang):
    page.goto(f"{urls[lang]}/m01/index.html")
    ready(page.main_frame)
    assert violations(page) == []
    check = next(c for c in sco_data(page.main_frame)["checks"] if c["id"] == "m01-c1")
    answer(page.main_frame, check, correct=False)
    page.locator('form[data-check="m01-c1"] button').click()  # feedback shown
    page.locator('[data-goto="_summary"]').first.click()
    assert violations(page) == []


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_quiz_page_has_no_violation(page, urls, lang):
    page.goto(f"{urls[lang]}/quiz/index.html")
    ready(page.main_frame)
    assert violations(page) == []
    items = {i["id"]: i for i in sco_data(page.main_frame)["items"]}
    for item_id in page.locator(".question:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)"):
        answer(page.main_frame, items[item_id])
    page.locator('[data-quiz="submit"]').click()  # review with feedback and result
    assert violations(page) == []
