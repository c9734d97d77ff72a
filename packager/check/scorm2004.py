"""SCORM 2004 manifests (2nd, 3rd and 4th Edition): the 4th Edition XSDs, what the edition allows,
then the content-package rules an LMS relies on beyond the XSDs (CAM book, ADL's application
profile): the default organization exists, leaf items launch a resource that exists and has an
href, a resource of a sco has a file to launch, references between sequencing objectives resolve,
every file a resource lists is in the zip."""

from __future__ import annotations

import posixpath

from packager.check.refs import local_file, resource_files
from packager.spec.scorm2004 import (
    ADLCP,
    COMPLETION_THRESHOLD_4TH_ATTRIBUTES,
    CONTROL_DOCUMENTS,
    EDITIONS,
    FOURTH_EDITION,
    FOURTH_EDITION_ONLY,
    IMSCP,
    IMSSS,
    MANIFEST,
    SCORM_TYPES,
    UNNAMED,
    XSI,
    control_files,
    edition,
    schema,
)


def _where(node) -> str:
    return f"{MANIFEST}:{node.sourceline}"


def _edition(root, report) -> str:
    """The edition metadata/schemaversion declares; a missing or unknown one is checked as the 4th."""
    name = edition(root)
    if name and name != UNNAMED:
        return name
    version = root.findtext(f"{{{IMSCP}}}metadata/{{{IMSCP}}}schemaversion")
    if version is None:
        report.warning(
            "no metadata/schemaversion: checked as SCORM 2004 4th Edition "
            "(write '2004 4th Edition' so that an LMS need not guess)",
            MANIFEST,
        )
    else:
        report.error(
            f"metadata/schemaversion is {version.strip()!r}; a SCORM 2004 manifest says one of "
            f"{', '.join(repr(v) for v in EDITIONS)}",
            MANIFEST,
        )
    return FOURTH_EDITION


def _earlier_edition(root, name: str, report) -> None:
    """What a 2nd or 3rd Edition manifest may not contain (the 4th Edition schemas accept it)."""
    for node in root.iter(*FOURTH_EDITION_ONLY):
        report.error(
            f"{FOURTH_EDITION_ONLY[node.tag]} came with the 4th Edition; this manifest says {name}", _where(node)
        )
    for node in root.iter(f"{{{ADLCP}}}completionThreshold"):
        extra = [a for a in COMPLETION_THRESHOLD_4TH_ATTRIBUTES if node.get(a) is not None]
        try:
            ok = not extra and 0 <= float(node.text or "") <= 1
        except ValueError:
            ok = False
        if not ok:
            report.error(
                f"adlcp:completionThreshold in a {name} manifest is a decimal from 0 to 1 "
                "(attributes came with the 4th Edition)",
                _where(node),
            )


def _organizations(root, resources: dict, report) -> None:
    organizations = root.find(f"{{{IMSCP}}}organizations")
    found = {o.get("identifier") for o in root.iter(f"{{{IMSCP}}}organization")}
    default = organizations.get("default") if organizations is not None else None
    if not found:
        report.error("no organization: an LMS has nothing to show", MANIFEST)
    elif default and default not in found:
        report.error(f"organizations default {default!r} is not an organization", _where(organizations))
    for item in root.iter(f"{{{IMSCP}}}item"):
        ref, ident = item.get("identifierref"), item.get("identifier")
        children = item.findall(f"{{{IMSCP}}}item")
        if ref is None:
            if not children:
                report.error(f"item {ident!r} has neither children nor a resource to launch", _where(item))
            continue
        if children:
            report.error(
                f"item {ident!r} launches a resource but also has children (only leaf items launch)", _where(item)
            )
        resource = resources.get(ref)
        if resource is None:
            report.error(f"item {ident!r} refers to resource {ref!r}, which does not exist", _where(item))
        elif not resource.get("href"):
            report.error(f"item {ident!r} refers to resource {ref!r}, which has no href to launch", _where(item))


