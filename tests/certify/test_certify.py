"""`packager certify` and `packager verify` against the real LRS of DESIGN.md: Learning Locker's
statement service (npm xapi-statements, in memory). PDFs are opened and their text read back."""

from __future__ import annotations

import csv
import http.client
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser.harness import LRS_AUTH, LRS_CREDENTIALS, ROOT, certify_command, post_statements, start_lrs
from tests.certify.statements import IRI, MODULES, agent, cmi5, failed, modules, passed, statement, voiding

AMINA = agent("Amina Benali", "amina@example.org")
FATIMA = agent("فاطمة الزهراء الإدريسي", "fatima@example.org")
CHAIMAE = agent("Chaimae Ouali", "chaimae@example.org")  # failed
DRISS = agent("Driss Alaoui", "driss@example.org")  # "passed" below mastery
EMMA = agent("Emma Martin", "emma@example.org")  # module 5 missing
FOUAD = agent("Fouad Tazi", "fouad@example.org")  # pass voided
GHITA = agent("Ghita Berrada", "ghita@example.org")  # passed twice
HAMZA = agent("Hamza Naciri", "hamza@example.org")  # another course only
NONAME = agent(None, "anonymous@example.org")  # no name anywhere
YOUSSEF = agent("يوسف المنصوري", account=("https://lms.example.org", "u-4471"))  # account IFI


@pytest.fixture(scope="module")
def lrs():
    process, port = start_lrs()
    yield port
    process.terminate()
    process.wait(timeout=10)


def certify(endpoint: str, out: Path, *extra: str, source: Path = ROOT / "modules") -> subprocess.CompletedProcess:
    command = certify_command(endpoint, out, out.parent / "issuer.pem", source, *extra)
    return subprocess.run(  # noqa: PLW1510 (the caller checks the exit code)
        command,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "LRS_PASSWORD": LRS_CREDENTIALS[1], "HOME": str(out.parent)},
    )


