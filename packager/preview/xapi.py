"""xAPI 1.0.3 statements as an LRS checks them before storing: the statement itself, then the rules of
the Statement Resource.

The statement is validated by Ralph's xAPI models (PyPI ralph-malph: the Learning Record Store of
France Université Numérique, maintained; its `BaseXapiStatement` is strict: properties the spec does
not define, empty values, IRIs (RFC 3987), language tags (RFC 5646), UUIDs, agents with exactly one
identifier, score bounds, interaction types, ISO 8601 timestamps and durations). What it does not
check, because it is about the resource rather than one statement, is here: the version header,
statementId, conflicts, voiding (xAPI 1.0.3, Communication 2.1 and Data 2.3.2).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

VOIDED = "http://adlnet.gov/expapi/verbs/voided"
VERSION = re.compile(r"^1\.0(\.\d+)?$")


@dataclass(frozen=True)
class Refusal(Exception):  # noqa: N818 (what an LRS answers: a refusal, with its status)
    """What the LRS answers instead of storing: an HTTP status and why (the first rule broken)."""

    status: int
    reason: str

    def __str__(self) -> str:
        return f"{self.status}: {self.reason}"


def statement_problems(statement: object) -> list[str]:
    """Everything wrong with one statement, as `path: message` lines; empty when it is valid."""
    from pydantic import ValidationError
    from ralph.models.xapi.base.statements import BaseXapiStatement

    if not isinstance(statement, dict):
        return ["a statement is a JSON object"]
    try:
        BaseXapiStatement.model_validate(statement)
    except ValidationError as error:
        return [f"{'.'.join(str(p) for p in e['loc']) or 'statement'}: {e['msg']}" for e in error.errors()]
    return []


def version_header(headers: dict[str, str]) -> None:
    """Every request carries X-Experience-API-Version (Communication 3.3)."""
    value = next((v for k, v in headers.items() if k.lower() == "x-experience-api-version"), None)
    if value is None or not VERSION.match(value.strip()):
        raise Refusal(400, f"X-Experience-API-Version header is {value!r}: expected 1.0.x")


def statements_of(method: str, query: dict[str, str], body: bytes) -> list[dict]:
    """The statements a PUT or POST carries, each valid, with its id (PUT: the statementId parameter)."""
    try:
        data = json.loads(body or b"null")
    except ValueError as error:
        raise Refusal(400, f"the body is not JSON: {error}") from None
    batch = data if isinstance(data, list) and method == "POST" else [data]
    if method == "PUT":
        wanted = query.get("statementId")
        if not wanted:
            raise Refusal(400, "PUT statements needs the statementId parameter")
        if isinstance(data, dict) and data.get("id", wanted) != wanted:
            raise Refusal(400, f"statementId {wanted} differs from the statement's id {data.get('id')}")
        if isinstance(data, dict):
            data.setdefault("id", wanted)
    for index, statement in enumerate(batch):
        problems = statement_problems(statement)
        if problems:
            where = f"statement {index + 1} of {len(batch)}: " if len(batch) > 1 else ""
            raise Refusal(400, where + "; ".join(problems))
    return batch


def same_statement(stored: dict, new: dict) -> bool:
    """A statement sent again (a retry) is the one stored, the LRS's own properties aside."""
    own = ("stored", "authority", "version")
    return {k: v for k, v in stored.items() if k not in own} == {k: v for k, v in new.items() if k not in own}


def check_voiding(statement: dict, stored: dict[str, dict]) -> None:
    """A voiding statement targets a StatementRef, and never another voiding statement (Data 2.3.2)."""
    if statement["verb"]["id"] != VOIDED:
        return
    target = statement.get("object", {})
    if target.get("objectType") != "StatementRef":
        raise Refusal(400, "a voided statement's object must be a StatementRef")
    voided = stored.get(target.get("id", ""))
    if voided is not None and voided["verb"]["id"] == VOIDED:
        raise Refusal(400, "a voiding statement cannot be voided")


def agent_key(agent: dict) -> str:
    """An agent's identity: its one inverse functional identifier (mbox, mbox_sha1sum, openid, account)."""
    for key in ("mbox", "mbox_sha1sum", "openid"):
        if key in agent:
            return f"{key}:{agent[key]}"
    account = agent.get("account") or {}
    return f"account:{account.get('homePage')}|{account.get('name')}"
