"""The cmi5 LMS double refuses what the cmi5 spec says an LMS refuses: each rule, by its requirement
id, fed a statement or request that breaks it (and a conformant session that it accepts)."""

from __future__ import annotations

import copy
import json
import uuid

import pytest

from packager.preview.cmi5_lms import CMI5, MASTERY, MOVEON, SESSION, VERB, Cmi5Lms, Violation

ACTOR = {"objectType": "Agent", "name": "Amina", "account": {"homePage": "https://lms.example.org", "name": "amina"}}
PUBLISHER = "https://elearning.example.org/courses/tip-maroc/quiz"


def started(mode: str = "Normal", mastery: float | None = 0.55) -> tuple[Cmi5Lms, object]:
    lms = Cmi5Lms("http://lms.test")
    _, session = lms.launch("http://lms.test/au.html", ACTOR, str(uuid.uuid4()), PUBLISHER, mode, mastery, "Passed")
    lms.fetch(session.id)
    status, _ = lms.document(
        session, "GET", "agents/profile", {"agent": json.dumps(ACTOR), "profileId": "cmi5LearnerPreferences"}, b""
    )
    assert status == 404
    return lms, session


def statement(
    session, verb: str, defined: bool = True, moveon: bool = False, result: dict | None = None, **extensions
) -> dict:
    context = copy.deepcopy(session.context_template)
    context["registration"] = session.registration
    found = ([{"id": CMI5}] if defined else []) + ([{"id": MOVEON}] if moveon else [])
    if found:
        context["contextActivities"]["category"] = found
    context["extensions"].update(extensions)
    made = {
        "id": str(uuid.uuid4()),
        "timestamp": "2026-11-30T10:00:00.000Z",
        "actor": copy.deepcopy(ACTOR),
        "verb": {"id": VERB + verb, "display": {"en-US": verb, "en": verb}},
        "object": {
            "id": session.activity_id if defined else "https://elearning.example.org/courses/tip-maroc/m01/pages/p1"
        },
        "context": context,
    }
    if result is not None:
        made["result"] = result
    return made


def send(lms, session, *statements) -> None:
    verbs = lms.check_statements(session, list(statements))
    lms.accepted(session, list(statements), verbs)


def passed(session, scaled=0.55, **kw):
    return statement(
        session,
        "passed",
        moveon=True,
        **{MASTERY: 0.55, **kw},
        result={"score": {"scaled": scaled, "raw": 55, "min": 0, "max": 100}, "success": True, "duration": "PT1M"},
    )


def failed(session, scaled=0.5):
    return statement(
        session,
        "failed",
        moveon=True,
        **{MASTERY: 0.55},
        result={"score": {"scaled": scaled, "raw": 50, "min": 0, "max": 100}, "success": False, "duration": "PT1M"},
    )


def completed(session):
    return statement(session, "completed", moveon=True, result={"completion": True, "duration": "PT1M"})


def terminated(session):
    return statement(session, "terminated", result={"duration": "PT2M3.5S"})


def test_a_conformant_session_is_accepted():
    lms, session = started()
    send(lms, session, statement(session, "initialized"))
    send(lms, session, statement(session, "experienced", defined=False))
    send(lms, session, completed(session), passed(session), terminated(session))
    assert session.verbs == ["initialized", "completed", "passed", "terminated"] and session.violations == []
    assert session.terminated


def breaks(req_id: str, lms, session, *statements) -> None:
    with pytest.raises(Violation) as refused:
        lms.check_statements(session, list(statements))
    assert refused.value.req_id == req_id, refused.value


def mutate(build, change):
    def made(session):
        st = build(session)
        change(st)
        return st

    return made


