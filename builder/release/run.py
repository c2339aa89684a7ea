"""Makes release/<version>/: checks, source archive, rebuilds, images, texts, SHA256SUMS."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

from builder.build import build, package_name
from builder.errors import BuildError
from builder.icons import icon_png
from builder.policy import load_policy
from builder.release import checks
from builder.release.source import ExportError, export_source, rebuild_twice
from builder.targets import TARGETS, extension_version

# Files every release folder holds besides store/<locale>/ and listing/<locale>.txt
# (the last three are written by builder/listing.py).
TEXTS = (
    "store-icon-128.png",  # the shield of builder/icons.py, as in the packages
    "release-notes.md",
    "privacy-tab.txt",
    "reviewer-notes.txt",
    "privacy-policy.html",
)


class ReleaseRefused(Exception):
    """The release is refused; `problems` holds one line each, nothing was written."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def source_name(version: str) -> str:
    """File name of the source archive, e.g. privacy-guard-0.1.3-source.zip."""
    return f"privacy-guard-{version}-source.zip"


def expected_files(version: str, locales: list[str]) -> list[str]:
    """Every file a release folder must hold, relative to it (SHA256SUMS itself aside)."""
    names = [source_name(version), *(package_name(version, t) for t in TARGETS), *TEXTS]
    names += [f"listing/{locale}.txt" for locale in locales]
    names += [f"store/{locale}/{image}" for locale in locales for image in checks.IMAGE_SIZES]
    return sorted(names)


def asset_problems(folder: Path, version: str, locales: list[str]) -> list[str]:
    """A line per expected file missing or empty in the release folder `folder`, then a line
    per store image of the wrong size or kind (checks.image_problems)."""
    problems = [
        f"{name}: missing" if not (folder / name).is_file() else f"{name}: empty"
        for name in expected_files(version, locales)
        if not (folder / name).is_file() or (folder / name).stat().st_size == 0
    ]
    images = {p.split(": ")[0] for p in problems if p.startswith("store/")}
    problems += [
        p
        for p in checks.image_problems(folder / "store", locales)
        if p.split(": ")[0] not in images
    ]
    return problems


def write_sums(folder: Path) -> Path:
    """SHA256SUMS over every file below `folder`, in `sha256sum -c` format, sorted."""
    lines = [
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(folder).as_posix()}"
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "SHA256SUMS"
    ]
    sums = folder / "SHA256SUMS"
    sums.write_text("\n".join(lines) + "\n", "utf-8")
    return sums


def preflight(repo: Path, out_root: Path) -> tuple[str, list[str]]:
    """(version, problems) of what can be judged before anything is built: the tree, the tag,
    the changelog, the listing texts and an existing release folder."""
    policy_dir = repo / "policy_data"
    version = extension_version(load_policy(policy_dir).version)
    problems = checks.tree_problems(repo)
    problems += checks.tag_problems(repo, version)
    problems += checks.changelog_problems(repo / "CHANGELOG.md", version)
    problems += checks.listing_text_problems(policy_dir)
    if (out_root / version).exists():
        problems.append(f"{out_root / version}: exists already; remove it to make it again")
    return version, problems


def make_release(
    repo: Path,
    out_root: Path,
    reuse_tools: bool = False,
    log=print,
) -> Path:
    """Write `out_root`/<version>/ from the checkout `repo` (tagged v<version>, clean) and
    return it. Raises ReleaseRefused with every problem found; then nothing is left behind.

    reuse_tools: rebuild the source archive with this checkout's node_modules and Python
    instead of a reviewer's fresh `npm run build-for-amo` (faster, no downloads)."""
    version, problems = preflight(repo, out_root)
    if problems:
        raise ReleaseRefused(problems)
    policy_dir = repo / "policy_data"
    policy = load_policy(policy_dir)
    locales = sorted(policy.messages)
    out_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{version}.partial-", dir=out_root))
    try:
        _make(repo, policy_dir, policy, version, locales, staging, reuse_tools, log)
        staging.chmod(0o755)
        staging.rename(out_root / version)
        staging = None
        return out_root / version
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def _make(repo, policy_dir, policy, version, locales, staging, reuse_tools, log) -> None:
    tag = f"v{version}"
    with tempfile.TemporaryDirectory(prefix="pg-release-tree-") as tmp:
        log(f"building {version} from the work tree")
        tree = Path(tmp) / "dist"
        try:
            build(policy_dir, tree, list(TARGETS), repo / "extension")
        except BuildError as error:
            raise ReleaseRefused([str(p) for p in error.problems]) from None
        problems = []
        for target in TARGETS:
            problems += checks.permission_problems(
                tree / target / "manifest.json",
                repo / "tests" / "golden" / f"{target}.manifest.json",
            )
        log("web-ext lint")
        problems += checks.lint_problems(
            tree / "firefox", repo / "node_modules" / ".bin" / "web-ext"
        )
        if problems:
            raise ReleaseRefused(problems)

        log(f"exporting {tag} as {source_name(version)}")
        archive = staging / source_name(version)
        try:
            export_source(repo, tag, version, archive)
            log("building the source archive in two fresh folders without .git")
            packages, problems = rebuild_twice(archive, version, repo if reuse_tools else None)
        except ExportError as error:
            raise ReleaseRefused([str(error)]) from None
        for target in TARGETS:
            name = package_name(version, target)
            if name not in packages:
                problems.append(f"{name}: the source archive did not build it")
            elif packages[name] != (tree / name).read_bytes():
                problems.append(f"{name}: the source archive builds other bytes than the work tree")
            else:
                (staging / name).write_bytes(packages[name])
        if problems:
            raise ReleaseRefused(problems)

        log("listing texts, privacy tab, reviewer notes, privacy policy")
        from builder.listing import write_listing_texts  # the listing helper's module

        try:
            write_listing_texts(policy_dir, staging)
        except BuildError as error:
            raise ReleaseRefused([str(p) for p in error.problems]) from None
        _write_notes(repo, policy_dir, version, staging)
        (staging / "store-icon-128.png").write_bytes(icon_png(128))

        log(f"store images for {len(locales)} locales")
        from builder.release.images import ImageError, render_store_images

        try:
            render_store_images(tree / "chrome", repo, staging / "store", policy.messages)
        except ImageError as error:
            raise ReleaseRefused([str(error)]) from None

    problems = asset_problems(staging, version, locales)
    if problems:
        raise ReleaseRefused(problems)
    write_sums(staging)


def _write_notes(repo: Path, policy_dir: Path, version: str, staging: Path) -> None:
    from builder.release.notes import policy_changes, release_notes

    previous = checks.previous_tag(repo, version)
    changes = None if previous is None else policy_changes(repo, previous, policy_dir)
    text = release_notes(version, repo / "CHANGELOG.md", previous, changes)
    (staging / "release-notes.md").write_text(text, "utf-8")
