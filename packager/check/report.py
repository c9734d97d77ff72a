"""What `validate` found in one package, its outcome and exit code, and how it is printed.

Outcomes (README, `packager validate --help`):
  sound                 exit 0  no finding
  sound with warnings   exit 0  warnings only (with --strict, warnings are errors: faulty)
  faulty                exit 1  at least one error
  unusable              exit 2  not a zip or a package folder, or refused as hostile
  unsupported           exit 3  a package of a format this validator does not check (named)
With several packages, the exit code is the worst outcome's: unusable, faulty, unsupported, sound.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

EXIT_CODES = {"sound": 0, "sound with warnings": 0, "faulty": 1, "unusable": 2, "unsupported": 3}
SEVERITY = ("sound", "sound with warnings", "unsupported", "faulty", "unusable")
EXAMPLES = 3  # places shown for a finding repeated in many places
MAX_LINES = 40  # printed findings per package; the rest are summarised (all of them are in --json)


@dataclass(frozen=True)
class Finding:
    level: str  # "error" or "warning"
    message: str
    where: str = ""

    def __str__(self) -> str:
        return f"{self.level}: {self.where + ': ' if self.where else ''}{self.message}"


@dataclass
class Report:
    path: str
    findings: list[Finding] = field(default_factory=list)
    format: str = ""  # what the package is, e.g. "SCORM 1.2", "cmi5", "SCORM 2004 4th Edition"
    unusable: bool = False
    unsupported: bool = False

    @property
    def status(self) -> str:
        if self.unusable:
            return "unusable"
        if any(f.level == "error" for f in self.findings):
            return "faulty"
        if self.unsupported:
            return "unsupported"
        return "sound with warnings" if self.findings else "sound"

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]

    def error(self, message: str, where: str = "") -> None:
        self.findings.append(Finding("error", message, where))

    def warning(self, message: str, where: str = "") -> None:
        self.findings.append(Finding("warning", message, where))

    def refuse(self, message: str, where: str = "") -> Report:
        self.unusable = True
        self.error(message, where)
        return self

    def not_supported(self, what: str) -> Report:
        self.format = what
        self.unsupported = True
        return self

    def strict(self) -> None:
        """--strict: every warning is an error."""
        self.findings = [Finding("error", f.message, f.where) if f.level == "warning" else f for f in self.findings]

    def as_json(self) -> dict:
        return {
            "path": self.path,
            "format": self.format,
            "status": self.status,
            "exit_code": self.exit_code,
            "findings": [{"level": f.level, "message": f.message, "where": f.where} for f in self.findings],
        }

    def lines(self) -> list[str]:
        """The report for a terminal: one line per distinct finding (repeats counted, a few places shown),
        at most MAX_LINES of them, then a summary."""
        heading = f"{self.path}: {self.status}" + (f" ({self.format})" if self.format else "")
        if self.unsupported and not self.unusable:
            heading += ": not supported by this validator"
        grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
        for finding in self.findings:
            grouped[(finding.level, finding.message)].append(finding.where)
        lines = [heading]
        for (level, message), places in list(grouped.items())[:MAX_LINES]:
            if len(places) == 1:
                lines.append(f"  {Finding(level, message, places[0])}")
            else:
                shown = ", ".join(p for p in places[:EXAMPLES] if p)
                more = f" and {len(places) - EXAMPLES} more" if len(places) > EXAMPLES else ""
                lines.append(f"  {level}: {message} ({len(places)} times: {shown}{more})")
        if len(grouped) > MAX_LINES:
            rest = list(grouped.items())[MAX_LINES:]
            lines.append(
                f"  ... and {len(rest)} more kinds of finding ({sum(len(p) for _, p in rest)} findings): "
                "see --json for the full list"
            )
        return lines


def worst(reports: list[Report]) -> int:
    """The exit code of several packages: the most severe outcome's."""
    return EXIT_CODES[max((r.status for r in reports), key=SEVERITY.index)] if reports else 0
