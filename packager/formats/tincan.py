"""xAPI (TinCan launch) format adapter: `tincan.xml`, as the TinCan launch specification describes it.

The course activity carries the launch page (`index.html`, the course home); modules and the quiz
are listed with their activity types. Nothing about the learner or the LRS is in the package:
endpoint, auth, actor and registration come from the launch URL only.
"""

from __future__ import annotations

from lxml import etree

from packager.compile.site import Part, Site
from packager.source.model import Course
from packager.spec.tincan import NS
from packager.spec.xapi import ACTIVITY_TYPES, part_iri


def _text(parent, tag: str, text: str, lang: str) -> None:
    node = etree.SubElement(parent, f"{{{NS}}}{tag}", lang=lang)
    node.text = text


def manifest(course: Course, site: Site, parts: list[Part], package: str) -> bytes:
    lang = site.language
    root = etree.Element(f"{{{NS}}}tincan", nsmap={None: NS})
    activities = etree.SubElement(root, f"{{{NS}}}activities")
    activity = etree.SubElement(activities, f"{{{NS}}}activity", id=course.iri, type=ACTIVITY_TYPES["course"])
    _text(activity, "name", course.title[lang], lang)
    _text(activity, "description", course.description[lang], lang)
    _text(activity, "launch", "index.html", lang)
    for part in parts:
        activity = etree.SubElement(
            activities, f"{{{NS}}}activity", id=part_iri(course, part.id), type=ACTIVITY_TYPES[part.kind]
        )
        _text(activity, "name", part.title[lang], lang)
        _text(activity, "description", part.description[lang], lang)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
