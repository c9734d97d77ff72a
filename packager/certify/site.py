"""The static verification site: a folder that any web server or GitHub Pages can serve at the
base of the verification URL (settings.py), written by `packager certify` and `packager revoke`.

  index.html            checks a pasted or uploaded credential in the browser
  NUMBER/index.html     the certificate's page, where its QR code leads (learner, course, date, score,
                        issuers, in every course language), which checks its credential in the browser
  NUMBER/credential.json  the signed credential, to download
  did.json              the issuer's DID document (did:web): its public key
  status/COURSE-N.json  the signed revocation status lists
  assets/               the style sheet, verify.js, and vendor/ (npm `canonicalize` for RFC 8785 and
                        `base-x` for base58, vendored with their licences: no CDN, no build step)

The browser checks the credential's eddsa-jcs-2022 proof with WebCrypto's Ed25519, which needs no
library beyond those two small files; the eddsa-rdfc-2022 proof over the same content is for Open
Badges verifiers (bundling a JSON-LD processor into the page would make it several hundred KiB).
Nothing on the site lists the certificates: a page is found by its number.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from packager import templates
from packager.certify import credential, status
from packager.certify.certificate import columns, long_date
from packager.certify.registry import Certificate, Registry
from packager.certify.settings import Settings
from packager.source.model import Course

TEMPLATE_DIR = templates.path("verify")


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file whole or not at all (a temporary file renamed into place). The temporary name is
    the writer's own (process and thread): two certify runs on one site may write the same file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        with temporary.open("xb") as file:
            file.write(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


class Site:
    def __init__(self, course: Course, settings: Settings, folder: Path, key: Ed25519PrivateKey):
        self.course, self.settings, self.folder, self.key = course, settings, folder, key
        self.columns = columns(course.languages)
        self.env = Environment(
            loader=FileSystemLoader(str(TEMPLATE_DIR)),
            autoescape=select_autoescape(default=True),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )

    def _write(self, relative: str, data: bytes) -> None:
        path = self.folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)

    def _render(self, template: str, root: str, **values) -> bytes:
        page = {
            "root": root,
            "base": self.settings.base,
            "did": self.settings.did,
            "didDocument": self.settings.did_path,
            "languages": [c["lang"] for c in self.columns],
            "directions": {c["lang"]: c["dir"] for c in self.columns},
            "strings": {c["lang"]: c["t"]["site"] for c in self.columns},
            **values.pop("data", {}),
        }
        return (
            self.env.get_template(template)
            .render(
                columns=self.columns,
                title=self.course.title,
                root=root,
                data=page,
                settings=self.settings,
                issuers=self.course.issuers,
                **values,
            )
            .encode("utf-8")
        )

    def static(self) -> None:
        """The checker page, the DID document and the assets."""
        self._write(self.settings.did_path, _json(credential.did_document(self.settings.did, self.key)))
        self._write("index.html", self._render("index.html.j2", "./"))
        for path in sorted((TEMPLATE_DIR / "assets").rglob("*")):
            if path.is_file():
                self._write(str(path.relative_to(TEMPLATE_DIR)), path.read_bytes())

    def certificate(self, record: Certificate, document: dict) -> None:
        """The certificate's page and its signed credential."""
        self._write(f"{record.number}/credential.json", _json(document))
        revoked = (
            {
                c["lang"]: c["t"]["site"]["revoked_on"].format(
                    date=long_date(record.revoked_at, c["t"]["months"]), reason=record.revoked_reason
                )
                for c in self.columns
            }
            if record.revoked_at
            else None
        )
        facts = {
            "number": record.number,
            "name": record.name,
            "percent": round(record.score * 100),
            "dates": {c["lang"]: long_date(record.date, c["t"]["months"]) for c in self.columns},
            "course": {lang: self.course.title[lang] for lang in self.course.languages},
        }
        status_url = self.settings.status_list(record.status_list)
        self._write(
            f"{record.number}/index.html",
            self._render(
                "certificate.html.j2",
                "../",
                facts=facts,
                revoked=revoked,
                status_url=status_url,
                data={"credential": "credential.json", "revoked": revoked},
            ),
        )

    def withdraw(self, number: str) -> None:
        shutil.rmtree(self.folder / number, ignore_errors=True)

    def status_lists(self, registry: Registry, issued: str) -> None:
        """Sign and write every status list of the course, with the bits of the revoked certificates."""
        lists: dict[int, set[int]] = {}
        for record in registry.certificates(self.course.id):
            bits = lists.setdefault(record.status_list, set())
            if record.revoked_at:
                bits.add(record.status_index)
        for number, revoked in sorted(lists.items()):
            document = credential.sign(
                status.list_credential(self.settings, number, revoked, issued),
                self.key,
                credential.method_id(self.settings.did, self.key),
                issued,
            )
            self._write(self.settings.status_list(number), _json(document))


def _json(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
