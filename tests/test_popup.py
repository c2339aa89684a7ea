"""Toolbar badge, popup, history and options, in Chromium with the real build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from extension_pages import (
    FIXTURES,
    GLOBAL_BADGE,
    MARKED,
    NEEDS_CHROMIUM,
    ON_FIXTURE,
    ON_URL,
    READABLE_PX,
    REPO,
    SETTINGS_FIXTURE,
    SWITCH,
    Browser,
    build,
    callout_shadow_html,
    serious_violations,
    stored_receipts,
    wait_for_badge,
    wait_for_receipts,
)
from playwright.sync_api import expect

pytestmark = NEEDS_CHROMIUM


def test_badge_popup_and_receipts_follow_the_switch(browser):
    browser.visit(ON_FIXTURE, ON_URL)
    wait_for_badge(browser, "ON")

    popup = browser.extension_page("popup/popup.html")
    expect(popup.locator("#status")).to_have_attribute("data-state", "on")
    expect(popup.locator("#state")).to_have_text("AI training is ON")
    expect(popup.locator("#seen")).to_have_text("Checked now, in Privacy settings.")
    expect(popup.locator("#meaning")).to_contain_text("5 years")
    wait_for_receipts(popup, 1, "on")

    browser.driver.page.bring_to_front()
    browser.driver.click(SWITCH)
    wait_for_badge(browser, "✓")
    wait_for_receipts(popup, 2, "off")
    expect(popup.locator("#state")).to_have_text("Opted out of AI training")


def test_history_exports_as_json(browser):
    # Settings changes count at once (no confirm step there); an entry waits for the
    # state to hold a few seconds.
    browser.visit(SETTINGS_FIXTURE, "https://claude.ai/settings/data-privacy-controls")
    history = browser.extension_page("history/history.html")
    wait_for_receipts(history, 1)
    browser.driver.page.bring_to_front()
    browser.driver.click(SWITCH)
    wait_for_receipts(history, 2)
    expect(history.locator("#rows tr")).to_have_count(2)

    with history.expect_download() as download:
        history.click("#export-json")
    exported = json.loads(Path(download.value.path()).read_text("utf-8"))
    receipts = exported["receipts"]
    assert [r["state"] for r in receipts] == ["off", "on"]
    assert {r["surface"] for r in receipts} == {"settings"}
    place = "/settings/data-privacy-controls"
    assert all(r["path"] == place and r["policyVersion"] == 1 for r in receipts)
    # Only what an entry needs: never chat titles or text.
    assert set(receipts[0]) == {
        "time",
        "state",
        "surface",
        "locked",
        "confirmed",
        "policyVersion",
        "path",
    }
    # Says what the history is and is not.
    assert "not proof of the setting on Anthropic's servers" in exported["about"]


def test_clearing_the_history_asks_first(browser):
    browser.visit(ON_FIXTURE, ON_URL)
    history = browser.extension_page("history/history.html")
    wait_for_receipts(history, 1)
    expect(history.locator("#rows tr")).to_have_count(1)

    history.click("#clear")
    expect(history.locator("#confirm")).to_be_visible()
    history.click("#clear-no")
    assert len(stored_receipts(history)) == 1

    history.click("#clear")
    # It says what it keeps, and keeps it.
    expect(history.locator("#confirm-text")).to_contain_text("last state seen")
    history.click("#clear-yes")
    expect(history.locator("#empty")).to_be_visible()
    assert stored_receipts(history) == []
    popup = browser.extension_page("popup/popup.html")
    expect(popup.locator("#status")).to_have_attribute("data-state", "on")


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
        wait_for_receipts(popup, 1, "on")
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
    expect(popup.locator("#status")).to_have_attribute("data-state", "on")
    popup.wait_for_timeout(3500)  # past the time a receipt waits for its state to hold
    assert stored_receipts(popup) == []

    options.bring_to_front()
    options.click("#reset")
    options.click("#reset-yes")
    expect(options.locator("#warnOnPopup")).to_be_checked()
    expect(options.locator("#keepReceipts")).to_be_checked()


def test_popup_and_options_work_by_keyboard(browser):
    browser.visit(ON_FIXTURE, ON_URL)
    popup = browser.extension_page("popup/popup.html")
    expect(popup.locator("#status")).to_have_attribute("data-state", "on")
    for _ in range(30):
        popup.keyboard.press("Tab")
        if popup.evaluate("document.activeElement.id") == "copy-report":
            break
    assert popup.evaluate("document.activeElement.id") == "copy-report"
    popup.keyboard.press("Enter")
    expect(popup.locator("#report-result")).not_to_have_text("")
    # The History part opens from the keyboard too.
    for _ in range(60):
        popup.keyboard.press("Tab")
        if popup.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    popup.keyboard.press("Enter")
    expect(popup.locator("#history-facts li").first).to_be_visible()

    options = browser.extension_page("options/options.html")
    expect(options.locator("#checkAgainDays")).to_have_value("30")
    options.focus("#checkAgainDays")
    options.keyboard.press("Control+A")
    options.keyboard.type("7")
    options.keyboard.press("Tab")
    expect(options.locator("#status")).to_have_text("Saved.")


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
    "popup/popup.html": [
        "body",
        "#meaning",
        "#seen",
        ".facts li",
        ".sources",
        "#version",
        ".footer a",
        "#about",
    ],
    "options/options.html": ["body", "form label", "#reset"],
}


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


def test_popup_says_the_project_is_independent(browser):
    """The stores' condition for "…for Claude" in the name, in the popup's about line,
    wrapped inside the popup's width (no sideways scrolling)."""
    popup = browser.extension_page("popup/popup.html")
    expect(popup.locator("#about")).to_have_text(
        "Independent project; not made or endorsed by Anthropic. "
        "Claude is a trademark of Anthropic, PBC."
    )
    assert popup.evaluate("() => document.documentElement.scrollWidth <= innerWidth")


