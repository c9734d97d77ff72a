"""The `packager` command line: build, validate, answer-key, preview, certify, verify, revoke.
User errors print a message, never a traceback."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from packager.build import build as run_build
from packager.check import Limits, worst
from packager.check import validate as check_package
from packager.compile import answer_key as key
from packager.errors import PackagerError
from packager.formats import FORMATS
from packager.source import load_course

if TYPE_CHECKING:
    from packager.certify.report import Run

DEFAULT_CERTIFICATES = Path("dist") / "certificates"
# Chromium for preview --check, in order of preference: Chromium's own headless browser (Debian's
# chromium-headless-shell) starts a page for a quarter of the CPU of the full browser in headless mode.
CHROMIUMS = (Path("/usr/bin/chromium-headless-shell"), Path("/usr/bin/chromium"))

# Options that several commands share, declared once.
source_option = click.option(
    "--source",
    type=click.Path(path_type=Path),
    default=Path("modules"),
    show_default=True,
    help="Course source folder.",
)
registry_option = click.option(
    "--registry", help="SQLAlchemy URL of the registry [default: sqlite:///OUT/registry.sqlite]."
)


def certificates_option(text: str = "Folder of the certificates.") -> Callable:
    return click.option(
        "--out", type=click.Path(path_type=Path), default=DEFAULT_CERTIFICATES, show_default=True, help=text
    )


def fail(exc: PackagerError) -> None:
    click.echo(f"error: {exc}" if "\n" not in str(exc) else str(exc), err=True)
    sys.exit(exc.exit_code)


@click.group()
@click.version_option(package_name="packager")
def main() -> None:
    """Compile the bilingual course in modules/ into e-learning packages, and check packages."""


@main.command()
@source_option
@click.option("--out", type=click.Path(path_type=Path), default=Path("dist"), show_default=True, help="Output folder.")
@click.option("--lang", "languages", multiple=True, help="Build only this language (repeatable).")
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(sorted(FORMATS)),
    help="Build only this format (repeatable).",
)
@click.option(
    "--module",
    "modules",
    multiple=True,
    help="Build only the single-part package of this module (id or number) or of the quiz (repeatable).",
)
def build(source: Path, out: Path, languages, formats, modules) -> None:
    """Build every package into OUT, with OUT/build-report.json."""
    try:
        built = run_build(source, out, tuple(languages), tuple(formats), tuple(modules))
    except PackagerError as exc:
        fail(exc)
    for artifact in built.artifacts:
        click.echo(f"{artifact.path}  {artifact.sco_count} part(s)  {artifact.bytes} bytes")
    for name in built.removed:
        click.echo(f"removed {name}: the course no longer makes it")
    click.echo(f"{len(built.artifacts)} package(s) built in {out}/, report of all in {out}/build-report.json")


@main.command(
    epilog="""Outcomes and exit codes: sound 0; sound with warnings 0 (1 with --strict);
faulty 1; unusable 2 (not a zip or package folder, or refused as hostile); unsupported 3 (a format
this validator does not check, named). With several packages: the worst outcome's code, in the order
unusable, faulty, unsupported, sound."""
)
@click.argument("packages", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report with every finding (for CI).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--max-total-mib",
    type=click.IntRange(1),
    default=Limits().total_bytes >> 20,
    show_default=True,
    help="Refuse packages holding more uncompressed bytes than this.",
)
def validate(packages, as_json: bool, strict: bool, max_total_mib: int) -> None:
    """Check packages (SCORM 1.2, xAPI TinCan launch, cmi5): zips, or folders holding an unpacked package."""
    limits = Limits(total_bytes=max_total_mib << 20)
    reports = [check_package(path, limits, strict) for path in packages]
    if as_json:
        click.echo(json.dumps([r.as_json() for r in reports], indent=2, ensure_ascii=False))
    else:
        for report in reports:
            click.echo("\n".join(report.lines()))
    sys.exit(worst(reports))


@main.command("answer-key")
@click.option("--lang", required=True, help="Language of the key (a course language: fr, ar).")
@click.option("--format", "fmt", type=click.Choice(key.FORMATS), default="md", show_default=True)
@source_option
@click.option("--out", type=click.Path(path_type=Path), help="Write to this file instead of the terminal.")
def answer_key(lang: str, fmt: str, source: Path, out: Path | None) -> None:
    """The trainer's answer key of the whole quiz bank: ids, choices, right answers, feedback."""
    try:
        course = load_course(source)
        if lang not in course.languages:
            raise PackagerError(f"--lang {lang}: the course is in {', '.join(course.languages)}")
    except PackagerError as exc:
        fail(exc)
    text = key.answer_key(course, lang, fmt)
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@main.command(
    epilog="""Without --check: serves the course at http://HOST:PORT/ until Ctrl-C, rebuilding what a
source edit changes and reloading the open page. With --check: plays every part in headless Chromium
(pip install 'packager[preview]'), prints what each reported, exits 1 on any refused call or statement."""
)
@source_option
@click.option("--lang", help="Language to open (a course language, e.g. fr or ar) [default: the course's first].")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="scorm12",
    show_default=True,
    help="Package format to run.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free one).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the default browser.")
