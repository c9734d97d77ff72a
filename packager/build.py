"""`packager build`: load and check the source, render per language, package per format, validate, publish.

Packages are written to a staging folder inside the output folder, validated there, then each is
moved into place with an atomic rename; a failure at any point leaves `out/` as it was.

`build-report.json` always describes the course's packages that are in `out/`: a restricted build
(--lang, --format, --module) updates the entries it rebuilt and keeps the others that are still there;
a full build also removes the course's packages it no longer makes (a module removed, say) and says so.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from packager.check import validate
from packager.compile.archive import Archiver
from packager.compile.render import Renderer
from packager.compile.site import Part, Site
from packager.errors import PackageError, PackagerError
from packager.formats import FORMATS, Format
from packager.source import load_course
from packager.source.model import Course

REPORT = "build-report.json"


@dataclass(frozen=True)
class Built:
    """What a build did: the packages it wrote, and the stale packages a full build removed."""

    artifacts: list[Artifact]
    removed: list[str]


@dataclass(frozen=True)
class Artifact:
    path: str
    format: str
    language: str
    part: str
    sco_count: int | None  # None: a package kept from a build that did not record it
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
        raise PackagerError(
            f"--module {', '.join(missing)}: not a module of the course "
            f"(use one of: {', '.join([m.id for m in course.modules] + [course.quiz.id])})"
        )
    order = [m.id for m in course.modules] + [course.quiz.id]
    chosen = {known[w] for w in wanted}
    return [part for part in order if part in chosen]


def build(
    source: Path,
    out: Path,
    languages: tuple[str, ...] = (),
    formats: tuple[str, ...] = (),
    modules: tuple[str, ...] = (),
) -> Built:
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
        full = not (languages != tuple(course.languages) or formats != tuple(FORMATS) or chosen)
        return _publish(course, artifacts, staging, out, full)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _publish(course: Course, artifacts: list[Artifact], staging: Path, out: Path, full: bool) -> Built:
    """Move the packages into place and write the report of what `out/` holds."""
    built = {a.path for a in artifacts}
    present = {p.name for p in out.glob(f"{course.id}_*.zip")} - built
    removed = sorted(present) if full else []
    previous = _previous(out)
    kept = [] if full else [_describe(out, name, previous.get(name)) for name in sorted(present)]
    report = {"course": course.id, "version": course.version, "artifacts": [a.__dict__ for a in artifacts + kept]}
    (staging / REPORT).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for artifact in artifacts:
        os.replace(staging / artifact.path, out / artifact.path)
    for name in removed:
        (out / name).unlink()
    os.replace(staging / REPORT, out / REPORT)
    return Built(artifacts, removed)


def _previous(out: Path) -> dict[str, dict]:
    try:
        return {a["path"]: a for a in json.loads((out / REPORT).read_text(encoding="utf-8"))["artifacts"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _describe(out: Path, name: str, previous: dict | None) -> Artifact:
    """The entry of a package kept from an earlier build: its recorded entry, with size and digest
    taken from the file as it is now (its name says part, language and format)."""
    data = (out / name).read_bytes()
    _, part, lang, fmt = name[: -len(".zip")].rsplit("_", 3)
    sco_count = previous.get("sco_count") if previous else None
    return Artifact(name, fmt, lang, part, sco_count, len(data), hashlib.sha256(data).hexdigest())


def _package(
    course: Course, site: Site, fmt: Format, package: str, parts: list[Part], staging: Path, archiver: Archiver
) -> Artifact:
    name = package_name(course, package, site.language, fmt.name)
    path = staging / name
    archiver.write(path, fmt.files(course, site, parts, package))
    report = validate(path)
    if report.findings:
        details = "\n".join(f"  {f}" for f in report.findings)
        raise PackageError(f"{name} did not pass validation; nothing was published:\n{details}")
    data = path.read_bytes()
    return Artifact(name, fmt.name, site.language, package, len(parts), len(data), hashlib.sha256(data).hexdigest())
