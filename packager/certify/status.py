"""Revocation with W3C Bitstring Status List v1.0: each credential carries a `credentialStatus`
entry (statusPurpose "revocation", its own index in one of the course's lists, allocated by the
registry), and the issuer publishes each list as a signed credential whose bit at that index is 1
once the certificate is revoked.

A list has 131,072 bits (the specification's minimum, 16 KiB, so that a list tells nothing about how
many certificates it covers); indexes are drawn at random, as the specification advises, and a list
is filled to half before the next is opened. `encodedList` is the multibase base64url (no padding)
of the GZIP of the bits, the first index being the most significant bit of the first byte.
"""

from __future__ import annotations

import base64
import gzip

from packager.certify.jsonld import VC
from packager.certify.settings import Settings

SIZE = 131_072
PER_LIST = SIZE // 2  # certificates per list before the next list is opened


def encode(revoked: set[int]) -> str:
    bits = bytearray(SIZE // 8)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    return "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits), mtime=0)).decode().rstrip("=")


def decode(encoded: str) -> bytes:
    """The bits of an encodedList; ValueError when it is not one."""
    if not encoded.startswith("u"):
        raise ValueError("encodedList is not multibase base64url")
    body = encoded[1:]
    try:
        bits = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    except (OSError, EOFError, ValueError) as exc:
        raise ValueError(f"encodedList is not a GZIP bitstring ({exc})") from None
    if len(bits) * 8 < SIZE:
        raise ValueError(f"the list has {len(bits) * 8} bits, fewer than the {SIZE} required")
    return bits


def is_set(bits: bytes, index: int) -> bool:
    return 0 <= index < len(bits) * 8 and bool(bits[index // 8] & (0x80 >> (index % 8)))


def entry(settings: Settings, list_number: int, index: int) -> dict:
    """The `credentialStatus` of the credential at `index` in list `list_number`."""
    url = settings.base + settings.status_list(list_number)
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": url,
    }


def list_credential(settings: Settings, list_number: int, revoked: set[int], issued: str) -> dict:
    """The (unsigned) status list credential of list `list_number`."""
    url = settings.base + settings.status_list(list_number)
    return {
        "@context": [VC],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": settings.did,
        "validFrom": issued,
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode(revoked),
        },
    }
