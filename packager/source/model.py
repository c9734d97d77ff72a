"""The Course model: the one place that knows what a course is, independent of files and formats.

Text that exists in every language is a `Text` (language code -> string). Structure (pages,
checks, items, choices) is shared by the languages; only the words differ.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packager.source.certificate import CertificateSettings

Text = dict[str, str]

ITEM_TYPES = ("single", "multiple", "truefalse", "matching", "ordering", "fillin")
ITEM_LEVELS = ("recall", "application")  # knows a fact / applies the law to a situation


@dataclass(frozen=True)
class Choice:
    """A choice of a choice/ordering item, or a source or target of a matching item."""

    id: str
    text: Text


@dataclass(frozen=True)
class Item:
    """A question: a knowledge check inside a module, or an item of the final quiz bank.

    `answer` depends on `type`:
      single: choice id; multiple, ordering: tuple of choice ids (ordering: in the right order);
      truefalse: bool; matching: tuple of (source id, target id); fillin: language -> accepted answers.
    """

    id: str
    type: str
    prompt: Text
    feedback: Text
    answer: Any
    choices: tuple[Choice, ...] = ()
    targets: tuple[Choice, ...] = ()
    reference: Text | None = None
    module: str | None = None
    level: str | None = None  # quiz bank items: one of ITEM_LEVELS
    file: str = ""
    line: int = 0

    def answer_in(self, lang: str):
        """The answer as JSON data for `lang`: what the browser scores with and the answer key prints."""
        if self.type == "fillin":
            return list(self.answer[lang])
        if self.type == "matching":
            return dict(self.answer)
        return list(self.answer) if isinstance(self.answer, tuple) else self.answer


@dataclass(frozen=True)
class Markdown:
    """A run of Markdown text in one language, with the line it starts on."""

    text: str
    line: int


@dataclass(frozen=True)
class CheckRef:
    """The place of a knowledge check within a page."""

    item_id: str


Block = Markdown | CheckRef


@dataclass
class Page:
    """A page of a module: same id, classes and blocks in every language, words per language.

    Classes say what kind of page it is: "case" (a case study), "job-aid" (a printable job aid)."""

    id: str
    title: Text
    blocks: dict[str, list[Block]] = field(default_factory=dict)
    classes: tuple[str, ...] = ()


@dataclass
class Module:
    id: str
    number: int
    slug: str
    directory: Path
    title: Text
    description: Text
    objectives: dict[str, list[str]]
    pages: list[Page]
    checks: dict[str, Item]
    media: list[str]  # paths relative to the module directory, sorted
    diagrams: dict[str, str] = field(default_factory=dict)  # media path -> checked inline SVG markup
    study_minutes: dict[str, int] = field(default_factory=dict)  # per language, computed (study_time.py)


@dataclass
class Quiz:
    id: str
    title: Text
    description: Text
    draw: int
    pass_mark: int  # percent, 0..100
    attempts: int  # 0 = unlimited
    items: list[Item]
    study_minutes: dict[str, int] = field(default_factory=dict)  # per language, computed (study_time.py)


@dataclass
class Issuer:
    id: str
    name: Text
    url: str


@dataclass
class Course:
    id: str
    iri: str
    version: str
    languages: list[str]
    title: Text
    description: Text
    keywords: dict[str, list[str]]
    modules: list[Module]
    quiz: Quiz
    issuers: list[Issuer]
    certificate: CertificateSettings
    root: Path
    study_time: dict = field(default_factory=dict)  # course.yaml `study_time:` settings (study_time.py)

    @property
    def mastery_score(self) -> int:
        """The quiz pass mark in percent: SCORM's masteryscore, cmi5's masteryScore × 100."""
        return self.quiz.pass_mark

    def study_minutes(self, lang: str) -> int:
        """Typical learning time of the whole course in `lang`: the modules and the quiz."""
        return sum(m.study_minutes[lang] for m in self.modules) + self.quiz.study_minutes[lang]
