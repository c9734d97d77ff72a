"""`packager revoke`: record in the registry that a certificate is revoked (date, reason), then
republish the course's signed status lists and the certificate's page on the verification site."""

from __future__ import annotations

import json
from pathlib import Path

from packager.certify import credential
from packager.certify.registry import Certificate, Registry, RegistryError
from packager.certify.settings import Settings
from packager.certify.site import Site
from packager.source.certificate import is_number
from packager.source.model import Course

MAX_REASON = 500


def revoke(
    course: Course, registry: Registry, number: str, reason: str, out: Path, site_folder: Path, key_path: Path | None
) -> Certificate:
    reason = " ".join(reason.split())
    if not reason or len(reason) > MAX_REASON:
        raise RegistryError(f"--reason must say why, in at most {MAX_REASON} characters")
    if not is_number(number):
        raise RegistryError(f"{number!r} is not a certificate number (PREFIX-XXXX-XXXX-XXXX)")
    found = registry.find(number)
    if found is not None and found.course != course.id:
        raise RegistryError(
            f"certificate {number} belongs to the course {found.course!r}, not {course.id!r} (--source)"
        )
    settings = Settings.of(course)
    key = credential.load_key(key_path)
    record = registry.revoke(number, reason)
    site = Site(course, settings, site_folder, key)
    site.status_lists(registry, record.revoked_at or "")
    for path in (out / f"{number}.json", site_folder / number / "credential.json"):
        if path.exists():
            site.certificate(record, json.loads(path.read_text(encoding="utf-8")))
            break
    return record
