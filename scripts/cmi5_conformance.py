"""Run the cmi5 packages through ADL's CATAPULT lab: its Content Test Suite and its cmi5 player.

Development tooling, not a test (CI cannot fetch CATAPULT): the lab is rebuilt from local git
copies by ../shared/labs/cmi5 (setup.sh, start.sh). Given the lab's URLs and the built cmi5 zips,
for each language:

1. CTS: import the zip, create a test, launch every AU as a learner (every page walked, every
   check answered, the quiz passed), leave it, and read the CTS verdict per AU with the
   requirement ids it saw violated.
2. Player: import the zip, register a learner and launch every AU in Normal mode, then in Browse
   and in Review mode (pages read, nothing answered), then a second registration after the first
   in which the quiz is launched with masteryScore 0.55 and answered 11/20 right (which must
   pass). Every request the AU sent through the player is counted from the lab's log (one
   `C5LAB {json}` line per request in $LAB/logs/player.log), refused ones with the requirement the
   player quotes; each registration must end satisfied (GET /api/v1/registration/{id}).

How the learner leaves each AU (--leave): `exit`, by the AU's exit control (the LMS gives a
returnURL), after which the session must be terminated; or `close`, by navigating away right after
the last action, often while a request is still in flight (then the AU may leave the session for
the LMS to abandon: counted, not a failure; a refused request is, except one the player refuses
because it already abandoned that session, which it says is no violation: counted as "late").

Prints a table per language and AU and exits 0 only when everything passed.

    python -m scripts.cmi5_conformance [--lab /tmp/c5] [--leave exit|close] [dist/tip-maroc_course_fr_cmi5.zip ...]
    make cmi5-conformance
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from packager.preview.check import CHROMIUM_ARGS
from tests.browser.harness import CHROMIUM
from tests.browser.robot import answer, page_through, sco_data, walk_module

ROOT = Path(__file__).resolve().parent.parent
HOME_PAGE = "https://learners.example.org"
VERB = re.compile(r"/verbs/(\w+)$")
REQ_ID = re.compile(r"^(\d+\.\d+\.\d+\.\d+-\d+)")
# the player's refusals of a request in a session it abandoned (token, or statement): no violation, it says
ABANDONED = re.compile(r"\(Session abandoned\)$|^9\.3\.6\.0-2 ")
SETTLE = 1.5  # seconds without a new player request before an AU's launch counts as over
TERMINATION_WAIT = 10.0


def actor(name: str) -> dict:
    return {
        "objectType": "Agent",
        "name": name,
        "account": {"homePage": HOME_PAGE, "name": name.lower().replace(" ", "-")},
    }


# -- the lab's services ---------------------------------------------------------------------------


class Player:
    """CATAPULT player API (player/README.md upstream): a tenant of its own, a bearer token."""

    def __init__(self, base: str, key: str, secret: str):
        self.base = base.rstrip("/") + "/api/v1"
        http = requests.Session()
        tenant = self.check(
            http.post(f"{self.base}/tenant", auth=(key, secret), json={"code": f"packager-{uuid.uuid4()}"})
        )
        token = self.check(
            http.post(
                f"{self.base}/auth",
                auth=(key, secret),
                json={"tenantId": tenant["id"], "audience": "packager-conformance"},
            )
        )["token"]
        http.headers["Authorization"] = f"Bearer {token}"
        self.http = http

    @staticmethod
    def check(response: requests.Response) -> dict:
        if response.status_code >= 400:
            raise SystemExit(f"{response.request.method} {response.url}: {response.status_code} {response.text[:500]}")
        return response.json() if response.content else {}

    def import_course(self, zip_path: Path) -> dict:
        return self.check(
            self.http.post(
                f"{self.base}/course", data=zip_path.read_bytes(), headers={"Content-Type": "application/zip"}
            )
        )

    def register(self, course_id: int, learner: dict) -> dict:
        return self.check(self.http.post(f"{self.base}/registration", json={"courseId": course_id, "actor": learner}))

    def registration(self, registration_id: int) -> dict:
        return self.check(self.http.get(f"{self.base}/registration/{registration_id}"))

    def launch(self, course_id: int, au_index: int, learner: dict, code: str, **options) -> dict:
        payload = {"actor": learner, "reg": code, "returnUrl": f"{self.base}/ping", **options}
        return self.check(self.http.post(f"{self.base}/course/{course_id}/launch-url/{au_index}", json=payload))

    def session(self, session_id: int) -> dict:
        return self.check(self.http.get(f"{self.base}/session/{session_id}"))


class Cts:
    """CATAPULT Content Test Suite API (cts/README.md upstream), basic auth."""

    def __init__(self, base: str, user: str, password: str):
        self.base = base.rstrip("/") + "/api/v1"
        self.http = requests.Session()
        self.http.auth = (user, password)

    def import_course(self, zip_path: Path) -> dict:
        return Player.check(
            self.http.post(
                f"{self.base}/courses", data=zip_path.read_bytes(), headers={"Content-Type": "application/zip"}
            )
        )

    def new_test(self, course_id: int, learner: dict) -> dict:
        return Player.check(self.http.post(f"{self.base}/tests", json={"courseId": course_id, "actor": learner}))

    def new_session(self, test_id: int, au_index: int) -> dict:
        return Player.check(self.http.post(f"{self.base}/sessions", json={"testId": test_id, "auIndex": au_index}))

    def session(self, session_id: int) -> dict:
        return Player.check(self.http.get(f"{self.base}/sessions/{session_id}"))

    def test(self, test_id: int) -> dict:
        return Player.check(self.http.get(f"{self.base}/tests/{test_id}"))


class PlayerLog:
    """The lab's log of every request an AU sent through the player (C5LAB lines)."""

    def __init__(self, path: Path):
        self.path = path
        self.offset = path.stat().st_size

    def new(self) -> list[dict]:
        with open(self.path, "rb") as handle:
            handle.seek(self.offset)
            data = handle.read()
        end = data.rfind(b"\n") + 1
        self.offset += end
        return [json.loads(line.split("C5LAB ", 1)[1]) for line in data[:end].decode().splitlines() if "C5LAB " in line]

    def settle(self, until_terminated=None) -> list[dict]:
        """The requests since the last call, once the AU has gone quiet (and terminated, if asked)."""
        found, quiet_since, deadline = [], time.monotonic(), time.monotonic() + TERMINATION_WAIT
        while time.monotonic() < deadline:
            batch = self.new()
            found += batch
            if batch:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= SETTLE and (until_terminated is None or until_terminated()):
                break
            time.sleep(0.2)
        return found


