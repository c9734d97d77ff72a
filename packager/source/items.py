"""Questions: how a knowledge check or a quiz bank item is written in YAML, and its checks.

The same format serves both. In the quiz bank (`quiz/bank/*.yaml`) every text gives each
language (`prompt: {fr: ..., ar: ...}`); in a module's `fr.md`/`ar.md` a ```check block is
written in that file's language only (`prompt: ...`), and the two files are merged afterwards.

Choice, source and target ids are one letter or digit (a-z, 0-9): SCORM 1.2 records choice,
matching and sequencing responses with such single-character identifiers.
"""

from __future__ import annotations

import re
from typing import Any

from packager.source.fields import Fields
from packager.source.model import ITEM_LEVELS, ITEM_TYPES, Choice, Item, Text
from packager.source.yamlsrc import Mapping, Sequence

CHOICE_ID = re.compile(r"^[a-z0-9]$")
MAX_CHOICES = 10
CHOICE_RULE = "one letter or digit, a-z or 0-9, as SCORM 1.2 responses require"

_SHAPE = {
    # type: (keys it needs besides id/type/prompt/feedback/answer, keys it may have)
    "single": (("choices",), ()),
    "multiple": (("choices",), ()),
    "ordering": (("choices",), ()),
    "truefalse": ((), ()),
    "matching": (("sources", "targets"), ()),
    "fillin": ((), ()),
}


