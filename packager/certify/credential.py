"""Signed, machine-readable certificates: W3C Verifiable Credentials (Open Badges 3.0 credentials and
the status lists) secured with a Data Integrity proof set of two Ed25519 proofs over the same content:

- `eddsa-rdfc-2022`, the proof Open Badges 3.0 verifiers check: RDF Dataset Canonicalization of
  the credential (jsonld.py: pyld, contexts pinned in the package);
- `eddsa-jcs-2022`: the JSON Canonicalization Scheme (RFC 8785, the `rfc8785` library), which the
  verification site checks in the browser with WebCrypto and nothing else (site.py).

Each proof: SHA-256 of the canonical proof configuration, then of the canonical credential without
its proofs, signed with Ed25519; the signature is multibase base58btc ("z..."). `verify` requires
the rdfc proof and checks every proof present, so a change that one canonical form cannot see
(JSON that RDF ignores) still breaks the other.

The signing key is created on first use, outside the repository (default
~/.config/packager/issuer-ed25519.pem, or --key / PACKAGER_SIGNING_KEY), readable by its owner
only. The public key is published as a Multikey in the issuer's DID document (did:web, see
settings.py).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import base58
import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from packager.certify import jsonld
from packager.errors import PackagerError

DEFAULT_KEY = Path.home() / ".config" / "packager" / "issuer-ed25519.pem"
ED25519_PUB = b"\xed\x01"  # multicodec ed25519-pub
RDFC, JCS = "eddsa-rdfc-2022", "eddsa-jcs-2022"
CRYPTOSUITES = (RDFC, JCS)


class CredentialError(PackagerError):
    pass


def load_key(path: Path | None) -> Ed25519PrivateKey:
    """The issuer's signing key, created (mode 0600) on first use."""
    path = Path(path or os.environ.get("PACKAGER_SIGNING_KEY") or DEFAULT_KEY).expanduser()
    if path.exists():
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except ValueError as exc:
            raise CredentialError(f"{path}: not a PEM private key ({exc})") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise CredentialError(f"{path}: not an Ed25519 key")
        return key
    key = Ed25519PrivateKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    return key


def multibase(data: bytes) -> str:
    return "z" + base58.b58encode(data).decode()


def from_multibase(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("z"):
        raise CredentialError(f"not multibase base58btc: {str(text)[:20]!r}")
    try:
        return base58.b58decode(text[1:])
    except ValueError as exc:
        raise CredentialError(f"not base58: {exc}") from None


def public_multibase(key: Ed25519PublicKey) -> str:
    """The Multikey encoding of an Ed25519 public key: z6Mk..."""
    return multibase(ED25519_PUB + key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def public_key(text: str) -> Ed25519PublicKey:
    raw = from_multibase(text)
    if raw[:2] != ED25519_PUB or len(raw) != 34:
        raise CredentialError("not an Ed25519 Multikey")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def method_id(did: str, key: Ed25519PrivateKey) -> str:
    """The key's verification method in the DID document: did:web:…#z6Mk…"""
    return f"{did}#{public_multibase(key.public_key())}"


def did_document(did: str, key: Ed25519PrivateKey) -> dict:
    """The issuer's DID document (did.json): its public key as a Multikey, for assertions."""
    method = method_id(did, key)
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": public_multibase(key.public_key()),
            }
        ],
        "assertionMethod": [method],
    }


def _canonical(suite: str, data: dict, loader: jsonld.Loader) -> bytes:
    if suite == RDFC:
        return jsonld.canonize(data, loader).encode("utf-8")
    return rfc8785.dumps(data)


def hash_data(suite: str, unsecured: dict, config: dict, loader: jsonld.Loader = jsonld.load_document) -> bytes:
    """What a proof signs: SHA-256 of the canonical proof configuration, then of the document."""
    return (
        hashlib.sha256(_canonical(suite, config, loader)).digest()
        + hashlib.sha256(_canonical(suite, unsecured, loader)).digest()
    )


def sign(
    document: dict,
    key: Ed25519PrivateKey,
    verification_method: str,
    created: str,
    suites: tuple[str, ...] = CRYPTOSUITES,
    loader: jsonld.Loader = jsonld.load_document,
) -> dict:
    """The document with a proof per suite (a proof set: each signs the document without proofs)."""
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    proofs = []
    for suite in suites:
        config = {
            "@context": unsecured["@context"],
            "type": "DataIntegrityProof",
            "cryptosuite": suite,
            "created": created,
            "verificationMethod": verification_method,
            "proofPurpose": "assertionMethod",
        }
        signature = key.sign(hash_data(suite, unsecured, config, loader))
        proof = config if suite == JCS else {k: v for k, v in config.items() if k != "@context"}
        proofs.append({**proof, "proofValue": multibase(signature)})
    return {**unsecured, "proof": proofs if len(proofs) > 1 else proofs[0]}


def verify(document: dict, issuer: dict, loader: jsonld.Loader = jsonld.load_document) -> str:
    """'' when the document is issued by the DID document `issuer` and every proof holds, else why not."""
    issuer_id = document.get("issuer")
    issuer_id = issuer_id.get("id") if isinstance(issuer_id, dict) else issuer_id
    if issuer_id != issuer.get("id"):
        return f"issued by {issuer_id!r}, not by {issuer.get('id')!r}"
    raw = document.get("proof")
    proofs = [p for p in (raw if isinstance(raw, list) else [raw]) if isinstance(p, dict)]
    if not any(p.get("cryptosuite") == RDFC for p in proofs):
        return f"no {RDFC} proof"
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    for proof in proofs:
        problem = _check_proof(proof, unsecured, issuer, loader)
        if problem:
            return problem
    return ""


def _check_proof(proof: dict, unsecured: dict, issuer: dict, loader: jsonld.Loader) -> str:
    suite = proof.get("cryptosuite")
    if proof.get("type") != "DataIntegrityProof" or suite not in CRYPTOSUITES:
        return f"a proof of an unknown kind ({proof.get('type')!r}, {suite!r})"
    if proof.get("proofPurpose") != "assertionMethod":
        return f"the {suite} proof is not for assertions"
    method = proof.get("verificationMethod")
    keys = {m.get("id"): m for m in issuer.get("verificationMethod", []) if isinstance(m, dict)}
    if method not in keys or method not in issuer.get("assertionMethod", []):
        return f"the {suite} proof's key {method!r} is not an assertion key of {issuer.get('id')}"
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    if "@context" in config and config["@context"] != unsecured.get("@context"):
        return f"the {suite} proof's @context differs from the credential's"
    config["@context"] = unsecured.get("@context")
    try:
        public = public_key(keys[method].get("publicKeyMultibase", ""))
        signature = from_multibase(proof.get("proofValue", ""))
        public.verify(signature, hash_data(suite, unsecured, config, loader))
    except jsonld.ContextError as exc:
        return str(exc)
    except CredentialError as exc:
        return f"unreadable key or {suite} signature ({exc})"
    except InvalidSignature:
        return (
            f"the {suite} signature does not match the content: the credential was altered or not signed by this issuer"
        )
    return ""
