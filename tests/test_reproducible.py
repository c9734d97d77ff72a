"""Two builds of the same sources are byte-identical; zips carry no build-time noise."""

from __future__ import annotations

import time
import zipfile

from packager.compile.archive import timestamp
from packager.build import build
from tests.conftest import MODULES


def digests(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_two_builds_are_byte_identical(tmp_path, dist):
    second = tmp_path / "again"
    build(MODULES, second)
    assert digests(second) == digests(dist)


def test_source_date_epoch_sets_every_timestamp(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1472083200")  # 2016-08-25T00:00:00Z
    build(MODULES, tmp_path, languages=("fr",), modules=("m01",))
    with zipfile.ZipFile(tmp_path / "tip-maroc_m01_fr_scorm12.zip") as archive:
        stamps = {info.date_time for info in archive.infolist()}
    assert stamps == {time.gmtime(1472083200)[:6]}


def test_zip_entries_are_sorted_fixed_and_without_data_descriptors(dist):
    with zipfile.ZipFile(dist / "tip-maroc_course_fr_scorm12.zip") as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert "imsmanifest.xml" in names
    for info in infos:
        assert info.flag_bits & 0x08 == 0, f"{info.filename} has a data descriptor"
        assert info.external_attr >> 16 == 0o100644
        assert info.date_time == timestamp()  # 1980-01-01 unless SOURCE_DATE_EPOCH is set
