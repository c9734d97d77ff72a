"""Broken sources: every problem reported with its file (as the user typed the path) and line, one
problem per mistake (nothing cascades), non-zero exit, no traceback, nothing written."""

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


def problems(output: str) -> list[str]:
    return [line for line in output.splitlines() if line and "problem(s) in the course source" not in line]


def test_bad_yaml_names_file_and_line(run, mini, tmp_path):
    edit(mini / "01-notions" / "module.yaml", "id: m01", "id: [m01")
    output = build_fails(run, mini, tmp_path)
    assert f"{mini}/01-notions/module.yaml:2: invalid YAML" in output


def test_one_typo_gives_one_error(run, mini, tmp_path):
    """A module that cannot be read does not also make every quiz item about it an error."""
    edit(mini / "02-protection" / "module.yaml", "id: m02", "id: [m02")
    output = build_fails(run, mini, tmp_path)
    assert len(problems(output)) == 1, output
    assert f"{mini}/02-protection/module.yaml:2: invalid YAML" in output


def test_paths_are_shown_as_typed(run, mini, tmp_path, monkeypatch):
    monkeypatch.chdir(mini.parent)
    edit(mini / "01-notions" / "module.yaml", "id: m01", "id: [m01")
    output = build_fails(run, Path("mini-course"), tmp_path)
    assert output.startswith("mini-course/01-notions/module.yaml:2: ")


def test_emptied_quiz_file_is_named(run, mini, tmp_path):
    (mini / "quiz" / "quiz.yaml").write_text("", encoding="utf-8")
    output = build_fails(run, mini, tmp_path)
    assert f"{mini}/quiz/quiz.yaml: the file is empty" in output
    assert len(problems(output)) == 1, output


def test_unknown_and_missing_keys(run, mini, tmp_path):
    edit(mini / "02-protection" / "module.yaml", "description:", "descriptio:")
    output = build_fails(run, mini, tmp_path)
    assert f"{mini}/02-protection/module.yaml:5: unknown key 'descriptio'" in output
    assert "missing key 'description'" in output


def test_a_duration_typed_by_hand_is_refused(run, mini, tmp_path):
    (mini / "01-notions" / "module.yaml").write_text(
        (mini / "01-notions" / "module.yaml").read_text(encoding="utf-8") + "duration_minutes: 90\n", encoding="utf-8"
    )
    output = build_fails(run, mini, tmp_path)
    assert f"{mini}/01-notions/module.yaml:13: remove 'duration_minutes': the learning time is computed" in output


def test_module_missing_a_language(run, mini, tmp_path):
    (mini / "02-protection" / "ar.md").unlink()
    output = build_fails(run, mini, tmp_path)
    assert f"{mini}/02-protection/ar.md: missing: the module has no ar text (ar.md)" in output


def test_french_and_arabic_pages_differ(run, mini, tmp_path):
    edit(mini / "01-notions" / "ar.md", "{#moyens}", "{#moyen}")
    output = build_fails(run, mini, tmp_path)
    assert f"{mini}/01-notions/ar.md:" in output
    assert "page 2 is 'moyen' here but 'moyens' in fr.md" in output


def test_page_classes_must_agree_and_be_known(run, mini, tmp_path):
    edit(mini / "01-notions" / "ar.md", "{#cas-pratique .case}", "{#cas-pratique}")
    edit(mini / "02-protection" / "fr.md", "{#orienter}", "{#orienter .annexe}")
    output = build_fails(run, mini, tmp_path)
    assert "page 'cas-pratique' has classes (none) here but .case in fr.md" in output
    assert f"{mini}/02-protection/fr.md:19: unknown page class '.annexe' (expected .case, .job-aid)" in output


def test_french_and_arabic_checks_differ(run, mini, tmp_path):
    edit(mini / "02-protection" / "ar.md", "answer: [a, b, c]", "answer: [a, c, b]")
    output = build_fails(run, mini, tmp_path)
    assert "check 'm02-c2' differs from fr.md: answers differ" in output


