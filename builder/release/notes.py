"""Release notes: the CHANGELOG.md section of the version, then what changed in policy_data."""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

import yaml

from builder.diff import describe_changes
from builder.errors import BuildError
from builder.policy import load_policy
from builder.release.checks import changelog_entry


def policy_changes(repo: Path, old_tag: str, policy_dir: Path) -> list[str]:
    """`builder diff` of policy_data at `old_tag` against `policy_dir`, one line a change.

    policy_data of an older tag may not pass today's checks (a fact that became required
    since): then the note says so and the YAML files are compared key by key instead."""
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", old_tag, "policy_data"],
        capture_output=True,
        check=True,
    ).stdout
    with tempfile.TemporaryDirectory(prefix="pg-old-policy-") as tmp:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        old = Path(tmp) / "policy_data"
        new = load_policy(policy_dir)
        try:
            return describe_changes(load_policy(old), new)
        except BuildError as error:
            first = error.problems[0]
            note = (
                f"(policy_data at {old_tag} does not pass this builder's checks: "
                f"{len(error.problems)} problem(s), the first {first.key or first.file}: "
                f"{first.message}; compared file by file and key by key instead)"
            )
            return [note, *yaml_changes(old, policy_dir)]


def _flat(value: Any, prefix: str, out: dict[str, Any]) -> dict[str, Any]:
    if isinstance(value, dict):
        for key, item in value.items():
            _flat(item, f"{prefix}.{key}" if prefix else str(key), out)
    else:
        out[prefix] = value
    return out


def _short(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 100 else text[:99] + "…"


def yaml_changes(old: Path, new: Path) -> list[str]:
    """Every key added, removed or changed between the YAML files of two policy_data
    folders (schema/ left out), as `added|removed|changed <file>: <key path>: …`."""

    def load(root: Path) -> dict[str, Any]:
        flat: dict[str, Any] = {}
        for path in sorted(root.rglob("*.yaml")):
            rel = path.relative_to(root).as_posix()
            if not rel.startswith("schema/"):
                keys = _flat(yaml.safe_load(path.read_text("utf-8")), "", {})
                flat.update({f"{rel}: {key}": value for key, value in keys.items()})
        return flat

    before, after = load(old), load(new)
    lines = []
    for key in sorted(before.keys() | after.keys()):
        a, b = before.get(key), after.get(key)
        if key not in before:
            lines.append(f"added   {key}: {_short(b)}")
        elif key not in after:
            lines.append(f"removed {key}: {_short(a)}")
        elif a != b:
            lines.append(f"changed {key}: {_short(a)} -> {_short(b)}")
    return lines


def release_notes(
    version: str, changelog: Path, previous: str | None, changes: list[str] | None
) -> str:
    """Markdown: the changelog entry, then the policy diff against `previous` (or why none)."""
    lines = [f"# Privacy Guard for Claude {version}", "", changelog_entry(changelog, version) or ""]
    lines += ["", "## Facts, sources, wording and messages changed", ""]
    if previous is None:
        lines.append(
            "No earlier version tag (v*) in this repository: this is the first tagged "
            "release, so there is nothing to compare policy_data with."
        )
    elif not changes:
        lines.append(f"None since {previous}.")
    else:
        lines.append(f"Since {previous} (`python -m builder diff`):")
        lines.append("")
        lines += [f"- {line}" for line in changes]
    return "\n".join(lines).rstrip() + "\n"
