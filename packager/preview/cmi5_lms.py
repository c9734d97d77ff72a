"""The LMS side of cmi5, written from the cmi5 spec ("Quartz"): it launches AUs (fetch URL,
LMS.LaunchData, learner preferences) and stands between the AU and the LRS, refusing, as a
conformant LMS must (ADL's CATAPULT player is the reference), every request that breaks an AU
requirement: HTTP 403 (401 without a token) with {"violatedReqId": id}, each rule its own check by
its requirement id. Accepted statements go on to the LRS; State and Agent Profile documents are kept
here. `packager preview` launches cmi5 packages through it, and the browser tests use it as their
cmi5 LMS (in front of xapi-statements): one implementation of the rules for both.

The AU-side requirements enforced, by id (text in the spec, section 8 to 11):
  8.1.2.0-2  token used before fetched, or after the session terminated or was abandoned
  8.1.2.0-5  requests without the session's token
  8.1.3.0-3  actor / agent not exactly the launch's actor
  8.1.4.0-3  registration parameter not the launch's
  8.1.5.0-6  cmi5-defined statement whose object is not the launch's activityId
  8.2.3.0-1  the fetch URL answers a token once (then error-code 1)
  9.1.0.0-1  statement id missing or not a UUID
  9.2.0.0-2, 9.2.0.0-3  cmi5-defined actor: an Agent with an account
  9.3.0.0-1  an AU sends no cmi5-defined verb but initialized, completed, passed, failed, terminated
  9.3.0.0-2  a cmi5-defined verb twice in a session;  9.3.0.0-3  passed and failed in one session
  9.3.0.0-4  initialized first;  9.3.0.0-5  nothing after terminated
  9.3.0.0-6  completed twice in a registration;  9.3.0.0-7  passed twice;  9.3.0.0-8  failed after passed
  9.3.4.0-2  passed below masteryScore;  9.3.5.0-2  failed at or above masteryScore
  9.5.1.0-2, 9.5.1.0-3  score only on passed/failed, raw with min and max
  9.5.2.0-1/-2/-3, 9.5.3.0-1/-2  success and completion where (and only where) required
  9.5.4.1-1..-4  duration on terminated, completed, passed, failed (ISO 8601: 4.1.0.0-1)
  9.6.1.0-1  context.registration the launch's;  9.6.3.1-4  session id extension
  9.6.2.2-1  moveOn category with success/completion;  9.6.2.2-2  and only there
  9.6.3.2-2  masteryscore extension, as given, on passed/failed
  9.7.0.0-1, 9.7.0.0-2  timestamp present, in UTC
  10.2.1.0-5  LMS.LaunchData not written by the AU
  10.2.1.0-6  context built on the contextTemplate (its values kept, its activities at their index)
  10.2.2.0-2, 10.2.2.0-3  no completed/passed/failed in Browse or Review
  11.0.0.0-1  agent profile requests with the launch's actor
  11.0.0.0-3  learner preferences fetched before any statement

Like CATAPULT (which locks the session's row for each request), it processes a session's requests
one at a time and checks each when it gets to process it, not when it arrived: a request still in
flight when terminated is processed is refused.
"""

from __future__ import annotations

import base64
import functools
import json
import re
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from packager.spec.cmi5 import CATEGORY, MASTERY, MOVEON, SESSION
from packager.spec.xapi import ADL

CMI5 = CATEGORY
VERB = ADL
DEFINED = {VERB + v: v for v in ("initialized", "completed", "passed", "failed", "terminated")}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", re.I)
UTC = re.compile(r"(Z|\+00:?(00)?)$")
DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")
OUTCOMES = ("completed", "passed", "failed")


class Violation(Exception):  # noqa: N818 (a requirement violated, as the cmi5 spec names it)
    def __init__(self, req_id: str, message: str, status: int = 403):
        super().__init__(f"{req_id}: {message}")
        self.req_id, self.message, self.status = req_id, message, status


