"""Benchmark: `packager certify` against Learning Locker's statement service, beside a plain client.

Starts the LRS of the tests (npm xapi-statements@5.0.1, in memory), loads N statements shaped like
the course's real traffic, then times, in the same run and against the same LRS:

1. a plain client: `requests`, the same deciding queries as certify (voided; passed and failed on
   the quiz; completed per module), the same paging (pages of 500, `more` followed), each page
   decoded as JSON and nothing else: the floor of what reading the LRS costs;
2. `packager certify` on a fresh registry (decide, issue the certificates earned, report);
3. paging through every statement (no filter), what a client without server-side filters pays.

Both 1 and 2 run as separate programs (`python ...`), timed from outside, with their peak memory.

Traffic: learners drop out along the way (most open a module or two, a few finish); a learner's
path is the runtime's statements in order: per module initialized, experienced per page, answered
per knowledge check, completed, terminated; then the quiz's initialized, answered per item drawn,
passed or failed (a retry after a failure), terminated; a few passes are voided.

    python bench/certify_lrs.py [--statements 100000] [--million] [--concurrency 4] [--workers 1]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from bench.plain_client import PAGE, read_all  # noqa: E402
from packager.certify.run import deciding_queries  # noqa: E402
from packager.source import load_course  # noqa: E402
from packager.source.model import Course  # noqa: E402
from packager.spec.xapi import ACTIVITY_TYPES, VERBS, page_iri, part_iri, question_iri  # noqa: E402
from tests.browser.harness import LRS_CREDENTIALS, certify_command, start_lrs  # noqa: E402

BATCH = 2000  # statements per POST when loading (EXPRESS_BODY_PARSER_LIMIT is raised for them)
NAMES = ["Amina Benali", "فاطمة الزهراء الإدريسي", "Jean-Pierre Dupont", "يوسف المنصوري", "Chaimae Ouali"]


class Traffic:
    """Statements of learners working through the course in order, as the runtime sends them; each
    learner drops out after a random number of statements (mean `dropout`), except a share `finish`
    who go to the end of the quiz. Seeded: the same arguments give the same statements."""

    DECIDING = frozenset(VERBS[v] for v in ("completed", "passed", "failed"))

    def __init__(
        self, course: Course, seed: int = 18, finish: float = 0.01, dropout: float = 8.0, deciding: bool = False
    ):
        self.course, self.rng, self.finish, self.dropout = course, random.Random(seed), finish, dropout
        self.deciding = deciding  # only what certify reads (its worst case); non-finishers stop before the quiz
        self.clock = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
        self.voided: list[str] = []  # ids of the passes voided at the end
        self.learners = 0

    def statements(self, count: int) -> Iterator[dict]:
        """`count` statements: learners one after another, then the voiding statements."""
        made = 0
        while made + len(self.voided) < count:
            learner, self.learners = self.learners, self.learners + 1
            finisher = self.rng.random() < self.finish
            length = 10**9 if finisher else 1 + int(self.rng.expovariate(1 / (self.dropout - 1)))
            if self.deciding and not finisher:
                length = min(length, len(self.course.modules))
            for statement in self.path(learner):
                if made + len(self.voided) >= count or length == 0:
                    break
                if self.deciding and statement["verb"]["id"] not in self.DECIDING:
                    continue
                length, made = length - 1, made + 1
                yield statement
        admin = {"objectType": "Agent", "name": "Registrar", "mbox": "mailto:registrar@example.org"}
        for target in self.voided:
            yield self.statement(admin, "voided", {"objectType": "StatementRef", "id": target}, {})

    def path(self, n: int) -> Iterator[dict]:
        course, rng = self.course, self.rng
        lang = course.languages[n % len(course.languages)]
        name, mbox = f"{NAMES[n % len(NAMES)]} {n}", f"mailto:learner{n}@example.org"
        actor = {"objectType": "Agent", "name": name, "mbox": mbox}
        registration = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        course_activity = self.activity(course.iri, "course", course.title[lang], lang)
        for module in course.modules:
            part = self.activity(part_iri(course, module.id), "module", module.title[lang], lang)
            outer = self.context(lang, registration, [course_activity])
            inner = self.context(lang, registration, [part], [course_activity])
            yield self.statement(actor, "initialized", part, outer)
            for page in module.pages:
                yield self.statement(
                    actor,
                    "experienced",
                    self.activity(page_iri(course, module.id, page.id), "page", page.title[lang], lang),
                    inner,
                )
            for item in module.checks.values():
                yield self.answered(actor, question_iri(course, module.id, item.id), item, lang, inner)
            yield self.statement(actor, "completed", part, outer, {"completion": True, "duration": "PT25M"})
            yield self.statement(actor, "terminated", part, outer, {"duration": "PT25M"})
        quiz = self.activity(part_iri(course, course.quiz.id), "quiz", course.quiz.title[lang], lang)
        outer = self.context(lang, registration, [course_activity])
        inner = self.context(lang, registration, [quiz], [course_activity])
        for attempt in range(2):
            yield self.statement(actor, "initialized", quiz, outer)
            for item in rng.sample(course.quiz.items, course.quiz.draw):
                yield self.answered(actor, question_iri(course, course.quiz.id, item.id), item, lang, inner)
            raw = rng.randint(80, 100) if rng.random() < (0.75 if attempt == 0 else 0.6) else rng.randint(40, 75)
            result = {
                "score": {"scaled": raw / 100, "raw": raw, "min": 0, "max": 100},
                "success": raw >= 80,
                "completion": True,
                "duration": "PT30M",
            }
            verdict = self.statement(actor, "passed" if raw >= 80 else "failed", quiz, outer, result)
            if raw >= 80 and rng.random() < 0.02:  # a pass voided afterwards (needs its id)
                verdict["id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                self.voided.append(verdict["id"])
            yield verdict
            yield self.statement(actor, "terminated", quiz, outer, {"duration": "PT30M"})
            if raw >= 80:
                return

    def statement(self, actor: dict, verb: str, target: dict, context: dict, result: dict | None = None) -> dict:
        self.clock += timedelta(seconds=self.rng.randint(5, 90))
        made = {
            "actor": actor,
            "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
            "object": target,
            "timestamp": self.clock.isoformat().replace("+00:00", "Z"),
        }
        if context:
            made["context"] = context
        if result:
            made["result"] = result
        return made

    def answered(self, actor: dict, iri: str, item, lang: str, context: dict) -> dict:
        definition = {
            "type": ACTIVITY_TYPES["question"],
            "name": {lang: item.prompt[lang][:120]},
            "interactionType": "choice",
            "correctResponsesPattern": [str(item.answer)[:40]],
            "choices": [{"id": c.id, "description": {lang: c.text[lang]}} for c in item.choices],
        }
        right = self.rng.random() < 0.7
        return self.statement(
            actor,
            "answered",
            {"objectType": "Activity", "id": iri, "definition": definition},
            context,
            {"response": str(item.answer)[:40] if right else "b", "success": right, "duration": "PT40S"},
        )

    @staticmethod
    def activity(iri: str, kind: str, name: str, lang: str) -> dict:
        return {"objectType": "Activity", "id": iri, "definition": {"type": ACTIVITY_TYPES[kind], "name": {lang: name}}}

    @staticmethod
    def context(lang: str, registration: str, parent: list[dict], grouping: list[dict] | None = None) -> dict:
        activities = {"parent": parent, **({"grouping": grouping} if grouping else {})}
        return {
            "registration": registration,
            "language": lang,
            "platform": "packager runtime",
            "contextActivities": activities,
        }


def load(endpoint: str, statements: Iterator[dict]) -> int:
    """POST the statements in batches. Ids are left to the LRS (except voided passes): the in-memory
    repository checks given ids against every stored statement, which makes loading quadratic; and
    it looks for voiding statements among all it holds once per batch, hence large batches."""
    session = requests.Session()
    session.auth = LRS_CREDENTIALS
    headers = {"X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"}
    batch: list[dict] = []
    total = 0
    for statement in [*statements, None]:
        if statement is not None:
            batch.append(statement)
        if batch and (statement is None or len(batch) == BATCH):
            response = session.post(endpoint + "statements", data=json.dumps(batch), headers=headers, timeout=600)
            if response.status_code != 200:
                raise SystemExit(f"the LRS refused a batch: HTTP {response.status_code} {response.text[:300]}")
            total += len(batch)
            batch = []
    return total


# -- measuring --------------------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far: how busy the LRS was."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# Runs a program and writes its wall time and peak memory to a file. A program started straight from
# this process would count this process's memory in its peak (the kernel keeps the larger of the two
# at exec); started from this small one, it counts a few MiB at most.
MEASURE = """import json, os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    json.dump({"wall": time.perf_counter() - start, "rss": usage.ru_maxrss / 1024,
               "code": os.waitstatus_to_exitcode(status)}, out)
