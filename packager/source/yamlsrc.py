"""YAML reading that remembers line numbers, so every source error can say where it is.

PyYAML's safe loader is used (no tags, no Python objects); mappings become `Mapping`
(a dict that knows the line of each key) and sequences `Sequence` (a list that knows its line).
Duplicate keys, which PyYAML silently collapses, are reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

from packager.errors import Problem


class Mapping(dict):
    """A YAML mapping with the line of the mapping and of each of its keys (1-based)."""

    line: int = 0

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.key_lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class Sequence(list):
    """A YAML sequence with its line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


# libyaml's C parser when PyYAML was built with it: the same safe constructors, several times faster.
if TYPE_CHECKING:
    _Base = yaml.SafeLoader
else:
    _Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """Safe loader that builds Mapping/Sequence and collects duplicate keys."""

    def __init__(self, stream: str, offset: int, file: str):
        super().__init__(stream)
        self.offset = offset
        self.file = file
        self.problems: list[Problem] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Mapping:
        self.flatten_mapping(node)
        result = Mapping()
        result.line = node.start_mark.line + 1 + self.offset
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1 + self.offset
            if not isinstance(key, (str, int, float, bool)) or key is None:
                self.problems.append(Problem(self.file, line, f"a key must be a plain word, not {key!r}"))
                continue
            if key in result:
                self.problems.append(Problem(self.file, line, f"duplicate key {key!r}"))
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = line
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> Sequence:
        result = Sequence(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1 + self.offset
        result.item_lines = [child.start_mark.line + 1 + self.offset for child in node.value]
        return result


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)


def parse(text: str, file: str, offset: int = 0) -> tuple[Any, list[Problem]]:
    """Parse YAML text; `offset` is the number of lines before it in `file` (for fenced blocks).

    Returns the data (None when it cannot be parsed) and the problems found.
    """
    loader = _Loader(text, offset, file)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        reason = exc.problem or exc.context or "invalid YAML"
        return None, [Problem(file, line, f"invalid YAML: {reason}")]
    except yaml.YAMLError as exc:
        return None, [Problem(file, None, f"invalid YAML: {exc}")]
    finally:
        loader.dispose()
    return data, loader.problems