def _sequencing(root, report) -> None:
    """Rule conditions name objectives of their own activity; IDRefs name a sequencing collection."""
    collection = {s.get("ID") for s in root.iter(f"{{{IMSSS}}}sequencing") if s.get("ID")}
    for sequencing in root.iter(f"{{{IMSSS}}}sequencing"):
        ref = sequencing.get("IDRef")
        if ref and ref not in collection:
            report.error(
                f"sequencing IDRef {ref!r} names no sequencing in the sequencingCollection", _where(sequencing)
            )
        own = {o.get("objectiveID") for o in sequencing.iter(f"{{{IMSSS}}}primaryObjective", f"{{{IMSSS}}}objective")}
        if ref in collection:
            target = next(s for s in root.iter(f"{{{IMSSS}}}sequencing") if s.get("ID") == ref)
            own |= {o.get("objectiveID") for o in target.iter(f"{{{IMSSS}}}primaryObjective", f"{{{IMSSS}}}objective")}
        for condition in sequencing.iter(f"{{{IMSSS}}}ruleCondition"):
            objective = condition.get("referencedObjective")
            if objective and objective not in own:
                report.error(
                    f"rule condition refers to objective {objective!r}, which this activity does not define",
                    _where(condition),
                )
        for objective in sequencing.iter(f"{{{IMSSS}}}primaryObjective"):
            if objective.find(f"{{{IMSSS}}}mapInfo") is not None and not objective.get("objectiveID"):
                report.error("a primary objective with a mapInfo needs an objectiveID", _where(objective))


def _dependencies(root, resources: dict, report) -> None:
    for dependency in root.iter(f"{{{IMSCP}}}dependency"):
        if dependency.get("identifierref") not in resources:
            report.error(
                f"dependency on {dependency.get('identifierref')!r}, which is not a resource", _where(dependency)
            )


def _metadata_files(root, files: set[str], report) -> set[str]:
    """External metadata (adlcp:location) named anywhere in the manifest must be in the zip."""
    named = set()
    for location in root.iter(f"{{{ADLCP}}}location"):
        target = local_file((location.text or "").strip(), "", files, _where(location), report)
        if target:
            named.add(target)
    return named


def _control_documents(root, files: set[str], report) -> set[str]:
    """The XSDs xsi:schemaLocation names: ADL's validator wants them at the root (4th Edition rule);
    LMSs import packages without them, so a missing one is a warning."""
    words = (root.get(f"{{{XSI}}}schemaLocation") or "").split()
    named = {posixpath.normpath(doc) for doc in words[1::2] if "://" not in doc}
    for doc in sorted(named - files):
        report.warning(
            f"schemaLocation names {doc}, which is not in the zip (ADL's validator requires the "
            "control documents at the package root)",
            MANIFEST,
        )
    carried = {name for name in files if name.endswith((".xsd", ".dtd"))}
    return carried | named | set(CONTROL_DOCUMENTS.values()) | set(control_files())


def check(tree, files: set[str], report, strict: bool = False) -> None:
    """A SCORM 2004 manifest: the XSDs, what its edition allows, then the package rules."""
    root = tree.getroot()
    name = _edition(root, report)
    xsd = schema()
    if not xsd.validate(tree):
        for entry in xsd.error_log:
            report.error(f"schema: {entry.message}", f"{MANIFEST}:{entry.line}")
    if name != FOURTH_EDITION:
        _earlier_edition(root, name, report)
    resources = {r.get("identifier"): r for r in root.iter(f"{{{IMSCP}}}resource")}
    _organizations(root, resources, report)
    _sequencing(root, report)
    _dependencies(root, resources, report)
    listed = resource_files(
        root, resources, files, report, _where, imscp=IMSCP, adlcp=ADLCP, type_name="scormType", types=SCORM_TYPES
    )
    for sco in (r for r in resources.values() if r.get(f"{{{ADLCP}}}scormType") == "sco" and not r.get("href")):
        report.error(f"resource {sco.get('identifier')!r} is a sco without an href to launch", _where(sco))
    listed |= _metadata_files(root, files, report)
    control = _control_documents(root, files, report)
    for unlisted in sorted(files - listed - {MANIFEST} - control):
        report.warning("file is in the zip but no resource lists it", unlisted)
