"""Site access to claude.ai withdrawn: the popup and badge say so and offer to allow it again.

Firefox lets the user withdraw an MV3 extension's host access (about:addons, the extensions
button), and an extension page can do the same with permissions.remove(), which is what
this test does. Chromium refuses to remove origins the manifest requires (its "on click"
site access is a browser setting no extension API reaches), so the withdrawal is tested in
Firefox; in Chromium the test checks what it can: access is there, and nothing says
otherwise.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from browsers.base import wait_until
from conftest import selected_browsers, start_driver

FIXTURES = Path(__file__).parent / "fixtures"

ADDON_ID = "privacy-guard-for-claude@privacy-guard"
ON_FIXTURE = FIXTURES / "settings_2026_en_cds.html"
ON_URL = "https://claude.ai/new#settings/data-privacy-controls"
MARKED = "return !!document.querySelector('[data-privacy-guard]')"

# Run in the extension's popup page (Marionette's content scope); the last argument is
# the callback. BADGES takes the claude.ai tab's id.
BADGES = """const [tabId, done] = arguments;
const b = (window.wrappedJSObject || window).browser;
Promise.all([
  b.action.getBadgeText({ tabId }), b.action.getBadgeText({}), b.action.getTitle({ tabId }),
  b.permissions.contains({ origins: ["https://claude.ai/*"] }),
]).then(([tab, global, title, access]) => done({ tab, global, title, access }));
"""
FIRST_TAB_ID = """const [done] = arguments;
(window.wrappedJSObject || window).browser.tabs.query({}).then((tabs) => done(tabs[0].id));
"""
WITHDRAW = """const [done] = arguments;
(window.wrappedJSObject || window).browser.permissions
  .remove({ origins: ["https://claude.ai/*"] })
  .then(done, (e) => done(String(e)));
"""


@pytest.fixture
def firefox(dist_dir, request):
    if "firefox" not in selected_browsers(request.config):
        pytest.skip("Firefox not selected (--browser)")
    driver = start_driver("firefox", dist_dir)
    yield driver
    driver.close()


def test_withdrawn_site_access_is_said_and_can_be_allowed_again(firefox):
    m = firefox.marionette
    firefox.open(ON_URL, ON_FIXTURE)
    firefox.wait_for(MARKED, timeout=15)
    site_tab = m.current_window_handle

    with m.using_context("chrome"):
        base = m.execute_script(f"return WebExtensionPolicy.getByID({ADDON_ID!r}).getURL('');")
    m.switch_to_window(m.open(type="tab", focus=True)["handle"])
    m.navigate(f"{base}popup/popup.html")
    tab_id = m.execute_async_script(FIRST_TAB_ID, sandbox=None)

    def badges():
        return m.execute_async_script(BADGES, script_args=[tab_id], sandbox=None)

    def state():
        return m.execute_script(
            "return document.getElementById('status').dataset.state", sandbox=None
        )

    assert wait_until(lambda: badges()["tab"] == "ON"), badges()
    assert state() == "on"
    # Readable in Firefox too (tests/test_popup.py checks Chromium): body text >= 13 px.
    sizes = m.execute_script(
        """return ["body", "#meaning", "#seen", ".facts li", ".sources", ".footer a"].map(
             (s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize));""",
        sandbox=None,
    )
    assert min(sizes) >= 13, sizes

    # The user withdraws access (as from about:addons).
    assert m.execute_async_script(WITHDRAW, sandbox=None) is True
    # The popup stops showing the last state as current, and offers to allow access.
    assert wait_until(lambda: state() == "noaccess"), state()
    assert m.find_element("css selector", "#state").text == "Privacy Guard cannot see claude.ai"
    assert "Last seen on" in m.find_element("css selector", "#seen").text
    allow = m.find_element("css selector", "#allow-access")
    assert allow.is_displayed()
    # The badge of the claude.ai tab, and the toolbar's, say so too.
    assert wait_until(lambda: badges()["tab"] == "⊘"), badges()
    seen = badges()
    assert seen["global"] == "⊘" and not seen["access"]
    assert "cannot see claude.ai" in seen["title"]

    # Withdrawn for real: the page loads without the content script.
    m.switch_to_window(site_tab)
    firefox.open(ON_URL, ON_FIXTURE)
    time.sleep(1.5)
    assert not firefox.evaluate(MARKED)

    # "Allow access" asks the browser (a user's click: permissions.request needs one).
    with m.using_context("chrome"):
        # Answer Firefox's permission prompt with "Allow", as the user would.
        m.execute_script(
            "Services.prefs.setBoolPref('extensions.webextOptionalPermissionPrompts', false);"
        )
    m.switch_to_window(m.window_handles[-1])
    m.find_element("css selector", "#allow-access").click()
    assert wait_until(lambda: badges()["access"]), badges()
    assert wait_until(lambda: state() == "on"), state()
    assert "Reload your claude.ai tabs" in m.find_element("css selector", "#access-result").text
    assert wait_until(lambda: badges()["global"] == ""), badges()

    # After a reload the content script runs again.
    m.switch_to_window(site_tab)
    firefox.open(ON_URL, ON_FIXTURE)
    firefox.wait_for(MARKED, timeout=15)
    assert firefox.extension_errors() == []


def test_site_access_is_there_in_chromium(request, tmp_path):
    """Chromium: the popup says nothing of missing access while it is there."""
    if "chromium" not in selected_browsers(request.config):
        pytest.skip("Chromium not selected (--browser)")
    import extension_pages

    (tmp_path / "profile").mkdir()
    browser = extension_pages.Browser(
        extension_pages.build(1, tmp_path / "dist"), tmp_path / "profile"
    )
    try:
        popup = browser.extension_page("popup/popup.html")
        assert popup.evaluate(
            "() => chrome.permissions.contains({ origins: ['https://claude.ai/*'] })"
        )
        assert popup.locator("#status").get_attribute("data-state") == "never"
        assert popup.locator("#allow-access").is_hidden()
        # Chromium refuses to give up an origin the manifest requires.
        refused = popup.evaluate(
            """() => chrome.permissions.remove({ origins: ['https://claude.ai/*'] })
                 .then(() => 'removed', (e) => String(e))"""
        )
        assert refused != "removed"
        assert browser.badge(extension_pages.GLOBAL_BADGE) == ""
    finally:
        browser.close()
