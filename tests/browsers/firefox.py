"""Firefox driver: Debian's firefox-esr through Marionette, the build as a temporary add-on."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from marionette_driver.addons import Addons
from marionette_driver.by import By
from marionette_driver.errors import MarionetteException
from marionette_driver.marionette import Marionette

from browsers.base import SERVED_HOSTS, Driver, Routes
from browsers.tls import FixtureServer

EXECUTABLE = "firefox-esr"
STARTUP_TIMEOUT_S = 60

# Console errors from the extension: uncaught exceptions (nsIScriptError) and
# console.error() calls (console API storage), both tagged with its moz-extension:// files.
_ERRORS_SINCE = """
const since = arguments[0];
const out = [];
for (const m of Services.console.getMessageArray() || []) {
  if (!(m instanceof Ci.nsIScriptError) || m.timeStamp < since) continue;
  if (m.flags & Ci.nsIScriptError.warningFlag) continue;
  if (String(m.sourceName).startsWith("moz-extension://")) {
    out.push(`uncaught: ${m.errorMessage} (${m.sourceName}:${m.lineNumber})`);
  }
}
const storage = Cc["@mozilla.org/consoleAPI-storage;1"].getService(Ci.nsIConsoleAPIStorage);
for (const e of storage.getEvents()) {
  if (e.level !== "error" || e.timeStamp < since) continue;
  if (String(e.filename).startsWith("moz-extension://")) {
    out.push(`console: ${(e.arguments || []).map(String).join(" ")} (${e.filename})`);
  }
}
return out;
"""


# Requests the extension could have started, recorded in the parent process, where all
# of Firefox's network channels live: any from its background page (a moz-extension:
# principal), and any from a web page to a host the fixtures are not served on. An MV3
# content script's fetch() carries the page's principal, so the host is what tells it
# apart; the fixtures themselves load only from their own host. Firefox's own traffic
# (system principal) is not the extension's and is left out.
# https://firefox-source-docs.mozilla.org/networking/http/obsnotif.html
_RECORD_EXTENSION_REQUESTS = """
const served = new Set(arguments[0]);
if (window.privacyGuardRequests) return;
const seen = (window.privacyGuardRequests = []);
const isExtension = (p) =>
  !!p && (p.isExpandedPrincipal || !!p.addonId || String(p.spec).startsWith("moz-extension:"));
Services.obs.addObserver(
  {
    observe(subject) {
      const channel = subject.QueryInterface(Ci.nsIChannel);
      const { triggeringPrincipal: by, loadingPrincipal: within } = channel.loadInfo || {};
      const fromPage = !!by && !by.isSystemPrincipal && !served.has(channel.URI.host);
      if (isExtension(by) || isExtension(within) || fromPage) seen.push(channel.URI.spec);
    },
  },
  "http-on-modify-request",
);
"""


def _start_server(routes: Routes, folder: Path) -> FixtureServer:
    """The fixture server on the first loopback address whose port 443 is free, so that a
    second Firefox (a test with a build of its own) can run beside the session's."""
    for last in range(1, 11):
        try:
            return FixtureServer(routes, folder, f"127.0.0.{last}")
        except OSError as err:
            if err.errno != errno.EADDRINUSE:
                raise
    raise RuntimeError("port 443 is taken on 127.0.0.1 to 127.0.0.10")


