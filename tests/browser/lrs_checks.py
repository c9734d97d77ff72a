"""What the xAPI and cmi5 browser tests read back from the real LRS, and how they check it."""

from __future__ import annotations

import json
import subprocess

from tests.browser.harness import ROOT
from tests.browser.robot import wait_for


def invalid(statements: list[dict]) -> list:
    """The statements the npm package xapi-validation finds invalid, with why."""
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "browser" / "validate_statements.js")],
        input=json.dumps(statements),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def verbs(statements):
    return [s["verb"]["id"].rsplit("/", 1)[-1] for s in statements]


def stored(lrs, registration: str, count: int, timeout: float = 15.0) -> list[dict]:
    """The registration's statements, in the order the browser made them (timestamps are strictly
    increasing), once at least `count` are stored (the queue flushes asynchronously)."""
    found = wait_for(
        lambda: (found := lrs.statements(registration=registration)) and len(found) >= count and found, timeout
    ) or lrs.statements(registration=registration)
    return sorted(found, key=lambda s: s["timestamp"])
