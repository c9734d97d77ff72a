"""Certificate settings of course.yaml (`certificate:`), with their defaults."""

from __future__ import annotations

from dataclasses import dataclass

from packager.certify.eligibility import ifi
from packager.errors import PackagerError
from packager.source.model import Course


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
