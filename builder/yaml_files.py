"""Reads one YAML file safely: size cap, UTF-8, no aliases, no duplicate keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from builder.errors import Problem, display_path
from builder.positions import Positions

# Policy files are a few kilobytes; anything this large is a mistake or an attack.
MAX_FILE_BYTES = 256 * 1024


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases (no "billion laughs") and duplicate keys."""

    def compose_node(self, parent, index):  # PyYAML hook
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                "aliases (*name) are not allowed in policy data", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):  # PyYAML hook
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
            except TypeError:  # unhashable key: the base class reports it
                continue
            if duplicate:
                raise yaml.MarkedYAMLError(f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node):  # PyYAML hook
        # Keep dates as text: PyYAML raises a bare ValueError for 2025-13-40, and the
        # schema's Date check turns text into a date with a message that names the key.
        return self.construct_scalar(node)


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)


def load_yaml(path: Path) -> tuple[Any, Positions | None, list[Problem]]:
    """Return (data, where each key is written, problems); data is None when unreadable."""
    name = display_path(path)
    if not path.is_file():
        kind = "is a folder, not a file" if path.is_dir() else "is missing"
        return None, None, [Problem(name, "", kind)]
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return (
            None,
            None,
            [
                Problem(
                    name, "", f"is {size:,} bytes; policy files must be under {MAX_FILE_BYTES:,}"
                )
            ],
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return (
            None,
            None,
            [Problem(name, "", f"is not UTF-8 text (bad byte at offset {err.start})")],
        )
    if "\x00" in text:
        return None, None, [Problem(name, "", "contains NUL bytes; it is not a text file")]
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None, None, [Problem(name, "", "is empty")]
    # _StrictLoader is a SafeLoader: no arbitrary Python objects. The composed nodes are
    # kept: their marks say on which line and column each key and value is written.
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        positions = (
            Positions(node, lambda key: loader.construct_object(key, deep=True))
            if node is not None
            else None
        )
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = err.problem or err.context or "invalid YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        return None, None, [Problem(name, "", f"YAML error: {what}", line, column)]
    except yaml.YAMLError as err:
        return None, None, [Problem(name, "", f"YAML error: {err}")]
    except RecursionError:
        return None, None, [Problem(name, "", "is nested too deeply")]
    finally:
        loader.dispose()
    return data, positions, []