# -- the learner ----------------------------------------------------------------------------------


def play(page: Page, url: str, leave: str, mode: str = "Normal", quiz_correct: int | None = None) -> str:
    """Open an AU, do everything it offers as a learner, and leave it as `leave` says; returns
    how it was left ("exit", or "close" also when the AU offered no exit control)."""
    page.goto(url)
    frame = page.main_frame
    data = sco_data(frame)
    if mode == "Review":
        page_through(frame)
    elif data["kind"] == "module":
        walk_module(frame)
    elif page.locator("#result").is_hidden():  # a quiz already submitted opens on its result
        items = {i["id"]: i for i in data["items"]}
        drawn = page.locator(".question:not([hidden])").evaluate_all("els => els.map(e => e.dataset.question)")
        right = len(drawn) if quiz_correct is None else quiz_correct
        for index, item_id in enumerate(drawn):
            answer(frame, items[item_id], correct=index < right)
        submit = page.locator('[data-quiz="submit"]')
        if submit.is_enabled():
            submit.click()
            page.locator("#result:not([hidden])").wait_for()
    exit_control = page.locator('[data-nav="exit"]')
    if leave == "exit" and exit_control.is_visible():
        exit_control.click()
        page.wait_for_url(lambda now: now != url, timeout=TERMINATION_WAIT * 1000)  # the returnURL
        return "exit"
    page.goto("about:blank")
    return "close"


# -- results --------------------------------------------------------------------------------------


@dataclass
class Launch:
    lang: str
    phase: str
    au: str
    statements_ok: int = 0
    statements_refused: int = 0
    other_refused: int = 0
    late: int = 0  # refused because the LMS had abandoned their session (a page closed earlier)
    requests: int = 0
    verbs: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    verdict: str = ""
    left: str = ""  # exit / close
    terminated: bool | None = None
    problems: list[str] = field(default_factory=list)

    def count(self, lines: list[dict]) -> None:
        for line in lines:
            self.requests += 1
            if line["status"] >= 400 and ABANDONED.search(line.get("error") or ""):
                self.late += 1
                continue
            refused = line["status"] >= 400
            statement = line["path"].endswith("/statements") and line["method"] in ("put", "post")
            verbs = line.get("verb") if isinstance(line.get("verb"), list) else [line.get("verb")]
            if statement:
                self.verbs += [f"{(VERB.search(v or '') or [None, '?'])[1]}{'!' if refused else ''}" for v in verbs]
                if refused:
                    self.statements_refused += len(verbs)
                else:
                    self.statements_ok += len(verbs)
            elif (
                refused
                and not (
                    line["path"].endswith("/activities/state") and line["method"] == "get" and line["status"] == 404
                )
                and not (line["path"].endswith("/agents/profile") and line["status"] == 404)
            ):
                self.other_refused += 1
            if refused and line.get("error"):
                found = REQ_ID.match(line["error"])
                self.violations.append(found[1] if found else line["error"][:60])

    @property
    def ok(self) -> bool:
        return not (self.statements_refused or self.other_refused or self.problems) and self.verdict in (
            "",
            "conformant",
        )


