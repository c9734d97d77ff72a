"""SCORM 2004: the Content Aggregation Model's namespaces, and how a manifest says which edition it is."""

from __future__ import annotations

IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"

# metadata/schemaversion of each edition (SCORM 2004 CAM, 2.3.2 / 3.4.1.x)
EDITIONS = {"CAM 1.3": "SCORM 2004 2nd Edition", "2004 3rd Edition": "SCORM 2004 3rd Edition",
            "2004 4th Edition": "SCORM 2004 4th Edition"}


def edition(root) -> str | None:
    """"SCORM 2004 <n>th Edition" for a SCORM 2004 manifest, else None (SCORM 1.2 or something else)."""
    if root.tag != f"{{{IMSCP}}}manifest":
        return None
    version = (root.findtext(f"{{{IMSCP}}}metadata/{{{IMSCP}}}schemaversion") or "").strip()
    if version in EDITIONS:
        return EDITIONS[version]
    declared = set(root.nsmap.values()) | {ns for node in root.iter() if isinstance(node.tag, str) for ns in node.nsmap.values()}
    return "SCORM 2004" if ADLCP in declared or IMSSS in declared else None
