"""Helpers for the builder tests: run the real CLI on a copy of policy_data/."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
POLICY_DATA = REPO / "policy_data"
# A hang guard, not a speed target: a bad input must never keep the builder busy.
CLI_TIMEOUT_S = 30


def run_builder(
    *args: str | Path, cwd: Path = REPO, path: str = "/usr/bin:/bin"
) -> subprocess.CompletedProcess[str]:
    """Run `python -m builder ARGS` the way a maintainer would (`path`: the PATH it sees)."""
    return subprocess.run(
        [sys.executable, "-m", "builder", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT_S,
        env={"PYTHONPATH": str(REPO), "PATH": path},
    )


def policy_version(root: Path = POLICY_DATA) -> int:
    """The policy_version a policy folder declares; tests must not assume one, releases raise it."""
    text = (root / "policy.yaml").read_text("utf-8")
    return int(re.search(r"^policy_version: (\d+)$", text, re.MULTILINE).group(1))


def copy_policy(dest: Path) -> Path:
    """A writable copy of the real policy_data/ to break on purpose."""
    shutil.copytree(POLICY_DATA, dest)
    return dest


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes, to prove a folder was left untouched."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def ui_locales(root: Path = POLICY_DATA) -> list[str]:
    """The extension's UI locales, sorted: the one list, in locales.yaml."""
    return sorted(yaml.safe_load((root / "locales.yaml").read_text("utf-8"))["locales"])


def page_languages(root: Path = POLICY_DATA) -> list[str]:
    """claude.ai's page languages that detection wording is grouped by, from locales.yaml."""
    return list(yaml.safe_load((root / "locales.yaml").read_text("utf-8"))["page_languages"])
