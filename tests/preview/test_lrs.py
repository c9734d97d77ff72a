"""The preview's LRS: statements stored only when they validate (xAPI 1.0.3, by Ralph's models and the
Statement Resource's rules), retries answered as such, conflicts refused; State documents; the
preview's own credential required."""

from __future__ import annotations

import json
import uuid

import pytest

from packager.preview.app import Preview
from packager.preview.lrs import MemoryLrs
from tests.conftest import MINI

HEADERS = {"x-experience-api-version": "1.0.3", "content-type": "application/json"}
AGENT = {"objectType": "Agent", "name": "Learner", "account": {"homePage": "http://127.0.0.1:8000", "name": "learner"}}


def statement(**changes) -> dict:
    base = {
        "id": str(uuid.uuid4()),
        "actor": AGENT,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}},
        "object": {
            "objectType": "Activity",
            "id": "https://elearning.example.org/courses/mini/m01",
            "definition": {"type": "http://adlnet.gov/expapi/activities/module", "name": {"fr": "Notions"}},
        },
        "result": {"completion": True, "duration": "PT1M2.5S"},
        "context": {"registration": str(uuid.uuid4()), "language": "fr"},
        "timestamp": "2026-11-30T09:00:00.000Z",
    }
    return {**base, **changes}


def put(lrs: MemoryLrs, data: dict, headers=HEADERS, statement_id: str | None = None):
    return lrs.request(
        "PUT", "statements", {"statementId": statement_id or data.get("id", "")}, headers, json.dumps(data).encode()
    )


def test_a_valid_statement_is_stored_and_a_retry_is_no_duplicate():
    lrs = MemoryLrs()
    sent = statement()
    assert put(lrs, sent).status == 204
    assert put(lrs, sent).status == 204, "the same statement sent again (a retry) is accepted, not stored twice"
    got = json.loads(lrs.request("GET", "statements", {"statementId": sent["id"]}, HEADERS, b"").body)
    assert got["verb"] == sent["verb"] and got["stored"] and got["authority"]["objectType"] == "Agent"
    assert len(lrs.statements) == 1
    assert put(lrs, {**sent, "result": {"completion": False}}).status == 409


@pytest.mark.parametrize(
    "change, where",
    [
        ({"verb": {"id": "completed"}}, "verb.id"),
        ({"result": {"score": {"scaled": 1.5}}}, "result.score.scaled"),
        ({"context": {"language": "français"}}, "context.language"),
        ({"actor": {"objectType": "Agent", "name": "No identifier"}}, "actor"),
        ({"id": "not-a-uuid"}, "id"),
        ({"grade": "A"}, "grade"),
    ],
)
def test_an_invalid_statement_is_refused_saying_where(change, where):
    lrs = MemoryLrs()
    sent = statement(**change)
    answer = put(lrs, sent, statement_id=str(uuid.uuid4()) if change.get("id") else None)
    assert answer.status == 400, answer.body
    assert where in answer.reason, answer.reason
    assert not lrs.statements


def test_the_statement_resource_rules():
    lrs = MemoryLrs()
    sent = statement()
    assert put(lrs, sent, headers={"content-type": "application/json"}).status == 400, "no X-Experience-API-Version"
    assert lrs.request("PUT", "statements", {}, HEADERS, json.dumps(sent).encode()).status == 400, (
        "PUT without statementId"
    )
    assert put(lrs, sent, statement_id=str(uuid.uuid4())).status == 400, "statementId differs from the id"
    batch = [statement(), statement()]
    answer = lrs.request("POST", "statements", {}, HEADERS, json.dumps(batch).encode())
    assert answer.status == 200 and json.loads(answer.body) == [s["id"] for s in batch]
    voiding = statement(
        verb={"id": "http://adlnet.gov/expapi/verbs/voided"},
        object={"objectType": "StatementRef", "id": batch[0]["id"]},
        result=None,
    )
    del voiding["result"]
    assert put(lrs, voiding).status == 204
    again = {**voiding, "id": str(uuid.uuid4()), "object": {"objectType": "StatementRef", "id": voiding["id"]}}
    assert put(lrs, again).status == 400, "a voiding statement cannot be voided"
    listed = json.loads(lrs.request("GET", "statements", {}, HEADERS, b"").body)["statements"]
    assert batch[0]["id"] not in [s["id"] for s in listed], "a voided statement is not listed"


def test_state_documents():
    lrs = MemoryLrs()
    query = {
        "activityId": "https://elearning.example.org/courses/mini/m01",
        "agent": json.dumps(AGENT),
        "registration": "r1",
        "stateId": "bookmark",
    }
    assert lrs.request("GET", "activities/state", query, HEADERS, b"").status == 404
    assert lrs.request("PUT", "activities/state", query, HEADERS, b'{"location": "p2"}').status == 204
    assert lrs.request("POST", "activities/state", query, HEADERS, b'{"suspend": "x"}').status == 204
    assert json.loads(lrs.request("GET", "activities/state", query, HEADERS, b"").body) == {
        "location": "p2",
        "suspend": "x",
    }
    listing = {k: v for k, v in query.items() if k != "stateId"}
    assert json.loads(lrs.request("GET", "activities/state", listing, HEADERS, b"").body) == ["bookmark"]
    assert lrs.request("GET", "activities/state", {"stateId": "bookmark"}, HEADERS, b"").status == 400
    assert lrs.request("DELETE", "activities/state", query, HEADERS, b"").status == 204
    assert lrs.request("GET", "activities/state", query, HEADERS, b"").status == 404


def test_the_content_needs_the_credential_it_was_launched_with():
    preview = Preview(MINI, "xapi", "fr")
    sent = json.dumps(statement()).encode()
    refused = preview.lrs_request(
        "PUT", "statements", {"statementId": "x"}, {**HEADERS, "authorization": "Basic Zm9vOmJhcg=="}, sent
    )
    assert refused.status == 401
    accepted = preview.lrs_request(
        "PUT", "statements", {"statementId": json.loads(sent)["id"]}, {**HEADERS, "authorization": preview.token}, sent
    )
    assert accepted.status == 204
    assert [e["status"] for e in preview.events.select(type="lrs")] == [401, 204], "the panel hears of both"
