"""Lists the extension's files to ship: those git tracks, or a source archive's SOURCE-FILES."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path, PurePosixPath

from builder.errors import BuildError, Problem, display_path

# Written at the root of a source archive (builder/release/source.py) in place of `.git`:
# the files git tracked at the tag, one repository-relative path a line, sorted.
SOURCE_FILES = "SOURCE-FILES"


def _tree_root(source: Path) -> tuple[str, Path] | None:
    """("git" | "list", root) of the nearest folder at or above `source` that says what is
    tracked: a git checkout (`.git`, a folder or a worktree's file) or an unpacked archive."""
    for folder in [source, *source.parents]:
        if (folder / ".git").exists():
            return "git", folder
        if (folder / SOURCE_FILES).is_file():
            return "list", folder
    return None


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
                    f"cannot list the files git tracks here ({why}); build from a git "
                    f"checkout or an unpacked source archive with {SOURCE_FILES}",
                )
            ]
        )
    return sorted(name for name in result.stdout.decode().split("\0") if name)


def read_file_list(list_file: Path) -> list[str]:
    """The repository-relative paths a SOURCE-FILES file names, one a line.

    Raises BuildError naming `list_file:line` for a line that is not a plain relative
    path (absolute, `..`, `.`, a backslash, empty), since such a line could pull in a
    file from outside the archive.
    """
    problems = []
    names = []
    shown = display_path(list_file)
    try:
        text = list_file.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BuildError([Problem(shown, "", f"cannot be read: {error}")]) from None
    for number, line in enumerate(text.split("\n"), start=1):
        if not line and number == len(text.split("\n")):
            continue  # the newline that ends the last line
        path = PurePosixPath(line)
        if (
            not line
            or line != line.strip()
            or "\\" in line
            or path.is_absolute()
            or any(part in ("", ".", "..") for part in line.split("/"))
        ):
            problems.append(
                Problem(f"{shown}:{number}", "", f"{line!r} is not a relative path inside it")
            )
        else:
            names.append(line)
    if problems:
        raise BuildError(problems)
    return names


def _listed_files(root: Path, source: Path) -> list[str]:
    """The listed files below `source`, relative to it."""
    prefix = source.resolve().relative_to(root.resolve()).as_posix()
    names = read_file_list(root / SOURCE_FILES)
    if prefix == ".":
        return sorted(names)
    return sorted(name[len(prefix) + 1 :] for name in names if name.startswith(prefix + "/"))


def listed_sources(source: Path) -> tuple[list[str], str]:
    """(names relative to `source` of the files to ship, what listed them: "git" or
    "SOURCE-FILES").

    A git checkout is asked (`git ls-files`); a folder unpacked from a source archive,
    which has no `.git`, answers from the SOURCE-FILES written into it at export.
    Raises BuildError when neither is found or git cannot answer.
    """
    found = _tree_root(source.resolve())
    if found is None:
        raise BuildError(
            [
                Problem(
                    display_path(source),
                    "",
                    f"is neither in a git checkout nor in an unpacked source archive "
                    f"(no .git and no {SOURCE_FILES} here or above); build from one of them",
                )
            ]
        )
    kind, root = found
    if kind == "git":
        return _git_files(source), "git"
    return _listed_files(root, source), SOURCE_FILES


def shipped_sources(source: Path) -> list[Path]:
    """Paths relative to `source` of the tracked files; refuses symlinks and missing files."""
    problems = []
    files = []
    root = source.resolve()
    names, origin = listed_sources(source)
    for name in names:
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
            problems.append(Problem(display_path(path), "", f"is listed by {origin} but missing"))
        else:
            files.append(rel)
    if problems:
        raise BuildError(problems)
    return files
