"""The course's Markdown dialect: CommonMark with raw HTML disabled (escaped), plus tables.

One parser for loading (finding media references) and rendering, so both see the same document.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

# html=False: raw HTML in the sources is shown as text, never passed through.
# Link validation (markdown-it's default) drops javascript:, vbscript:, file: and data: (except images) URLs.
PARSER = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


@functools.lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple:
    """Parsed once: loading (to find media) and rendering both need the tokens of the same text."""
    return tuple(PARSER.parse(text))


def render(text: str) -> str:
    return PARSER.renderer.render(list(_tokens(text)), PARSER.options, {})


def local_references(text: str) -> Iterator[tuple[str, int]]:
    """Relative links and image sources in `text`, with the 0-based line of their block."""
    for token in _tokens(text):
        if token.type != "inline" or not token.children:
            continue
        line = token.map[0] if token.map else 0
        for child in token.children:
            target = child.attrGet("src") if child.type == "image" else (
                child.attrGet("href") if child.type == "link_open" else None)
            if not target or not isinstance(target, str):
                continue
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("#", "/")):
                continue
            yield parts.path, line
