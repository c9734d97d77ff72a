"""Issue certificates: claim each in the registry, render its PDF, sign its credential, write both,
publish it on the verification site, mark it issued; a failure releases the claim and removes what
was written. Optionally record an `earned` statement in the LRS (--post-back)."""

from __future__ import annotations

import hashlib
import json
import secrets
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

from packager.certify import credential, status
from packager.certify.certificate import Renderers, Sheet, strings
from packager.certify.eligibility import Decision, actor_key
from packager.certify.jsonld import OB, VC
from packager.certify.lrs import LRS
from packager.certify.registry import Certificate, Registry
from packager.certify.report import Run
from packager.certify.settings import Settings
from packager.certify.site import Site, write_atomic
from packager.source.certificate import number as certificate_number
from packager.source.model import Course, Text
from packager.spec.xapi import ACTIVITY_TYPES, VERBS

BATCH = 50  # certificates per WeasyPrint document


def bilingual(course: Course, text: Text) -> str:
    """A text in every course language, joined: "Titre / العنوان"."""
    return " / ".join(text[lang] for lang in course.languages)


def issuer_name(course: Course) -> str:
    return " / ".join(bilingual(course, issuer.name) for issuer in course.issuers)


def identity(actor: dict) -> dict:
    """The learner as an Open Badges IdentityObject: a salted SHA-256 of the e-mail address (or of
    the xAPI identifier), so the credential names nobody who does not already know them."""
    salt = secrets.token_hex(8)
    if "mbox" in actor:
        kind, value = "emailAddress", actor["mbox"].removeprefix("mailto:")
    else:
        kind, value = "ext:xapiAgent", actor_key(actor)
    return {
        "type": ["IdentityObject"],
        "identityType": kind,
        "hashed": True,
        "salt": salt,
        "identityHash": "sha256$" + hashlib.sha256((value + salt).encode()).hexdigest(),
    }


def credential_document(course: Course, settings: Settings, record: Certificate, issued: str) -> dict:
    """The unsigned Open Badges 3.0 credential of one certificate."""
    words = strings()
    return {
        "@context": [VC, OB],
        "id": settings.url(record.number),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": bilingual(course, course.title),
        "issuer": {"id": settings.did, "type": ["Profile"], "name": issuer_name(course), "url": settings.base},
        "validFrom": issued,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": record.name,
            "identifier": [identity(record.actor)],
            "achievement": {
                "id": course.iri,
                "type": ["Achievement"],
                "name": bilingual(course, course.title),
                "description": bilingual(course, course.description),
                "criteria": {
                    "narrative": " / ".join(
                        words[lang]["criteria"].format(
                            mastery=round(settings.mastery * 100), modules=len(course.modules)
                        )
                        for lang in course.languages
                    )
                },
            },
            "result": [{"type": ["Result"], "value": str(round(record.score * 100))}],
            "activityEndDate": record.date[:10],
        },
        "credentialStatus": status.entry(settings, record.status_list, record.status_index),
    }


def issue(
    course: Course,
    settings: Settings,
    decisions: list[tuple[str, Decision]],
    registry: Registry,
    out: Path,
    key,
    run: Run,
    workers: int = 1,
    post_back: LRS | None = None,
    site_folder: Path | None = None,
    renderers: Renderers | None = None,
) -> None:
    """Claim, render, sign, write and publish each certificate; record it in `run`. The site goes
    to `site_folder` (default OUT/site). PDFs are rendered by `renderers` (started by the caller) or
    by `workers` processes started here; each certificate is signed, written and published as soon
    as its batch is rendered."""
    out.mkdir(parents=True, exist_ok=True)
    site = Site(course, settings, site_folder or out / "site", key)
    site.static()
    claimed: list[tuple[Decision, Certificate]] = []
    for learner, decision in decisions:
        number = certificate_number(settings.prefix, course.id, learner)
        record = registry.claim(
            number, course.id, learner, decision.actor, decision.name, decision.score or 0.0, decision.date
        )
        if record is not None:
            claimed.append((decision, record))
        else:
            run.skipped.append({"actor": decision.actor, "number": number, "reason": "already issued"})
    issued_at = datetime.now(UTC).isoformat(timespec="seconds")
    sheets = [Sheet(r.number, r.name, r.score, r.date[:10], settings.url(r.number)) for _, r in claimed]
    batches = [sheets[i : i + BATCH] for i in range(0, len(sheets), BATCH)]
    try:
        with ExitStack() as stack:
            if batches and renderers is None:
                renderers = stack.enter_context(Renderers(course, workers))
            done_batches = renderers.render(batches) if batches and renderers is not None else iter(())
            rendered = (pdf for batch in done_batches for pdf in batch)
            for (decision, record), pdf in zip(claimed, rendered, strict=False):  # rendered is a stream
                document = credential.sign(
                    credential_document(course, settings, record, issued_at),
                    key,
                    credential.method_id(settings.did, key),
                    issued_at,
                )
                write_atomic(out / f"{record.number}.pdf", pdf)
                write_atomic(out / f"{record.number}.json", json.dumps(document, ensure_ascii=False, indent=2).encode())
                site.certificate(record, document)
                registry.issued(record.number)
                run.issued.append(
                    {
                        "number": record.number,
                        "actor": decision.actor,
                        "name": decision.name,
                        "score": decision.score,
                        "date": decision.date[:10],
                    }
                )
                if post_back is not None:
                    url = settings.url(record.number)
                    post_back.save(earned_statement(course, decision, record.number, url, issued_at))
    finally:
        done = {entry["number"] for entry in run.issued}
        for _, record in claimed:
            if record.number not in done:
                registry.release(record.number)
                site.withdraw(record.number)
                for suffix in (".pdf", ".json"):
                    (out / f"{record.number}{suffix}").unlink(missing_ok=True)
        site.status_lists(registry, issued_at)


def earned_statement(course: Course, decision: Decision, number: str, url: str, issued: str) -> dict:
    """--post-back: the learner earned the course's certificate (statement id derived from the number)."""
    digest = hashlib.sha256(f"earned {number}".encode()).hexdigest()
    statement_id = f"{digest[:8]}-{digest[8:12]}-4{digest[13:16]}-8{digest[17:20]}-{digest[20:32]}"
    return {
        "id": statement_id,
        "actor": {"objectType": "Agent", "name": decision.name, **decision.actor},
        "verb": {"id": VERBS["earned"], "display": {"en-US": "earned"}},
        "object": {
            "objectType": "Activity",
            "id": f"{course.iri}/certificate",
            "definition": {
                "type": ACTIVITY_TYPES["certificate"],
                "name": {
                    lang: strings()[lang]["certificate"].format(title=course.title[lang]) for lang in course.languages
                },
            },
        },
        "result": {
            "score": {"scaled": decision.score},
            "extensions": {f"{course.iri}/certificate/number": number, f"{course.iri}/certificate/url": url},
        },
        "context": {"contextActivities": {"parent": [{"id": course.iri}]}},
        "timestamp": issued,
    }