def choice_id(value: Any) -> Any:
    """YAML reads an unquoted digit id (`1:`) as a number; ids are text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class ItemReader:
    """Reads items from one file; `language` is set for single-language check blocks."""

    def __init__(self, fields: Fields, languages: list[str], language: str | None = None):
        self.f = fields
        self.languages = [language] if language else languages
        self.language = language

    def text(self, m: Mapping, key: str | int, required: bool = True) -> Text | None:
        if self.language is None:
            return self.f.text(m, key, self.languages, required)
        if key not in m:
            if required:
                self.f.problem(m.line, f"missing key '{key}'")
            return None
        value = m[key]
        if not isinstance(value, str) or not value.strip():
            self.f.problem(m.line_of(key), f"'{key}' must be a non-empty text")
            return None
        return {self.language: value.strip()}

    def choices(self, m: Mapping, key: str) -> tuple[Choice, ...]:
        value = m.get(key)
        if not isinstance(value, Mapping) or not 2 <= len(value) <= MAX_CHOICES:
            self.f.problem(m.line_of(key), f"'{key}' must map from 2 to {MAX_CHOICES} ids to their texts")
            return ()
        result = []
        for cid in value:
            cid = choice_id(cid)
            if not isinstance(cid, str) or not CHOICE_ID.match(cid):
                self.f.problem(value.line_of(cid), f"id {cid!r} in '{key}' is not valid ({CHOICE_RULE})")
                continue
            text = self.text(value, cid if cid in value else int(cid))
            if text:
                result.append(Choice(cid, text))
        return tuple(result)

    def read(self, m: Mapping, in_bank: bool) -> Item | None:
        """Read one item; None (with problems recorded) when it cannot be used."""
        f = self.f
        kind = m.get("type")
        if kind not in ITEM_TYPES:
            f.problem(m.line_of("type"), f"'type' must be one of {', '.join(ITEM_TYPES)}, not {kind!r}")
            f.keys(
                m,
                ("id", "type", "prompt", "feedback", "answer"),
                ("choices", "sources", "targets", "reference", "module", "level"),
            )
            return None
        needs, extra = _SHAPE[kind]
        common = ("id", "type", "prompt", "feedback", "answer")
        complete = f.keys(
            m,
            common + needs + (("module",) if in_bank else ()),
            extra + ("reference",) + (("level",) if in_bank else ()),
        )
        item_id = f.ident(m, "id")
        prompt = self.text(m, "prompt")
        feedback = self.text(m, "feedback")
        reference = self.text(m, "reference", required=False)
        module = f.ident(m, "module") if in_bank else None
        level = self.level(m) if in_bank else None
        choices = self.choices(m, "choices") if "choices" in needs and "choices" in m else ()
        sources = self.choices(m, "sources") if kind == "matching" and "sources" in m else ()
        targets = self.choices(m, "targets") if kind == "matching" and "targets" in m else ()
        answer = self._answer(m, kind, choices, sources, targets) if "answer" in m else None
        if (
            not complete
            or item_id is None
            or prompt is None
            or feedback is None
            or answer is None
            or (in_bank and module is None)
        ):
            return None
        if kind == "matching":
            choices = sources
        return Item(item_id, kind, prompt, feedback, answer, choices, targets, reference, module, level, f.file, m.line)

    def level(self, m: Mapping) -> str | None:
        """What a quiz bank item tests: `recall` (a fact) or `application` (the law applied to a case)."""
        value = m.get("level")
        if value is not None and value not in ITEM_LEVELS:
            self.f.problem(m.line_of("level"), f"'level' must be one of {', '.join(ITEM_LEVELS)}, not {value!r}")
            return None
        return value

    def _answer(self, m: Mapping, kind: str, choices, sources, targets) -> Any:
        f, value, line = self.f, m["answer"], m.line_of("answer")
        ids = [c.id for c in choices]
        if kind != "fillin":
            value = [choice_id(v) for v in value] if isinstance(value, Sequence) else choice_id(value)
        if kind == "single":
            if value not in ids:
                f.problem(line, f"answer {value!r} is not among the choices ({', '.join(ids)})")
                return None
            return value
        if kind in ("multiple", "ordering"):
            if not isinstance(value, list) or not value:
                f.problem(line, "answer must be a list of choice ids" + (" in order" if kind == "ordering" else ""))
                return None
            unknown = [v for v in value if v not in ids]
            if unknown:
                f.problem(line, f"answer {', '.join(map(str, unknown))} not among the choices ({', '.join(ids)})")
                return None
            if len(set(value)) != len(value):
                f.problem(line, "answer lists a choice twice")
                return None
            if kind == "ordering" and sorted(value) != sorted(ids):
                f.problem(line, "answer must put every choice in order, each once")
                return None
            return tuple(value)
        if kind == "truefalse":
            if not isinstance(value, bool):
                f.problem(line, "answer must be true or false")
                return None
            return value
        if kind == "matching":
            source_ids, target_ids = [s.id for s in sources], [t.id for t in targets]
            if not isinstance(value, Mapping):
                f.problem(line, "answer must map each source id to its target id")
                return None
            value = {choice_id(s): choice_id(t) for s, t in value.items()}
            bad = [f"{s}: {t}" for s, t in value.items() if s not in source_ids or t not in target_ids]
            if bad:
                f.problem(line, f"answer pairs {', '.join(bad)} are not among the sources and targets")
                return None
            if sorted(value) != sorted(source_ids):
                f.problem(line, "answer must give a target for every source")
                return None
            return tuple((s, value[s]) for s in source_ids)
        # fillin: accepted answers per language
        if self.language is not None:
            answers = f.string_list(value, line, "answer (the accepted answers)")
            return {self.language: tuple(answers)} if answers else None
        if not isinstance(value, Mapping):
            f.problem(line, f"answer must list the accepted answers in each language ({', '.join(self.languages)})")
            return None
        result = {}
        for lang in self.languages:
            answers = f.string_list(value.get(lang), value.line_of(lang), f"answer in {lang}")
            if answers:
                result[lang] = tuple(answers)
        return result if len(result) == len(self.languages) else None


def same_structure(a: Item, b: Item) -> list[str]:
    """How two language versions of a check differ in structure (empty when they agree)."""
    diffs = []
    if a.type != b.type:
        diffs.append(f"type {a.type} vs {b.type}")
    if [c.id for c in a.choices] != [c.id for c in b.choices]:
        diffs.append("choice ids differ")
    if [t.id for t in a.targets] != [t.id for t in b.targets]:
        diffs.append("target ids differ")
    if a.type == b.type and a.type != "fillin" and a.answer != b.answer:
        diffs.append("answers differ")
    return diffs


def merge(a: Item, b: Item) -> Item:
    """Join two single-language versions of the same check into one bilingual item."""

    def join(x: Text | None, y: Text | None) -> Text | None:
        return None if x is None or y is None else {**x, **y}

    def join_choices(xs: tuple[Choice, ...], ys: tuple[Choice, ...]) -> tuple[Choice, ...]:
        return tuple(Choice(x.id, {**x.text, **y.text}) for x, y in zip(xs, ys, strict=True))

    answer = {**a.answer, **b.answer} if a.type == "fillin" else a.answer
    return Item(
        a.id,
        a.type,
        {**a.prompt, **b.prompt},
        {**a.feedback, **b.feedback},
        answer,
        join_choices(a.choices, b.choices),
        join_choices(a.targets, b.targets),
        join(a.reference, b.reference),
        a.module,
        a.level,
        a.file,
        a.line,
    )
