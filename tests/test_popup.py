"""Toolbar badge, popup, history and options, in Chromium with the real build."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browsers.chromium import EXECUTABLE, ChromiumDriver
from playwright.sync_api import expect

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

pytestmark = pytest.mark.skipif(
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


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    folder = tmp_path / "profile"
    folder.mkdir()
    return folder


@pytest.fixture
def browser(tmp_path: Path, profile: Path):
    instance = Browser(build(1, tmp_path / "dist"), profile)
    yield instance
    instance.close()


def wait_for_badge(browser: Browser, text: str, expression: str = BADGE) -> None:
    for _ in range(50):
        if browser.badge(expression) == text:
            return
        browser.driver.page.wait_for_timeout(100)
    assert browser.badge(expression) == text


def receipts_in_popup(page) -> list[str]:
    return page.locator("#receipts li").all_inner_texts()


def test_badge_popup_and_receipts_follow_the_switch(browser):
    browser.visit(ON_FIXTURE, ON_URL)
    wait_for_badge(browser, "ON")

    popup = browser.extension_page("popup/popup.html")
    expect(popup.locator("#status")).to_have_attribute("data-state", "on")
    expect(popup.locator("#state")).to_have_text("AI training is ON")
    expect(popup.locator("#seen")).to_contain_text("in Privacy settings")
    expect(popup.locator("#meaning")).to_contain_text("5 years")
    expect(popup.locator("#receipts li")).to_have_count(1, timeout=10_000)

    browser.driver.page.bring_to_front()
    browser.driver.click(SWITCH)
    wait_for_badge(browser, "✓")
    expect(popup.locator("#receipts li")).to_have_count(2, timeout=10_000)
    expect(popup.locator("#state")).to_have_text("Opted out of AI training")
    expect(popup.locator("#receipts li").first).to_contain_text("training off")  # newest first


def test_badge_is_unknown_when_the_switch_cannot_be_found(browser):
    browser.driver.open(
        "https://claude.ai/settings/data-privacy-controls",
        FIXTURES / "settings_drift_no_switch.html",
    )
    browser.driver.wait_for(
        "return document.querySelector('[data-privacy-guard-ui=notice]')", timeout=15
    )
    wait_for_badge(browser, "?")


def test_no_badge_on_other_sites(browser):
    browser.visit(ON_FIXTURE, ON_URL)
    wait_for_badge(browser, "ON")
    browser.driver.open("https://example.com/new", FIXTURES / "not_claude_host.html")
    wait_for_badge(browser, "")


def test_history_exports_as_json(browser):
    # Settings changes count at once (no confirm step there); a receipt waits for the
    # state to hold about a second.
    browser.visit(SETTINGS_FIXTURE, "https://claude.ai/settings/data-privacy-controls")
    popup = browser.extension_page("popup/popup.html")
    expect(popup.locator("#receipts li")).to_have_count(1, timeout=10_000)
    browser.driver.page.bring_to_front()
    browser.driver.click(SWITCH)
    expect(popup.locator("#receipts li")).to_have_count(2, timeout=10_000)

    with popup.expect_download() as download:
        popup.click("#export-json")
    exported = json.loads(Path(download.value.path()).read_text("utf-8"))
    receipts = exported["receipts"]
    assert [r["state"] for r in receipts] == ["off", "on"]
    assert {r["surface"] for r in receipts} == {"settings"}
    place = "/settings/data-privacy-controls"
    assert all(r["path"] == place and r["policyVersion"] == 1 for r in receipts)
    # Only what the receipt needs: never chat titles or text.
    assert set(receipts[0]) == {
        "time",
        "state",
        "surface",
        "locked",
        "confirmed",
        "policyVersion",
        "path",
    }
    # Says what a receipt is and is not.
    assert "not proof of the setting on Anthropic's servers" in exported["about"]


def test_clear_log_asks_first(browser):
    browser.visit(ON_FIXTURE, ON_URL)
    popup = browser.extension_page("popup/popup.html")
    expect(popup.locator("#receipts li")).to_have_count(1, timeout=10_000)

    popup.click("#clear")
    expect(popup.locator("#confirm")).to_be_visible()
    popup.click("#clear-no")
    assert len(receipts_in_popup(popup)) == 1

    popup.click("#clear")
    # It says what it keeps, and keeps it.
    expect(popup.locator("#confirm-text")).to_contain_text("last state seen")
    popup.click("#clear-yes")
    expect(popup.locator("#receipts li")).to_have_count(0)
    expect(popup.locator("#receipts-empty")).to_be_visible()
    expect(popup.locator("#status")).to_have_attribute("data-state", "on")


def test_receipts_survive_a_browser_restart(tmp_path, profile):
    extension = build(1, tmp_path / "dist")
    first = Browser(extension, profile)
    try:
        first.visit(ON_FIXTURE, ON_URL)
        wait_for_badge(first, "ON")
    finally:
        first.close()

    second = Browser(extension, profile)
    try:
        popup = second.extension_page("popup/popup.html")
        expect(popup.locator("#receipts li")).to_have_count(1, timeout=10_000)
        expect(popup.locator("#status")).to_have_attribute("data-state", "on")
    finally:
        second.close()


def test_policy_update_shows_a_bang_until_the_switch_is_seen_again(tmp_path, profile):
    dist = tmp_path / "dist"
    first = Browser(build(1, dist), profile)
    try:
        first.visit(SETTINGS_FIXTURE, "https://claude.ai/settings/data-privacy-controls")
        wait_for_badge(first, "✓")
    finally:
        first.close()

    # Same folder, higher policy_version: Chrome loads it as an update of the same extension.
    second = Browser(build(2, dist), profile)
    try:
        wait_for_badge(second, "!", GLOBAL_BADGE)
        popup = second.extension_page("popup/popup.html")
        expect(popup.locator("#policy-changed")).to_be_visible()
        expect(popup.locator("#version")).to_have_text("0.1.2")

        second.visit(SETTINGS_FIXTURE, "https://claude.ai/settings/data-privacy-controls")
        wait_for_badge(second, "", GLOBAL_BADGE)
        wait_for_badge(second, "✓")
        expect(popup.locator("#policy-changed")).to_be_hidden()
    finally:
        second.close()


def test_options_turn_warnings_and_receipts_off_and_reset(browser):
    options = browser.extension_page("options/options.html")
    # The boxes are filled in from storage after the page loads: wait for that first.
    expect(options.locator("#warnOnPopup")).to_be_checked()
    expect(options.locator("#warnOnSettings")).to_be_checked()
    expect(options.locator("#keepReceipts")).to_be_checked()
    options.uncheck("#warnOnPopup")
    options.uncheck("#warnOnSettings")
    options.uncheck("#keepReceipts")
    expect(options.locator("#status")).not_to_have_text("")

    browser.visit(ON_FIXTURE, ON_URL)
    # Still recognised and reported, but no warnings, and nothing logged.
    wait_for_badge(browser, "ON")
    assert (
        browser.driver.evaluate(
            "return document.querySelectorAll('[data-privacy-guard-ui]').length"
        )
        == 0
    )
    popup = browser.extension_page("popup/popup.html")
    expect(popup.locator("#receipts-empty")).to_be_visible()
    assert receipts_in_popup(popup) == []

    options.bring_to_front()
    options.click("#reset")
    options.click("#reset-yes")
    expect(options.locator("#warnOnPopup")).to_be_checked()
    expect(options.locator("#keepReceipts")).to_be_checked()


def test_popup_and_options_work_by_keyboard(browser):
    browser.visit(ON_FIXTURE, ON_URL)
    popup = browser.extension_page("popup/popup.html")
    expect(popup.locator("#receipts li")).to_have_count(1, timeout=10_000)
    for _ in range(30):
        popup.keyboard.press("Tab")
        if popup.evaluate("document.activeElement.id") == "clear":
            break
    assert popup.evaluate("document.activeElement.id") == "clear"
    popup.keyboard.press("Enter")
    expect(popup.locator("#confirm")).to_be_visible()
    expect(popup.locator("#clear-no")).to_be_focused()
    popup.keyboard.press("Enter")
    expect(popup.locator("#confirm")).to_be_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["popup/popup.html", "options/options.html"])
def test_extension_pages_have_no_serious_accessibility_violations(browser, path, scheme):
    browser.visit(ON_FIXTURE, ON_URL)
    page = browser.extension_page(path)
    page.emulate_media(color_scheme=scheme)
    assert serious_violations(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("fixture", ["popup_en_native_on.html", "settings_2025_en_off.html"])
def test_injected_callout_has_no_serious_accessibility_violations(browser, fixture, scheme):
    """axe cannot enter a closed shadow root, so the callout's rendered content (read
    through DevTools, which can) is checked on a page of its own, as the browser drew it."""
    browser.driver.page.emulate_media(color_scheme=scheme)
    browser.visit(FIXTURES / fixture, "https://claude.ai/settings/data-privacy-controls")
    copies = callout_shadow_html(browser.driver)
    assert copies, "no callout found"
    page = browser.driver.context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.set_content(f"<!doctype html><html lang='en'><title>callout</title><main>{copies}</main>")
    assert page.locator("main .box").count() >= 1
    assert serious_violations(page) == []
    page.close()


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


def test_nothing_from_chats_is_stored(browser):
    """The settings opened over a chat: the receipt says where, never which chat or what."""
    fixture = FIXTURES / "settings_2026_after_hashchange.html"
    chat = "https://claude.ai/chat/0b4c7f6e-3f2a-4c1e-9d4a-5a8f2e1c9b70"
    browser.driver.open(chat, fixture)
    browser.driver.wait_for(MARKED, timeout=10)
    wait_for_badge(browser, "ON")

    stored = json.dumps(
        browser.driver.context.service_workers[0].evaluate("() => chrome.storage.local.get(null)")
    )
    assert '"path": "/chat#settings/data-privacy-controls"' in stored
    for private in ("0b4c7f6e", "bakery", "ten ideas", "Trip to Lisbon"):
        assert private not in stored


# What the user reads most: the state's meaning and the facts in the popup, the choices on
# the options page. Chromium gives extension pages `body { font-size: 75% }` of its own.
BODY_TEXT = {
    "popup/popup.html": ["body", "#meaning", ".facts li"],
    "options/options.html": ["body", "form label", "#reset"],
}
READABLE_PX = 13


@pytest.mark.parametrize("path", BODY_TEXT)
def test_extension_pages_are_readable_size(browser, path):
    page = browser.extension_page(path)
    sizes = {
        selector: page.locator(selector).first.evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)"
        )
        for selector in BODY_TEXT[path]
    }
    assert {s: px for s, px in sizes.items() if px < READABLE_PX} == {}
