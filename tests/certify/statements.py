"""Synthetic xAPI statements, shaped like the course runtime's (see packager/profile.py)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

IRI = "https://elearning.example.org/courses/tip-maroc"
ADL = "http://adlnet.gov/expapi/verbs/"
MODULES = [f"m0{i}" for i in range(1, 9)]
_clock = [datetime(2026, 11, 1, 9, 0, tzinfo=UTC)]


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
    made = {
        "id": str(uuid.uuid4()),
        "actor": actor,
        "verb": {"id": ADL + verb},
        "object": {"objectType": "Activity", "id": object_id},
        "timestamp": _clock[0].isoformat(),
    }
    if scaled is not None:
        made["result"] = {
            "score": {"scaled": scaled, "raw": round(scaled * 100), "min": 0, "max": 100},
            "success": verb == "passed",
        }
    return made


def modules(actor: dict, iri: str = IRI, skip: tuple[str, ...] = ()) -> list[dict]:
    return [statement(actor, "completed", f"{iri}/{m}") for m in MODULES if m not in skip]


def passed(actor: dict, scaled: float, iri: str = IRI) -> dict:
    return statement(actor, "passed", f"{iri}/quiz", scaled)


def failed(actor: dict, scaled: float) -> dict:
    return statement(actor, "failed", f"{IRI}/quiz", scaled)


def voiding(target: dict, actor: dict) -> dict:
    _clock[0] += timedelta(seconds=1)
    return {
        "id": str(uuid.uuid4()),
        "actor": actor,
        "verb": {"id": ADL + "voided"},
        "object": {"objectType": "StatementRef", "id": target["id"]},
        "timestamp": _clock[0].isoformat(),
    }


def cmi5(actor: dict, verb: str, part: str, registration: str, scaled: float | None = None, iri: str = IRI) -> dict:
    """A cmi5-defined statement as ADL's CATAPULT player records it (taken from the lab's LRS): the
    object is the AU's activity id as the LMS imported it, our IRI is only the publisher id in
    context.contextActivities.grouping (the LMS's contextTemplate)."""
    _clock[0] += timedelta(seconds=1)
    au = 8 if part == "quiz" else int(part[1:]) - 1
    made = {
        "id": str(uuid.uuid4()),
        "actor": actor,
        "verb": {"id": ADL + verb, "display": {"en-US": verb, "en": verb}},
        "object": {
            "objectType": "Activity",
            "id": f"https://w3id.org/xapi/cmi5/catapult/player/course/50ad703b/au/{au}",
            "definition": {
                "type": "http://adlnet.gov/expapi/activities/" + ("assessment" if part == "quiz" else "module")
            },
        },
        "context": {
            "contextActivities": {
                "grouping": [{"id": f"{iri}/{part}", "objectType": "Activity"}],
                "category": [
                    {"id": "https://w3id.org/xapi/cmi5/context/categories/cmi5", "objectType": "Activity"},
                    {"id": "https://w3id.org/xapi/cmi5/context/categories/moveon", "objectType": "Activity"},
                ],
            },
            "extensions": {"https://w3id.org/xapi/cmi5/context/extensions/sessionid": str(uuid.uuid4())},
            "registration": registration,
            "language": "fr",
        },
        "timestamp": _clock[0].isoformat(),
    }
    if verb == "completed":
        made["result"] = {"completion": True, "duration": "PT3.07S"}
    if scaled is not None:
        made["context"]["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/masteryscore"] = 0.8
        made["result"] = {
            "score": {"scaled": scaled, "raw": round(scaled * 100), "min": 0, "max": 100},
            "success": verb == "passed",
            "duration": "PT3.07S",
        }
    return made
