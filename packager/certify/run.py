"""`packager certify`: fetch statements from the LRS, decide who earned a certificate, issue each
one once in the registry, render its PDF and signed credential, report.

Nothing is issued until every statement has been read: voiding can come after what it voids, and
an LRS that fails mid-run must not leave half a decision. The deciding queries run at the same
time (`concurrency`) and their pages are folded as they arrive (the fold does not depend on the
order). The processes that render PDFs start as soon as a pass has been read, so that they set up
while the LRS is still being read.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from packager.certify import credential
from packager.certify.certificate import Renderers
from packager.certify.eligibility import Progress
from packager.certify.issue import issue
from packager.certify.lrs import LRS, concurrently
from packager.certify.registry import Registry
from packager.certify.report import Run
from packager.certify.settings import Settings
from packager.certify.site import write_atomic
from packager.source.model import Course
from packager.spec.xapi import VERBS, part_iri

PASSES, VOIDS = 0, 1  # indexes of the queries for passes and for voiding statements in deciding_queries()
Tick = Callable[[int, int, int], None]  # statements read, queries done, queries


def deciding_queries(course: Course, since: str | None = None) -> list[dict[str, str]]:
    """The statements that can decide, as xAPI statement queries: passed on the quiz, voided,
    completed per module, failed on the quiz."""
    base = {"since": since} if since else {}
    # related_activities: a cmi5 LMS's statements name our IRIs in context (grouping), not as object
    related = {**base, "related_activities": "true"}
    quiz = part_iri(course, course.quiz.id)
    return [
        {**related, "verb": VERBS["passed"], "activity": quiz},
        {**base, "verb": VERBS["voided"]},
        *({**related, "verb": VERBS["completed"], "activity": part_iri(course, m.id)} for m in course.modules),
        {**related, "verb": VERBS["failed"], "activity": quiz},
    ]


def fetch(
    lrs: LRS,
    queries: list[dict[str, str]],
    progress: Progress,
    *,
    concurrency: int = 1,
    tick: Tick = lambda read, done, total: None,
    passes: Callable[[], None] = lambda: None,
) -> None:
    """Every page of every query folded into `progress`, `concurrency` queries at a time; `passes` is
    called when passes arrive. The voided statements that the LRS hides are looked up (so that the
    report can say "voided") by one more job, once every voiding statement is read; those still
    unseen at the end are folded."""
    ready, wanted = threading.Event(), list[str]()

    def originals() -> Iterator[list[dict]]:
        ready.wait()
        for statement_id in wanted:
            found = lrs.voided_statement(statement_id)
            if found is not None:
                yield [found]

    done, fold, looked_up = 0, progress.add, list[dict]()
    jobs: list[Callable[[], Iterator[list[dict]]]] = [partial(lrs.statements, **query) for query in queries]
    jobs.append(originals)
    try:
        for index, page in concurrently(jobs, concurrency):
            if index == len(queries):
                looked_up += page or []
                continue
            if page is None:
                done += 1
                if index == VOIDS:
                    wanted += sorted(progress.unseen_voided())
                    ready.set()
            else:
                for statement in page:
                    fold(statement)
                if index == PASSES and page:
                    passes()
            tick(progress.read, done, len(queries))
    finally:  # if a query failed, the lookups job ends without a request
        if done < len(queries):
            wanted.clear()
        ready.set()
    unseen = progress.unseen_voided()
    for original in looked_up:
        if original.get("id") in unseen:
            fold(original)


def certify(
    course: Course,
    lrs: LRS,
    registry: Registry,
    out: Path,
    key_path: Path | None = None,
    since: str | None = None,
    names: dict[str, str] | None = None,
    workers: int = 1,
    post_back: bool = False,
    tick: Tick = lambda read, done, total: None,
    site: Path | None = None,
    concurrency: int = 4,
) -> Run:
    clock = [time.perf_counter()]

    def lap(phase: str) -> None:
        now = time.perf_counter()
        run.seconds[phase] = round(now - clock[0], 3)
        clock[0] = now

    settings = Settings.of(course)
    run = Run(course.id, datetime.now(UTC).isoformat(timespec="seconds"))
    progress = Progress(
        part_iri(course, course.quiz.id),
        [part_iri(course, m.id) for m in course.modules],
        settings.mastery,
        settings.authorities,
    )
    saved, voided_ids, watermark = registry.load(course.id)
    progress.restore(saved, voided_ids)
    key = credential.load_key(key_path)
    lap("starting")
    with Renderers(course, workers) as renderers:
        queries = deciding_queries(course, since or watermark)
        fetch(lrs, queries, progress, concurrency=concurrency, tick=tick, passes=renderers.start)
        run.statements_read, run.learners_seen = progress.read, len(progress.learners)
        run.watermark = progress.latest_stored or watermark or ""
        lap("reading")
        decisions = []
        for learner in sorted(progress.learners):
            decision = progress.decide(learner, names)
            if decision.eligible:
                decisions.append((learner, decision))
            else:
                run.refused.append({"actor": decision.actor, "reason": decision.reason})
        run.count_reasons()
        lap("deciding")
        issue(
            course, settings, decisions, registry, out, key, run, workers, lrs if post_back else None, site, renderers
        )
    registry.save(course.id, progress.snapshot(), progress.voided, run.watermark)
    lap("issuing")
    run.seconds["total"] = round(sum(run.seconds.values()), 3)
    write_atomic(out / "report.json", json.dumps(asdict(run), ensure_ascii=False, indent=2).encode())
    return run
