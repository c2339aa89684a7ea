"""Renders the README screenshots from the fixtures with the real build (make screenshots)."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browsers.chromium import ChromiumDriver  # noqa: E402 - needs the tests folder on the path

FIXTURES = REPO / "tests" / "fixtures"
SHOTS = [
    ("consent-popup.png", "popup_2026_cds.html", "https://claude.ai/new"),
    (
        "privacy-settings.png",
        "settings_2026_en_cds.html",
        "https://claude.ai/new#settings/data-privacy-controls",
    ),
    ("onboarding.png", "onboarding_2026.html", "https://claude.ai/onboarding"),
    (
        "opted-out.png",
        "settings_2025_en_off.html",
        "https://claude.ai/settings/data-privacy-controls",
    ),
]


def main() -> None:
    driver = ChromiumDriver(REPO / "dist" / "chrome")
    try:
        driver.page.set_viewport_size({"width": 1100, "height": 820})
        for name, fixture, url in SHOTS:
            driver.open(url, FIXTURES / fixture)
            driver.wait_for("return document.querySelector('[data-privacy-guard]')", timeout=10)
            driver.page.wait_for_timeout(400)  # let the callout's fade-in finish
            driver.page.screenshot(path=str(REPO / "docs" / name))
            print(f"docs/{name}")
        popup = driver.context.new_page()
        popup.set_viewport_size({"width": 360, "height": 640})
        popup.goto(f"chrome-extension://{driver.worker.url.split('/')[2]}/popup/popup.html")
        popup.wait_for_timeout(400)
        popup.screenshot(path=str(REPO / "docs" / "toolbar-popup.png"), full_page=True)
        print("docs/toolbar-popup.png")
    finally:
        driver.close()


if __name__ == "__main__":
    main()
