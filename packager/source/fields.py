"""Typed field readers for YAML sources: each read either returns a value or records a Problem.

A `Fields` is bound to one file; it never raises, so a whole course is checked in one pass
and every problem is reported together.
"""

from __future__ import annotations

import re
from typing import Any

from packager.errors import Problem
from packager.source.yamlsrc import Mapping, Sequence

ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class Fields:
    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def mapping(self, value: Any, line: int | None, what: str) -> Mapping | None:
        if isinstance(value, Mapping):
            return value
        self.problem(line, f"{what} must be a mapping of keys to values")
        return None

    def keys(self, m: Mapping, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> bool:
        """Report missing and unknown keys; True when all required keys are present."""
        ok = True
        for key in required:
            if key not in m:
                self.problem(m.line, f"missing key '{key}'")
                ok = False
        allowed = set(required) | set(optional)
        for key in m:
            if key not in allowed:
                expected = ", ".join(sorted(allowed))
                self.problem(m.line_of(key), f"unknown key '{key}' (expected one of: {expected})")
        return ok

    def string(self, m: Mapping, key: str, default: str | None = None) -> str | None:
        if key not in m:
            return default
        value = m[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.problem(m.line_of(key), f"'{key}' must be a non-empty text")
            return None
        return value.strip()

    def ident(self, m: Mapping, key: str, pattern: re.Pattern = ID, rule: str = "") -> str | None:
        value = self.string(m, key)
        if value is not None and not pattern.match(value):
            rule = rule or "letters, digits, '-' or '_', at most 64"
            self.problem(m.line_of(key), f"'{key}' {value!r} is not a valid id ({rule})")
            return None
        return value

    def integer(self, m: Mapping, key: str, default: int, low: int, high: int) -> int:
        if key not in m:
            return default
        value = m[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(m.line_of(key), f"'{key}' must be a whole number from {low} to {high}")
            return default
        return value

    def text(self, m: Mapping, key: Any, languages: list[str], required: bool = True) -> dict[str, str] | None:
        """A text in every language: `{fr: ..., ar: ...}`."""
        if key not in m:
            if required:
                self.problem(m.line, f"missing key '{key}'")
            return None
        value = m[key]
        line = m.line_of(key)
        if not isinstance(value, Mapping):
            self.problem(line, f"'{key}' must give the text in each language ({', '.join(languages)})")
            return None
        result = {}
        for lang in languages:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                self.problem(value.line_of(lang) if lang in value else line, f"'{key}' has no {lang} text")
            else:
                result[lang] = text.strip()
        for lang in value:
            if lang not in languages:
                hint = (
                    " (a comma inside { } starts a new key: put each language on its own line)"
                    if isinstance(lang, str) and " " in lang
                    else ""
                )
                self.problem(value.line_of(lang), f"'{key}' has text in '{lang}', which is not a course language{hint}")
        return result if len(result) == len(languages) else None

    def string_list(self, value: Any, line: int, what: str) -> list[str] | None:
        if not isinstance(value, Sequence) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(line, f"{what} must be a non-empty list of texts")
            return None
        return [v.strip() for v in value]
