"""The release's refusals: each check takes a folder or a file and gives one line per problem."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

# What a store image must be (Chrome Web Store: screenshots 1280x800, small promo tile
# 440x280, marquee 1400x560, "24-bit PNG (no alpha)" or JPEG; AMO takes the same
# screenshots). File names inside store/<locale>/.
SCREENSHOTS = ("1-consent-popup.png", "2-privacy-settings.png", "3-toolbar-popup.png")
IMAGE_SIZES: dict[str, tuple[int, int]] = {
    **dict.fromkeys(SCREENSHOTS, (1280, 800)),
    "promo-tile-440x280.png": (440, 280),
    "marquee-1400x560.png": (1400, 560),
}
# Manifest keys that ask the browser for something: a permission, a site, a page to run on.
_ASKING_LISTS = ("permissions", "optional_permissions", "host_permissions")
_ASKING_MATCHES = ("content_scripts", "web_accessible_resources")


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    git = shutil.which("git") or "git"
    return subprocess.run(
        [git, "-C", str(repo), *args], capture_output=True, text=True, check=False
    )


def tree_problems(repo: Path) -> list[str]:
    """A line per changed or untracked file in the git work tree at `repo` (ignored files
    do not count); a release is made only from exactly what a tag holds."""
    result = _git(repo, "status", "--porcelain=v1", "--untracked-files=all")
    if result.returncode != 0:
        why = (result.stderr.strip().splitlines() or ["git failed"])[-1]
        return [f"{repo}: not a git checkout ({why}); a release is made from a tagged checkout"]
    return [
        f"the work tree is not clean: {line[3:]} ({line[:2].strip()}); commit or remove it"
        for line in result.stdout.splitlines()
        if line
    ]


def tag_problems(repo: Path, version: str) -> list[str]:
    """Nothing when HEAD carries the tag v`version`; otherwise what is wrong in one line.

    `version` is the extension version the build writes (builder/targets.py
    extension_version of policy.yaml's policy_version)."""
    result = _git(repo, "tag", "--points-at", "HEAD")
    if result.returncode != 0:
        return [f"{repo}: cannot read the tags at HEAD ({result.stderr.strip()})"]
    tags = [t for t in result.stdout.split() if re.fullmatch(r"v\d+(\.\d+)*", t)]
    if f"v{version}" in tags:
        return []
    if tags:
        return [
            f"HEAD is tagged {', '.join(tags)} but the version it builds is {version}; "
            f"tag the commit that builds it: git tag v{version}"
        ]
    return [f"HEAD has no version tag; tag it first: git tag v{version}"]


def previous_tag(repo: Path, version: str) -> str | None:
    """The highest tag v<x.y.z> below v`version` in the repository, or None."""
    mine = tuple(int(p) for p in version.split("."))
    tags = _git(repo, "tag", "--list", "v*").stdout.split()
    older = [
        (tuple(int(p) for p in t[1:].split(".")), t)
        for t in tags
        if re.fullmatch(r"v\d+(\.\d+)*", t)
    ]
    older = [item for item in older if item[0] < mine]
    return max(older)[1] if older else None


def image_problems(store: Path, locales: list[str]) -> list[str]:
    """A line per store image missing, of the wrong size or with an alpha channel, for every
    locale folder `store/<locale>/` (names and sizes: IMAGE_SIZES)."""
    from PIL import Image, UnidentifiedImageError  # a test dependency, needed only here

    problems = []
    for locale in locales:
        for name, size in IMAGE_SIZES.items():
            path = store / locale / name
            shown = f"store/{locale}/{name}"
            if not path.is_file():
                problems.append(f"{shown}: missing")
                continue
            try:
                with Image.open(path) as image:
                    found, mode, kind = image.size, image.mode, image.format
            except (OSError, UnidentifiedImageError) as error:
                problems.append(f"{shown}: not an image ({error})")
                continue
            if found != size:
                problems.append(
                    f"{shown}: is {found[0]}x{found[1]}, the stores need {size[0]}x{size[1]}"
                )
            if kind not in ("PNG", "JPEG") or mode != "RGB":
                problems.append(
                    f"{shown}: is {kind} {mode}; the stores need PNG or JPEG in RGB, no alpha"
                )
    return problems


def _asks(manifest: dict[str, Any]) -> set[str]:
    asks = set()
    for key in _ASKING_LISTS:
        asks |= {f"{key}: {value}" for value in manifest.get(key) or []}
    for key in _ASKING_MATCHES:
        for entry in manifest.get(key) or []:
            asks |= {f"{key} matches: {value}" for value in entry.get("matches") or []}
    return asks


def permission_problems(built: Path, golden: Path) -> list[str]:
    """A line per permission, host or match pattern the manifest `built` asks for that the
    reviewed manifest `golden` (tests/golden/<target>.manifest.json) does not."""
    new = json.loads(built.read_text("utf-8"))
    old = json.loads(golden.read_text("utf-8"))
    return [
        f"{built}: asks for {ask!r}, which the reviewed {golden.name} does not; "
        "review it, then update tests/golden/"
        for ask in sorted(_asks(new) - _asks(old))
    ]


# Warnings reviewed and kept (code, message, file): the content script's loader imports
# its module, and the module the report describer, by `import(runtime.getURL("content/
# <file>.js"))` — a file of the package, whose address the linter cannot see as a literal.
# A relative literal would satisfy it, but Firefox resolves a content script's import()
# against the page's address, not the script's (tested: the extension stayed silent).
REVIEWED_WARNINGS = {
    ("UNSAFE_VAR_ASSIGNMENT", "Unsafe call to import for argument 0", "content/content.js"),
    ("UNSAFE_VAR_ASSIGNMENT", "Unsafe call to import for argument 0", "content/core.js"),
}


def lint_problems(firefox_dir: Path, web_ext: Path) -> list[str]:
    """A line per error or warning of Mozilla's `web-ext lint` on the unpacked Firefox build
    (the linter AMO runs on every upload), but the REVIEWED_WARNINGS; notices do not count."""
    if not web_ext.is_file():
        return [f"{web_ext} is missing; run `npm ci` (web-ext is a test tool)"]
    result = subprocess.run(
        [
            str(web_ext),
            "lint",
            "--source-dir",
            str(firefox_dir),
            "--output",
            "json",
            "--no-config-discovery",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except ValueError:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return [f"web-ext lint did not answer ({last})"]
    return [
        f"web-ext lint: {kind[:-1]} {item.get('code')}: {item.get('message')} "
        f"({item.get('file') or 'manifest'})"
        for kind in ("errors", "warnings")
        for item in report.get(kind) or []
        if kind == "errors"
        or (item.get("code"), item.get("message"), item.get("file")) not in REVIEWED_WARNINGS
    ]


def changelog_problems(changelog: Path, version: str) -> list[str]:
    """Nothing when CHANGELOG.md has a `## <version>` section; the release notes start with it."""
    if not changelog.is_file():
        return [f"{changelog.name}: missing; the release notes start from it"]
    if changelog_entry(changelog, version) is None:
        return [f"{changelog.name}: has no '## {version}' section; write what this version changes"]
    return []


def changelog_entry(changelog: Path, version: str) -> str | None:
    """The text of CHANGELOG.md's section `## <version> …` up to the next `## `, or None."""
    text = changelog.read_text("utf-8")
    match = re.search(
        rf"^## \[?{re.escape(version)}\]?(?:[ \t][^\n]*)?\n(.*?)(?=^## |\Z)", text, re.M | re.S
    )
    return match.group(1).strip() if match else None


def listing_text_problems(policy_dir: Path) -> list[str]:
    """builder.listing's check that every UI locale has its store listing text."""
    try:
        from builder.listing import listing_problems
    except ImportError as error:
        return [f"builder/listing.py cannot be imported ({error}); the listings come from it"]
    return list(listing_problems(policy_dir))