@dataclass
class Session:
    id: str
    token: str
    registration: str
    actor: dict
    activity_id: str
    launch_mode: str
    mastery: float | None
    context_template: dict
    fetched: bool = False
    fetch_calls: int = 0
    prefs_fetched: bool = False
    verbs: list[str] = field(default_factory=list)  # cmi5-defined verbs accepted, in order
    allowed: int = 0  # cmi5-allowed statements accepted
    terminated: bool = False
    abandoned: bool = False
    violations: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (req id, message), violations or not
    serial: threading.Lock = field(default_factory=threading.Lock, repr=False)  # one request at a time


def one_at_a_time(method):
    """A request of the AU, processed when no other request of its session is (CATAPULT locks the
    session's row): the rules see each request's effects before the next one is checked."""

    @functools.wraps(method)
    def serial(self, session: Session, *args):
        with session.serial:
            return method(self, session, *args)

    return serial


class Cmi5Lms:
    def __init__(self, base: str):
        self.base = base
        self.lock = threading.Lock()
        self.sessions: dict[str, Session] = {}
        self.by_token: dict[str, Session] = {}
        self.outcomes: dict[tuple[str, str], set[str]] = {}  # (registration, activity id) -> verbs
        self.activity_ids: dict[tuple[str, str], str] = {}  # (registration, publisher id) -> LMS activity id
        self.states: dict[tuple, bytes] = {}
        self.profiles: dict[tuple, bytes] = {}
        self.returned: list[str] = []  # sessions whose returnURL was loaded

    # -- the LMS side: launching -------------------------------------------------------------------

    def launch(
        self,
        au_url: str,
        actor: dict,
        registration: str,
        publisher_id: str,
        launch_mode: str = "Normal",
        mastery: float | None = None,
        move_on: str = "Completed",
        return_url: bool = True,
    ) -> tuple[str, Session]:
        """The launch URL of an AU, as an LMS makes it (8.1), and its session. Like CATAPULT, a
        new launch abandons the registration's open sessions."""
        with self.lock:
            for other in self.sessions.values():
                if other.registration == registration and not other.terminated:
                    other.abandoned = True
            activity_id = self.activity_ids.setdefault(
                (registration, publisher_id), f"https://lms.example.org/activities/{uuid.uuid4()}"
            )
            session = Session(
                str(uuid.uuid4()),
                str(uuid.uuid4()),
                registration,
                actor,
                activity_id,
                launch_mode,
                mastery,
                {"contextActivities": {"grouping": [{"id": publisher_id}]}, "extensions": {SESSION: ""}},
            )
            session.context_template["extensions"][SESSION] = session.id
            self.sessions[session.id] = session
            self.by_token[session.token] = session
            data: dict[str, object] = {
                "launchMode": launch_mode,
                "moveOn": move_on,
                "contextTemplate": session.context_template,
                "launchParameters": "",
            }
            if mastery is not None:
                data["masteryScore"] = mastery
            if return_url:
                data["returnURL"] = f"{self.base}/cmi5/return/{session.id}"
            self.states[self.state_key(activity_id, actor, registration, "LMS.LaunchData")] = json.dumps(data).encode()
        query = {
            "endpoint": f"{self.base}/lrs/",
            "fetch": f"{self.base}/cmi5/fetch/{session.id}",
            "actor": json.dumps(actor),
            "registration": registration,
            "activityId": activity_id,
        }
        return f"{au_url}?{urlencode(query)}", session

    def set_preferences(self, actor: dict, document: dict) -> None:
        self.profiles[(agent_key(actor), "cmi5LearnerPreferences")] = json.dumps(document).encode()

    @staticmethod
    def state_key(activity_id: str, agent: dict, registration: str, state_id: str) -> tuple:
        return (activity_id, agent_key(agent), registration, state_id)

    def fetch(self, session_id: str) -> dict:
        """The fetch URL (8.2): a token the first time, error-code 1 after (8.2.3.0-1)."""
        with self.lock:
            session = self.sessions.get(session_id)
            if session is None:
                return {"error-code": "3", "error-text": "General Application Error: no such session"}
            session.fetch_calls += 1
            if session.fetched:
                return {"error-code": "1", "error-text": "Already in Use"}
            session.fetched = True
            return {"auth-token": base64.b64encode(f":{session.token}".encode()).decode()}

    # -- the AU's requests ---------------------------------------------------------------------------

    def session_of(self, authorization: str | None) -> Session | None:
        """The cmi5 session of a request's token; None for the tests' own LRS credential."""
        if not authorization or not authorization.startswith("Basic "):
            return None
        try:
            secret = base64.b64decode(authorization[6:]).decode().split(":", 1)[1]
        except (ValueError, IndexError):
            return None
        return self.by_token.get(secret)

    def authorize(self, session: Session) -> None:
        if not session.fetched:
            raise Violation("8.1.2.0-2", "token not yet fetched")
        if session.terminated:
            raise Violation("8.1.2.0-2", "session terminated")
        if session.abandoned:
            raise Violation("8.1.2.0-2 (abandoned)", "session abandoned: not a violation, the AU could not know")

    def refuse(self, session: Session, violation: Violation) -> tuple[int, bytes]:
        session.refused.append((violation.req_id, violation.message))
        if not violation.req_id.endswith("(abandoned)"):
            session.violations.append(violation.req_id)
        return violation.status, json.dumps({"violatedReqId": violation.req_id, "message": violation.message}).encode()

    @one_at_a_time
    def document(self, session: Session, method: str, resource: str, query: dict, body: bytes) -> tuple[int, bytes]:
        """State and Agent Profile requests (10.2.1, 11)."""
        try:
            self.authorize(session)
            if "agent" not in query:
                raise Violation(
                    "11.0.0.0-1" if resource == "agents/profile" else "8.1.3.0-3", "agent parameter missing"
                )
            agent = json.loads(query["agent"])
            if agent != session.actor:
                raise Violation(
                    "11.0.0.0-1" if resource == "agents/profile" else "8.1.3.0-3",
                    f"agent {agent} is not the launch's actor",
                )
            if resource == "activities/state":
                if "registration" in query and query["registration"] != session.registration:
                    raise Violation("8.1.4.0-3", "registration is not the launch's")
                if query.get("stateId") == "LMS.LaunchData" and method != "GET":
                    raise Violation("10.2.1.0-5", f"{method} LMS.LaunchData")
                key = self.state_key(
                    query.get("activityId", ""), agent, query.get("registration", ""), query.get("stateId", "")
                )
                store = self.states
            else:
                key = (agent_key(agent), query.get("profileId", ""))
                store = self.profiles
                if key[1] == "cmi5LearnerPreferences" and method != "GET":
                    return 403, b'{"message": "the learner preferences are the LMS\'s"}'  # 11.0.0.0-2: not an error
        except Violation as violation:
            return self.refuse(session, violation)
        with self.lock:
            if method == "GET":
                if resource == "agents/profile" and key[1] == "cmi5LearnerPreferences":
                    session.prefs_fetched = True
                return (200, store[key]) if key in store else (404, b"")
            if method == "DELETE":
                store.pop(key, None)
            else:
                store[key] = body
            return 204, b""

    def check_statements(self, session: Session, statements: list[dict]) -> list[str]:
        """Every rule, in order, over a request's statements; the cmi5-defined verbs they add."""
        self.authorize(session)
        if not session.prefs_fetched:
            raise Violation("11.0.0.0-3", "learner preferences not retrieved before this statement")
        verbs = list(session.verbs)
        added = []
        for statement in statements:
            check_statement(statement, session)
            verb = DEFINED.get((statement.get("verb") or {}).get("id", ""))
            if "terminated" in verbs:
                raise Violation("9.3.0.0-5", f"{statement.get('id')} after terminated")
            if not verbs and verb != "initialized":
                raise Violation("9.3.0.0-4", f"{statement.get('id')} before initialized")
            if is_defined(statement):
                verb = check_defined(
                    statement,
                    verb,
                    session,
                    verbs,
                    self.outcomes.get((session.registration, session.activity_id), set()),
                )
                verbs.append(verb)
                added.append(verb)
        return added

    @one_at_a_time
    def statements(
        self, session: Session, method: str, body: bytes, forward: Callable[[], tuple[int, bytes]]
    ) -> tuple[int, bytes]:
        """A Statement Resource request of the AU: a GET once authorized; a PUT or POST checked by every
        rule, then `forward()`ed to the LRS, and its statements recorded if the LRS stored them."""
        try:
            if method == "GET":
                self.authorize(session)
                return forward()
            try:
                statements = json.loads(body)
            except ValueError:
                raise Violation("4.1.0.0-1", "the body is not JSON", 400) from None
            statements = statements if isinstance(statements, list) else [statements]
            verbs = self.check_statements(session, statements)
        except Violation as violation:
            return self.refuse(session, violation)
        status, answer = forward()
        if status in (200, 204):
            self.accepted(session, statements, verbs)
        return status, answer

    def accepted(self, session: Session, statements: list[dict], verbs: list[str]) -> None:
        with self.lock:
            session.verbs += verbs
            session.allowed += len(statements) - len(verbs)
            self.outcomes.setdefault((session.registration, session.activity_id), set()).update(
                v for v in verbs if v in OUTCOMES
            )
            if "terminated" in verbs:
                session.terminated = True


