"""SCORM 2004 4th Edition packages: manifests valid against ADL's XSDs, the course's sequencing as
docs/scorm2004.md states it, the control documents at the root.

The fixture course (two modules and a quiz) drives these tests; one test checks the real course's
whole-course tree (eight modules, then the quiz)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from packager.spec.scorm2004 import ADLCP, ADLNAV, ADLSEQ, IMSCP, IMSSS, SCHEMA_DIR, schema

NS = {"cp": IMSCP, "adlcp": ADLCP, "adlseq": ADLSEQ, "adlnav": ADLNAV, "ss": IMSSS}
MODULES = ["m01", "m02"]


def manifest(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("imsmanifest.xml"))


def packages(dist: Path) -> list[Path]:
    return sorted(dist.glob("*_scorm2004.zip"))


def test_a_whole_course_and_one_package_per_part_for_each_language(mini_dist):
    names = {p.name for p in packages(mini_dist)}
    assert names == {
        f"mini_{part}_{lang}_scorm2004.zip" for part in ["course", *MODULES, "quiz"] for lang in ("fr", "ar")
    }


def test_the_real_course_has_eight_modules_then_the_quiz(dist):
    for lang in ("fr", "ar"):
        root = manifest(dist / f"tip-maroc_course_{lang}_scorm2004.zip")
        cluster, quiz = root.findall("cp:organizations/cp:organization/cp:item", NS)
        assert [i.get("identifier") for i in cluster.findall("cp:item", NS)] == [f"ITEM-m0{n}" for n in range(1, 9)]
        assert quiz.get("identifier") == "ITEM-quiz"
        assert schema().validate(root)


def test_every_manifest_is_valid_against_the_4th_edition_xsds(mini_dist):
    xsd = schema()
    for path in packages(mini_dist):
        root = manifest(path)
        assert xsd.validate(root), (path.name, [e.message for e in xsd.error_log][:3])
        assert root.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "2004 4th Edition"


def test_the_control_documents_are_at_the_root_as_adl_ships_them(mini_dist):
    with zipfile.ZipFile(mini_dist / "mini_course_fr_scorm2004.zip") as archive:
        root = etree.fromstring(archive.read("imsmanifest.xml"))
        locations = root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation").split()[1::2]
        names = set(archive.namelist())
        assert set(locations) <= names
        for name in ("imsss_v1p0seqrule.xsd", "common/elementTypes.xsd", "vocab/strict.xsd", *locations):
            assert archive.read(name) == (SCHEMA_DIR / name).read_bytes(), name


@pytest.mark.parametrize(
    "lang, modules_title, quiz_title", [("fr", "Modules", "Quiz final"), ("ar", "الوحدات", "الاختبار النهائي")]
)
def test_course_tree_modules_cluster_then_quiz(mini_dist, lang, modules_title, quiz_title):
    root = manifest(mini_dist / f"mini_course_{lang}_scorm2004.zip")
    organization = root.find("cp:organizations/cp:organization", NS)
    assert organization.get(f"{{{ADLSEQ}}}objectivesGlobalToSystem") == "false"
    top = organization.findall("cp:item", NS)
    assert [i.get("identifier") for i in top] == ["ITEM-modules", "ITEM-quiz"]
    assert top[0].findtext("cp:title", namespaces=NS) == modules_title
    assert top[1].findtext("cp:title", namespaces=NS) == quiz_title
    assert [i.get("identifierref") for i in top[0].findall("cp:item", NS)] == [f"RES-{m}" for m in MODULES]
    for sequencing in (organization.find("ss:sequencing", NS), top[0].find("ss:sequencing", NS)):
        mode = sequencing.find("ss:controlMode", NS)
        assert (mode.get("choice"), mode.get("flow")) == ("true", "true")


def test_the_quiz_opens_when_every_module_is_completed(mini_dist):
    root = manifest(mini_dist / "mini_course_fr_scorm2004.zip")
    cluster = root.find(".//cp:item[@identifier='ITEM-modules']/ss:sequencing", NS)
    rule = cluster.find("ss:rollupRules/ss:rollupRule", NS)
    assert rule.get("childActivitySet") == "all"
    assert rule.find("ss:rollupConditions/ss:rollupCondition", NS).get("condition") == "completed"
    assert rule.find("ss:rollupAction", NS).get("action") == "satisfied"
    written = cluster.find("ss:objectives/ss:primaryObjective/ss:mapInfo", NS)
    assert written.get("writeSatisfiedStatus") == "true"

    quiz = root.find(".//cp:item[@identifier='ITEM-quiz']/ss:sequencing", NS)
    read = quiz.find("ss:objectives/ss:objective/ss:mapInfo", NS)
    assert read.get("targetObjectiveID") == written.get("targetObjectiveID")
    assert read.get("readSatisfiedStatus") == "true"
    precondition = quiz.find("ss:sequencingRules/ss:preConditionRule", NS)
    assert precondition.find("ss:ruleAction", NS).get("action") == "disabled"
    conditions = precondition.findall("ss:ruleConditions/ss:ruleCondition", NS)
    assert {(c.get("operator"), c.get("condition")) for c in conditions} == {
        ("not", "satisfied"),
        ("not", "objectiveStatusKnown"),
    }
    assert precondition.find("ss:ruleConditions", NS).get("conditionCombination") == "any"


def test_rollup_completion_from_modules_satisfaction_and_score_from_the_quiz(mini_dist):
    root = manifest(mini_dist / "mini_course_fr_scorm2004.zip")
    cluster = root.find(".//cp:item[@identifier='ITEM-modules']/ss:sequencing/ss:rollupRules", NS)
    assert (cluster.get("rollupObjectiveSatisfied"), cluster.get("objectiveMeasureWeight")) == ("false", "0")
    quiz = root.find(".//cp:item[@identifier='ITEM-quiz']/ss:sequencing/ss:rollupRules", NS)
    assert quiz.get("rollupProgressCompletion") == "false"


@pytest.mark.parametrize("package", ["course", "quiz"])
def test_quiz_objective_is_satisfied_by_measure_at_the_pass_mark(mini_dist, package):
    root = manifest(mini_dist / f"mini_{package}_ar_scorm2004.zip")
    primary = root.find(".//cp:item[@identifier='ITEM-quiz']/ss:sequencing/ss:objectives/ss:primaryObjective", NS)
    assert (primary.get("objectiveID"), primary.get("satisfiedByMeasure")) == ("quiz", "true")
    assert primary.findtext("ss:minNormalizedMeasure", namespaces=NS) == "0.8"  # quiz.yaml pass_mark: 80


def test_every_sco_names_its_primary_objective_lets_content_decide_and_hides_lms_flow(mini_dist):
    root = manifest(mini_dist / "mini_course_fr_scorm2004.zip")
    scos = [i for i in root.iter(f"{{{IMSCP}}}item") if i.get("identifierref")]
    assert len(scos) == 3
    for item in scos:
        sequencing = item.find("ss:sequencing", NS)
        assert sequencing.find("ss:objectives/ss:primaryObjective", NS).get("objectiveID") == item.get("identifier")[5:]
        delivery = sequencing.find("ss:deliveryControls", NS)
        assert (delivery.get("completionSetByContent"), delivery.get("objectiveSetByContent")) == ("true", "true")
        hidden = [h.text for h in item.findall("adlnav:presentation/adlnav:navigationInterface/adlnav:hideLMSUI", NS)]
        assert hidden == ["continue", "previous"]


def test_single_part_packages_hold_one_sco_without_the_gate(mini_dist):
    for part in [*MODULES, "quiz"]:
        root = manifest(mini_dist / f"mini_{part}_fr_scorm2004.zip")
        items = list(root.iter(f"{{{IMSCP}}}item"))
        assert [i.get("identifierref") for i in items] == [f"RES-{part}"]
        assert root.find(".//ss:sequencingRules", NS) is None
        assert root.find(".//ss:mapInfo", NS) is None
