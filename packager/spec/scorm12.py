"""SCORM 1.2: the Content Aggregation Model's namespaces and vocabularies, and where its XSDs are.

The XSDs (schemas/scorm12/, see NOTICE.md there) are the official ones; scorm12.xsd is a driver that
imports them so one lxml schema validates a whole manifest.
"""

from __future__ import annotations

from pathlib import Path

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{IMSCP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"
SCHEMA = Path(__file__).parent / "schemas" / "scorm12" / "scorm12.xsd"
SCHEMA_FILES = {"imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"}

MANIFEST = "imsmanifest.xml"
SCHEMA_VERSION = "1.2"
SCORM_TYPES = ("sco", "asset")
TIME_LIMIT_ACTIONS = ("exit,message", "exit,no message", "continue,message", "continue,no message")
MASTERY_SCORE_RANGE = (0, 100)
