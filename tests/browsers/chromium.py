"""Chromium driver: Playwright with Debian's chromium, the unpacked build loaded as an extension."""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from browsers.base import SERVED_HOSTS, Driver, Routes

EXECUTABLE = "/usr/bin/chromium"
# The page the extension opens once, on a fresh install.
WELCOME_PAGE = "/welcome/welcome.html"


_shared_playwright = None


def shared_playwright():
    """The process's one Playwright instance, started on first use, stopped at exit.

    Playwright's sync API allows one running instance per thread: a second
    `sync_playwright().start()` while one runs fails with "using Playwright Sync API inside
    the asyncio loop" (https://github.com/microsoft/playwright-python/issues/1391). Tests
    that start browsers of their own next to the session's therefore share this one.
    """
    global _shared_playwright
    if _shared_playwright is None:
        _shared_playwright = sync_playwright().start()
        atexit.register(_shared_playwright.stop)
    return _shared_playwright


class ChromiumDriver(Driver):
    """Headless Chromium with the extension; fixtures served through context.route()."""

    name = "chromium"

    def __init__(
        self,
        extension_dir: Path,
        profile: Path | None = None,
        back_forward_cache: bool = False,
        playwright=None,
        keep_welcome: bool = False,
        args: tuple[str, ...] = (),
        env: dict[str, str] | None = None,
        language: str | None = None,
    ):
        # A given profile folder outlives the driver (restart and update tests reuse it).
        self._profile = tempfile.TemporaryDirectory(prefix="pg-chromium-")
        self.profile = profile or Path(self._profile.name)
        # An empty profile is a fresh install: the extension opens its welcome page.
        fresh = not self.profile.exists() or not any(self.profile.iterdir())
        self._playwright = playwright or shared_playwright()
        self.playwright = self._playwright
        self.routes = Routes()
        self.unexpected_requests: list[str] = []
        self._errors: list[str] = []
        self._worker_sessions: dict[str, str] = {}
        try:
            self.context = self._playwright.chromium.launch_persistent_context(
                str(self.profile),
                executable_path=EXECUTABLE,
                headless=True,
                args=[
                    f"--disable-extensions-except={extension_dir}",
                    f"--load-extension={extension_dir}",
                    "--no-sandbox",  # root in CI
                    # Without these Chromium keeps dialling Google's hosts, which this
                    # network refuses, and the noise hides real requests.
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--no-first-run",
                    "--disable-sync",
                    *args,
                    # The browser's UI language, which the extension's i18n follows.
                    *([f"--lang={language}"] if language else []),
                ],
                env={**os.environ, **(env or {}), "LANGUAGE": language} if language else env,
                # Playwright turns the back/forward cache off by default; a test of what
                # happens on a restore from it turns it back on.
                ignore_default_args=["--disable-back-forward-cache"]
                if back_forward_cache
                else None,
            )
            # Only the network is policed: the extension's own pages load their files
            # from chrome-extension:// through the same routing layer.
            self.context.route(re.compile(r"^(https?|wss?)://"), self._refuse)
            for host in SERVED_HOSTS:
                self.context.route(f"https://{host}/**", self._serve)
            # Every page opened from now on (the welcome page, tabs the extension opens).
            self.opened_pages: list = []
            self.context.on("page", lambda page: self.opened_pages.append(page))
            first = [p for p in self.context.pages if urlsplit(p.url).path != WELCOME_PAGE]
            self.page = first[0] if first else self.context.new_page()
            self.page.on("console", self._on_console)
            self.page.on("pageerror", self._on_page_error)
            self.cdp = self.context.new_cdp_session(self.page)
            self.cdp.on("Target.receivedMessageFromTarget", self._on_worker_message)
            self.worker = (
                self.context.service_workers[0]
                if self.context.service_workers
                else (self.context.wait_for_event("serviceworker", timeout=10_000))
            )
            self._attach_workers()
            if fresh and not keep_welcome:
                self._close_welcome_page()
        except BaseException:
            self.close()
            raise

    def welcome_pages(self) -> list:
        """The extension's welcome pages open now."""
        return [p for p in self.context.pages if urlsplit(p.url).path == WELCOME_PAGE]

    def _close_welcome_page(self) -> None:
        # The install opens the welcome page in front of the tab the tests drive; closed,
        # so that every test starts with that tab alone and in front.
        for _ in range(100):
            if self.welcome_pages():
                break
            self.page.wait_for_timeout(50)
        for page in self.welcome_pages():
            page.close()
        self.page.bring_to_front()

    # --- serving ----------------------------------------------------------------------
    def _serve(self, route) -> None:
        parts = urlsplit(route.request.url)
        found = self.routes.page(parts.hostname, parts.path)
        if found is None:
            route.fulfill(status=404, content_type="text/plain", body="not a fixture")
        else:
            route.fulfill(status=200, content_type=found[1], body=found[0])

    def _refuse(self, route) -> None:
        # Nothing but the fixtures may be fetched: the extension sends nothing anywhere.
        self.unexpected_requests.append(route.request.url)
        route.abort()

    # --- errors -------------------------------------------------------------------------
    def _on_console(self, message) -> None:
        if message.type == "error" and message.location.get("url", "").startswith(
            "chrome-extension://"
        ):
            self._errors.append(f"console: {message.text} ({message.location.get('url')})")

    def _on_page_error(self, error) -> None:
        if "chrome-extension://" in (error.stack or ""):
            self._errors.append(f"uncaught: {error.stack}")

    def _attach_workers(self) -> None:
        """Listen to the service worker through the DevTools protocol, re-attaching after
        Chromium stops and restarts it (workers are killed when idle)."""
        targets = self.cdp.send("Target.getTargets")["targetInfos"]
        for target in targets:
            if target["type"] != "service_worker" or target["targetId"] in self._worker_sessions:
                continue
            session = self.cdp.send(
                "Target.attachToTarget", {"targetId": target["targetId"], "flatten": False}
            )["sessionId"]
            self._worker_sessions[target["targetId"]] = session
            for i, method in enumerate(("Runtime.enable", "Network.enable")):
                self.cdp.send(
                    "Target.sendMessageToTarget",
                    {"sessionId": session, "message": json.dumps({"id": i + 1, "method": method})},
                )

    def _on_worker_message(self, event: dict) -> None:
        message = json.loads(event["message"])
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            self._errors.append(f"service worker: {text}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            self._errors.append(f"service worker console: {text}")
        elif method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if not url.startswith("chrome-extension://"):
                self.unexpected_requests.append(f"service worker: {url}")

    # --- driver interface ----------------------------------------------------------------
    def open(self, url: str, fixture: Path) -> None:
        self.routes.serve(url, fixture)
        # about:blank first: going from /new to /new#settings/... would otherwise be a
        # same-document hash change, not a fresh page.
        self.page.goto("about:blank")
        self._errors.clear()
        self._attach_workers()
        self.page.goto(url, wait_until="load")

    def evaluate(self, body: str, *args: Any) -> Any:
        return self.page.evaluate(
            f"(args) => (function () {{ {body} }}).apply(null, args)", list(args)
        )

    def click(self, selector: str) -> None:
        self.page.click(selector, timeout=5_000)

    def click_extension_button(self, action: str) -> None:
        # Closed shadow roots are invisible to the page and to Playwright's selectors;
        # the DevTools protocol sees them with pierce=true.
        # A person clicks one they can see: a small window hides the callout's own
        # "Turn it off" and keeps the one by "Accept"; one being drawn anew (a settings
        # tab just switched) is waited for, as a person would, for up to 2 s.
        deadline = time.monotonic() + 2
        while True:
            root = self.cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
            nodes = _find_actions(root, action)
            for node in nodes:
                backend = {"backendNodeId": node["backendNodeId"]}
                try:
                    self.cdp.send("DOM.scrollIntoViewIfNeeded", backend)
                    model = self.cdp.send("DOM.getBoxModel", backend)["model"]
                except Exception:  # DevTools: "Could not compute box model" (display: none)
                    continue
                if model["width"] == 0 or model["height"] == 0:
                    continue
                content = model["content"]
                self.page.mouse.click(sum(content[0::2]) / 4, sum(content[1::2]) / 4)
                return
            if time.monotonic() > deadline:
                break
            self.page.wait_for_timeout(100)
        if not nodes:
            raise AssertionError(f"no extension button data-action={action!r} on the page")
        raise AssertionError(f"extension button {action!r} is not visible")

    def ui_node(self, kind: str, match) -> dict | None:
        """A node inside the extension's closed UI of `kind`, found through DevTools."""
        root = self.cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
        return _find_in_ui(root, match, kind)

    def reload_extension(self) -> None:
        # What an update does to open tabs: the running copy's context goes away.
        worker = self.context.service_workers[0]
        worker.evaluate("() => { setTimeout(() => chrome.runtime.reload(), 50); }")
        self.page.wait_for_timeout(1500)
        self._attach_workers()

    def extension_errors(self) -> list[str]:
        self._attach_workers()
        self.page.wait_for_timeout(50)  # let queued console events arrive
        return list(self._errors)

    def close(self) -> None:
        context, self.context = getattr(self, "context", None), None
        if context is not None:
            # Already gone is fine at shutdown.
            with contextlib.suppress(Exception):
                context.close()
        # The Playwright instance is the process's (shared_playwright), left running.
        self._playwright = None
        self._profile.cleanup()


def _find_in_ui(node: dict, match, kind: str | None = None, inside_ui: bool = False):
    """The first DevTools DOM node inside the extension's UI (of `kind`, if given) for which
    `match(node, attributes)` holds; shadow roots included."""
    attrs = node.get("attributes", [])
    pairs = dict(zip(attrs[0::2], attrs[1::2], strict=False))
    if "data-privacy-guard-ui" in pairs:
        inside_ui = inside_ui or kind is None or pairs["data-privacy-guard-ui"] == kind
    if inside_ui and match(node, pairs):
        return node
    for child in (*node.get("shadowRoots", []), *node.get("children", [])):
        found = _find_in_ui(child, match, kind, inside_ui)
        if found is not None:
            return found
    return None


def _find_actions(node: dict, action: str, inside_ui: bool = False) -> list[dict]:
    """Every button of the extension's UI with this data-action, in document order."""
    attrs = node.get("attributes", [])
    pairs = dict(zip(attrs[0::2], attrs[1::2], strict=False))
    inside_ui = inside_ui or "data-privacy-guard-ui" in pairs
    found = []
    if inside_ui and node.get("nodeName") == "BUTTON" and pairs.get("data-action") == action:
        found.append(node)
    for child in (*node.get("shadowRoots", []), *node.get("children", [])):
        found += _find_actions(child, action, inside_ui)
    return found
