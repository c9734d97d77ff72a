"""Check a package as a careful LMS would, refusing hostile input before reading it.

Order matters for safety: the container is inspected (names, sizes, ratios) before any file is read;
the manifest is read with a size cap and parsed without DTDs, entities or network. Then the format
is recognised from the manifest itself (not from its name alone), and checked by its own rules, or
reported as unsupported, by name.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from packager.check import cmi5, scorm12, scorm2004, tincan
from packager.check.container import Container, Limits, check_zip, folder
from packager.check.report import Report
from packager.spec import cmi5 as cmi5_spec
from packager.spec import scorm12 as scorm12_spec
from packager.spec import scorm2004 as scorm2004_spec
from packager.spec import tincan as tincan_spec

Checker = Callable[[etree._ElementTree, set[str], Report, bool], None]
MANIFESTS = (scorm12_spec.MANIFEST, tincan_spec.MANIFEST, cmi5_spec.COURSE_STRUCTURE)
AICC_SUFFIXES = (".crs", ".au", ".des", ".cst")


def validate(path: Path | str, limits: Limits | None = None, strict: bool = False) -> Report:
    """Check the zip, or the unpacked package folder, at `path`."""
    path, limits = Path(path), limits or Limits()
    report = Report(str(path))
    container: Container | None
    if path.is_dir():
        container = folder(path, report, limits)
        if container is not None:
            _check(container, report, limits, strict)
    elif not path.is_file():
        report.refuse("no such file or folder")
    elif not zipfile.is_zipfile(path):
        report.refuse("not a zip file (give the package's .zip, or the folder it was unpacked into)")
    else:
        try:
            with zipfile.ZipFile(path) as archive:
                container = check_zip(archive, report, limits)
                if container is not None:
                    _check(container, report, limits, strict)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
            report.refuse(f"the zip cannot be read: {exc}")
    if strict:
        report.strict()
    return report


def _check(container: Container, report: Report, limits: Limits, strict: bool) -> None:
    files = container.files
    manifest = next((name for name in MANIFESTS if name in files), None)
    if manifest is None:
        if any(name.lower().endswith(AICC_SUFFIXES) and "/" not in name for name in files):
            report.not_supported("AICC")
            return
        nested = sorted(n for n in files if n.rsplit("/", 1)[-1] in MANIFESTS)
        report.error(
            f"no {', '.join(MANIFESTS)} at the root: this is not a SCORM, xAPI or cmi5 package"
            + (f" (found {nested[0]}: zip the folder's content, not the folder)" if nested else "")
        )
        return
    if container.size(manifest) > limits.manifest_bytes:
        report.refuse(
            f"manifest is {container.size(manifest)} bytes, over the limit of {limits.manifest_bytes}", manifest
        )
        return
    data = container.read(manifest, limits.manifest_bytes)
    if len(data) > limits.manifest_bytes:
        report.refuse("manifest is larger than it declares", manifest)
        return
    tree = _parse(data, manifest, report)
    if tree is None:
        return
    what, checker = _recognise(manifest, tree)
    report.format = what
    if checker is None:
        report.not_supported(what)
    else:
        checker(tree, files, report, strict)


def _recognise(manifest: str, tree: etree._ElementTree) -> tuple[str, Checker | None]:
    """What the manifest says the package is, and the checker for it (None: not supported)."""
    if manifest == tincan_spec.MANIFEST:
        return "xAPI (TinCan launch)", tincan.check
    if manifest == cmi5_spec.COURSE_STRUCTURE:
        return "cmi5", cmi5.check
    edition = scorm2004_spec.edition(tree.getroot())
    if edition:
        return edition, scorm2004.check
    return "SCORM 1.2", scorm12.check


def _parse(data: bytes, name: str, report: Report) -> etree._ElementTree | None:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        report.refuse(
            "manifest declares a DOCTYPE or entities; refused (entity expansion and external entities are not allowed)",
            name,
        )
        return None
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
    )
    try:
        return etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        report.error(f"not well-formed XML: {exc.msg}", f"{name}:{exc.lineno}")
        return None
