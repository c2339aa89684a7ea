"""The extension's own pages in a tab: the welcome page on install, the printable history."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from extension_pages import (
    NEEDS_CHROMIUM,
    READABLE_PX,
    Browser,
    build,
    serious_violations,
)
from playwright.sync_api import expect

pytestmark = NEEDS_CHROMIUM

SETTINGS_URL = "https://claude.ai/new#settings/data-privacy-controls"
# Observations as the background stores them: a confirmed Accept on the consent popup
# (training on), a Privacy settings check (off), one locked off, and a popup entry of
# schema 1, recorded before Accept was required (not confirmed). Midday UTC, so the
# date is the same in every time zone the machine may be in.
HISTORY = [
    {
        "time": "2026-03-05T12:00:00.000Z",
        "state": "off",
        "surface": "popup",
        "locked": False,
        "confirmed": False,
        "policyVersion": 1,
        "path": "/new",
    },
    {
        "time": "2026-03-06T12:00:00.000Z",
        "state": "on",
        "surface": "popup",
        "locked": False,
        "confirmed": True,
        "policyVersion": 1,
        "path": "/new",
    },
    {
        "time": "2026-04-07T12:00:00.000Z",
        "state": "off",
        "surface": "settings",
        "locked": False,
        "confirmed": False,
        "policyVersion": 1,
        "path": "/settings/data-privacy-controls",
    },
    {
        "time": "2026-05-08T12:00:00.000Z",
        "state": "off",
        "surface": "settings",
        "locked": True,
        "confirmed": False,
        "policyVersion": 1,
        "path": "/new#settings/data-privacy-controls",
    },
]


INDEPENDENT = (
    "Independent project; not made or endorsed by Anthropic. "
    "Claude is a trademark of Anthropic, PBC."
)


def welcome_pages(pages) -> list[str]:
    return [p.url for p in pages if p.url.endswith("/welcome/welcome.html")]


def test_welcome_page_opens_once_on_install_and_never_on_update(tmp_path, profile):
    dist = tmp_path / "dist"
    first = Browser(build(1, dist), profile, keep_welcome=True)
    try:
        for _ in range(100):
            if first.driver.welcome_pages():
                break
            first.driver.page.wait_for_timeout(100)
        first.driver.page.wait_for_timeout(500)  # a second one would be there by now
        [welcome] = first.driver.welcome_pages()
        welcome.wait_for_load_state("load")
        expect(welcome.locator("h1")).to_have_text("Privacy Guard for Claude is installed")
        expect(welcome.locator("html")).to_have_attribute("lang", "en")
        # What it does not do, and what it can see.
        expect(welcome.locator("main")).to_contain_text("It never changes your setting by itself")
        expect(welcome.locator("main")).to_contain_text("It sends nothing anywhere")
        expect(welcome.locator("main")).to_contain_text("Only pages on claude.ai")
        # The independence the stores ask of a name that uses Anthropic's trademark.
        expect(welcome.locator("#about")).to_have_text(INDEPENDENT)
        # One button to check now, opening the Privacy settings in a tab. (A tab the
        # extension opens escapes the driver's routing, so the call is recorded instead.)
        welcome.evaluate(
            """() => { window.created = [];
              chrome.tabs.create = async (tab) => { window.created.push(tab.url); }; }"""
        )
        welcome.click("#check-now")
        assert welcome.evaluate("() => window.created") == [SETTINGS_URL]
        with first.driver.context.expect_page() as opened:
            welcome.click("#options")
        opened.value.wait_for_load_state("load")
        assert opened.value.url.endswith("/options/options.html")

        # An update in place (runtime.reload) opens nothing (and closes the old copy's tabs).
        before = len(first.driver.opened_pages)
        first.driver.reload_extension()
        first.driver.page.wait_for_timeout(2000)
        assert welcome_pages(first.driver.opened_pages[before:]) == []
        assert first.driver.welcome_pages() == []
    finally:
        first.close()

    # The same profile started again, with a higher version in the same folder: Chromium
    # reports this relaunch as an "install", but the user's data is there; nothing opens.
    second = Browser(build(2, dist), profile, keep_welcome=True)
    try:
        second.driver.page.wait_for_timeout(3000)
        assert second.driver.welcome_pages() == []
        assert welcome_pages(second.driver.opened_pages) == []
    finally:
        second.close()


@pytest.fixture
def history_browser(request, tmp_path: Path, profile: Path):
    """A Chromium whose UI language is the test's, with the history seeded in storage."""
    instance = Browser(build(1, tmp_path / "dist"), profile, args=(f"--lang={request.param}",))
    worker = instance.driver.context.service_workers[0]
    worker.evaluate("(receipts) => chrome.storage.local.set({ receipts })", HISTORY)
    yield instance
    instance.close()


