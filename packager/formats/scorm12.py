"""SCORM 1.2 format adapter: `imsmanifest.xml` as the SCORM 1.2 Content Aggregation Model describes it.

One organization; one item per part (a module or the quiz), each pointing to a resource of
adlcp:scormtype "sco"; the runtime assets are one "asset" resource the SCOs depend on. The quiz
item carries adlcp:masteryscore so the LMS can compute passed/failed from cmi.core.score.raw.
"""

from __future__ import annotations

from lxml import etree

from packager.compile.site import Part, Site
from packager.source.model import Course
from packager.spec.scorm12 import ADLCP, IMSCP, IMSMD, SCHEMA_LOCATION, SCHEMA_VERSION, XSI

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SHARED_RESOURCE = "RES-shared"


def _el(parent, ns: str, tag: str, text: str | None = None, **attrib) -> etree._Element:
    node = etree.SubElement(parent, f"{{{ns}}}{tag}", {k.replace("__", ":"): v for k, v in attrib.items()})
    if text is not None:
        node.text = text
    return node


def _langstring(parent, tag: str, text: str, lang: str) -> None:
    holder = _el(parent, IMSMD, tag)
    _el(holder, IMSMD, "langstring", text).set(XML_LANG, lang)


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def _lom(parent, course: Course, lang: str, title: str, description: str, minutes: int) -> None:
    lom = _el(parent, IMSMD, "lom")
    general = _el(lom, IMSMD, "general")
    _langstring(general, "title", title, lang)
    _el(general, IMSMD, "language", lang)
    _langstring(general, "description", description, lang)
    for word in course.keywords.get(lang, []):
        _langstring(general, "keyword", word, lang)
    lifecycle = _el(lom, IMSMD, "lifecycle")
    _langstring(lifecycle, "version", course.version, lang)
    educational = _el(lom, IMSMD, "educational")
    _el(_el(educational, IMSMD, "typicallearningtime"), IMSMD, "datetime", _duration(minutes))


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

    metadata = _el(root, IMSCP, "metadata")
    _el(metadata, IMSCP, "schema", "ADL SCORM")
    _el(metadata, IMSCP, "schemaversion", SCHEMA_VERSION)
    _lom(metadata, course, lang, title, description, minutes)

    organization_id = f"ORG-{course.id}"
    organizations = _el(root, IMSCP, "organizations", default=organization_id)
    organization = _el(organizations, IMSCP, "organization", identifier=organization_id, structure="hierarchical")
    _el(organization, IMSCP, "title", title)
    for part in parts:
        item = _el(organization, IMSCP, "item", identifier=f"ITEM-{part.id}", identifierref=f"RES-{part.id}",
                   isvisible="true")
        _el(item, IMSCP, "title", part.title[lang])
        if part.mastery_score is not None:
            _el(item, ADLCP, "masteryscore", str(part.mastery_score))

    resources = _el(root, IMSCP, "resources")
    for part in parts:
        resource = _el(resources, IMSCP, "resource", identifier=f"RES-{part.id}", type="webcontent",
                       href=part.href)
        resource.set(f"{{{ADLCP}}}scormtype", "sco")
        for path in sorted(part.files):
            _el(resource, IMSCP, "file", href=path)
        _el(resource, IMSCP, "dependency", identifierref=SHARED_RESOURCE)
    shared = _el(resources, IMSCP, "resource", identifier=SHARED_RESOURCE, type="webcontent")
    shared.set(f"{{{ADLCP}}}scormtype", "asset")
    for path in sorted(site.shared):
        _el(shared, IMSCP, "file", href=path)

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
