"""The source archive AMO's reviewers rebuild from, and the builds made from it without `.git`."""

from __future__ import annotations

import io
import os
import platform
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

from builder.package import _FIXED_TIME
from builder.sources import SOURCE_FILES

SOURCE_README = "SOURCE-README"
# What a reviewer runs after unpacking: the same steps `make release` takes in two fresh
# folders (package.json's build-for-amo is `make build`).
BUILD_COMMANDS = ("npm run build-for-amo",)


class ExportError(Exception):
    """The tag cannot be exported as a source archive; the message says why, in one line."""


def _tool_version(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError:
        return "not found"
    return (result.stdout.strip() or result.stderr.strip()).splitlines()[0]


def _os_name() -> str:
    try:
        info = platform.freedesktop_os_release()
        return info.get("PRETTY_NAME", platform.platform())
    except OSError:
        return platform.platform()


def source_readme(version: str, tag: str, commit: str) -> str:
    """SOURCE-README: where the archive comes from, the tools it was built with, the steps."""
    commands = "\n".join(f"    {c}" for c in BUILD_COMMANDS)
    return f"""Privacy Guard for Claude {version}: source code for addons.mozilla.org
=====================================================================

This archive is `git archive {tag}` (commit {commit}) plus two files: this one and
{SOURCE_FILES}, the list of files git tracked at the tag. The builder ships only files
named in {SOURCE_FILES} (it reads git when there is a .git folder), so the archive builds
without git.

What the packages were built with
- OS: {_os_name()} ({platform.machine()})
- {_tool_version(["python3", "--version"])} (3.11 or later; `make build` makes .venv with python3
  and installs the builder's Python packages, pinned with hashes in requirements/build.lock)
- Node.js {_tool_version(["node", "--version"])}, npm {_tool_version(["npm", "--version"])}
  (Node 20 or later; the builder's npm packages, the "dependencies" of package.json, are
  pinned in package-lock.json)
- {_tool_version(["make", "--version"])}; the zips are written by Python's zipfile

Steps (from the folder this archive was unpacked into; needs python3 with venv, node,
npm and make on PATH, and network access to PyPI and the npm registry):

{commands}

`build-for-amo` runs `make build`: it runs `npm ci --omit=dev` (the
builder's npm packages from package-lock.json), creates .venv, installs
requirements/build.lock (`pip install --require-hashes`) and the builder, then runs
`python -m builder build`, which writes

    dist/privacy-guard-{version}-firefox.xpi   (the file uploaded to addons.mozilla.org)
    dist/privacy-guard-{version}-chrome.zip    (the Chrome Web Store package)
    dist/firefox/, dist/chrome/              (the same files unpacked)

The packages are reproducible: every build of this archive gives the same bytes
(sorted entries, fixed times). What the build makes rather than copies:
- content/content.js is bundled from the ES modules in extension/content/ with esbuild,
  then minified with terser (builder/bundle.py, builder/minify.py, builder/js/*.mjs);
  shared/store.js is bundled by esbuild into a classic script as well;
- generated/*.js and _locales/*/messages.json are written from policy_data/ by the
  templates in extension/generated/ and builder/messages.py (Jinja2, builder/render.py);
- manifest.json merges extension/manifest/base.json with the browser's overlay;
- icons/*.png are drawn by builder/icons.py.
Every other file is copied as it is in extension/ (the files SOURCE-FILES lists there).
"""


def _tracked(repo: Path, tag: str) -> list[tuple[str, int, bytes]]:
    """(path, mode, bytes) of every file at `tag`, from `git archive`; refuses symlinks."""
    result = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", tag],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        why = (result.stderr.decode(errors="replace").strip().splitlines() or ["git failed"])[-1]
        raise ExportError(f"git archive {tag} failed: {why}")
    files = []
    links = []
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as tar:
        for member in tar.getmembers():
            if member.issym() or member.islnk():
                links.append(member.name)
            elif member.isfile():
                data = tar.extractfile(member).read()
                files.append((member.name, member.mode, data))
    if links:
        raise ExportError(f"symbolic links at {tag} cannot go in a source zip: {', '.join(links)}")
    return sorted(files)


def export_source(repo: Path, tag: str, version: str, archive: Path) -> None:
    """Write the source zip of `tag` to `archive`: git archive + SOURCE-FILES + SOURCE-README.

    Same tag, same tools: same bytes (sorted entries, fixed times). Raises ExportError."""
    commit = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", f"{tag}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    files = _tracked(repo, tag)
    names = [name for name, _, _ in files]
    clash = {SOURCE_FILES, SOURCE_README} & set(names)
    if clash:
        raise ExportError(
            f"{', '.join(sorted(clash))} is tracked at {tag}; it is written at export"
        )
    if any("\n" in name for name in names):
        raise ExportError("a tracked file name holds a line break; SOURCE-FILES cannot list it")
    extra = [
        (SOURCE_FILES, 0o644, ("\n".join(names) + "\n").encode()),
        (SOURCE_README, 0o644, source_readme(version, tag, commit).encode()),
    ]
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, mode, data in sorted(files + extra):
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = (0o755 if mode & 0o111 else 0o644) << 16
            zf.writestr(info, data, compresslevel=9)


def unpack(archive: Path, folder: Path) -> None:
    """Unpack a source zip keeping each file's executable bit (zipfile drops modes)."""
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            dest = (folder / info.filename).resolve()
            if not dest.is_relative_to(folder.resolve()):
                raise ExportError(f"{archive.name}: {info.filename} points outside the folder")
            zf.extract(info, folder)
            os.chmod(dest, (info.external_attr >> 16) & 0o777 or 0o644)


def build_unpacked(
    archive: Path, folder: Path, version: str, reuse_tools: Path | None = None
) -> dict[str, bytes]:
    """Unpack `archive` into the empty `folder` (no .git anywhere above), build it as a
    reviewer would and return {package file name: bytes}.

    reuse_tools: a checkout whose node_modules and running Python are used instead of the
    reviewer's `npm ci` + `make build` (which installs .venv from PyPI): the same pinned
    versions without the downloads, for the tests. Raises ExportError with the build's
    last error line when it fails.
    """
    unpack(archive, folder)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    if reuse_tools is not None:
        (folder / "node_modules").symlink_to(reuse_tools.resolve() / "node_modules")
        steps = [[sys.executable, "-m", "builder", "build"]]
        env["PYTHONPATH"] = str(folder)
    else:
        steps = [c.split() for c in BUILD_COMMANDS]
    for step in steps:
        result = subprocess.run(
            step, cwd=folder, env=env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            last = (
                result.stderr.strip().splitlines()
                or result.stdout.strip().splitlines()
                or ["no output"]
            )[-1]
            raise ExportError(f"`{' '.join(step)}` failed in the unpacked source: {last}")
    dist = folder / "dist"
    return {
        p.name: p.read_bytes()
        for p in sorted(dist.glob(f"privacy-guard-{version}-*"))
        if p.is_file()
    }


def rebuild_twice(
    archive: Path, version: str, reuse_tools: Path | None = None
) -> tuple[dict[str, bytes], list[str]]:
    """Build `archive` in two fresh temporary folders; (packages, problems): a line per
    package that the two builds made differently or only one made."""
    builds = []
    for n in (1, 2):
        with tempfile.TemporaryDirectory(prefix=f"pg-source-build-{n}-") as tmp:
            builds.append(build_unpacked(archive, Path(tmp), version, reuse_tools))
    first, second = builds
    problems = [
        f"{name}: two builds of the source archive differ"
        for name in sorted(set(first) | set(second))
        if first.get(name) != second.get(name)
    ]
    if not first:
        problems.append("the source archive built no packages")
    return first, problems