# --- the popup for today: where you stand with its age, the facts, one settings button ---

CHAT = "https://claude.ai/chat/ageing"
NO_SWITCH = FIXTURES / "chat_quotes_the_words.html"
DAY_MS = 86_400_000
TITLE = """async () => {
  const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
  return chrome.action.getTitle({ tabId: tab.id });
}"""


def seed_last_seen(browser: Browser, age_ms: int, state: str = "off") -> None:
    """Store a last state seen `age_ms` ago, as the extension's own pages can (the
    install-time migration is let finish first, so that it cannot overwrite it)."""
    page = browser.extension_page("options/options.html")
    for _ in range(50):
        if page.evaluate("async () => (await chrome.storage.local.get()).schemaVersion"):
            break
        page.wait_for_timeout(100)
    page.evaluate(
        """([age, state]) => chrome.storage.local.set({ last: {
             time: new Date(Date.now() - age).toISOString(), state, surface: "settings",
             locked: false, confirmed: false, policyVersion: 1,
             path: "/settings/data-privacy-controls" } })""",
        [age_ms, state],
    )
    page.close()


def open_chat(browser: Browser) -> None:
    """A claude.ai page without the switch: its content script only says hello."""
    browser.driver.open(CHAT, NO_SWITCH)


@pytest.mark.parametrize(
    ("days", "badge", "state", "seen"),
    [
        (29, "✓", "off", r"^Checked 29 days ago, in Privacy settings\.$"),
        (
            31,
            "?",
            "stale",
            r"^Last seen on \w+ \d+, \d{4}, in Privacy settings: more than 30 days ago\.$",
        ),
        # Recorded while the computer's clock was ahead (or set back since): its age is
        # unknown, so it is neither "in 40 days" nor current.
        (-40, "?", "stale", r"^Last seen on \w+ \d+, \d{4}, in Privacy settings\.$"),
    ],
)
def test_an_old_state_asks_to_check_again(browser, days, badge, state, seen):
    seed_last_seen(browser, days * DAY_MS)
    open_chat(browser)
    wait_for_badge(browser, badge)
    title = browser.badge(TITLE)
    assert ("check your setting again" in title.lower()) == (state == "stale"), title

    popup = browser.extension_page("popup/popup.html")
    expect(popup.locator("#status")).to_have_attribute("data-state", state)
    expect(popup.locator("#seen")).to_have_text(re.compile(seen))
    if state == "stale":
        expect(popup.locator("#state")).to_have_text("Check your setting again")
        expect(popup.locator("#meaning")).to_contain_text("desktop or mobile app")
    else:
        expect(popup.locator("#state")).to_have_text("Opted out of AI training")
    # One way to the settings, whatever the state.
    expect(popup.get_by_text("Open Privacy settings")).to_have_count(1)


def test_the_badge_ages_while_the_browser_stays_open(browser):
    # 30 days less 4 seconds: current now, stale a few seconds later, with no page event.
    seed_last_seen(browser, 30 * DAY_MS - 4000, "on")
    open_chat(browser)
    wait_for_badge(browser, "ON")
    browser.driver.page.wait_for_timeout(4500)
    wait_for_badge(browser, "?")
    popup = browser.extension_page("popup/popup.html")
    expect(popup.locator("#status")).to_have_attribute("data-state", "stale")