# (requirement id, launch mode, statements sent first, the statement that breaks the rule)
INIT = [lambda s: statement(s, "initialized")]
CASES = [
    ("9.3.0.0-4", "Normal", [], lambda s: statement(s, "experienced", defined=False)),
    ("9.3.0.0-2", "Normal", INIT, lambda s: statement(s, "initialized")),
    ("9.3.0.0-2", "Normal", INIT + [failed], failed),
    ("9.3.0.0-3", "Normal", INIT + [failed], passed),
    ("9.3.0.0-1", "Normal", INIT, lambda s: statement(s, "satisfied")),
    ("8.1.3.0-3", "Normal", INIT, mutate(completed, lambda st: st["actor"].pop("objectType"))),
    (
        "8.1.3.0-3",
        "Normal",
        [],
        mutate(lambda s: statement(s, "initialized"), lambda st: st["actor"].update(objectType="Group")),
    ),
    ("8.1.5.0-6", "Normal", INIT, mutate(completed, lambda st: st["object"].update(id=PUBLISHER))),
    ("9.6.1.0-1", "Normal", INIT, mutate(completed, lambda st: st["context"].update(registration=str(uuid.uuid4())))),
    ("9.6.1.0-1", "Normal", INIT, mutate(completed, lambda st: st["context"].pop("registration"))),
    (
        "10.2.1.0-6",
        "Normal",
        INIT,
        mutate(completed, lambda st: st["context"]["contextActivities"].update(grouping=[{"id": "x:y"}])),
    ),
    (
        "10.2.1.0-6",
        "Normal",
        INIT,
        mutate(completed, lambda st: st["context"]["extensions"].update({SESSION: "another"})),
    ),
    ("9.7.0.0-1", "Normal", INIT, mutate(completed, lambda st: st.pop("timestamp"))),
    ("9.7.0.0-2", "Normal", INIT, mutate(completed, lambda st: st.update(timestamp="2026-11-30T11:00:00+01:00"))),
    ("9.1.0.0-1", "Normal", INIT, mutate(completed, lambda st: st.update(id="not-a-uuid"))),
    ("9.6.2.2-1", "Normal", INIT, mutate(failed, lambda st: st["context"]["contextActivities"]["category"].pop())),
    ("9.6.2.2-1", "Normal", INIT, mutate(completed, lambda st: st["context"]["contextActivities"]["category"].pop())),
    ("9.6.2.2-2", "Normal", INIT, lambda s: statement(s, "terminated", moveon=True, result={"duration": "PT1S"})),
    ("9.6.2.2-2", "Normal", INIT, lambda s: statement(s, "experienced", defined=False, moveon=True)),
    ("9.5.3.0-1", "Normal", INIT, mutate(completed, lambda st: st["result"].update(completion=False))),
    ("9.5.3.0-2", "Normal", INIT, mutate(passed, lambda st: st["result"].update(completion=True))),
    ("9.5.2.0-1", "Normal", INIT, mutate(passed, lambda st: st["result"].update(success=False))),
    ("9.5.2.0-2", "Normal", INIT, mutate(failed, lambda st: st["result"].pop("success"))),
    ("9.5.2.0-3", "Normal", INIT, mutate(completed, lambda st: st["result"].update(success=True))),
    ("9.5.1.0-2", "Normal", INIT, mutate(completed, lambda st: st["result"].update(score={"scaled": 1}))),
    ("9.5.1.0-3", "Normal", INIT, mutate(passed, lambda st: st["result"]["score"].pop("max"))),
    ("9.5.4.1-1", "Normal", INIT, mutate(terminated, lambda st: st["result"].pop("duration"))),
    ("9.5.4.1-2", "Normal", INIT, mutate(completed, lambda st: st["result"].pop("duration"))),
    ("9.5.4.1-3", "Normal", INIT, mutate(passed, lambda st: st["result"].pop("duration"))),
    ("9.5.4.1-4", "Normal", INIT, mutate(failed, lambda st: st["result"].pop("duration"))),
    ("4.1.0.0-1", "Normal", INIT, mutate(terminated, lambda st: st["result"].update(duration="125 seconds"))),
    ("9.6.3.2-2", "Normal", INIT, mutate(passed, lambda st: st["context"]["extensions"].pop(MASTERY))),
    ("9.6.3.2-2", "Normal", INIT, mutate(passed, lambda st: st["context"]["extensions"].update({MASTERY: 55}))),
    ("9.3.4.0-2", "Normal", INIT, lambda s: passed(s, scaled=0.5)),
    ("9.3.5.0-2", "Normal", INIT, lambda s: failed(s, scaled=0.55)),
    ("10.2.2.0-2", "Browse", INIT, completed),
    ("10.2.2.0-3", "Review", INIT, passed),
]


