"""A regression corpus for `validate`: small packages shaped like those other tools write (the cases
that real third-party packages revealed), written here by the project itself — no third-party file
is copied. Each maker writes a package folder and returns it; test_corpus.py zips it and states the
verdict a careful LMS would reach."""

from __future__ import annotations

from pathlib import Path

SCORM12_NO_SCHEMAVERSION = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.golf" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <organizations default="golf_org">
    <organization identifier="golf_org">
      <title>Golf Explained</title>
      <item identifier="item_1" identifierref="resource_1"><title>Playing the Game</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="resource_1" type="webcontent" adlcp:scormtype="sco" href="shared/launchpage.html">
      <file href="shared/launchpage.html"/>
      {files}
    </resource>
  </resources>
</manifest>
"""

SCORM2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.golf.2004" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>{edition}</schemaversion></metadata>
  <organizations default="golf_org">
    <organization identifier="golf_org">
      <title>Golf Explained</title>
      <item identifier="item_1" identifierref="resource_1"><title>Playing the Game</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="resource_1" type="webcontent" adlcp:scormType="sco" href="shared/launchpage.html">
      <file href="shared/launchpage.html"/>
    </resource>
  </resources>
</manifest>
"""

CMI5 = """<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.org/course/1">
    <title><langstring lang="en-US">Course</langstring></title>
    <description><langstring lang="en-US">A course</langstring></description>
  </course>
  <objectives>
    <objective id="{objective}">
      <title><langstring lang="en-US">Objective</langstring></title>
      <description><langstring lang="en-US">An objective</langstring></description>
    </objective>
  </objectives>
  <block id="https://example.org/course/1/block/1">
    <title><langstring lang="en-US">Block one</langstring></title>
    <description><langstring lang="en-US">First block</langstring></description>
    <au id="https://example.org/course/1/au/1" moveOn="Completed">
      <title><langstring lang="en-US">AU one</langstring></title>
      <description><langstring lang="en-US">First AU</langstring></description>
      <objectives><objective idref="{objective}"/></objectives>
      <url>{url}</url>
    </au>
  </block>
  <block id="{second_block}">
    <title><langstring lang="en-US">Block two</langstring></title>
    <description><langstring lang="en-US">Second block</langstring></description>
    <au id="https://example.org/course/1/au/2" moveOn="Passed" masteryScore="0.8">
      <title><langstring lang="en-US">AU two</langstring></title>
      <description><langstring lang="en-US">Second AU</langstring></description>
      <url>au2/index.html</url>
    </au>
  </block>
</courseStructure>
"""

TINCAN = """<?xml version="1.0" encoding="utf-8"?>
<tincan xmlns="http://projecttincan.com/tincan.xsd">
  <activities>
    <activity id="http://example.org/golf" type="http://adlnet.gov/expapi/activities/course">
      <name>Golf Example</name>
      <description lang="en-US">TinCan launch sample</description>
      <launch lang="en-us">{launch}</launch>
    </activity>
  </activities>
</tincan>
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def scorm12_without_schemaversion(folder: Path) -> Path:
    return write(
        folder, {"imsmanifest.xml": SCORM12_NO_SCHEMAVERSION.format(files=""), "shared/launchpage.html": "<p>golf</p>"}
    )


def scorm12_many_unlisted_files(folder: Path) -> Path:
    files = {f"shared/assets/image{i:03d}.png": "x" for i in range(614)}
    return write(
        folder,
        {
            "imsmanifest.xml": SCORM12_NO_SCHEMAVERSION.format(files="").replace(
                "<organizations",
                "<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>\n  <organizations",
            ),
            "shared/launchpage.html": "<p>golf</p>",
            **files,
        },
    )


def scorm2004(edition: str):
    def make(folder: Path) -> Path:
        return write(
            folder, {"imsmanifest.xml": SCORM2004.format(edition=edition), "shared/launchpage.html": "<p>golf</p>"}
        )

    return make


def aicc(folder: Path) -> Path:
    return write(
        folder,
        {
            "course.crs": "[Course]\nCourse_ID=GOLF\n",
            "course.au": '"System_ID","File_Name"\n',
            "course.des": '"System_ID","Title"\n',
            "course.cst": '"Block","Member"\n',
            "golf/index.html": "<p>golf</p>",
        },
    )


def cmi5(
    objective="https://example.org/course/1/objective/1",
    url="au1/index.html",
    second_block="https://example.org/course/1/block/2",
    reorder=False,
):
    def make(folder: Path) -> Path:
        text = CMI5.format(objective=objective, url=url, second_block=second_block)
        if reorder:  # the objectives after the blocks: out of the schema's order
            objectives = text[text.index("  <objectives>") : text.index("  <block")]
            text = text.replace(objectives, "").replace("</courseStructure>", objectives + "</courseStructure>")
        return write(folder, {"cmi5.xml": text, "au1/index.html": "<p>one</p>", "au2/index.html": "<p>two</p>"})

    return make


def tincan(launch="index.html"):
    def make(folder: Path) -> Path:
        return write(folder, {"tincan.xml": TINCAN.format(launch=launch), "index.html": "<p>golf</p>"})

    return make


def not_a_package(folder: Path) -> Path:
    return write(folder, {"readme.txt": "slides", "slides/1.html": "<p>1</p>"})
