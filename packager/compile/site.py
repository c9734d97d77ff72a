"""What the render stage hands to the format adapters: the files of one language, by part.

A part is what an LMS launches and tracks: a module or the final quiz (a SCO in SCORM 1.2,
an AU in cmi5). Paths are POSIX paths inside a package; every package of a language uses the
same paths, so a single-part package is the whole-course package with fewer parts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from packager.source.model import Text


@dataclass
class Part:
    id: str
    kind: str  # "module" or "quiz"
    title: Text
    description: Text
    href: str  # launch file, e.g. "m01/index.html"
    duration_minutes: int
    mastery_score: int | None = None  # percent, quiz only
    files: dict[str, bytes] = field(default_factory=dict)  # own files, launch file included


@dataclass
class Site:
    language: str
    shared: dict[str, bytes]  # runtime assets every part depends on
    parts: list[Part]
    home: dict[str, bytes]  # the course home page, index.html: the launch page of xAPI packages
