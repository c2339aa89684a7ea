"""Release notes: the CHANGELOG.md section of the version, then what changed in policy_data."""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from builder.diff import describe_changes
from builder.policy import load_policy
from builder.release.checks import changelog_entry


def policy_changes(repo: Path, old_tag: str, policy_dir: Path) -> list[str]:
    """`builder diff` of policy_data at `old_tag` against `policy_dir`, one line a change."""
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", old_tag, "policy_data"],
        capture_output=True,
        check=True,
    ).stdout
    with tempfile.TemporaryDirectory(prefix="pg-old-policy-") as tmp:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        return describe_changes(load_policy(Path(tmp) / "policy_data"), load_policy(policy_dir))


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
