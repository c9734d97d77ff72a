"""Typical learning time, computed from the content rather than typed by hand.

A module's time in one language = its words at the language's study-reading rate + a fixed time per
knowledge check, per case study (analysing it beyond reading) and per diagram, rounded up to 5
minutes. The quiz's = the words of an average item at the reading rate plus a fixed time per item,
times the number drawn. Every figure can be set in course.yaml (`study_time:`); the defaults:

- reading: 200 words a minute in French. Brysbaert (2019, "How many words do we read per minute?",
  Journal of Memory and Language 109) puts silent reading of English non-fiction at about 238 words a
  minute; reading professional and legal text in order to learn it is slower. Arabic: 140 words a
  minute, since Arabic writes articles, prepositions and pronouns attached to words (a text has about a
  quarter fewer words than its French version) and MSA legal prose is read more slowly;
  other languages: 200;
- 1.5 minutes per knowledge check, 5 per case study, 1 per diagram, 1 per quiz item.

Words are counted as a reader sees them: page titles and text, and each check's prompt, choices,
feedback and reference (no YAML keys, no Markdown markup, no URLs).
"""

from __future__ import annotations

import math
import re
from typing import Any

from packager.source import markdown
from packager.source.model import Item, Markdown, Module, Quiz

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
MARKUP = re.compile(r"\]\([^)]*\)|https?://\S+|[*_`#>|]")
DEFAULTS: dict[str, Any] = {
    "words_per_minute": {"fr": 200, "ar": 140},
    "default_words_per_minute": 200,
    "minutes_per_check": 1.5,
    "minutes_per_case": 5,
    "minutes_per_diagram": 1,
    "minutes_per_item": 1,
}
KEYS = tuple(DEFAULTS)


def count_words(text: str) -> int:
    return len(WORD.findall(MARKUP.sub(" ", text)))


def item_words(item: Item, lang: str) -> list[str]:
    texts = [item.prompt[lang], item.feedback[lang]] + [c.text[lang] for c in item.choices + item.targets]
    return texts + ([item.reference[lang]] if item.reference else [])


def module_words(module: Module, lang: str) -> int:
    """Words the learner reads in `lang`: pages (titles, text) and knowledge checks."""
    texts: list[str] = []
    for page in module.pages:
        texts.append(page.title[lang])
        for block in page.blocks[lang]:
            texts += [block.text] if isinstance(block, Markdown) else item_words(module.checks[block.item_id], lang)
    return count_words(" ".join(texts))


def settings(raw: dict[str, Any]) -> dict[str, Any]:
    merged = {**DEFAULTS, **raw}
    merged["words_per_minute"] = {**DEFAULTS["words_per_minute"], **raw.get("words_per_minute", {})}
    return merged


def rate(config: dict, lang: str) -> float:
    return float(config["words_per_minute"].get(lang, config["default_words_per_minute"]))


def diagrams_in(module: Module, lang: str) -> int:
    return sum(
        ref in module.diagrams
        for page in module.pages
        for block in page.blocks[lang]
        if isinstance(block, Markdown)
        for ref, _ in markdown.local_references(block.text)
    )


def module_minutes(module: Module, lang: str, config: dict) -> int:
    cases = sum("case" in page.classes for page in module.pages)
    minutes = (
        module_words(module, lang) / rate(config, lang)
        + len(module.checks) * config["minutes_per_check"]
        + cases * config["minutes_per_case"]
        + diagrams_in(module, lang) * config["minutes_per_diagram"]
    )
    return 5 * math.ceil(minutes / 5)


def quiz_minutes(quiz: Quiz, lang: str, config: dict) -> int:
    average = sum(count_words(" ".join(item_words(i, lang))) for i in quiz.items) / max(len(quiz.items), 1)
    minutes = quiz.draw * (average / rate(config, lang) + config["minutes_per_item"])
    return 5 * math.ceil(minutes / 5)
