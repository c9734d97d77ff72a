"""The course content meets the bar of the content issue: eight full modules in French and Arabic
with the same structure, twelve hours, and a final quiz bank of at least 64 items of every type."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from packager.source.model import ITEM_TYPES, Markdown
from packager.source import load_course
from tests.conftest import MODULES

WORD = {"fr": re.compile(r"[A-Za-zÀ-ÿ0-9]+(?:['’-][A-Za-zÀ-ÿ0-9]+)*"), "ar": re.compile(r"[\u0600-\u06FF]+")}
MINIMUM_WORDS = {"fr": 2000, "ar": 1500}
CITED = {"fr": "**Textes cités**", "ar": "**النصوص المستشهد بها**"}
FICTIONAL = {"fr": "fictif", "ar": "متخيلة"}


@pytest.fixture(scope="module")
def course():
    return load_course(MODULES)


def learner_words(module, lang: str) -> int:
    """Words the learner reads in `lang`: page titles and text, and the knowledge checks' prompts,
    choices, feedback and references (no YAML keys, no markup)."""
    parts = []
    for page in module.pages:
        parts.append(page.title[lang])
        for block in page.blocks[lang]:
            if isinstance(block, Markdown):
                parts.append(block.text)
            else:
                item = module.checks[block.item_id]
                parts += [item.prompt[lang], item.feedback[lang]] + [c.text[lang] for c in item.choices + item.targets]
                parts += [item.reference[lang]] if item.reference else []
    return len(WORD[lang].findall(" ".join(parts)))


def test_eight_modules(course):
    assert len(course.modules) == 8


@pytest.mark.parametrize("number", range(1, 9))
def test_each_module_is_complete_in_both_languages(course, number):
    module = course.modules[number - 1]
    pages = [p.id for p in module.pages]
    assert len(pages) >= 8, pages
    assert len(module.checks) >= 5
    assert {"cas-pratique", "glossaire"} <= set(pages) and pages[-1] == "essentiel"
    assert all(len(module.objectives[lang]) >= 1 for lang in ("fr", "ar"))
    for lang in ("fr", "ar"):
        assert learner_words(module, lang) >= MINIMUM_WORDS[lang], (module.id, lang, learner_words(module, lang))
        case = next(p for p in module.pages if p.id == "cas-pratique")
        assert FICTIONAL[lang] in case.title[lang] + " ".join(b.text for b in case.blocks[lang] if isinstance(b, Markdown))
        summary = " ".join(b.text for b in module.pages[-1].blocks[lang] if isinstance(b, Markdown))
        assert CITED[lang] in summary, "the summary lists the legal texts cited"


def test_quiz_bank(course):
    items = course.quiz.items
    assert len(items) >= 64
    per_module = Counter(i.module for i in items)
    assert set(per_module) == {m.id for m in course.modules} and min(per_module.values()) >= 8
    assert {i.type for i in items} == set(ITEM_TYPES)
    for item in items:
        assert item.reference and all(item.reference[lang] and item.feedback[lang] for lang in ("fr", "ar")), item.id


def test_glossary_and_sources_are_kept_with_the_modules():
    glossary = (MODULES / "GLOSSARY.md").read_text(encoding="utf-8")
    assert "القانون رقم 27.14" in glossary and "traite des êtres humains" in glossary
    sources = (MODULES / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"| {n}. " in sources for n in range(1, 9))
