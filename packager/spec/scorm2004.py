"""SCORM 2004: the Content Aggregation Model's namespaces, how a manifest says which edition it is, its
vocabularies, and its XSDs.

The XSDs (schemas/scorm2004/, see NOTICE.md there) are ADL's 4th Edition files, unchanged;
scorm2004.xsd is a driver that imports the local xml.xsd first, then every namespace a manifest
uses, so one lxml schema validates a whole manifest offline. ADL wrote the 4th Edition schemas as a
superset of the 2nd and 3rd Editions', so the same schema checks every edition; what the earlier
editions did not have is listed in FOURTH_EDITION_ONLY.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
LOM = "http://ltsc.ieee.org/xsd/LOM"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSD = "http://www.w3.org/2001/XMLSchema"

MANIFEST = "imsmanifest.xml"
SCHEMA_DIR = Path(__file__).parent / "schemas" / "scorm2004"
SCHEMA = SCHEMA_DIR / "scorm2004.xsd"

# metadata/schemaversion of each edition (SCORM 2004 CAM, 2.3.2 / 3.4.1.x)
EDITIONS = {
    "CAM 1.3": "SCORM 2004 2nd Edition",
    "2004 3rd Edition": "SCORM 2004 3rd Edition",
    "2004 4th Edition": "SCORM 2004 4th Edition",
}
FOURTH_EDITION = EDITIONS["2004 4th Edition"]
UNNAMED = "SCORM 2004"  # a 2004 manifest whose schemaversion names no edition
SCHEMA_VERSION = "2004 4th Edition"

# The control document of each namespace, as a manifest's xsi:schemaLocation names it.
CONTROL_DOCUMENTS = {
    IMSCP: "imscp_v1p1.xsd",
    ADLCP: "adlcp_v1p3.xsd",
    ADLSEQ: "adlseq_v1p3.xsd",
    ADLNAV: "adlnav_v1p3.xsd",
    IMSSS: "imsss_v1p0.xsd",
    LOM: "lom.xsd",
}
SCHEMA_LOCATION = " ".join(f"{ns} {doc}" for ns, doc in CONTROL_DOCUMENTS.items())

# Elements and attributes the 4th Edition added: not allowed in a 2nd or 3rd Edition manifest.
FOURTH_EDITION_ONLY = {
    f"{{{ADLCP}}}data": "shared data (adlcp:data)",
    f"{{{ADLSEQ}}}objectives": "extended objective maps (adlseq:objectives)",
}
COMPLETION_THRESHOLD_4TH_ATTRIBUTES = ("completedByMeasure", "minProgressMeasure", "progressWeight")

SCORM_TYPES = ("sco", "asset")

# Run-time limits the packages are written for (RTE book, SPM of each element).
LOCATION_MAX = 1000
SUSPEND_DATA_MAX = 64000


def edition(root) -> str | None:
    """ "SCORM 2004 <n>th Edition" for a SCORM 2004 manifest, else None (SCORM 1.2 or something else)."""
    if root.tag != f"{{{IMSCP}}}manifest":
        return None
    version = (root.findtext(f"{{{IMSCP}}}metadata/{{{IMSCP}}}schemaversion") or "").strip()
    if version in EDITIONS:
        return EDITIONS[version]
    declared = set(root.nsmap.values()) | {
        ns for node in root.iter() if isinstance(node.tag, str) for ns in node.nsmap.values()
    }
    return UNNAMED if ADLCP in declared or IMSSS in declared else None


@cache
def schema() -> etree.XMLSchema:
    """The 4th Edition schemas, compiled once, offline (no_network: the http import of xml.xsd in
    imscp_v1p1.xsd is skipped, the driver has imported that namespace from the local copy)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA), parser))


@cache
def control_files() -> dict[str, bytes]:
    """The control documents a 4th Edition package carries at its root: the documents its
    schemaLocation names and every document they include or import (relative paths kept)."""
    found: dict[str, bytes] = {}
    todo = list(CONTROL_DOCUMENTS.values())
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found[name] = (SCHEMA_DIR / name).read_bytes()
        tree = etree.fromstring(found[name], etree.XMLParser(no_network=True, resolve_entities=False))
        base = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
        for ref in tree.iter(f"{{{XSD}}}include", f"{{{XSD}}}import"):
            location = ref.get("schemaLocation", "")
            if location and "://" not in location:
                todo.append(base + location)
    return dict(sorted(found.items()))
