"""`packager validate` on SCORM 2004 manifests of every edition: sound ones, and broken ones refused
with a reason. The manifests are written here (no third-party file); docs/scorm2004.md records how
ADL's validator and this one judge real packages written by others."""

from __future__ import annotations

from pathlib import Path

import pytest

from packager.check import validate
from packager.spec.scorm2004 import SCHEMA_DIR
from tests.check.test_validate import make_zip, messages, package
from tests.check.test_validate import manifest as scorm12_manifest

SCORM2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="M1" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>{version}</schemaversion></metadata>
  <organizations default="ORG">
    <organization identifier="ORG">
      <title>Course</title>
      <item identifier="I1" identifierref="R1"><title>One</title>{item_extra}
        <imsss:sequencing>{sequencing}</imsss:sequencing>
      </item>
      <item identifier="I2" identifierref="R2"><title>Two</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="R1" type="webcontent" adlcp:scormType="sco" href="one.html"><file href="one.html"/></resource>
    <resource identifier="R2" type="webcontent" adlcp:scormType="{scormtype}" href="two.html">
      <file href="two.html"/></resource>
  </resources>
</manifest>
"""
GATE = """<imsss:sequencingRules><imsss:preConditionRule><imsss:ruleConditions>
  <imsss:ruleCondition referencedObjective="{objective}" operator="not" condition="satisfied"/>
  </imsss:ruleConditions><imsss:ruleAction action="disabled"/></imsss:preConditionRule></imsss:sequencingRules>
  <imsss:objectives><imsss:primaryObjective objectiveID="done"/>
  <imsss:objective objectiveID="other"><imsss:mapInfo targetObjectiveID="urn:x:other"/></imsss:objective>
  </imsss:objectives>"""


def scorm2004(version="2004 4th Edition", item_extra="", sequencing=None, scormtype="sco") -> str:
    return SCORM2004.format(
        version=version,
        item_extra=item_extra,
        scormtype=scormtype,
        sequencing=GATE.format(objective="other") if sequencing is None else sequencing,
    )


def package2004(tmp_path: Path, text: str, extra: dict | None = None, drop: str = "") -> Path:
    files = {"imsmanifest.xml": text, "one.html": "<p>1</p>", "two.html": "<p>2</p>", **(extra or {})}
    files.pop(drop, None)
    return make_zip(tmp_path / "p.zip", files)


@pytest.mark.parametrize("version", ["2004 4th Edition", "2004 3rd Edition", "CAM 1.3"])
def test_a_sequenced_manifest_of_each_edition_is_sound(tmp_path, version):
    report = validate(package2004(tmp_path, scorm2004(version)))
    assert report.status == "sound" and not report.findings, messages(report)


@pytest.mark.parametrize(
    "text, expected",
    [
        (scorm2004(version="1.2"), "metadata/schemaversion is '1.2'; a SCORM 2004 manifest says one of"),
        (
            scorm2004(sequencing=GATE.format(objective="nowhere")),
            "rule condition refers to objective 'nowhere', which this activity does not define",
        ),
        (
            scorm2004().replace('identifierref="R2"', 'identifierref="R9"'),
            "refers to resource 'R9', which does not exist",
        ),
        (
            scorm2004().replace(
                '<item identifier="I2" identifierref="R2"><title>Two</title></item>',
                '<item identifier="I2"><title>Two</title></item>',
            ),
            "item 'I2' has neither children nor a resource to launch",
        ),
        (scorm2004(scormtype="lesson"), "schema:"),
        (
            scorm2004(
                item_extra="<adlnav:presentation><adlnav:navigationInterface><adlnav:hideLMSUI>next"
                "</adlnav:hideLMSUI></adlnav:navigationInterface></adlnav:presentation>"
            ),
            "hideLMSUI",
        ),
        (
            scorm2004(version="2004 3rd Edition", item_extra='<adlcp:completionThreshold minProgressMeasure="0.5"/>'),
            "adlcp:completionThreshold in a SCORM 2004 3rd Edition manifest is a decimal from 0 to 1",
        ),
        (
            scorm2004(version="CAM 1.3", item_extra='<adlcp:data><adlcp:map targetID="urn:x:d"/></adlcp:data>'),
            "shared data (adlcp:data) came with the 4th Edition; this manifest says SCORM 2004 2nd Edition",
        ),
        (
            scorm2004().replace('identifier="ORG"', 'identifier="1ORG"').replace('default="ORG"', 'default="1ORG"'),
            "schema:",
        ),
    ],
)
def test_broken_scorm2004_manifests_are_faulty_with_a_reason(tmp_path, text, expected):
    report = validate(package2004(tmp_path, text))
    assert report.status == "faulty" and report.exit_code == 1, messages(report)
    assert expected in messages(report)


def test_a_missing_launch_file_is_a_fault_with_its_line(tmp_path):
    text = scorm2004()
    line = next(n for n, row in enumerate(text.splitlines(), 1) if 'identifier="R2"' in row)
    report = validate(package2004(tmp_path, text, drop="two.html"))
    assert report.status == "faulty"
    assert any(
        f.where == f"imsmanifest.xml:{line}" and "'two.html' names a file that is not in the zip" in f.message
        for f in report.findings
    ), messages(report)


def test_missing_control_documents_are_a_warning(tmp_path):
    text = scorm2004().replace(
        'xmlns:imsss="http://www.imsglobal.org/xsd/imsss">',
        'xmlns:imsss="http://www.imsglobal.org/xsd/imsss" xmlns:xsi='
        '"http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation='
        '"http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd">',
    )
    report = validate(package2004(tmp_path, text))
    assert (report.status, report.exit_code) == ("sound with warnings", 0)
    assert "schemaLocation names imscp_v1p1.xsd, which is not in the zip" in messages(report)
    shipped = validate(package2004(tmp_path, text, {"imscp_v1p1.xsd": (SCHEMA_DIR / "imscp_v1p1.xsd").read_bytes()}))
    assert not shipped.findings, messages(shipped)


def test_no_schemaversion_is_checked_as_4th_edition_with_a_warning(tmp_path):
    text = scorm2004().replace("<schemaversion>2004 4th Edition</schemaversion>", "")
    report = validate(package2004(tmp_path, text))
    assert (report.status, report.format) == ("sound with warnings", "SCORM 2004")
    assert "no metadata/schemaversion: checked as SCORM 2004 4th Edition" in messages(report)


def test_scorm12_manifests_are_still_checked_as_scorm12(tmp_path):
    report = validate(package(tmp_path, scorm12_manifest(scormtype="lesson")))
    assert "adlcp:scormtype is 'lesson', expected 'sco' or 'asset'" in messages(report)
