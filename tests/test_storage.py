"""Stored observations stay true: bad entries, bursts from two tabs, in-app navigation, reset."""

from __future__ import annotations

import json

from extension_pages import (
    FIXTURES,
    NEEDS_CHROMIUM,
    ON_FIXTURE,
    ON_URL,
    SETTINGS_FIXTURE,
    Browser,
    build,
    stored_receipts,
    wait_for_badge,
    wait_for_receipts,
)
from playwright.sync_api import expect

pytestmark = NEEDS_CHROMIUM

NO_SWITCH = FIXTURES / "chat_quotes_the_words.html"
CHAT = "https://claude.ai/chat/burst"
SETTINGS_URL = "https://claude.ai/settings/data-privacy-controls"
BADGES_BY_TAB = """async () => {
  const tabs = (await chrome.tabs.query({})).sort((a, b) => a.id - b.id);
  return Promise.all(tabs.map((tab) => chrome.action.getBadgeText({ tabId: tab.id })));
}"""


def stored(browser) -> dict:
    return browser.driver.context.service_workers[0].evaluate(
        "() => chrome.storage.local.get(null)"
    )


def badges_by_tab(browser) -> list[str]:
    """The badge of every tab that has one, oldest tab first."""
    return [
        text for text in browser.driver.context.service_workers[0].evaluate(BADGES_BY_TAB) if text
    ]


def content_script_world(page) -> tuple[object, int]:
    """A DevTools session on `page` and the id of the extension's content-script world, so
    that a test can send messages exactly as the content script does (sender.tab set)."""
    cdp = page.context.new_cdp_session(page)
    contexts: list[dict] = []
    cdp.on("Runtime.executionContextCreated", lambda event: contexts.append(event["context"]))
    cdp.send("Runtime.enable")
    for _ in range(50):
        for context in contexts:
            aux = context.get("auxData", {})
            if aux.get("type") == "isolated" and context["origin"].startswith(
                "chrome-extension://"
            ):
                return cdp, context["id"]
        page.wait_for_timeout(100)
    raise AssertionError("the content script's world never appeared")


def send_from_content_script(world, states: list[str], wait: bool = True) -> None:
    cdp, context_id = world
    expression = f"""(async () => {{
      const sends = {json.dumps(states)}.map((state) => chrome.runtime.sendMessage({{
        type: "privacy-guard/observed", state, surface: "settings", locked: false,
        path: "/settings/data-privacy-controls", policyVersion: 1,
      }}).catch(() => {{}}));
      await Promise.all(sends);
    }})()"""
    cdp.send(
        "Runtime.evaluate",
        {"expression": expression, "contextId": context_id, "awaitPromise": wait},
    )


def test_malformed_stored_entries_are_dropped_and_receipts_go_on(browser):
    good_old = {
        "time": "2025-09-01T10:00:00.000Z",
        "state": "off",
        "surface": "settings",
        "locked": False,
        "policyVersion": 1,
        "path": "/settings/data-privacy-controls",
    }
    good_newer = {**good_old, "time": "2025-09-03T10:00:00.000Z", "state": "on"}
    receipts = [
        good_old,
        {"state": "on", "surface": "popup"},  # no time
        None,
        "on",
        {**good_old, "time": "yesterday"},
        {**good_old, "state": "maybe"},
        {**good_old, "locked": "no"},
        {**good_old, "time": 5},
        good_newer,
        None,
    ]
    worker = browser.driver.context.service_workers[0]
    # The install-time migration rewrites storage: let it finish before planting entries.
    for _ in range(50):
        if worker.evaluate(
            "async () => (await chrome.storage.local.get('schemaVersion')).schemaVersion"
        ):
            break
        browser.driver.page.wait_for_timeout(100)
    worker.evaluate(
        "(receipts) => chrome.storage.local.set({receipts, last: {state: 'on'}})", receipts
    )

    popup = browser.extension_page("popup/popup.html")
    wait_for_receipts(popup, 2)
    # A last state without a time says nothing: shown as never checked, not as "on".
    expect(popup.locator("#status")).to_have_attribute("data-state", "never")

    browser.visit(SETTINGS_FIXTURE, SETTINGS_URL)
    wait_for_badge(browser, "✓")
    wait_for_receipts(popup, 3, "off")
    expect(popup.locator("#status")).to_have_attribute("data-state", "off")