"""


def timed(command: list[str], lrs_pid: int, **kwargs) -> dict:
    """Run a program: its wall time, its peak memory (MiB, its largest process), the LRS's CPU time
    meanwhile, and what it printed."""
    with tempfile.TemporaryDirectory() as tmp:
        figures, out, err = Path(tmp) / "figures.json", Path(tmp) / "out", Path(tmp) / "err"
        busy = cpu_seconds(lrs_pid)
        with open(out, "w") as stdout, open(err, "w") as stderr:
            subprocess.run(
                [sys.executable, "-c", MEASURE, str(figures), *command],
                stdout=stdout,
                stderr=stderr,
                check=True,
                **kwargs,
            )
        result = {**json.loads(figures.read_text()), "lrs": cpu_seconds(lrs_pid) - busy, "stdout": out.read_text()}
        if result["code"]:
            raise SystemExit(f"{' '.join(command[:4])} failed:\n{result['stdout']}\n{err.read_text()}")
    return result


def run_plain(endpoint: str, queries: list[dict], concurrency: int, lrs_pid: int) -> dict:
    command = [
        sys.executable,
        str(ROOT / "bench" / "plain_client.py"),
        endpoint,
        *LRS_CREDENTIALS,
        json.dumps(queries),
        str(concurrency),
    ]
    result = timed(command, lrs_pid)
    return {**result, **json.loads(result["stdout"])}


def run_certify(endpoint: str, course_dir: Path, concurrency: int, workers: int, lrs_pid: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "certificates"
        command = certify_command(
            endpoint,
            out,
            Path(tmp) / "key.pem",
            course_dir,
            *("--concurrency", str(concurrency), "--workers", str(workers)),
        )
        env = {**os.environ, "LRS_PASSWORD": LRS_CREDENTIALS[1], "HOME": tmp}
        result = timed(command, lrs_pid, cwd=ROOT, env=env)
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {
        **result,
        "report": report,
        "statements": report["statements_read"],
        "issued": len(report["issued"]),
        "reading": report["seconds"]["reading"] + report["seconds"]["deciding"],
    }


def page_everything(endpoint: str, lrs_pid: int, seconds: float) -> dict:
    """Every statement, pages of 500, no filter: what reading without server-side filters costs
    (stopped after `seconds`)."""
    busy, start = cpu_seconds(lrs_pid), time.perf_counter()
    result = read_all(endpoint, LRS_CREDENTIALS, [{}], 1, seconds)
    return {**result, "wall": time.perf_counter() - start, "lrs": cpu_seconds(lrs_pid) - busy}


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


# -- one measurement: an LRS, its statements, the runs ---------------------------------------------


def measure(course: Course, shape: str, count: int, args: argparse.Namespace) -> None:
    traffic = Traffic(course, deciding=shape == "deciding")
    process, port = start_lrs()
    endpoint = f"http://127.0.0.1:{port}/xAPI/"
    try:
        start = time.perf_counter()
        load(endpoint, traffic.statements(count))
        loaded = time.perf_counter() - start
        queries = deciding_queries(course)
        runs: dict[str, list[dict]] = {"one": [], "many": [], "certify": []}
        for _ in range(args.repeat):  # interleaved, so that a busy moment of the machine hits all three
            runs["one"].append(run_plain(endpoint, queries, 1, process.pid))
            runs["many"].append(run_plain(endpoint, queries, args.concurrency, process.pid))
            runs["certify"].append(run_certify(endpoint, ROOT / "modules", args.concurrency, args.workers, process.pid))
        everything = page_everything(endpoint, process.pid, args.everything_seconds) if args.everything else None
    finally:
        process.terminate()
        process.wait(timeout=30)
    show(shape, count, traffic, loaded, runs, everything=everything, args=args)


def show(
    shape: str,
    count: int,
    traffic: Traffic,
    loaded: float,
    runs: dict[str, list[dict]],
    *,
    everything: dict | None,
    args: argparse.Namespace,
) -> None:
    one, many, ours = runs["one"], runs["many"], runs["certify"]
    matched = one[0]["statements"]
    assert all(r["statements"] == matched for r in one + many), "the plain clients read the same statements"
    extra = ours[0]["statements"] - matched  # voided statements certify looks up (the LRS hid them), one request each
    assert extra >= 0 and all(r["statements"] == matched + extra for r in ours), "certify read what they read"
    seconds = {
        phase: statistics.median(r["report"]["seconds"][phase] for r in ours)
        for phase in ("starting", "reading", "deciding", "issuing", "total")
    }
    print(
        f"\n== {shape}: {count:,} statements of {traffic.learners:,} learners, loaded in {loaded:.0f} s "
        f"({count / loaded:,.0f}/s); the deciding queries match {matched:,} "
        f"({len(deciding_queries(traffic.course))} queries, {one[0]['pages']} pages of {PAGE})"
    )
    print(f"   medians of {args.repeat} interleaved runs; each program timed whole, from outside")
    for label, rows in (
        ("plain client, queries one at a time", one),
        (f"plain client, {args.concurrency} queries at a time", many),
    ):
        print(
            f"   {label:<44} {median(rows, 'wall'):6.2f} s  (reading {median(rows, 'reading'):.2f} s, "
            f"LRS busy {median(rows, 'lrs'):.2f} s; {median(rows, 'rss'):.0f} MiB)"
        )
    ours_label = f"certify --concurrency {args.concurrency} --workers {args.workers}"
    print(
        f"   {ours_label:<44} "
        f"{median(ours, 'wall'):6.2f} s  (reading and deciding {median(ours, 'reading'):.2f} s, LRS busy "
        f"{median(ours, 'lrs'):.2f} s; {median(ours, 'rss'):.0f} MiB)"
    )
    print(
        f"      inside certify: starting {seconds['starting']:.2f} s, reading {seconds['reading']:.2f} s, deciding "
        f"{seconds['deciding']:.2f} s, issuing {ours[0]['issued']} certificates {seconds['issuing']:.2f} s; "
        f"{ours[0]['report']['learners_seen']:,} learners decided; {extra} voided statements looked up"
    )
    if everything:
        label = "every statement, paged without a filter" + ("" if everything["complete"] else " (stopped)")
        print(
            f"   {label:<44} {everything['wall']:6.2f} s  "
            f"({everything['statements']:,} statements in {everything['pages']} pages, "
            f"LRS busy {everything['lrs']:.2f} s: {everything['statements'] / everything['wall']:,.0f} statements/s)"
        )
    ratio = [c["reading"] / o["reading"] for c, o in zip(ours, one, strict=True)]
    ratio_many = [c["reading"] / m["reading"] for c, m in zip(ours, many, strict=True)]
    whole = [c["wall"] / o["wall"] for c, o in zip(ours, one, strict=True)]
    print(
        f"   certify / plain client on the same queries (certify reading and deciding / plain client reading), "
        f"median of the runs' ratios: {statistics.median(ratio):.2f} against one at a time, "
        f"{statistics.median(ratio_many):.2f} against {args.concurrency} at a time  (bar: <= 1.2)"
    )
    print(
        f"   certify / plain client, whole programs: {statistics.median(whole):.2f} "
        f"(certify also starts up, and issues {ours[0]['issued']} certificates: {seconds['issuing']:.2f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument(
        "--million", action="store_true", help="also 1,000,000 statements of traffic (at most 3 runs of each)"
    )
    parser.add_argument(
        "--shape",
        choices=("traffic", "deciding", "both"),
        default="both",
        help="traffic: the course's real traffic; deciding: only what certify reads (its worst case)",
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--no-everything", dest="everything", action="store_false", help="skip paging through every statement"
    )
    parser.add_argument(
        "--everything-seconds",
        type=float,
        default=600.0,
        help="stop paging through every statement after this long (said in the output)",
    )
    args = parser.parse_args()
    os.environ.setdefault("NODE_OPTIONS", "--max-old-space-size=16384")  # the in-memory LRS holds every statement
    os.environ.setdefault("EXPRESS_BODY_PARSER_LIMIT", "64mb")
    course = load_course(ROOT / "modules")
    print(f"{os.cpu_count()} cores; LRS: Learning Locker's statement service (npm xapi-statements 5.0.1, in memory)")
    for shape in ("traffic", "deciding") if args.shape == "both" else (args.shape,):
        measure(course, shape, args.statements, args)
    if args.million:
        args.repeat = min(args.repeat, 3)
        measure(course, "traffic", 1_000_000, args)


if __name__ == "__main__":
    main()
