"""`packager answer-key`: the trainer's key of the whole bank, in each language and format (fixture course)."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize("lang, right", [("fr", "Bonne réponse :"), ("ar", "الإجابة الصحيحة:")])
def test_markdown_key_lists_every_item_with_its_answer(run, mini, lang, right):
    result = run("answer-key", "--lang", lang, "--source", mini)
    assert result.exit_code == 0
    assert result.output.count("\n## q-m") == 6
    assert result.output.count(right) == 6
    assert "&#39;" not in result.output  # Markdown, not HTML-escaped


def test_json_key_carries_ids_choices_answers_feedback(run, mini):
    result = run("answer-key", "--lang", "ar", "--format", "json", "--source", mini)
    items = {i["id"]: i for i in json.loads(result.output)["items"]}
    matching = items["q-m02-01"]
    assert matching["answer"] == {"a": "1", "b": "2"}
    assert [t["id"] for t in matching["targets"]] == ["1", "2"]
    assert items["q-m02-02"]["answer"] == ["a", "b", "c"]
    assert items["q-m02-03"]["answer"] == ["النيابة"]
    assert items["q-m01-03"]["answer"] is False
    assert all(i["feedback"] and i["module"] for i in items.values())


def test_html_key_is_rtl_in_arabic_and_escaped(run, mini, tmp_path):
    bank = mini / "quiz" / "bank" / "m01.yaml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("ar: الاتجار بالبشر}", "ar: <b>الاتجار</b>}"), encoding="utf-8"
    )
    out = tmp_path / "key.html"
    assert run("answer-key", "--lang", "ar", "--format", "html", "--source", mini, "--out", out).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    assert "&lt;b&gt;الاتجار&lt;/b&gt;" in html


def test_unknown_language_is_refused(run, mini):
    result = run("answer-key", "--lang", "en", "--source", mini)
    assert result.exit_code == 1
    assert "--lang en: the course is in fr, ar" in result.output
