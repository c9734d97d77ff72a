"""`packager certify`: fetch statements from the LRS, decide who earned a certificate, issue each
one once in the registry, render its PDF and signed credential, report.

Nothing is issued until every statement has been read: voiding can come after what it voids, and
an LRS that fails mid-run must not leave half a decision.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

from packager.certify import credential
from packager.certify.eligibility import Progress
from packager.certify.issue import issue, write_atomic
from packager.certify.lrs import LRS
from packager.certify.registry import Registry
from packager.certify.report import Run
from packager.certify.settings import Settings
from packager.source.model import Course
from packager.spec.xapi import VERBS, part_iri


def fetch(lrs: LRS, course: Course, progress: Progress, since: str | None, tick: Callable[[int], None]) -> None:
    """Every statement that can decide, query by query, page by page."""
    base = {"since": since} if since else {}
    queries = [{"verb": VERBS["voided"]}]
    # related_activities: a cmi5 LMS's statements name our IRIs in context (grouping), not as object
    related = {"related_activities": "true"}
    queries += [{"verb": VERBS[v], "activity": part_iri(course, course.quiz.id), **related} for v in ("passed", "failed")]
    queries += [{"verb": VERBS["completed"], "activity": part_iri(course, m.id), **related} for m in course.modules]
    for query in queries:
        for page in lrs.statements(**base, **query):
            for statement in page:
                progress.add(statement)
            tick(progress.read)
    for statement_id in sorted(progress.unseen_voided()):  # so the report can say "voided"
        original = lrs.voided_statement(statement_id)
        if original is not None:
            progress.add(original)


def certify(course: Course, lrs: LRS, registry: Registry, out: Path, key_path: Path | None = None,
            since: str | None = None, names: dict[str, str] | None = None, workers: int = 1,
            post_back: bool = False, tick: Callable[[int], None] = lambda n: None, site: Path | None = None) -> Run:
    settings = Settings.of(course)
    run = Run(course.id, datetime.now(timezone.utc).isoformat(timespec="seconds"))
    progress = Progress(part_iri(course, course.quiz.id), [part_iri(course, m.id) for m in course.modules],
                        settings.mastery, settings.authorities)
    saved, voided_ids, watermark = registry.load(course.id)
    progress.restore(saved, voided_ids)
    fetch(lrs, course, progress, since or watermark, tick)
    run.statements_read, run.learners_seen = progress.read, len(progress.learners)
    run.watermark = progress.latest_stored or watermark or ""

    decisions = []
    for learner in sorted(progress.learners):
        decision = progress.decide(learner, names)
        if decision.eligible:
            decisions.append((learner, decision))
        else:
            run.refused.append({"actor": decision.actor, "reason": decision.reason})
    issue(course, settings, decisions, registry, out, credential.load_key(key_path), run, workers,
          lrs if post_back else None, site)
    registry.save(course.id, progress.snapshot(), progress.voided, run.watermark)
    write_atomic(out / "report.json", json.dumps(asdict(run), ensure_ascii=False, indent=2).encode())
    return run