def agent_key(agent: dict) -> str:
    return json.dumps(agent, sort_keys=True)


def categories(statement: dict) -> list[str]:
    found = ((statement.get("context") or {}).get("contextActivities") or {}).get("category") or []
    return [c["id"] for c in found if isinstance(c, dict) and isinstance(c.get("id"), str)]


def is_defined(statement: dict) -> bool:
    return CMI5 in categories(statement)


def check_statement(statement: dict, session: Session) -> None:
    """What every statement of the AU must have: cmi5 allowed or defined."""
    sid = statement.get("id")
    for key in ("actor", "verb", "object"):
        if key not in statement:
            raise Violation("4.1.0.0-1", f"{sid}: no {key}", 400)
    if not isinstance(sid, str) or not UUID.match(sid):
        raise Violation("9.1.0.0-1", f"statement id {sid!r}")
    if "timestamp" not in statement:
        raise Violation("9.7.0.0-1", sid)
    if not UTC.search(statement["timestamp"]):
        raise Violation("9.7.0.0-2", f"{sid}: {statement['timestamp']}")
    if statement["actor"] != session.actor:
        raise Violation("8.1.3.0-3", f"{sid}: actor {statement['actor']}")
    context = statement.get("context") or {}
    if context.get("registration") != session.registration:
        raise Violation("9.6.1.0-1", f"{sid}: registration {context.get('registration')}")
    check_template(context, session.context_template, sid)
    if (context.get("extensions") or {}).get(SESSION) != session.id:
        raise Violation("9.6.3.1-4", sid)
    verb = str((statement.get("verb") or {}).get("id"))
    if MOVEON in categories(statement) and not (is_defined(statement) and DEFINED.get(verb) in OUTCOMES):
        raise Violation("9.6.2.2-2", f"{sid}: moveOn category on {verb}")


