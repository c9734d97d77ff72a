"""`--names`: learners' names from a CSV file, for statements that carry none."""

from __future__ import annotations

import csv
from pathlib import Path

from packager.certify.eligibility import actor_key
from packager.errors import PackagerError


def read_names(path: Path | None) -> dict[str, str]:
    """--names CSV: columns `actor` (mailto:…, an mbox_sha1sum, an openid URL, or homePage|name
    for an account) and `name`."""
    if path is None:
        return {}
    names = {}
    with open(path, newline="", encoding="utf-8-sig") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            actor, name = (row.get("actor") or "").strip(), (row.get("name") or "").strip()
            if not actor or not name:
                raise PackagerError(f"{path}:{line}: expected the columns actor and name")
            if actor.startswith("mailto:"):
                identifier = {"mbox": actor}
            elif "|" in actor:
                home, account = actor.split("|", 1)
                identifier = {"account": {"homePage": home, "name": account}}
            elif actor.startswith(("http://", "https://")):
                identifier = {"openid": actor}
            else:
                identifier = {"mbox_sha1sum": actor}
            names[actor_key(identifier)] = name
    return names
