"""Check a SCORM 1.2 package as a careful LMS would, refusing hostile input before reading it.

Order matters for safety: the zip's directory is inspected (names, sizes, ratios) before any
entry is read; the manifest is read with a size cap and parsed without DTDs, entities or network.
Status: "sound" (exit 0, warnings allowed), "faulty" (exit 1), "unusable" (exit 2: not a zip,
or refused as hostile).
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from packager.scorm12 import ADLCP, IMSCP

SCHEMA = Path(__file__).parent / "schemas" / "scorm12" / "scorm12.xsd"
MANIFEST = "imsmanifest.xml"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")
CONTROL_FILES = {"imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"}
TIMELIMITACTIONS = {"exit,message", "exit,no message", "continue,message", "continue,no message"}


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


@functools.cache
def schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA), parser))


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
    if MANIFEST not in files:
        nested = sorted(n for n in files if n.endswith("/" + MANIFEST))
        report.error("no imsmanifest.xml at the root of the zip" + (f" (found {nested[0]}: zip the folder's content, not the folder)" if nested else ""))
        return
    info = archive.getinfo(MANIFEST)
    if info.file_size > limits.manifest_bytes:
        report.refuse(f"manifest is {info.file_size} bytes, over the limit of {limits.manifest_bytes}", MANIFEST)
        return
    with archive.open(info) as handle:
        data = handle.read(limits.manifest_bytes + 1)
    if len(data) > limits.manifest_bytes:
        report.refuse("manifest is larger than it declares", MANIFEST)
        return
    _check_manifest(data, files, report)


def _parse(data: bytes, report: Report):
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        report.refuse("manifest declares a DOCTYPE or entities; refused (entity expansion and external entities are not allowed)", MANIFEST)
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=False)
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        report.error(f"not well-formed XML: {exc.msg}", f"{MANIFEST}:{exc.lineno}")
        return None
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        report.refuse("manifest declares a DOCTYPE; refused", MANIFEST)
        return None
    return tree


def _check_manifest(data: bytes, files: set[str], report: Report) -> None:
    tree = _parse(data, report)
    if tree is None:
        return
    root = tree.getroot()
    if root.tag != f"{{{IMSCP}}}manifest":
        report.error(f"root element is {root.tag}, expected manifest in namespace {IMSCP} (is this SCORM 1.2?)", MANIFEST)
        return
    xsd = schema()
    if not xsd.validate(tree):
        for entry in xsd.error_log:
            report.error(f"schema: {entry.message}", f"{MANIFEST}:{entry.line}")

    def where(node) -> str:
        return f"{MANIFEST}:{node.sourceline}"

    version = root.findtext(f"{{{IMSCP}}}metadata/{{{IMSCP}}}schemaversion")
    if version is None or version.strip() != "1.2":
        report.error(f"metadata/schemaversion is {version!r}, expected '1.2'", MANIFEST)

    identified = [node for node in root.iter() if isinstance(node.tag, str) and node.get("identifier") is not None]
    seen: dict[str, int] = {}
    for node in identified:
        ident = node.get("identifier")
        if not NCNAME.match(ident):
            report.error(f"identifier {ident!r} is not a valid XML ID (a letter or '_' first, then letters, digits, '.', '-', '_')", where(node))
        if ident in seen:
            report.error(f"identifier {ident!r} is used twice (first on line {seen[ident]})", where(node))
        seen.setdefault(ident, node.sourceline)

    resources = {r.get("identifier"): r for r in root.iter(f"{{{IMSCP}}}resource")}
    organizations = root.find(f"{{{IMSCP}}}organizations")
    default = organizations.get("default") if organizations is not None else None
    org_ids = {o.get("identifier") for o in root.iter(f"{{{IMSCP}}}organization")}
    if default and default not in org_ids:
        report.error(f"organizations default {default!r} is not an organization", where(organizations))
    if not org_ids:
        report.error("no organization: an LMS has nothing to show", MANIFEST)

    launchable = 0
    for item in root.iter(f"{{{IMSCP}}}item"):
        ref = item.get("identifierref")
        if ref is None:
            continue
        resource = resources.get(ref)
        if resource is None:
            report.error(f"item {item.get('identifier')!r} refers to resource {ref!r}, which does not exist", where(item))
        elif not resource.get("href"):
            report.error(f"item {item.get('identifier')!r} refers to resource {ref!r}, which has no href to launch", where(item))
        else:
            launchable += 1
        mastery = item.findtext(f"{{{ADLCP}}}masteryscore")
        if mastery is not None:
            try:
                ok = 0 <= float(mastery) <= 100
            except ValueError:
                ok = False
            if not ok:
                report.error(f"masteryscore {mastery!r} must be a number from 0 to 100", where(item))
        action = item.findtext(f"{{{ADLCP}}}timelimitaction")
        if action is not None and action.strip() not in TIMELIMITACTIONS:
            report.error(f"timelimitaction {action!r} must be one of: {', '.join(sorted(TIMELIMITACTIONS))}", where(item))
    if org_ids and not launchable:
        report.error("no item launches a resource", MANIFEST)

    for dependency in root.iter(f"{{{IMSCP}}}dependency"):
        ref = dependency.get("identifierref")
        if ref not in resources:
            report.error(f"dependency on {ref!r}, which is not a resource", where(dependency))

    listed: set[str] = set()
    resources_node = root.find(f"{{{IMSCP}}}resources")
    base_all = resources_node.get(XML_BASE, "") if resources_node is not None else ""
    for ident, resource in resources.items():
        kind = resource.get(f"{{{ADLCP}}}scormtype")
        if kind not in ("sco", "asset"):
            report.error(f"resource {ident!r}: adlcp:scormtype is {kind!r}, expected 'sco' or 'asset'", where(resource))
        base = base_all + resource.get(XML_BASE, "")
        hrefs = [(resource, resource.get("href"))] + [(f, f.get("href")) for f in resource.iter(f"{{{IMSCP}}}file")]
        for node, href in hrefs:
            if not href:
                continue
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue  # an absolute URL is the LMS's business, not a file of the package
            target = posixpath.normpath(unquote(base + parts.path))
            if target.startswith("../") or target.startswith("/"):
                report.error(f"href {href!r} points outside the package", where(node))
                continue
            listed.add(target)
            if target not in files:
                report.error(f"href {href!r} names a file that is not in the zip", where(node))
    for name in sorted(files - listed - {MANIFEST} - CONTROL_FILES):
        report.warning("file is in the zip but no resource lists it", name)