def check_template(context: dict, template: dict, sid) -> None:
    """10.2.1.0-6: the context is the template added to: its values kept, its activities at their index."""
    for key, expected in template.items():
        given = context.get(key)
        if key == "contextActivities":
            for kind, activities in expected.items():
                found = (given or {}).get(kind) or []
                for i, activity in enumerate(activities):
                    if i >= len(found) or found[i].get("id") != activity["id"]:
                        raise Violation("10.2.1.0-6", f"{sid}: contextActivities.{kind}[{i}] is not the template's")
        elif not isinstance(given, dict) or any(given.get(k) != v for k, v in expected.items()):
            raise Violation("10.2.1.0-6", f"{sid}: context.{key} is not the template's")


def check_defined(statement: dict, verb: str | None, session: Session, verbs: list[str], outcomes: set[str]) -> str:
    """The rules of cmi5-defined statements (9.2 to 9.6, 10.2.2)."""
    sid, actor, result = statement["id"], statement["actor"], statement.get("result")
    if actor.get("objectType", "Agent") != "Agent":
        raise Violation("9.2.0.0-2", sid)
    if not isinstance(actor.get("account"), dict) or not {"name", "homePage"} <= set(actor["account"]):
        raise Violation("9.2.0.0-3", sid)
    if verb is None:
        raise Violation(
            "9.3.0.0-1", f"{sid}: {statement['verb'].get('id')} is not a verb an AU may send as cmi5-defined"
        )
    if (statement.get("object") or {}).get("id") != session.activity_id:
        raise Violation("8.1.5.0-6", sid)
    if verb in OUTCOMES and session.launch_mode != "Normal":
        raise Violation("10.2.2.0-2" if session.launch_mode == "Browse" else "10.2.2.0-3", f"{sid}: {verb}")
    check_result(sid, verb, result or {}, statement, session)
    check_order(sid, verb, verbs, outcomes)
    return verb


