"""Benchmark: certificates per second, and statements per second through the eligibility stage.

1. Issue N certificates (default 1,000: claim in a SQLite registry, render the PDF, sign the
   credential, write both) the way `packager certify` does, and, in the same run, render
   certificates the obvious way, each one separately with WeasyPrint (`HTML(...).write_pdf()`,
   same template, same look). The obvious way is timed on a sample (default 50) to keep the run
   short; both are reported in certificates per second.
2. Fold M synthetic statements (default 100,000) through the eligibility stage and decide every
   learner; report statements per second and the peak memory of that stage (tracemalloc).

    python bench/certificates.py [--certificates 1000] [--sample 50] [--statements 100000] [--workers 1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import weasyprint  # noqa: E402

from packager.certify import credential  # noqa: E402
from packager.certify.certificate import TEMPLATE_DIR, Renderer, Sheet  # noqa: E402
from packager.certify.eligibility import Decision, Progress, actor_key  # noqa: E402
from packager.certify.issue import issue  # noqa: E402
from packager.certify.registry import Registry  # noqa: E402
from packager.certify.report import Run  # noqa: E402
from packager.certify.settings import Settings  # noqa: E402
from packager.source import load_course  # noqa: E402
from packager.spec.xapi import VERBS, part_iri  # noqa: E402

NAMES = ["Amina Benali", "فاطمة الزهراء الإدريسي", "Jean-Pierre Dupont-Lefèvre", "يوسف المنصوري"]


def decisions(count: int) -> list[tuple[str, Decision]]:
    made = []
    for i in range(count):
        actor = {"mbox": f"mailto:learner{i}@example.org"}
        made.append(
            (
                actor_key(actor),
                Decision(actor, f"{NAMES[i % 4]} {i}", True, score=0.8 + (i % 20) / 100, date="2026-11-24T10:00:00Z"),
            )
        )
    return made


def bench_certificates(course, count: int, sample: int, workers: int) -> None:
    settings = Settings.of(course)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        key = credential.load_key(tmp / "key.pem")
        issue(
            course,
            settings,
            decisions(2),
            Registry(f"sqlite:///{tmp / 'warm.sqlite'}"),
            tmp / "warm",
            key,
            Run(course.id, ""),
            workers,
        )  # imports, fonts
        start = time.perf_counter()
        run = Run(course.id, "")
        issue(
            course,
            settings,
            decisions(count),
            Registry(f"sqlite:///{tmp / 'registry.sqlite'}"),
            tmp / "out",
            key,
            run,
            workers,
        )
        ours = time.perf_counter() - start
        assert len(run.issued) == count

        renderer = Renderer(course)
        sheets = [
            Sheet(
                f"TIP-BNCH-0000-{i:04d}",
                f"{NAMES[i % 4]} {i}",
                0.9,
                "2026-11-24",
                f"https://elearning.example.org/verify/TIP-BNCH-0000-{i:04d}",
            )
            for i in range(sample)
        ]
        start = time.perf_counter()
        for sheet in sheets:
            weasyprint.HTML(string=renderer.html([sheet], "full"), base_url=str(TEMPLATE_DIR) + "/").write_pdf()
        obvious = time.perf_counter() - start
    print(
        f"certificates issued (registry, PDF, signed credential, files): {count} in {ours:.1f} s "
        f"= {count / ours:.1f} certificates/s (workers: {workers})"
    )
    print(
        f"obvious way (each certificate rendered separately by WeasyPrint): {sample} in {obvious:.1f} s "
        f"= {sample / obvious:.2f} certificates/s"
    )
    print(f"ratio: {(count / ours) / (sample / obvious):.1f}x  (goal >= 10x)")


def bench_eligibility(course, count: int) -> None:
    quiz = part_iri(course, course.quiz.id)
    modules = [part_iri(course, m.id) for m in course.modules]
    learners = count // 10  # 8 completions, a pass and a failure each

    def statements():
        for n in range(count):
            learner, kind = divmod(n, 10)
            verb, target = ("completed", modules[kind]) if kind < 8 else ("passed" if kind == 8 else "failed", quiz)
            statement = {
                "id": f"00000000-0000-4000-8000-{n:012d}",
                "actor": {"name": f"L{learner}", "mbox": f"mailto:l{learner}@x.org"},
                "verb": {"id": VERBS[verb]},
                "object": {"id": target},
                "timestamp": "2026-11-24T10:00:00Z",
                "stored": "2026-11-24T10:00:00Z",
            }
            if kind >= 8:
                statement["result"] = {"score": {"scaled": 0.6 + (learner % 5) / 10}}
            yield statement

    def fold_and_decide() -> int:
        progress = Progress(quiz, modules, 0.8)
        for statement in statements():
            progress.add(statement)
        return sum(progress.decide(key).eligible for key in progress.learners)

    elapsed = []
    for _ in range(3):  # timed without tracemalloc, which slows Python several times over
        start = time.perf_counter()
        eligible = fold_and_decide()
        elapsed.append(time.perf_counter() - start)
    tracemalloc.start()
    fold_and_decide()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"eligibility: {count} statements, {learners} learners, {eligible} eligible, in {min(elapsed):.2f} s "
        f"(best of 3) = {count / min(elapsed):,.0f} statements/s, peak memory {peak / 2**20:.1f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    course = load_course(ROOT / "modules")
    bench_eligibility(course, args.statements)
    bench_certificates(course, args.certificates, args.sample, args.workers)


if __name__ == "__main__":
    main()
