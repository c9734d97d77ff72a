"""cmi5 format adapter: `cmi5.xml`, the cmi5 course structure (CourseStructure.xsd).

One AU per part: modules move on when Completed, the quiz when Passed, with its masteryScore
(0..1). AU urls are relative to the course structure, as cmi5 allows inside a package.
"""

from __future__ import annotations

from lxml import etree

from packager.compile.site import Part, Site
from packager.source.model import Course
from packager.spec.cmi5 import NS
from packager.spec.xapi import part_iri

MOVE_ON = {"module": "Completed", "quiz": "Passed"}


def _text(parent, tag: str, text: str, lang: str) -> None:
    holder = etree.SubElement(parent, f"{{{NS}}}{tag}")
    etree.SubElement(holder, f"{{{NS}}}langstring", lang=lang).text = text


def manifest(course: Course, site: Site, parts: list[Part], package: str) -> bytes:
    lang = site.language
    root = etree.Element(f"{{{NS}}}courseStructure", nsmap={None: NS})
    head = etree.SubElement(root, f"{{{NS}}}course", id=course.iri)
    _text(head, "title", course.title[lang], lang)
    _text(head, "description", course.description[lang], lang)
    for part in parts:
        au = etree.SubElement(
            root, f"{{{NS}}}au", id=part_iri(course, part.id), moveOn=MOVE_ON[part.kind], launchMethod="AnyWindow"
        )
        if part.mastery_score is not None:
            au.set("masteryScore", f"{part.mastery_score / 100:g}")
        _text(au, "title", part.title[lang], lang)
        _text(au, "description", part.description[lang], lang)
        etree.SubElement(au, f"{{{NS}}}url").text = part.href
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
