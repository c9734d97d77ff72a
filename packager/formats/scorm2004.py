"""SCORM 2004 4th Edition format adapter: `imsmanifest.xml` with IMS Simple Sequencing, and the
control documents (XSDs) at the package root, as the 4th Edition requires.

The whole-course package states the course's rules (docs/scorm2004.md explains each choice):
modules in any order (choice) or in order (flow) inside a "Modules" cluster; the quiz disabled until
every module is completed (the cluster's rollup writes a global objective the quiz reads); the course
completed when the modules are, satisfied when the quiz is, scored by the quiz. A single-part
package is that part's SCO alone, with its own objective and delivery controls.
"""

from __future__ import annotations

from lxml import etree

from packager.compile.render import strings
from packager.compile.site import Part, Site
from packager.formats.content_package import duration, el, resources
from packager.source.model import Course
from packager.spec.scorm2004 import ADLCP, ADLNAV, ADLSEQ, IMSCP, IMSSS, LOM, SCHEMA_LOCATION, SCHEMA_VERSION, XSI

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NSMAP = {None: IMSCP, "adlcp": ADLCP, "adlseq": ADLSEQ, "adlnav": ADLNAV, "imsss": IMSSS, "lom": LOM, "xsi": XSI}
CLUSTER = "ITEM-modules"
GATE = "modules-completed"  # the cluster's primary objective, read by the quiz
HIDDEN_LMS_CONTROLS = ("continue", "previous")  # the SCO's own controls replace them


def _lom_string(parent, tag: str, text: str, lang: str) -> None:
    el(el(parent, LOM, tag), LOM, "string", text, language=lang)


def _lom(parent, course: Course, lang: str, *, title: str, description: str, minutes: int) -> None:
    lom = el(parent, LOM, "lom")
    general = el(lom, LOM, "general")
    _lom_string(general, "title", title, lang)
    el(general, LOM, "language", lang)
    _lom_string(general, "description", description, lang)
    for word in course.keywords.get(lang, []):
        _lom_string(general, "keyword", word, lang)
    _lom_string(el(lom, LOM, "lifeCycle"), "version", course.version, lang)
    el(el(el(lom, LOM, "educational"), LOM, "typicalLearningTime"), LOM, "duration", duration(minutes))


def gate_objective(course: Course) -> str:
    """The global objective the modules cluster writes and the quiz reads (scoped to the package's
    registration by objectivesGlobalToSystem="false")."""
    return f"{course.iri}/scorm2004/{GATE}"


def _objectives(sequencing, part: Part, gate: str | None) -> None:
    objectives = el(sequencing, IMSSS, "objectives")
    if part.mastery_score is None:
        el(objectives, IMSSS, "primaryObjective", objectiveID=part.id)
    else:
        primary = el(objectives, IMSSS, "primaryObjective", objectiveID=part.id, satisfiedByMeasure="true")
        el(primary, IMSSS, "minNormalizedMeasure", f"{part.mastery_score / 100:g}")
    if gate:
        el(
            el(objectives, IMSSS, "objective", objectiveID=GATE),
            IMSSS,
            "mapInfo",
            targetObjectiveID=gate,
            readSatisfiedStatus="true",
        )


def _gate_rule(sequencing) -> None:
    """Disabled while the modules-completed objective is unknown or not satisfied."""
    rule = el(el(sequencing, IMSSS, "sequencingRules"), IMSSS, "preConditionRule")
    conditions = el(rule, IMSSS, "ruleConditions", conditionCombination="any")
    for condition in ("satisfied", "objectiveStatusKnown"):
        el(conditions, IMSSS, "ruleCondition", referencedObjective=GATE, operator="not", condition=condition)
    el(rule, IMSSS, "ruleAction", action="disabled")


