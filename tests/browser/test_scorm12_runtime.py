"""Every SCO of the fixture course's French and Arabic whole-course packages, played in Chromium against
scorm-again.

The LMS page records each API call with its result and LMSGetLastError. scorm-again is lenient
(it accepts 4,097-character suspend_data and calls after LMSFinish), so the SCORM 1.2 limits and
formats are checked here, by the tests.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.robot import answer, leave, ready, sco_data, sco_frame, wait_for, walk_module

MODULES = ["m01", "m02"]
TIMESPAN = re.compile(r"^\d{4}:\d{2}:\d{2}\.\d{2}$")  # HHHH:MM:SS.SS
TIMESPAN_12 = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")
TIME_12 = re.compile(r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$")
IDENTIFIER = re.compile(r"^[A-Za-z0-9_-]{1,255}$")
RESPONSE_12 = {
    "choice": re.compile(r"^[0-9a-z](,[0-9a-z])*$"),
    "sequencing": re.compile(r"^[0-9a-z](,[0-9a-z])*$"),
    "true-false": re.compile(r"^[tf01]$"),
    "matching": re.compile(r"^[0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*$"),
    "fill-in": re.compile(r"^.{0,255}$", re.S),
}
LESSON_STATUS = {"passed", "completed", "failed", "incomplete", "browsed", "not attempted"}


def finished_calls(server, session, page=None, timeout=15.0):
    """The session's API calls once LMSFinish was made: from the LMS page while it is open (complete),
    else from the beacons it sent (what survives a closed tab)."""

    def calls():
        if page is not None and not page.is_closed():
            return page.evaluate("window.calls")
        return server.calls(session)

    return wait_for(lambda: any(c["method"] == "LMSFinish" for c in calls()) and calls(), timeout)


def values(calls, name):
    return [c["args"][1] for c in calls if c["method"] == "LMSSetValue" and c["args"][0] == name]


def assert_sound_session(calls, done: bool):
    """What every session must show, whatever the SCO: the SCORM 1.2 rules of the runtime issue."""
    assert calls, "no API call recorded"
    assert calls[0]["method"] == "LMSInitialize" and calls[0]["result"] == "true"
    assert sum(c["method"] == "LMSInitialize" for c in calls) == 1
    finishes = [i for i, c in enumerate(calls) if c["method"] == "LMSFinish"]
    assert len(finishes) == 1, "LMSFinish must be called exactly once"
    assert finishes[0] == len(calls) - 1, f"calls after LMSFinish: {calls[finishes[0] + 1 :]}"
    errors = [c for c in calls if c["error"] != "0"]
    assert not errors, f"LMS rejected: {errors}"
    assert all(len(v) <= 255 for v in values(calls, "cmi.core.lesson_location"))
    assert all(len(v) <= 4096 for v in values(calls, "cmi.suspend_data"))
    assert set(values(calls, "cmi.core.lesson_status")) <= LESSON_STATUS
    assert values(calls, "cmi.core.exit") == ["" if done else "suspend"]
    session_time = values(calls, "cmi.core.session_time")
    assert len(session_time) == 1 and TIMESPAN.match(session_time[0]), session_time


@pytest.fixture(scope="module")
def course_urls(mini_dist, server):
    return {lang: server.extract(mini_dist / f"mini_course_{lang}_scorm12.zip") for lang in ("fr", "ar")}


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("module", MODULES)
def test_module_sco_completes(page, server, course_urls, lang, module):
    session = f"complete-{lang}-{module}"
    page.goto(server.lms_url(f"{course_urls[lang]}/{module}/index.html", session))
    frame = sco_frame(page)
    walk_module(frame)
    assert frame.locator('[data-page="_summary"]').is_visible()
    leave(page)
    calls = finished_calls(server, session, page)
    assert_sound_session(calls, done=True)
    statuses = values(calls, "cmi.core.lesson_status")
    assert statuses == ["incomplete", "completed"], statuses
    commits = sum(c["method"] == "LMSCommit" for c in calls)
    pages_and_checks = len(values(calls, "cmi.core.lesson_location"))
    assert commits <= pages_and_checks + 1, "LMSCommit should follow meaningful changes only"
    assert not values(calls, "cmi.core.score.raw"), "a module has no score"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_quiz_sco_passes_with_every_answer_right(page, server, course_urls, lang):
    session = f"quiz-pass-{lang}"
    page.goto(
        server.lms_url(
            f"{course_urls[lang]}/quiz/index.html", session, {"cmi": {"student_data": {"mastery_score": "80"}}}
        )
    )
    frame = sco_frame(page)
    data = sco_data(frame)
    items = {i["id"]: i for i in data["items"]}
    drawn = frame.locator(".question:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)")
    assert len(drawn) == data["draw"] == 5
    submit = frame.locator('[data-quiz="submit"]')
    for item_id in drawn:
        assert submit.is_disabled(), "submission must wait until every item is answered"
        answer(frame, items[item_id])
    submit.click()
    frame.locator("#result").wait_for()
    leave(page)
    calls = finished_calls(server, session, page)
    assert_sound_session(calls, done=True)
    assert values(calls, "cmi.core.score.raw") == ["100"]
    assert values(calls, "cmi.core.score.min") == ["0"] and values(calls, "cmi.core.score.max") == ["100"]
    assert values(calls, "cmi.core.lesson_status") == ["incomplete", "passed"]
    status_at = max(c["seq"] for c in calls if c["args"][:2] == ["cmi.core.lesson_status", "passed"])
    raw_at = max(c["seq"] for c in calls if c["args"][:1] == ["cmi.core.score.raw"])
    assert raw_at < status_at

    interactions = {}
    for call in calls:
        match = (
            re.match(r"^cmi\.interactions\.(\d+)\.(.+)$", call["args"][0]) if call["method"] == "LMSSetValue" else None
        )
        if match:
            interactions.setdefault(int(match[1]), {})[match[2]] = call["args"][1]
    assert sorted(interactions) == list(range(5))
    assert [i["id"] for i in interactions.values()] == drawn
    for record in interactions.values():
        assert IDENTIFIER.match(record["id"])
        pattern = RESPONSE_12[record["type"]]
        assert pattern.match(record["student_response"]), record
        assert pattern.match(record["correct_responses.0.pattern"]), record
        assert record["result"] == "correct"
        assert TIMESPAN_12.match(record["latency"]) and TIME_12.match(record["time"])
    scorm_type = {
        "single": "choice",
        "multiple": "choice",
        "truefalse": "true-false",
        "matching": "matching",
        "ordering": "sequencing",
        "fillin": "fill-in",
    }
    assert all(record["type"] == scorm_type[items[record["id"]]["type"]] for record in interactions.values())


def test_quiz_fails_below_mastery_and_offers_a_retry(page, server, course_urls):
    session = "quiz-fail"
    page.goto(
        server.lms_url(
            f"{course_urls['fr']}/quiz/index.html", session, {"cmi": {"student_data": {"mastery_score": "80"}}}
        )
    )
    frame = sco_frame(page)
    items = {i["id"]: i for i in sco_data(frame)["items"]}
    drawn = frame.locator(".question:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)")
    for index, item_id in enumerate(drawn):
        answer(frame, items[item_id], correct=index < 3)  # 3 of 5: 60 < 80
    frame.locator('[data-quiz="submit"]').click()
    assert frame.locator('[data-quiz="retry"]').is_visible()
    leave(page)
    calls = finished_calls(server, session, page)
    assert_sound_session(calls, done=True)
    assert values(calls, "cmi.core.score.raw") == ["60"]
    assert values(calls, "cmi.core.lesson_status") == ["incomplete", "failed"]


def test_lms_mastery_score_overrides_the_package(page, server, course_urls):
    session = "quiz-mastery"
    page.goto(
        server.lms_url(
            f"{course_urls['fr']}/quiz/index.html", session, {"cmi": {"student_data": {"mastery_score": "60"}}}
        )
    )
    frame = sco_frame(page)
    items = {i["id"]: i for i in sco_data(frame)["items"]}
    drawn = frame.locator(".question:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)")
    for index, item_id in enumerate(drawn):
        answer(frame, items[item_id], correct=index < 3)
    frame.locator('[data-quiz="submit"]').click()
    leave(page)
    calls = finished_calls(server, session, page)
    assert values(calls, "cmi.core.lesson_status")[-1] == "passed"  # 60 >= 60, as Moodle would compute


def test_closing_the_tab_mid_module_finishes_once_with_suspend(page, server, course_urls):
    session = "close-tab"
    page.goto(server.lms_url(f"{course_urls['fr']}/m01/index.html", session))
    frame = sco_frame(page)
    second = sco_data(frame)["pages"][1]
    frame.locator('[data-nav="next"]').click()
    page.close(run_before_unload=True)
    calls = finished_calls(server, session)
    assert_sound_session(calls, done=False)
    assert values(calls, "cmi.core.lesson_location")[-1] == second
    assert values(calls, "cmi.core.lesson_status") == ["incomplete"]


def test_popup_closed_finishes_once(page, server, course_urls):
    session = "popup"
    with page.expect_popup() as opened:
        page.goto(server.lms_url(f"{course_urls['ar']}/m02/index.html", session, popup="1"))
    popup = opened.value
    ready(popup.main_frame)  # the runtime has started (the controls are on the page before it has)
    popup.locator('[data-nav="next"]').click()
    popup.close(run_before_unload=True)
    calls = finished_calls(server, session)
    assert_sound_session(calls, done=False)


def test_resume_reopens_the_page_with_checks_restored(page, server, course_urls):
    first = "resume-1"
    page.goto(server.lms_url(f"{course_urls['fr']}/m01/index.html", first))
    frame = sco_frame(page)
    data = sco_data(frame)
    item = next(c for c in data["checks"] if c["id"] == "m01-c1")
    answer(frame, item)
    frame.locator('form[data-check="m01-c1"] button').click()
    frame.locator('[data-nav="next"]').click()
    leave(page)
    calls = finished_calls(server, first, page)
    location = values(calls, "cmi.core.lesson_location")[-1]
    suspend = values(calls, "cmi.suspend_data")[-1]
    assert location == data["pages"][1]

    second = "resume-2"
    page.goto(
        server.lms_url(
            f"{course_urls['fr']}/m01/index.html",
            second,
            {
                "cmi": {
                    "core": {"entry": "resume", "lesson_location": location, "lesson_status": "incomplete"},
                    "suspend_data": suspend,
                }
            },
        )
    )
    frame = sco_frame(page)
    assert frame.locator(".page:not([hidden])").get_attribute("data-page") == data["pages"][1]
    frame.locator('[data-nav="prev"]').click()
    assert frame.locator("#m01-c1-a").is_checked()
    assert frame.locator('.feedback[data-feedback="m01-c1"]').is_visible()
    frame.locator('[data-goto="_summary"]').first.click()
    assert f"{len(data['pages']) - 2} page(s)" in frame.locator("#summary-status").text_content()  # two seen


def test_resume_mid_quiz_restores_the_draw_and_answers(page, server, course_urls):
    first = "quiz-resume-1"
    page.goto(server.lms_url(f"{course_urls['ar']}/quiz/index.html", first))
    frame = sco_frame(page)
    items = {i["id"]: i for i in sco_data(frame)["items"]}
    drawn = frame.locator(".question:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)")
    for item_id in drawn[:2]:
        answer(frame, items[item_id])
    choice_order = frame.locator(
        f'.question[data-question="{drawn[0]}"] input, .question[data-question="{drawn[0]}"] option'
    ).evaluate_all("els => els.map(e => e.value)")
    leave(page)
    calls = finished_calls(server, first, page)
    suspend = values(calls, "cmi.suspend_data")[-1]
    assert values(calls, "cmi.core.lesson_status") == ["incomplete"], "no pass/fail before submission"

    second = "quiz-resume-2"
    page.goto(
        server.lms_url(
            f"{course_urls['ar']}/quiz/index.html",
            second,
            {
                "cmi": {
                    "core": {"entry": "resume", "lesson_location": "attempt-1", "lesson_status": "incomplete"},
                    "suspend_data": suspend,
                }
            },
        )
    )
    frame = sco_frame(page)
    again = frame.locator(".question:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)")
    assert again == drawn
    assert (
        frame.locator(
            f'.question[data-question="{drawn[0]}"] input, .question[data-question="{drawn[0]}"] option'
        ).evaluate_all("els => els.map(e => e.value)")
        == choice_order
    )
    assert "3" in frame.locator("#quiz-status").text_content()  # 3 of 5 still unanswered


def test_lms_error_shows_a_notice_and_the_page_keeps_working(page, server, course_urls):
    session = "lms-error"
    page.goto(server.lms_url(f"{course_urls['fr']}/m01/index.html", session, fail="LMSCommit"))
    frame = sco_frame(page)
    assert frame.locator("#notice").is_visible()
    frame.locator('[data-nav="next"]').click()
    assert frame.locator(".page:not([hidden])").get_attribute("data-page") == sco_data(frame)["pages"][1]


def test_standalone_without_lms_keeps_progress_in_the_browser(page, server, course_urls):
    url = f"{server.base}{course_urls['fr']}/m02/index.html"
    page.goto(url)
    second = sco_data(page.main_frame)["pages"][1]
    page.locator('[data-nav="next"]').click()
    page.reload()
    ready(page.main_frame)
    assert page.locator(".page:not([hidden])").get_attribute("data-page") == second
    assert not page.locator("#notice").is_visible()


def test_arabic_pages_compute_rtl(page, server, course_urls):
    for part in ("m01", "quiz"):
        page.goto(f"{server.base}{course_urls['ar']}/{part}/index.html")
        ready(page.main_frame)
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        assert page.evaluate("document.documentElement.lang") == "ar"
    page.goto(f"{server.base}{course_urls['fr']}/m01/index.html")
    ready(page.main_frame)
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("part", ["m01", "m02", "quiz"])
def test_pages_fit_a_360px_phone(browser, server, course_urls, lang, part):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{server.base}{course_urls[lang]}/{part}/index.html")
    ready(page.main_frame)
    for section in range(page.locator(".page").count() or 1):
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, f"{part} page {section} scrolls sideways"
        if part == "quiz" or page.locator('[data-nav="next"]').is_disabled():
            break
        page.locator('[data-nav="next"]').click()
    context.close()
