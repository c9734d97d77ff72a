"""Signed credentials: the W3C vc-di-eddsa test vectors, the pinned contexts, and issued credentials
checked by implementations that are not ours (PyPI openbadgeslib, npm @digitalbazaar/vc), with a
perfect score, an Arabic name, a revoked and a tampered credential; then `packager verify`'s outcomes."""

from __future__ import annotations

import copy
import hashlib
import json
import subprocess
from importlib import resources
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from openbadgeslib.ob3 import OB3LdpVerifier
from openbadgeslib.ob3.verifier import OB3VerificationError

from packager.certify import credential, jsonld
from tests.browser.harness import ROOT
from tests.certify.certified import BASE, REASON, cli

VECTORS = ROOT / "tests" / "fixtures" / "vc-di-eddsa"
EXAMPLES = "https://www.w3.org/ns/credentials/examples/v2"


def vector(name: str):
    text = (VECTORS / name).read_text(encoding="utf-8")
    return json.loads(text) if name.endswith(".json") else text


def with_examples(url: str, options=None) -> dict:
    """The vectors' loader: the pinned contexts plus the W3C examples context they use."""
    if url == EXAMPLES:
        return {
            "contextUrl": None,
            "documentUrl": url,
            "document": json.loads((VECTORS / "examples-v2.jsonld").read_text()),
        }
    return jsonld.load_document(url, options)


@pytest.fixture(scope="module")
def vector_key() -> Ed25519PrivateKey:
    raw = credential.from_multibase(vector("keyPair.json")["privateKeyMultibase"])
    assert raw[:2] == b"\x80\x26"  # multicodec ed25519-priv
    return Ed25519PrivateKey.from_private_bytes(raw[2:])


def test_rdfc_canonical_form_is_the_w3c_vector():
    assert jsonld.canonize(vector("unsigned.json"), with_examples) == vector("canonDocDataInt.txt")


@pytest.mark.parametrize(
    "suite, signed", [("eddsa-rdfc-2022", "signedDataInt.json"), ("eddsa-jcs-2022", "signedJCS.json")]
)
def test_fixed_key_and_document_give_the_w3c_proof(vector_key, suite, signed):
    expected = vector(signed)["proof"]
    assert credential.public_multibase(vector_key.public_key()) == vector("keyPair.json")["publicKeyMultibase"]
    made = credential.sign(
        vector("unsigned.json"),
        vector_key,
        expected["verificationMethod"],
        expected["created"],
        (suite,),
        with_examples,
    )
    assert made["proof"] == expected


def test_jcs_is_rfc8785_for_whole_number_floats(vector_key):
    """The old hand-written JCS wrote 1.0 where RFC 8785 writes 1: a perfect score failed elsewhere."""
    document = {"@context": [jsonld.VC], "type": ["VerifiableCredential"], "score": 1.0, "ratio": 0.5}
    config = {"@context": document["@context"], "type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022"}
    data = credential.hash_data("eddsa-jcs-2022", document, config)
    assert (
        data[32:]
        == hashlib.sha256(
            b'{"@context":["https://www.w3.org/ns/credentials/v2"],"ratio":0.5,'
            b'"score":1,"type":["VerifiableCredential"]}'
        ).digest()
    )


