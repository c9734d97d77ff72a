"""`packager preview --check`: the whole course played by a robot in headless Chromium, against the
preview's enforcing LMS (SCORM) or LRS (xAPI), for every format and language asked for.

Each part is played from a fresh attempt: a module through every page, every check answered wrong
then right; the quiz answered right, then (a new attempt) wrong. Then the session is closed as a
learner closes it (the content unloaded). What the part reported is read from the preview's event
log: a problem is any call or statement the LMS/LRS refused (named with its error), a session not
opened and closed exactly once, or a status that is not the one the run earns (a module completed,
the quiz passed with 100, failed with 0). Exit status 1 if there is any.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from packager.errors import PackagerError
from packager.preview.app import SCORM, SUPPORTED, Preview
from packager.preview.lrs import RemoteLrs
from packager.preview.server import PreviewServer

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SETTLE = 10.0  # seconds to wait for a closed session's last calls or statements
QUIET = 0.3  # seconds without a request that say the content has sent what it had to
# What each SCORM version calls things: its API's functions, the elements of status and score, and the
# code that answers a read of a value not set yet (SCORM 2004's 403: information, not a fault).
SCORM_NAMES = {
    "scorm12": {
        "initialize": "LMSInitialize",
        "terminate": "LMSFinish",
        "get": "LMSGetValue",
        "status": ["cmi.core.lesson_status"],
        "score": "cmi.core.score.raw",
    },
    "scorm2004": {
        "initialize": "Initialize",
        "terminate": "Terminate",
        "get": "GetValue",
        "unset": "403",
        "status": ["cmi.completion_status", "cmi.success_status"],
        "score": "cmi.score.raw",
    },
}
EXPECTED = {"walk": ("completed", None), "right": ("passed", 100.0), "wrong": ("failed", 0.0), "home": ("", None)}


@dataclass
class Run:
    format: str
    lang: str
    part: str
    how: str  # walk (a module), right / wrong (the quiz), home (the TinCan launch page)
    status: str = ""
    score: str = ""
    reports: int = 0  # API calls or LRS requests
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PackagerError(
            "--check runs Chromium through Playwright, which is not installed: pip install 'packager[preview]'"
        ) from None
    return sync_playwright


def run_check(
    source: Path,
    formats: tuple[str, ...] | None,
    lang: str | None,
    chromium: Path,
    remote: RemoteLrs | None,
    say: Callable[[str], None],
) -> int:
    """Check every part in each format and language; print the table; 0 if sound, 1 if not."""
    sync_playwright = _playwright()
    if not chromium.is_file():
        raise PackagerError(
            f"--check needs Chromium: {chromium} does not exist (give --chromium PATH or "
            f"PACKAGER_CHROMIUM; on Debian: apt install chromium-headless-shell)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True)
        runs = check_course(source, formats, lang, remote, browser)
        browser.close()
    for line in table(runs):
        say(line)
    return 1 if any(run.problems for run in runs) else 0


def check_course(
    source: Path, formats: tuple[str, ...] | None, lang: str | None, remote: RemoteLrs | None, browser
) -> list[Run]:
    """The runs of every part in each format (default: every one the preview runs) and language
    (default: every one of the course), in `browser` (a Playwright Browser)."""
    formats = formats or SUPPORTED
    preview = Preview(source, formats[0], lang, remote)
    languages = (lang,) if lang else preview.live.languages
    server = PreviewServer(preview).start()
    runs: list[Run] = []
    try:
        for fmt in formats:
            for language in languages:
                runs += Checker(preview, server, browser, fmt, language).all()
    finally:
        server.stop()
    return runs


class Checker:
    """The runs of one format and language, in one page of the preview."""

    def __init__(self, preview: Preview, server: PreviewServer, browser, fmt: str, lang: str):
        self.preview, self.fmt, self.lang = preview, fmt, lang
        preview.change(format=fmt, lang=lang, mode="normal", mastery=None)
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.goto(server.url + "/")
        self.page.wait_for_selector("html[data-launched][data-events]", state="attached")
        self.page.evaluate("Packager.use('lms.main').close()")

    def all(self) -> list[Run]:
        quiz = self.preview.live.course.quiz.id
        runs = []
        for activity in self.preview.activities():
            if activity.id == "course":
                runs.append(self.run(activity.id, "home"))
            elif activity.id == quiz:
                runs += [self.run(quiz, "right"), self.run(quiz, "wrong")]
            else:
                runs.append(self.run(activity.id, "walk"))
        self.page.close()
        return runs

    def run(self, part: str, how: str) -> Run:
        from playwright.sync_api import Error

        started = time.perf_counter()
        attempt = self.preview.reset(part)
        registration = self.preview.registration() if self.fmt not in SCORM else ""
        run = Run(self.fmt, self.lang, part, how)
        try:
            self.play(run)
        except Error as error:
            run.problems.append(f"the robot could not play the part: {str(error).splitlines()[0]}")
        self.page.evaluate("Packager.use('lms.main').close()")
        if self.fmt in SCORM:
            self.scorm(run, attempt)
        else:
            self.xapi(run, registration)
        run.seconds = time.perf_counter() - started
        return run

    def play(self, run: Run) -> None:
        """What a learner does in the part: see methods all() and the module docstring."""
        from packager.preview.robot import ready, take_quiz, walk_module

        self.page.evaluate("part => Packager.use('lms.main').open(part)", run.part)
        frame = self.page.query_selector("#sco").content_frame()
        if run.how == "home":
            frame.wait_for_url("**/content/**")
            frame.wait_for_load_state("load")
            links = frame.locator("a[data-part]").evaluate_all("links => links.map(a => a.href)")
            run.problems += [
                f"the course page's link {link.split('?')[0]} does not carry the launch parameters"
                for link in links
                if "endpoint=" not in link
            ]
        elif run.how == "walk":
            walk_module(ready(frame), wrong_first=True)
        else:
            take_quiz(ready(frame), run.how == "right")
        if self.fmt not in SCORM:
            self.quiet(run)

    def quiet(self, run: Run) -> None:
        """The learner reads the page before leaving: wait until the LRS has heard nothing new from the
        part for a moment. (Leaving while a statement is in flight races it against the last batch sent
        at pagehide; a conformant cmi5 LMS refuses what arrives after terminated, 8.1.2.0-2.)"""
        registration = self.preview.registration()
        heard, since = -1, time.monotonic()
        deadline = since + SETTLE
        while time.monotonic() < deadline:
            count = len(self.preview.events.select(type="lrs", registration=registration))
            if count != heard:
                heard, since = count, time.monotonic()
            elif time.monotonic() - since >= QUIET:
                return
            time.sleep(0.05)

    def settled(self, done: Callable[[], bool]) -> None:
        deadline = time.monotonic() + SETTLE
        while not done() and time.monotonic() < deadline:
            time.sleep(0.05)

    def scorm(self, run: Run, attempt: str) -> None:
        events, names = self.preview.events, SCORM_NAMES[self.fmt]
        start, end = names["initialize"], names["terminate"]

        def calls() -> list[dict]:
            return sorted(events.select(type="call", attempt=attempt), key=lambda c: c["seq"])

        self.settled(lambda: any(c["method"] == end for c in calls()))
        found = calls()
        run.reports = len(found)
        run.problems += [
            f"{c['method']}({_args(c['args'])}) → error {c['error']}: {c['diagnostic']}"
            for c in found
            if c["error"] != "0" and not (c["error"] == names.get("unset") and c["method"] == names["get"])
        ]
        methods = [c["method"] for c in found]
        if methods.count(start) != 1 or methods[0] != start:
            run.problems.append(f"{start} called {methods.count(start)} time(s); once, first, expected")
        if methods.count(end) != 1 or methods[-1:] != [end]:
            run.problems.append(f"{end} called {methods.count(end)} time(s); once, last, expected")
        values = (self.preview.records.get((self.fmt, self.lang, run.part)) or {}).get("values", {})
        statuses = [values.get(name, "") for name in names["status"]]
        run.status = next((s for s in statuses if s in ("passed", "failed")), statuses[0])
        run.score = values.get(names["score"], "")
        self.outcome(run)

    def xapi(self, run: Run, registration: str) -> None:
        events = self.preview.events
        iri = self.preview.objects.get(run.part, "")  # cmi5: the LMS's activity id of the AU's session

        def mine() -> list[dict]:
            return events.select(type="lrs", registration=registration)

        def verbs() -> list[tuple[str, dict]]:
            return [
                (e["statement"]["verb"]["id"].rsplit("/", 1)[-1], e["statement"])
                for e in mine()
                if "statement" in e and e["status"] < 400 and e["statement"].get("object", {}).get("id") == iri
            ]

        self.settled(lambda: run.how == "home" or any(v == "terminated" for v, _ in verbs()))
        found = mine()
        run.reports = len(found)
        run.problems += [
            _refusal(e)
            for e in found
            if e["status"] >= 400 and not (e["method"] == "GET" and e["status"] == 404 and "statement" not in e)
        ]
        outcomes = [(v, s) for v, s in verbs() if v in ("completed", "passed", "failed")]
        if outcomes:
            run.status = outcomes[-1][0]
            score = (outcomes[-1][1].get("result") or {}).get("score") or {}
            run.score = f"{score['raw']:g}" if "raw" in score else ""
        if run.how != "home" and "terminated" not in [v for v, _ in verbs()]:
            run.problems.append("no terminated statement accepted for the session")
        self.outcome(run)

    @staticmethod
    def outcome(run: Run) -> None:
        status, score = EXPECTED[run.how]
        if run.status != status and not (run.how == "home" and not run.status):
            run.problems.append(f"reported status {run.status or 'none'!r}; the {run.how} run earns {status!r}")
        if score is not None and (not run.score or float(run.score) != score):
            run.problems.append(f"reported score {run.score or 'none'}; the {run.how} run earns {score:g}")


def _args(args: list) -> str:
    return ", ".join(f'"{a}"' if len(str(a)) <= 60 else f"<{len(str(a))} characters>" for a in args)


def _refusal(event: dict) -> str:
    if "statement" in event:
        statement = event["statement"]
        verb = (statement.get("verb") or {}).get("id", "?").rsplit("/", 1)[-1]
        what = f"statement {statement.get('id', '?')} ({verb} {(statement.get('object') or {}).get('id', '?')})"
    else:
        what = f"{event['method']} {event['resource']}"
    return f"{what} → {event['status']}: {event['reason']}"


def table(runs: list[Run]) -> list[str]:
    """The report: one row per run, then every problem, then the verdict."""
    header = ("format", "lang", "part", "run", "status", "score", "calls", "problems", "seconds")
    rows = [header] + [
        (
            r.format,
            r.lang,
            r.part,
            r.how,
            r.status or "-",
            r.score or "-",
            str(r.reports),
            str(len(r.problems)),
            f"{r.seconds:.1f}",
        )
        for r in runs
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    for run in runs:
        counts = Counter(run.problems)  # a SCO that saves its state at every page breaks the same rule each time
        lines += [
            f"PROBLEM {run.format} {run.lang} {run.part} ({run.how}): {problem}" + (f" ({n} times)" if n > 1 else "")
            for problem, n in counts.items()
        ]
    bad = sum(1 for r in runs if r.problems)
    total = sum(r.seconds for r in runs)
    lines.append(
        f"{len(runs)} run(s) in {total:.1f} s: " + (f"{bad} with problems" if bad else "every part reported soundly")
    )
    return lines
