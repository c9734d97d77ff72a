"""`packager validate` on a zoo of sound, faulty and hostile zips generated here (the regression corpus of
real-world shapes is corpus.py / test_corpus.py)."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path

import pytest

from packager.check import validate

GOOD_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="M1" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="ORG">
    <organization identifier="ORG">
      <title>Course</title>
      <item identifier="I1" identifierref="R1"><title>One</title>{item_extra}</item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="R1" type="webcontent" adlcp:scormtype="{scormtype}" href="{href}">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>
"""


def make_zip(path: Path, files: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def manifest(**overrides) -> str:
    values = {"item_extra": "", "scormtype": "sco", "href": "index.html"} | overrides
    return GOOD_MANIFEST.format(**values)


def package(tmp_path: Path, text: str, extra: dict | None = None) -> Path:
    return make_zip(tmp_path / "p.zip", {"imsmanifest.xml": text, "index.html": "<p>hi</p>", **(extra or {})})


def messages(report) -> str:
    return "\n".join(str(f) for f in report.findings)


def test_our_packages_are_sound(mini_dist):
    for path in mini_dist.glob("*.zip"):
        report = validate(path)
        assert report.status == "sound" and not report.findings, messages(report)


def test_a_minimal_foreign_package_is_sound(tmp_path):
    report = validate(package(tmp_path, manifest()))
    assert report.status == "sound", messages(report)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            manifest().replace("<schemaversion>1.2</schemaversion>", "<schemaversion>1.3</schemaversion>"),
            "metadata/schemaversion is '1.3', expected '1.2'",
        ),
        (
            manifest()
            .replace('identifier="R1"', 'identifier="I1"')
            .replace('identifierref="R1"', 'identifierref="I1"'),
            "identifier 'I1' is used twice",
        ),
        (
            manifest().replace('identifierref="R1"', 'identifierref="R9"'),
            "refers to resource 'R9', which does not exist",
        ),
        (manifest(href="launch.html"), "href 'launch.html' names a file that is not in the zip"),
        (
            manifest(item_extra="<adlcp:masteryscore>150</adlcp:masteryscore>"),
            "masteryscore '150' must be a number from 0 to 100",
        ),
        (manifest(scormtype="lesson"), "adlcp:scormtype is 'lesson', expected 'sco' or 'asset'"),
        (
            manifest(item_extra="<adlcp:timelimitaction>stop</adlcp:timelimitaction>"),
            "timelimitaction 'stop' must be one of",
        ),
        (manifest().replace('identifier="I1"', 'identifier="1st"'), "identifier '1st' is not a valid XML ID"),
        (manifest().replace("<title>Course</title>", "<titel>Course</titel>"), "schema:"),
        (manifest().replace("</organizations>", ""), "not well-formed XML"),
    ],
)
def test_faults_are_reported(tmp_path, text, expected):
    report = validate(package(tmp_path, text))
    assert report.status == "faulty", messages(report)
    assert report.exit_code == 1
    assert expected in messages(report)


def test_faults_carry_the_manifest_line(tmp_path):
    report = validate(package(tmp_path, manifest(href="launch.html")))
    assert any(f.where == "imsmanifest.xml:12" for f in report.findings), messages(report)


def test_unlisted_file_is_a_warning(tmp_path):
    report = validate(package(tmp_path, manifest(), {"stray.txt": "x"}))
    assert report.status == "sound with warnings" and report.exit_code == 0
    assert "warning: stray.txt: file is in the zip but no resource lists it" in messages(report)


def test_manifest_not_at_root(tmp_path):
    path = make_zip(tmp_path / "p.zip", {"course/imsmanifest.xml": manifest(), "course/index.html": "x"})
    report = validate(path)
    assert report.exit_code == 1
    assert "found course/imsmanifest.xml" in messages(report)


@pytest.mark.parametrize("name", ["../evil.html", "a/../../evil.html", "/etc/passwd", "C:/evil.html", "..\\evil.html"])
def test_path_traversal_is_refused(tmp_path, name):
    report = validate(package(tmp_path, manifest(), {name: "x"}))
    assert report.status == "unusable" and report.exit_code == 2
    assert "refused, nothing extracted" in messages(report)


def test_xxe_is_refused_without_reading_the_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    text = manifest().replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<?xml version="1.0"?>\n<!DOCTYPE m [<!ENTITY x SYSTEM "file://{secret}">]>',
    )
    text = text.replace("<title>Course</title>", "<title>&x;</title>")
    report = validate(package(tmp_path, text))
    assert report.exit_code == 2
    assert "DOCTYPE" in messages(report) and "TOP-SECRET" not in messages(report)


def test_billion_laughs_is_refused(tmp_path):
    entities = '<!ENTITY l0 "ha">' + "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    text = manifest().replace(
        '<?xml version="1.0" encoding="UTF-8"?>', f'<?xml version="1.0"?>\n<!DOCTYPE m [{entities}]>'
    )
    text = text.replace("<title>Course</title>", "<title>&l9;</title>")
    report = validate(package(tmp_path, text))
    assert report.exit_code == 2


def test_declared_size_bomb_is_refused_before_reading(tmp_path):
    """An entry whose central directory claims ~4 GiB: refused from the directory alone."""
    path = package(tmp_path, manifest(), {"big.bin": b"0" * 100})
    data = bytearray(path.read_bytes())
    central = data.rfind(b"PK\x01\x02")  # big.bin is the last entry of the central directory
    struct.pack_into("<I", data, central + 24, 0xFFFFFF00)
    path.write_bytes(bytes(data))
    report = validate(path)
    assert report.exit_code == 2
    assert "over the limit of 524288000 (zip bomb?)" in messages(report)


def test_high_ratio_entry_is_refused(tmp_path):
    report = validate(package(tmp_path, manifest(), {"zeros.bin": b"\0" * (11 * 1024 * 1024)}))
    assert report.exit_code == 2
    assert "beyond 100:1 (zip bomb?)" in messages(report)


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04truncated"])
def test_not_a_zip_is_unusable(tmp_path, content):
    path = tmp_path / "p.zip"
    path.write_bytes(content)
    report = validate(path)
    assert report.exit_code == 2
    assert "not a zip file" in messages(report) or "cannot be read" in messages(report)


def test_cli_exit_codes_and_json(run, tmp_path, mini_dist):
    sound = next(mini_dist.glob("*_fr_scorm12.zip"))
    faulty = package(tmp_path, manifest(href="nope.html"))
    junk = tmp_path / "junk.zip"
    junk.write_text("junk")
    assert run("validate", sound).exit_code == 0
    assert run("validate", sound, faulty).exit_code == 1
    result = run("validate", "--json", sound, faulty, junk)
    assert result.exit_code == 2
    reports = json.loads(result.output)
    assert [r["status"] for r in reports] == ["sound", "faulty", "unusable"]
    assert "Traceback" not in result.output


def test_cli_total_limit_option(run, tmp_path):
    path = package(tmp_path, manifest(), {"data.bin": io.BytesIO(b"x" * (2 << 20)).getvalue()})
    result = run("validate", "--max-total-mib", "1", path)
    assert result.exit_code == 2
    assert "zip bomb?" in result.output
