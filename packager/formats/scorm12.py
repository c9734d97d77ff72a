"""SCORM 1.2 format adapter: `imsmanifest.xml` as the SCORM 1.2 Content Aggregation Model describes it.

One organization; one item per part (a module or the quiz), each pointing to a resource of
adlcp:scormtype "sco"; the runtime assets are one "asset" resource the SCOs depend on. The quiz
item carries adlcp:masteryscore so the LMS can compute passed/failed from cmi.core.score.raw.
"""

from __future__ import annotations

from lxml import etree

from packager.compile.site import Part, Site
from packager.formats.content_package import duration, el, resources
from packager.source.model import Course
from packager.spec.scorm12 import ADLCP, IMSCP, IMSMD, SCHEMA_LOCATION, SCHEMA_VERSION, XSI

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _langstring(parent, tag: str, text: str, lang: str) -> None:
    holder = el(parent, IMSMD, tag)
    el(holder, IMSMD, "langstring", text).set(XML_LANG, lang)


def _lom(parent, course: Course, lang: str, title: str, description: str, minutes: int) -> None:
    lom = el(parent, IMSMD, "lom")
    general = el(lom, IMSMD, "general")
    _langstring(general, "title", title, lang)
    el(general, IMSMD, "language", lang)
    _langstring(general, "description", description, lang)
    for word in course.keywords.get(lang, []):
        _langstring(general, "keyword", word, lang)
    lifecycle = el(lom, IMSMD, "lifecycle")
    _langstring(lifecycle, "version", course.version, lang)
    educational = el(lom, IMSMD, "educational")
    el(el(educational, IMSMD, "typicallearningtime"), IMSMD, "datetime", duration(minutes))


def manifest_identifier(course: Course, package: str, lang: str) -> str:
    return f"MANIFEST-{course.id}-{package}-{lang}"


def manifest(course: Course, site: Site, parts: list[Part], package: str) -> bytes:
    """The imsmanifest.xml of a package holding `parts` of `site` (one language)."""
    lang = site.language
    single = len(parts) == 1
    title = parts[0].title[lang] if single else course.title[lang]
    description = parts[0].description[lang] if single else course.description[lang]
    minutes = sum(p.duration_minutes for p in parts)

    root = etree.Element(f"{{{IMSCP}}}manifest", nsmap={None: IMSCP, "adlcp": ADLCP, "imsmd": IMSMD, "xsi": XSI})
    root.set("identifier", manifest_identifier(course, package, lang))
    root.set("version", course.version)
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)

    metadata = el(root, IMSCP, "metadata")
    el(metadata, IMSCP, "schema", "ADL SCORM")
    el(metadata, IMSCP, "schemaversion", SCHEMA_VERSION)
    _lom(metadata, course, lang, title, description, minutes)

    organization_id = f"ORG-{course.id}"
    organizations = el(root, IMSCP, "organizations", default=organization_id)
    organization = el(organizations, IMSCP, "organization", identifier=organization_id, structure="hierarchical")
    el(organization, IMSCP, "title", title)
    for part in parts:
        item = el(
            organization, IMSCP, "item", identifier=f"ITEM-{part.id}", identifierref=f"RES-{part.id}", isvisible="true"
        )
        el(item, IMSCP, "title", part.title[lang])
        if part.mastery_score is not None:
            el(item, ADLCP, "masteryscore", str(part.mastery_score))

    resources(root, site, parts, IMSCP, f"{{{ADLCP}}}scormtype")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
