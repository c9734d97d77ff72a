"""The course's Markdown dialect: CommonMark with raw HTML disabled (escaped), plus tables; an image of an
SVG diagram from media/ is shown inline (see svg.py), alone in its paragraph, with its alt text as caption.

One parser for loading (finding media references) and rendering, so both see the same document.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import cast
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML

# html=False: raw HTML in the sources is shown as text, never passed through.
# Link validation (markdown-it's default) drops javascript:, vbscript:, file: and data: (except images) URLs.
PARSER = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
RENDERER = cast(RendererHTML, PARSER.renderer)
_default_image = RENDERER.rules["image"]


def _image(renderer, tokens, index, options, env):
    """An image whose source is a checked diagram becomes the diagram itself (inline SVG)."""
    token = tokens[index]
    markup = (env.get("diagrams") or {}).get(token.attrGet("src"))
    if markup is None:
        return _default_image(tokens, index, options, env)
    caption = escapeHtml(token.content)
    return f'<figure class="diagram">{markup}<figcaption>{caption}</figcaption></figure>'


PARSER.add_render_rule("image", _image)


@functools.lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple:
    """Parsed once: loading (to find media) and rendering both need the tokens of the same text."""
    return tuple(PARSER.parse(text))


def render(text: str, diagrams: dict[str, str] | None = None) -> str:
    """HTML of `text`; `diagrams` maps media paths to their inline markup."""
    html = RENDERER.render(list(_tokens(text)), PARSER.options, {"diagrams": diagrams or {}})
    # a diagram stands alone in its paragraph: the figure replaces the paragraph
    return html.replace("<p><figure", "<figure").replace("</figure></p>", "</figure>")


def local_references(text: str) -> Iterator[tuple[str, int]]:
    """Relative links and image sources in `text`, with the 0-based line of their block."""
    for token in _tokens(text):
        if token.type != "inline" or not token.children:
            continue
        line = token.map[0] if token.map else 0
        for child in token.children:
            target = (
                child.attrGet("src")
                if child.type == "image"
                else (child.attrGet("href") if child.type == "link_open" else None)
            )
            if not target or not isinstance(target, str):
                continue
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("#", "/")):
                continue
            yield parts.path, line