def test_missing_check_in_one_language(run, mini, tmp_path):
    path = mini / "02-protection" / "ar.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("```check")], encoding="utf-8")
    output = build_fails(run, mini, tmp_path)
    assert "page 'droits' has different knowledge checks than in fr.md" in output


def test_media_referenced_but_absent(run, mini, tmp_path):
    (mini / "01-notions" / "media" / "elements.fr.svg").unlink()
    output = build_fails(run, mini, tmp_path)
    assert f"{mini}/01-notions/fr.md:6: 'media/elements.fr.svg' is referenced but the file does not exist" in output


def test_media_outside_the_module_is_refused(run, mini, tmp_path):
    edit(mini / "01-notions" / "fr.md", "(media/elements.fr.svg)", "(../../README.md)")
    output = build_fails(run, mini, tmp_path)
    assert "media must be in this module's media/ folder" in output


@pytest.mark.parametrize(
    "svg, message",
    [
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><title>t</title><script>alert(1)</script></svg>',
            "element <script> is not allowed",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><title>t</title></svg>',
            "attribute 'onload' is not allowed",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><title>t</title><foreignObject/></svg>',
            "element <foreignObject> is not allowed",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', "needs a <title>"),
        (
            '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"/>',
            "DOCTYPE",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><title>t</title><line marker-end="url(http://x/#m)"/></svg>',
            "url(#id)",
        ),
    ],
)
def test_unsafe_diagrams_are_refused(run, mini, tmp_path, svg, message):
    (mini / "01-notions" / "media" / "elements.fr.svg").write_text(svg, encoding="utf-8")
    output = build_fails(run, mini, tmp_path)
    assert f"{mini}/01-notions/media/elements.fr.svg" in output and message in output


def test_quiz_item_without_correct_answer(run, mini, tmp_path):
    edit(mini / "quiz" / "bank" / "m01.yaml", "  answer: [a, b]\n", "  answer: []\n")
    output = build_fails(run, mini, tmp_path)
    assert f"{mini}/quiz/bank/m01.yaml:29: answer must be a list of choice ids" in output


def test_quiz_answer_not_among_choices(run, mini, tmp_path):
    edit(mini / "quiz" / "bank" / "m01.yaml", "  answer: a\n", "  answer: d\n")
    output = build_fails(run, mini, tmp_path)
    assert f"{mini}/quiz/bank/m01.yaml:11: answer 'd' is not among the choices (a, b)" in output


def test_quiz_item_level_is_checked(run, mini, tmp_path):
    edit(mini / "quiz" / "bank" / "m01.yaml", "level: application", "level: expert")
    output = build_fails(run, mini, tmp_path)
    assert "'level' must be one of recall, application, not 'expert'" in output


def test_duplicate_ids_across_files(run, mini, tmp_path):
    edit(mini / "quiz" / "bank" / "m02.yaml", "id: q-m02-03", "id: q-m01-01")
    output = build_fails(run, mini, tmp_path)
    assert f"duplicate id 'q-m01-01' (quiz item; already used by quiz item in {mini}/quiz/bank/m01.yaml:1)" in output


def test_duplicate_yaml_key(run, mini, tmp_path):
    edit(mini / "course.yaml", 'version: "1.0"', 'version: "1.0"\nversion: "2.0"')
    output = build_fails(run, mini, tmp_path)
    assert f"{mini}/course.yaml:6: duplicate key 'version'" in output


def test_every_problem_is_reported_not_just_the_first(run, mini, tmp_path):
    edit(mini / "course.yaml", "id: mini", "id: mini course")
    (mini / "02-protection" / "fr.md").unlink()
    edit(mini / "quiz" / "bank" / "m01.yaml", "type: truefalse", "type: vraifaux")
    output = build_fails(run, mini, tmp_path)
    assert f"{mini}/course.yaml:3: 'id' 'mini course' is not a valid id" in output
    assert f"{mini}/02-protection/fr.md: missing" in output
    assert f"{mini}/quiz/bank/m01.yaml:38: 'type' must be one of" in output
    assert "problem(s) in the course source; nothing was built." in output


def test_page_heading_without_id(run, mini, tmp_path):
    edit(mini / "02-protection" / "fr.md", "# Orienter {#orienter}", "# Orienter")
    output = build_fails(run, mini, tmp_path)
    assert f"{mini}/02-protection/fr.md:19: a page heading must end with its id" in output
    assert len(problems(output)) == 1, output


def test_oversized_source_is_refused(run, mini, tmp_path):
    (mini / "02-protection" / "fr.md").write_text("# A {#a}\n" + "x" * (3 * 1024 * 1024), encoding="utf-8")
    output = build_fails(run, mini, tmp_path)
    assert f"{mini}/02-protection/fr.md: file is larger than 2048 KiB" in output


def test_study_time_settings_are_checked(run, mini, tmp_path):
    (mini / "course.yaml").write_text(
        (mini / "course.yaml").read_text(encoding="utf-8")
        + "study_time:\n  words_per_minute: {fr: 0}\n  minutes_per_case: -1\n",
        encoding="utf-8",
    )
    output = build_fails(run, mini, tmp_path)
    assert "'fr' must be a positive number" in output and "'minutes_per_case' must be a positive number" in output


def test_failed_build_leaves_previous_output_untouched(run, mini, tmp_path):
    out = tmp_path / "dist"
    assert run("build", "--source", mini, "--out", out, "--module", "m01", "--lang", "fr").exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    edit(mini / "01-notions" / "fr.md", "Trois éléments", "TROIS éléments")
    edit(mini / "01-notions" / "module.yaml", "id: m01", "id: [m01")
    result = run("build", "--source", mini, "--out", out, "--module", "m01", "--lang", "fr")
    assert result.exit_code == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


@pytest.mark.parametrize(
    "args, message",
    [
        (("--lang", "en"), "--lang en: the course is in fr, ar"),
        (("--module", "m42"), "--module m42: not a module of the course"),
    ],
)
def test_bad_options_are_explained(run, mini, tmp_path, args, message):
    result = run("build", "--source", mini, "--out", tmp_path / "dist", *args)
    assert result.exit_code != 0
    assert message in result.output
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").iterdir())
