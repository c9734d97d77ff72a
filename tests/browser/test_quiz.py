"""The final quiz against its answer key, item types, scoring, attempts, draw balance, xAPI mapping,
on the fixture course (tests/content/test_quiz_bank.py runs the key checks on the real course's bank).

A variant of the course whose quiz draws the whole bank puts every item in front of the robot;
the robot answers from `packager answer-key --format json`, so the key and the scoring are
checked against each other for every item, in French and in Arabic.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from packager.build import build
from packager.source import load_course
from tests.browser.robot import answer, leave, ready, sco_data, sco_frame
from tests.browser.test_scorm12_runtime import RESPONSE_12, assert_sound_session, finished_calls, values
from tests.conftest import MINI

XAPI_TYPES = {
    "choice",
    "true-false",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
}


def bank_variant(tmp_path_factory, server, root, course_id: str) -> dict:
    """The course at `root` with a quiz that draws its whole bank and allows two attempts."""
    source = tmp_path_factory.mktemp("bank") / "course"
    shutil.copytree(root, source)
    quiz = source / "quiz" / "quiz.yaml"
    bank_size = len(load_course(root).quiz.items)
    text = re.sub(r"draw: \d+", f"draw: {bank_size}", quiz.read_text(encoding="utf-8"))
    quiz.write_text(text.replace("attempts: 0", "attempts: 2"), encoding="utf-8")
    out = tmp_path_factory.mktemp("bank-dist")
    build(source, out, modules=("quiz",))
    return {
        "source": source,
        **{lang: server.extract(out / f"{course_id}_quiz_{lang}_scorm12.zip") for lang in ("fr", "ar")},
    }


@pytest.fixture(scope="module")
def whole_bank(tmp_path_factory, server):
    return bank_variant(tmp_path_factory, server, MINI, "mini")


def key(run, source, lang) -> dict:
    result = run("answer-key", "--lang", lang, "--format", "json", "--source", source)
    assert result.exit_code == 0, result.output
    return {item["id"]: item for item in json.loads(result.output)["items"]}


# Every drawn item answered from the answer key in the page (the real bank); the fixture-course tests click.
ANSWER_ALL = (Path(__file__).parent / "answer_all.js").read_text(encoding="utf-8")


def play(page, server, url, session, answers, at_once=False):
    """Answer the drawn items with `answers(item_id, index)` -> (item, correct) and submit; `at_once`:
    every item answered right from the key in one round trip."""
    page.goto(server.lms_url(f"{url}/quiz/index.html", session, {"cmi": {"student_data": {"mastery_score": "80"}}}))
    frame = sco_frame(page)
    drawn = frame.locator(".question:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)")
    if at_once:
        frame.evaluate(ANSWER_ALL, [answers(item_id, index)[0] for index, item_id in enumerate(drawn)])
    for index, item_id in enumerate(drawn if not at_once else ()):
        item, correct = answers(item_id, index)
        answer(frame, item, correct=correct)
    frame.locator('[data-quiz="submit"]').click()
    return frame, drawn


def interactions(calls):
    found = {}
    for call in calls:
        match = (
            re.match(r"^cmi\.interactions\.(\d+)\.(.+)$", call["args"][0]) if call["method"] == "LMSSetValue" else None
        )
        if match:
            found.setdefault(int(match[1]), {})[match[2]] = call["args"][1]
    return [found[n] for n in sorted(found)]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_answer_key_agrees_with_scoring_for_the_whole_bank(page, server, run, whole_bank, lang, at_once=False):
    answer_key = key(run, whole_bank["source"], lang)
    assert {item["type"] for item in answer_key.values()} == {
        "single",
        "multiple",
        "truefalse",
        "matching",
        "ordering",
        "fillin",
    }
    session = f"key-{lang}"
    frame, drawn = play(
        page, server, whole_bank[lang], session, lambda item_id, _: (answer_key[item_id], True), at_once
    )
    assert sorted(drawn) == sorted(answer_key), "the whole bank is drawn"
    leave(page)
    calls = finished_calls(server, session, page)
    assert_sound_session(calls, done=True)
    assert values(calls, "cmi.core.score.raw") == ["100"]
    records = interactions(calls)
    assert [r["id"] for r in records] == drawn
    for record in records:
        assert record["result"] == "correct", record
        assert RESPONSE_12[record["type"]].match(record["student_response"]), record
        assert RESPONSE_12[record["type"]].match(record["correct_responses.0.pattern"]), record
    assert {r["type"] for r in records} == {"choice", "true-false", "matching", "sequencing", "fill-in"}


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_answer_wrong_fails_with_zero_and_attempts_run_out(page, server, run, whole_bank, lang):
    answer_key = key(run, whole_bank["source"], lang)
    session = f"wrong-{lang}"
    frame, _ = play(page, server, whole_bank[lang], session, lambda item_id, _: (answer_key[item_id], False))
    assert frame.locator(".feedback.bad").count() == len(answer_key)
    frame.locator('[data-quiz="retry"]').click()  # attempt 2 of 2
    for item_id in frame.locator(".question:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)"):
        answer(frame, answer_key[item_id], correct=False)
    frame.locator('[data-quiz="submit"]').click()
    assert frame.locator('[data-quiz="retry"]').count() == 0, "no attempt left"
    leave(page)
    calls = finished_calls(server, session, page)
    assert_sound_session(calls, done=True)
    assert values(calls, "cmi.core.score.raw") == ["0", "0"]
    assert values(calls, "cmi.core.lesson_status") == ["incomplete", "failed", "failed"]
    assert all(r["result"] == "wrong" for r in interactions(calls))
    assert len(interactions(calls)) == 2 * len(answer_key)


@pytest.mark.parametrize("below", [True, False])
def test_a_mix_gives_the_exact_score(page, server, run, whole_bank, below):
    """Just below and just above the 80 % mastery score, judged exactly (right / drawn >= 0.8, in
    integers); the score shown and reported is 100 x right / drawn rounded down."""
    answer_key = key(run, whole_bank["source"], "fr")
    total = len(answer_key)
    right = (
        next(r for r in range(total, 0, -1) if 100 * r < 80 * total)
        if below
        else next(r for r in range(total + 1) if 100 * r >= 80 * total)
    )
    score, status = str(100 * right // total), "failed" if below else "passed"
    session = f"mix-{right}"
    play(page, server, whole_bank["fr"], session, lambda item_id, index: (answer_key[item_id], index < right))
    leave(page)
    calls = finished_calls(server, session, page)
    assert values(calls, "cmi.core.score.raw") == [score]
    assert values(calls, "cmi.core.lesson_status")[-1] == status
    assert sum(r["result"] == "correct" for r in interactions(calls)) == right


def test_draw_is_balanced_across_modules(page, server, mini_dist):
    url = server.extract(mini_dist / "mini_quiz_fr_scorm12.zip")
    for attempt in range(5):
        page.goto(server.lms_url(f"{url}/quiz/index.html", f"draw-{attempt}"))
        frame = sco_frame(page)
        modules = {i["id"]: i["module"] for i in sco_data(frame)["items"]}
        drawn = frame.locator(".question:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)")
        per_module = Counter(modules[i] for i in drawn)
        assert len(drawn) == 5 and len(per_module) == 2
        assert max(per_module.values()) - min(per_module.values()) <= 1, per_module


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_xapi_definition_of_every_item(page, server, run, whole_bank, lang):
    answer_key = key(run, whole_bank["source"], lang)
    page.goto(f"{server.base}{whole_bank[lang]}/quiz/index.html")
    ready(page.main_frame)
    reports = page.evaluate(
        """lang => Array.from(document.querySelectorAll('.question')).map(fs => {
        const data = JSON.parse(document.getElementById('sco-data').textContent);
        const item = data.items.find(i => i.id === fs.dataset.question);
        const response = item.type === 'fillin' ? item.answer[0]
            : item.type === 'truefalse' ? (item.answer ? 't' : 'f') : item.answer;
        const words = Packager.use('questions').describe(fs);
        return [item.id, Packager.use('interactions').xapiInteraction(item, response, lang, words)];
    })""",
        lang,
    )
    assert len(reports) == len(answer_key)
    for item_id, report in reports:
        entry, definition = answer_key[item_id], report["definition"]
        assert definition["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
        assert definition["interactionType"] in XAPI_TYPES
        assert definition["description"][lang] == entry["prompt"]
        if entry["type"] == "fillin":
            assert report["response"] == entry["answer"][0]
        else:
            assert definition["correctResponsesPattern"] == [report["response"]]
        if entry["type"] in ("single", "multiple", "ordering"):
            assert sorted((c["id"], c["description"][lang]) for c in definition["choices"]) == sorted(
                (c["id"], c["text"]) for c in entry["choices"]
            )
        if entry["type"] == "matching":
            assert {c["id"] for c in definition["source"]} == {c["id"] for c in entry["sources"]}
            assert {c["id"] for c in definition["target"]} == {c["id"] for c in entry["targets"]}
            assert re.match(r"^\w\[\.\]\w(\[,\]\w\[\.\]\w)*$", report["response"])
