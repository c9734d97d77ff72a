"""`packager preview` in Chromium, on a scratch copy of the fixture course: the page and its panel,
live reload after a source edit (keeping the learner's place), a source error shown in the page,
reset and resume, and `--check` passing on the course and failing, naming the call, on a runtime
that breaks a SCORM 1.2 data-model rule."""

from __future__ import annotations

import re
import shutil
import time

import pytest

from packager import templates
from packager.preview.app import Preview
from packager.preview.check import check_course, table
from packager.preview.robot import answer, ready, sco_data, wait_for
from packager.preview.serve import Running
from tests.conftest import MINI

RELOAD_SECONDS = 1.0  # the bar: a page edit shows in the browser within a second


@pytest.fixture
def running(mini):
    said: list[str] = []
    started = Running(Preview(mini, "scorm12", "fr"), "127.0.0.1", 0, said.append)
    started.said = said
    yield started
    started.stop()


def opened(page, running, part: str = "m01"):
    """The preview page with `part` launched; the content frame, ready."""
    page.goto(f"{running.server.url}/#part={part}")
    page.wait_for_selector("html[data-launched][data-events]", state="attached")
    return ready(page.query_selector("#sco").content_frame())


def shown_page(page) -> str:
    """The page the content shows once its runtime is ready: "id|text", or "" while it loads."""
    return page.evaluate("""() => {
        const doc = document.getElementById("sco").contentDocument;
        const ready = doc && doc.documentElement && doc.documentElement.hasAttribute("data-ready");
        const shown = ready && doc.querySelector(".page:not([hidden])");
        return shown ? shown.id + "|" + shown.innerText : "";
    }""")


def next_page(frame) -> None:
    frame.locator('[data-nav="next"]').click()


def test_the_preview_serves_the_package_files_an_lms_would_run(running, mini_dist):
    """Every file of the whole-course zip, byte for byte, and nothing else."""
    import zipfile

    for fmt in ("scorm12", "scorm2004", "xapi", "cmi5"):
        with zipfile.ZipFile(mini_dist / f"mini_course_fr_{fmt}.zip") as package:
            assert running.preview.live.files("fr", fmt) == {name: package.read(name) for name in package.namelist()}


def test_the_panel_shows_a_module_run_and_its_suspend_data_size(page, running):
    frame = opened(page, running)
    checks = {c["id"]: c for c in sco_data(frame)["checks"]}
    answer(frame, checks["m01-c1"])
    frame.locator('form.check:has([data-question="m01-c1"]) button[type=submit]').click()
    next_page(frame)
    log = page.locator("#log")
    wait_for(lambda: "cmi.suspend_data" in log.inner_text() and "moyens" in log.inner_text())
    entries = log.locator("li").all_inner_texts()
    assert entries[0].startswith('LMSInitialize("") → "true"')
    assert any(e.startswith('LMSSetValue("cmi.core.lesson_location", "moyens") → "true"') for e in entries)
    assert any(e.startswith('LMSCommit("") → "true"') for e in entries)
    saved = page.evaluate("window.API.model.values['cmi.suspend_data']")
    assert saved.startswith('{"v":1,"id":"m01"')
    assert page.locator('#status [data-field="suspend"]').inner_text() == f"{len(saved)} / 4096 caractères"
    assert page.locator('#status [data-field="location"]').inner_text() == "6 / 255 caractères"
    calls = running.preview.events.select(type="call")
    assert wait_for(lambda: len(running.preview.events.select(type="call")) == len(entries)), (
        "the server has every call"
    )
    assert [c["method"] for c in calls][:1] == ["LMSInitialize"]


def test_a_refused_call_is_shown_with_its_error(page, running):
    opened(page, running)
    page.evaluate("window.API.LMSSetValue('cmi.core.lesson_status', 'finished')")
    failed = page.locator("#log li.failed")
    failed.wait_for()
    assert 'LMSSetValue("cmi.core.lesson_status", "finished") → "false"' in failed.inner_text()
    assert "405 Incorrect data type" in failed.inner_text()
    assert "1 erreur(s)" in page.locator("#log-count").inner_text()


