"""The certificate registry on SQLite and on a real PostgreSQL server (tests/certify/postgres.py): one
certificate per learner, one revocation status bit per certificate, revocation, and two `packager
certify` processes at once on the same registry."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import subprocess
import uuid

import pytest

from packager.certify import credential
from packager.certify.registry import Registry, RegistryError
from packager.source.certificate import number
from tests.browser.harness import LRS_CREDENTIALS, ROOT, certify_command, post_statements, start_lrs
from tests.certify.certified import MINI, mini_statements
from tests.certify.postgres import postgres_server
from tests.certify.statements import agent


@pytest.fixture(scope="module")
def postgres():
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def registry_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'registry.sqlite'}"
    return request.getfixturevalue("postgres")


def claim_all(url: str, course: str, learners: range) -> list[str]:
    """Claims every learner's certificate; the numbers this process got."""
    registry = Registry(url)
    got = []
    for i in learners:
        key = f"learner-{i}"
        if registry.claim(
            number("TIP", course, key), course, key, {"mbox": f"mailto:{key}@example.org"}, f"L {i}", 0.9, "2026-11-01"
        ):
            got.append(number("TIP", course, key))
    return got


def test_one_certificate_and_one_status_bit_each(registry_url):
    course = f"course-{uuid.uuid4().hex[:8]}"
    got = claim_all(registry_url, course, range(40))
    assert len(got) == len(set(got)) == 40
    assert claim_all(registry_url, course, range(40)) == [], "a live claim is never claimed twice"
    registry = Registry(registry_url)
    for n in got[:30]:
        registry.issued(n)
    registry.release(got[39])
    issued = registry.certificates(course)
    assert [c.number for c in issued] == sorted(got[:30])
    assert len({(c.status_list, c.status_index) for c in issued}) == 30
    assert registry.find(got[39]) is None


def test_concurrent_claims_from_two_processes(registry_url):
    course = f"course-{uuid.uuid4().hex[:8]}"
    Registry(registry_url)  # the schema exists before both start
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        results = pool.starmap(claim_all, [(registry_url, course, range(60)), (registry_url, course, range(60))])
    assert sorted(results[0] + results[1]) == sorted(number("TIP", course, f"learner-{i}") for i in range(60))


def test_revocation_is_recorded_with_date_and_reason(registry_url):
    course = f"course-{uuid.uuid4().hex[:8]}"
    first, second = claim_all(registry_url, course, range(2))
    registry = Registry(registry_url)
    registry.issued(first)
    record = registry.revoke(first, "issued by mistake")
    assert record.revoked_reason == "issued by mistake" and record.revoked_at[:2] == "20"
    with pytest.raises(RegistryError, match="already revoked"):
        registry.revoke(first, "again")
    with pytest.raises(RegistryError, match="not in the registry"):
        registry.revoke(second, "still pending")
    assert registry.find(second).revoked_at is None


def test_an_older_registry_or_a_bad_url_gives_a_clear_error(tmp_path):
    old = tmp_path / "old.sqlite"
    with sqlite3.connect(old) as db:
        db.execute("CREATE TABLE certificates (number VARCHAR(64) PRIMARY KEY, course VARCHAR(200))")
    with pytest.raises(RegistryError, match="older packager"):
        Registry(f"sqlite:///{old}")
    with pytest.raises(RegistryError) as error:
        Registry("postgresql+psycopg://someone:s3cret@127.0.0.1:1/registry")
    assert "s3cret" not in str(error.value) and "cannot open the registry" in str(error.value)


def test_two_certify_processes_at_once_issue_each_certificate_once(registry_url, tmp_path):
    group = [agent(f"Concurrent {i}", f"concurrent-{uuid.uuid4().hex[:6]}@example.org") for i in range(6)]
    Registry(registry_url)  # the schema and the key exist before both start, as after a first run
    credential.load_key(tmp_path / "issuer.pem")
    process, port = start_lrs()
    try:
        post_statements(port, [s for person in group for s in mini_statements(person, 0.9)])
        command = certify_command(
            f"http://127.0.0.1:{port}/xAPI/",
            tmp_path / "out",
            tmp_path / "issuer.pem",
            MINI,
            *("--password", LRS_CREDENTIALS[1], "--registry", registry_url),
            *("--since", "2000-01-01T00:00:00Z", "--verbose"),
        )
        runs = [
            subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        outputs = [run.communicate(timeout=300) for run in runs]
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert all(run.returncode == 0 for run in runs), outputs
    issued = [line.split()[1] for stdout, _ in outputs for line in stdout.splitlines() if line.startswith("  issued ")]
    names = [
        line.split("  ")[2] for stdout, _ in outputs for line in stdout.splitlines() if line.startswith("  issued ")
    ]
    assert len(issued) == len(set(issued)) == 6, "a certificate was issued twice, or one was missed"
    assert sorted(names) == sorted(person["name"] for person in group)
    site = tmp_path / "out" / "site"
    assert sorted(p.parent.name for p in site.glob("*/credential.json")) == sorted(issued)
    listed = json.loads(next((site / "status").glob("mini-*.json")).read_text(encoding="utf-8"))
    assert listed["credentialSubject"]["statusPurpose"] == "revocation"
