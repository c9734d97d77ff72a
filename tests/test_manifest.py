"""The SCORM 1.2 packages: XSD-valid manifests with the structure Moodle expects."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest
from lxml import etree

from packager.spec.scorm12 import ADLCP, IMSCP
from packager.check.scorm12 import schema

NS = {"cp": IMSCP, "adlcp": ADLCP}
MODULES = [f"m0{i}" for i in range(1, 9)]


def manifest(path):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("imsmanifest.xml"))


def test_every_package_is_listed_in_the_report(dist):
    report = json.loads((dist / "build-report.json").read_text(encoding="utf-8"))
    artifacts = report["artifacts"]
    formats = [a["format"] for a in artifacts]
    assert (formats.count("scorm12"), formats.count("xapi"), formats.count("cmi5")) == (20, 2, 2)
    assert sorted(p.name for p in dist.glob("*.zip")) == sorted(a["path"] for a in artifacts)
    for artifact in artifacts:
        data = (dist / artifact["path"]).read_bytes()
        assert artifact["bytes"] == len(data)
        assert artifact["sha256"] == hashlib.sha256(data).hexdigest()
        assert artifact["language"] in ("fr", "ar")
        assert artifact["sco_count"] == (9 if artifact["part"] == "course" else 1)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_manifest_is_valid_against_the_official_xsds(dist, lang):
    for path in sorted(dist.glob(f"*_{lang}_scorm12.zip")):
        tree = manifest(path)
        assert schema().validate(etree.ElementTree(tree)), (path.name, schema().error_log)


@pytest.mark.parametrize("lang, quiz_title, first_title", [
    ("fr", "Quiz final", "Comprendre la traite des êtres humains"),
    ("ar", "الاختبار النهائي", "فهم ظاهرة الاتجار بالبشر"),
])
def test_whole_course_has_nine_scos_in_order(dist, lang, quiz_title, first_title):
    root = manifest(dist / f"tip-maroc_course_{lang}_scorm12.zip")
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    organizations = root.find("cp:organizations", NS)
    assert len(organizations.findall("cp:organization", NS)) == 1
    items = organizations.findall("cp:organization/cp:item", NS)
    assert [i.get("identifierref") for i in items] == [f"RES-{m}" for m in MODULES] + ["RES-quiz"]
    assert items[0].findtext("cp:title", namespaces=NS) == first_title
    assert items[-1].findtext("cp:title", namespaces=NS) == quiz_title
    mastery = [i.findtext("adlcp:masteryscore", namespaces=NS) for i in items]
    assert mastery == [None] * 8 + ["80"]
    resources = {r.get("identifier"): r for r in root.iterfind("cp:resources/cp:resource", NS)}
    scos = [r for r in resources.values() if r.get(f"{{{ADLCP}}}scormtype") == "sco"]
    assert len(scos) == 9
    assert all(r.get("href", "").endswith("/index.html") for r in scos)
    lang_string = root.find(".//{http://www.imsglobal.org/xsd/imsmd_rootv1p2p1}langstring")
    assert lang_string.get("{http://www.w3.org/XML/1998/namespace}lang") == lang


def test_single_sco_packages(dist):
    for part in MODULES + ["quiz"]:
        root = manifest(dist / f"tip-maroc_{part}_fr_scorm12.zip")
        items = root.findall("cp:organizations/cp:organization/cp:item", NS)
        assert [i.get("identifierref") for i in items] == [f"RES-{part}"]
        assert (items[0].findtext("adlcp:masteryscore", namespaces=NS) == "80") == (part == "quiz")


def test_every_file_is_listed_and_present(dist):
    for path in dist.glob("*_scorm12.zip"):
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
        root = manifest(path)
        listed = {f.get("href") for f in root.iterfind(".//cp:file", NS)}
        assert listed == names - {"imsmanifest.xml"}, path.name


def test_pages_are_rendered_in_their_language(dist):
    with zipfile.ZipFile(dist / "tip-maroc_course_ar_scorm12.zip") as archive:
        page = archive.read("m01/index.html").decode("utf-8")
    assert '<html lang="ar" dir="rtl">' in page
    assert "القانون رقم 27.14" in page
    with zipfile.ZipFile(dist / "tip-maroc_course_fr_scorm12.zip") as archive:
        page = archive.read("m01/index.html").decode("utf-8")
    assert '<html lang="fr" dir="ltr">' in page
    assert 'data-nav="next"' in page and 'data-nav="prev"' in page


def test_raw_html_in_sources_is_escaped(course, tmp_path, run):
    path = course / "01-comprendre-la-traite" / "fr.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "La définition réunit", '<script>alert("x")</script> <img src=x onerror=alert(1)> [lien](javascript:alert(1)) La définition réunit'),
        encoding="utf-8")
    out = tmp_path / "dist"
    assert run("build", "--source", course, "--out", out, "--module", "m01", "--lang", "fr").exit_code == 0
    with zipfile.ZipFile(out / "tip-maroc_m01_fr_scorm12.zip") as archive:
        page = archive.read("m01/index.html").decode("utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<img src=x" not in page
    assert 'href="javascript:' not in page
