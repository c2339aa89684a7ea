"""Builds the requested targets into a temporary folder and swaps it into place when complete."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from builder.errors import BuildError, Problem, display_path
from builder.package import write_package
from builder.policy import Policy, fact_json, load_policy
from builder.positions import locate
from builder.render import render_target
from builder.targets import TARGETS, extension_version

# Written into every output folder, so the builder never replaces a folder it did not make.
MARKER = ".privacy-guard-build"
# The facts and sources of the last build, to catch new facts shipped under an old version.
FACTS_RECORD = ".privacy-guard-facts.json"
# The data module each target's content script was bundled with, for the fast tier
# (tests/unit/harness.mjs bundles the content modules with it); not part of any package.
CONTENT_DATA_MODULE = ".privacy-guard-content-data.{target}.mjs"


def package_name(version: str, target: str) -> str:
    """File name of a store package, e.g. privacy-guard-0.1.1-chrome.zip."""
    return f"privacy-guard-{version}-{target}.{TARGETS[target].package_suffix}"


def _check_out_dir(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise BuildError([Problem(display_path(out), "", "exists and is not a folder")])
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise BuildError(
            [
                Problem(
                    display_path(out),
                    "",
                    "is a non-empty folder the builder did not create; "
                    "choose another --out or empty it first",
                )
            ]
        )


def _facts_record(policy: Policy) -> dict[str, Any]:
    return json.loads(
        json.dumps(
            {"policy_version": policy.version, "facts": policy.facts, "sources": policy.sources},
            default=fact_json,
        )
    )


def _previous_record(out: Path) -> dict[str, Any] | None:
    # A build made before this record existed, or a record that cannot be read, gives
    # nothing to compare with: the check is skipped, as for a first build or a fresh clone.
    try:
        record = json.loads((out / FACTS_RECORD).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def _check_version_raised(policy: Policy, out: Path) -> None:
    """Refuse changed facts or sources under a policy_version not above the previous build's."""
    previous = _previous_record(out)
    if previous is None or not isinstance(previous.get("policy_version"), int):
        return
    current = _facts_record(policy)
    if current["policy_version"] > previous["policy_version"]:
        return
    changed = [
        f"{group}.{name}"
        for group in ("facts", "sources")
        for name in sorted(set(current[group]) | set(previous.get(group) or {}))
        if current[group].get(name) != (previous.get(group) or {}).get(name)
    ]
    if not changed:
        return
    problem = Problem(
        display_path(policy.root / "policy.yaml"),
        "policy_version",
        f"is {policy.version}, but the facts changed since the build in "
        f"{display_path(out)} (policy version {previous['policy_version']}): "
        f"{', '.join(changed)}; raise policy_version so browsers update to the new "
        "facts, or pass --allow-same-version for a local build",
    )
    raise BuildError(locate([problem], policy.positions))


def _is_target_output(name: str, target: str) -> bool:
    suffix = TARGETS[target].package_suffix
    return name in (target, CONTENT_DATA_MODULE.format(target=target)) or (
        name.startswith("privacy-guard-") and name.endswith(f"-{target}.{suffix}")
    )


def build(
    policy_dir: Path,
    out: Path,
    targets: list[str],
    source: Path,
    allow_same_version: bool = False,
) -> tuple[Policy, list[Path]]:
    """Build and return (policy, written paths). On any error `out` is left as it was."""
    policy = load_policy(policy_dir)
    _check_out_dir(out)
    if not allow_same_version:
        _check_version_raised(policy, out)
    version = extension_version(policy.version)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".privacy-guard-staging-", dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the build is an ordinary folder
    try:
        written = []
        for name in targets:
            folder = staging / name
            data_module = render_target(policy, TARGETS[name], source, folder)
            (staging / CONTENT_DATA_MODULE.format(target=name)).write_text(data_module, "utf-8")
            archive = staging / package_name(version, name)
            write_package(folder, archive)
            written += [out / name, out / archive.name]
        # Keep what the previous build made for targets not rebuilt this time.
        if out.is_dir():
            for entry in out.iterdir():
                kept = [t for t in TARGETS if t not in targets and _is_target_output(entry.name, t)]
                if kept:
                    dest = staging / entry.name
                    if entry.is_dir():
                        shutil.copytree(entry, dest)
                    else:
                        shutil.copy2(entry, dest)
        (staging / MARKER).write_text(
            "Made by `python -m builder build`; replaced whole on every build.\n", "utf-8"
        )
        (staging / FACTS_RECORD).write_text(
            json.dumps(_facts_record(policy), indent=1, sort_keys=True) + "\n", "utf-8"
        )
        _swap_in(staging, out)
        staging = None
        return policy, written
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def _swap_in(staging: Path, out: Path) -> None:
    """Replace `out` by `staging` with two renames, so readers never see half a build."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{staging.name}")
        out.rename(old)
    try:
        staging.rename(out)
    except OSError:
        if old is not None:
            old.rename(out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
