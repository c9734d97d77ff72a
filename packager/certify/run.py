"""`packager certify`: fetch statements from the LRS, decide who earned a certificate, issue each
one once in the registry, render its PDF and signed credential, report.

Nothing is issued until every statement has been read: voiding can come after what it voids, and
an LRS that fails mid-run must not leave half a decision. Each certificate is claimed in the
registry, written (PDF and credential, each to a temporary file renamed into place), then marked
issued; a failure releases the claim and removes what was written.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from packager.certify import credential
from packager.certify.certificate import Renderer, Sheet
from packager.certify.eligibility import Decision, Progress, actor_key, ifi
from packager.errors import PackagerError
from packager.certify.lrs import LRS
from packager.source.model import Course
from packager.spec.xapi import ACTIVITY_TYPES, VERBS, part_iri
from packager.certify.registry import Registry, certificate_number

BATCH = 50  # certificates per WeasyPrint document


@dataclass(frozen=True)
class Settings:
    """Certificate settings of course.yaml (`certificate:`), with their defaults."""

    verification_url: str
    mastery: float
    prefix: str
    authorities: list[dict] | None
    issuer_id: str

    @classmethod
    def of(cls, course: Course) -> "Settings":
        raw = course.certificate
        url = raw.get("verification_url") or f"{course.iri}/verify/{{number}}"
        if "{number}" not in url:
            raise PackagerError("course.yaml: certificate.verification_url must contain {number}")
        mastery = float(raw.get("mastery_score", course.mastery_score / 100))
        if not 0 < mastery <= 1:
            raise PackagerError("course.yaml: certificate.mastery_score must be a decimal from 0 to 1")
        authorities = raw.get("authorities")
        return cls(url, mastery, str(raw.get("number_prefix", "TIP")), [ifi(a) for a in authorities] if authorities else None,
                   str(raw.get("issuer_id") or (course.issuers[0].url if course.issuers else course.iri)))


@dataclass
class Run:
    """What a run did, for report.json and the summary."""

    course: str
    started: str
    statements_read: int = 0
    learners_seen: int = 0
    issued: list[dict] = field(default_factory=list)
    refused: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    watermark: str = ""


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


def fetch(lrs: LRS, course: Course, progress: Progress, since: str | None, tick: Callable[[int], None]) -> None:
    """Every statement that can decide, query by query, page by page."""
    base = {"since": since} if since else {}
    queries = [{"verb": VERBS["voided"]}]
    queries += [{"verb": VERBS[v], "activity": part_iri(course, course.quiz.id)} for v in ("passed", "failed")]
    queries += [{"verb": VERBS["completed"], "activity": part_iri(course, m.id)} for m in course.modules]
    for query in queries:
        for page in lrs.statements(**base, **query):
            for statement in page:
                progress.add(statement)
            tick(progress.read)
    for statement_id in sorted(progress.unseen_voided()):  # so the report can say "voided"
        original = lrs.voided_statement(statement_id)
        if original is not None:
            progress.add(original)


def credential_document(course: Course, settings: Settings, number: str, decision: Decision, url: str,
                        issued: str) -> dict:
    """The unsigned Open Badges 3.0 credential of one certificate."""
    issuer_name = " / ".join(i.name["fr"] for i in course.issuers)
    return {
        "@context": credential.CONTEXT,
        "id": url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{course.title['fr']} / {course.title['ar']}",
        "issuer": {"id": settings.issuer_id, "type": ["Profile"], "name": issuer_name},
        "validFrom": issued,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": decision.name,
            "identifier": [{"type": ["IdentityObject"], "identityType": "emailAddress" if "mbox" in decision.actor else "identifier",
                            "hashed": True, "identityHash": "sha256$" + hashlib.sha256(actor_key(decision.actor).encode()).hexdigest()}],
            "achievement": {"id": course.iri, "type": ["Achievement"], "name": course.title["fr"],
                            "description": course.description["fr"],
                            "criteria": {"narrative": f"Quiz final réussi avec au moins {round(settings.mastery * 100)} % et les "
                                                      f"{len(course.modules)} modules terminés."}},
            "result": [{"type": ["Result"], "value": str(round(decision.score * 100))}],
            "activityEndDate": decision.date,
        },
        "packager": {"number": number, "score": decision.score, "date": decision.date[:10]},
    }


_renderers: dict[str, Renderer] = {}  # per process and run: fonts, styles and the fixed layer are set up once


def _render_batch(course: Course, sheets: list[Sheet]) -> list[bytes]:
    renderer = _renderers.get(course.id)
    if renderer is None:
        renderer = _renderers[course.id] = Renderer(course)
    return renderer.render(sheets)


def _write(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def certify(course: Course, lrs: LRS, registry: Registry, out: Path, key_path: Path | None = None,
            since: str | None = None, names: dict[str, str] | None = None, workers: int = 1,
            post_back: bool = False, tick: Callable[[int], None] = lambda n: None) -> Run:
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
          lrs if post_back else None)
    registry.save(course.id, progress.snapshot(), progress.voided, run.watermark)
    _write(out / "report.json", json.dumps(asdict(run), ensure_ascii=False, indent=2).encode())
    return run


def issue(course: Course, settings: Settings, decisions: list[tuple[str, Decision]], registry: Registry, out: Path,
          key, run: Run, workers: int = 1, post_back: LRS | None = None) -> None:
    """Claim, render, sign and write each certificate; record it in `run`."""
    out.mkdir(parents=True, exist_ok=True)
    issuer = credential.issuer_document(settings.issuer_id, " / ".join(i.name["fr"] for i in course.issuers), key)
    _write(out / "issuer.json", json.dumps(issuer, ensure_ascii=False, indent=2).encode())

    claimed: list[tuple[Decision, str]] = []
    for learner, decision in decisions:
        number = certificate_number(settings.prefix, course.id, learner)
        if registry.claim(number, course.id, learner, decision.actor, decision.name, decision.score, decision.date):
            claimed.append((decision, number))
        else:
            run.skipped.append({"actor": decision.actor, "number": number, "reason": "already issued"})
    _renderers.clear()  # a renderer serves one run: the course may have changed since the last
    issued_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    sheets = [Sheet(n, d.name, d.score, d.date[:10], settings.verification_url.format(number=n)) for d, n in claimed]
    batches = [sheets[i:i + BATCH] for i in range(0, len(sheets), BATCH)]
    try:
        if workers > 1 and len(batches) > 1:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                rendered = [pdf for batch in pool.map(_render_batch, [course] * len(batches), batches) for pdf in batch]
        else:
            rendered = [pdf for batch in batches for pdf in _render_batch(course, batch)]
        for (decision, number), sheet, pdf in zip(claimed, sheets, rendered):
            document = credential.sign(credential_document(course, settings, number, decision, sheet.url, issued_at),
                                       key, issuer["assertionMethod"][0], issued_at)
            _write(out / f"{number}.pdf", pdf)
            _write(out / f"{number}.json", json.dumps(document, ensure_ascii=False, indent=2).encode())
            registry.issued(number)
            run.issued.append({"number": number, "actor": decision.actor, "name": decision.name,
                               "score": decision.score, "date": decision.date[:10]})
            if post_back is not None:
                post_back.save(earned_statement(course, decision, number, sheet.url, issued_at))
    finally:
        done = {entry["number"] for entry in run.issued}
        for _, number in claimed:
            if number not in done:
                registry.release(number)
                for suffix in (".pdf", ".json"):
                    (out / f"{number}{suffix}").unlink(missing_ok=True)


def earned_statement(course: Course, decision: Decision, number: str, url: str, issued: str) -> dict:
    """--post-back: the learner earned the course's certificate (statement id derived from the number)."""
    digest = hashlib.sha256(f"earned {number}".encode()).hexdigest()
    statement_id = f"{digest[:8]}-{digest[8:12]}-4{digest[13:16]}-8{digest[17:20]}-{digest[20:32]}"
    return {"id": statement_id, "actor": {"objectType": "Agent", "name": decision.name, **decision.actor},
            "verb": {"id": VERBS["earned"], "display": {"en-US": "earned"}},
            "object": {"objectType": "Activity", "id": f"{course.iri}/certificate",
                       "definition": {"type": ACTIVITY_TYPES["certificate"],
                                      "name": {"fr": f"Certificat : {course.title['fr']}", "ar": f"شهادة: {course.title['ar']}"}}},
            "result": {"score": {"scaled": decision.score}, "extensions": {f"{course.iri}/certificate/number": number,
                                                                           f"{course.iri}/certificate/url": url}},
            "context": {"contextActivities": {"parent": [{"id": course.iri}]}},
            "timestamp": issued}
