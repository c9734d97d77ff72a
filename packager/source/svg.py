"""Diagrams: SVG files in a module's media/ folder, shown inline in the page so that their words are
real text (readable by screen readers, searchable, selectable, in the page's font).

Inline SVG is HTML the course author wrote, so it is checked against an allowlist instead of being
trusted: shapes, groups, text and markers only, presentation attributes only; no script, style,
foreignObject, image, link or external reference. Anything else is a source problem with its file
and line, not a silent removal. The accepted markup is re-serialised with every id prefixed, so two
diagrams on one page cannot collide, and with role="img" labelled by its <title> and <desc>.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from packager.errors import Problem

SVG = "http://www.w3.org/2000/svg"
ELEMENTS = {
    "svg",
    "g",
    "title",
    "desc",
    "text",
    "tspan",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "path",
    "defs",
    "marker",
}
ATTRIBUTES = {
    "id",
    "viewBox",
    "width",
    "height",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "d",
    "points",
    "transform",
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "letter-spacing",
    "text-anchor",
    "dominant-baseline",
    "direction",
    "opacity",
    "fill-opacity",
    "stroke-opacity",
    "marker-start",
    "marker-mid",
    "marker-end",
    "markerWidth",
    "markerHeight",
    "refX",
    "refY",
    "orient",
    "markerUnits",
    "role",
    "aria-labelledby",
    "aria-hidden",
    "preserveAspectRatio",
    "dx",
    "dy",
    "lang",
    "{http://www.w3.org/XML/1998/namespace}lang",
}
LOCAL_REFERENCE = re.compile(r"^url\(#[A-Za-z][\w.-]*\)$")
MAX_BYTES = 256 * 1024


def read(path: Path, name: str, prefix: str) -> tuple[str | None, list[Problem]]:
    """The diagram as inline markup (ids prefixed with `prefix`), or None and the problems found."""
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        return None, [Problem(name, None, f"an SVG diagram is at most {MAX_BYTES // 1024} KiB")]
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return None, [Problem(name, None, "an SVG diagram may not declare a DOCTYPE or entities")]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return None, [Problem(name, exc.lineno, f"not well-formed SVG: {exc.msg}")]
    problems = list(_unsafe(root, name))
    if root.tag != f"{{{SVG}}}svg":
        problems.append(Problem(name, root.sourceline, "the root element must be <svg> in the SVG namespace"))
    if root.find(f"{{{SVG}}}title") is None or not (root.findtext(f"{{{SVG}}}title") or "").strip():
        problems.append(
            Problem(name, root.sourceline, "an SVG diagram needs a <title> (what it shows) for screen readers")
        )
    if problems:
        return None, problems
    return _inline(root, prefix), []


def _unsafe(root: etree._Element, name: str):
    for node in root.iter():
        if not isinstance(node.tag, str):
            yield Problem(name, node.sourceline, "processing instructions are not allowed in a diagram")
            continue
        namespace, _, tag = node.tag[1:].partition("}")
        if namespace != SVG or tag not in ELEMENTS:
            yield Problem(
                name,
                node.sourceline,
                f"element <{tag or node.tag}> is not allowed in a diagram (allowed: {', '.join(sorted(ELEMENTS))})",
            )
        for attribute, value in node.attrib.items():
            if attribute not in ATTRIBUTES:
                yield Problem(
                    name,
                    node.sourceline,
                    f"attribute '{attribute}' is not allowed in a diagram "
                    "(presentation attributes only: no style, event handler or link)",
                )
            elif attribute.startswith("marker-") and not LOCAL_REFERENCE.match(value):
                yield Problem(name, node.sourceline, f"'{attribute}' must point to a marker of this file: url(#id)")


def _inline(root: etree._Element, prefix: str) -> str:
    for node in root.iter():
        if node.get("id"):
            node.set("id", f"{prefix}-{node.get('id')}")
        for attribute in ("marker-start", "marker-mid", "marker-end"):
            if node.get(attribute):
                node.set(attribute, node.get(attribute).replace("url(#", f"url(#{prefix}-"))
    labels = []
    for kind in ("title", "desc"):
        node = root.find(f"{{{SVG}}}{kind}")
        if node is not None:
            if not node.get("id"):
                node.set("id", f"{prefix}-{kind}")
            labels.append(node.get("id"))
    root.set("role", "img")
    root.set("aria-labelledby", " ".join(labels))
    root.set("class", "diagram")
    return etree.tostring(root, encoding="unicode")
