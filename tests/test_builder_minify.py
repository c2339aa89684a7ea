"""The shipped content scripts: minified at build time, within their size budget, names kept."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from builder_support import REPO, run_builder, snapshot

# docs/performance.md's budget for what the manifest injects into every claude.ai page
# (decimal kilobytes, as bench/report.py counts them).
CONTENT_BUDGET_BYTES = 50_000


def injected(folder: Path) -> list[Path]:
    """The files every claude.ai page loads, as bench/runner.py counts them: the manifest's
    content scripts and styles, and the modules those scripts import as they load."""
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    files = [
        folder / name
        for entry in manifest["content_scripts"]
        for name in entry.get("js", []) + entry.get("css", [])
    ]
    for script in [f for f in files if f.suffix == ".js"]:
        files += [folder / name for name in IMPORTED.findall(script.read_text("utf-8"))]
    return files


# How the loader names the module it imports (content/content.js).
IMPORTED = re.compile(r'runtime\.getURL\("([^"]+\.js)"\)')


@pytest.mark.parametrize("target", ["chrome", "firefox"])
def test_the_injected_script_only_imports_the_bundled_module(dist_dir, target):
    """The manifest injects a loader whose one job is importing content/core.js, a file of
    the package that only claude.ai may load (content/content.js says why)."""
    folder = dist_dir / target
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert [s["js"] for s in manifest["content_scripts"]] == [["content/content.js"]]
    assert manifest["web_accessible_resources"] == [
        {
            "resources": ["content/core.js", "content/describe.js"],
            "matches": ["https://claude.ai/*"],
        }
    ]
    loader = (folder / "content" / "content.js").read_text("utf-8")
    assert len(re.findall(r"\bimport\s*\(", loader)) == 1
    assert IMPORTED.findall(loader) == ["content/core.js"]
    assert len(loader) < 800
    # Besides, it listens for content.css's sentinel from document_start, for core.js to
    # take over (find.js startFinding): the same keyframes name in all three.
    keyframes = re.search(
        r"@keyframes ([\w-]+)", (folder / "content" / "content.css").read_text("utf-8")
    )
    assert keyframes
    assert f'"{keyframes.group(1)}"' in loader
    # The bundle loads one more file, and only when a report is asked for: the describer,
    # which is not in it (bench/: what a page load pays for).
    core = (folder / "content" / "core.js").read_text("utf-8")
    assert f'"{keyframes.group(1)}"' in core
    assert IMPORTED.findall(core) == ["content/describe.js"]
    assert len(re.findall(r"\bimport\s*\(", core)) == 1
    assert [p.name for p in injected(folder)] == ["content.js", "content.css", "core.js"]


@pytest.mark.parametrize("target", ["chrome", "firefox"])
def test_shipped_content_script_fits_its_budget(dist_dir, target):
    sizes = {p.name: p.stat().st_size for p in injected(dist_dir / target)}
    assert sum(sizes.values()) <= CONTENT_BUDGET_BYTES, sizes


def test_content_scripts_ship_without_comments_but_with_what_their_errors_name(dist_dir):
    folder = dist_dir / "chrome"
    script = (folder / "content" / "core.js").read_text("utf-8")
    sources = {
        path.name: path.read_text("utf-8") for path in (REPO / "extension" / "content").glob("*.js")
    }
    assert "Guard against double injection" in sources["main.js"]
    assert "Guard against double injection" not in script
    assert len(script) < sum(len(text) for text in sources.values()) / 2
    # Function names are shortened (the 50 KB budget); an error the extension logs says
    # which part failed by the name life.js's guarded() is given, which stays as written.
    assert re.search(r"\bguarded\(\s*\"refresh\"", sources["track.js"])
    assert '"refresh"' in script and '"sentinel"' in script
    assert not re.search(r"\bfunction identify\(", script)
    # The UI's stylesheet (a string terser leaves alone) ships folded, its comments gone.
    assert "The warning by" in sources["callout.js"]
    assert "The warning by" not in script
    assert ":host{all:initial;display:block;pointer-events:auto}" in script
    # One bundle: the modules meet by import, not through globals; only the guard
    # against a second copy in the page is global.
    assert "globalThis.PrivacyGuard" not in script
    assert "PRIVACY_GUARD_DATA" not in script
    assert "__privacyGuardStarted" in script


def test_data_file_and_pages_are_not_minified(dist_dir):
    folder = dist_dir / "chrome"
    name = "popup/popup.js"
    assert (folder / name).read_bytes() == (REPO / "extension" / name).read_bytes(), name
    # The background is bundled (builder/bundle.py) but not minified: names and
    # parameters as written, so an error's stack in the browser reads like the source.
    background = (folder / "background" / "background.js").read_text("utf-8")
    assert "function commitDue(tabs, settings, receiptsRaw, now) {" in background
    data = (folder / "generated" / "policy-data.js").read_text("utf-8")
    assert data.startswith("// Generated by the builder")


def test_a_content_script_that_does_not_parse_is_refused(tmp_path):
    source = tmp_path / "src" / "extension"
    shutil.copytree(REPO / "extension", source)
    detect = source / "content" / "detect.js"
    detect.write_text(detect.read_text("utf-8") + "\nconst = 1;\n", "utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(source)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "copy"], check=True)
    out = tmp_path / "dist"
    out.mkdir()
    (out / ".privacy-guard-build").write_text("previous build\n")
    before = snapshot(out)

    result = run_builder("build", "--source", source, "--out", out)

    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    # The module that does not parse, and where.
    assert "content/detect.js:" in errors[0] and re.search(r"detect\.js:\d+:\d+", errors[0])
    assert snapshot(out) == before