def test_relaunch_resumes_and_reset_starts_afresh(page, running):
    frame = opened(page, running)
    next_page(frame)
    next_page(frame)
    page.locator("#relaunch").click()
    wait_for(lambda: page.locator("#status dd").nth(4).inner_text().startswith("resume"))
    frame = ready(page.query_selector("#sco").content_frame())
    assert frame.locator(".page:not([hidden])").get_attribute("data-page") == "cas-pratique", (
        "back where the learner was"
    )
    assert page.locator("#status dd").nth(4).inner_text().startswith("resume")
    page.locator("#reset").click()
    wait_for(lambda: page.locator("#status dd").nth(4).inner_text().startswith("ab-initio"))
    frame = ready(page.query_selector("#sco").content_frame())
    assert frame.locator(".page:not([hidden])").get_attribute("data-page") == "elements"
    assert page.locator("#status dd").first.inner_text() == "incomplete"


def test_launch_mode_and_mastery_score_from_the_panel(page, running):
    opened(page, running, "quiz")
    page.select_option("#mode", "review")
    wait_for(lambda: "review · no-credit" in page.locator("#status dd").nth(4).inner_text())
    page.select_option("#mode", "normal")
    assert wait_for(lambda: page.locator("#status dd").nth(4).inner_text().endswith("normal · credit"))
    page.fill("#mastery", "50")
    page.click("#mastery-apply")
    mastery = (
        "window.API && window.API.state === 'running' && window.API.model.values['cmi.student_data.mastery_score']"
    )
    assert wait_for(lambda: page.evaluate(mastery) == "50")
    frame = ready(page.query_selector("#sco").content_frame())
    items = {i["id"]: i for i in sco_data(frame)["items"]}
    drawn = frame.locator(".question:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)")
    for index, item_id in enumerate(drawn):
        answer(frame, items[item_id], index < 3)  # 3 of 5: 60, passed at 50, failed at the package's 80
    frame.locator('[data-quiz="submit"]').click()
    wait_for(lambda: page.locator("#status dd").first.inner_text() == "passed")
    assert page.locator("#status dd").nth(1).inner_text() == "60 (50)"


def test_a_page_edit_shows_within_a_second_at_the_learners_place(page, running, mini):
    frame = opened(page, running)
    next_page(frame)
    next_page(frame)
    assert frame.locator("#title-cas-pratique").is_visible()
    source = mini / "01-notions" / "fr.md"
    edited = source.read_text(encoding="utf-8").replace("Salma, 19 ans, répond", "Salma, 20 ans, répond")
    written = time.monotonic()
    source.write_text(edited, encoding="utf-8")
    shown = wait_for(lambda: "Salma, 20 ans" in shown_page(page), 5.0)
    latency = time.monotonic() - written
    print(f"page edit shown in the browser after {latency * 1000:.0f} ms")
    assert shown, "the edit never showed"
    assert latency < RELOAD_SECONDS, f"the edit took {latency:.2f} s to show"
    assert shown_page(page).startswith("page-cas-pratique|"), "the learner's place is kept"
    assert page.locator("#status dd").nth(4).inner_text().startswith("resume")
    assert any(line.startswith("rebuilt m01 in") for line in running.said)


def test_a_source_error_shows_in_the_page_and_the_last_good_build_stays(page, running, mini):
    frame = opened(page, running)
    module = mini / "01-notions" / "module.yaml"
    good = module.read_text(encoding="utf-8")
    module.write_text(good.replace("title:\n", "title: [\n"), encoding="utf-8")
    problems = page.locator("#problems")
    problems.wait_for(timeout=5000)
    text = problems.inner_text()
    assert re.search(r"01-notions/module\.yaml:\d+: ", text), text
    assert any("module.yaml" in line for line in running.said) and "last good build" in running.said[-1]
    assert frame.locator("#title-elements").is_visible(), "the content stays"
    assert page.request.get(f"{running.server.url}/content/fr/scorm12/m01/index.html").ok
    module.write_text(good, encoding="utf-8")
    problems.wait_for(state="hidden", timeout=5000)


def test_the_panel_in_arabic_is_right_to_left_and_keyboard_operable(page, mini):
    running = Running(Preview(mini, "xapi", "ar"), "127.0.0.1", 0, lambda line: None)
    try:
        page.goto(f"{running.server.url}/#part=m01")
        ready(page.query_selector("#sco").content_frame())
        assert page.locator("html").get_attribute("dir") == "rtl"
        toggle = page.locator("#panel-toggle")
        toggle.focus()
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "false" and page.locator("#panel-body").is_hidden()
        page.keyboard.press("Space")
        assert toggle.get_attribute("aria-expanded") == "true" and page.locator("#panel-body").is_visible()
        wait_for(lambda: "initialized" in page.locator("#log").inner_text())
        assert "→ 204" in page.locator("#log").inner_text()
    finally:
        running.stop()


