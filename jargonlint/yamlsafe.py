"""Safe YAML loading that remembers where each mapping and key came from.

Only plain data is built (the safe loader's types); a tag that tries to
construct an object is refused. Mappings come back as ``LineDict`` so errors
can name the line of the entry or key at fault.
"""
from __future__ import annotations

import yaml

try:  # the C loader is several times faster on large glossaries
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader


class LineDict(dict):
    """A dict that knows its own line and the line of each key (1-based)."""

    line = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A list that knows its own line and the line of each item (1-based)."""

    line = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        lines = getattr(self, "item_lines", ())
        return lines[index] if 0 <= index < len(lines) else self.line


class YamlError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class _LineLoader(_Base):
    pass


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise YamlError(key_node.start_mark.line + 1, "a mapping key must be a plain value")
        if key in result:
            raise YamlError(key_node.start_mark.line + 1, f"duplicate key {key!r}")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader, node):
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _refuse(loader, tag_suffix, node=None):
    node = node if node is not None else tag_suffix
    raise YamlError(node.start_mark.line + 1, f"tag {node.tag!r} is not allowed (only plain data)")


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_LineLoader.add_constructor(None, lambda loader, node: _refuse(loader, node))


def load(text: str):
    """Parse YAML text into plain data; raise YamlError(line, message)."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - the loader is safe
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise YamlError(line, (exc.problem or str(exc)).strip()) from None
    except yaml.YAMLError as exc:
        raise YamlError(0, str(exc).strip()) from None
