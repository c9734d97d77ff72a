"""The preview's Learning Record Store, kept in memory: the Statement, State and Agent Profile
resources of xAPI 1.0.3, with statements stored only when they validate (xapi.py); or a pass-through
to a real LRS (`--lrs URL --lrs-auth USER:PASS`), whose secret stays in this process.

Each request is answered as `Answer`; the server publishes what happened to the panel.
"""

from __future__ import annotations

import base64
import json
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from packager.preview import xapi
from packager.preview.xapi import Refusal

DOCUMENTS = {
    "activities/state": ("activityId", "agent", "stateId"),
    "agents/profile": ("agent", "profileId"),
    "activities/profile": ("activityId", "profileId"),
}
AUTHORITY = {
    "objectType": "Agent",
    "name": "packager preview",
    "account": {"homePage": "urn:packager:preview", "name": "preview"},
}


@dataclass
class Answer:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    stored: list[dict] = field(default_factory=list)  # statements stored by this request
    reason: str = ""  # why a request was refused

    @staticmethod
    def refused(refusal: Refusal) -> Answer:
        return Answer(refusal.status, json.dumps({"error": refusal.reason}).encode(), reason=refusal.reason)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class MemoryLrs:
    """Statements, State and Agent/Activity Profile documents, for one preview session."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statements: dict[str, dict] = {}  # id -> statement, in the order stored
        self.documents: dict[tuple, bytes] = {}

    def request(
        self, method: str, resource: str, query: dict[str, str], headers: dict[str, str], body: bytes
    ) -> Answer:
        try:
            xapi.version_header(headers)
            if resource == "statements":
                return self.get(query) if method == "GET" else self.store(method, query, body)
            if resource in DOCUMENTS:
                return self.document(method, resource, query, body)
            if resource == "about":
                return Answer(200, b'{"version": ["1.0.3"]}')
            raise Refusal(404, f"no resource {resource!r} in this LRS")
        except Refusal as refusal:
            return Answer.refused(refusal)

    def store(self, method: str, query: dict[str, str], body: bytes) -> Answer:
        if method not in ("PUT", "POST"):
            raise Refusal(405, f"{method} statements")
        batch = xapi.statements_of(method, query, body)
        with self.lock:
            fresh = []
            for statement in batch:
                statement = {"id": str(uuid.uuid4()), **statement}
                kept = self.statements.get(statement["id"])
                if kept is not None:
                    if not xapi.same_statement(kept, statement):
                        raise Refusal(409, f"statement {statement['id']} is already stored with other content")
                    continue
                xapi.check_voiding(statement, self.statements)
                fresh.append({**statement, "stored": now(), "authority": AUTHORITY, "version": "1.0.3"})
            for statement in fresh:
                self.statements[statement["id"]] = statement
        ids = [s["id"] for s in batch if "id" in s] if method == "POST" else []
        return Answer(
            204 if method == "PUT" else 200, json.dumps(ids).encode() if method == "POST" else b"", stored=fresh
        )

    def get(self, query: dict[str, str]) -> Answer:
        with self.lock:
            if "statementId" in query:
                found = self.statements.get(query["statementId"])
                return Answer(200, json.dumps(found).encode()) if found else Answer(404)
            voided = {s["object"].get("id") for s in self.statements.values() if s["verb"]["id"] == xapi.VOIDED}
            matching = [s for s in self.statements.values() if s["id"] not in voided and _matches(s, query)]
        if query.get("ascending") != "true":
            matching.reverse()
        limit = int(query.get("limit") or 0)
        return Answer(200, json.dumps({"statements": matching[:limit] if limit else matching, "more": ""}).encode())

    def document(self, method: str, resource: str, query: dict[str, str], body: bytes) -> Answer:
        names = DOCUMENTS[resource]
        required = [n for n in names[:-1] if not query.get(n)]
        if required:
            raise Refusal(400, f"{resource} needs the parameter(s) {', '.join(required)}")
        owner = tuple(_agent_id(query[n]) if n == "agent" else query[n] for n in names[:-1])
        scope = (resource, *owner, query.get("registration", "") if resource == "activities/state" else "")
        key = (*scope, query.get(names[-1], ""))
        with self.lock:
            if method == "GET" and not key[-1]:
                ids = [k[-1] for k in self.documents if k[:-1] == scope]
                return Answer(200, json.dumps(ids).encode())
            if method == "GET":
                return Answer(200, self.documents[key]) if key in self.documents else Answer(404)
            if method == "DELETE":
                for k in [k for k in self.documents if k == key or (not key[-1] and k[:-1] == scope)]:
                    del self.documents[k]
                return Answer(204)
            if method not in ("PUT", "POST") or not key[-1]:
                raise Refusal(400, f"{method} {resource} needs {names[-1]}")
            self.documents[key] = _merged(self.documents.get(key), body) if method == "POST" else body
        return Answer(204)


def _agent_id(raw: str) -> str:
    try:
        agent = json.loads(raw)
    except ValueError:
        raise Refusal(400, "the agent parameter is not JSON") from None
    if not isinstance(agent, dict):
        raise Refusal(400, "the agent parameter is not an agent")
    return xapi.agent_key(agent)


def _merged(old: bytes | None, body: bytes) -> bytes:
    """POST to a document merges JSON objects (Communication 2.2, JSON Procedure with Requirements)."""
    try:
        new = json.loads(body)
        before = json.loads(old) if old else {}
    except ValueError:
        raise Refusal(400, "POST merges JSON documents only") from None
    if not isinstance(new, dict) or not isinstance(before, dict):
        raise Refusal(400, "POST merges JSON objects only")
    return json.dumps({**before, **new}).encode()


def _matches(statement: dict, query: dict[str, str]) -> bool:
    context = statement.get("context") or {}
    if "agent" in query and xapi.agent_key(statement["actor"]) != _agent_id(query["agent"]):
        return False
    if "verb" in query and statement["verb"]["id"] != query["verb"]:
        return False
    if "activity" in query and statement["object"].get("id") != query["activity"]:
        return False
    if "registration" in query and context.get("registration") != query["registration"]:
        return False
    return not ("since" in query and statement["stored"] <= query["since"])


class RemoteLrs:
    """A real LRS behind the preview: requests go to `endpoint` with the given credentials, which the
    browser never sees (it has the preview's own token). Nothing is checked here: the LRS decides."""

    def __init__(self, endpoint: str, user: str, secret: str, timeout: float = 10.0):
        import requests

        self.endpoint = endpoint.rstrip("/") + "/"
        self.session = requests.Session()
        self.auth = "Basic " + base64.b64encode(f"{user}:{secret}".encode()).decode()
        self.timeout = timeout

    def request(
        self, method: str, resource: str, query: dict[str, str], headers: dict[str, str], body: bytes
    ) -> Answer:
        import requests

        sent = {k: v for k, v in headers.items() if k.lower() in ("content-type", "x-experience-api-version")}
        try:
            response = self.session.request(
                method,
                self.endpoint + resource,
                params=query,
                data=body or None,
                headers={**sent, "Authorization": self.auth},
                timeout=self.timeout,
            )
        except requests.RequestException as error:
            return Answer(
                502,
                json.dumps({"error": f"the LRS did not answer: {type(error).__name__}"}).encode(),
                reason="the LRS did not answer",
            )
        stored = _sent_statements(method, resource, query, body) if response.ok else []
        return Answer(
            response.status_code,
            response.content,
            response.headers.get("Content-Type", "application/json"),
            stored,
            "" if response.ok else response.text[:500],
        )


def _sent_statements(method: str, resource: str, query: dict[str, str], body: bytes) -> list[dict]:
    if resource != "statements" or method not in ("PUT", "POST"):
        return []
    data = json.loads(body or b"null")
    batch = data if isinstance(data, list) else [data]
    return [{**s, "id": s.get("id", query.get("statementId"))} for s in batch if isinstance(s, dict)]
