"""`packager verify`: is this certificate genuine? A credential (.json), a PDF, or a number.

Outcomes, each with its exit code (cli.py prints them; the README documents them):

  valid     0  signed by the issuer, content intact, in the registry when one is at hand, not revoked
  invalid   1  forged or altered: a proof fails, another issuer, or it disagrees with the registry
  unusable  2  the input cannot be read (no such file, not JSON, not a PDF, not a number)
  revoked   3  genuine, but the issuer revoked it (the registry gives the date and reason; the
               published status list says so too)
  unknown   4  nothing to check it against: the number is not in the registry, or the issuer's
               DID document is not at hand

A credential's key is the issuer's DID document in the verification site's folder (--site, by
default the `site` folder beside the credential, or OUT/site) or given with --issuer. Its revocation
is read from the registry and from the signed status list in that folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from packager.certify import credential, status
from packager.certify.registry import Registry
from packager.source.certificate import find_number, is_number

EXIT_CODES = {"valid": 0, "invalid": 1, "unusable": 2, "revoked": 3, "unknown": 4}


@dataclass(frozen=True)
class Outcome:
    verdict: str  # a key of EXIT_CODES
    message: str

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.verdict]


@dataclass(frozen=True)
class Sources:
    """What a certificate is checked against."""

    site: Path | None  # the verification site's folder
    issuer: Path | None  # the issuer's DID document, when not in the site
    registry: Registry | None


def _load_json(path: Path) -> tuple[dict | None, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, f"{path} not found"
    except (ValueError, UnicodeDecodeError, OSError) as exc:
        return None, f"{path} is not JSON ({exc})"
    return (data, "") if isinstance(data, dict) else (None, f"{path} is not a JSON object")


def _did_document(sources: Sources) -> tuple[dict | None, str]:
    candidates = (
        [sources.issuer]
        if sources.issuer
        else ([sources.site / "did.json", sources.site / ".well-known" / "did.json"] if sources.site else [])
    )
    for path in candidates:
        if path.exists():
            return _load_json(path)
    return None, "the issuer's DID document is not at hand (give --site or --issuer)"


def did_base(did: str) -> str:
    """The https base URL where a did:web identifier's site is published (settings.did_web reversed)."""
    host, *path = did.removeprefix("did:web:").split(":")
    return "https://" + "/".join([unquote(host), *(unquote(p) for p in path)]) + "/"


def _revoked_in_list(document: dict, issuer: dict, site: Path | None) -> str | None:
    """'revoked' or '' from the signed status list in the site; None when it cannot be read."""
    entry = document.get("credentialStatus")
    if not isinstance(entry, dict) or site is None or not str(issuer.get("id", "")).startswith("did:web:"):
        return None
    url, base = str(entry.get("statusListCredential", "")), did_base(issuer["id"])
    if not url.startswith(base) or ".." in url:
        return None
    listed, _ = _load_json(site / url[len(base) :])
    if listed is None or credential.verify(listed, issuer):
        return None
    try:
        bits = status.decode(str(listed["credentialSubject"]["encodedList"]))
        return "revoked" if status.is_set(bits, int(entry["statusListIndex"])) else ""
    except (KeyError, TypeError, ValueError):
        return None


def check_credential(path: Path, sources: Sources) -> Outcome:
    document, problem = _load_json(path)
    if document is None:
        return Outcome("unusable", problem)
    issuer, problem = _did_document(sources)
    if issuer is None:
        return Outcome("unknown", f"cannot check the signature: {problem}")
    problem = credential.verify(document, issuer)
    if problem:
        return Outcome("invalid", problem)
    number = find_number(str(document.get("id", "")))
    if not number:
        return Outcome("invalid", "the credential carries no certificate number")
    record = sources.registry.find(number) if sources.registry else None
    if sources.registry is not None:
        if record is None or record.status != "issued":
            return Outcome("unknown", f"certificate {number} is not in the registry")
        subject = document.get("credentialSubject") or {}
        result = (subject.get("result") or [{}])[0]
        if subject.get("name") != record.name or str(result.get("value")) != str(round(record.score * 100)):
            return Outcome("invalid", f"certificate {number} does not match the registry (name or score differ)")
    listed = _revoked_in_list(document, issuer, sources.site)
    if record is not None and record.revoked_at:
        return Outcome(
            "revoked", f"certificate {number} was revoked on {record.revoked_at[:10]}: {record.revoked_reason}"
        )
    if listed == "revoked":
        return Outcome("revoked", f"certificate {number} is revoked (the issuer's status list says so)")
    if record is None and listed is None:
        return Outcome(
            "valid", f"certificate {number}: signature valid; revocation not checked (no registry, no status list)"
        )
    return Outcome("valid", f"certificate {number}: signed by {issuer['id']}, intact, not revoked")


def check_number(number: str, folder: Path, sources: Sources) -> Outcome:
    if not is_number(number):
        return Outcome("unusable", f"{number!r} is not a certificate number (PREFIX-XXXX-XXXX-XXXX)")
    if sources.registry is None:
        return Outcome("unknown", "a number can only be checked against the registry (--registry)")
    record = sources.registry.find(number)
    if record is None or record.status != "issued":
        return Outcome("unknown", f"certificate {number} is not in the registry")
    path = folder / f"{number}.json"
    if not path.exists() and sources.site is not None:
        path = sources.site / number / "credential.json"
    return check_credential(path, sources)


def check_pdf(path: Path, sources: Sources) -> Outcome:
    try:
        text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    except (PdfReadError, OSError, ValueError) as exc:
        return Outcome("unusable", f"{path} is not a readable PDF ({exc})")
    number = find_number(text)
    if not number:
        return Outcome("unknown", "no certificate number in the PDF")
    outcome = check_number(number, path.parent, sources)
    record = sources.registry.find(number) if sources.registry else None
    if outcome.verdict in ("valid", "revoked") and (record is None or record.name not in text):
        return Outcome("invalid", f"the PDF does not show the name the registry holds for {number}")
    return outcome
