"""Safe YAML parsing that remembers where every value came from.

PyYAML's safe loader returns plain data and forgets line numbers, and it silently keeps the last of
two identical keys. Error messages must name the file, the line and the field, so we compose the
node tree ourselves, record the line of each path, refuse duplicate keys, and then let the safe
constructor build the data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

FieldPath = tuple[str | int, ...]
#: Where a syntax error is reported: the text could not be parsed, so no field can be named.
SYNTAX: FieldPath = ("(syntax)",)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: where (path and line) and what."""

    path: FieldPath
    message: str
    line: int | None = None


class YamlSourceError(Exception):
    """The text is not usable YAML (syntax, duplicate key, or not a mapping at the top)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = list(problems)


@dataclass
class YamlDocument:
    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)

    def line_of(self, path: Sequence[str | int]) -> int:
        """The line of `path`, or of its nearest recorded parent (a missing field has no line)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def format_path(path: Sequence[str | int]) -> str:
    """`('themes', 3, 'questions', 2, 'levels')` -> `themes[3].questions[2].levels`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(document)"


def parse(text: str) -> YamlDocument:
    """Parse one YAML document with the safe loader, keeping the line of every path."""
    loader = yaml.SafeLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            message = f"invalid YAML: {exc.problem or exc}"
            raise YamlSourceError([Problem(SYNTAX, message, line)]) from None
        except yaml.YAMLError as exc:
            raise YamlSourceError([Problem(SYNTAX, f"invalid YAML: {exc}", None)]) from None
        if node is None:
            raise YamlSourceError([Problem((), "the file is empty", 1)])
        if not isinstance(node, yaml.MappingNode):
            line = node.start_mark.line + 1
            raise YamlSourceError([Problem((), "the top level must be a mapping", line)])
        lines: dict[FieldPath, int] = {(): node.start_mark.line + 1}
        problems: list[Problem] = []
        _walk(loader, node, (), lines, problems)
        if problems:
            raise YamlSourceError(problems)
        try:
            data = loader.construct_document(node)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else None
            raise YamlSourceError([Problem(SYNTAX, f"invalid YAML value: {exc}", line)]) from None
        return YamlDocument(data, lines)
    finally:
        loader.dispose()


def _walk(
    loader: yaml.SafeLoader,
    node: yaml.Node,
    path: FieldPath,
    lines: dict[FieldPath, int],
    problems: list[Problem],
) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int) or isinstance(key, bool):
                key = str(key)
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(
                    Problem(
                        (*path, key),
                        f"duplicate key '{key}' (first defined on line {seen[key]})",
                        line,
                    )
                )
                continue
            seen[key] = line
            lines[(*path, key)] = line
            _walk(loader, value_node, (*path, key), lines, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            _walk(loader, item, (*path, index), lines, problems)
