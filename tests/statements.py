"""Synthetic xAPI statements, shaped like the course runtime's (see packager/profile.py)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

IRI = "https://elearning.example.org/courses/tip-maroc"
ADL = "http://adlnet.gov/expapi/verbs/"
MODULES = [f"m0{i}" for i in range(1, 9)]
_clock = [datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)]


def agent(name: str | None, email: str | None = None, account: tuple[str, str] | None = None) -> dict:
    actor = {"objectType": "Agent"}
    if name:
        actor["name"] = name
    if account:
        actor["account"] = {"homePage": account[0], "name": account[1]}
    else:
        actor["mbox"] = f"mailto:{email}"
    return actor


def statement(actor: dict, verb: str, object_id: str, scaled: float | None = None) -> dict:
    _clock[0] += timedelta(seconds=1)
    made = {"id": str(uuid.uuid4()), "actor": actor, "verb": {"id": ADL + verb},
            "object": {"objectType": "Activity", "id": object_id}, "timestamp": _clock[0].isoformat()}
    if scaled is not None:
        made["result"] = {"score": {"scaled": scaled, "raw": round(scaled * 100), "min": 0, "max": 100},
                          "success": verb == "passed"}
    return made


def modules(actor: dict, iri: str = IRI, skip: tuple[str, ...] = ()) -> list[dict]:
    return [statement(actor, "completed", f"{iri}/{m}") for m in MODULES if m not in skip]


def passed(actor: dict, scaled: float, iri: str = IRI) -> dict:
    return statement(actor, "passed", f"{iri}/quiz", scaled)


def failed(actor: dict, scaled: float) -> dict:
    return statement(actor, "failed", f"{IRI}/quiz", scaled)


def voiding(target: dict, actor: dict) -> dict:
    _clock[0] += timedelta(seconds=1)
    return {"id": str(uuid.uuid4()), "actor": actor, "verb": {"id": ADL + "voided"},
            "object": {"objectType": "StatementRef", "id": target["id"]}, "timestamp": _clock[0].isoformat()}
