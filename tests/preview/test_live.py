"""The preview's in-memory build: only the parts whose sources changed are rendered again, a source error
keeps the last good build, and what an LMS reads from each manifest."""

from __future__ import annotations

from packager.preview.launch import activities
from packager.preview.live import LiveCourse


def test_an_edit_re_renders_only_the_part_it_touches(mini):
    live = LiveCourse(mini)
    quiz_before = live.files("fr", "scorm12")["quiz/index.html"]
    page = mini / "01-notions" / "fr.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Salma, 19 ans", "Salma, 20 ans"), encoding="utf-8")
    result = live.rebuild({page})
    assert result.ok and result.changed == {"fr": ["m01"]}, result.changed
    assert "Salma, 20 ans" in live.files("fr", "scorm12")["m01/index.html"].decode()
    assert live.files("fr", "scorm12")["quiz/index.html"] == quiz_before
    bank = mini / "quiz" / "bank" / "m02.yaml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("module: m02", "module: m02\n  # edited", 1), encoding="utf-8"
    )
    assert live.rebuild({bank}).changed == {}, "a comment changes no page"
    yaml = mini / "02-protection" / "module.yaml"
    yaml.write_text(
        yaml.read_text(encoding="utf-8").replace("fr: Protéger", "fr: Protéger les victimes"), encoding="utf-8"
    )
    assert live.rebuild({yaml}).changed == {"fr": ["m02"]}


def test_a_source_error_keeps_the_last_good_build(mini):
    live = LiveCourse(mini)
    good = live.files("ar", "xapi")
    yaml = mini / "01-notions" / "module.yaml"
    yaml.write_text("id: m01\ntitle: [\n", encoding="utf-8")
    result = live.rebuild({yaml})
    assert not result.ok
    assert any(p.file.endswith("01-notions/module.yaml") and p.line for p in result.problems)
    assert live.problems == result.problems and live.files("ar", "xapi") == good


def test_what_an_lms_reads_from_each_manifest(mini):
    live = LiveCourse(mini)
    scos = activities("scorm12", live.files("fr", "scorm12"))
    assert [(a.id, a.href, a.mastery) for a in scos] == [
        ("m01", "m01/index.html", None),
        ("m02", "m02/index.html", None),
        ("quiz", "quiz/index.html", 0.8),
    ]
    aus = activities("cmi5", live.files("ar", "cmi5"))
    assert [(a.id, a.move_on, a.mastery) for a in aus] == [
        ("m01", "Completed", None),
        ("m02", "Completed", None),
        ("quiz", "Passed", 0.8),
    ]
    assert aus[0].iri == "https://elearning.example.org/courses/mini/m01"
    assert [a.href for a in activities("xapi", live.files("fr", "xapi"))] == ["index.html"]
