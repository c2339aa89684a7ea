"""Where each key path of a loaded YAML file is written, so problems can name line and column."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import yaml

from builder.errors import Problem


@dataclasses.dataclass(frozen=True)
class _Entry:
    key_mark: yaml.Mark | None  # where the key is written (None: a list item, the root)
    node: yaml.Node  # the value


class Positions:
    """Key paths as the validator names them (`facts.x.sources[0]`) mapped to YAML nodes."""

    def __init__(self, root: yaml.Node, construct_key: Callable[[yaml.Node], Any]):
        self._entries: dict[str, _Entry] = {}
        self._walk(root, "", None, construct_key)

    def _walk(self, node, path, key_mark, construct_key) -> None:
        self._entries[path] = _Entry(key_mark, node)
        if isinstance(node, yaml.MappingNode):
            for key_node, value in node.value:
                try:
                    key = str(construct_key(key_node))
                except yaml.YAMLError:
                    continue
                sub = f"{path}.{key}" if path else key
                self._walk(value, sub, key_node.start_mark, construct_key)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._walk(item, f"{path}[{i}]", None, construct_key)

    def find(self, path: str, on_key: bool = False) -> tuple[int, int] | None:
        """(line, column), 1-based, of the most specific node written for `path`."""
        entry = self._entries.get(path)
        if entry is None:
            # A missing key: point at the nearest enclosing entry that is written.
            parents = [
                p
                for p in self._entries
                if not p or (path.startswith(p) and path[len(p) : len(p) + 1] in (".", "["))
            ]
            entry = self._entries[max(parents, key=len)] if parents else None
            on_key = True
        if entry is None:
            return None
        # A block mapping or list starts on the line below its key: the key's line is
        # where the reader looks. A scalar or a [flow, list] is pointed at itself.
        block = not isinstance(entry.node, yaml.ScalarNode) and not entry.node.flow_style
        mark = entry.key_mark if entry.key_mark and (on_key or block) else entry.node.start_mark
        return mark.line + 1, mark.column + 1


def locate(problems: list[Problem], positions: dict[str, Positions]) -> list[Problem]:
    """The problems with line and column filled in where their file's positions are known."""
    out = []
    for problem in problems:
        where = positions.get(problem.file)
        spot = where.find(problem.key, problem.on_key) if where and problem.line is None else None
        if spot:
            problem = dataclasses.replace(problem, line=spot[0], column=spot[1])
        out.append(problem)
    return out
