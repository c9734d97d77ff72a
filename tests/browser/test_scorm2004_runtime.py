"""The SCORM 2004 packages of the fixture course played in Chromium against scorm-again's
Scorm2004API: the whole course sequenced by scorm-again's engine from the package's own manifest
(lms2004.html), and single SCOs launched alone.

Every API call is recorded with its result and GetLastError. scorm-again is lenient (it does not
hold values to the RTE's smallest permitted maximums, nor refuse every malformed response), so the
SCORM 2004 vocabularies, formats and limits are checked here, by the tests (RTE book, 4th Edition).
"""

from __future__ import annotations

import json
import re

import pytest

from tests.browser.robot import answer, leave, sco_data, sco_frame, wait_for, walk_module

DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$")
TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,2})?(Z|[+-]\d{2}(:\d{2})?)?$")
DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
SHORT_ID = r"[A-Za-z0-9_\-.:]{1,250}"
LANG_STRING = re.compile(r"^(\{lang=[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*\})?[^{][\s\S]*$|^\{lang=[a-z]{2}\}$")
RESPONSE = {
    "choice": re.compile(rf"^{SHORT_ID}(\[,\]{SHORT_ID})*$"),
    "sequencing": re.compile(rf"^{SHORT_ID}(\[,\]{SHORT_ID})*$"),
    "matching": re.compile(rf"^{SHORT_ID}\[\.\]{SHORT_ID}(\[,\]{SHORT_ID}\[\.\]{SHORT_ID})*$"),
    "true-false": re.compile(r"^(true|false)$"),
    "fill-in": re.compile(r"^(\{case_matters=(true|false)\})?(\{lang=[a-z]{2}\})?[^\[]*$"),
}
VOCABULARY = {
    "cmi.completion_status": {"completed", "incomplete", "not attempted", "unknown"},
    "cmi.success_status": {"passed", "failed", "unknown"},
    "cmi.exit": {"time-out", "suspend", "logout", "normal", ""},
    "adl.nav.request": {"continue", "previous", "exit", "exitAll", "abandon", "abandonAll", "suspendAll", "_none_"},
}
WRITABLE = re.compile(
    r"^(cmi\.(completion_status|success_status|score\.(scaled|raw|min|max)|progress_measure|location|"
    r"suspend_data|exit|session_time)|cmi\.interactions\.\d+\.(id|type|timestamp|weighting|"
    r"learner_response|result|latency|description|correct_responses\.\d+\.pattern)|adl\.nav\.request)$"
)
LIMITS = {"cmi.location": 1000, "cmi.suspend_data": 64000}


def values(calls, name):
    return [c["args"][1] for c in calls if c["method"] == "SetValue" and c["args"][0] == name]


def sessions(calls) -> dict[str, list[dict]]:
    """The calls of each delivered activity, in order."""
    grouped: dict[str, list[dict]] = {}
    for call in calls:
        grouped.setdefault(call["activity"], []).append(call)
    return grouped


def interactions(calls) -> dict[int, dict]:
    found: dict[int, dict] = {}
    for call in calls:
        match = re.match(r"^cmi\.interactions\.(\d+)\.(.+)$", call["args"][0]) if call["method"] == "SetValue" else None
        if match:
            found.setdefault(int(match[1]), {})[match[2]] = call["args"][1]
    return found


def assert_interaction(record: dict, order: list[str]) -> None:
    assert order[0] == "id" and order.index("type") < order.index("learner_response"), order
    assert 0 < len(record["id"]) <= 4000 and not re.search(r"\s", record["id"]), record["id"]
    pattern = RESPONSE[record["type"]]
    assert len(record["learner_response"]) <= 250 and pattern.match(record["learner_response"]), record
    assert pattern.match(record["correct_responses.0.pattern"]), record
    assert record["result"] in ("correct", "incorrect")
    assert DURATION.match(record["latency"]) and TIME.match(record["timestamp"]), record
    assert len(record["description"]) <= 250 and LANG_STRING.match(record["description"]), record