def test_the_check_again_time_is_an_option(browser):
    seed_last_seen(browser, 10 * DAY_MS)
    open_chat(browser)
    wait_for_badge(browser, "✓")
    options = browser.extension_page("options/options.html")
    expect(options.locator("#checkAgainDays")).to_have_value("30")
    options.fill("#checkAgainDays", "7")
    options.locator("#checkAgainDays").dispatch_event("change")
    expect(options.locator("#status")).to_have_text("Saved.")
    # The open tab's badge follows the new option at once.
    wait_for_badge(browser, "?")
    popup = browser.extension_page("popup/popup.html")
    expect(popup.locator("#seen")).to_contain_text("more than 7 days ago")

    # Out of range is refused and says so; the stored option stays.
    options.bring_to_front()
    options.fill("#checkAgainDays", "0")
    options.locator("#checkAgainDays").dispatch_event("change")
    expect(options.locator("#status")).to_contain_text("from 1 to 365")
    stored = options.evaluate("async () => (await chrome.storage.local.get('settings')).settings")
    assert stored["checkAgainDays"] == 7


def policy() -> dict:
    import yaml

    return yaml.safe_load((REPO / "policy_data" / "policy.yaml").read_text("utf-8"))


def policy_facts() -> set[str]:
    return set(policy()["facts"])


def test_popup_states_every_sourced_fact_with_its_sources(browser):
    popup = browser.extension_page("popup/popup.html")
    shown = popup.locator("[data-facts]").evaluate_all(
        "items => items.flatMap((li) => li.dataset.facts.split(' '))"
    )
    assert sorted(set(shown)) == sorted(policy_facts())
    for item in popup.locator("#facts li, #history-facts li").all():
        # Each fact names its sources; a fact's value is written in, never a placeholder.
        assert item.locator(".sources a, .sources span").count() >= 1, item.inner_text()
        assert "{" not in item.inner_text()
    now = " ".join(popup.locator("#facts li > span:first-child").all_inner_texts())
    for fact in ("Incognito chats", "Deleted chats", "flagged", "5 years", "30 days"):
        assert fact in now
    # The 2025 deadlines are history: collapsed, and not among today's facts.
    assert "2025" not in now
    expect(popup.locator("#history")).not_to_have_attribute("open", "")
    expect(popup.locator("#history-facts")).to_be_hidden()
    popup.click("#history summary")
    expect(popup.locator("#history-facts")).to_contain_text("September 28, 2025")
    expect(popup.locator("#history-facts")).to_contain_text("October 8, 2025")
    link = popup.locator(
        "#facts a[href='https://www.anthropic.com/news/updates-to-our-consumer-terms']"
    )
    assert link.count() >= 1


# Today's facts on what trains, or not, whatever the setting: (facts of one line, the fact
# whose value it writes in, the unit after that value).
WHATEVER_THE_SETTING = [
    (["feedback_trains_even_off", "feedback_retention_years"], "feedback_retention_years", "years"),
    (["incognito_not_trained", "incognito_retention_days"], "incognito_retention_days", "days"),
    (["flagged_kept_longer", "flagged_trains_even_off"], None, None),
]


def test_popup_lists_what_trains_whatever_the_setting_with_its_sources(browser):
    """The feedback override, incognito chats and safety-flagged chats are among today's
    facts, with their values from policy.yaml and a link to every source they name."""
    data = policy()
    popup = browser.extension_page("popup/popup.html")
    for facts, value_fact, unit in WHATEVER_THE_SETTING:
        item = popup.locator(f"#facts li[data-facts='{' '.join(facts)}']")
        expect(item).to_have_count(1)
        if value_fact:
            expect(item).to_contain_text(f"{data['facts'][value_fact]['value']} {unit}")
        for source in sorted({s for fact in facts for s in data["facts"][fact]["sources"]}):
            url = data["sources"][source].get("url")
            if url:
                expect(item.locator(f".sources a[href='{url}']")).to_have_count(1)
            else:
                publisher = data["sources"][source]["publisher"]
                expect(item.locator(".sources span")).to_contain_text(publisher)


# --- "off" says what still trains: feedback you give and chats flagged for safety review ---


