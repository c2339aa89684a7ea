"""Renders the README screenshots from the fixtures with the real build (make screenshots)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browsers.chromium import ChromiumDriver  # noqa: E402 - needs the tests folder on the path

FIXTURES = REPO / "tests" / "fixtures"
NEW = "https://claude.ai/new"
PRIVACY_2026 = "https://claude.ai/new#settings/data-privacy-controls"

# claude.ai's dark mode as the app applies it after load (claude-ui-facts.md §4): data-mode
# on <html>, dark surfaces; the fixtures' stand-in CSS only needs its variables swapped.
DARK = """
const style = document.createElement('style');
style.textContent = `:root { --bg-000: #262624; --bg-100: #1f1e1d; --text-000: #faf9f5;
  --text-300: #c2c0b6; --border: #3e3e38; }
  .btn-primary { background: #faf9f5; color: #141413; }
  .btn-secondary { color: var(--text-000); }`;
document.head.append(style);
document.documentElement.setAttribute('data-mode', 'dark');
"""


@dataclass(frozen=True)
class Shot:
    name: str
    fixture: str
    url: str
    size: tuple[int, int] = (1100, 820)
    dark: bool = False
    language: str | None = None  # the browser's UI language; None: English
    why: bool = False  # open the callout's "Why?"
    click: str | None = None  # press this first, as a person would (a thumb)
    wait_for: str = "[data-privacy-guard]"  # what shows once the extension has acted


SHOTS = (
    # The popup as claude.ai's own code draws it (a visually hidden checkbox beside the
    # track you see, claude-ui-facts.md §0.1). A laptop window: the compact callout leaves
    # "Accept" in view.
    Shot("consent-popup.png", "popup_2026_grace_hidden_input.html", NEW, size=(1366, 657)),
    Shot("consent-popup-phone.png", "popup_2026_grace_hidden_input.html", NEW, size=(360, 740)),
    Shot("privacy-settings.png", "settings_2026_en_cds.html", PRIVACY_2026, why=True),
    Shot("privacy-settings-dark.png", "settings_2026_en_cds.html", PRIVACY_2026, dark=True),
    Shot("privacy-settings-de.png", "settings_2026_de.html", PRIVACY_2026, language="de"),
    # Hindi: a script of its own (Devanagari), drawn with the fonts `make fonts` installs.
    Shot(
        "consent-popup-hi.png",
        "popup_2026_hi_hidden_input.html",
        NEW,
        size=(1366, 760),
        language="hi",
    ),
    Shot("onboarding.png", "onboarding_2026_hidden_input.html", "https://claude.ai/onboarding"),
    # The thumbs-feedback dialog, with the warning inside it (Why? open).
    Shot(
        "feedback-dialog.png",
        "chat_2026_feedback.html",
        "https://claude.ai/chat/0b4c7f6e-3f2a-4c1e-9d4a-5a8f2e1c9b70",
        size=(1100, 760),
        click='[data-cds="MessageActions"] button[aria-label="Bad response"]',
        wait_for='[data-privacy-guard-ui="feedback"]',
        why=True,
    ),
    Shot(
        "opted-out.png",
        "settings_2025_en_off.html",
        "https://claude.ai/settings/data-privacy-controls",
    ),
)
TOOLBAR_POPUP = "toolbar-popup.png"
NAMES = [s.name for s in SHOTS] + [TOOLBAR_POPUP]


def take(driver: ChromiumDriver, shot: Shot) -> None:
    driver.page.set_viewport_size({"width": shot.size[0], "height": shot.size[1]})
    driver.open(shot.url, FIXTURES / shot.fixture)
    if shot.click:
        driver.wait_for("return document.documentElement.dataset.fixtureReady === '1'", 15)
        driver.click(shot.click)
    driver.wait_for(f"return document.querySelector('{shot.wait_for}')", timeout=10)
    if shot.dark:
        driver.evaluate(DARK)
    driver.page.wait_for_timeout(400)  # let the callout's fade-in finish
    if shot.why:
        driver.click_extension_button("why")
        driver.page.wait_for_timeout(100)
    driver.page.screenshot(path=str(REPO / "docs" / shot.name))
    print(f"docs/{shot.name}")


def toolbar_popup(driver: ChromiumDriver) -> None:
    # Where you stand after a look at the 2026 Privacy settings (training on), also when
    # only this picture is made.
    driver.open(PRIVACY_2026, FIXTURES / "settings_2026_en_cds.html")
    driver.wait_for("return document.querySelector('[data-privacy-guard]')", timeout=10)
    driver.page.wait_for_timeout(500)
    popup = driver.context.new_page()
    popup.set_viewport_size({"width": 360, "height": 640})
    popup.goto(f"chrome-extension://{driver.worker.url.split('/')[2]}/popup/popup.html")
    popup.wait_for_timeout(400)
    popup.screenshot(path=str(REPO / "docs" / TOOLBAR_POPUP), full_page=True)
    print(f"docs/{TOOLBAR_POPUP}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "names",
        nargs="*",
        choices=[[], *NAMES],
        metavar="NAME",
        help=f"only these screenshots (default: all of {', '.join(NAMES)})",
    )
    wanted = set(parser.parse_args().names or NAMES)
    by_language: dict[str | None, list[Shot]] = {}
    for shot in SHOTS:
        if shot.name in wanted:
            by_language.setdefault(shot.language, []).append(shot)
    if TOOLBAR_POPUP in wanted:
        by_language.setdefault(None, [])
    # One browser per UI language: the extension speaks the browser's language.
    for language, shots in by_language.items():
        driver = ChromiumDriver(REPO / "dist" / "chrome", language=language)
        try:
            for shot in shots:
                take(driver, shot)
            if language is None and TOOLBAR_POPUP in wanted:
                toolbar_popup(driver)
        finally:
            driver.close()


if __name__ == "__main__":
    main()
