"""The driver interface shared by the Chromium and Firefox tests, and the fixture routing."""

from __future__ import annotations

import abc
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# Hosts the drivers answer for; everything else is refused (and, in Chromium, recorded).
SERVED_HOSTS = ("claude.ai", "example.com")


# Shared fixture assets (the app shell's CSS and scripts) are served from here on every
# host, the way the real app loads its own bundles.
ASSETS_PATH = "/_fixtures/"
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
}


def wait_until(check, timeout: float = 10.0):
    """Poll `check()` from Python every 0.1 s until it returns something truthy or
    `timeout` seconds pass; returns its last value (the caller asserts on it)."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


class Routes:
    """Which fixture answers which https://host/path; other paths get a 404."""

    def __init__(self) -> None:
        self._pages: dict[tuple[str, str], Path] = {}

    def serve(self, url: str, fixture: Path) -> None:
        parts = urlsplit(url)
        if parts.scheme != "https" or parts.hostname not in SERVED_HOSTS:
            raise ValueError(f"fixtures are served on https://{SERVED_HOSTS}, not {url}")
        self._pages = {(parts.hostname, parts.path or "/"): fixture}

    def page(self, host: str, path: str) -> tuple[bytes, str] | None:
        """(body, content type) for a request, or None for a 404."""
        path = urlsplit(path).path or "/"
        fixture = self._pages.get((host, path))
        if fixture is None and path.startswith(ASSETS_PATH) and self._pages:
            folder = next(iter(self._pages.values())).parent
            candidate = folder / path.removeprefix(ASSETS_PATH)
            if candidate.parent == folder and candidate.suffix in CONTENT_TYPES:
                fixture = candidate if candidate.is_file() else None
        if fixture is None:
            return None
        return fixture.read_bytes(), CONTENT_TYPES.get(fixture.suffix, "text/html")


class Driver(abc.ABC):
    """One running browser with the extension installed."""

    name: str

    @abc.abstractmethod
    def open(self, url: str, fixture: Path) -> None:
        """Serve `fixture` at `url`, load it in a fresh document and wait for `load`."""

    @abc.abstractmethod
    def evaluate(self, body: str, *args: Any) -> Any:
        """Run a JS function body in the page (`arguments[i]` are args); return its value."""

    @abc.abstractmethod
    def click(self, selector: str) -> None:
        """A trusted user click at the centre of the first element matching `selector`."""

    @abc.abstractmethod
    def click_extension_button(self, action: str) -> None:
        """A trusted click on <button data-action=action> inside the extension's closed UI."""

    @abc.abstractmethod
    def reload_extension(self) -> None:
        """Update the installed extension in place, as a new version does, tabs left open."""

    @abc.abstractmethod
    def extension_errors(self) -> list[str]:
        """Errors logged by the extension (content scripts and background) since open()."""

    @abc.abstractmethod
    def close(self) -> None:
        """Shut the browser down; safe to call twice."""

    def wait_for(self, body: str, timeout: float = 10.0, *args: Any) -> Any:
        """Poll `body` until it returns something truthy."""
        deadline = time.monotonic() + timeout
        value = None
        while True:
            value = self.evaluate(body, *args)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{self.name}: timed out after {timeout} s waiting for:\n  {body}\n"
                    f"last value: {value!r}"
                )
            time.sleep(0.05)
