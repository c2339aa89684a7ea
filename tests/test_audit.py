"""Permission, code and network audit of the shipped extension: widening it must be deliberate."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest
from builder_support import REPO
from conftest import TARGETS, start_driver

EXTENSION = REPO / "extension"


@pytest.fixture(scope="module")
def dist(dist_dir: Path) -> Path:
    """The session's real build (conftest.py)."""
    return dist_dir


@pytest.mark.parametrize("target", ["chrome", "firefox"])
def test_permissions_are_exactly_what_the_features_need(dist, target):
    manifest = json.loads((dist / target / "manifest.json").read_text("utf-8"))
    # storage: settings, last state and opt-out receipts. Nothing else.
    assert manifest["permissions"] == ["storage"]
    for key in (
        "host_permissions",
        "optional_permissions",
        "optional_host_permissions",
        "externally_connectable",
        "content_security_policy",  # absent: the MV3 default, which forbids remote code
        "update_url",
    ):
        assert key not in manifest, f"{key} widens what the extension can do"
    scripts = manifest["content_scripts"]
    assert [s["matches"] for s in scripts] == [["https://claude.ai/*"]]
    assert all(not s.get("all_frames") and "match_about_blank" not in s for s in scripts)
    # Web-accessible, to claude.ai only: the content script's module, which its loader
    # imports (content/content.js), and the report describer it imports on demand. Any
    # page elsewhere cannot load them.
    assert manifest["web_accessible_resources"] == [
        {
            "resources": ["content/core.js", "content/describe.js"],
            "matches": ["https://claude.ai/*"],
        }
    ]


@pytest.mark.parametrize("target", ["chrome", "firefox"])
def test_every_shipped_script_is_a_local_file(dist, target):
    for page in (dist / target).rglob("*.html"):
        html = page.read_text("utf-8")
        for src in re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html):
            assert "://" not in src and not src.startswith("//"), f"{page}: remote script {src}"
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", html), f"{page}: inline script"


# Building HTML from strings, evaluating code, or talking to the network. In JavaScript
# ESLint finds these (eslint.config.mjs; `make lint`, tests/test_lint.py): it reads the
# code, so it also sees `globalThis.fetch(...)` and a sink split over lines, where a line
# pattern cannot. These patterns scan what ESLint does not read: the pages, the CSS and
# the builder's templates (an inline handler or a template can still hold code).
FORBIDDEN = {
    "innerHTML": r"\binnerHTML\b",
    "outerHTML assignment": r"\bouterHTML\s*=",
    "insertAdjacentHTML": r"\binsertAdjacentHTML\b",
    "document.write": r"\bdocument\.write(ln)?\s*\(",
    "eval": r"(?<![\w.])eval\s*\(",
    "new Function": r"\bnew\s+Function\b",
    "string timer": r"\bset(Timeout|Interval)\s*\(\s*[\"'`]",
    "dynamic import": r"(?<![\w.])import\s*\(",
    "fetch": r"(?<![\w.])fetch\s*\(",
    "XMLHttpRequest": r"\bXMLHttpRequest\b",
    "WebSocket": r"\bWebSocket\b",
    "sendBeacon": r"\bsendBeacon\b",
    "EventSource": r"\bEventSource\b",
    "remote URL in code": r"[\"'`]https?://(?!claude\.ai/)[^\"'`]*\.(js|mjs|css)\b",
}
# ESLint has no rule for a remote script's address in a string: scanned in JavaScript too.
ALSO_IN_JAVASCRIPT = {"remote URL in code"}


def _sources(*, javascript: bool = True) -> list[Path]:
    suffixes = (".html", ".j2", ".css", *((".js",) if javascript else ()))
    return sorted(p for p in EXTENSION.rglob("*") if p.is_file() and p.suffix in suffixes)


def test_extension_sources_exist():
    names = {p.relative_to(EXTENSION).as_posix() for p in _sources()}
    assert "content/main.js" in names and "background/main.js" in names


@pytest.mark.parametrize("name", sorted(FORBIDDEN))
def test_no_unsafe_or_network_api_in_extension(name):
    pattern = re.compile(FORBIDDEN[name])
    hits = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in _sources(javascript=name in ALSO_IN_JAVASCRIPT)
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not hits, f"{name} found:\n" + "\n".join(hits)


def test_the_audit_patterns_catch_what_they_name():
    """The scan above is only worth something if its patterns match real offences."""
    samples = {
        "innerHTML": "node.innerHTML = text;",
        "outerHTML assignment": "el.outerHTML = '<b>'",
        "insertAdjacentHTML": "el.insertAdjacentHTML('beforeend', s)",
        "document.write": "document.write('<p>')",
        "eval": "const x = eval(code);",
        "new Function": "new Function('return 1')",
        "string timer": "setTimeout('run()', 10)",
        "dynamic import": "await import('./x.js')",
        "fetch": "fetch('https://example.com')",
        "XMLHttpRequest": "new XMLHttpRequest()",
        "WebSocket": "new WebSocket(url)",
        "sendBeacon": "navigator.sendBeacon(u, d)",
        "EventSource": "new EventSource(u)",
        "remote URL in code": "s.src = 'https://cdn.example.com/lib.js'",
    }
    assert samples.keys() == FORBIDDEN.keys()
    for name, sample in samples.items():
        assert re.search(FORBIDDEN[name], sample), name


# A build that does what the extension must never do: talk to a host of its own choosing,
# from the content script and from the background.
PROBES = {
    "content/content.js": "https://audit-probe.invalid/from-content-script",
    "background/background.js": "https://audit-probe.invalid/from-background",
}


def test_the_network_audit_catches_a_request_the_extension_makes(browser_name, dist_dir, tmp_path):
    """The browser suite's "no request" audit (conftest.py) is only worth something if it
    sees a request when the extension does make one."""
    doctored = tmp_path / "dist"
    target = TARGETS[browser_name]
    shutil.copytree(dist_dir / target, doctored / target)
    for script, url in PROBES.items():
        with (doctored / target / script).open("a", encoding="utf-8") as file:
            # Delayed so that it happens while the page is open and recorded.
            file.write(f"\nsetTimeout(() => fetch({url!r}).catch(() => {{}}), 500);\n")

    driver = start_driver(browser_name, doctored)
    try:
        driver.open(
            "https://claude.ai/new", REPO / "tests" / "fixtures" / "popup_en_native_on.html"
        )
        deadline = time.monotonic() + 10
        while set(PROBES.values()) - set(driver.unexpected_requests):
            assert time.monotonic() < deadline, (
                f"{browser_name}: the audit recorded {driver.unexpected_requests}, "
                f"not the probes {sorted(PROBES.values())}"
            )
            # A round trip to the page, not time.sleep(): Playwright's sync API hands
            # over recorded requests only while a call of its own is running.
            driver.evaluate("return new Promise((resolve) => setTimeout(resolve, 100))")
    finally:
        driver.close()


def test_message_names_are_declared_once():
    """Every runtime message name is written in shared/messages.js only; the content
    script, the background and the pages import it (issue 22: one place to read what
    the parts say to each other)."""
    declared = EXTENSION / "shared" / "messages.js"
    names = set(re.findall(r'"(privacy-guard/[\w-]+)"', declared.read_text("utf-8")))
    assert names, "shared/messages.js declares no message"
    written = [
        f"{path.relative_to(REPO)}:{number}"
        for path in sorted(EXTENSION.rglob("*.js"))
        if path != declared
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if re.search(r"[\"'`]privacy-guard/[\w-]+", line)
    ]
    assert written == [], "message names written outside shared/messages.js: " + ", ".join(written)
