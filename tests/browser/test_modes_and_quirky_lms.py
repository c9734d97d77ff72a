"""Review and browse modes (one rule for every format: review shows what was recorded and records
nothing; browse reports `browsed` only), against scorm-again; and an LMS that answers reads with ""
(Open edX's SCORM XBlock, tests/browser/quirky_lms.html): the SCO trusts what it recorded itself."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from tests.browser.robot import answer, leave, sco_data, sco_frame, walk_module
from tests.browser.test_scorm12_runtime import finished_calls, values


@pytest.fixture(scope="module")
def urls(mini_dist, server):
    return {lang: server.extract(mini_dist / f"mini_course_{lang}_scorm12.zip") for lang in ("fr", "ar")}


def drawn_ids(frame):
    return frame.locator(".question:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)")


def take_quiz(page, server, url, session, right: int, cmi=None):
    """Answer the quiz (the first `right` drawn items right), submit, leave; the calls made."""
    page.goto(server.lms_url(url, session, cmi))
    frame = sco_frame(page)
    items = {i["id"]: i for i in sco_data(frame)["items"]}
    for index, item_id in enumerate(drawn_ids(frame)):
        answer(frame, items[item_id], correct=index < right)
    frame.locator('[data-quiz="submit"]').click()
    leave(page)
    return finished_calls(server, session, page)


# -- review mode: what was recorded, read-only ----------------------------------------------------


def test_a_failed_quiz_reopened_in_review_shows_the_recorded_result(page, server, urls):
    first = take_quiz(page, server, f"{urls['fr']}/quiz/index.html", "review-quiz-1", right=2)
    suspend = values(first, "cmi.suspend_data")[-1]
    session = "review-quiz-2"
    page.goto(
        server.lms_url(
            f"{urls['fr']}/quiz/index.html",
            session,
            {
                "cmi": {
                    "core": {"lesson_mode": "review", "entry": "", "lesson_status": "failed", "score": {"raw": "40"}},
                    "suspend_data": suspend,
                }
            },
        )
    )
    frame = sco_frame(page)
    assert frame.locator("#mode").is_visible()
    assert "40 %" in frame.locator("#result").text_content()
    assert "nouvelle tentative" in frame.locator("#result").text_content()
    assert frame.locator('[data-quiz="retry"]').count() == 0, "no attempt that would not be recorded"
    assert frame.locator('[data-quiz="submit"]').is_disabled()
    assert frame.locator(".question:not([hidden]) .feedback.bad").count() == 3
    assert frame.locator(".question:not([hidden])[disabled]").count() == 5
    leave(page)
    calls = finished_calls(server, session, page)
    written = {c["args"][0] for c in calls if c["method"] == "LMSSetValue"}
    assert written <= {"cmi.core.exit", "cmi.core.session_time"}, written


def test_review_without_a_submitted_attempt_offers_nothing_to_submit(page, server, urls):
    page.goto(
        server.lms_url(f"{urls['ar']}/quiz/index.html", "review-none", {"cmi": {"core": {"lesson_mode": "review"}}})
    )
    frame = sco_frame(page)
    assert frame.locator('[data-quiz="submit"]').count() == 0
    assert "لا توجد أي محاولة" in frame.locator("#result").text_content()


def test_a_module_reopened_in_review_shows_the_page_left_and_the_answers(page, server, urls):
    session = "review-module-1"
    page.goto(server.lms_url(f"{urls['fr']}/m01/index.html", session))
    frame = sco_frame(page)
    check = next(c for c in sco_data(frame)["checks"] if c["id"] == "m01-c1")
    answer(frame, check)
    frame.locator('form[data-check="m01-c1"] button').click()
    frame.locator('[data-nav="next"]').click()
    leave(page)
    calls = finished_calls(server, session, page)
    page.goto(
        server.lms_url(
            f"{urls['fr']}/m01/index.html",
            "review-module-2",
            {
                "cmi": {
                    "core": {
                        "lesson_mode": "review",
                        "entry": "",
                        "lesson_location": values(calls, "cmi.core.lesson_location")[-1],
                    },
                    "suspend_data": values(calls, "cmi.suspend_data")[-1],
                }
            },
        )
    )
    frame = sco_frame(page)
    assert frame.locator(".page:not([hidden])").get_attribute("data-page") == "moyens"
    frame.locator('[data-nav="prev"]').click()
    assert frame.locator("#m01-c1-a").is_checked() and frame.locator('.feedback[data-feedback="m01-c1"]').is_visible()
    assert frame.locator('form[data-check="m01-c1"] button').is_disabled()


# -- browse mode: a preview reports "browsed" and nothing else ------------------------------------


def test_a_module_previewed_in_browse_mode_is_only_browsed(page, server, urls):
    session = "browse-module"
    page.goto(server.lms_url(f"{urls['fr']}/m02/index.html", session, {"cmi": {"core": {"lesson_mode": "browse"}}}))
    frame = sco_frame(page)
    assert frame.locator("#mode").is_visible()
    walk_module(frame)
    leave(page)
    calls = finished_calls(server, session, page)
    assert values(calls, "cmi.core.lesson_status") == ["browsed"]
    written = {c["args"][0] for c in calls if c["method"] == "LMSSetValue"}
    assert written == {"cmi.core.lesson_status", "cmi.core.exit", "cmi.core.session_time"}, written


def test_a_normal_launch_after_a_preview_starts_the_record(page, server, urls):
    """Moodle keeps the previewed attempt: the next normal launch reads status "browsed" and entry "".
    A preview is not progress: the SCO records "incomplete" (seen in Moodle 4.5.6: it stayed browsed)."""
    session = "after-preview"
    core = {"lesson_mode": "normal", "entry": "", "lesson_status": "browsed"}
    page.goto(server.lms_url(f"{urls['fr']}/m02/index.html", session, {"cmi": {"core": core}}))
    frame = sco_frame(page)
    frame.locator('[data-nav="next"]').click()
    leave(page)
    calls = finished_calls(server, session, page)
    assert values(calls, "cmi.core.lesson_status") == ["incomplete"]
    assert values(calls, "cmi.core.exit") == ["suspend"]


def test_a_quiz_previewed_in_browse_mode_records_no_score(page, server, urls):
    calls = take_quiz(
        page,
        server,
        f"{urls['ar']}/quiz/index.html",
        "browse-quiz",
        right=5,
        cmi={"cmi": {"core": {"lesson_mode": "browse"}}},
    )
    assert values(calls, "cmi.core.lesson_status") == ["browsed"]
    assert not values(calls, "cmi.core.score.raw")
    assert not [c for c in calls if c["method"] == "LMSSetValue" and c["args"][0].startswith("cmi.interactions.")]


# -- an LMS that reads back nothing (Open edX SCORM XBlock) ---------------------------------------


def quirky_url(server, sco: str, session: str, record: dict | None = None) -> str:
    return f"{server.base}/quirky_lms.html?sco={quote(sco)}&session={quote(session)}" + (
        f"&record={quote(json.dumps(record))}" if record else ""
    )


def quirky_record(server, session: str) -> dict:
    kept = [c for c in server.calls(session) if c["method"] == "record"]
    return json.loads(kept[-1]["result"]) if kept else {}


def close(page):
    """The learner leaves: from now on the quirky LMS loses what is written."""
    page.evaluate("window.closing = true")
    leave(page)


def test_a_completed_module_reopened_stays_completed(page, server, urls):
    session = "quirky-complete-1"
    page.goto(quirky_url(server, f"{urls['fr']}/m02/index.html", session))
    walk_module(sco_frame(page))
    close(page)
    finished_calls(server, session)
    record = quirky_record(server, session)
    assert record["cmi.core.lesson_status"] == "completed"
    again = "quirky-complete-2"
    page.goto(quirky_url(server, f"{urls['fr']}/m02/index.html", again, record))
    sco_frame(page)
    close(page)
    calls = finished_calls(server, again)
    assert "incomplete" not in values(calls, "cmi.core.lesson_status"), "the completion was downgraded"
    assert quirky_record(server, again)["cmi.core.lesson_status"] == "completed"


def test_a_module_left_midway_resumes_at_its_page_with_its_answers(page, server, urls):
    session = "quirky-resume-1"
    page.goto(quirky_url(server, f"{urls['ar']}/m01/index.html", session))
    frame = sco_frame(page)
    check = next(c for c in sco_data(frame)["checks"] if c["id"] == "m01-c1")
    answer(frame, check)
    frame.locator('form[data-check="m01-c1"] button').click()
    frame.locator('[data-nav="next"]').click()
    close(page)  # what is written while closing is lost: the commits made on the way must be enough
    finished_calls(server, session)
    page.goto(quirky_url(server, f"{urls['ar']}/m01/index.html", "quirky-resume-2", quirky_record(server, session)))
    frame = sco_frame(page)
    assert frame.locator(".page:not([hidden])").get_attribute("data-page") == "moyens"
    frame.locator('[data-nav="prev"]').click()
    assert frame.locator("#m01-c1-a").is_checked()


def test_one_record_for_all_scos_never_gives_a_module_another_modules_state(page, server, urls):
    session = "quirky-shared-1"
    page.goto(quirky_url(server, f"{urls['fr']}/m01/index.html", session))
    frame = sco_frame(page)
    frame.locator('[data-nav="next"]').click()
    close(page)
    finished_calls(server, session)
    page.goto(quirky_url(server, f"{urls['fr']}/m02/index.html", "quirky-shared-2", quirky_record(server, session)))
    frame = sco_frame(page)
    assert frame.locator(".page:not([hidden])").get_attribute("data-page") == "droits"
    frame.locator('[data-goto="_summary"]').first.click()
    assert "2 page(s)" in frame.locator("#summary-status").text_content(), "m01's pages were counted as m02's"


def test_a_full_quiz_stores_every_interaction_in_its_own_slot(page, server, urls):
    session = "quirky-quiz"
    page.goto(quirky_url(server, f"{urls['fr']}/quiz/index.html", session))
    frame = sco_frame(page)
    items = {i["id"]: i for i in sco_data(frame)["items"]}
    drawn = drawn_ids(frame)
    for item_id in drawn:
        answer(frame, items[item_id])
    frame.locator('[data-quiz="submit"]').click()
    close(page)
    finished_calls(server, session)
    record = quirky_record(server, session)
    assert [record.get(f"cmi.interactions.{n}.id") for n in range(len(drawn))] == drawn
    assert record["cmi.core.lesson_status"] == "passed" and record["cmi.core.score.raw"] == "100"
