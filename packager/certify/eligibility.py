"""Who has earned a certificate, decided from a stream of xAPI statements.

Rules (defaults in course.yaml): a `passed` statement on the quiz activity with
result.score.scaled >= the mastery score, and `completed` statements for every module, by the
same actor (identified by its IFI). Voided statements never count, whatever the LRS returns:
voiding is tracked here. Statements from an authority outside the allow-list (when one is set)
and statements about other activities are ignored.

`Progress` folds statements one at a time and keeps only what decides (per learner: the ids of
the statements that count), so memory grows with learners, not statements; it is saved in the
registry between runs so that a run with a watermark reads only what is new. The fold does not
depend on the order of the statements (queries read at the same time arrive in any order): a
learner's name is the one of their latest statement (stored, then id), everything else is a set,
a count or a maximum.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from packager.spec import cmi5
from packager.spec.xapi import VERBS

IFI_KEYS = ("mbox", "mbox_sha1sum", "openid", "account")


def ifi(actor: object) -> dict | None:
    """The inverse functional identifier of an agent, as an object: {"mbox": "mailto:..."}."""
    if not isinstance(actor, dict):
        return None
    for key in IFI_KEYS:
        value = actor.get(key)
        if key == "account" and isinstance(value, dict) and value.get("homePage") and value.get("name"):
            return {"account": {"homePage": value["homePage"], "name": value["name"]}}
        if key != "account" and isinstance(value, str) and value:
            return {key: value}
    return None


_string = json.encoder.encode_basestring_ascii  # how json.dumps writes a string


def actor_key(identifier: dict) -> str:
    """The IFI as compact JSON with sorted keys: the learner's key in the registry and in certificate
    numbers. Folding calls it for every statement, so the usual shapes are written directly with
    json's own string encoder (json.dumps with options builds an encoder per call: half the fold's time)."""
    if len(identifier) == 1:
        ((kind, value),) = identifier.items()
        if isinstance(value, str):
            return f"{{{_string(kind)}:{_string(value)}}}"
        if (
            kind == "account"
            and len(value) == 2
            and isinstance(value.get("homePage"), str)
            and isinstance(value.get("name"), str)
        ):
            return f'{{"account":{{"homePage":{_string(value["homePage"])},"name":{_string(value["name"])}}}}}'
    return json.dumps(identifier, sort_keys=True, separators=(",", ":"))


@dataclass
class Learner:
    actor: dict  # the IFI object
    name: str = ""
    named: str = ""  # "stored|id" of the statement the name comes from: the latest one wins
    modules: dict[str, list[list]] = field(default_factory=dict)  # module IRI -> [[statement id, timestamp]]
    passes: list[list] = field(default_factory=list)  # [[scaled, statement id, timestamp]]
    best_fail: float | None = None
    untrusted: int = 0  # statements ignored for their authority


@dataclass(frozen=True)
class Decision:
    actor: dict
    name: str
    eligible: bool
    reason: str = ""
    score: float | None = None  # scaled, 0..1
    date: str = ""  # ISO timestamp of the completion of the course


class Progress:
    def __init__(self, quiz_iri: str, module_iris: list[str], mastery: float, authorities: list[dict] | None = None):
        self.quiz_iri = quiz_iri
        self.module_iris = list(module_iris)
        self._modules = frozenset(self.module_iris)
        self.mastery = mastery
        self.authorities = {actor_key(a) for a in authorities} if authorities else None
        self.learners: dict[str, Learner] = {}
        self.voided: set[str] = set()
        self.read = 0
        self.latest_stored = ""

    # -- folding -------------------------------------------------------------------------------

    def add(self, statement: dict) -> None:
        self.read += 1
        stored = statement.get("stored")
        if isinstance(stored, str) and stored > self.latest_stored:
            self.latest_stored = stored
        verb = (statement.get("verb") or {}).get("id")
        target = statement.get("object") or {}
        if verb == VERBS["voided"]:
            if target.get("objectType") == "StatementRef" and isinstance(target.get("id"), str):
                self.voided.add(target["id"])
            return
        object_id = self.subject(statement)
        relevant = (verb in (VERBS["passed"], VERBS["failed"]) and object_id == self.quiz_iri) or (
            verb == VERBS["completed"] and object_id in self._modules
        )
        identifier = ifi(statement.get("actor"))
        if not relevant or identifier is None:
            return  # about something else (another course), or an actor we cannot identify
        key = actor_key(identifier)
        learner = self.learners.get(key) or self.learners.setdefault(key, Learner(identifier))
        name = (statement.get("actor") or {}).get("name")
        if isinstance(name, str) and name.strip():
            named = f"{stored or statement.get('timestamp') or ''}|{statement.get('id', '')}"
            if named >= learner.named:
                learner.name, learner.named = name.strip(), named
        if self.authorities is not None:
            authority = ifi(statement.get("authority"))
            if authority is None or actor_key(authority) not in self.authorities:
                learner.untrusted += 1
                return
        sid, when = str(statement.get("id", "")), str(statement.get("timestamp") or stored or "")
        if verb == VERBS["completed"] and object_id is not None:
            learner.modules.setdefault(object_id, []).append([sid, when])
            return
        score = ((statement.get("result") or {}).get("score") or {}).get("scaled")
        if not isinstance(score, (int, float)) or isinstance(score, bool):
            return  # a pass or fail without a scaled score decides nothing
        if verb == VERBS["passed"]:
            learner.passes.append([float(score), sid, when])
        elif learner.best_fail is None or score > learner.best_fail:
            learner.best_fail = float(score)

    def subject(self, statement: dict) -> str | None:
        """The course activity a statement is about: its object (xAPI), or, for a cmi5-defined
        statement (cmi5 category), whose object is the AU's activity id as the LMS imported it, the
        AU's publisher id (our module or quiz IRI) that the LMS's contextTemplate puts in
        contextActivities.grouping."""
        object_id = (statement.get("object") or {}).get("id")
        activities = (statement.get("context") or {}).get("contextActivities") or {}
        if not isinstance(activities, dict) or not any(
            isinstance(c, dict) and c.get("id") == cmi5.CATEGORY for c in activities.get("category") or []
        ):
            return object_id
        ours = [self.quiz_iri, *self.module_iris]
        grouping = [g.get("id") for g in activities.get("grouping") or [] if isinstance(g, dict)]
        return next((g for g in grouping if g in ours), object_id)

    def unseen_voided(self) -> set[str]:
        """Voided ids of statements not folded here (LRSs that apply voiding hide them)."""
        seen = {entry[1] for learner in self.learners.values() for entry in learner.passes}
        seen |= {entry[0] for learner in self.learners.values() for done in learner.modules.values() for entry in done}
        return self.voided - seen

    # -- deciding ------------------------------------------------------------------------------

    def decide(self, key: str, names: dict[str, str] | None = None) -> Decision:
        learner = self.learners[key]
        name = (names or {}).get(key) or learner.name
        passes = [p for p in learner.passes if p[1] not in self.voided]
        good = [p for p in passes if p[0] >= self.mastery]
        completed = {m: [c for c in learner.modules.get(m, []) if c[0] not in self.voided] for m in self.module_iris}
        missing = [m.rsplit("/", 1)[-1] for m, done in completed.items() if not done]
        if not good:
            if any(p[0] >= self.mastery for p in learner.passes):
                reason = "voided: the passing statement was voided"
            elif passes or learner.best_fail is not None:
                best = max([p[0] for p in passes] + ([learner.best_fail] if learner.best_fail is not None else []))
                reason = f"below mastery: best score {best:.2f} < {self.mastery:.2f}"
            elif learner.untrusted:
                reason = "untrusted authority: the statements come from an authority not on the allow-list"
            else:
                reason = "not passed: no passing statement on the final quiz"
            return Decision(learner.actor, name, False, reason)
        if missing:
            return Decision(learner.actor, name, False, f"modules missing: {', '.join(missing)}")
        if not name:
            return Decision(learner.actor, name, False, "no name: the statements carry no name and --names has none")
        best = max(good, key=lambda p: (p[0], p[2]))
        date = max([best[2]] + [min(done, key=lambda c: c[1])[1] for done in completed.values()])
        return Decision(learner.actor, name, True, score=best[0], date=date)

    # -- saving between runs -------------------------------------------------------------------

    def snapshot(self) -> dict[str, str]:
        """Each learner's progress as JSON, for the registry (sorted: the same whatever the order of reading)."""
        return {
            key: json.dumps(
                {
                    **learner.__dict__,
                    "passes": sorted(learner.passes),
                    "modules": {m: sorted(done) for m, done in sorted(learner.modules.items())},
                },
                separators=(",", ":"),
            )
            for key, learner in sorted(self.learners.items())
        }

    def restore(self, saved: dict[str, str], voided: list[str]) -> None:
        for key, text in saved.items():
            self.learners[key] = Learner(**json.loads(text))
        self.voided.update(voided)
