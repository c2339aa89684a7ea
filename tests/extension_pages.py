"""The extension's own pages in Chromium with the real build, shared by the tests of the
toolbar popup, the pages in a tab and storage: the build, a browser session with helpers
to reach the extension's pages, the badge and the stored receipts."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browsers.chromium import EXECUTABLE, ChromiumDriver

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
POPUP_FIXTURE = FIXTURES / "popup_en_native_on.html"
# A switch that is on where a flip counts at once (the consent popup's counts only once
# "Accept" is pressed): the 2026 Privacy overlay.
ON_FIXTURE = FIXTURES / "settings_2026_en_cds.html"
ON_URL = "https://claude.ai/new#settings/data-privacy-controls"
SETTINGS_FIXTURE = FIXTURES / "settings_2025_en_off.html"
SWITCH = "[data-fixture-expect]"
MARKED = "return !!document.querySelector('[data-privacy-guard]')"
BADGE = """async () => {
  const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
  return chrome.action.getBadgeText(tab ? { tabId: tab.id } : {});
}"""
GLOBAL_BADGE = "() => chrome.action.getBadgeText({})"
READABLE_PX = 13

# For the modules that use these pages: `pytestmark = NEEDS_CHROMIUM`.
NEEDS_CHROMIUM = pytest.mark.skipif(
    not Path(EXECUTABLE).exists(), reason="chromium not installed (make test installs it)"
)


def build(policy_version: int, out: Path) -> Path:
    """The real build, into a fixed folder so that Chrome sees the same extension updated."""
    policy = out.parent / f"policy-{policy_version}"
    shutil.rmtree(policy, ignore_errors=True)
    shutil.copytree(REPO / "policy_data", policy)
    text = (policy / "policy.yaml").read_text("utf-8")
    text, count = re.subn(
        r"^policy_version: \d+$", f"policy_version: {policy_version}", text, flags=re.MULTILINE
    )
    assert count == 1, "policy.yaml has no policy_version line"
    (policy / "policy.yaml").write_text(text, "utf-8")
    subprocess.run(
        [sys.executable, "-m", "builder", "build", "--policy-data", str(policy), "--out", str(out)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    return out / "chrome"


class Browser:
    """A Chromium session plus helpers to reach the extension's own pages."""

    def __init__(self, extension: Path, profile: Path, **driver_options):
        self.driver = ChromiumDriver(extension, profile, **driver_options)
        self.extension_id = self.driver.worker.url.split("/")[2]

    def visit(self, fixture: Path, url: str) -> None:
        self.driver.open(url, fixture)
        self.driver.wait_for(MARKED, timeout=10)

    def badge(self, expression: str = BADGE) -> str:
        self.driver.page.bring_to_front()
        return self.driver.context.service_workers[0].evaluate(expression)

    def extension_page(self, path: str):
        page = self.driver.context.new_page()
        page.goto(f"chrome-extension://{self.extension_id}/{path}")
        page.wait_for_load_state("load")
        return page

    def close(self) -> None:
        self.driver.close()


def wait_for_badge(browser: Browser, text: str, expression: str = BADGE) -> None:
    for _ in range(50):
        if browser.badge(expression) == text:
            return
        browser.driver.page.wait_for_timeout(100)
    assert browser.badge(expression) == text


def stored_receipts(page) -> list[dict]:
    """The receipts, oldest first, through the extension's validated reader, read from one
    of its pages (the popup links to the history page that lists them)."""
    return page.evaluate("() => globalThis.PrivacyGuard.store.receipts()")


def wait_for_receipts(page, count: int, newest: str | None = None) -> list[dict]:
    for _ in range(100):
        receipts = stored_receipts(page)
        if len(receipts) == count and (newest is None or receipts[-1]["state"] == newest):
            return receipts
        page.wait_for_timeout(100)
    assert [r["state"] for r in stored_receipts(page)] == [count, newest]
    return []


def callout_shadow_html(driver) -> str:
    """The markup inside each closed shadow root of the extension's callout hosts."""
    root = driver.cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    html = []

    def walk(node):
        attrs = node.get("attributes", [])
        if "data-privacy-guard-ui" in attrs[0::2]:
            for shadow in node.get("shadowRoots", []):
                for child in shadow.get("children", []):
                    html.append(
                        driver.cdp.send(
                            "DOM.getOuterHTML", {"backendNodeId": child["backendNodeId"]}
                        )["outerHTML"]
                    )
        for child in (*node.get("shadowRoots", []), *node.get("children", [])):
            walk(child)

    walk(root)
    # :host rules have no host on the copy; the box keeps its own colours and layout.
    return "".join(html)


def serious_violations(page, include: str | None = None) -> list[str]:
    if not AXE.is_file():
        pytest.fail("axe-core missing: run make test (npm ci installs it)")
    # evaluate() runs through DevTools, so the extension pages' CSP does not block it.
    page.evaluate(AXE.read_text("utf-8"))
    context = json.dumps({"include": [include]} if include else {})
    result = page.evaluate(f"async () => await axe.run({context})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
