"""SCORM 1.2 manifests: the official XSDs, then what an LMS relies on beyond them."""

from __future__ import annotations

import functools
import re

from lxml import etree

from packager.check.refs import resource_files
from packager.spec.scorm12 import (
    ADLCP,
    IMSCP,
    MANIFEST,
    MASTERY_SCORE_RANGE,
    SCHEMA,
    SCHEMA_FILES,
    SCHEMA_VERSION,
    SCORM_TYPES,
    TIME_LIMIT_ACTIONS,
)

NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")


@functools.cache
def schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA), parser))


def check(tree, files: set[str], report, strict: bool = False) -> None:
    """SCORM 1.2: the XSDs, then what an LMS relies on beyond them."""
    root = tree.getroot()
    if root.tag != f"{{{IMSCP}}}manifest":
        report.error(
            f"root element is {root.tag}, expected manifest in namespace {IMSCP} (is this SCORM 1.2?)", MANIFEST
        )
        return
    xsd = schema()
    if not xsd.validate(tree):
        for entry in xsd.error_log:
            report.error(f"schema: {entry.message}", f"{MANIFEST}:{entry.line}")

    def where(node) -> str:
        return f"{MANIFEST}:{node.sourceline}"

    version = root.findtext(f"{{{IMSCP}}}metadata/{{{IMSCP}}}schemaversion")
    if version is None:
        report.warning(
            "metadata/schemaversion is missing: the XSDs allow it and LMSs such as Moodle import the "
            "package as SCORM 1.2, but say '1.2' to be sure",
            MANIFEST,
        )
    elif version.strip() != SCHEMA_VERSION:
        report.error(f"metadata/schemaversion is '{version.strip()}', expected '{SCHEMA_VERSION}'", MANIFEST)

    identified = [node for node in root.iter() if isinstance(node.tag, str) and node.get("identifier") is not None]
    seen: dict[str, int] = {}
    for node in identified:
        ident = node.get("identifier")
        if not NCNAME.match(ident):
            report.error(
                f"identifier {ident!r} is not a valid XML ID "
                "(a letter or '_' first, then letters, digits, '.', '-', '_')",
                where(node),
            )
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
            report.error(
                f"item {item.get('identifier')!r} refers to resource {ref!r}, which does not exist", where(item)
            )
        elif not resource.get("href"):
            report.error(
                f"item {item.get('identifier')!r} refers to resource {ref!r}, which has no href to launch", where(item)
            )
        else:
            launchable += 1
        mastery = item.findtext(f"{{{ADLCP}}}masteryscore")
        if mastery is not None:
            try:
                low, high = MASTERY_SCORE_RANGE
                ok = low <= float(mastery) <= high
            except ValueError:
                ok = False
            if not ok:
                report.error(f"masteryscore {mastery!r} must be a number from 0 to 100", where(item))
        action = item.findtext(f"{{{ADLCP}}}timelimitaction")
        if action is not None and action.strip() not in TIME_LIMIT_ACTIONS:
            report.error(
                f"timelimitaction {action!r} must be one of: {', '.join(sorted(TIME_LIMIT_ACTIONS))}", where(item)
            )
    if org_ids and not launchable:
        report.error("no item launches a resource", MANIFEST)

    for dependency in root.iter(f"{{{IMSCP}}}dependency"):
        ref = dependency.get("identifierref")
        if ref not in resources:
            report.error(f"dependency on {ref!r}, which is not a resource", where(dependency))

    listed = resource_files(
        root, resources, files, report, where, imscp=IMSCP, adlcp=ADLCP, type_name="scormtype", types=SCORM_TYPES
    )
    for name in sorted(files - listed - {MANIFEST} - SCHEMA_FILES):
        report.warning("file is in the zip but no resource lists it", name)