def check_result(sid: str, verb: str, result: dict, statement: dict, session: Session) -> None:
    if verb == "completed" and result.get("completion") is not True:
        raise Violation("9.5.3.0-1", sid)
    if verb != "completed" and "completion" in result:
        raise Violation("9.5.3.0-2", sid)
    if verb == "passed" and result.get("success") is not True:
        raise Violation("9.5.2.0-1", sid)
    if verb == "failed" and result.get("success") is not False:
        raise Violation("9.5.2.0-2", sid)
    if verb not in ("passed", "failed") and "success" in result:
        raise Violation("9.5.2.0-3", sid)
    if ("success" in result or "completion" in result) and MOVEON not in categories(statement):
        raise Violation("9.6.2.2-1", sid)
    score = result.get("score")
    if score is not None and verb not in ("passed", "failed"):
        raise Violation("9.5.1.0-2", sid)
    if score is not None and "raw" in score and not {"min", "max"} <= set(score):
        raise Violation("9.5.1.0-3", sid)
    durations = {"terminated": "9.5.4.1-1", "completed": "9.5.4.1-2", "passed": "9.5.4.1-3", "failed": "9.5.4.1-4"}
    if verb in durations and "duration" not in result:
        raise Violation(durations[verb], sid)
    if "duration" in result and not DURATION.match(str(result["duration"])):
        raise Violation("4.1.0.0-1", f"{sid}: duration {result['duration']!r} is not ISO 8601")
    if verb in ("passed", "failed") and session.mastery is not None:
        extension = ((statement.get("context") or {}).get("extensions") or {}).get(MASTERY)
        if extension != session.mastery:
            raise Violation(
                "9.6.3.2-2", f"{sid}: masteryscore extension {extension!r}, launch data {session.mastery!r}"
            )
        scaled = (score or {}).get("scaled")
        if verb == "passed" and scaled is not None and scaled < session.mastery:
            raise Violation("9.3.4.0-2", f"{sid}: {scaled} < {session.mastery}")
        if verb == "failed" and scaled is not None and scaled >= session.mastery:
            raise Violation("9.3.5.0-2", f"{sid}: {scaled} >= {session.mastery}")


def check_order(sid: str, verb: str, verbs: list[str], outcomes: set[str]) -> None:
    if verb in verbs:
        raise Violation("9.3.0.0-2", f"{sid}: {verb} twice in the session")
    if verb in ("passed", "failed") and {"passed", "failed"} & set(verbs):
        raise Violation("9.3.0.0-3", f"{sid}: passed and failed in one session")
    if verb == "completed" and "completed" in outcomes:
        raise Violation("9.3.0.0-6", f"{sid}: completed twice in the registration")
    if verb == "passed" and "passed" in outcomes:
        raise Violation("9.3.0.0-7", f"{sid}: passed twice in the registration")
    if verb == "failed" and "passed" in outcomes:
        raise Violation("9.3.0.0-8", f"{sid}: failed after passed in the registration")
