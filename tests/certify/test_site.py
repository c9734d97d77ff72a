"""The verification site's files: what `packager certify` and `packager revoke` publish."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

from packager.certify import status
from packager.certify.site import write_atomic
from tests.browser.harness import ROOT
from tests.certify.certified import BASE

VENDOR = ROOT / "templates" / "verify" / "assets" / "vendor"


def test_vendored_libraries_are_the_npm_ones():
    assert (VENDOR / "canonicalize.js").read_bytes() == (
        ROOT / "node_modules/canonicalize/lib/canonicalize.js"
    ).read_bytes()
    assert (VENDOR / "base-x.js").read_bytes() == (ROOT / "node_modules/base-x/src/esm/index.js").read_bytes()
    versions = json.loads((ROOT / "package.json").read_text())["devDependencies"]
    notice = (VENDOR / "NOTICE.md").read_text(encoding="utf-8")
    assert f"`canonicalize` {versions['canonicalize']}" in notice and f"`base-x` {versions['base-x']}" in notice


def test_the_site_publishes_pages_key_and_status_but_no_list_of_certificates(certified):
    site = certified.site
    did = json.loads((site / "did.json").read_text(encoding="utf-8"))
    assert did["id"] == "did:web:elearning.example.org:verify" and did["assertionMethod"] == [
        did["verificationMethod"][0]["id"]
    ]
    for number in certified.numbers.values():
        assert json.loads((site / number / "credential.json").read_text()) == json.loads(
            (certified.out / f"{number}.json").read_text()
        )
    index = (site / "index.html").read_text(encoding="utf-8")
    assert not any(number in index for number in certified.numbers.values())
    assert sorted(p.name for p in site.iterdir()) == sorted(
        [*certified.numbers.values(), "assets", "did.json", "index.html", "status"]
    )


def test_the_status_list_has_exactly_the_revoked_bit(certified):
    listed = json.loads((certified.site / "status" / "mini-0.json").read_text(encoding="utf-8"))
    assert listed["id"] == f"{BASE}status/mini-0.json" and listed["issuer"] == "did:web:elearning.example.org:verify"
    bits = status.decode(listed["credentialSubject"]["encodedList"])
    assert len(bits) * 8 == status.SIZE
    entries = {
        role: json.loads(certified.credential(role).read_text())["credentialStatus"] for role in certified.numbers
    }
    assert {role: status.is_set(bits, int(e["statusListIndex"])) for role, e in entries.items()} == {
        "perfect": False,
        "arabic": False,
        "revoked": True,
        "plain": False,
    }
    assert sum(bin(byte).count("1") for byte in bits) == 1


def test_two_writers_of_one_file_never_collide(tmp_path):
    """Two certify runs on one site write the same files (did.json, status lists) at the same time:
    each write lands whole, none fails, and no temporary file is left behind."""
    target = tmp_path / "did.json"
    contents = [bytes([65 + n]) * 50_000 for n in range(4)]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda data: [write_atomic(target, data) for _ in range(200)], contents))
    assert target.read_bytes() in contents
    assert [p.name for p in tmp_path.iterdir()] == ["did.json"]
