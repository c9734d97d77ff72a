"""What manifests of every format share: hrefs that must name files of the package, the files a content
package's resources list, ids listed once, absolute IRIs."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qsl, unquote, urlsplit

XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
RFC1738_UNSAFE = re.compile(r"[\s<>\"{}|\\^`\[\]]")  # must be percent-encoded in a URL (RFC 1738, 2.2)


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


def resource_files(
    root,
    resources: dict,
    files: set[str],
    report,
    where,
    *,
    imscp: str,
    adlcp: str,
    type_name: str,
    types: tuple[str, ...],
) -> set[str]:
    """The files an IMS content package's resources name (launch hrefs and <file>s, after xml:base), each
    checked to be in the zip; each resource's ADL type must be one of `types` (the attribute is
    adlcp:scormtype in SCORM 1.2, adlcp:scormType in 2004: `type_name`)."""
    listed: set[str] = set()
    node = root.find(f"{{{imscp}}}resources")
    base_all = node.get(XML_BASE, "") if node is not None else ""
    for ident, resource in resources.items():
        kind = resource.get(f"{{{adlcp}}}{type_name}")
        if kind not in types:
            expected = " or ".join(repr(t) for t in types)
            report.error(f"resource {ident!r}: adlcp:{type_name} is {kind!r}, expected {expected}", where(resource))
        base = base_all + resource.get(XML_BASE, "")
        hrefs = [(resource, resource.get("href"))] + [(f, f.get("href")) for f in resource.iter(f"{{{imscp}}}file")]
        for place, href in hrefs:
            target = local_file(href, base, files, where(place), report) if href else None
            if target:
                listed.add(target)
    return listed


def listed_once(ids: list, kind: str, name: str, report) -> None:
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        report.error(f"{kind} {duplicate!r} is listed twice", name)


def absolute_iri(node, report, name: str) -> None:
    ident = node.get("id")
    if not ident or not ABSOLUTE_IRI.match(ident):
        report.error(f"id {ident!r} must be an absolute IRI", f"{name}:{node.sourceline}")


def launch_url(
    url: str, reserved: tuple[str, ...], files: set[str], where: str, report, codes: tuple[str, str] = ("", "")
) -> None:
    """A launch URL: valid (RFC 1738: no space or unsafe character), without the parameters the launcher
    adds (`reserved`), naming a file of the package when relative. `codes` prefix the two first
    findings with the requirement ids of the format's specification."""
    if not url or RFC1738_UNSAFE.search(url):
        report.error(
            f"{codes[0]}launch URL {url!r} is not a valid URL (RFC 1738: spaces and unsafe characters "
            "must be percent-encoded)",
            where,
        )
        return
    carried = sorted({key for key, _ in parse_qsl(urlsplit(url).query)} & set(reserved))
    if carried:
        report.error(
            f"{codes[1]}launch URL {url!r} already carries {', '.join(carried)}, which only the "
            "LMS or launcher adds at launch",
            where,
        )
    if not urlsplit(url).scheme:
        local_file(url, "", files, where, report)
