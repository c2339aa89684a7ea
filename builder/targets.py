"""What differs between the Chrome and Firefox builds: manifest overlay and files left out."""

from __future__ import annotations

from dataclasses import dataclass

# The code's own version; the policy_version is appended, so "0.1" + policy 3 = "0.1.3".
# Raise it when the extension's code changes without a policy change.
CODE_VERSION = "0.1"


@dataclass(frozen=True)
class Target:
    """One browser build."""

    name: str
    package_suffix: str
    overlay_file: str
    # Files under extension/ that this browser does not need.
    exclude: tuple[str, ...]


TARGETS: dict[str, Target] = {
    "chrome": Target(
        name="chrome",
        package_suffix="zip",
        overlay_file="manifest/chrome.json",
        exclude=(),
    ),
    "firefox": Target(
        name="firefox",
        package_suffix="xpi",
        overlay_file="manifest/firefox.json",
        # Firefox runs background scripts as an event page; the Chrome service worker
        # wrapper that imports them with importScripts() is not used there.
        exclude=("background/service-worker.js",),
    ),
}


def extension_version(policy_version: int) -> str:
    """The manifest version for a policy version."""
    return f"{CODE_VERSION}.{policy_version}"


def merge_manifest(base: dict, overlay: dict) -> dict:
    """Overlay wins; nested mappings merge key by key, lists are replaced whole."""
    out = dict(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge_manifest(out[key], value)
        else:
            out[key] = value
    return out
