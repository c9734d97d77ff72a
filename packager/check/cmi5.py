"""cmi5 course structures (`cmi5.xml`), checked as a conformant LMS checks them on import.

First the cmi5 XSD (CourseStructure.xsd, carried in spec/schemas/cmi5/), then the rules of the cmi5
specification ("Quartz") the schema cannot say; each finding names its requirement as ADL's CATAPULT
player reports it:
  3.0.0.0-1   ids are absolute IRIs (course, block, AU, objective)
  13.1.2.0-1, 13.1.3.0-1, 13.1.4.0-1   block, objective and AU ids unique within the course structure
  13.1.4.0-2  an AU url is a relative or absolute URL conforming to RFC 1738 (no spaces or unsafe characters)
  8.1.0.0-6   an AU url carries none of the launch parameters the LMS adds (endpoint, fetch, actor,
              registration, activityId)
  14.1.0.0-4  a relative AU url names a file of the package
  objective idrefs name an objective of the course structure (CATAPULT refuses the import)
"""

from __future__ import annotations

import functools

from lxml import etree

from packager.check.refs import ABSOLUTE_IRI, launch_url
from packager.spec.cmi5 import COURSE_STRUCTURE, LAUNCH_PARAMETERS, NS, SCHEMA


@functools.cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA), etree.XMLParser(no_network=True, resolve_entities=False)))


def check(tree, files: set[str], report, strict: bool = False) -> None:
    root = tree.getroot()
    if root.tag != f"{{{NS}}}courseStructure":
        report.error(f"root element is {root.tag}, expected courseStructure in namespace {NS}", COURSE_STRUCTURE)
        return
    xsd = schema()
    if not xsd.validate(tree):
        for entry in xsd.error_log:
            report.error(f"13.2.0.0-1 schema: {entry.message}", f"{COURSE_STRUCTURE}:{entry.line}")
        return  # the rules below read a structure the schema guarantees
    _ids(root, report)
    _objective_references(root, report)
    for au in root.iter(f"{{{NS}}}au"):
        _url(au, files, report)


def _where(node) -> str:
    return f"{COURSE_STRUCTURE}:{node.sourceline}"


def _ids(root, report) -> None:
    seen: dict[str, int] = {}
    declared = [
        ("course", "3.0.0.0-1", root.findall(f"{{{NS}}}course")),
        ("objective", "13.1.3.0-1", root.findall(f"{{{NS}}}objectives/{{{NS}}}objective")),
        ("block", "13.1.2.0-1", list(root.iter(f"{{{NS}}}block"))),
        ("AU", "13.1.4.0-1", list(root.iter(f"{{{NS}}}au"))),
    ]
    for kind, requirement, nodes in declared:
        for node in nodes:
            ident = (node.get("id") or "").strip()
            if not ABSOLUTE_IRI.match(ident):
                report.error(f"3.0.0.0-1 {kind} id {ident!r} must be an absolute IRI", _where(node))
            if ident in seen:
                report.error(
                    f"{requirement} {kind} id {ident!r} is used twice in the course structure "
                    f"(first on line {seen[ident]})",
                    _where(node),
                )
            seen.setdefault(ident, node.sourceline)


def _objective_references(root, report) -> None:
    declared = {o.get("id", "").strip() for o in root.findall(f"{{{NS}}}objectives/{{{NS}}}objective")}
    for holder in (*root.iter(f"{{{NS}}}au"), *root.iter(f"{{{NS}}}block")):
        for reference in holder.findall(f"{{{NS}}}objectives/{{{NS}}}objective"):
            idref = (reference.get("idref") or "").strip()
            if idref not in declared:
                report.error(f"objective idref {idref!r} names no objective of the course structure", _where(reference))


def _url(au, files: set[str], report) -> None:
    url, where = (au.findtext(f"{{{NS}}}url") or "").strip(), _where(au.find(f"{{{NS}}}url"))
    launch_url(url, LAUNCH_PARAMETERS, files, where, report, ("13.1.4.0-2 ", "8.1.0.0-6 "))