def assert_sound_session(calls: list[dict], exit: str) -> None:
    """One SCO session as the SCORM 2004 RTE book wants it, whatever scorm-again lets through."""
    assert calls and calls[0]["method"] == "Initialize" and calls[0]["result"] == "true", calls[:1]
    assert sum(c["method"] == "Initialize" for c in calls) == 1
    ends = [i for i, c in enumerate(calls) if c["method"] == "Terminate"]
    assert len(ends) == 1, "Terminate must be called exactly once"
    assert ends[0] == len(calls) - 1, f"calls after Terminate: {calls[ends[0] + 1 :]}"
    assert not [c for c in calls if c["error"] != "0"], f"LMS errors: {[c for c in calls if c['error'] != '0']}"
    for call in (c for c in calls if c["method"] == "SetValue"):
        name, value = call["args"]
        assert WRITABLE.match(name), f"{name} is not a writable element"
        assert value in VOCABULARY.get(name, {value}), call
        assert len(value) <= LIMITS.get(name, 64000), (name, len(value))
        if name.startswith("cmi.score."):
            assert DECIMAL.match(value) and (name != "cmi.score.scaled" or -1 <= float(value) <= 1), call
        if name == "cmi.progress_measure":
            assert DECIMAL.match(value) and 0 <= float(value) <= 1, call
    assert values(calls, "cmi.exit") == [exit]
    times = values(calls, "cmi.session_time")
    assert len(times) == 1 and DURATION.match(times[0]), times
    by_index: dict[int, list[str]] = {}
    for call in (c for c in calls if c["method"] == "SetValue"):
        match = re.match(r"^cmi\.interactions\.(\d+)\.(.+)$", call["args"][0])
        if match:
            by_index.setdefault(int(match[1]), []).append(match[2])
    for index, record in interactions(calls).items():
        assert_interaction(record, by_index[index])


def delivered(page, count: int):
    """The SCO frame once the LMS has delivered its `count`-th activity and the runtime is ready."""
    page.wait_for_function(f"window.deliveries.length >= {count}")
    expected = page.evaluate(f"window.deliveries[{count - 1}]").removeprefix("ITEM-")
    page.wait_for_function(
        "part => { const d = document.getElementById('sco').contentDocument;"
        " return !!(d && d.documentElement && d.location.pathname.includes('/' + part + '/')"
        " && d.documentElement.hasAttribute('data-ready')); }",
        arg=expected,
    )
    return page.query_selector("#sco").content_frame()


def click_part(frame, request: str) -> None:
    button = frame.locator(f'[data-nav-request="{request}"]')
    button.wait_for(state="visible")
    button.click()


def take_quiz(frame, right: int) -> list[str]:
    data = sco_data(frame)
    items = {i["id"]: i for i in data["items"]}
    drawn = frame.locator(".question:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)")
    for index, item_id in enumerate(drawn):
        answer(frame, items[item_id], correct=index < right)
    frame.locator('[data-quiz="submit"]').click()
    frame.locator("#result").wait_for()
    return drawn


@pytest.fixture(scope="module")
def packages(mini_dist, server):
    return {
        (part, lang): server.extract(mini_dist / f"mini_{part}_{lang}_scorm2004.zip")
        for part in ("course", "m01", "quiz")
        for lang in ("fr", "ar")
    }


@pytest.mark.parametrize("lang, outcome", [("fr", (5, "passed")), ("ar", (3, "failed"))])
def test_whole_course_in_sequence_with_the_scos_own_controls(page, server, packages, lang, outcome):
    right, verdict = outcome  # right answers of 5, and the course's success it gives
    page.goto(server.lms_url("", f"course-{lang}", lms="lms2004.html", course=packages["course", lang]))
    frame = delivered(page, 1)
    assert page.evaluate("window.deliveries") == ["ITEM-m01"]
    assert frame.locator('[data-nav-request="previous"]').is_hidden()
    walk_module(frame)
    click_part(frame, "continue")
    frame = delivered(page, 2)
    walk_module(frame)
    click_part(frame, "continue")  # m02 completed: the gate is open
    frame = delivered(page, 3)
    assert page.evaluate("window.deliveries") == ["ITEM-m01", "ITEM-m02", "ITEM-quiz"]
    take_quiz(frame, right)
    click_part(frame, "suspendAll")
    wait_for(lambda: page.evaluate("window.ended"))

    calls = page.evaluate("window.calls")
    for session in sessions(calls).values():
        assert_sound_session(session, "normal")
    quiz = sessions(calls)["ITEM-quiz"]
    assert values(quiz, "cmi.success_status") == [verdict]
    assert [float(v) for v in values(quiz, "cmi.score.scaled")] == [right / 5]
    assert values(quiz, "adl.nav.request") == ["suspendAll"]
    course = page.evaluate("window.tracking('ORG-mini')")
    assert (course["completionStatus"], course["successStatus"]) == ("completed", verdict)
    assert course["score"] == right / 5


