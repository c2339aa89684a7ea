"""Bundles the extension's ES modules into classic scripts with esbuild (js/bundle.mjs)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.errors import BuildError, Problem
from builder.node import NodeError, run_json

BUNDLER = Path(__file__).resolve().parent / "js" / "bundle.mjs"


@dataclass(frozen=True)
class Bundle:
    """One script the build writes from an ES module and everything it imports."""

    entry: str  # path in the build folder of the module to start from
    out: str  # path in the build folder of the classic script written
    global_name: str = ""  # the variable the script's exports are assigned to, if any
    footer: str = ""
    format: str = "iife"  # or "esm": a module, for content/core.js (imported, see below)


# The content script: one ES module, content/core.js, that the script the manifest injects
# (content/content.js, not bundled) imports, so that the browser compiles it off the
# page's main thread (see that file). The background: one IIFE, since Firefox's
# background.scripts and Chrome's importScripts load classic scripts. shared/store.js and
# shared/messages.js are ES modules that the extension's pages load as classic scripts
# setting PrivacyGuard.store and PrivacyGuard.messages.
BUNDLES = (
    Bundle("content/main.js", "content/core.js", format="esm"),
    # "Copy a report"'s describer, imported by core.js only when a report is asked for.
    Bundle("content/describe.js", "content/describe.js", format="esm"),
    Bundle("background/main.js", "background/background.js"),
    Bundle(
        "shared/store.js",
        "shared/store.js",
        global_name="PrivacyGuardStore",
        footer="(globalThis.PrivacyGuard ??= {}).store = PrivacyGuardStore;",
    ),
    Bundle(
        "shared/messages.js",
        "shared/messages.js",
        global_name="PrivacyGuardMessages",
        footer="(globalThis.PrivacyGuard ??= {}).messages = PrivacyGuardMessages;",
    ),
)
# Rendered into the build for the bundler and read by the fast tier (tests/unit), not shipped.
CONTENT_DATA = "generated/content-data.js"


def _run(request: dict[str, Any]) -> dict[str, Any]:
    try:
        return run_json(BUNDLER, request, "bundle the content script with esbuild")
    except NodeError as error:
        raise BuildError([Problem("node", "", str(error))]) from None


def bundle_scripts(out: Path) -> None:
    """Replace the ES modules in the build folder `out` by the classic scripts of BUNDLES.

    Modules that only a bundle imports are removed: what ships is the bundled script.
    Raises BuildError naming the module and position when a module does not resolve or
    parse, or when Node or esbuild is missing.
    """
    request = {
        "root": str(out.resolve()),
        "bundles": [
            {
                "entry": f"./{b.entry}",
                "out": b.out,
                "format": b.format,
                "globalName": b.global_name or None,
                "footer": b.footer or None,
            }
            for b in BUNDLES
        ],
    }
    answer = _run(request)
    if "errors" in answer:
        # A module that two bundles import is one problem: named once, where it is
        # ("content/detect.js:793:6: …"), or by the bundle's entry when esbuild gives no place.
        problems = {}
        for entry, why in sorted(answer["errors"].items()):
            where = why.split(":", 1)[0] if why[:1] not in ("", " ") and ":" in why else ""
            where = where if where.endswith(".js") else entry.removeprefix("./")
            problems.setdefault(why, Problem(f"extension/{where}", "", f"cannot be bundled: {why}"))
        raise BuildError(list(problems.values()))
    consumed = {name for names in answer["inputs"].values() for name in names}
    for name in sorted(consumed - set(answer["files"])):
        (out / name).unlink()
    for name, code in answer["files"].items():
        (out / name).write_text(code, "utf-8")