def history_rows(page) -> list[list[str]]:
    expect(page.locator("#rows tr")).to_have_count(len(HISTORY))
    return [row.locator("td").all_inner_texts() for row in page.locator("#rows tr").all()]


@pytest.mark.parametrize("history_browser", ["en"], indirect=True)
def test_history_page_says_what_was_seen_and_what_you_confirmed(history_browser):
    page = history_browser.extension_page("history/history.html")
    expect(page.locator("h1")).to_have_text("Privacy Guard: history")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main")).to_contain_text("not proof of the setting on Anthropic's servers")
    rows = history_rows(page)
    # Newest first; only a choice confirmed with Accept is worded as one.
    assert [cells[1:] for cells in rows] == [
        ["Seen in Privacy settings", "Off, locked for your account"],
        ["Seen in Privacy settings", "Off"],
        ["You pressed “Accept” on the consent popup", "On"],
        ["Seen on the consent popup, not confirmed", "Off"],
    ]
    # Only what counts is coloured as a state: not a popup seen before its Accept.
    states = [row.get_attribute("data-state") for row in page.locator("#rows tr").all()]
    assert states == ["off", "off", "on", None]
    assert [cells[0].split(" at ")[0] for cells in rows] == [
        "May 8, 2026",
        "April 7, 2026",
        "March 6, 2026",
        "March 5, 2026",
    ]


@pytest.mark.parametrize("history_browser", ["de"], indirect=True)
def test_history_page_is_in_the_browsers_language(history_browser):
    page = history_browser.extension_page("history/history.html")
    expect(page.locator("h1")).to_have_text("Privacy Guard: Verlauf")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("th")).to_have_text(["Wann", "Was geschah", "KI-Training"])
    expect(page.locator("#print")).to_have_text("Drucken oder als PDF speichern")
    rows = history_rows(page)
    assert [cells[1:] for cells in rows] == [
        ["Gesehen in den Datenschutzeinstellungen", "Aus, für dein Konto gesperrt"],
        ["Gesehen in den Datenschutzeinstellungen", "Aus"],
        ["Du hast im Zustimmungsfenster „Akzeptieren“ gedrückt", "An"],
        ["Gesehen im Zustimmungsfenster, nicht bestätigt", "Aus"],
    ]
    # Dates written the German way, in the language of the text around them (Chromium
    # started with --lang=de still reports "en-US" as its UI language).
    assert [re.match(r"\d+\. \w+ \d{4}", cells[0]).group(0) for cells in rows] == [
        "8. Mai 2026",
        "7. April 2026",
        "6. März 2026",
        "5. März 2026",
    ]
    expect(page.locator("#made")).to_contain_text(re.compile(r"\d+\. \w+ 20\d\d"))


@pytest.mark.parametrize("history_browser", ["en"], indirect=True)
def test_history_prints_as_a_page_and_downloads_no_text_file(history_browser):
    popup = history_browser.extension_page("popup/popup.html")
    expect(popup.locator("#history-page")).to_have_text("History")
    # The popup's printable version is the history page, not a .txt download.
    expect(popup.locator("#export-text")).to_have_count(0)
    downloads = []
    popup.on("download", lambda download: downloads.append(download))
    with history_browser.driver.context.expect_page() as opened:
        popup.click("#history-page")
    page = opened.value
    page.wait_for_load_state("load")
    assert page.url.endswith("/history/history.html")
    assert downloads == []

    # The options page leads there too.
    options = history_browser.extension_page("options/options.html")
    with history_browser.driver.context.expect_page() as opened:
        options.click("#open-history")
    opened.value.wait_for_load_state("load")
    assert opened.value.url == page.url

    # The button asks the browser to print (which also offers "Save as PDF").
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.click("#print")
    assert page.evaluate("() => window.printed") == 1
    # On paper: the history without the button.
    page.emulate_media(media="print")
    expect(page.locator("#print")).to_be_hidden()
    expect(page.locator("#rows tr")).to_have_count(len(HISTORY))
    expect(page.locator("#rows tr").first).to_be_visible()


# The main text of each page, which must be at least the popup's readable size.
BODY_TEXT = {
    "welcome/welcome.html": ["body", "main li", "#check-now"],
    "history/history.html": ["body", "#rows td", "#print"],
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", BODY_TEXT)
def test_welcome_and_history_are_readable_and_accessible(browser, path, scheme):
    worker = browser.driver.context.service_workers[0]
    worker.evaluate("(receipts) => chrome.storage.local.set({ receipts })", HISTORY)
    page = browser.extension_page(path)
    page.emulate_media(color_scheme=scheme)
    expect(page.locator(BODY_TEXT[path][1]).first).to_be_visible()
    sizes = {
        selector: page.locator(selector).first.evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)"
        )
        for selector in BODY_TEXT[path]
    }
    assert {s: px for s, px in sizes.items() if px < READABLE_PX} == {}
    assert serious_violations(page) == []
