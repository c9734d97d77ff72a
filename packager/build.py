"""`packager build`: load and check the source, render per language, package per format, validate, publish.

Packages are written to a staging folder inside the output folder, validated there, then each is
moved into place with an atomic rename; a failure at any point leaves `out/` as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from packager.compile.archive import Archiver
from packager.errors import PackageError, PackagerError
from packager.formats import FORMATS, Format
from packager.source.model import Course
from packager.compile.render import Renderer
from packager.compile.site import Part, Site
from packager.source import load_course
from packager.check import validate

REPORT = "build-report.json"


@dataclass(frozen=True)
class Artifact:
    path: str
    format: str
    language: str
    part: str
    sco_count: int
    bytes: int
    sha256: str


def package_name(course: Course, part: str, lang: str, fmt: str) -> str:
    return f"{course.id}_{part}_{lang}_{fmt}.zip"


def select_parts(course: Course, wanted: tuple[str, ...]) -> list[str]:
    """Part ids for --module values: a module id, its number (1 or 01), or the quiz id."""
    known = {m.id: m.id for m in course.modules}
    known.update({str(m.number): m.id for m in course.modules})
    known.update({f"{m.number:02d}": m.id for m in course.modules})
    known[course.quiz.id] = course.quiz.id
    missing = [w for w in wanted if w not in known]
    if missing:
        raise PackagerError(f"--module {', '.join(missing)}: not a module of the course "
                            f"(use one of: {', '.join([m.id for m in course.modules] + [course.quiz.id])})")
    order = [m.id for m in course.modules] + [course.quiz.id]
    chosen = {known[w] for w in wanted}
    return [part for part in order if part in chosen]


def build(source: Path, out: Path, languages: tuple[str, ...] = (), formats: tuple[str, ...] = (),
          modules: tuple[str, ...] = ()) -> list[Artifact]:
    course = load_course(source)
    unknown = [lang for lang in languages if lang not in course.languages]
    if unknown:
        raise PackagerError(f"--lang {', '.join(unknown)}: the course is in {', '.join(course.languages)}")
    languages = languages or tuple(course.languages)
    formats = formats or tuple(FORMATS)
    chosen = select_parts(course, modules) if modules else []
    renderer = Renderer(course)
    archiver = Archiver()

    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out))
    try:
        artifacts = []
        for lang in languages:
            site = renderer.site(lang)
            for fmt in formats:
                packages = [] if chosen else [("course", site.parts)]
                if FORMATS[fmt].single_parts:
                    packages += [(p.id, [p]) for p in site.parts if not chosen or p.id in chosen]
                for package, parts in packages:
                    artifacts.append(_package(course, site, FORMATS[fmt], package, parts, staging, archiver))
        report = {"course": course.id, "version": course.version,
                  "artifacts": [a.__dict__ for a in artifacts]}
        (staging / REPORT).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        for artifact in artifacts:
            os.replace(staging / artifact.path, out / artifact.path)
        os.replace(staging / REPORT, out / REPORT)
        return artifacts
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _package(course: Course, site: Site, fmt: Format, package: str, parts: list[Part], staging: Path,
             archiver: Archiver) -> Artifact:
    name = package_name(course, package, site.language, fmt.name)
    path = staging / name
    archiver.write(path, fmt.files(course, site, parts, package))
    report = validate(path)
    if report.status != "sound" or report.findings:
        details = "\n".join(f"  {f}" for f in report.findings)
        raise PackageError(f"{name} did not pass validation; nothing was published:\n{details}")
    data = path.read_bytes()
    return Artifact(name, fmt.name, site.language, package, len(parts), len(data), hashlib.sha256(data).hexdigest())