def off_still_trains(page, name: str) -> str:
    """The shipped message `name` (e.g. popup_off_still_trains): the English string of
    policy_data/strings with the feedback fact of policy.yaml written in, not by hand."""
    import yaml

    part, key = name.split("_", 1)
    strings = REPO / "policy_data" / "strings" / "en" / f"{part}.yaml"
    template = yaml.safe_load(strings.read_text("utf-8"))[key]
    assert "{feedback_retention_years}" in template, template
    years = policy()["facts"]["feedback_retention_years"]["value"]
    text = page.evaluate("(name) => chrome.i18n.getMessage(name)", name)
    assert text == template.replace("{feedback_retention_years}", str(years))
    return text


def test_off_says_what_still_trains_in_popup_badge_and_history(browser):
    browser.visit(ON_FIXTURE, ON_URL)
    wait_for_badge(browser, "ON")
    popup = browser.extension_page("popup/popup.html")
    history = browser.extension_page("history/history.html")
    popup_line = off_still_trains(popup, "popup_off_still_trains")
    history_line = off_still_trains(history, "history_off_still_trains")
    badge_line = off_still_trains(popup, "background_title_off_still")
    title_on = popup.evaluate("chrome.i18n.getMessage('background_title_on')")
    title_off = popup.evaluate("chrome.i18n.getMessage('background_title_off')")

    # On: none of it (the on state says more than that already).
    expect(popup.locator("#status")).to_have_attribute("data-state", "on")
    expect(popup.locator("#still-trains")).to_be_hidden()
    assert browser.badge(TITLE) == title_on
    wait_for_receipts(history, 1, "on")
    expect(history.locator("#off-still-trains")).to_be_hidden()

    browser.driver.page.bring_to_front()
    browser.driver.click(SWITCH)
    wait_for_badge(browser, "✓")
    # Off: the state first, then the one line.
    assert browser.badge(TITLE) == f"{title_off}\n{badge_line}"
    expect(popup.locator("#still-trains")).to_have_text(popup_line)
    shown = popup.locator("#status p:visible").all_inner_texts()
    assert shown[0] == "Opted out of AI training" and shown[-1] == popup_line, shown
    wait_for_receipts(history, 2, "off")
    expect(history.locator("#off-still-trains")).to_have_text(history_line)
    expect(history.locator("#off-still-trains")).to_be_visible()

    # On again: the badge and popup drop the line; the history still lists an Off entry.
    browser.driver.click(SWITCH)
    wait_for_badge(browser, "ON")
    assert browser.badge(TITLE) == title_on
    expect(popup.locator("#still-trains")).to_be_hidden()
    expect(history.locator("#off-still-trains")).to_be_visible()


def opened_by(popup, selector: str) -> str:
    """The URL the popup asks the browser to open (fixtures are served to the test's own
    pages only, so the tab itself is not followed)."""
    popup.evaluate(
        "() => { chrome.tabs.create = async ({ url }) => { window.opened = url; };"
        " window.close = () => {}; }"
    )
    popup.click(selector)
    return popup.evaluate("window.opened")


def test_the_one_settings_button_opens_privacy_settings_the_extension_recognises(browser):
    popup = browser.extension_page("popup/popup.html")
    buttons = popup.locator("button, a").filter(has_text=re.compile("Privacy settings"))
    expect(buttons).to_have_count(1)
    url = opened_by(popup, "#open-settings")
    # The 2026 settings overlay (claude-ui-facts §3), recognised there.
    assert url == "https://claude.ai/new#settings/data-privacy-controls"
    browser.visit(ON_FIXTURE, url)


def test_history_link_opens_the_history_page(browser):
    popup = browser.extension_page("popup/popup.html")
    url = opened_by(popup, "#history-page")
    assert url == f"chrome-extension://{browser.extension_id}/history/history.html"


def test_copy_report_says_plainly_when_the_page_cannot_be_read(browser):
    """Over a tab where no content script answers (not claude.ai) nothing is copied; the
    claude.ai case is tests/test_report.py's."""
    browser.driver.open("https://example.com/new", FIXTURES / "not_claude_host.html")
    popup = browser.extension_page("popup/popup.html")
    popup.evaluate("() => { navigator.clipboard.writeText = async () => { window.copied = 1; }; }")
    # The other site's tab is the active one, as when the toolbar popup opens over it.
    browser.driver.page.bring_to_front()
    popup.evaluate("document.getElementById('copy-report').click()")
    expect(popup.locator("#report-result")).to_have_text(
        "Couldn't read this page. Open the claude.ai tab that shows the switch, then try again."
    )
    assert popup.evaluate("window.copied === undefined")
