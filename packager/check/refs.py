"""What manifests of every format share: hrefs that must name files of the package, ids listed once,
absolute IRIs."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def local_file(href: str, base: str, files: set[str], where: str, report) -> str | None:
    """The package file an href names (None for absolute URLs); an error if it is missing or outside."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None  # an absolute URL is the LMS's business, not a file of the package
    target = posixpath.normpath(unquote(base + parts.path))
    if target.startswith("../") or target.startswith("/"):
        report.error(f"href {href!r} points outside the package", where)
        return None
    if target not in files:
        report.error(f"href {href!r} names a file that is not in the zip", where)
    return target


def listed_once(ids: list, kind: str, name: str, report) -> None:
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        report.error(f"{kind} {duplicate!r} is listed twice", name)


def absolute_iri(node, report, name: str) -> None:
    ident = node.get("id")
    if not ident or not ABSOLUTE_IRI.match(ident):
        report.error(f"id {ident!r} must be an absolute IRI", f"{name}:{node.sourceline}")