def _sco_item(parent, part: Part, lang: str, gate: str | None) -> None:
    item = el(parent, IMSCP, "item", identifier=f"ITEM-{part.id}", identifierref=f"RES-{part.id}")
    el(item, IMSCP, "title", part.title[lang])
    sequencing = el(item, IMSSS, "sequencing")
    if gate:
        _gate_rule(sequencing)
        el(sequencing, IMSSS, "rollupRules", rollupProgressCompletion="false")
    _objectives(sequencing, part, gate)
    el(sequencing, IMSSS, "deliveryControls", completionSetByContent="true", objectiveSetByContent="true")
    interface = el(el(item, ADLNAV, "presentation"), ADLNAV, "navigationInterface")
    for control in HIDDEN_LMS_CONTROLS:
        el(interface, ADLNAV, "hideLMSUI", control)


def _cluster(organization, modules: list[Part], lang: str, gate: str) -> None:
    """The modules, in order, under one item whose rollup opens the quiz when all are completed."""
    cluster = el(organization, IMSCP, "item", identifier=CLUSTER)
    el(cluster, IMSCP, "title", strings()[lang]["modules"])
    for part in modules:
        _sco_item(cluster, part, lang, None)
    sequencing = el(cluster, IMSSS, "sequencing")
    el(sequencing, IMSSS, "controlMode", choice="true", flow="true")
    # Not part of the course's satisfaction or score: its objective is the gate, not a result.
    rollup = el(sequencing, IMSSS, "rollupRules", rollupObjectiveSatisfied="false", objectiveMeasureWeight="0")
    rule = el(rollup, IMSSS, "rollupRule", childActivitySet="all")
    el(el(rule, IMSSS, "rollupConditions"), IMSSS, "rollupCondition", condition="completed")
    el(rule, IMSSS, "rollupAction", action="satisfied")
    primary = el(el(sequencing, IMSSS, "objectives"), IMSSS, "primaryObjective", objectiveID=GATE)
    el(primary, IMSSS, "mapInfo", targetObjectiveID=gate, readSatisfiedStatus="false", writeSatisfiedStatus="true")


def _organization(root, course: Course, parts: list[Part], lang: str, title: str) -> None:
    organization_id = f"ORG-{course.id}"
    organizations = el(root, IMSCP, "organizations", default=organization_id)
    organization = el(organizations, IMSCP, "organization", identifier=organization_id)
    organization.set(f"{{{ADLSEQ}}}objectivesGlobalToSystem", "false")
    el(organization, IMSCP, "title", title)
    modules = [p for p in parts if p.kind == "module"]
    quizzes = [p for p in parts if p.kind == "quiz"]
    if modules and quizzes:
        gate = gate_objective(course)
        _cluster(organization, modules, lang, gate)
        for quiz in quizzes:
            _sco_item(organization, quiz, lang, gate)
    else:
        for part in parts:
            _sco_item(organization, part, lang, None)
    el(el(organization, IMSSS, "sequencing"), IMSSS, "controlMode", choice="true", flow="true")


def manifest(course: Course, site: Site, parts: list[Part], package: str) -> bytes:
    """The imsmanifest.xml of a package holding `parts` of `site` (one language)."""
    lang = site.language
    single = len(parts) == 1
    title = parts[0].title[lang] if single else course.title[lang]
    description = parts[0].description[lang] if single else course.description[lang]

    root = etree.Element(f"{{{IMSCP}}}manifest", nsmap=NSMAP)
    root.set("identifier", f"MANIFEST-{course.id}-{package}-{lang}")
    root.set("version", course.version)
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    metadata = el(root, IMSCP, "metadata")
    el(metadata, IMSCP, "schema", "ADL SCORM")
    el(metadata, IMSCP, "schemaversion", SCHEMA_VERSION)
    _lom(metadata, course, lang, title=title, description=description, minutes=sum(p.duration_minutes for p in parts))
    _organization(root, course, parts, lang, title)
    resources(root, site, parts, IMSCP, f"{{{ADLCP}}}scormType")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
