"""Signed, machine-readable certificates: Open Badges 3.0 credentials (W3C Verifiable Credentials)
with an Ed25519 Data Integrity proof, cryptosuite eddsa-jcs-2022.

Signing: SHA-256 of the canonical proof configuration, then of the canonical credential without
its proof, signed with Ed25519; the signature is multibase (base58btc, "z..."). Canonical JSON is
JCS (RFC 8785), which for the JSON made here (strings, integers, short decimals, no floats in
exponent form) is json.dumps with sorted keys and no spaces.

The signing key is created on first use, outside the repository (default
~/.config/packager/issuer-ed25519.pem, or --key / PACKAGER_SIGNING_KEY), readable by its owner
only; the public key is published beside the certificates as issuer.json.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from packager.errors import PackagerError

CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
DEFAULT_KEY = Path.home() / ".config" / "packager" / "issuer-ed25519.pem"
ED25519_MULTICODEC = b"\xed\x01"
ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


class CredentialError(PackagerError):
    pass


def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    text = ""
    while number:
        number, rest = divmod(number, 58)
        text = ALPHABET[rest] + text
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + text


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        if char not in ALPHABET:
            raise CredentialError(f"not base58: {char!r}")
        number = number * 58 + ALPHABET.index(char)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def canonical(document: dict) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


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


def public_multibase(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "z" + b58encode(ED25519_MULTICODEC + raw)


def issuer_document(issuer_id: str, name: str, key: Ed25519PrivateKey) -> dict:
    """issuer.json: the public key (Multikey) anyone needs to verify the credentials."""
    return {"@context": ["https://www.w3.org/ns/cid/v1"], "id": issuer_id, "name": name,
            "verificationMethod": [{"id": f"{issuer_id}#key-1", "type": "Multikey", "controller": issuer_id,
                                    "publicKeyMultibase": public_multibase(key.public_key())}],
            "assertionMethod": [f"{issuer_id}#key-1"]}


def _hash_data(document: dict, proof_config: dict) -> bytes:
    return hashlib.sha256(canonical(proof_config)).digest() + hashlib.sha256(canonical(document)).digest()


def sign(document: dict, key: Ed25519PrivateKey, verification_method: str, created: str) -> dict:
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    config = {"@context": unsecured["@context"], "type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022",
              "created": created, "verificationMethod": verification_method, "proofPurpose": "assertionMethod"}
    signature = key.sign(_hash_data(unsecured, config))
    proof = {k: v for k, v in config.items() if k != "@context"}
    proof["proofValue"] = "z" + b58encode(signature)
    return {**unsecured, "proof": proof}


def verify(document: dict, issuer: dict) -> str:
    """'' when the proof is valid for the issuer's key, else why not."""
    proof = document.get("proof")
    if not isinstance(proof, dict) or proof.get("cryptosuite") != "eddsa-jcs-2022":
        return "no eddsa-jcs-2022 proof"
    methods = {m.get("id"): m for m in issuer.get("verificationMethod", []) if isinstance(m, dict)}
    method = methods.get(proof.get("verificationMethod"))
    if method is None:
        return f"the proof's key {proof.get('verificationMethod')!r} is not in issuer.json"
    try:
        raw = b58decode(method["publicKeyMultibase"][1:])
        if not method["publicKeyMultibase"].startswith("z") or raw[:2] != ED25519_MULTICODEC:
            return "issuer.json's key is not an Ed25519 Multikey"
        public = Ed25519PublicKey.from_public_bytes(raw[2:])
        signature = b58decode(str(proof.get("proofValue", ""))[1:])
    except (KeyError, ValueError, CredentialError) as exc:
        return f"unreadable key or signature ({exc})"
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    config["@context"] = unsecured.get("@context")
    try:
        public.verify(signature, _hash_data(unsecured, config))
    except InvalidSignature:
        return "the signature does not match the content: the credential was altered or not signed by this issuer"
    return ""
