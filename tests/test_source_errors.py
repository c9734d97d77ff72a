"""Broken sources: every problem reported with file and line, non-zero exit, no traceback, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build_fails(run, course: Path, tmp_path: Path) -> str:
    out = tmp_path / "dist"
    result = run("build", "--source", course, "--out", out)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), "a traceback escaped"
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir()), "a failed build wrote to the output folder"
    return result.output


def test_bad_yaml_names_file_and_line(run, course, tmp_path):
    edit(course / "01-comprendre-la-traite" / "module.yaml", "duration_minutes: 90", "duration_minutes: [90")
    output = build_fails(run, course, tmp_path)
    assert "modules/01-comprendre-la-traite/module.yaml:" in output
    assert "invalid YAML" in output


def test_unknown_and_missing_keys(run, course, tmp_path):
    edit(course / "02-cadre-international" / "module.yaml", "duration_minutes: 90", "duration: 90")
    output = build_fails(run, course, tmp_path)
    assert "modules/02-cadre-international/module.yaml:15: unknown key 'duration'" in output
    assert "missing key 'duration_minutes'" in output


def test_module_missing_a_language(run, course, tmp_path):
    (course / "03-cadre-national" / "ar.md").unlink()
    output = build_fails(run, course, tmp_path)
    assert "modules/03-cadre-national/ar.md: missing: the module has no ar text (ar.md)" in output


def test_french_and_arabic_pages_differ(run, course, tmp_path):
    edit(course / "05-identifier-les-victimes" / "ar.md", "{#premier-contact}", "{#premier-accueil}")
    output = build_fails(run, course, tmp_path)
    assert "modules/05-identifier-les-victimes/ar.md:" in output
    assert "page 2 is 'premier-accueil' here but 'premier-contact' in fr.md" in output


def test_french_and_arabic_checks_differ(run, course, tmp_path):
    edit(course / "04-formes-exploitation" / "ar.md", "answer: [a, b, c]", "answer: [a, b]")
    output = build_fails(run, course, tmp_path)
    assert "check 'm04-c1' differs from fr.md: answers differ" in output


def test_missing_check_in_one_language(run, course, tmp_path):
    path = course / "07-enqueter-et-poursuivre" / "ar.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("```check")], encoding="utf-8")
    output = build_fails(run, course, tmp_path)
    assert "page 'denoncer' has different knowledge checks than in fr.md" in output


def test_media_referenced_but_absent(run, course, tmp_path):
    (course / "01-comprendre-la-traite" / "media" / "elements.svg").unlink()
    output = build_fails(run, course, tmp_path)
    assert "modules/01-comprendre-la-traite/fr.md:18: 'media/elements.svg' is referenced but the file does not exist" in output
    assert "modules/01-comprendre-la-traite/ar.md:15: 'media/elements.svg'" in output


def test_media_outside_the_module_is_refused(run, course, tmp_path):
    edit(course / "01-comprendre-la-traite" / "fr.md", "(media/elements.svg)", "(../../README.md)")
    output = build_fails(run, course, tmp_path)
    assert "media must be in this module's media/ folder" in output


def test_quiz_item_without_correct_answer(run, course, tmp_path):
    edit(course / "quiz" / "bank" / "m04.yaml", "  answer: [a, b, c]\n", "  answer: []\n")
    output = build_fails(run, course, tmp_path)
    assert "modules/quiz/bank/m04.yaml:20: answer must be a list of choice ids" in output


def test_quiz_answer_not_among_choices(run, course, tmp_path):
    edit(course / "quiz" / "bank" / "m07.yaml", "  answer: a\n", "  answer: d\n")
    output = build_fails(run, course, tmp_path)
    assert "modules/quiz/bank/m07.yaml:17: answer 'd' is not among the choices (a, b, c)" in output


def test_duplicate_ids_across_files(run, course, tmp_path):
    edit(course / "quiz" / "bank" / "m08.yaml", "id: q-m08-03", "id: q-m01-01")
    output = build_fails(run, course, tmp_path)
    assert "modules/quiz/bank/m08.yaml:" in output
    assert "duplicate id 'q-m01-01' (quiz item; already used by quiz item in modules/quiz/bank/m01.yaml:2)" in output


def test_duplicate_yaml_key(run, course, tmp_path):
    edit(course / "course.yaml", "version: \"1.0\"", "version: \"1.0\"\nversion: \"2.0\"")
    output = build_fails(run, course, tmp_path)
    assert "modules/course.yaml:5: duplicate key 'version'" in output


def test_every_problem_is_reported_not_just_the_first(run, course, tmp_path):
    edit(course / "course.yaml", "id: tip-maroc", "id: tip maroc")
    (course / "06-proteger-les-victimes" / "fr.md").unlink()
    edit(course / "quiz" / "bank" / "m02.yaml", "type: truefalse", "type: vraifaux")
    output = build_fails(run, course, tmp_path)
    assert "modules/course.yaml:2: 'id' 'tip maroc' is not a valid id" in output
    assert "modules/06-proteger-les-victimes/fr.md: missing" in output
    assert "modules/quiz/bank/m02.yaml:41: 'type' must be one of" in output
    assert "problem(s) in the course source; nothing was built." in output


def test_page_heading_without_id(run, course, tmp_path):
    edit(course / "08-prevenir-et-coordonner" / "fr.md", "# Les missions de la Commission {#missions}",
         "# Les missions de la Commission")
    output = build_fails(run, course, tmp_path)
    assert "modules/08-prevenir-et-coordonner/fr.md:1: a page heading must end with its id" in output


def test_oversized_source_is_refused(run, course, tmp_path):
    (course / "02-cadre-international" / "fr.md").write_text("# A {#a}\n" + "x" * (3 * 1024 * 1024), encoding="utf-8")
    output = build_fails(run, course, tmp_path)
    assert "modules/02-cadre-international/fr.md: file is larger than 2048 KiB" in output


def test_failed_build_leaves_previous_output_untouched(run, course, tmp_path):
    out = tmp_path / "dist"
    assert run("build", "--source", course, "--out", out, "--module", "m01", "--lang", "fr").exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    edit(course / "01-comprendre-la-traite" / "fr.md", "Qu'est-ce que la traite", "Qu'est-ce que LA traite")
    edit(course / "01-comprendre-la-traite" / "module.yaml", "id: m01", "id: [m01")
    result = run("build", "--source", course, "--out", out, "--module", "m01", "--lang", "fr")
    assert result.exit_code == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


@pytest.mark.parametrize("args, message", [
    (("--lang", "en"), "--lang en: the course is in fr, ar"),
    (("--module", "m42"), "--module m42: not a module of the course"),
])
def test_bad_options_are_explained(run, tmp_path, args, message):
    result = run("build", "--out", tmp_path / "dist", *args)
    assert result.exit_code != 0
    assert message in result.output
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").iterdir())