def test_pinned_contexts_are_the_published_ones():
    """Each pinned file has the hash its NOTICE gives and equals the copy the independent verifiers carry."""
    notice = (ROOT / "packager" / "certify" / "contexts" / "NOTICE.md").read_text(encoding="utf-8")
    for name in jsonld.PINNED.values():
        data = (jsonld.CONTEXTS / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() in notice, name
    theirs = {
        jsonld.VC: ROOT / "node_modules/@digitalbazaar/credentials-context/contexts/v2.jsonld",
        "https://www.w3.org/ns/did/v1": ROOT / "node_modules/did-context/contexts/did-v1.jsonld",
        "https://w3id.org/security/multikey/v1": ROOT
        / "node_modules/@digitalbazaar/multikey-context/contexts/multikey-v1.jsonld",
        jsonld.OB: Path(str(resources.files("openbadgeslib.ob3.contexts") / "ob-v3p0-context-3.0.3.json")),
    }
    for url, path in theirs.items():
        assert json.loads((jsonld.CONTEXTS / jsonld.PINNED[url]).read_text()) == json.loads(path.read_text()), url


def test_unknown_contexts_are_refused_never_fetched(certified):
    with pytest.raises(jsonld.ContextError, match="unknown JSON-LD context 'https://evil.example/ctx'"):
        jsonld.canonize({"@context": ["https://evil.example/ctx"], "name": "x"})
    document = json.loads(certified.credential("plain").read_text(encoding="utf-8"))
    document["@context"] = [*document["@context"], "https://evil.example/ctx"]
    issuer = json.loads((certified.site / "did.json").read_text(encoding="utf-8"))
    assert "unknown JSON-LD context" in credential.verify(document, issuer)


# -- independent verifiers -------------------------------------------------------------------


def tampered_copies(certified, folder: Path) -> dict[str, Path]:
    """A score raised, a name changed, and JSON that RDF ignores added: each must fail."""
    original = json.loads(certified.credential("plain").read_text(encoding="utf-8"))
    changes = {
        "score": lambda d: d["credentialSubject"]["result"][0].update(value="100"),
        "name": lambda d: d["credentialSubject"].update(name="Someone Else"),
        "issuer": lambda d: d["issuer"].update(name="Another issuer"),
    }
    paths = {}
    for what, change in changes.items():
        document = copy.deepcopy(original)
        change(document)
        paths[what] = folder / f"tampered-{what}.json"
        paths[what].write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return paths


def site_download(certified):
    def download(url: str) -> bytes:  # did:web and status lists, as the published site would answer
        assert url.startswith(BASE), url
        return (certified.site / url[len(BASE) :]).read_bytes()

    return download


def openbadgeslib_verdict(certified, path: Path) -> str:
    try:
        OB3LdpVerifier().verify(
            path.read_text(encoding="utf-8"),
            check_status=True,
            download=site_download(certified),
            verify_status_list=False,
        )  # it verifies only JWT status lists; digitalbazaar below does
    except OB3VerificationError as exc:
        return f"refused: {exc}"
    return "valid"


def test_openbadgeslib_accepts_ours_and_refuses_tampered_and_revoked(certified, tmp_path):
    for role in ("perfect", "arabic", "plain"):
        assert openbadgeslib_verdict(certified, certified.credential(role)) == "valid", role
    assert "signature mismatch" in openbadgeslib_verdict(certified, tampered_copies(certified, tmp_path)["score"])
    assert "status 'revocation' is set" in openbadgeslib_verdict(certified, certified.credential("revoked"))


def test_digitalbazaar_accepts_ours_and_refuses_tampered(certified, tmp_path):
    tampered = tampered_copies(certified, tmp_path)
    files = [certified.credential(role) for role in ("perfect", "arabic", "plain", "revoked")] + list(tampered.values())
    run = subprocess.run(  # noqa: PLW1510 (the test checks the exit code)
        [
            "node",
            str(ROOT / "tests" / "certify" / "verify_credentials.mjs"),
            str(certified.site),
            BASE,
            str(jsonld.CONTEXTS / jsonld.PINNED[jsonld.OB]),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    results = [json.loads(line) for line in run.stdout.splitlines()]
    for result in results[:4]:  # genuine: both proofs and the status list's proof verify
        for suite in ("eddsa-rdfc-2022", "eddsa-jcs-2022"):
            assert result[suite]["verified"], (result["file"], suite, result[suite]["error"])
    assert [r["eddsa-rdfc-2022"]["revoked"] for r in results[:4]] == [False, False, False, True]
    for result in results[4:]:
        for suite in ("eddsa-rdfc-2022", "eddsa-jcs-2022"):
            assert not result[suite]["verified"], (result["file"], suite)


# -- packager verify ---------------------------------------------------------------------------


def test_verify_says_valid_revoked_forged_unknown_with_exit_codes(certified, tmp_path):
    out, numbers = certified.out, certified.numbers
    for role in ("perfect", "arabic"):
        for target in (str(certified.credential(role)), str(out / f"{numbers[role]}.pdf"), numbers[role]):
            result = cli("verify", target, "--out", str(out))
            assert (result.exit_code, result.stdout.split(":")[0]) == (0, "VALID"), result.stdout
    revoked = cli("verify", numbers["revoked"], "--out", str(out))
    assert revoked.exit_code == 3 and revoked.stdout.startswith("REVOKED") and REASON in revoked.stdout, revoked.stdout
    forged = tampered_copies(certified, tmp_path)["score"]
    result = cli("verify", str(forged), "--site", str(certified.site))
    assert result.exit_code == 1 and "altered" in result.stdout, result.stdout
    result = cli("verify", "TIP-AAAA-BBBB-CCCC", "--out", str(out))
    assert result.exit_code == 4 and "not in the registry" in result.stdout
    result = cli("verify", str(forged))  # no site beside it: no key to check with
    assert result.exit_code == 4 and "DID document" in result.stdout
    result = cli("verify", str(tmp_path / "missing.json"))
    assert result.exit_code == 2 and "missing.json not found" in result.stdout
    result = cli("verify", "not-a-number", "--out", str(out))
    assert result.exit_code == 2


def test_revoked_without_registry_is_read_from_the_signed_status_list(certified, tmp_path):
    """A copy of the credential and the site alone (no registry) still says revoked."""
    copy_path = tmp_path / certified.credential("revoked").name
    copy_path.write_bytes(certified.credential("revoked").read_bytes())
    result = cli("verify", str(copy_path), "--site", str(certified.site))
    assert result.exit_code == 3 and "status list" in result.stdout, result.stdout


def test_revoke_refuses_twice_and_unknown_numbers(certified):
    key = [
        "--out",
        str(certified.out),
        "--key",
        str(certified.key),
        "--source",
        str(ROOT / "tests/fixtures/mini-course"),
    ]
    again = cli("revoke", certified.numbers["revoked"], "--reason", "again", *key)
    assert again.exit_code == 1 and "already revoked" in again.stderr
    unknown = cli("revoke", "TIP-AAAA-BBBB-CCCC", "--reason", "x", *key)
    assert unknown.exit_code == 1 and "not in the registry" in unknown.stderr
    empty = cli("revoke", certified.numbers["plain"], "--reason", "  ", *key)
    assert empty.exit_code == 1 and "--reason" in empty.stderr
