"""`packager verify`: is this certificate genuine? A credential (.json), a PDF, or a number.

A credential is genuine when its Ed25519 proof verifies with the issuer's public key (issuer.json
beside it) and, when the registry is at hand, the registry issued that number to that name with
that score. A PDF is genuine when the number printed on it is in the registry, its credential is
genuine, and the PDF shows the same name. A number is genuine when the registry issued it and its
credential is genuine.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from packager.certify import credential
from packager.certify.registry import Registry

NUMBER = re.compile(r"\b([A-Z0-9]{2,12}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})\b")


def _load_json(path: Path) -> tuple[dict | None, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, f"{path} not found"
    except (ValueError, UnicodeDecodeError) as exc:
        return None, f"{path} is not JSON ({exc})"
    return (data, "") if isinstance(data, dict) else (None, f"{path} is not a JSON object")


def check_credential(path: Path, issuer_path: Path | None, registry: Registry | None) -> str:
    """'' when genuine, else the reason."""
    document, problem = _load_json(path)
    if document is None:
        return problem
    issuer, problem = _load_json(issuer_path or path.with_name("issuer.json"))
    if issuer is None:
        return f"cannot check the signature: {problem}"
    problem = credential.verify(document, issuer)
    if problem:
        return problem
    facts = document.get("packager") or {}
    number = facts.get("number")
    if not number:
        return "the credential carries no certificate number"
    if registry is not None:
        record = registry.find(number)
        if record is None or record.status != "issued":
            return f"certificate {number} is not in the registry"
        subject = document.get("credentialSubject") or {}
        if subject.get("name") != record.name or abs(float(facts.get("score", -1)) - record.score) > 1e-9:
            return f"certificate {number} does not match the registry (name or score differ)"
    return ""


def check_number(number: str, folder: Path, issuer_path: Path | None, registry: Registry | None) -> str:
    if registry is None:
        return "a number can only be checked against the registry (--registry)"
    record = registry.find(number)
    if record is None or record.status != "issued":
        return f"certificate {number} is not in the registry"
    return check_credential(folder / f"{number}.json", issuer_path, registry)


def check_pdf(path: Path, issuer_path: Path | None, registry: Registry | None) -> str:
    try:
        text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    except (PdfReadError, OSError, ValueError) as exc:
        return f"{path} is not a readable PDF ({exc})"
    found = NUMBER.search(text)
    if not found:
        return "no certificate number in the PDF"
    number = found.group(1)
    problem = check_number(number, path.parent, issuer_path, registry)
    if problem:
        return problem
    name = registry.find(number).name
    if name not in text:
        return f"the PDF does not show the name the registry holds for {number}"
    return ""
