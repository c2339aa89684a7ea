"""Shared test setup: builds the real extension once and starts each selected browser once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BROWSERS = ("chromium", "firefox")
BINARIES = {"chromium": "/usr/bin/chromium", "firefox": "firefox-esr"}
# The dist/ folder each browser loads.
TARGETS = {"chromium": "chrome", "firefox": "firefox"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--browser",
        choices=[*BROWSERS, "all"],
        default="all",
        help="run the browser tests in one browser only (default: both)",
    )


def selected_browsers(config: pytest.Config) -> list[str]:
    choice = config.getoption("--browser")
    return list(BROWSERS) if choice == "all" else [choice]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    browsers = selected_browsers(metafunc.config)
    if "driver" in metafunc.fixturenames:
        metafunc.parametrize("driver", browsers, indirect=True, scope="session", ids=browsers)
    elif "browser_name" in metafunc.fixturenames:
        # For tests that start a browser of their own (a doctored build, say).
        metafunc.parametrize("browser_name", browsers)


@pytest.fixture(scope="session")
def dist_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real build, made once per session with the builder's own command."""
    override = os.environ.get("PRIVACY_GUARD_TEST_DIST")
    if override:
        return Path(override)
    out = tmp_path_factory.mktemp("dist") / "dist"
    result = subprocess.run(
        [sys.executable, "-m", "builder", "build", "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"the extension did not build:\n{result.stderr}")
    return out


def _require(browser: str) -> None:
    binary = BINARIES[browser]
    if shutil.which(binary) or Path(binary).is_file():
        return
    package = "firefox-esr" if browser == "firefox" else "chromium"
    other = "chromium" if browser == "firefox" else "firefox"
    message = (
        f"{binary} not found: run make test, which installs Debian's {package}, "
        f"or pass --browser {other}"
    )
    # On CI a missing browser means the setup is broken: fail, never skip.
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def start_driver(browser: str, dist: Path):
    """`browser` running the build in `dist` (its chrome/ or firefox/ folder)."""
    _require(browser)
    if browser == "chromium":
        from browsers.chromium import ChromiumDriver

        return ChromiumDriver(dist / TARGETS[browser])
    from browsers.firefox import FirefoxDriver

    return FirefoxDriver(dist / TARGETS[browser])


@pytest.fixture(scope="session")
def driver(request: pytest.FixtureRequest, dist_dir: Path):
    """One running browser with the extension, shared by every test of the session."""
    browser = request.param
    instance = start_driver(browser, dist_dir)
    yield instance
    # The extension sends nothing anywhere: every request outside the fixtures, from the
    # page, the content script or the service worker, was recorded during the session.
    unexpected = list(getattr(instance, "unexpected_requests", []))
    instance.close()
    if unexpected:
        pytest.fail(f"{browser}: requests outside the fixtures: {unexpected}")


@pytest.fixture
def chromium(driver):
    """The session's browser, in Chromium only, for tests of Chromium-only APIs (clipboard
    permissions, viewport); its window size and permissions are put back afterwards."""
    if driver.name != "chromium":
        pytest.skip("Chromium only")
    size = driver.page.viewport_size
    yield driver
    driver.context.clear_permissions()
    driver.page.set_viewport_size(size)


# The extension's own pages (tests/extension_pages.py) in a Chromium with a profile of its
# own, per test: test_popup.py, test_pages.py and test_storage.py ask for these.
@pytest.fixture
def profile(tmp_path: Path) -> Path:
    folder = tmp_path / "profile"
    folder.mkdir()
    return folder


@pytest.fixture
def browser(tmp_path: Path, profile: Path):
    from extension_pages import Browser, build  # Playwright, only where a test needs it

    instance = Browser(build(1, tmp_path / "dist"), profile)
    yield instance
    instance.close()