@click.option("--lrs", "lrs_url", help="Send statements to this LRS endpoint instead of the preview's own.")
@click.option(
    "--lrs-auth", envvar="PACKAGER_LRS_AUTH", help="USER:PASS for --lrs (or PACKAGER_LRS_AUTH); never printed."
)
@click.option("--check", is_flag=True, help="Run the whole course headless against the preview's LMS/LRS and report.")
@click.option(
    "--chromium",
    type=click.Path(path_type=Path),
    default=lambda: next((path for path in CHROMIUMS if path.is_file()), CHROMIUMS[-1]),
    show_default=" or ".join(map(str, CHROMIUMS)),
    envvar="PACKAGER_CHROMIUM",
    help="Chromium for --check (or PACKAGER_CHROMIUM).",
)
def preview(source, lang, fmt, port, host, open_browser, lrs_url, lrs_auth, check, chromium) -> None:
    """See the course as a learner and as the LMS sees it, live while editing."""
    from packager.preview.app import Preview
    from packager.preview.lrs import RemoteLrs

    try:
        remote = None
        if lrs_url:
            user, colon, secret = (lrs_auth or "").partition(":")
            if not colon:
                raise PackagerError("--lrs needs --lrs-auth USER:PASS (or PACKAGER_LRS_AUTH)")
            remote = RemoteLrs(lrs_url, user, secret)
        if check:
            from packager.preview.check import run_check

            chosen = click.get_current_context().get_parameter_source("fmt") is not ParameterSource.DEFAULT
            sys.exit(run_check(source, (fmt,) if chosen else None, lang, chromium, remote, click.echo))
        from packager.preview.serve import serve

        serve(Preview(source, fmt, lang, remote), host, port, open_browser, click.echo)
    except PackagerError as exc:
        fail(exc)


def _registry_url(registry: str | None, out: Path) -> str:
    return registry or f"sqlite:///{out / 'registry.sqlite'}"


@main.command()
@click.option(
    "--endpoint",
    envvar="LRS_ENDPOINT",
    required=True,
    help="LRS endpoint, e.g. https://lrs.example.org/xAPI/ (or LRS_ENDPOINT).",
)
@click.option("--username", envvar="LRS_USERNAME", required=True, help="LRS key (or LRS_USERNAME).")
@click.option("--password", envvar="LRS_PASSWORD", required=True, help="LRS secret (or LRS_PASSWORD).")
@registry_option
@certificates_option()
@click.option("--since", help="Read statements stored after this ISO 8601 time (default: the registry's watermark).")
@click.option(
    "--names",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="CSV of actor,name for learners without a name.",
)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes rendering PDFs.")
@click.option(
    "--concurrency",
    type=click.IntRange(1, 32),
    default=4,
    show_default=True,
    help="LRS queries running at the same time.",
)
@click.option(
    "--key",
    type=click.Path(path_type=Path),
    help="Signing key (created on first use) [default: ~/.config/packager/issuer-ed25519.pem].",
)
@click.option("--post-back", is_flag=True, help="Record an 'earned' statement in the LRS for each certificate issued.")
@click.option(
    "--timeout", type=click.FloatRange(1), default=30.0, show_default=True, help="Seconds to wait for each LRS answer."
)
@click.option(
    "--retries",
    type=click.IntRange(0, 20),
    default=5,
    show_default=True,
    help="Tries again after a connection error, a timeout or a 408/429/5xx answer (at once, then after "
    "2, 4, 8... times --backoff seconds).",
)
@click.option(
    "--backoff",
    type=click.FloatRange(0, 60),
    default=1.0,
    show_default=True,
    help="Back-off unit between tries, in seconds (an LRS behind a rate limiter may want more).",
)
@click.option(
    "--site",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of the static verification site to publish [default: OUT/site].",
)
@click.option(
    "--verbose", is_flag=True, help="Also print one line per learner issued or refused (report.json has them all)."
)
@source_option
def certify(
    endpoint,
    username,
    password,
    registry,
    out,
    since,
    names,
    workers,
    concurrency,
    key,
    post_back,
    timeout,
    retries,
    backoff,
    site,
    verbose,
    source,
) -> None:
    """Issue certificates to the learners who passed, from the LRS's statements."""
    from packager.certify.lrs import LRS
    from packager.certify.names import read_names
    from packager.certify.registry import Registry
    from packager.certify.run import certify as run_certify

    progress = _Progress() if sys.stderr.isatty() else None
    try:
        course = load_course(source)
        run = run_certify(
            course,
            LRS(endpoint, username, password, timeout=timeout, retries=retries, backoff=backoff),
            Registry(_registry_url(registry, out)),
            out,
            key,
            since,
            read_names(names),
            workers,
            post_back,
            progress or (lambda read, done, total: None),
            site,
            concurrency,
        )
    except PackagerError as exc:
        if progress:
            progress.end()
        fail(exc)
    if progress:
        progress.end()
    if verbose:
        for entry in run.issued:
            click.echo(f"  issued {entry['number']}  {entry['name']}  {round(entry['score'] * 100)} %")
        for entry in run.refused:
            click.echo(f"  refused {json.dumps(entry['actor'], ensure_ascii=False)}: {entry['reason']}")
    for line in _summary(run):
        click.echo(line)
    click.echo(f"report (every decision): {out / 'report.json'}; verification site: {site or out / 'site'}/")


