"""What each kind of package's manifest must say, checked on a safely parsed tree.

Each check takes the manifest tree, the set of files in the zip and the Report to fill.
"""

from __future__ import annotations

import functools
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from packager import cmi5, tincan
from packager.scorm12 import ADLCP, IMSCP

MANIFEST = "imsmanifest.xml"
SCHEMA = Path(__file__).parent / "schemas" / "scorm12" / "scorm12.xsd"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")
CONTROL_FILES = {"imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"}
TIMELIMITACTIONS = {"exit,message", "exit,no message", "continue,message", "continue,no message"}
MOVE_ON = {"NotApplicable", "Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed"}
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


@functools.cache
def schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA), parser))


def _local_file(href: str, base: str, files: set[str], where: str, report) -> str | None:
    """The package file an href names (None for absolute URLs); an error if it is missing or outside."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None  # an absolute URL is the LMS's business, not a file of the package
    target = posixpath.normpath(unquote(base + parts.path))
    if target.startswith("../") or target.startswith("/"):
        report.error(f"href {href!r} points outside the package", where)
        return None
    if target not in files:
        report.error(f"href {href!r} names a file that is not in the zip", where)
    return target

def scorm12(tree, files: set[str], report) -> None:
    """SCORM 1.2: the XSDs, then what an LMS relies on beyond them."""
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
            target = _local_file(href, base, files, where(node), report) if href else None
            if target:
                listed.add(target)
    for name in sorted(files - listed - {MANIFEST} - CONTROL_FILES):
        report.warning("file is in the zip but no resource lists it", name)


def _listed_once(ids: list, kind: str, name: str, report) -> None:
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        report.error(f"{kind} {duplicate!r} is listed twice", name)


def _iri(node, report, name: str) -> None:
    ident = node.get("id")
    if not ident or not ABSOLUTE_IRI.match(ident):
        report.error(f"id {ident!r} must be an absolute IRI", f"{name}:{node.sourceline}")


def tincan_xml(tree, files: set[str], report) -> None:
    """xAPI TinCan launch: activities with absolute IRIs; the launch files exist."""
    name = "tincan.xml"
    ns = {"t": tincan.NS}
    root = tree.getroot()
    if root.tag != f"{{{tincan.NS}}}tincan":
        report.error(f"root element is {root.tag}, expected tincan in namespace {tincan.NS}", name)
        return
    activities = root.findall("t:activities/t:activity", ns)
    if not activities:
        report.error("no activity", name)
    _listed_once([a.get("id") for a in activities], "activity", name, report)
    launches = 0
    for activity in activities:
        _iri(activity, report, name)
        for launch in activity.findall("t:launch", ns):
            launches += 1
            _local_file((launch.text or "").strip(), "", files, f"{name}:{launch.sourceline}", report)
    if activities and not launches:
        report.error("no activity has a launch page", name)


def cmi5_xml(tree, files: set[str], report) -> None:
    """cmi5: the course structure (AUs with absolute ids, moveOn, masteryScore 0..1, urls present)."""
    name = "cmi5.xml"
    ns = {"c": cmi5.NS}
    root = tree.getroot()
    if root.tag != f"{{{cmi5.NS}}}courseStructure":
        report.error(f"root element is {root.tag}, expected courseStructure in namespace {cmi5.NS}", name)
        return
    course = root.find("c:course", ns)
    if course is None:
        report.error("no course element", name)
    else:
        _iri(course, report, name)
    aus = root.findall(".//c:au", ns)
    if not aus:
        report.error("no AU: nothing to launch", name)
    _listed_once([au.get("id") for au in aus], "AU", name, report)
    for au in aus:
        where = f"{name}:{au.sourceline}"
        _iri(au, report, name)
        if au.get("moveOn", "NotApplicable") not in MOVE_ON:
            report.error(f"moveOn {au.get('moveOn')!r} must be one of {', '.join(sorted(MOVE_ON))}", where)
        mastery = au.get("masteryScore")
        if mastery is not None:
            try:
                ok = 0 <= float(mastery) <= 1
            except ValueError:
                ok = False
            if not ok:
                report.error(f"masteryScore {mastery!r} must be a decimal from 0 to 1", where)
        url = au.findtext("c:url", namespaces=ns)
        if not url or not url.strip():
            report.error("AU has no url", where)
        else:
            _local_file(url.strip(), "", files, where, report)


MANIFESTS = {MANIFEST: scorm12, "tincan.xml": tincan_xml, "cmi5.xml": cmi5_xml}
