"""The one error type users see: a list of problems, each naming a file, line and key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located by file, key path and (when known) line."""

    file: str
    key: str
    message: str
    # 1-based, as editors and terminals count; filled in from the YAML node the key names.
    line: int | None = None
    column: int | None = None
    # The problem is with the key itself (unknown, misspelt), not with its value.
    on_key: bool = False

    def __str__(self) -> str:
        # file:line:column is what editors, terminals and CI logs turn into a link.
        where = self.file if self.line is None else f"{self.file}:{self.line}:{self.column}"
        if self.key:
            where = f"{where}: {self.key}"
        return f"{where}: {self.message}"


class BuildError(Exception):
    """Raised with every problem found; the CLI prints one line each and exits 2."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def display_path(path: Path) -> str:
    """A path as the user typed it relative to the working directory, when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
