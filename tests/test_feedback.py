"""The thumbs-feedback dialog (issue 20): a warning inside it that submitting sends the
whole conversation to Anthropic, where it may train models whatever the setting; nothing
in the dialog changes, nothing is recorded, and no other dialog gets it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from cases import CHAT, READY, UI_KINDS

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
PAGE = FIXTURES / "chat_2026_feedback.html"
DIALOG = '[data-cds="Dialog"]'
WARNING_IN_DIALOG = f"""
const dialog = document.querySelector('{DIALOG}');
const host = document.querySelector('[data-privacy-guard-ui="feedback"]');
return Boolean(dialog && host && dialog.contains(host) && host.getBoundingClientRect().height > 0);
"""
# Submit and Cancel show without scrolling: inside the window and inside the dialog's box.
BUTTONS_IN_VIEW = f"""
const dialog = document.querySelector('{DIALOG}').getBoundingClientRect();
return [...document.querySelectorAll('{DIALOG} .flex button')].map((b) => {{
  const r = b.getBoundingClientRect();
  return r.height > 0 && r.top >= Math.max(0, dialog.top) &&
    r.bottom <= Math.min(innerHeight, dialog.bottom) + 1;
}});
"""
THUMBS = {"en": ("Good response", "Bad response"), "de": ("Gute Antwort", "Schlechte Antwort"),
          "ja": ("良い回答", "悪い回答")}  # fmt: skip


def open_chat(driver, hash_: str = "") -> None:
    driver.open(f"{CHAT}#{hash_}" if hash_ else CHAT, PAGE)
    driver.wait_for(READY, timeout=15)


def rate(driver, lang: str = "en", positive: bool = False) -> None:
    label = THUMBS[lang][0 if positive else 1]
    driver.click(f'[data-cds="MessageActions"] button[aria-label="{label}"]')
    driver.wait_for(f"return Boolean(document.querySelector('{DIALOG}'))", timeout=5)


@pytest.mark.parametrize(
    ("hash_", "lang", "positive"),
    [("", "en", False), ("", "en", True), ("de", "de", False), ("ja", "ja", True),
     ("dark", "en", False), ("inportal", "en", False)],
    ids=["en-negative", "en-positive", "de", "ja", "dark", "in-a-standing-portal"],
)  # fmt: skip
def test_the_feedback_dialog_gets_a_warning_inside_it(driver, hash_, lang, positive):
    open_chat(driver, hash_)
    rate(driver, lang, positive)
    driver.wait_for(WARNING_IN_DIALOG, timeout=3)
    assert driver.evaluate(UI_KINDS) == ["feedback"]
    assert all(driver.evaluate(BUTTONS_IN_VIEW))
    # Nothing of the dialog changed: its text box and buttons are the page's own.
    assert driver.evaluate(f"return document.querySelectorAll('{DIALOG} textarea').length") == 1


@pytest.mark.parametrize("button", ["Cancel", "Submit"])
def test_the_warning_goes_with_the_dialog(driver, button):
    open_chat(driver)
    rate(driver)
    driver.wait_for(WARNING_IN_DIALOG, timeout=3)
    driver.click(f'{DIALOG} button[data-t="{button.lower()}"]')
    driver.wait_for("return !document.querySelector('[data-privacy-guard-ui]')", timeout=2)


def test_a_re_render_that_drops_the_warning_gets_it_back(driver):
    open_chat(driver)
    rate(driver)
    driver.wait_for(WARNING_IN_DIALOG, timeout=3)
    driver.evaluate("document.querySelector('[data-privacy-guard-ui=\"feedback\"]').remove()")
    driver.wait_for(WARNING_IN_DIALOG, timeout=1)


def test_report_content_and_other_dialogs_get_nothing(driver):
    open_chat(driver, "report")
    rate(driver)
    driver.evaluate("return new Promise((resolve) => setTimeout(resolve, 1000))")
    assert driver.evaluate(UI_KINDS) == []
    driver.open(CHAT, FIXTURES / "share_dialog.html")
    driver.wait_for(READY, timeout=15)
    driver.evaluate("return new Promise((resolve) => setTimeout(resolve, 1000))")
    assert driver.evaluate(UI_KINDS) == []


@pytest.mark.parametrize("size", [(1366, 657), (360, 640)], ids=["laptop", "phone"])
def test_submit_and_cancel_stay_in_view(chromium, size):
    chromium.page.set_viewport_size({"width": size[0], "height": size[1]})
    open_chat(chromium)
    rate(chromium)
    chromium.wait_for(WARNING_IN_DIALOG, timeout=3)
    assert all(chromium.evaluate(BUTTONS_IN_VIEW))


def ui_text(chromium, kind: str) -> str:
    """The text inside the extension's closed UI of `kind`, read through DevTools."""
    root = chromium.cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]

    def find(node, inside=False):
        attrs = node.get("attributes", [])
        pairs = dict(zip(attrs[0::2], attrs[1::2], strict=False))
        inside = inside or pairs.get("data-privacy-guard-ui") == kind
        if inside and node.get("nodeType") == 3:
            yield node.get("nodeValue", "")
        for child in (*node.get("shadowRoots", []), *node.get("children", [])):
            yield from find(child, inside)

    return " ".join(" ".join(find(root)).split())


