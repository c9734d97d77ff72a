"""Render stage: the Course model to HTML pages and runtime assets, one Site per language.

Jinja2 with autoescaping; Markdown through markdown.render (raw HTML escaped). The runtime
(`templates/runtime/`) is copied as is into every package under `shared/`.
"""

from __future__ import annotations

import functools
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from packager import templates
from packager.compile.site import Part, Site
from packager.source import markdown
from packager.source.model import CheckRef, Course, Item, Module
from packager.spec.languages import direction
from packager.spec.xapi import browser_profile, page_iri, part_iri, question_iri

JS_STRINGS = (
    "correct",
    "incorrect",
    "module_done",
    "remaining",
    "seen",
    "not_seen",
    "answer_first",
    "question_of",
    "unanswered",
    "all_answered",
    "score",
    "passed",
    "failed",
    "retry",
    "mode_review",
    "mode_browse",
    "review_none",
    "review_new_attempt",
    "left_course",
)
SHARED = "shared"


@functools.cache
def environment() -> Environment:
    """Compiled once per process: templates are the same for every build."""
    # Autoescaping everywhere but in Markdown output (the answer key), which is not HTML.
    autoescape = select_autoescape(enabled_extensions=("html.j2",), disabled_extensions=("md.j2",), default=True)
    env = Environment(
        loader=FileSystemLoader(str(templates.path())),
        autoescape=autoescape,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


@functools.cache
def strings() -> dict[str, dict[str, str]]:
    """Interface wording per language (templates/strings.yaml): buttons, labels, messages."""
    return yaml.safe_load(templates.path("strings.yaml").read_text(encoding="utf-8"))


def item_data(item: Item, lang: str) -> dict:
    """What the browser needs to score an item (ids only; words stay in the HTML)."""
    data = {"id": item.id, "type": item.type, "answer": item.answer_in(lang)}
    if item.module:
        data["module"] = item.module
    return data


class Renderer:
    def __init__(self, course: Course):
        self.course = course
        self.env = environment()
        self.strings = strings()
        runtime = templates.path("runtime")
        self.shared = {
            f"{SHARED}/{p.relative_to(runtime).as_posix()}": p.read_bytes()
            for p in sorted(runtime.rglob("*"))
            if p.is_file()
        }

    def site(self, lang: str) -> Site:
        parts = [self.module_part(m, lang) for m in self.course.modules]
        parts.append(self.quiz_part(lang))
        return self.site_of(lang, parts)

    def site_of(self, lang: str, parts: list[Part]) -> Site:
        """The site of `lang` with these parts (rendered by module_part/quiz_part): the home page is
        rendered for them. The preview re-renders only the parts whose sources changed."""
        home = self.env.get_template("home.html.j2").render(
            **self.context(lang, shared=SHARED), parts=parts, data=self.tracking(lang, "home", self.course.title)
        )
        return Site(lang, self.shared, parts, {"index.html": home.encode("utf-8")})

    def tracking(self, lang: str, part_id: str, title, pages=(), questions=()) -> dict:
        """What every page's runtime needs to report: ids, activity IRIs, words, the statement profile."""
        course = self.course
        return {
            "course": course.id,
            "id": part_id,
            "lang": lang,
            "strings": self.js_strings(lang),
            "profile": browser_profile(),
            "activity": {
                "course": course.iri,
                "part": part_iri(course, part_id),
                "courseTitle": course.title[lang],
                "title": title[lang],
                "pages": {p: page_iri(course, part_id, p) for p in pages},
                "questions": {q: question_iri(course, part_id, q) for q in questions},
            },
        }

    def js_strings(self, lang: str) -> dict[str, str]:
        return {key: self.strings[lang][key] for key in JS_STRINGS}

    def context(self, lang: str, shared: str = f"../{SHARED}") -> dict:
        return {"course": self.course, "lang": lang, "dir": direction(lang), "t": self.strings[lang], "shared": shared}

    def module_part(self, module: Module, lang: str) -> Part:
        pages = []
        for page in module.pages:
            blocks: list[dict[str, Any]] = []
            for block in page.blocks[lang]:
                if isinstance(block, CheckRef):
                    blocks.append({"check": module.checks[block.item_id]})
                else:
                    blocks.append({"html": Markup(markdown.render(block.text, module.diagrams))})
            pages.append({"id": page.id, "title": page.title[lang], "blocks": blocks, "classes": page.classes})
        data = {
            "kind": "module",
            "pages": [p.id for p in module.pages],
            "checks": [item_data(c, lang) for c in module.checks.values()],
            **self.tracking(lang, module.id, module.title, [p.id for p in module.pages], module.checks),
        }
        html = self.env.get_template("module.html.j2").render(
            **self.context(lang), module=module, pages=pages, data=data, minutes=module.study_minutes[lang]
        )
        files = {f"{module.id}/index.html": html.encode("utf-8")}
        for path in module.media:
            files[f"{module.id}/{path}"] = (module.directory / path).read_bytes()
        return Part(
            module.id,
            "module",
            module.title,
            module.description,
            f"{module.id}/index.html",
            module.study_minutes[lang],
            None,
            files,
        )

    def quiz_part(self, lang: str) -> Part:
        quiz = self.course.quiz
        data = {
            "kind": "quiz",
            "draw": quiz.draw,
            "passMark": quiz.pass_mark,
            "attempts": quiz.attempts,
            "items": [item_data(i, lang) for i in quiz.items],
            **self.tracking(lang, quiz.id, quiz.title, (), [i.id for i in quiz.items]),
        }
        html = self.env.get_template("quiz.html.j2").render(**self.context(lang), quiz=quiz, data=data)
        return Part(
            quiz.id,
            "quiz",
            quiz.title,
            quiz.description,
            f"{quiz.id}/index.html",
            quiz.study_minutes[lang],
            quiz.pass_mark,
            {f"{quiz.id}/index.html": html.encode("utf-8")},
        )
