"""The certificate settings of course.yaml (`certificate:`), checked when the course is loaded, and
the certificate-number format they must fit.

The number format is defined here once: the registry builds numbers with `number()`, the PDF and
the verification site print them, and `packager verify` finds them with `NUMBER`. A number is
PREFIX-XXXX-XXXX-XXXX: the course's prefix, then twelve base32 characters of a SHA-256 of the
course and the learner.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from packager.source.fields import Fields
from packager.source.yamlsrc import Mapping, Sequence

PREFIX = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*")
PREFIX_MAX = 20
PREFIX_RULE = (
    "capital letters and digits, starting with a letter, in groups joined by '-', "
    f"at most {PREFIX_MAX} characters (e.g. TIP or TIP-MAROC)"
)
CODE = r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}"
NUMBER = re.compile(rf"(?<![A-Za-z0-9-])({PREFIX.pattern}-{CODE})(?![A-Za-z0-9-])")
SHA1 = re.compile(r"^[0-9a-f]{40}$")
DEFAULT_PREFIX = "TIP"


def valid_prefix(prefix: str) -> bool:
    return len(prefix) <= PREFIX_MAX and PREFIX.fullmatch(prefix) is not None


def number(prefix: str, course: str, actor_key: str) -> str:
    """Stable and unique per (course, learner): PREFIX-XXXX-XXXX-XXXX (base32 of a SHA-256)."""
    code = base64.b32encode(hashlib.sha256(f"{course}\n{actor_key}".encode()).digest()).decode()[:12]
    return f"{prefix}-{code[:4]}-{code[4:8]}-{code[8:12]}"


def find_number(text: str) -> str | None:
    """The first certificate number in a text (a PDF's, a URL), or None."""
    found = NUMBER.search(text)
    return found.group(1) if found else None


def is_number(text: str) -> bool:
    found = NUMBER.fullmatch(text)
    return found is not None and valid_prefix(text[: -len("-XXXX-XXXX-XXXX")])


@dataclass(frozen=True)
class CertificateSettings:
    """`certificate:` in course.yaml, checked; None where the default applies (it depends on the quiz)."""

    verification_url: str | None  # https://host/path/{number}: what the QR code holds; None: {iri}/verify/{number}
    mastery: float | None  # scaled, 0..1; default: the quiz's pass mark
    prefix: str
    authorities: list[dict] | None  # IFIs ({"mbox": ...}) of the LRS authorities trusted; None: any


def read_settings(f: Fields, raw, line: int) -> CertificateSettings:
    """Check `certificate:` (None when absent); every problem goes to `f` with its line."""
    if raw is None:
        return CertificateSettings(None, None, DEFAULT_PREFIX, None)
    if not isinstance(raw, Mapping):
        f.problem(line, "'certificate' must be a mapping of settings")
        return CertificateSettings(None, None, DEFAULT_PREFIX, None)
    f.keys(raw, (), ("verification_url", "mastery_score", "number_prefix", "authorities"))
    url = f.string(raw, "verification_url")
    if url and url_problem(url):
        f.problem(raw.line_of("verification_url"), f"certificate.verification_url {url!r} {url_problem(url)}")
    return CertificateSettings(url, _mastery(f, raw), _prefix(f, raw), _authorities(f, raw))


def url_problem(url: str) -> str:
    """'' when `url` can be the verification URL of a published site, else what is wrong."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return "must be an https URL (the site's address is its issuer's did:web identity)"
    if parts.query or parts.fragment or url.count("{number}") != 1 or "{" in url.replace("{number}", ""):
        return "must contain {number} once, with no query or fragment"
    if not parts.path.rstrip("/").endswith("/{number}"):
        return "must end with the path segment {number} (e.g. https://example.org/verify/{number})"
    if any(c in parts.path for c in " %?#\\") or "//" in parts.path:
        return "must have a plain path (no spaces, escapes or empty segments)"
    return ""


def _mastery(f: Fields, raw: Mapping) -> float | None:
    if "mastery_score" not in raw:
        return None
    value = raw["mastery_score"]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        f.problem(
            raw.line_of("mastery_score"),
            f"certificate.mastery_score must be a number from 0 to 1 (0.8 for 80 %), not {value!r}",
        )
        return None
    return float(value)


def _prefix(f: Fields, raw: Mapping) -> str:
    prefix = f.string(raw, "number_prefix", DEFAULT_PREFIX)
    if prefix is None:
        return DEFAULT_PREFIX
    if not valid_prefix(prefix):
        f.problem(raw.line_of("number_prefix"), f"certificate.number_prefix {prefix!r} must be {PREFIX_RULE}")
        return DEFAULT_PREFIX
    return prefix


def _authorities(f: Fields, raw: Mapping) -> list[dict] | None:
    if "authorities" not in raw:
        return None
    entries = raw["authorities"]
    if not isinstance(entries, Sequence) or not entries:
        f.problem(
            raw.line_of("authorities"),
            "certificate.authorities must be a list of agents (mbox, mbox_sha1sum, openid or account)",
        )
        return None
    found = []
    for entry, line in zip(entries, entries.item_lines, strict=True):
        agent = authority(entry)
        if isinstance(agent, str):
            f.problem(line, f"certificate.authorities: {agent}")
        else:
            found.append(agent)
    return found


def authority(entry) -> dict | str:
    """The IFI of an agent as xAPI identifies it ({"mbox": "mailto:..."}), or what is wrong with it."""
    expected = "an agent with exactly one of mbox (mailto:…), mbox_sha1sum, openid (URL) or account (homePage, name)"
    if not isinstance(entry, dict):
        return f"expected {expected}"
    keys = [k for k in ("mbox", "mbox_sha1sum", "openid", "account") if k in entry]
    unknown = sorted(set(entry) - {"mbox", "mbox_sha1sum", "openid", "account", "name", "objectType"})
    if len(keys) != 1 or unknown:
        return f"expected {expected}" + (f"; unknown key(s) {', '.join(map(str, unknown))}" if unknown else "")
    key, value = keys[0], entry[keys[0]]
    if key == "mbox" and isinstance(value, str) and re.fullmatch(r"mailto:[^@\s]+@[^@\s]+", value):
        return {key: value}
    if key == "mbox_sha1sum" and isinstance(value, str) and SHA1.match(value):
        return {key: value}
    if (
        key == "openid"
        and isinstance(value, str)
        and urlsplit(value).scheme in ("http", "https")
        and urlsplit(value).netloc
    ):
        return {key: value}
    if (
        key == "account"
        and isinstance(value, dict)
        and set(value) == {"homePage", "name"}
        and isinstance(value["homePage"], str)
        and urlsplit(value["homePage"]).scheme in ("http", "https")
        and isinstance(value["name"], str)
        and value["name"].strip()
    ):
        return {key: {"homePage": value["homePage"], "name": value["name"]}}
    rules = {
        "mbox": "a mailto: address",
        "mbox_sha1sum": "40 lowercase hexadecimal digits",
        "openid": "an http(s) URL",
        "account": "a mapping with homePage (an http(s) URL) and name",
    }
    return f"{key} must be {rules[key]}, not {value!r}"
