"""Lists the extension's files to ship: exactly those git tracks, never a symbolic link."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from builder.errors import BuildError, Problem, display_path


def _git_files(source: Path) -> list[str]:
    git = shutil.which("git")
    where = display_path(source)
    if git is None:
        raise BuildError([Problem(where, "", "git is needed to list the files to ship")])
    # Tracked files only: editor backups, dot-folders, __pycache__ and anything else left
    # lying in the folder are never shipped. -z keeps odd file names intact.
    result = subprocess.run(
        [git, "-C", str(source), "ls-files", "-z", "--cached", "--", "."],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        why = (result.stderr.decode(errors="replace").strip().splitlines() or ["git failed"])[-1]
        raise BuildError(
            [
                Problem(
                    where,
                    "",
                    f"cannot list the files git tracks here ({why}); build from a git checkout",
                )
            ]
        )
    return sorted(name for name in result.stdout.decode().split("\0") if name)


def shipped_sources(source: Path) -> list[Path]:
    """Paths relative to `source` of the tracked files; refuses symlinks and missing files."""
    problems = []
    files = []
    root = source.resolve()
    for name in _git_files(source):
        rel = Path(name)
        path = source / rel
        # A link (or a file under a linked folder) would pull in whatever it points at,
        # such as a private local file, and ship it to a store.
        linked = next((p for p in [path, *path.parents] if p != source and p.is_symlink()), None)
        if linked is not None or not path.resolve().is_relative_to(root):
            shown = display_path(linked or path)
            problems.append(
                Problem(shown, "", "is a symbolic link; put the file itself in extension/")
            )
        elif not path.is_file():
            problems.append(Problem(display_path(path), "", "is tracked by git but missing"))
        else:
            files.append(rel)
    if problems:
        raise BuildError(problems)
    return files
