"""Minifies the content scripts of a build with terser (js/minify.mjs): same input, same bytes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from builder.errors import BuildError, Problem, display_path
from builder.node import NodeError, run_json

MINIFIER = Path(__file__).resolve().parent / "js" / "minify.mjs"
# Answers already computed in this process, by their input.
_DONE: dict[str, dict[str, Any]] = {}


def content_scripts(manifest: dict[str, Any]) -> list[str]:
    """The scripts that run in claude.ai pages, once each: those the manifest injects, in
    order, then the modules they import (web-accessible scripts, content/core.js).

    They run on every page of a long chat, so their size is a budget of its own
    (docs/performance.md); the extension's pages and background stay as written.
    """
    names: list[str] = []
    for entry in manifest.get("content_scripts", []):
        names += [name for name in entry.get("js", []) if name not in names]
    return names + [name for name in content_modules(manifest) if name not in names]


def content_modules(manifest: dict[str, Any]) -> list[str]:
    """The ES modules the content script imports: the manifest's web-accessible scripts."""
    return [
        name
        for entry in manifest.get("web_accessible_resources", [])
        if isinstance(entry, dict)
        for name in entry.get("resources", [])
        if name.endswith(".js")
    ]


def _run(files: dict[str, str], modules: list[str]) -> dict[str, Any]:
    try:
        return run_json(
            MINIFIER, {"files": files, "modules": modules}, "minify the content scripts with terser"
        )
    except NodeError as error:
        raise BuildError([Problem("node", "", str(error))]) from None


def minify_content_scripts(out: Path, manifest: dict[str, Any]) -> None:
    """Replace each content script in the build folder `out` by its minified form.

    The content script is the bundle of its modules and their generated data (bundle.py);
    the extension's pages and background stay as written.
    """
    names = content_scripts(manifest)
    if not names:
        return
    files = {name: (out / name).read_text("utf-8") for name in names}
    modules = [name for name in content_modules(manifest) if name in files]
    key = json.dumps([files, modules], sort_keys=True)
    # Chrome and Firefox ship the same scripts: one Node run per build, not per target.
    if key not in _DONE:
        _DONE[key] = _run(files, modules)
    answer = _DONE[key]
    if "errors" in answer:
        raise BuildError(
            [
                Problem(f"{display_path(out)}/{name}", "", f"cannot be minified: {message}")
                for name, message in sorted(answer["errors"].items())
            ]
        )
    for name, code in answer["files"].items():
        (out / name).write_text(code + "\n", "utf-8")
