"""Error types that carry what the user needs: where, and what was expected."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in a file: `file:line: message`."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


class PackagerError(Exception):
    """Base class of the errors a user can fix; the CLI prints them without a traceback."""

    exit_code = 1


class SourceError(PackagerError):
    """The course source has problems; carries every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.message))
        super().__init__(f"{len(self.problems)} problem(s) in the course source")

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"{len(self.problems)} problem(s) in the course source; nothing was built.")
        return "\n".join(lines)


class PackageError(PackagerError):
    """A package we built, or were asked to check, is not sound."""


class LRSError(PackagerError):
    """The Learning Record Store could not be read or written."""
