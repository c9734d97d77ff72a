"""Check a package (SCORM 1.2, xAPI or cmi5) as a careful LMS would, refusing hostile input before reading it.

Order matters for safety: the zip's directory is inspected (names, sizes, ratios) before any
entry is read; the manifest is read with a size cap and parsed without DTDs, entities or network.
Status: "sound" (exit 0, warnings allowed), "faulty" (exit 1), "unusable" (exit 2: not a zip,
or refused as hostile).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from packager.check import cmi5, scorm12, tincan
from packager.spec import cmi5 as cmi5_spec
from packager.spec import scorm12 as scorm12_spec
from packager.spec import tincan as tincan_spec

MANIFESTS = {scorm12_spec.MANIFEST: scorm12.check, tincan_spec.MANIFEST: tincan.check,
             cmi5_spec.COURSE_STRUCTURE: cmi5.check}


@dataclass(frozen=True)
class Limits:
    total_bytes: int = 500 * 1024 * 1024  # declared uncompressed total
    ratio_entry_bytes: int = 10 * 1024 * 1024  # entries above this size ...
    max_ratio: int = 100  # ... may not compress beyond this ratio
    manifest_bytes: int = 10 * 1024 * 1024
    entries: int = 20000


@dataclass(frozen=True)
class Finding:
    level: str  # "error" or "warning"
    message: str
    where: str = ""

    def __str__(self) -> str:
        return f"{self.level}: {self.where + ': ' if self.where else ''}{self.message}"


@dataclass
class Report:
    path: str
    findings: list[Finding] = field(default_factory=list)
    unusable: bool = False

    @property
    def status(self) -> str:
        if self.unusable:
            return "unusable"
        return "faulty" if any(f.level == "error" for f in self.findings) else "sound"

    @property
    def exit_code(self) -> int:
        return {"sound": 0, "faulty": 1, "unusable": 2}[self.status]

    def error(self, message: str, where: str = "") -> None:
        self.findings.append(Finding("error", message, where))

    def warning(self, message: str, where: str = "") -> None:
        self.findings.append(Finding("warning", message, where))

    def refuse(self, message: str, where: str = "") -> "Report":
        self.unusable = True
        self.error(message, where)
        return self

    def as_json(self) -> dict:
        return {"path": self.path, "status": self.status, "exit_code": self.exit_code,
                "findings": [{"level": f.level, "message": f.message, "where": f.where} for f in self.findings]}


def _unsafe_name(name: str) -> str | None:
    if "\x00" in name:
        return "contains a NUL character"
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return "is an absolute path"
    if ".." in re.split(r"[/\\]", name):
        return "climbs out of the package with '..'"
    return None


def validate(path: Path | str, limits: Limits = Limits()) -> Report:
    path = Path(path)
    report = Report(str(path))
    if not path.is_file():
        return report.refuse("no such file")
    if not zipfile.is_zipfile(path):
        return report.refuse("not a zip file")
    try:
        with zipfile.ZipFile(path) as archive:
            _check(archive, report, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
        report.refuse(f"the zip cannot be read: {exc}")
    return report


def _check(archive: zipfile.ZipFile, report: Report, limits: Limits) -> None:
    infos = archive.infolist()
    if len(infos) > limits.entries:
        report.refuse(f"{len(infos)} entries, more than the limit of {limits.entries}")
        return
    for info in infos:
        problem = _unsafe_name(info.filename)
        if problem:
            report.refuse(f"entry name {problem}; refused, nothing extracted", info.filename)
    total = sum(info.file_size for info in infos)
    if total > limits.total_bytes:
        report.refuse(f"declares {total} bytes uncompressed, over the limit of {limits.total_bytes} (zip bomb?)")
    for info in infos:
        if info.file_size > limits.ratio_entry_bytes and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            report.refuse(f"compresses {info.file_size // max(info.compress_size, 1)}:1, beyond {limits.max_ratio}:1 (zip bomb?)",
                          info.filename)
        if info.flag_bits & 0x1:
            report.refuse("entry is encrypted", info.filename)
    if report.unusable:
        return
    names = [info.filename for info in infos]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    for name in duplicates:
        report.error("entry appears twice in the zip", name)
    files = {n for n in names if not n.endswith("/")}
    manifest = next((name for name in MANIFESTS if name in files), None)
    if manifest is None:
        nested = sorted(n for n in files if n.rsplit("/", 1)[-1] in MANIFESTS)
        report.error(f"no {', '.join(MANIFESTS)} at the root of the zip"
                     + (f" (found {nested[0]}: zip the folder's content, not the folder)" if nested else ""))
        return
    info = archive.getinfo(manifest)
    if info.file_size > limits.manifest_bytes:
        report.refuse(f"manifest is {info.file_size} bytes, over the limit of {limits.manifest_bytes}", manifest)
        return
    with archive.open(info) as handle:
        data = handle.read(limits.manifest_bytes + 1)
    if len(data) > limits.manifest_bytes:
        report.refuse("manifest is larger than it declares", manifest)
        return
    tree = _parse(data, manifest, report)
    if tree is not None:
        MANIFESTS[manifest](tree, files, report)


def _parse(data: bytes, name: str, report: Report):
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        report.refuse("manifest declares a DOCTYPE or entities; refused (entity expansion and external entities are not allowed)", name)
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=False)
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        report.error(f"not well-formed XML: {exc.msg}", f"{name}:{exc.lineno}")
        return None
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        report.refuse("manifest declares a DOCTYPE; refused", name)
        return None
    return tree