def test_the_quiz_stays_closed_until_every_module_is_completed(page, server, packages):
    page.goto(server.lms_url("", "gate", lms="lms2004.html", course=packages["course", "fr"]))
    frame = delivered(page, 1)
    walk_module(frame)
    click_part(frame, "continue")
    frame = delivered(page, 2)
    # The LMS's table of contents: the quiz cannot be chosen, the modules can.
    assert page.evaluate("lms.GetValue('adl.nav.request_valid.choice.{target=ITEM-quiz}')") == "false"
    assert page.evaluate("lms.GetValue('adl.nav.request_valid.choice.{target=ITEM-m01}')") == "true"
    # Continue from the unfinished module 2: the LMS ends the SCO and delivers nothing (SB.2.2-2).
    # (scorm-again answers adl.nav.request_valid.continue "true" here, from flow alone, so the SCO
    # offers the control; the request is only a request.)
    click_part(frame, "continue")
    calls = wait_for(
        lambda: [c for c in page.evaluate("window.calls") if c["method"] == "Terminate" and c["activity"] == "ITEM-m02"]
    )
    assert calls and calls[0]["result"] == "true"
    assert page.evaluate("window.deliveries") == ["ITEM-m01", "ITEM-m02"]
    assert values(sessions(page.evaluate("window.calls"))["ITEM-m02"], "cmi.exit") == ["suspend"]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_leaving_a_module_mid_way_and_coming_back_resumes_it(page, server, packages, lang):
    page.goto(server.lms_url("", f"come-back-{lang}", lms="lms2004.html", course=packages["course", lang]))
    frame = delivered(page, 1)
    data = sco_data(frame)
    check = data["checks"][0]
    answer(frame, check)
    frame.locator(f'form[data-check="{check["id"]}"] button').click()
    frame.locator('[data-nav="next"]').click()
    click_part(frame, "continue")  # m01 unfinished: suspended
    frame = delivered(page, 2)
    click_part(frame, "previous")
    frame = delivered(page, 3)
    assert frame.locator(".page:not([hidden])").get_attribute("data-page") == data["pages"][1]
    frame.locator('[data-nav="prev"]').click()
    assert frame.locator(f'.feedback[data-feedback="{check["id"]}"]').is_visible()
    calls = sessions(page.evaluate("window.calls"))
    assert values(calls["ITEM-m01"], "cmi.exit")[:1] == ["suspend"]
    resumed = [c for c in page.evaluate("window.calls") if c["args"][:1] == ["cmi.entry"]]
    assert [c["result"] for c in resumed] == ["ab-initio", "ab-initio", "resume"]


def finished_calls(server, session, page=None, timeout=5.0):
    """A single SCO's calls once Terminate was made: from the LMS page while it is open, else from
    the beacons it sent (what survives a closed window)."""

    def calls():
        if page is not None and not page.is_closed():
            return page.evaluate("window.calls")
        return server.calls(session)

    return wait_for(lambda: any(c["method"] == "Terminate" for c in calls()) and calls(), timeout)


def launch(page, server, url: str, session: str, cmi: dict | None = None):
    page.goto(server.lms_url(url, session, cmi, lms="lms2004.html"))
    return sco_frame(page)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_single_quiz_sco_fails_below_the_passing_score_and_offers_a_retry(page, server, packages, lang):
    session = f"quiz-fail-{lang}"
    frame = launch(page, server, f"{packages['quiz', lang]}/quiz/index.html", session, {"scaled_passing_score": "0.8"})
    drawn = take_quiz(frame, right=3)  # 3 of 5: 60 % < 80 %
    assert frame.locator('[data-quiz="retry"]').is_visible()
    assert frame.locator('[data-nav-request="suspendAll"]').is_visible()
    leave(page)
    calls = finished_calls(server, session, page)
    assert_sound_session(calls, "normal")
    assert values(calls, "cmi.score.scaled") == ["0.6"] and values(calls, "cmi.score.raw") == ["60"]
    assert values(calls, "cmi.success_status") == ["failed"]
    assert values(calls, "cmi.completion_status") == ["incomplete", "completed"]
    recorded = interactions(calls)
    assert len(recorded) == 5 and [r["result"] for r in recorded.values()] == ["correct"] * 3 + ["incorrect"] * 2
    assert [r["id"].rsplit("/", 1)[-1] for r in recorded.values()] == drawn


