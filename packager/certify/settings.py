"""What certification needs from course.yaml, with defaults applied, and the addresses that follow
from the verification URL.

The verification URL (`certificate.verification_url`, default `{iri}/verify/{number}`) is what the
QR code holds. Everything is published under its base, the part before `{number}`, by
`packager certify` (see site.py):

  {base}{number}/             the certificate's page (index.html) and its credential (credential.json)
  {base}did.json              the issuer's DID document: the issuer is did:web:<host>:<path>
  {base}status/{course}-{n}.json  the signed Bitstring Status Lists (revocation)
  {base}                      the page that checks a credential in the browser

did:web (rather than did:key) because it ties the issuer to the domain where the certificates are
published, which is what a person checking one can see, and lets the key be replaced there.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from packager.errors import PackagerError
from packager.source.certificate import url_problem
from packager.source.model import Course


def did_web(base: str) -> str:
    """did:web for a site published at `base` (https://host[:port]/path/): did:web:host%3Aport:path."""
    parts = urlsplit(base)
    host = (parts.hostname or "") + (f"%3A{parts.port}" if parts.port else "")
    return ":".join(["did:web", host, *(quote(s, safe="") for s in parts.path.split("/") if s)])


@dataclass(frozen=True)
class Settings:
    """Certificate settings of course.yaml (`certificate:`), with their defaults."""

    verification_url: str
    mastery: float
    prefix: str
    authorities: list[dict] | None
    course: str

    @classmethod
    def of(cls, course: Course) -> Settings:
        raw = course.certificate
        url = raw.verification_url or f"{course.iri}/verify/{{number}}"
        if url_problem(url):
            where = (
                "certificate.verification_url" if raw.verification_url else "the default verification URL (from 'iri')"
            )
            raise PackagerError(f"course.yaml: {where} {url!r} {url_problem(url)}")
        mastery = raw.mastery if raw.mastery is not None else course.mastery_score / 100
        return cls(url, mastery, raw.prefix, raw.authorities, course.id)

    @property
    def base(self) -> str:
        """Where the site is published, ending with '/'."""
        return self.verification_url[: self.verification_url.index("{number}")]

    @property
    def did(self) -> str:
        return did_web(self.base)

    @property
    def did_path(self) -> str:
        """Where did:web resolution looks for the DID document, relative to the base."""
        return "did.json" if urlsplit(self.base).path.strip("/") else ".well-known/did.json"

    def url(self, number: str) -> str:
        return self.verification_url.format(number=number)

    def status_list(self, list_number: int) -> str:
        """Relative path of a status list in the site; its URL is the base + this."""
        return f"status/{self.course}-{list_number}.json"
