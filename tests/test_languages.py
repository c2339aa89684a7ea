"""In a browser set to one of claude.ai's languages, the callout speaks it with the page's words."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsers.chromium import EXECUTABLE, ChromiumDriver
from extension_pages import callout_shadow_html

FIXTURES = Path(__file__).parent / "fixtures"
NEW = "https://claude.ai/new"

pytestmark = pytest.mark.skipif(
    not Path(EXECUTABLE).exists(), reason="chromium not installed (make test installs it)"
)

# The consent popup in a language the extension now speaks, and the page's own button
# that saves the choice (claude.ai's catalogs, facts §5), which the callout must name.
CASES = [
    ("hi", "popup_2026_hi_hidden_input.html", "स्वीकार करें"),
    ("ko", "popup_2026_ko_hidden_input.html", "수락"),
    ("it", "popup_2026_it_hidden_input.html", "Accetta"),
    ("pt-BR", "popup_2026_ptbr_hidden_input.html", "Aceitar"),
]


@pytest.mark.parametrize(("language", "fixture", "accept"), CASES, ids=[c[0] for c in CASES])
def test_the_callout_names_the_pages_button_in_the_browsers_language(
    dist_dir, language, fixture, accept
):
    driver = ChromiumDriver(dist_dir / "chrome", language=language)
    try:
        driver.open(NEW, FIXTURES / fixture)
        driver.wait_for("return document.querySelector('[data-privacy-guard]')", timeout=10)
        page_button = driver.evaluate(
            "return document.querySelector('[role=dialog] .btn-primary').textContent.trim()"
        )
        assert page_button == accept  # the fixture shows the catalog's word
        callout = callout_shadow_html(driver)
        # "AI training will be ON when you press “Accept”", in the page's word for Accept,
        # and no English left in the callout.
        assert f"“{accept}”" in callout or f"«{accept}»" in callout, callout
        assert "AI training" not in callout
        assert "Privacy Guard" in callout
    finally:
        driver.close()


def test_in_a_browser_of_another_language_the_callout_names_the_button_the_page_shows(dist_dir):
    """An English browser on an Italian popup: "press “Accetta”", the word on the page's
    button, not “Accept”, which the user would look for in vain (hostile review 3, F8)."""
    driver = ChromiumDriver(dist_dir / "chrome", language="en")
    try:
        driver.open(NEW, FIXTURES / "popup_2026_it_hidden_input.html")
        driver.wait_for("return document.querySelector('[data-privacy-guard]')", timeout=10)
        callout = callout_shadow_html(driver)
        assert "AI training will be ON when you press “Accetta”" in callout, callout
        assert "“Accept”" not in callout
    finally:
        driver.close()


def test_the_toolbar_popup_says_how_long_ago_in_the_language_of_its_messages(dist_dir):
    """A French browser: "Vérifié à l'instant"-style, never "Vérifié now" (the age was
    written in the browser's UI language while the messages were French)."""
    driver = ChromiumDriver(dist_dir / "chrome", language="fr")
    try:
        driver.open(
            "https://claude.ai/new#settings/data-privacy-controls",
            FIXTURES / "settings_2026_en_cds.html",
        )
        driver.wait_for("return document.querySelector('[data-privacy-guard]')", timeout=10)
        extension_id = driver.worker.url.split("/")[2]
        popup = driver.context.new_page()
        popup.goto(f"chrome-extension://{extension_id}/popup/popup.html")
        popup.wait_for_function("document.getElementById('seen')?.textContent.length > 0")
        seen = popup.evaluate("document.getElementById('seen').textContent")
        assert seen.startswith("Vérifié"), seen
        assert "now" not in seen and "ago" not in seen, seen
    finally:
        driver.close()
