"""Private windows: what a private (Firefox) or incognito (Chrome) tab shows is never stored.

AMO's policy forbids an add-on to store data seen in private windows. Both browsers keep an
extension out of private windows until the user allows it (Chrome: "Allow in Incognito" on
chrome://extensions; Firefox: "Run in Private Windows" in about:addons), so each test first
does what that switch does, then opens the same Privacy settings page in a private tab and
in a normal one. The private tab gets its badge (it belongs to the tab and is not stored)
and nothing in storage changes; the normal tab's report is stored as always.

How each browser is driven:
- Chromium: developer mode and the extension's incognito access are turned on through
  `chrome.developerPrivate`, the API behind chrome://extensions' own toggles (Chromium
  disables a command-line unpacked extension that is reloaded outside developer mode, and
  allowing incognito reloads it). The incognito window is opened with `windows.create`
  from the service worker: a real incognito window, as Ctrl+Shift+N opens; Playwright's
  routing serves the fixture there too.
- Firefox: the hidden `internal:privateBrowsingAllowed` permission is granted and the
  add-on reloaded, which is what about:addons does; Marionette opens the private window
  (`WebDriver:NewWindow` with `private: true`).
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest
from browsers.base import wait_until
from conftest import selected_browsers, start_driver

FIXTURES = Path(__file__).parent / "fixtures"
ON_FIXTURE = FIXTURES / "settings_2026_en_cds.html"
ON_URL = "https://claude.ai/new#settings/data-privacy-controls"
MARKED = "return !!document.querySelector('[data-privacy-guard]')"
ADDON_ID = "privacy-guard-for-claude@privacy-guard"
# A report becomes a history entry once its state held this long (background/receipts.js STABLE_MS);
# waiting a little longer lets a wrongly kept waiting entry turn into one.
STABLE_S = 3.5

# Run in an extension context: every tab with its private flag and badge, and both
# storage areas. `api` is chrome (Chromium) or browser (Firefox).
SNAPSHOT = """async (api) => {
  const tabs = await api.tabs.query({});
  const badges = await Promise.all(
    tabs.map(async (tab) => ({
      incognito: tab.incognito,
      badge: await api.action.getBadgeText({ tabId: tab.id }),
    })),
  );
  const local = await api.storage.local.get(null);
  const session = api.storage.session ? await api.storage.session.get(null) : {};
  return { badges, local, session };
}"""

# Firefox: what about:addons' "Run in Private Windows: Allow" does (aboutaddons.js).
FIREFOX_ALLOW_PRIVATE = """const [id, done] = arguments;
(async () => {
  const { ExtensionPermissions } = ChromeUtils.importESModule(
    "resource://gre/modules/ExtensionPermissions.sys.mjs");
  const { AddonManager } = ChromeUtils.importESModule(
    "resource://gre/modules/AddonManager.sys.mjs");
  const policy = WebExtensionPolicy.getByID(id);
  await ExtensionPermissions.add(
    id, { permissions: ["internal:privateBrowsingAllowed"], origins: [] }, policy.extension);
  await (await AddonManager.getAddonByID(id)).reload();
})().then(() => done(null), (error) => done(String(error)));
"""


class ChromiumPrivate:
    """Chromium with the extension allowed in incognito windows."""

    def __init__(self, dist: Path):
        self.driver = start_driver("chromium", dist)
        self.extension_id = self.driver.worker.url.split("/")[2]
        page = self.driver.context.new_page()
        page.goto("chrome://extensions")
        for call in (
            "() => new Promise((done) => chrome.developerPrivate.updateProfileConfiguration("
            "{ inDeveloperMode: true }, () => done(chrome.runtime.lastError?.message ?? null)))",
            "(id) => new Promise((done) => chrome.developerPrivate.updateExtensionConfiguration("
            "{ extensionId: id, incognitoAccess: true },"
            " () => done(chrome.runtime.lastError?.message ?? null)))",
        ):
            assert page.evaluate(call, self.extension_id) is None
        page.close()
        # Allowing incognito reloads the extension; an extension page wakes its new worker
        # (it may fail to load while the extension restarts: tried again).
        page = self.driver.context.new_page()
        for _ in range(50):
            if self.driver.context.service_workers:
                break
            with contextlib.suppress(Exception):
                page.goto(f"chrome-extension://{self.extension_id}/popup/popup.html")
            time.sleep(0.2)
        assert self.snapshot()["local"].get("schemaVersion"), "the extension did not come back"

    def snapshot(self) -> dict:
        worker = self.driver.context.service_workers[-1]
        return worker.evaluate(f"({SNAPSHOT})(chrome)")

    def open_private(self, url: str, fixture: Path) -> None:
        self.driver.routes.serve(url, fixture)
        worker = self.driver.context.service_workers[-1]
        worker.evaluate(
            "(url) => chrome.windows.create({ url, incognito: true }).then(() => 0)", url
        )

    def open_normal(self, url: str, fixture: Path) -> None:
        self.driver.page.bring_to_front()
        self.driver.open(url, fixture)
        self.driver.wait_for(MARKED, timeout=15)

    def close(self) -> None:
        self.driver.close()


class FirefoxPrivate:
    """Firefox with the extension allowed in private windows."""

    def __init__(self, dist: Path):
        self.driver = start_driver("firefox", dist)
        m = self.marionette = self.driver.marionette
        self.normal_tab = m.current_window_handle
        with m.using_context("chrome"):
            assert m.execute_async_script(FIREFOX_ALLOW_PRIVATE, script_args=[ADDON_ID]) is None
            assert m.execute_script(
                f"return WebExtensionPolicy.getByID({ADDON_ID!r}).privateBrowsingAllowed;"
            )
            base = m.execute_script(f"return WebExtensionPolicy.getByID({ADDON_ID!r}).getURL('');")
        # An extension page in a normal window, to read storage and badges from.
        self.extension_tab = m.open(type="tab", focus=False)["handle"]
        m.switch_to_window(self.extension_tab)
        m.navigate(f"{base}popup/popup.html")
        m.switch_to_window(self.normal_tab)

    def snapshot(self) -> dict:
        m = self.marionette
        current = m.current_window_handle
        m.switch_to_window(self.extension_tab, focus=False)
        try:
            return m.execute_async_script(
                f"const [done] = arguments; ({SNAPSHOT})((window.wrappedJSObject || window)"
                ".browser).then(done, (error) => done(String(error)));",
                sandbox=None,
            )
        finally:
            m.switch_to_window(current, focus=False)

    def open_private(self, url: str, fixture: Path) -> None:
        m = self.marionette
        window = m.open(type="window", private=True, focus=True)["handle"]
        m.switch_to_window(window)
        self.driver.open(url, fixture)
        self.driver.wait_for(MARKED, timeout=15)

    def open_normal(self, url: str, fixture: Path) -> None:
        self.marionette.switch_to_window(self.normal_tab)
        self.driver.open(url, fixture)
        self.driver.wait_for(MARKED, timeout=15)

    def close(self) -> None:
        self.driver.close()


@pytest.fixture
def private(browser_name: str, dist_dir: Path, request: pytest.FixtureRequest):
    if browser_name not in selected_browsers(request.config):
        pytest.skip(f"{browser_name} not selected (--browser)")
    instance = (ChromiumPrivate if browser_name == "chromium" else FirefoxPrivate)(dist_dir)
    yield instance
    instance.close()


def test_a_private_tab_shows_its_badge_and_stores_nothing(private):
    before = private.snapshot()
    assert "last" not in before["local"], before

    private.open_private(ON_URL, ON_FIXTURE)
    # The private tab's report reached the background: that tab's badge says ON.
    badged = wait_until(
        lambda: {"incognito": True, "badge": "ON"} in private.snapshot()["badges"], 15.0
    )
    assert badged, private.snapshot()["badges"]
    # Long enough for a waiting entry to become a history entry: still nothing stored.
    time.sleep(STABLE_S)
    after = private.snapshot()
    assert after["local"] == before["local"], (before["local"], after["local"])
    assert after["session"] == {}, after["session"]
    assert private.driver.extension_errors() == []

    # The same page in a normal tab is stored as always: the last state and its entry.
    private.open_normal(ON_URL, ON_FIXTURE)
    stored = wait_until(lambda: private.snapshot()["local"].get("last"), 15.0)
    assert stored and stored["state"] == "on", private.snapshot()["local"]
    entries = wait_until(lambda: private.snapshot()["local"].get("receipts"), STABLE_S + 5)
    assert [entry["state"] for entry in entries] == ["on"], entries
    assert private.driver.extension_errors() == []