def test_a_burst_from_two_tabs_keeps_receipts_badge_and_popup_in_agreement(browser):
    browser.visit(SETTINGS_FIXTURE, SETTINGS_URL)
    wait_for_badge(browser, "✓")
    popup = browser.extension_page("popup/popup.html")
    wait_for_receipts(popup, 1)
    genuine = stored(browser)["receipts"][0]

    first = browser.driver.page
    browser.driver.routes.serve(CHAT, NO_SWITCH)
    first.goto(CHAT)
    second = browser.driver.context.new_page()
    second.goto(CHAT)
    worlds = [content_script_world(first), content_script_world(second)]

    # 1,200 changes, both tabs at once; then tab one settles on "on", tab two on "off".
    send_from_content_script(worlds[0], ["on", "off"] * 300, wait=False)
    send_from_content_script(worlds[1], ["off", "on"] * 300)
    first.wait_for_timeout(300)
    send_from_content_script(worlds[0], ["on"])
    send_from_content_script(worlds[1], ["off"])

    # Each tab's badge shows what that tab reported last (tab ids grow: first, second).
    for _ in range(50):
        if badges_by_tab(browser) == ["ON", "✓"]:
            break
        first.wait_for_timeout(100)
    assert badges_by_tab(browser) == ["ON", "✓"]

    popup.bring_to_front()
    expect(popup.locator("#status")).to_have_attribute("data-state", "off")
    for _ in range(100):
        if stored_receipts(popup)[-1]["state"] == "off":
            break
        popup.wait_for_timeout(100)
    second.wait_for_timeout(1500)  # nothing late arrives after the final state
    receipts = stored(browser)["receipts"]
    assert receipts[0] == genuine
    assert receipts[-1]["state"] == "off"
    assert stored(browser)["last"]["state"] == "off"
    # Only states that stayed put are receipts: the burst's flips are not.
    assert len(receipts) <= 3, [r["state"] for r in receipts]
    second.close()


def test_a_switch_flipped_just_slower_than_the_settle_time_cannot_flood_the_log(browser):
    """Each state holds past the 3 s settle time; the per-tab limit keeps it to 3 a minute."""
    browser.driver.open(CHAT, NO_SWITCH)
    world = content_script_world(browser.driver.page)
    for state in ["on", "off"] * 3:
        send_from_content_script(world, [state])
        browser.driver.page.wait_for_timeout(3200)
    # The badge still follows at once.
    wait_for_badge(browser, "✓")
    receipts = stored(browser).get("receipts", [])
    assert 1 <= len(receipts) <= 3, [r["state"] for r in receipts]


def test_a_back_forward_cache_restore_gets_the_badge_back(tmp_path, profile):
    """Back to a claude.ai page kept in the back/forward cache: its badge comes back."""
    restored = Browser(build(1, tmp_path / "dist"), profile, back_forward_cache=True)
    try:
        restored.visit(ON_FIXTURE, ON_URL)
        wait_for_badge(restored, "ON")
        restored.driver.evaluate("window.__sameDocument = true;")
        restored.driver.routes.serve("https://example.com/new", FIXTURES / "not_claude_host.html")
        restored.driver.page.goto("https://example.com/new")
        wait_for_badge(restored, "")
        # A restore fires no load event: wait for the navigation to commit only.
        restored.driver.page.go_back(wait_until="commit")
        assert restored.driver.evaluate("return window.__sameDocument === true"), (
            "the page was loaded again, not restored from the back/forward cache"
        )
        wait_for_badge(restored, "ON")
    finally:
        restored.close()


