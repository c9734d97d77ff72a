"""A module's `fr.md` / `ar.md`: split into pages (`# Title {#page-id}`) and ```check blocks.

A page starts at each level-1 heading outside a code fence; the heading must end with the
page id in braces, the same id in every language, optionally followed by classes that say what
kind of page it is: `{#cas-pratique .case}` (a case study), `{#fiche-indicateurs .job-aid}` (a
printable job aid). A fenced block whose info string is `check` holds one knowledge check in YAML
(see items.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from packager.source import yamlsrc
from packager.source.fields import Fields
from packager.source.items import ItemReader
from packager.source.model import Block, CheckRef, Item, Markdown

HEADING = re.compile(r"^# +(?P<title>.*?)\s*\{#(?P<id>[^}\s]*)(?P<classes>(?:\s+\.[^}\s]*)*)\s*\}\s*$")
PAGE_CLASSES = ("case", "job-aid")
PLAIN_HEADING = re.compile(r"^# +\S")
PAGE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})\s*(?P<info>\S*)")


@dataclass
class SourcePage:
    id: str
    title: str
    line: int
    classes: tuple[str, ...] = ()
    blocks: list[Block] = field(default_factory=list)


def split_pages(text: str, fields: Fields, reader: ItemReader) -> tuple[list[SourcePage], list[Item]]:
    """Pages and knowledge checks of one language file; problems go to `fields`."""
    pages: list[SourcePage] = []
    checks: list[Item | None] = []
    buffer: list[str] = []
    buffer_start = 0
    fence: str | None = None
    check_start: int | None = None
    check_lines: list[str] = []

    def flush(next_line: int) -> None:
        nonlocal buffer, buffer_start
        body = "\n".join(buffer).rstrip("\n")  # leading blank lines kept: block.line + offset stays true
        if body.strip():
            if pages:
                pages[-1].blocks.append(Markdown(body + "\n", buffer_start))
            else:
                fields.problem(buffer_start, "text before the first page heading ('# Title {#page-id}')")
        buffer, buffer_start = [], next_line

    for number, line in enumerate(text.splitlines(), start=1):
        if fence is not None:
            if line.strip().startswith(fence) and line.strip().strip(fence[0]) == "":
                fence = None
                if check_start is not None:
                    checks.append(_check(check_lines, check_start, fields, reader, pages))
                    check_start, check_lines = None, []
                    buffer_start = number + 1
                    continue
            if check_start is not None:
                check_lines.append(line)
            else:
                buffer.append(line)
            continue
        opened = FENCE.match(line)
        if opened:
            fence = opened["fence"]
            if opened["info"] == "check":
                flush(number)
                check_start = number
                continue
            buffer.append(line)
            continue
        heading = HEADING.match(line)
        if heading or PLAIN_HEADING.match(line):
            flush(number + 1)
            if not heading:
                fields.problem(number, "a page heading must end with its id: '# Title {#page-id}'")
                pages.append(SourcePage("", line[2:].strip(), number))
                continue
            page_id = heading["id"]
            if not PAGE_ID.match(page_id):
                fields.problem(number, f"page id {page_id!r} must be lowercase letters, digits and '-' (at most 40)")
            elif any(p.id == page_id for p in pages):
                fields.problem(number, f"duplicate page id '{page_id}'")
            pages.append(SourcePage(page_id, heading["title"], number, _classes(heading["classes"], number, fields)))
            continue
        if not buffer:
            buffer_start = number
        buffer.append(line)
    if fence is not None:
        fields.problem(check_start or len(text.splitlines()), f"code fence {fence} is never closed")
    flush(0)
    if not pages:
        fields.problem(1, "no page: each page starts with a heading '# Title {#page-id}'")
    return pages, [c for c in checks if c is not None]


def _classes(text: str, line: int, fields: Fields) -> tuple[str, ...]:
    classes = tuple(c[1:] for c in text.split())
    for name in classes:
        if name not in PAGE_CLASSES:
            fields.problem(line, f"unknown page class '.{name}' (expected {', '.join('.' + c for c in PAGE_CLASSES)})")
    return tuple(sorted(set(classes) & set(PAGE_CLASSES)))


def _check(lines: list[str], start: int, fields: Fields, reader: ItemReader, pages: list[SourcePage]) -> Item | None:
    data, problems = yamlsrc.parse("\n".join(lines), fields.file, offset=start)
    fields.problems.extend(problems)
    if data is None:
        return None
    if not isinstance(data, yamlsrc.Mapping):
        fields.problem(start, "a check block must hold one question as a YAML mapping")
        return None
    if not pages:
        fields.problem(start, "a check must be inside a page")
        return None
    item = reader.read(data, in_bank=False)
    if item is not None:
        pages[-1].blocks.append(CheckRef(item.id))
    return item
