"""The JavaScript checks of `make lint` (ESLint, tsc) fail on what they exist to catch."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from builder_support import REPO

ESLINT = REPO / "node_modules" / ".bin" / "eslint"
TSC = REPO / "node_modules" / ".bin" / "tsc"

# One offence per line, and the rules that must report that line (eslint.config.mjs).
OFFENCES = [
    ('el.innerHTML = "";', {"no-restricted-properties"}),
    ("el.innerHTML = location.hash;", {"no-unsanitized/property", "no-restricted-properties"}),
    ("el.outerHTML = location.hash;", {"no-unsanitized/property", "no-restricted-properties"}),
    ('el.insertAdjacentHTML("beforeend", location.hash);', {"no-unsanitized/method"}),
    ('document.write("<p>");', {"no-restricted-properties"}),
    ('fetch("https://example.com/");', {"no-restricted-globals"}),
    ('globalThis.fetch("https://example.com/");', {"no-restricted-properties"}),
    ('navigator.sendBeacon("https://example.com/", "");', {"no-restricted-properties"}),
    ("new XMLHttpRequest();", {"no-restricted-globals"}),
    ('new WebSocket("wss://example.com/");', {"no-restricted-globals"}),
    ('new EventSource("https://example.com/");', {"no-restricted-globals"}),
    ('eval("1");', {"no-eval"}),
    ('globalThis.eval("1");', {"no-eval"}),
    ('new Function("return 1");', {"no-new-func"}),
    ('setTimeout("run()", 10);', {"no-implied-eval"}),
    ('import("./more.js");', {"no-restricted-syntax"}),
    ("const unused = 1;", {"no-unused-vars"}),
]


def _require(tool: Path) -> None:
    if not tool.exists():
        pytest.fail(f"{tool.relative_to(REPO)} missing: run make test (npm ci installs it)")


def _eslint(code: str, filename: str) -> tuple[int, dict[int, set[str]]]:
    """Exit code, and the rules reported on each line, for `code` linted as `filename`."""
    _require(ESLINT)
    result = subprocess.run(
        [str(ESLINT), "--format", "json", "--stdin", "--stdin-filename", filename],
        cwd=REPO,
        input=code,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr
    rules: dict[int, set[str]] = {}
    for message in json.loads(result.stdout)[0]["messages"]:
        rules.setdefault(message["line"], set()).add(message.get("ruleId") or "fatal")
    return result.returncode, rules


def test_eslint_refuses_html_sinks_code_from_strings_and_the_network():
    lines = ["(() => {", "  const el = document.body;"]
    lines += [f"  {code}" for code, _ in OFFENCES]
    lines += ["})();", ""]
    code, rules = _eslint("\n".join(lines), "extension/content/seeded.js")
    assert code == 1
    for number, (offence, expected) in enumerate(OFFENCES, 3):
        missing = expected - rules.get(number, set())
        assert not missing, f"{offence!r}: {sorted(missing)} not reported (got {rules})"


def test_eslint_accepts_the_way_the_extension_builds_its_ui():
    """The rules leave the project's own idiom alone: DOM nodes and textContent."""
    code, rules = _eslint(
        "(() => {\n"
        '  const p = document.createElement("p");\n'
        "  p.textContent = location.hash;\n"
        "  document.body.append(p);\n"
        "})();\n",
        "extension/content/seeded.js",
    )
    assert (code, rules) == (0, {})


def test_eslint_refuses_page_globals_in_the_background():
    """Chrome runs the background as a service worker: no document, no window there."""
    code, rules = _eslint(
        '(() => {\n  document.title = "x";\n  window.close();\n})();\n',
        "extension/background/main.js",
    )
    assert code == 1
    assert rules == {2: {"no-undef"}, 3: {"no-undef"}}


def test_generated_data_scripts_pass_eslint(dist_dir: Path):
    """The templates policy-data.js.j2 and content-data.js.j2 are not JavaScript until
    built: their output is linted (the content script's data module as the module the
    build bundled, kept beside the builds)."""
    for target in ("chrome", "firefox"):
        rendered = {
            "policy-data.js": dist_dir / target / "generated" / "policy-data.js",
            "content-data.js": dist_dir / f".privacy-guard-content-data.{target}.mjs",
        }
        for name, script in rendered.items():
            code, rules = _eslint(script.read_text("utf-8"), f"extension/generated/{name}")
            assert (code, rules) == (0, {}), (target, name)


def test_tsc_knows_the_shared_names(tmp_path: Path):
    """types/ declares PRIVACY_GUARD_DATA and PrivacyGuard (the store typed from its
    module): a misspelt member fails tsc, in both browsers' API types."""
    _require(TSC)
    (tmp_path / "seeded.js").write_text(
        "(() => {\n"
        "  const { store } = globalThis.PrivacyGuard;\n"
        "  store.settngs();\n"
        "  globalThis.PRIVACY_GUARD_DATA.detection.settingsUrl;\n"
        '  chrome.storage.local.gett("settings");\n'
        "})();\n",
        "utf-8",
    )
    for config in ("tsconfig.json", "tsconfig.firefox.json"):
        # The config's own declarations (types/...), with the seeded file instead of extension/.
        text = (REPO / config).read_text("utf-8")
        base = json.loads("\n".join(s for s in text.splitlines() if not s.strip().startswith("//")))
        include = [str(REPO / p) for p in base["include"] if p.startswith("types/")]
        (tmp_path / "tsconfig.json").write_text(
            json.dumps(
                {
                    "extends": str(REPO / config),
                    "compilerOptions": {"typeRoots": [str(REPO / "node_modules" / "@types")]},
                    "include": [*include, "seeded.js"],
                }
            ),
            "utf-8",
        )
        result = subprocess.run(
            [str(TSC), "-p", str(tmp_path)], capture_output=True, text=True, timeout=120
        )
        assert result.returncode != 0, config
        for line, name in ((3, "settngs"), (4, "settingsUrl"), (5, "gett")):
            assert f"seeded.js({line}," in result.stdout and f"'{name}'" in result.stdout, (
                f"{config}: {name}\n{result.stdout}"
            )


# The content script's modules, lowest first (CONTRIBUTING.md "The content script"): each
# may import only modules before it, so there is no cycle and main.js only wires.
CONTENT_LAYERS = [
    "text.js",
    "detect.js",
    "describe.js",
    "machine.js",
    "life.js",
    "report.js",
    "settings.js",
    "callout.js",
    "notice.js",
    "feedback.js",
    "track.js",
    "find.js",
    "main.js",
    "content.js",  # the loader the manifest injects: imports main.js's bundle, core.js
]


def test_no_content_module_imports_one_above_it():
    folder = REPO / "extension" / "content"
    assert sorted(p.name for p in folder.glob("*.js")) == sorted(CONTENT_LAYERS), (
        "a content module is missing from CONTENT_LAYERS (and CONTRIBUTING.md's table)"
    )
    upward = []
    for name in CONTENT_LAYERS:
        text = (folder / name).read_text("utf-8")
        for imported in re.findall(r'^import [^;]*? from "\./([\w-]+\.js)";', text, re.M):
            if CONTENT_LAYERS.index(imported) >= CONTENT_LAYERS.index(name):
                upward.append(f"{name} imports {imported}")
    assert upward == []