def english(dist: Path, key: str) -> str:
    """An English message of the build, facts filled in, as the extension shows it."""
    messages = dist / "chrome" / "_locales" / "en" / "messages.json"
    return json.loads(messages.read_text("utf-8"))[key]["message"]


SET_LAST = """state => chrome.storage.local.set({ last: state === null ? null : {
  time: new Date().toISOString(), state, surface: "settings", locked: false,
  policyVersion: 3, path: "/new#settings/data-privacy-controls", confirmed: false } })"""
SET_WARN = """async (on) => {
  const { settings } = await chrome.storage.local.get('settings');
  await chrome.storage.local.set({ settings: { ...(settings ?? {}), warnOnFeedback: on } });
}"""


@pytest.fixture
def storage(chromium):
    """The session browser's service worker; what a test stores is cleared afterwards."""
    worker = chromium.context.service_workers[0]
    yield worker
    worker.evaluate("() => chrome.storage.local.clear()")


@pytest.mark.parametrize("state", ["off", "on", None], ids=["off", "on", "not-known"])
def test_the_warning_says_what_privacy_guard_last_saw(chromium, storage, dist_dir, state):
    storage.evaluate(SET_LAST, state)
    open_chat(chromium)
    rate(chromium)
    chromium.wait_for(WARNING_IN_DIALOG, timeout=3)
    key = f"content_feedback_{state or 'unknown'}"
    text = ui_text(chromium, "feedback")
    assert " ".join(english(dist_dir, key).split()) in text, text
    # Rating a reply changes nothing of what was seen: no new state, no receipt.
    chromium.click(f'{DIALOG} button[data-t="submit"]')
    chromium.page.wait_for_timeout(500)
    seen = storage.evaluate("async () => (await chrome.storage.local.get('last')).last ?? null")
    assert (seen or {}).get("state") == state


def test_no_warning_with_the_option_off(chromium, storage):
    storage.evaluate(SET_WARN, False)
    open_chat(chromium)
    rate(chromium)
    chromium.page.wait_for_timeout(1000)
    assert chromium.evaluate(UI_KINDS) == []
    storage.evaluate(SET_WARN, True)
    chromium.wait_for(WARNING_IN_DIALOG, timeout=2)


def test_an_off_callout_says_what_still_trains(chromium, dist_dir):
    """'Off' is said together with what still trains: feedback and flagged chats (facts §6),
    the number of years coming from policy.yaml through the strings."""
    chromium.open("https://claude.ai/settings/data-privacy-controls",
                  FIXTURES / "settings_2025_en_off.html")  # fmt: skip
    chromium.wait_for(READY, timeout=15)
    chromium.wait_for("return document.querySelector('[data-privacy-guard-ui=callout]')", 5)
    text = ui_text(chromium, "callout")
    assert " ".join(english(dist_dir, "content_off_still_trains").split()) in text, text
    policy = yaml.safe_load((REPO / "policy_data" / "policy.yaml").read_text("utf-8"))
    years = policy["facts"]["feedback_retention_years"]["value"]
    assert f"{years} years" in text, text