def test_the_passing_score_comes_from_the_lms(page, server, packages):
    session = "quiz-passing"
    frame = launch(page, server, f"{packages['quiz', 'fr']}/quiz/index.html", session, {"scaled_passing_score": "0.6"})
    take_quiz(frame, right=3)
    leave(page)
    assert values(finished_calls(server, session, page), "cmi.success_status") == ["passed"]  # 60 % >= 60 %


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_closing_the_window_mid_module_terminates_once_with_suspend(page, server, packages, lang):
    session = f"close-window-{lang}"
    frame = launch(page, server, f"{packages['m01', lang]}/m01/index.html", session)
    second = sco_data(frame)["pages"][1]
    frame.locator('[data-nav="next"]').click()
    page.close(run_before_unload=True)
    calls = finished_calls(server, session)
    assert_sound_session(calls, "suspend")
    assert values(calls, "cmi.location")[-1] == second
    assert values(calls, "cmi.completion_status") == ["incomplete"]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_resume_mid_quiz_restores_the_draw_and_answers(page, server, packages, lang):
    first = f"quiz-resume-1-{lang}"
    frame = launch(page, server, f"{packages['quiz', lang]}/quiz/index.html", first, {"scaled_passing_score": "0.8"})
    items = {i["id"]: i for i in sco_data(frame)["items"]}
    drawn = frame.locator(".question:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)")
    for item_id in drawn[:2]:
        answer(frame, items[item_id])
    leave(page)
    calls = finished_calls(server, first, page)
    assert_sound_session(calls, "suspend")
    assert values(calls, "cmi.success_status") == [], "no verdict before submission"

    second = f"quiz-resume-2-{lang}"
    frame = launch(
        page,
        server,
        f"{packages['quiz', lang]}/quiz/index.html",
        second,
        {
            "entry": "resume",
            "scaled_passing_score": "0.8",
            "location": values(calls, "cmi.location")[-1],
            "suspend_data": values(calls, "cmi.suspend_data")[-1],
            "completion_status": "incomplete",
        },
    )
    assert frame.locator(".question:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)") == drawn
    assert "3" in frame.locator("#quiz-status").text_content()  # 3 of 5 still unanswered


def test_free_text_never_breaks_the_limits(page, server, packages):
    """A 70,000-character answer: learner_response stays within 250, suspend_data within 64,000."""
    session = "long-text"
    frame = launch(
        page, server, f"{packages['quiz', 'fr']}/quiz/index.html", "long-text-probe", {"scaled_passing_score": "0.8"}
    )
    items = sco_data(frame)["items"]
    fillin = next(i for i in items if i["type"] == "fillin")
    seed = frame.evaluate(
        """([items, id]) => { const draw = Packager.use("draw");
        for (let s = 1; s < 10000; s++) if (draw.draw(items, 5, s).ids.includes(id)) return s; }""",
        [items, fillin["id"]],
    )
    state = json.dumps({"v": 1, "s": seed, "n": 1, "d": 0, "sc": None, "r": []})
    frame = launch(
        page,
        server,
        f"{packages['quiz', 'fr']}/quiz/index.html",
        session,
        {"entry": "resume", "scaled_passing_score": "0.8", "location": "attempt-1", "suspend_data": state},
    )
    drawn = frame.locator(".question:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)")
    assert fillin["id"] in drawn
    by_id = {i["id"]: i for i in items}
    for item_id in drawn:
        answer(frame, by_id[item_id], text="x" * 70000 if item_id == fillin["id"] else None)
    frame.locator('[data-quiz="submit"]').click()
    frame.locator("#result").wait_for()
    leave(page)
    calls = finished_calls(server, session, page)
    assert_sound_session(calls, "normal")
    assert max(len(v) for v in values(calls, "cmi.suspend_data")) <= 64000


def test_review_mode_shows_the_record_and_records_nothing(page, server, packages):
    first = "review-1"
    frame = launch(page, server, f"{packages['quiz', 'fr']}/quiz/index.html", first, {"scaled_passing_score": "0.8"})
    take_quiz(frame, right=3)
    leave(page)
    saved = values(finished_calls(server, first, page), "cmi.suspend_data")[-1]

    second = "review-2"
    frame = launch(
        page,
        server,
        f"{packages['quiz', 'fr']}/quiz/index.html",
        second,
        {
            "mode": "review",
            "scaled_passing_score": "0.8",
            "location": "attempt-1",
            "suspend_data": saved,
            "completion_status": "completed",
            "success_status": "failed",
        },
    )
    assert "60" in frame.locator("#result").text_content()
    assert frame.locator("#mode").is_visible()
    assert frame.locator('[data-quiz="retry"]').count() == 0, "review mode never offers an unrecorded attempt"
    assert frame.locator('[data-quiz="submit"]').is_disabled()
    leave(page)
    calls = finished_calls(server, second, page)
    assert not [c for c in calls if c["error"] != "0"]
    assert {c["args"][0] for c in calls if c["method"] == "SetValue"} <= {"cmi.exit", "cmi.session_time"}


def test_browse_mode_reports_nothing(page, server, packages):
    session = "browse"
    frame = launch(page, server, f"{packages['m01', 'fr']}/m01/index.html", session, {"mode": "browse"})
    walk_module(frame)
    leave(page)
    calls = finished_calls(server, session, page)
    assert not [c for c in calls if c["error"] != "0"]
    assert {c["args"][0] for c in calls if c["method"] == "SetValue"} <= {"cmi.exit", "cmi.session_time"}
