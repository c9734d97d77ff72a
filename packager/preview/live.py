"""The course as the preview serves it: every package's files built in memory, and rebuilt in part
when a source file changes.

A package's files are `Format.files()` of the whole-course package, exactly what its zip holds (the
same call `packager build` makes), so the preview runs what an LMS would run. Nothing is zipped or
written to disk.

On a change the whole course is loaded again (the checks across files need it; the real course
loads in about a third of a second) but only the parts whose sources changed are rendered again:
a module's folder re-renders that module, `quiz/` the quiz, `course.yaml` everything. The course
home is re-rendered each time (it lists every part's title and time). A source error keeps the last
good build served and is kept in `problems` until a change fixes it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from packager.compile.render import Renderer
from packager.compile.site import Part, Site
from packager.errors import PackagerError, Problem, SourceError
from packager.formats import FORMATS
from packager.source import load_course
from packager.source.model import Course

COURSE_PACKAGE = "course"  # the whole-course package: the one an LMS administrator uploads


@dataclass(frozen=True)
class Rebuild:
    """What one rebuild did: the parts whose files changed per language, or the problems found."""

    changed: dict[str, list[str]] = field(default_factory=dict)  # language -> part ids
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems


class LiveCourse:
    """The last good build of the course in `source`, per language; thread-safe."""

    def __init__(self, source: Path, languages: tuple[str, ...] = ()):
        self.source = Path(source)
        self.lock = threading.Lock()
        self.course: Course = load_course(self.source)
        self.languages = languages or tuple(self.course.languages)
        unknown = [lang for lang in self.languages if lang not in self.course.languages]
        if unknown:
            raise PackagerError(f"--lang {', '.join(unknown)}: the course is in {', '.join(self.course.languages)}")
        self.renderer = Renderer(self.course)
        self.sites: dict[str, Site] = {lang: self.renderer.site(lang) for lang in self.languages}
        self.problems: list[Problem] = []
        self.generation = 0  # counts good builds: pages ask for reloads by it
        self._files: dict[tuple[str, str], dict[str, bytes]] = {}

    def files(self, lang: str, fmt: str) -> dict[str, bytes]:
        """The files of the whole-course package of `fmt` in `lang`, manifest included."""
        with self.lock:
            key = (lang, fmt)
            if key not in self._files:
                site = self.sites[lang]
                self._files[key] = FORMATS[fmt].files(self.course, site, site.parts, COURSE_PACKAGE)
            return self._files[key]

    def affected(self, changed: set[Path]) -> set[str] | None:
        """The part ids whose sources are among `changed`; None: every part (course.yaml, or unknown)."""
        parts: set[str] = set()
        for path in changed:
            try:
                relative = path.resolve().relative_to(self.source.resolve())
            except ValueError:
                return None
            top = relative.parts[0] if len(relative.parts) > 1 else None
            module = next((m for m in self.course.modules if m.directory.name == top), None)
            if module is not None:
                parts.add(module.id)
            elif top == "quiz":
                parts.add(self.course.quiz.id)
            else:
                return None
        return parts

    def rebuild(self, changed: set[Path]) -> Rebuild:
        """Load the course again and re-render the parts `changed` touches; keep the last good
        build if the source has problems."""
        started = time.perf_counter()
        try:
            course = load_course(self.source)
        except SourceError as error:
            with self.lock:
                self.problems = error.problems
            return Rebuild(problems=error.problems, seconds=time.perf_counter() - started)
        wanted = self.affected(changed)
        renderer = Renderer(course)
        sites, moved = {}, {}
        for lang in self.languages:
            sites[lang], moved[lang] = self._render(renderer, course, lang, wanted)
        with self.lock:
            self.course, self.renderer, self.sites = course, renderer, sites
            self.problems = []
            self._files.clear()
            self.generation += 1
        return Rebuild(changed={lang: ids for lang, ids in moved.items() if ids}, seconds=time.perf_counter() - started)

    def _render(self, renderer: Renderer, course: Course, lang: str, wanted: set[str] | None) -> tuple[Site, list[str]]:
        """The new site of `lang`: parts in `wanted` rendered again, the others kept as they were."""
        old = {part.id: part for part in self.sites[lang].parts}
        parts: list[Part] = []
        for module in course.modules:
            again = wanted is None or module.id in wanted or module.id not in old
            parts.append(renderer.module_part(module, lang) if again else old[module.id])
        quiz_id = course.quiz.id
        again = wanted is None or quiz_id in wanted or quiz_id not in old
        parts.append(renderer.quiz_part(lang) if again else old[quiz_id])
        site = renderer.site_of(lang, parts)
        moved = [p.id for p in parts if p.id not in old or old[p.id].files != p.files]
        return site, moved
