"""The mini course certified once for the credential, site and browser tests: four learners, one
with a perfect score, one with an Arabic name, one whose certificate is then revoked."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner, Result

from packager.cli import main
from tests.browser.harness import LRS_CREDENTIALS, ROOT, post_statements, start_lrs
from tests.certify.statements import MODULES, agent, modules, passed

MINI = ROOT / "tests" / "fixtures" / "mini-course"
MINI_IRI = "https://elearning.example.org/courses/mini"
BASE = "https://elearning.example.org/verify/"
LEARNERS = {
    "perfect": (agent("Amina Benali", "amina@example.org"), 1.0),
    "arabic": (agent("فاطمة الزهراء الإدريسي", "fatima@example.org"), 0.85),
    "revoked": (agent("Karim Idrissi", "karim@example.org"), 0.9),
    "plain": (agent("Leila Tazi", "leila@example.org"), 0.95),
}
REASON = "Délivré par erreur : évaluation passée par un tiers"


@dataclass(frozen=True)
class Certified:
    out: Path
    site: Path
    key: Path
    numbers: dict[str, str]  # learner role -> certificate number

    def credential(self, role: str) -> Path:
        return self.out / f"{self.numbers[role]}.json"


def cli(*args: str) -> Result:
    """`packager ARGS` in this process (click's runner): .exit_code, .stdout, .stderr."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def mini_statements(actor: dict, score: float) -> list[dict]:
    return modules(actor, iri=MINI_IRI, skip=tuple(MODULES[2:])) + [passed(actor, score, iri=MINI_IRI)]


def certify(folder: Path) -> Certified:
    process, port = start_lrs()
    try:
        post_statements(port, [s for actor, score in LEARNERS.values() for s in mini_statements(actor, score)])
        out = folder / "certificates"
        run = cli(
            "certify",
            "--endpoint",
            f"http://127.0.0.1:{port}/xAPI/",
            "--username",
            LRS_CREDENTIALS[0],
            "--password",
            LRS_CREDENTIALS[1],
            "--out",
            str(out),
            "--key",
            str(folder / "issuer.pem"),
            "--source",
            str(MINI),
        )
        assert run.exit_code == 0, run.stdout + run.stderr
    finally:
        process.terminate()
        process.wait(timeout=10)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    by_mail = {entry["actor"]["mbox"]: entry["number"] for entry in report["issued"]}
    numbers = {role: by_mail[actor["mbox"]] for role, (actor, _) in LEARNERS.items()}
    revoked = cli(
        "revoke",
        numbers["revoked"],
        "--reason",
        REASON,
        "--out",
        str(out),
        "--key",
        str(folder / "issuer.pem"),
        "--source",
        str(MINI),
    )
    assert revoked.exit_code == 0, revoked.stdout + revoked.stderr
    return Certified(out, out / "site", folder / "issuer.pem", numbers)
