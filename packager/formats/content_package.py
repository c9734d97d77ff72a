"""IMS Content Packaging as both SCORM writers use it: elements, durations, and the resources (one
"sco" resource per part with its own files, one "asset" resource for the runtime they all depend on).
The two SCORM versions differ in namespaces and in how ADL spells the type attribute (scormtype in
1.2, scormType in 2004), which the callers pass."""

from __future__ import annotations

from lxml import etree

from packager.compile.site import Part, Site

SHARED_RESOURCE = "RES-shared"


def el(parent, ns: str, tag: str, text: str | None = None, **attrib: str) -> etree._Element:
    node = etree.SubElement(parent, f"{{{ns}}}{tag}", attrib)
    if text is not None:
        node.text = text
    return node


def duration(minutes: int) -> str:
    """An ISO 8601 duration in hours and minutes, as LOM's typical learning time wants it."""
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def resources(root, site: Site, parts: list[Part], imscp: str, scorm_type: str) -> None:
    """<resources>: RES-<part> launching the part's href, then RES-shared. `scorm_type` is the
    attribute's Clark name, e.g. {http://www.adlnet.org/xsd/adlcp_v1p3}scormType."""
    node = el(root, imscp, "resources")
    for part in parts:
        resource = el(node, imscp, "resource", identifier=f"RES-{part.id}", type="webcontent", href=part.href)
        resource.set(scorm_type, "sco")
        for path in sorted(part.files):
            el(resource, imscp, "file", href=path)
        el(resource, imscp, "dependency", identifierref=SHARED_RESOURCE)
    shared = el(node, imscp, "resource", identifier=SHARED_RESOURCE, type="webcontent")
    shared.set(scorm_type, "asset")
    for path in sorted(site.shared):
        el(shared, imscp, "file", href=path)