def run_cts(cts: Cts, browser: Browser, zip_path: Path, lang: str, leave: str) -> list[Launch]:
    course = cts.import_course(zip_path)
    aus = course["metadata"]["aus"]
    test = cts.new_test(course["id"], actor(f"CTS learner {lang}"))
    context = browser.new_context()
    page = context.new_page()
    sessions, left = [], []
    for index in range(len(aus)):
        session = cts.new_session(test["id"], index)
        left.append(play(page, session["launchUrl"], leave))
        sessions.append(session["id"])
        time.sleep(SETTLE)
    time.sleep(SETTLE)
    verdicts = cts.test(test["id"])["metadata"]
    results = []
    for index, (au, session_id) in enumerate(zip(aus, sessions, strict=True)):
        launch = Launch(lang, "CTS", au["id"].rsplit("/", 1)[-1], left=left[index])
        launch.violations = list(cts.session(session_id)["metadata"]["violatedReqIds"])
        launch.verdict = verdicts["aus"][index]["result"]
        results.append(launch)
    context.close()
    print(f"  CTS test {test['id']} ({lang}): overall {verdicts['result']}", flush=True)
    return results


def satisfied(player: Player, registration_id: int) -> tuple[bool, list[bool]]:
    found = player.registration(registration_id)
    aus = [bool(a.get("isSatisfied", a.get("is_satisfied"))) for a in found["aus"]]
    return bool(found["metadata"]["moveOn"]["satisfied"]), aus


def launch_all(
    player: Player,
    log: PlayerLog,
    page: Page,
    course: dict,
    learner: dict,
    registration: dict,
    lang: str,
    phase: str,
    mode: str,
    *,
    leave: str,
    quiz: dict | None = None,
) -> list[Launch]:
    results = []
    for index, au in enumerate(course["metadata"]["aus"]):
        options = {"launchMode": mode}
        is_quiz = au["id"].endswith("/quiz")
        if is_quiz and quiz:
            options["masteryScore"] = quiz["mastery"]
        launched = player.launch(course["id"], index, learner, registration["code"], **options)
        log.new()  # nothing before this launch counts for it
        left = play(page, launched["url"], leave, mode, quiz["correct"] if is_quiz and quiz else None)
        launch = Launch(lang, phase, au["id"].rsplit("/", 1)[-1], left=left)
        session = launched["id"]
        exited = left == "exit"
        terminated = (lambda s=session: bool(player.session(s).get("isTerminated"))) if exited else None
        launch.count(log.settle(terminated))
        state = player.session(session)
        launch.terminated = bool(state.get("isTerminated"))
        if exited and not launch.terminated:
            launch.problems.append("not terminated after the exit control")
        if mode == "Normal" and not (state.get("isCompleted") or state.get("isPassed")):
            launch.problems.append("not completed/passed")
        if is_quiz and quiz and not state.get("isPassed"):
            launch.problems.append(f"{quiz['correct']}/20 with masteryScore {quiz['mastery']} did not pass")
        results.append(launch)
    return results


def run_player(
    player: Player, log: PlayerLog, browser: Browser, zip_path: Path, lang: str, *, leave: str
) -> tuple[list[Launch], list[str]]:
    course = player.import_course(zip_path)
    learner = actor(f"Player learner {lang}")
    context: BrowserContext = browser.new_context()  # one browser for the learner, as in real life
    page = context.new_page()
    results, problems = [], []
    first = player.register(course["id"], learner)
    for phase, mode in (("normal", "Normal"), ("browse", "Browse"), ("review", "Review")):
        results += launch_all(player, log, page, course, learner, first, lang, phase, mode, leave=leave)
        if phase == "normal":
            whole, aus = satisfied(player, first["id"])
            if not whole:
                problems.append(f"{lang}: registration 1 not satisfied after the Normal run (AUs satisfied: {aus})")
    second = player.register(course["id"], learner)
    results += launch_all(
        player,
        log,
        page,
        course,
        learner,
        second,
        lang,
        "2nd reg",
        "Normal",
        leave=leave,
        quiz={"mastery": 0.55, "correct": 11},
    )
    whole, aus = satisfied(player, second["id"])
    if not whole:
        problems.append(f"{lang}: registration 2 not satisfied (AUs satisfied: {aus})")
    context.close()
    return results, problems


