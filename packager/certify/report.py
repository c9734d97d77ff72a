"""What a certification run did: read, seen, issued, refused (with why), skipped; written to report.json."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Run:
    """What a run did, for report.json and the summary: every decision with its reason, the counts,
    and where the time went (seconds: reading the LRS, deciding, issuing, in all)."""

    course: str
    started: str
    statements_read: int = 0
    learners_seen: int = 0
    issued: list[dict] = field(default_factory=list)
    refused: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    refused_by_reason: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    watermark: str = ""

    def count_reasons(self) -> None:
        """Refusals per kind of reason (the words before the colon: "below mastery", "modules missing"...),
        most frequent first."""
        kinds = Counter(entry["reason"].split(":", 1)[0] for entry in self.refused)
        self.refused_by_reason = dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
