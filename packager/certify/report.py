"""What a certification run did: read, seen, issued, refused (with why), skipped; written to report.json."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Run:
    """What a run did, for report.json and the summary."""

    course: str
    started: str
    statements_read: int = 0
    learners_seen: int = 0
    issued: list[dict] = field(default_factory=list)
    refused: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    watermark: str = ""
