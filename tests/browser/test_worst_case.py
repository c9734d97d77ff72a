"""Saved state stays within SCORM 1.2's limits whatever the learner does: every page seen, every
check and every quiz answer given, free-text answers as long as the learner cares to type."""

from __future__ import annotations

import shutil

import pytest
import yaml

from packager.build import build
from tests.browser.robot import leave, sco_frame
from tests.browser.test_scorm12_runtime import assert_sound_session, finished_calls, values
from tests.conftest import MINI

LONG = "ط" * 3000  # far beyond the 255 characters SCORM 1.2 keeps of a response


@pytest.fixture(scope="module")
def worst(tmp_path_factory, server):
    """The fixture course with a module of 200 pages and 100 free-text checks, and a quiz drawing 100 free-text
    items."""
    source = tmp_path_factory.mktemp("worst") / "mini-course"
    shutil.copytree(MINI, source)
    for lang in ("fr", "ar"):
        pages = []
        for p in range(200):
            body = f"# Page {p} {{#p{p}}}\n\nTexte {p}.\n"
            if p < 100:
                body += (
                    f"\n```check\nid: w-c{p}\ntype: fillin\nprompt: Question {p}\nanswer: [x]\nfeedback: F {p}\n```\n"
                )
            pages.append(body)
        (source / "01-notions" / f"{lang}.md").write_text("\n".join(pages), encoding="utf-8")
    bank = [
        {
            "id": f"w-q{i}",
            "module": f"m0{i % 2 + 1}",
            "type": "fillin",
            "prompt": {"fr": f"Q{i}", "ar": f"س{i}"},
            "answer": {"fr": ["x"], "ar": ["x"]},
            "feedback": {"fr": "F", "ar": "ف"},
        }
        for i in range(100)
    ]
    for old in (source / "quiz" / "bank").glob("*.yaml"):
        old.unlink()
    (source / "quiz" / "bank" / "worst.yaml").write_text(yaml.safe_dump(bank, allow_unicode=True), encoding="utf-8")
    quiz = source / "quiz" / "quiz.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("draw: 5", "draw: 100"), encoding="utf-8")
    out = tmp_path_factory.mktemp("worst-dist")
    build(source, out, languages=("ar",), modules=("m01", "quiz"))
    return {part: server.extract(out / f"mini_{part}_ar_scorm12.zip") for part in ("m01", "quiz")}


def test_module_with_every_page_and_check_fits(page, server, worst):
    session = "worst-module"
    page.goto(server.lms_url(f"{worst['m01']}/m01/index.html", session))
    walk_module_with_long_answers(sco_frame(page))
    leave(page)
    calls = finished_calls(server, session, page)
    assert_sound_session(calls, done=True)
    suspend = values(calls, "cmi.suspend_data")[-1]
    assert len(suspend) <= 4096
    assert suspend.count("1") >= 200  # every page recorded as seen
    assert values(calls, "cmi.core.lesson_status")[-1] == "completed"


def walk_module_with_long_answers(frame):
    """Every page reached and every check answered with a long text, driven from the page itself (200
    pages and 100 checks through the same controls a learner uses, without a round trip each)."""
    frame.evaluate(
        """long => {
        for (const form of document.querySelectorAll('form.check')) {
            const input = form.querySelector('input[type=text]');
            input.value = long;
            input.dispatchEvent(new Event('input', {bubbles: true}));
            form.querySelector('button[type=submit]').click();
        }
        const next = document.querySelector('[data-nav="next"]');
        while (!next.disabled) next.click();
    }""",
        LONG,
    )


def test_quiz_with_every_answer_fits(page, server, worst):
    session = "worst-quiz"
    page.goto(server.lms_url(f"{worst['quiz']}/quiz/index.html", session))
    frame = sco_frame(page)
    inputs = frame.locator(".question:not([hidden]) input[type=text]")
    assert inputs.count() == 100
    frame.evaluate(
        """long => document.querySelectorAll('.question:not([hidden]) input[type=text]').forEach(input => {
        input.value = long;
        input.dispatchEvent(new Event('input', {bubbles: true}));
    })""",
        LONG,
    )
    frame.locator('[data-quiz="submit"]').click()
    leave(page)
    calls = finished_calls(server, session, page)
    assert_sound_session(calls, done=True)
    assert all(len(v) <= 4096 for v in values(calls, "cmi.suspend_data"))
    responses = [c["args"][1] for c in calls if c["args"][0].endswith(".student_response")]
    assert len(responses) == 100 and all(len(r) <= 255 for r in responses)
    assert values(calls, "cmi.core.score.raw") == ["0"]
