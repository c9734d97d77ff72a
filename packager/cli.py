"""The `packager` command line: build and validate. User errors print a message, never a traceback."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from packager import answer_key as key
from packager.build import build as run_build
from packager.formats import FORMATS
from packager.errors import PackagerError
from packager.source import load_course
from packager.validate import Limits, validate as check_package


@click.group()
@click.version_option(package_name="packager")
def main() -> None:
    """Compile the bilingual course in modules/ into e-learning packages, and check packages."""


@main.command()
@click.option("--source", type=click.Path(path_type=Path), default=Path("modules"), show_default=True,
              help="Course source folder.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("dist"), show_default=True,
              help="Output folder.")
@click.option("--lang", "languages", multiple=True, help="Build only this language (repeatable).")
@click.option("--format", "formats", multiple=True, type=click.Choice(sorted(FORMATS)),
              help="Build only this format (repeatable).")
@click.option("--module", "modules", multiple=True,
              help="Build only the single-part package of this module (id or number) or of the quiz (repeatable).")
def build(source: Path, out: Path, languages, formats, modules) -> None:
    """Build every package into OUT, with OUT/build-report.json."""
    try:
        artifacts = run_build(source, out, tuple(languages), tuple(formats), tuple(modules))
    except PackagerError as exc:
        click.echo(f"error: {exc}" if not str(exc).count("\n") else str(exc), err=True)
        sys.exit(exc.exit_code)
    for artifact in artifacts:
        click.echo(f"{artifact.path}  {artifact.sco_count} SCO  {artifact.bytes} bytes")
    click.echo(f"{len(artifacts)} package(s) in {out}/, report in {out}/build-report.json")


@main.command()
@click.argument("zips", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report (for CI).")
@click.option("--max-total-mib", type=click.IntRange(1), default=Limits().total_bytes >> 20, show_default=True,
              help="Refuse zips declaring more uncompressed bytes than this.")
def validate(zips, as_json: bool, max_total_mib: int) -> None:
    """Check SCORM 1.2 packages. Exit 0 sound, 1 faults, 2 unusable input."""
    limits = Limits(total_bytes=max_total_mib << 20)
    reports = [check_package(path, limits) for path in zips]
    if as_json:
        click.echo(json.dumps([r.as_json() for r in reports], indent=2, ensure_ascii=False))
    else:
        for report in reports:
            click.echo(f"{report.path}: {report.status}")
            for finding in report.findings:
                click.echo(f"  {finding}")
    sys.exit(max(r.exit_code for r in reports))


@main.command("answer-key")
@click.option("--lang", required=True, help="Language of the key (a course language: fr, ar).")
@click.option("--format", "fmt", type=click.Choice(key.FORMATS), default="md", show_default=True)
@click.option("--source", type=click.Path(path_type=Path), default=Path("modules"), show_default=True,
              help="Course source folder.")
@click.option("--out", type=click.Path(path_type=Path), help="Write to this file instead of the terminal.")
def answer_key(lang: str, fmt: str, source: Path, out: Path | None) -> None:
    """The trainer's answer key of the whole quiz bank: ids, choices, right answers, feedback."""
    try:
        course = load_course(source)
        if lang not in course.languages:
            raise PackagerError(f"--lang {lang}: the course is in {', '.join(course.languages)}")
    except PackagerError as exc:
        click.echo(f"error: {exc}" if not str(exc).count("\n") else str(exc), err=True)
        sys.exit(exc.exit_code)
    text = key.answer_key(course, lang, fmt)
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