def test_in_app_navigation_keeps_the_badge(browser):
    browser.visit(ON_FIXTURE, ON_URL)
    wait_for_badge(browser, "ON")
    browser.driver.evaluate("history.pushState({}, '', '/chat/0b4c7f6e')")
    browser.driver.page.wait_for_timeout(300)
    browser.driver.evaluate("location.hash = 'settings/data-privacy-controls'")
    browser.driver.page.wait_for_timeout(700)
    assert browser.badge() == "ON"
    # Leaving claude.ai still clears it.
    browser.driver.open("https://example.com/new", FIXTURES / "not_claude_host.html")
    wait_for_badge(browser, "")


def test_reset_everything_forgets_the_last_state(browser):
    browser.visit(ON_FIXTURE, ON_URL)
    wait_for_badge(browser, "ON")
    options = browser.extension_page("options/options.html")
    expect(options.locator("#keepReceipts")).to_be_checked()
    options.click("#reset")
    options.click("#reset-yes")
    expect(options.locator("#status")).not_to_have_text("")

    popup = browser.extension_page("popup/popup.html")
    expect(popup.locator("#status")).to_have_attribute("data-state", "never")
    left = stored(browser)
    assert "last" not in left and not left.get("receipts"), left
    # And it says so before it does it.
    options.bring_to_front()
    options.click("#reset")
    expect(options.locator("#confirm-text")).to_contain_text("last state")


def test_a_waiting_receipt_survives_the_service_worker_being_stopped(browser):
    browser.driver.open(CHAT, NO_SWITCH)
    world = content_script_world(browser.driver.page)
    popup = browser.extension_page("popup/popup.html")
    # From an extension page's session, the extension's own worker can be stopped.
    devtools = popup.context.new_cdp_session(popup)
    devtools.send("ServiceWorker.enable")
    send_from_content_script(world, ["off"])
    # The observation is in (last state shown); the receipt waits for its 3 s timer.
    expect(popup.locator("#status")).to_have_attribute("data-state", "off")
    # Chrome stops idle workers; here it is stopped before that timer can fire.
    devtools.send("ServiceWorker.stopAllWorkers")
    popup.wait_for_timeout(1500)
    assert stored_receipts(popup) == []
    # The next message from a claude.ai page starts the worker, which writes it.
    browser.driver.open(CHAT, NO_SWITCH)
    wait_for_receipts(popup, 1, "off")


def test_data_from_an_older_version_is_migrated(tmp_path, profile):
    extension = build(1, tmp_path / "dist")
    first = Browser(extension, profile)
    try:
        worker = first.driver.context.service_workers[0]
        # Let the first install's own migration finish, then leave only what a 0.1.x
        # build stored (no schemaVersion), so the update's migration is what is seen.
        for _ in range(50):
            if worker.evaluate("async () => (await chrome.storage.local.get()).schemaVersion"):
                break
            first.driver.page.wait_for_timeout(100)
        worker.evaluate("() => chrome.storage.local.clear()")
        worker.evaluate(
            """() => chrome.storage.local.set({
                 receipts: [null, {time: "2025-09-01T10:00:00.000Z", state: "off",
                   surface: "settings", locked: false, policyVersion: 1, path: "/settings"}],
                 settings: {warnOnPopup: "yes", keepReceipts: false, checkAgainDays: 0},
                 seenPolicyVersion: 1})"""
        )
    finally:
        first.close()
    second = Browser(build(2, tmp_path / "dist"), profile)
    try:
        for _ in range(50):
            data = stored(second)
            if data.get("schemaVersion") == 2:
                break
            second.driver.page.wait_for_timeout(100)
        assert data["schemaVersion"] == 2
        assert data["settings"] == {
            "warnOnPopup": True,
            "warnOnSettings": True,
            "warnOnFeedback": True,  # added with its default
            "keepReceipts": False,
            "checkAgainDays": 30,  # added with its default
        }
        assert [r["state"] for r in data["receipts"]] == ["off"]
        assert data["receipts"][0]["confirmed"] is False
    finally:
        second.close()
