"""`packager build` end to end on the fixture course: reproducible zips, and a build report that always
describes what is in the output folder."""

from __future__ import annotations

import hashlib
import json
import time
import zipfile

import pytest

from packager.build import build
from packager.compile.archive import timestamp
from packager.formats import FORMATS
from tests.conftest import MINI


def digests(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_two_builds_are_byte_identical(tmp_path, mini_dist):
    second = tmp_path / "again"
    build(MINI, second)
    assert digests(second) == digests(mini_dist)


def test_source_date_epoch_sets_every_timestamp(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1472083200")  # 2016-08-25T00:00:00Z
    build(MINI, tmp_path, languages=("fr",), modules=("m01",))
    with zipfile.ZipFile(tmp_path / "mini_m01_fr_scorm12.zip") as archive:
        stamps = {info.date_time for info in archive.infolist()}
    assert stamps == {time.gmtime(1472083200)[:6]}


def test_zip_entries_are_sorted_fixed_and_without_data_descriptors(mini_dist):
    with zipfile.ZipFile(mini_dist / "mini_course_fr_scorm12.zip") as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert "imsmanifest.xml" in names
    for info in infos:
        assert info.flag_bits & 0x08 == 0, f"{info.filename} has a data descriptor"
        assert info.external_attr >> 16 == 0o100644
        assert info.date_time == timestamp()  # 1980-01-01 unless SOURCE_DATE_EPOCH is set


def report_agrees_with_folder(out):
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    listed = {a["path"]: a for a in report["artifacts"]}
    assert set(listed) == {p.name for p in out.glob("*.zip")}
    for name, entry in listed.items():
        data = (out / name).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["bytes"] == len(data)
        assert name == f"mini_{entry['part']}_{entry['language']}_{entry['format']}.zip"


@pytest.mark.parametrize(
    "restriction",
    [
        {"formats": ("xapi",), "languages": ("fr",)},
        {"modules": ("m02",)},
        {"formats": ("scorm12",), "languages": ("ar",), "modules": ("quiz",)},
    ],
)
def test_the_report_describes_the_folder_after_a_restricted_build(tmp_path, restriction):
    build(MINI, tmp_path)
    built = build(MINI, tmp_path, **restriction)
    assert built.artifacts and not built.removed
    # two languages; a course package per format, and one per part (m01, m02, quiz) for the SCORM formats
    assert len(list(tmp_path.glob("*.zip"))) == 2 * sum(4 if fmt.single_parts else 1 for fmt in FORMATS.values())
    report_agrees_with_folder(tmp_path)


def test_a_full_build_removes_what_the_course_no_longer_makes(tmp_path):
    (tmp_path / "mini_m09_fr_scorm12.zip").write_bytes(b"from a module since removed")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    built = build(MINI, tmp_path)
    assert built.removed == ["mini_m09_fr_scorm12.zip"]
    assert (tmp_path / "notes.txt").exists()
    report_agrees_with_folder(tmp_path)