def _resolve_served_hosts_to(address: str) -> dict[str, str]:
    """Prefs that send the served hosts to the fixture server instead of the Internet."""
    if address == "127.0.0.1":
        return {"network.dns.localDomains": ",".join(SERVED_HOSTS)}
    # localDomains always means 127.0.0.1; forceResolve answers every lookup with one
    # address (Firefox's own traffic included, which then fails quietly, as offline).
    return {"network.dns.forceResolve": address}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FirefoxDriver(Driver):
    """Headless Firefox ESR with the extension, fixtures served by a local HTTPS server."""

    name = "firefox"

    def __init__(self, extension_dir: Path):
        self._folder = tempfile.TemporaryDirectory(prefix="pg-firefox-")
        self.process = None
        self.marionette = None
        self.server = None
        self.routes = Routes()
        self._since = 0.0
        try:
            folder = Path(self._folder.name)
            self.server = _start_server(self.routes, folder)
            profile = folder / "profile"
            profile.mkdir()
            port = _free_port()
            prefs = {
                "marionette.port": port,
                **_resolve_served_hosts_to(self.server.address),
                # A quiet, offline-friendly profile: no update checks, telemetry or
                # first-run pages reaching for a network this machine does not have.
                "app.update.enabled": False,
                "browser.shell.checkDefaultBrowser": False,
                "browser.startup.homepage_override.mstone": "ignore",
                "datareporting.policy.dataSubmissionEnabled": False,
                "toolkit.telemetry.enabled": False,
                "extensions.update.enabled": False,
                "browser.safebrowsing.malware.enabled": False,
                "browser.safebrowsing.phishing.enabled": False,
                "network.captive-portal-service.enabled": False,
                "network.connectivity-service.enabled": False,
            }
            (profile / "user.js").write_text(
                "".join(f"user_pref({_js(k)}, {_js(v)});\n" for k, v in prefs.items())
            )
            self.process = subprocess.Popen(
                [
                    EXECUTABLE, "--headless", "--marionette", "--no-remote",
                    # Reading the browser console needs Marionette's chrome context.
                    "--remote-allow-system-access",
                    "--profile", str(profile),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # its own process group, so close() ends them all
            )  # fmt: skip
            self.marionette = Marionette(
                host="127.0.0.1", port=port, startup_timeout=STARTUP_TIMEOUT_S
            )
            self.marionette.start_session({"acceptInsecureCerts": True})
            self.marionette.timeout.page_load = 30
            with self.marionette.using_context("chrome"):
                self.marionette.execute_script(
                    _RECORD_EXTENSION_REQUESTS, script_args=[list(SERVED_HOSTS)]
                )
            self._extension_dir = extension_dir
            tab = self.marionette.current_window_handle
            Addons(self.marionette).install(str(extension_dir.resolve()), temp=True)
            self._close_welcome_page(tab)
        except BaseException:
            self.close()
            raise

    def _close_welcome_page(self, tab: str) -> None:
        # A temporary install is an install too: the extension opens its welcome page in a
        # new tab in front, where the tab the tests drive would be in the background.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            others = [h for h in self.marionette.window_handles if h != tab]
            if others:
                break
            time.sleep(0.05)
        for handle in others:
            self.marionette.switch_to_window(handle)
            self.marionette.close()
        self.marionette.switch_to_window(tab)

    def reload_extension(self) -> None:
        # Installing the same temporary add-on again is how Firefox updates it in place.
        Addons(self.marionette).install(str(self._extension_dir.resolve()), temp=True)

    def open(self, url: str, fixture: Path) -> None:
        self.routes.serve(url, fixture)
        self.marionette.navigate("about:blank")
        self._since = self._now_ms()
        self.marionette.navigate(url)

    def evaluate(self, body: str, *args: Any) -> Any:
        return self.marionette.execute_script(body, script_args=list(args), sandbox=None)

    def click(self, selector: str) -> None:
        self.marionette.find_element(By.CSS_SELECTOR, selector).click()

    def click_extension_button(self, action: str) -> None:
        # Marionette runs privileged, so it can enter closed shadow roots. A person clicks
        # one they can see: a small window hides the callout's own "Turn it off" and keeps
        # the one by "Accept"; one being drawn anew (a settings tab just switched) is
        # waited for, as a person would, for up to 2 s.
        deadline = time.monotonic() + 2
        while True:
            hidden = False
            for host in self.marionette.find_elements(By.CSS_SELECTOR, "[data-privacy-guard-ui]"):
                try:
                    button = host.shadow_root.find_element(
                        By.CSS_SELECTOR, f'button[data-action="{action}"]'
                    )
                    if not button.is_displayed():
                        hidden = True
                        continue
                    button.click()
                    return
                except MarionetteException:
                    continue  # no such button there, or it went while we looked
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
        if hidden:
            raise AssertionError(f"extension button {action!r} is not visible")
        raise AssertionError(f"no extension button data-action={action!r} on the page")

    @property
    def unexpected_requests(self) -> list[str]:
        """Every request the extension started since the browser did."""
        with self.marionette.using_context("chrome"):
            return self.marionette.execute_script("return window.privacyGuardRequests;")

    def extension_errors(self) -> list[str]:
        time.sleep(0.05)  # let queued console messages land
        with self.marionette.using_context("chrome"):
            return self.marionette.execute_script(_ERRORS_SINCE, script_args=[self._since])

    def _now_ms(self) -> float:
        with self.marionette.using_context("chrome"):
            return self.marionette.execute_script("return Date.now();")

    def close(self) -> None:
        if self.marionette is not None:
            # The process is killed below anyway.
            with contextlib.suppress(Exception):
                self.marionette.delete_session()
            self.marionette = None
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
            self.process = None
        if self.server is not None:
            self.server.close()
            self.server = None
        self._folder.cleanup()


def _js(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
