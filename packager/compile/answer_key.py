"""The trainer's answer key of the final quiz bank, in one language: Markdown, HTML or JSON.

Ids are those of the rendered quiz: each item's container has `data-question="<item id>"`
and each answer input's `value` is the choice id shown here (see README, "Answer key").
"""

from __future__ import annotations

import json

from packager.compile.render import environment, strings
from packager.source.model import Course, Item
from packager.spec.languages import direction

FORMATS = ("md", "html", "json")


def entry(item: Item, lang: str) -> dict:
    """One item of the key: what it asks, its choices with their ids, the right answer, the feedback."""

    def texts(choices):
        return [{"id": c.id, "text": c.text[lang]} for c in choices]

    matching = item.type == "matching"
    return {
        "id": item.id,
        "module": item.module,
        "type": item.type,
        "prompt": item.prompt[lang],
        "choices": [] if matching else texts(item.choices),
        "sources": texts(item.choices) if matching else [],
        "targets": texts(item.targets),
        "answer": item.answer_in(lang),
        "feedback": item.feedback[lang],
        "reference": item.reference[lang] if item.reference else None,
    }


def answer_words(data: dict, t: dict) -> list[str]:
    """The right answer spelled out, one line per part."""
    kind, answer = data["type"], data["answer"]
    if kind == "truefalse":
        return [t["label_true"] if answer else t["label_false"]]
    if kind == "fillin":
        return [" | ".join(answer)]
    if kind == "matching":
        targets = {c["id"]: c["text"] for c in data["targets"]}
        sources = {c["id"]: c["text"] for c in data["sources"]}
        return [f"{s}) {sources[s]} → {answer[s]}) {targets[answer[s]]}" for s in answer]
    choices = {c["id"]: c["text"] for c in data["choices"]}
    ids = [answer] if kind == "single" else answer
    return [f"{i}) {choices[i]}" for i in ids]


def answer_key(course: Course, lang: str, fmt: str) -> str:
    entries = [entry(item, lang) for item in course.quiz.items]
    if fmt == "json":
        return (
            json.dumps({"course": course.id, "language": lang, "items": entries}, ensure_ascii=False, indent=2) + "\n"
        )
    t = strings()[lang]
    for data in entries:
        data["answer_words"] = answer_words(data, t)
    template = environment().get_template(f"answer-key.{fmt}.j2")
    return template.render(course=course, quiz=course.quiz, items=entries, lang=lang, t=t, dir=direction(lang))
