"""Issue certificates: claim each in the registry, render its PDF, sign its credential, write both,
mark it issued; a failure releases the claim and removes what was written. Optionally record an
`earned` statement in the LRS (--post-back)."""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

from packager.certify import credential
from packager.certify.certificate import Renderer, Sheet, strings
from packager.certify.eligibility import Decision, actor_key
from packager.certify.lrs import LRS
from packager.certify.registry import Registry, certificate_number
from packager.certify.report import Run
from packager.certify.settings import Settings
from packager.source.model import Course, Text
from packager.spec.xapi import ACTIVITY_TYPES, VERBS

BATCH = 50  # certificates per WeasyPrint document


def bilingual(course: Course, text: Text) -> str:
    """A text in every course language, joined: "Titre / العنوان"."""
    return " / ".join(text[lang] for lang in course.languages)


def issuer_name(course: Course) -> str:
    return " / ".join(bilingual(course, issuer.name) for issuer in course.issuers)


def credential_document(course: Course, settings: Settings, number: str, decision: Decision, url: str,
                        issued: str) -> dict:
    """The unsigned Open Badges 3.0 credential of one certificate."""
    words = strings()
    return {
        "@context": credential.CONTEXT,
        "id": url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": bilingual(course, course.title),
        "issuer": {"id": settings.issuer_id, "type": ["Profile"], "name": issuer_name(course)},
        "validFrom": issued,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": decision.name,
            "identifier": [{"type": ["IdentityObject"], "identityType": "emailAddress" if "mbox" in decision.actor else "identifier",
                            "hashed": True, "identityHash": "sha256$" + hashlib.sha256(actor_key(decision.actor).encode()).hexdigest()}],
            "achievement": {"id": course.iri, "type": ["Achievement"], "name": bilingual(course, course.title),
                            "description": bilingual(course, course.description),
                            "criteria": {"narrative": " / ".join(
                                words[lang]["criteria"].format(mastery=round(settings.mastery * 100), modules=len(course.modules))
                                for lang in course.languages)}},
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


def write_atomic(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def issue(course: Course, settings: Settings, decisions: list[tuple[str, Decision]], registry: Registry, out: Path,
          key, run: Run, workers: int = 1, post_back: LRS | None = None) -> None:
    """Claim, render, sign and write each certificate; record it in `run`."""
    out.mkdir(parents=True, exist_ok=True)
    issuer = credential.issuer_document(settings.issuer_id, issuer_name(course), key)
    write_atomic(out / "issuer.json", json.dumps(issuer, ensure_ascii=False, indent=2).encode())

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
            write_atomic(out / f"{number}.pdf", pdf)
            write_atomic(out / f"{number}.json", json.dumps(document, ensure_ascii=False, indent=2).encode())
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
                                      "name": {lang: strings()[lang]["certificate"].format(title=course.title[lang])
                                               for lang in course.languages}}},
            "result": {"score": {"scaled": decision.score}, "extensions": {f"{course.iri}/certificate/number": number,
                                                                           f"{course.iri}/certificate/url": url}},
            "context": {"contextActivities": {"parent": [{"id": course.iri}]}},
            "timestamp": issued}