def table(results: list[Launch]) -> str:
    head = (
        f"{'lang':4} {'run':8} {'AU':5} {'stmt ok':>7} {'refused':>7} {'other':>5} {'late':>4}  {'left':5} "
        f"{'ended':10} {'verdict':15} violated / problems"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        violated = sorted(set(r.violations))
        ended = "" if r.terminated is None else "terminated" if r.terminated else "open"
        verdict = r.verdict or ("ok" if r.ok else "REFUSED")
        lines.append(
            f"{r.lang:4} {r.phase:8} {r.au:5} {r.statements_ok:7} {r.statements_refused:7} "
            f"{r.other_refused:5} {r.late:4}  {r.left:5} {ended:10} {verdict:15} "
            f"{' '.join(violated)} {'; '.join(r.problems)}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "zips",
        nargs="*",
        type=Path,
        default=[ROOT / "dist" / f"tip-maroc_course_{lang}_cmi5.zip" for lang in ("fr", "ar")],
    )
    parser.add_argument("--lab", type=Path, default=Path("/tmp/c5"), help="the lab's folder ($LAB of setup.sh)")
    parser.add_argument("--player", default="http://127.0.0.1:8120")
    parser.add_argument("--player-key", default="BasicKey:BasicSecret")
    parser.add_argument("--cts", default="http://127.0.0.1:8130")
    parser.add_argument("--cts-user", default="lab:labpass")
    parser.add_argument(
        "--leave",
        choices=("exit", "close"),
        default="exit",
        help="exit: by the AU's exit control; close: navigate away right after the last action",
    )
    parser.add_argument("--skip-cts", action="store_true")
    parser.add_argument("--skip-player", action="store_true")
    parser.add_argument("--verbs", action="store_true", help="also print the verbs each launch sent (! = refused)")
    args = parser.parse_args()
    for path in args.zips:
        if not path.is_file():
            parser.error(f"{path}: no such package (build it: packager build --format cmi5)")

    results, problems = [], []
    with sync_playwright() as playwright:
        plain = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        # The CTS serves the LRS proxy and fetch URL on its own port, the content from the player's:
        # upstream puts both behind one host, the lab does not, hence no same-origin policy here.
        relaxed = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS + ["--disable-web-security"], headless=True
        )
        player = None if args.skip_player else Player(args.player, *args.player_key.split(":", 1))
        cts = None if args.skip_cts else Cts(args.cts, *args.cts_user.split(":", 1))
        for path in args.zips:
            lang = next((lang for lang in ("fr", "ar") if f"_{lang}_" in path.name), path.stem)
            if cts:
                print(f"CTS: {path.name}", flush=True)
                results += run_cts(cts, relaxed, path, lang, args.leave)
            if player:
                print(f"player: {path.name}", flush=True)
                log = PlayerLog(args.lab / "logs" / "player.log")
                found, trouble = run_player(player, log, plain, path, lang, leave=args.leave)
                results += found
                problems += trouble
        relaxed.close()
        plain.close()

    print(table(results))
    if args.verbs:
        for r in results:
            if r.verbs:
                print(f"{r.lang} {r.phase} {r.au}: {' '.join(r.verbs)}")
    for phase in sorted({(r.lang, r.phase) for r in results}):
        rows = [r for r in results if (r.lang, r.phase) == phase]
        if phase[1] == "CTS":  # the CTS's own verdict (its requests are not counted here)
            violated = sorted({v for r in rows for v in r.violations})
            print(
                f"{phase[0]} CTS     : AUs conformant {sum(r.verdict == 'conformant' for r in rows)}/{len(rows)}, "
                f"violated {' '.join(violated) or 'nothing'}"
            )
            continue
        print(
            f"{phase[0]} {phase[1]:8}: statements accepted {sum(r.statements_ok for r in rows)}, "
            f"refused {sum(r.statements_refused for r in rows)}, "
            f"other requests refused {sum(r.other_refused for r in rows)}, "
            f"late (session already abandoned) {sum(r.late for r in rows)}, "
            f"sessions terminated {sum(bool(r.terminated) for r in rows)}/{len(rows)}"
        )
    for problem in problems:
        print("PROBLEM:", problem)
    passed = all(r.ok for r in results) and not problems
    print("PASS" if passed else "FAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
