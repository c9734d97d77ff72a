"""The manifest builders, on the fixture course: SCORM 1.2 (XSD-valid, the structure Moodle expects),
TinCan launch and cmi5 (valid against the cmi5 XSD, one AU per part, moveOn and masteryScore)."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from packager.check.cmi5 import schema as cmi5_schema
from packager.check.scorm12 import schema
from packager.spec import cmi5 as cmi5_spec
from packager.spec import tincan as tincan_spec
from packager.spec.scorm12 import ADLCP, IMSCP
from tests.conftest import MINI_IRI

NS = {"cp": IMSCP, "adlcp": ADLCP}
MODULES = ["m01", "m02"]


def manifest(path, name="imsmanifest.xml"):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_scorm12_manifest_is_valid_against_the_official_xsds(mini_dist, lang):
    for path in sorted(mini_dist.glob(f"*_{lang}_scorm12.zip")):
        tree = manifest(path)
        assert schema().validate(etree.ElementTree(tree)), (path.name, schema().error_log)


@pytest.mark.parametrize(
    "lang, quiz_title, first_title",
    [
        ("fr", "Quiz final", "Notions de base"),
        ("ar", "الاختبار النهائي", "مفاهيم أساسية"),
    ],
)
def test_whole_course_has_a_sco_per_part_in_order(mini_dist, lang, quiz_title, first_title):
    root = manifest(mini_dist / f"mini_course_{lang}_scorm12.zip")
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    organizations = root.find("cp:organizations", NS)
    assert len(organizations.findall("cp:organization", NS)) == 1
    items = organizations.findall("cp:organization/cp:item", NS)
    assert [i.get("identifierref") for i in items] == [f"RES-{m}" for m in MODULES] + ["RES-quiz"]
    assert items[0].findtext("cp:title", namespaces=NS) == first_title
    assert items[-1].findtext("cp:title", namespaces=NS) == quiz_title
    assert [i.findtext("adlcp:masteryscore", namespaces=NS) for i in items] == [None, None, "80"]
    resources = {r.get("identifier"): r for r in root.iterfind("cp:resources/cp:resource", NS)}
    scos = [r for r in resources.values() if r.get(f"{{{ADLCP}}}scormtype") == "sco"]
    assert len(scos) == 3 and all(r.get("href", "").endswith("/index.html") for r in scos)
    lang_string = root.find(".//{http://www.imsglobal.org/xsd/imsmd_rootv1p2p1}langstring")
    assert lang_string.get("{http://www.w3.org/XML/1998/namespace}lang") == lang


def test_learning_time_in_the_metadata_is_computed_per_language(mini_dist):
    from packager.source import load_course
    from tests.conftest import MINI

    course = load_course(MINI)
    for lang in ("fr", "ar"):
        root = manifest(mini_dist / f"mini_m01_{lang}_scorm12.zip")
        time = root.findtext(
            ".//{http://www.imsglobal.org/xsd/imsmd_rootv1p2p1}typicallearningtime/"
            "{http://www.imsglobal.org/xsd/imsmd_rootv1p2p1}datetime"
        )
        assert time == f"PT{course.modules[0].study_minutes[lang]}M"


def test_single_sco_packages(mini_dist):
    for part in MODULES + ["quiz"]:
        root = manifest(mini_dist / f"mini_{part}_fr_scorm12.zip")
        items = root.findall("cp:organizations/cp:organization/cp:item", NS)
        assert [i.get("identifierref") for i in items] == [f"RES-{part}"]
        assert (items[0].findtext("adlcp:masteryscore", namespaces=NS) == "80") == (part == "quiz")


def test_every_file_is_listed_and_present(mini_dist):
    for path in mini_dist.glob("*_scorm12.zip"):
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
        listed = {f.get("href") for f in manifest(path).iterfind(".//cp:file", NS)}
        assert listed == names - {"imsmanifest.xml"}, path.name


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_cmi5_course_structure(mini_dist, lang):
    root = manifest(mini_dist / f"mini_course_{lang}_cmi5.zip", cmi5_spec.COURSE_STRUCTURE)
    assert cmi5_schema().validate(etree.ElementTree(root)), cmi5_schema().error_log
    ns = {"c": cmi5_spec.NS}
    assert root.find("c:course", ns).get("id") == MINI_IRI
    aus = root.findall("c:au", ns)
    assert [(au.get("id"), au.get("moveOn"), au.get("masteryScore")) for au in aus] == [
        (f"{MINI_IRI}/m01", "Completed", None),
        (f"{MINI_IRI}/m02", "Completed", None),
        (f"{MINI_IRI}/quiz", "Passed", "0.8"),
    ]
    assert [au.findtext("c:url", namespaces=ns) for au in aus] == [
        "m01/index.html",
        "m02/index.html",
        "quiz/index.html",
    ]
    assert {ls.get("lang") for ls in root.iter(f"{{{cmi5_spec.NS}}}langstring")} == {lang}


def test_tincan_launches_the_course_home(mini_dist):
    root = manifest(mini_dist / "mini_course_ar_xapi.zip", tincan_spec.MANIFEST)
    ns = {"t": tincan_spec.NS}
    activities = root.findall("t:activities/t:activity", ns)
    assert [a.get("id") for a in activities] == [MINI_IRI, f"{MINI_IRI}/m01", f"{MINI_IRI}/m02", f"{MINI_IRI}/quiz"]
    assert [a.findtext("t:launch", namespaces=ns) for a in activities] == ["index.html", None, None, None]
    assert activities[-1].get("type") == "http://adlnet.gov/expapi/activities/assessment"
