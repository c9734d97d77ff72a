"""The regression corpus (corpus.py): each real-world shape gets the verdict a careful LMS reaches, with
the rule it breaks, as a zip and as an unpacked folder; and no output line repeats a finding."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from packager.check import validate
from tests.check import corpus

CASES = [
    # (name, maker, status, exit code, a message the user must see)
    (
        "scorm12 without schemaversion",
        corpus.scorm12_without_schemaversion,
        "sound with warnings",
        0,
        "metadata/schemaversion is missing",
    ),
    ("scorm 2004 4th", corpus.scorm2004("2004 4th Edition"), "sound", 0, "SCORM 2004 4th Edition"),
    ("scorm 2004 3rd", corpus.scorm2004("2004 3rd Edition"), "sound", 0, "SCORM 2004 3rd Edition"),
    ("aicc", corpus.aicc, "unsupported", 3, "AICC"),
    ("cmi5 sound", corpus.cmi5(), "sound", 0, ""),
    (
        "cmi5 objective not an IRI",
        corpus.cmi5(objective="objective-1"),
        "faulty",
        1,
        "3.0.0.0-1 objective id 'objective-1' must be an absolute IRI",
    ),
    (
        "cmi5 url with launch parameter",
        corpus.cmi5(url="au1/index.html?endpoint=https://lrs.example.org/"),
        "faulty",
        1,
        "8.1.0.0-6 launch URL 'au1/index.html?endpoint=https://lrs.example.org/' already carries endpoint",
    ),
    (
        "cmi5 blocks with one id",
        corpus.cmi5(second_block="https://example.org/course/1/block/1"),
        "faulty",
        1,
        "13.1.2.0-1 block id 'https://example.org/course/1/block/1' is used twice",
    ),
    (
        "cmi5 url with a space",
        corpus.cmi5(url="au1/my page.html"),
        "faulty",
        1,
        "13.1.4.0-2 launch URL 'au1/my page.html' is not a valid URL",
    ),
    ("cmi5 out of schema order", corpus.cmi5(reorder=True), "faulty", 1, "13.2.0.0-1 schema:"),
    ("tincan sound", corpus.tincan(), "sound", 0, ""),
    (
        "tincan launch with parameters",
        corpus.tincan("index.html?actor=%7B%7D&amp;auth=Basic%20x"),
        "faulty",
        1,
        "already carries actor, auth",
    ),
    ("not a package", corpus.not_a_package, "faulty", 1, "this is not a SCORM, xAPI or cmi5 package"),
]


def zipped(folder: Path) -> Path:
    path = folder.with_suffix(".zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(folder).as_posix())
    return path


@pytest.mark.parametrize("name, make, status, code, message", CASES, ids=[c[0] for c in CASES])
def test_verdicts(tmp_path, name, make, status, code, message):
    folder = make(tmp_path / "package")
    for target in (zipped(folder), folder):
        report = validate(target)
        text = "\n".join(report.lines())
        assert (report.status, report.exit_code) == (status, code), text
        assert message in text
        assert "None" not in text


def test_strict_makes_warnings_errors(run, tmp_path):
    package = zipped(corpus.scorm12_without_schemaversion(tmp_path / "package"))
    assert run("validate", package).exit_code == 0
    result = run("validate", "--strict", package)
    assert result.exit_code == 1 and "faulty" in result.output


def test_a_finding_repeated_614_times_is_one_line(run, tmp_path):
    package = zipped(corpus.scorm12_many_unlisted_files(tmp_path / "package"))
    result = run("validate", package)
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == 2, result.output
    assert "file is in the zip but no resource lists it (614 times: shared/assets/image000.png" in result.output
    assert "and 611 more" in result.output
    full = json.loads(run("validate", "--json", package).output)[0]
    assert len(full["findings"]) == 614


def test_output_is_capped_with_a_summary(tmp_path):
    folder = corpus.scorm12_without_schemaversion(tmp_path / "package")
    manifest = folder / "imsmanifest.xml"
    items = "".join(f'<item identifier="i{n}" identifierref="r{n}"><title>t</title></item>' for n in range(60))
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("</organization>", items + "</organization>"), encoding="utf-8"
    )
    lines = validate(folder).lines()
    assert len(lines) <= 42
    assert "more kinds of finding" in lines[-1] and "--json" in lines[-1]


def test_several_packages_exit_with_the_worst(run, tmp_path):
    sound = zipped(corpus.tincan()(tmp_path / "a"))
    unsupported = zipped(corpus.aicc(tmp_path / "b"))
    faulty = zipped(corpus.not_a_package(tmp_path / "c"))
    assert run("validate", sound, unsupported).exit_code == 3
    assert run("validate", sound, unsupported, faulty).exit_code == 1
    assert run("validate", sound, tmp_path / "missing.zip", faulty).exit_code == 2


def test_a_folder_is_checked_as_the_zip_it_would_make(run, tmp_path, mini_dist):
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(next(mini_dist.glob("*_fr_scorm12.zip"))) as archive:
        archive.extractall(folder)
    result = run("validate", folder)
    assert result.exit_code == 0 and ": sound (SCORM 1.2)" in result.output


def test_a_folder_with_a_link_out_of_it_is_refused(tmp_path):
    folder = corpus.tincan()(tmp_path / "package")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", folder / "leak.txt")
    report = validate(folder)
    assert report.status == "unusable" and "symbolic link leaves the package folder" in "\n".join(report.lines())