@pytest.mark.parametrize("req_id, mode, before, bad", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_the_double_refuses_what_the_spec_refuses(req_id, mode, before, bad):
    lms, session = started(mode)
    for make in before:
        send(lms, session, make(session))
    breaks(req_id, lms, session, bad(session))


def test_nothing_goes_after_terminated():
    lms, session = started()
    send(lms, session, statement(session, "initialized"))
    breaks("9.3.0.0-5", lms, session, terminated(session), statement(session, "experienced", defined=False))
    send(lms, session, terminated(session))
    breaks(
        "8.1.2.0-2", lms, session, statement(session, "experienced", defined=False)
    )  # the token died with the session


def test_an_actor_without_an_account_is_refused_on_cmi5_statements():
    lms = Cmi5Lms("http://lms.test")
    mbox = {"objectType": "Agent", "mbox": "mailto:amina@example.org"}
    _, session = lms.launch("http://lms.test/au.html", mbox, str(uuid.uuid4()), PUBLISHER)
    lms.fetch(session.id)
    lms.document(
        session, "GET", "agents/profile", {"agent": json.dumps(mbox), "profileId": "cmi5LearnerPreferences"}, b""
    )
    initialized = statement(session, "initialized")
    initialized["actor"] = mbox
    breaks("9.2.0.0-3", lms, session, initialized)


def test_per_registration_rules_hold_across_sessions():
    lms, first = started()
    send(lms, first, statement(first, "initialized"), completed(first), passed(first), terminated(first))
    _, second = lms.launch("http://lms.test/au.html", ACTOR, first.registration, PUBLISHER, mastery=0.55)
    lms.fetch(second.id)
    lms.document(
        second, "GET", "agents/profile", {"agent": json.dumps(ACTOR), "profileId": "cmi5LearnerPreferences"}, b""
    )
    send(lms, second, statement(second, "initialized"))
    breaks("9.3.0.0-6", lms, second, completed(second))
    breaks("9.3.0.0-7", lms, second, passed(second))
    breaks("9.3.0.0-8", lms, second, failed(second))


def test_statements_before_the_learner_preferences_are_refused():
    lms = Cmi5Lms("http://lms.test")
    _, session = lms.launch("http://lms.test/au.html", ACTOR, str(uuid.uuid4()), PUBLISHER)
    lms.fetch(session.id)
    breaks("11.0.0.0-3", lms, session, statement(session, "initialized"))


def test_tokens_are_one_session_long():
    lms = Cmi5Lms("http://lms.test")
    _, session = lms.launch("http://lms.test/au.html", ACTOR, str(uuid.uuid4()), PUBLISHER)
    breaks("8.1.2.0-2", lms, session, statement(session, "initialized"))  # not fetched yet
    assert "auth-token" in lms.fetch(session.id)
    assert lms.fetch(session.id)["error-code"] == "1"  # 8.2.3.0-1: once
    session.terminated = True
    breaks("8.1.2.0-2", lms, session, statement(session, "initialized"))


@pytest.mark.parametrize(
    "req_id, method, resource, query",
    [
        ("10.2.1.0-5", "PUT", "activities/state", {"stateId": "LMS.LaunchData"}),
        (
            "8.1.3.0-3",
            "GET",
            "activities/state",
            {"stateId": "bookmark", "agent": json.dumps({"mbox": "mailto:x@example.org"})},
        ),
        ("8.1.4.0-3", "GET", "activities/state", {"stateId": "bookmark", "registration": str(uuid.uuid4())}),
        (
            "11.0.0.0-1",
            "GET",
            "agents/profile",
            {"profileId": "cmi5LearnerPreferences", "agent": json.dumps({**ACTOR, "name": "X"})},
        ),
    ],
)
def test_documents_are_refused_as_the_spec_says(req_id, method, resource, query):
    lms, session = started()
    query = {
        "agent": json.dumps(ACTOR),
        "activityId": session.activity_id,
        "registration": session.registration,
        **query,
    }
    status, body = lms.document(session, method, resource, query, b"{}")
    assert status == 403 and json.loads(body)["violatedReqId"] == req_id
    assert session.violations == [req_id]