def verify(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "packager", "verify", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def pdf_text(path: Path) -> str:
    """The PDF's text with whitespace normalised (lines wrap where the layout wraps them)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.fixture(scope="module")
def cohort(lrs, tmp_path_factory):
    """One certification run over the whole cohort, then a second run."""
    fouad_pass = passed(FOUAD, 0.9)
    post_statements(
        lrs,
        modules(AMINA)
        + [passed(AMINA, 0.85)]
        + modules(FATIMA)
        + [passed(FATIMA, 0.92)]
        + modules(CHAIMAE)
        + [failed(CHAIMAE, 0.55)]
        + modules(DRISS)
        + [passed(DRISS, 0.7)]
        + modules(EMMA, skip=("m05",))
        + [passed(EMMA, 0.95)]
        + modules(FOUAD)
        + [fouad_pass, voiding(fouad_pass, FOUAD)]
        + modules(GHITA)
        + [passed(GHITA, 0.8), passed(GHITA, 0.95)]
        + modules(HAMZA, iri="https://other.example.org/course")
        + [passed(HAMZA, 1.0, iri="https://other.example.org/course")]
        + modules(NONAME)
        + [passed(NONAME, 0.88)]
        + modules(YOUSSEF)
        + [passed(YOUSSEF, 0.81)],
    )
    out = tmp_path_factory.mktemp("run") / "certificates"
    first = certify(f"http://127.0.0.1:{lrs}/xAPI/", out, "--post-back")
    assert first.returncode == 0, first.stdout + first.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8")) if (out / "report.json").exists() else None
    second = certify(f"http://127.0.0.1:{lrs}/xAPI/", out)
    return {
        "out": out,
        "first": first,
        "report": report,
        "second": second,
        "report2": json.loads((out / "report.json").read_text(encoding="utf-8")),
    }


def by_mail(entries):
    return {(e["actor"].get("mbox") or e["actor"]["account"]["name"]): e for e in entries}


def test_exactly_the_learners_who_earned_it(cohort):
    assert cohort["first"].returncode == 0, cohort["first"].stderr
    report = cohort["report"]
    issued = by_mail(report["issued"])
    assert set(issued) == {
        "mailto:amina@example.org",
        "mailto:fatima@example.org",
        "mailto:ghita@example.org",
        "u-4471",
    }
    assert issued["mailto:ghita@example.org"]["score"] == 0.95  # passed twice: one certificate, best score
    assert issued["u-4471"]["actor"] == {"account": {"homePage": "https://lms.example.org", "name": "u-4471"}}
    refused = {k: v["reason"] for k, v in by_mail(report["refused"]).items()}
    assert refused["mailto:chaimae@example.org"].startswith("below mastery: best score 0.55")
    assert refused["mailto:driss@example.org"].startswith("below mastery: best score 0.70")
    assert refused["mailto:emma@example.org"] == "modules missing: m05"
    assert refused["mailto:fouad@example.org"].startswith("voided")
    assert refused["mailto:anonymous@example.org"].startswith("no name")
    assert "mailto:hamza@example.org" not in refused and "mailto:hamza@example.org" not in issued  # another course
    assert report["learners_seen"] == 9 and report["statements_read"] >= 80


def test_rerun_issues_nothing_twice(cohort):
    assert cohort["second"].returncode == 0, cohort["second"].stderr
    assert cohort["report2"]["issued"] == []
    assert sorted(p.name for p in cohort["out"].glob("*.pdf")) == sorted(
        f"{e['number']}.pdf" for e in cohort["report"]["issued"]
    )
    assert len(cohort["report2"]["skipped"]) == 4
    assert cohort["report2"]["statements_read"] == 0, "the watermark lets a re-run read only what is new"


def test_pdf_shows_the_name_in_its_script_as_text(cohort):
    issued = by_mail(cohort["report"]["issued"])
    for mail, name in (
        ("mailto:amina@example.org", "Amina Benali"),
        ("mailto:fatima@example.org", "فاطمة الزهراء الإدريسي"),
        ("u-4471", "يوسف المنصوري"),
    ):
        number = issued[mail]["number"]
        text = pdf_text(cohort["out"] / f"{number}.pdf")
        assert name in text
        assert number in text and "Lutter contre la traite des êtres humains au Maroc" in text
        assert "مكافحة الاتجار بالبشر في المغرب" in text and "شهادة نجاح" in text
        assert f"{round(issued[mail]['score'] * 100)} %" in text
        page = PdfReader(cohort["out"] / f"{number}.pdf").pages[0]
        assert round(float(page.mediabox.width)) == 842 and round(float(page.mediabox.height)) == 595  # A4 landscape


def test_names_csv_gives_a_name(lrs, cohort, tmp_path):
    names = tmp_path / "names.csv"
    with open(names, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["actor", "name"], ["mailto:anonymous@example.org", "Nadia Anonyme"]])
    result = certify(f"http://127.0.0.1:{lrs}/xAPI/", cohort["out"], "--names", str(names))
    assert result.returncode == 0, result.stderr
    report = json.loads((cohort["out"] / "report.json").read_text(encoding="utf-8"))
    assert [e["name"] for e in report["issued"]] == ["Nadia Anonyme"]


def test_verify_genuine_and_tampered(cohort, tmp_path):
    """The real course's credentials; tests/test_credentials.py checks verify's outcomes in full."""
    number = by_mail(cohort["report"]["issued"])["mailto:fatima@example.org"]["number"]
    out = cohort["out"]
    assert verify(str(out / f"{number}.json")).returncode == 0
    assert verify(str(out / f"{number}.pdf")).returncode == 0
    assert verify(number, "--out", str(out)).returncode == 0
    tampered = json.loads((out / f"{number}.json").read_text(encoding="utf-8"))
    tampered["credentialSubject"]["result"][0]["value"] = "100"
    forged = tmp_path / f"{number}.json"
    forged.write_text(json.dumps(tampered, ensure_ascii=False), encoding="utf-8")
    result = verify(str(forged), "--site", str(out / "site"))
    assert result.returncode == 1 and "altered" in result.stdout
    other_key = tmp_path / "did.json"
    other_key.write_text(
        (out / "site" / "did.json").read_text(encoding="utf-8").replace("z6Mk", "z6Mm"), encoding="utf-8"
    )
    assert verify(str(out / f"{number}.json"), "--issuer", str(other_key)).returncode == 1


def test_post_back_records_earned(lrs, cohort):
    connection = http.client.HTTPConnection("127.0.0.1", lrs, timeout=30)
    connection.request(
        "GET",
        "/xAPI/statements?verb=" + "http%3A%2F%2Fid.tincanapi.com%2Fverb%2Fearned",
        headers={"Authorization": LRS_AUTH, "X-Experience-API-Version": "1.0.3"},
    )
    earned = json.loads(connection.getresponse().read())["statements"]
    assert len(earned) == 4
    assert {s["object"]["id"] for s in earned} == {f"{IRI}/certificate"}


def test_pagination_over_more_than_a_thousand_statements(lrs, tmp_path):
    crowd = [agent(f"Learner {i}", f"crowd{i}@example.org") for i in range(140)]
    statements = [s for person in crowd for s in modules(person)] + [passed(p, 0.9) for p in crowd[:3]]
    post_statements(lrs, statements)
    result = certify(f"http://127.0.0.1:{lrs}/xAPI/", tmp_path / "crowd")
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "crowd" / "report.json").read_text(encoding="utf-8"))
    assert report["statements_read"] >= 1123  # 140 x 8 completions + 3 passes, in pages of 500
    crowd_issued = {e["name"] for e in report["issued"] if e["name"].startswith("Learner ")}
    assert crowd_issued == {"Learner 0", "Learner 1", "Learner 2"}
    assert sum(r["reason"].startswith("not passed") for r in report["refused"]) == 137


class FlakyLRS:
    """A proxy in front of the real LRS that breaks after `healthy` requests: 'down' (503), or
    'garbage' (200 with a body that is not a StatementResult)."""

    def __init__(self, port: int, healthy: int, mode: str):
        self.port, self.healthy, self.mode, self.seen = port, healthy, mode, 0
        self.tries: Counter[str] = Counter()  # failed answers per request
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                with proxy.lock:
                    proxy.seen += 1
                    broken = proxy.seen > proxy.healthy
                    proxy.tries[self.path] += broken
                if broken:
                    body = b"<html>Bad gateway</html>"
                    self.send_response(503 if proxy.mode == "down" else 200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                connection = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=30)
                connection.request(
                    "GET", self.path, headers={k: v for k, v in self.headers.items() if k.lower() != "host"}
                )
                answer = connection.getresponse()
                body = answer.read().replace(
                    f"127.0.0.1:{proxy.port}".encode(), f"127.0.0.1:{self.server.server_port}".encode()
                )
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.endpoint = f"http://127.0.0.1:{self.server.server_port}/xAPI/"

    def close(self):
        self.server.shutdown()


@pytest.mark.parametrize(
    "mode, message, concurrency",
    [("down", "did not answer", 1), ("down", "did not answer", 4), ("garbage", "not a StatementResult", 4)],
)
def test_lrs_failing_mid_run_issues_nothing(lrs, tmp_path, mode, message, concurrency):
    post_statements(
        lrs,
        modules(agent("Late Learner", "late@example.org")) + [passed(agent("Late Learner", "late@example.org"), 0.9)],
    )
    proxy = FlakyLRS(lrs, healthy=3, mode=mode)
    try:
        result = certify(
            proxy.endpoint, tmp_path / "out", "--retries", "2", "--backoff", "0.05", "--concurrency", str(concurrency)
        )
    finally:
        proxy.close()
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert LRS_CREDENTIALS[1] not in result.stderr + result.stdout
    assert not list((tmp_path / "out").glob("*.pdf")) if (tmp_path / "out").exists() else True
    if mode == "down":
        tries = [n for n in proxy.tries.values() if n]
        assert tries and max(tries) == 3, "each request tried once and retried twice, never more"
        if concurrency == 1:
            assert proxy.seen == 3 + 3, "tried once and retried twice before giving up"


def test_untrusted_authority_is_refused(lrs, tmp_path):
    outsider = agent("Outsider Learner", "outsider@example.org")
    post_statements(lrs, modules(outsider) + [passed(outsider, 0.9)])  # stored under the test LRS's own authority
    source = tmp_path / "modules"
    shutil.copytree(ROOT / "modules", source)
    course = source / "course.yaml"
    course.write_text(
        course.read_text(encoding="utf-8") + "  authorities:\n    - mbox: mailto:lms@commission.example.org\n",
        encoding="utf-8",
    )
    result = certify(f"http://127.0.0.1:{lrs}/xAPI/", tmp_path / "out", source=source)
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["issued"] == []
    refused = {json.dumps(r["actor"], sort_keys=True): r["reason"] for r in report["refused"]}
    assert refused[json.dumps({"mbox": "mailto:outsider@example.org"})].startswith("untrusted authority"), refused


def test_cmi5_learners_as_a_conformant_lms_records_them(lrs, tmp_path):
    """Under a cmi5 LMS the object is the LMS's AU activity id and our IRIs are in grouping (shaped as
    CATAPULT writes them): the satisfied learner is certified, one missing a module is refused, and a
    statement without the cmi5 category naming our IRI only in grouping counts for nothing."""
    registration = "f4d28e72-954f-4e7f-857e-cff44db2277a"
    satisfied = agent("Salma Cmi5", account=("https://learners.example.org", "salma-cmi5"))
    short = agent("Karim Cmi5", account=("https://learners.example.org", "karim-cmi5"))
    loose = cmi5(short, "completed", "m08", registration)
    loose["context"]["contextActivities"].pop("category")
    post_statements(
        lrs,
        [cmi5(satisfied, "completed", m, registration) for m in MODULES]
        + [cmi5(satisfied, "passed", "quiz", registration, 0.85)]
        + [cmi5(short, "completed", m, registration) for m in MODULES[:-1]]
        + [loose, cmi5(short, "passed", "quiz", registration, 0.9)],
    )
    result = certify(f"http://127.0.0.1:{lrs}/xAPI/", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    issued = [entry["name"] for entry in report["issued"] if "Cmi5" in entry["name"]]
    refused = {r["actor"]["account"]["name"]: r["reason"] for r in report["refused"] if "account" in r["actor"]}
    assert issued == ["Salma Cmi5"]
    assert refused["karim-cmi5"] == "modules missing: m08"


@pytest.fixture(scope="module")
def crowd_lrs():
    """An LRS of its own holding 10,000 learners (the other tests count the learners of theirs)."""
    process, port = start_lrs()
    people = [agent(f"Crowd {i}", f"crowd{i}@example.org") for i in range(10_000)]
    made = []
    for i, person in enumerate(people):
        if i < 4:
            made += modules(person) + [passed(person, 0.9)]
        elif i < 300:
            made += [passed(person, 0.9), statement(person, "completed", f"{IRI}/m01")]
        elif i < 900:
            made.append(failed(person, 0.5))
        else:
            made.append(statement(person, "completed", f"{IRI}/m0{1 + i % 8}"))
    for item in made:  # ids left to the LRS: its in-memory store checks given ids against every statement it holds
        del item["id"]
    post_statements(port, made)
    yield port
    process.terminate()
    process.wait(timeout=10)


def test_ten_thousand_learners_short_summary_same_results_at_any_concurrency(crowd_lrs, tmp_path):
    endpoint = f"http://127.0.0.1:{crowd_lrs}/xAPI/"
    quiet = certify(endpoint, tmp_path / "a")
    assert quiet.returncode == 0, quiet.stderr
    lines = (quiet.stdout + quiet.stderr).splitlines()
    assert len(lines) <= 40, quiet.stdout
    report = json.loads((tmp_path / "a" / "report.json").read_text(encoding="utf-8"))
    assert report["learners_seen"] == 10_000 and len(report["issued"]) == 4
    assert len(report["issued"]) + len(report["refused"]) + len(report["skipped"]) == 10_000, "every decision"
    assert report["refused_by_reason"] == {"not passed": 9_100, "below mastery": 600, "modules missing": 296}
    assert "issued: 4, refused: 9,996, skipped (already issued): 0" in lines
    assert "  refused, not passed: 9,100" in lines and "  refused, modules missing: 296" in lines
    assert any(line.startswith("statements read: 10,") for line in lines)

    verbose = certify(endpoint, tmp_path / "b", "--concurrency", "1", "--verbose")
    assert verbose.returncode == 0, verbose.stderr
    assert sum(line.startswith("  refused {") for line in verbose.stdout.splitlines()) == 9_996
    assert sum(line.startswith("  issued TIP-") for line in verbose.stdout.splitlines()) == 4
    again = json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf-8"))
    for entry in (report, again):
        del entry["started"], entry["seconds"]
    assert again == report, "the same decisions, one query at a time or four"
    for entry in report["issued"]:
        assert (tmp_path / "a" / f"{entry['number']}.pdf").read_bytes() == (
            tmp_path / "b" / f"{entry['number']}.pdf"
        ).read_bytes()


def test_a_terminal_gets_a_progress_line(lrs, tmp_path):
    """On a terminal, stderr shows statements read, the rate and the queries done, redrawn in place."""
    terminal, other_end = pty.openpty()
    try:
        command = certify_command(
            f"http://127.0.0.1:{lrs}/xAPI/",
            tmp_path / "out",
            tmp_path / "key.pem",
            ROOT / "modules",
            "--since",
            "2000-01-01T00:00:00Z",
        )
        result = subprocess.run(  # noqa: PLW1510 (the test checks the exit code)
            command,
            stdout=subprocess.PIPE,
            stderr=other_end,
            text=True,
            cwd=ROOT,
            timeout=300,
            env={"PATH": "/usr/bin:/bin", "LRS_PASSWORD": LRS_CREDENTIALS[1], "HOME": str(tmp_path)},
        )
        os.close(other_end)
        shown = b""
        while select.select([terminal], [], [], 1)[0]:
            try:
                chunk = os.read(terminal, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(terminal)
    assert result.returncode == 0, result.stdout
    redrawn = [line for line in shown.decode().split("\r") if line.startswith("statements read")]
    assert redrawn and re.match(r"statements read: [\d,]+ \([\d,]+/s\), queries done: 11/11\x1b\[K$", redrawn[-1]), (
        shown
    )
    assert "queries done" not in result.stdout, "the progress line stays on the terminal, out of the summary"