@pytest.mark.parametrize("fmt, lang", [("scorm12", "fr"), ("scorm2004", "ar"), ("xapi", "ar"), ("cmi5", "fr")])
def test_check_passes_on_the_course(browser, fmt, lang):
    """Every format, each language twice across them (one run per format keeps the suite short; a
    full `packager preview --check` on the real course runs every format in both languages)."""
    runs = check_course(MINI, (fmt,), lang, None, browser)
    out = "\n".join(table(runs))
    print(out)
    assert not any(run.problems for run in runs)
    assert {run.lang for run in runs} == {lang}
    assert re.search(rf"^{fmt}\s+{lang}\s+quiz\s+right\s+passed\s+100\b", out, re.M)
    assert re.search(rf"^{fmt}\s+{lang}\s+quiz\s+wrong\s+failed\s+0\b", out, re.M)
    assert re.search(rf"^{fmt}\s+{lang}\s+m02\s+walk\s+completed\b", out, re.M)
    assert "every part reported soundly" in out


@pytest.fixture
def broken_runtime(tmp_path, monkeypatch):
    """The templates with a SCORM 1.2 adapter altered to write 5,000 characters of suspend_data."""
    copy = tmp_path / "templates"
    shutil.copytree(templates.path(), copy)
    adapter = copy / "runtime" / "js" / "scorm12.js"
    code = adapter.read_text(encoding="utf-8")
    guarded = '    if (suspend.length <= LIMITS.suspend) this.set("cmi.suspend_data", suspend);'
    assert guarded in code
    adapter.write_text(
        code.replace(guarded, '    this.set("cmi.suspend_data", suspend + " ".repeat(5000 - suspend.length));'),
        encoding="utf-8",
    )
    monkeypatch.setattr(templates, "path", copy.joinpath)


def test_check_fails_naming_the_call_on_a_runtime_that_breaks_the_data_model(browser, broken_runtime):
    runs = check_course(MINI, ("scorm12",), "fr", None, browser)
    out = "\n".join(table(runs))
    print(out)
    assert all(run.problems for run in runs), "every part saves its state: every run breaks the rule"
    problem = re.search(
        r'^PROBLEM scorm12 fr m01 \(walk\): LMSSetValue\("cmi.suspend_data", <5000 characters>\) '
        r"→ error 405: cmi.suspend_data: a value of 5000 characters is not CMIString4096 \(\d+ times\)$",
        out,
        re.M,
    )
    assert problem, out
    assert out.rstrip().endswith("with problems")


def test_statements_go_to_a_real_lrs_whose_secret_the_browser_never_sees(page, mini, lrs):
    from packager.preview.lrs import RemoteLrs
    from tests.browser.harness import LRS_CREDENTIALS

    remote = RemoteLrs(f"http://127.0.0.1:{lrs.lrs_port}/xAPI/", *LRS_CREDENTIALS)
    running = Running(Preview(mini, "xapi", "fr", remote), "127.0.0.1", 0, lambda line: None)
    try:
        frame = opened(page, running, "m02")
        registration = page.evaluate("Packager.use('lms.main').current.info.registration")
        assert LRS_CREDENTIALS[1] not in page.evaluate("Packager.use('lms.main').current.info.url")
        next_page(frame)
        page.evaluate("Packager.use('lms.main').close()")
        stored = wait_for(lambda: len(found := lrs.statements(registration=registration)) >= 4 and found, 10.0)
        assert stored, "the real LRS stored the statements"
        # in the order the browser made them: a statement in flight on leaving may be stored after
        # the last batch (xAPI orders by timestamp, strictly increasing within a page)
        verbs = [s["verb"]["id"].rsplit("/", 1)[-1] for s in sorted(stored, key=lambda s: s["timestamp"])]
        assert verbs[0] == "initialized" and "experienced" in verbs and verbs[-1] == "terminated"
        assert "initialized mini/m02 → 204" in page.locator("#log").inner_text()
    finally:
        running.stop()
