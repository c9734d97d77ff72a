"""`packager answer-key`: the trainer's key of the whole bank, in each language and format."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize("lang, right", [("fr", "Bonne réponse :"), ("ar", "الإجابة الصحيحة:")])
def test_markdown_key_lists_every_item_with_its_answer(run, lang, right):
    result = run("answer-key", "--lang", lang)
    assert result.exit_code == 0
    assert result.output.count("\n## q-m") == 64
    assert result.output.count(right) == 64
    assert "&#39;" not in result.output  # Markdown, not HTML-escaped


def test_json_key_carries_ids_choices_answers_feedback(run):
    result = run("answer-key", "--lang", "fr", "--format", "json")
    items = {i["id"]: i for i in json.loads(result.output)["items"]}
    matching = items["q-m07-02"]
    assert matching["answer"] == {"a": "7", "b": "8", "c": "9"}
    assert [t["id"] for t in matching["targets"]] == ["7", "8", "9"]
    assert items["q-m03-02"]["answer"] == ["a", "b", "c", "d"]
    assert items["q-m02-02"]["answer"] == ["18"]
    assert items["q-m01-02"]["answer"] is True
    assert all(i["feedback"] and i["module"] for i in items.values())


def test_html_key_is_rtl_in_arabic_and_escaped(run, course, tmp_path):
    bank = course / "quiz" / "bank" / "m01.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("ar: فعل ووسيلة وغرض الاستغلال", "ar: <b>فعل</b>"), encoding="utf-8")
    out = tmp_path / "key.html"
    assert run("answer-key", "--lang", "ar", "--format", "html", "--source", course, "--out", out).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    assert "&lt;b&gt;فعل&lt;/b&gt;" in html


def test_unknown_language_is_refused(run):
    result = run("answer-key", "--lang", "en")
    assert result.exit_code == 1
    assert "--lang en: the course is in fr, ar" in result.output
