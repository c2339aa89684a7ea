"""Only what a person sees counts, and what the extension shows stays true on a busy page."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import start_driver
from test_detection import MARK, MARKS_AS_EXPECTED, READY, SWITCH_STATE, UI_KINDS

FIXTURES = Path(__file__).parent / "fixtures"
SETTINGS_2026 = (
    "https://claude.ai/new#settings/data-privacy-controls",
    "settings_2026_en_cds.html",
)
POPUP_2026 = ("https://claude.ai/new", "popup_2026_cds.html")

# Ways a page keeps a copy of the switch out of sight. Each copy is in the opposite state
# (off) and carries the setting's words; none of them may be taken for the switch.
HIDDEN_COPIES = {
    "hidden-attribute": "wrapper.hidden = true;",
    "display-none": "wrapper.style.display = 'none';",
    "aria-hidden": "wrapper.setAttribute('aria-hidden', 'true');",
    "inert": "wrapper.inert = true;",
    "transparent": "wrapper.style.opacity = '0';",
    "no-box": "wrapper.style.cssText = 'width:0;height:0;overflow:hidden';",
    "off-page": "wrapper.style.cssText = 'position:absolute;left:-10000px;top:0';",
}
ADD_HIDDEN_COPY = """
const wrapper = document.createElement('div');
wrapper.innerHTML = '<div data-settings-row role="group" aria-labelledby="hc-t"'
  + ' aria-describedby="hc-d">'
  + '<div id="hc-t">Help improve our AI models</div><div id="hc-d">Allow the use of your chats and '
  + 'coding sessions to train and improve Anthropic AI models.</div>'
  + '<button type="button" role="switch" data-cds="Switch" aria-checked="false" data-unchecked'
  + ' id="hidden-copy"><span></span></button></div>';
%s
document.querySelector('[data-perf-screen="data-privacy-controls"]').append(wrapper);
"""


def open_page(driver, where) -> None:
    url, fixture = where
    driver.open(url, FIXTURES / fixture)
    driver.wait_for(READY, timeout=15)
    driver.wait_for(MARKS_AS_EXPECTED, timeout=5)


@pytest.mark.parametrize("how", HIDDEN_COPIES.values(), ids=HIDDEN_COPIES.keys())
def test_a_hidden_copy_in_the_opposite_state_is_not_the_switch(driver, how):
    open_page(driver, SETTINGS_2026)
    driver.evaluate(ADD_HIDDEN_COPY % how)
    # Longer than the sweep, the re-check window's first look and the state poll.
    driver.evaluate("return new Promise((resolve) => setTimeout(resolve, 1500))")
    assert (
        driver.evaluate(
            "return document.getElementById('hidden-copy').hasAttribute('data-privacy-guard')"
        )
        is False
    )
    assert driver.evaluate(MARKS_AS_EXPECTED)
    assert driver.evaluate(MARK) == "on"


def test_marks_and_callout_come_back_after_a_re_render(driver):
    """A framework patching the row back to its own markup drops what we added."""
    open_page(driver, SETTINGS_2026)
    driver.evaluate(
        "document.querySelector('[data-fixture-expect]').removeAttribute('data-privacy-guard');"
        "for (const n of document.querySelectorAll('[data-privacy-guard-ui]')) n.remove();"
    )
    driver.wait_for(f"{MARK} === 'on'", timeout=1.5)
    driver.wait_for(
        "return document.querySelectorAll('[data-privacy-guard-ui=callout]').length === 1",
        timeout=1.5,
    )


def test_injected_ui_stays_visible_against_the_pages_css(driver):
    """The hostile page hides undefined elements and squats our old custom-element name."""
    driver.open("https://claude.ai/new", FIXTURES / "popup_hostile_custom_elements.html")
    driver.wait_for(READY, timeout=15)
    driver.wait_for(MARKS_AS_EXPECTED, timeout=5)
    shown = driver.evaluate(
        "return [...document.querySelectorAll('[data-privacy-guard-ui]')].map((n) => {"
        "  const r = n.getBoundingClientRect(); const s = getComputedStyle(n);"
        "  return r.width > 0 && r.height > 0"
        "    && s.visibility === 'visible' && s.display !== 'none';"
        "});"
    )
    assert shown == [True, True]


def test_turn_it_off_twice_on_a_slow_switch_leaves_it_off(driver):
    """A switch that waits 400 ms for the server: a second press must not turn it back on."""
    open_page(driver, POPUP_2026)
    driver.evaluate(
        "document.querySelector('[data-fixture-expect]')"
        ".setAttribute('data-fixture-delay-ms', '400')"
    )
    driver.click_extension_button("turn-off")
    driver.click_extension_button("turn-off")
    driver.wait_for(f"{MARK} === 'off'", timeout=2)
    driver.evaluate("return new Promise((resolve) => setTimeout(resolve, 1000))")
    assert driver.evaluate(SWITCH_STATE) == "off"
    assert driver.evaluate(MARK) == "off"
    assert driver.evaluate(UI_KINDS) == ["callout"]


def test_after_an_update_open_tabs_show_no_stale_state(browser_name, dist_dir):
    """Updated under an open tab: no duplicate callouts, and nothing that no longer holds.

    Either a fresh copy of the script runs in the tab (its marks follow the switch) or
    the old copy stood down and left only the neutral "reload this tab" note. A browser of
    its own: after an in-place reload, Chromium under automation injects no content script
    into pages opened later, which would spoil the shared session for the tests after.
    """
    driver = start_driver(browser_name, dist_dir)
    try:
        open_page(driver, SETTINGS_2026)
        driver.reload_extension()
        driver.evaluate("return new Promise((resolve) => setTimeout(resolve, 1500))")
        assert driver.evaluate(UI_KINDS) in (["callout"], ["updated"])

        driver.click("[data-fixture-expect]")
        driver.evaluate("return new Promise((resolve) => setTimeout(resolve, 1000))")
        kinds = driver.evaluate(UI_KINDS)
        if kinds == ["callout"]:
            assert driver.evaluate(MARK) == driver.evaluate(SWITCH_STATE) == "off"
        else:
            assert kinds == ["updated"]
            marks = "return document.querySelectorAll('[data-privacy-guard]').length"
            assert driver.evaluate(marks) == 0
        assert driver.extension_errors() == []
    finally:
        driver.close()