class _Progress:
    """The progress line on a terminal (stderr), redrawn at most ten times a second."""

    def __init__(self) -> None:
        self.started = self.shown = time.monotonic()

    def __call__(self, read: int, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.shown >= 0.1 or done == total:
            self.shown = now
            rate = read / max(now - self.started, 1e-6)
            line = f"statements read: {read:,} ({rate:,.0f}/s), queries done: {done}/{total}"
            click.echo(f"\r{line}\033[K", nl=False, err=True)

    def end(self) -> None:
        click.echo(err=True)


def _summary(run: Run) -> list[str]:
    """A few lines whatever the number of learners: counts, refusals by reason, time."""
    seconds = run.seconds
    reading = seconds.get("reading", 0.0)
    rate = f" ({run.statements_read / reading:,.0f}/s)" if reading > 0 else ""
    lines = [
        f"statements read: {run.statements_read:,}{rate}, learners seen: {run.learners_seen:,}",
        f"issued: {len(run.issued):,}, refused: {len(run.refused):,}, skipped (already issued): {len(run.skipped):,}",
    ]
    lines += [f"  refused, {reason}: {count:,}" for reason, count in run.refused_by_reason.items()]
    phases = ", ".join(
        f"{phase} {seconds[phase]:.2f}" for phase in ("reading", "deciding", "issuing") if phase in seconds
    )
    lines.append(f"time: {seconds.get('total', 0.0):.2f} s ({phases})")
    return lines


@main.command()
@click.argument("target")
@registry_option
@certificates_option("Folder of the certificates (for a number).")
@click.option(
    "--site",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of the verification site (DID document, status lists) "
    "[default: site/ beside the certificate, or OUT/site].",
)
@click.option(
    "--issuer",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The issuer's DID document (did.json), when not in the site.",
)
def verify(target: str, registry: str | None, out: Path, site: Path | None, issuer: Path | None) -> None:
    """Is a certificate genuine? TARGET: a credential (.json), a PDF, or a certificate number.

    Exit 0 valid, 1 invalid (forged or altered), 2 unreadable input, 3 revoked, 4 unknown (not in
    the registry, or no DID document to check it with)."""
    from packager.certify.registry import Registry
    from packager.certify.verify import Sources, check_credential, check_number, check_pdf

    path = Path(target)
    folder = path.parent if path.suffix in (".json", ".pdf") else out
    try:
        url = _registry_url(registry, folder)
        has_registry = registry is not None or Path(url.removeprefix("sqlite:///")).exists()
        sources = Sources(site or folder / "site", issuer, Registry(url) if has_registry else None)
    except PackagerError as exc:
        fail(exc)
    if path.suffix == ".json":
        outcome = check_credential(path, sources)
    elif path.suffix == ".pdf":
        outcome = check_pdf(path, sources)
    else:
        outcome = check_number(target, out, sources)
    click.echo(f"{outcome.verdict.upper()}: {target}: {outcome.message}")
    sys.exit(outcome.exit_code)


@main.command()
@click.argument("number")
@click.option("--reason", required=True, help="Why the certificate is revoked (published on its page).")
@registry_option
@certificates_option()
@click.option(
    "--site",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of the verification site [default: OUT/site].",
)
@click.option(
    "--key", type=click.Path(path_type=Path), help="Signing key [default: ~/.config/packager/issuer-ed25519.pem]."
)
@source_option
def revoke(
    number: str, reason: str, registry: str | None, out: Path, site: Path | None, key: Path | None, source: Path
) -> None:
    """Revoke certificate NUMBER: record it (date, reason) and republish the signed status list."""
    from packager.certify.registry import Registry
    from packager.certify.revoke import revoke as run_revoke

    try:
        course = load_course(source)
        record = run_revoke(
            course, Registry(_registry_url(registry, out)), number, reason, out, site or out / "site", key
        )
    except PackagerError as exc:
        fail(exc)
    click.echo(f"revoked {record.number} ({record.name}) on {(record.revoked_at or '')[:10]}: {record.revoked_reason}")
    click.echo(f"status list and page republished in {site or out / 'site'}/: publish that folder")
