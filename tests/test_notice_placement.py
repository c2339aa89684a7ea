"""The "couldn't find it, please check yourself" notice on the consent popup: it shows when
the popup's switch cannot be read, and it never covers a control of the page (review 3,
hostile t10, t10b, t11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsers.chromium import ChromiumDriver
from cases import NEW, READY, UI_KINDS

FIXTURE = Path(__file__).parent / "fixtures" / "popup_notice_placement.html"
NOTICE = "return document.querySelector('[data-privacy-guard-ui=notice]') !== null"
# Every control of the page a rectangle of the notice meets, and whether the notice shows
# (in the window, on top at its centre). Its host is the notice: its content is in a closed
# shadow root, so a hit test inside it answers the host.
COVERED = """
const notice = document.querySelector('[data-privacy-guard-ui=notice]');
const n = notice.getBoundingClientRect();
const hit = document.elementFromPoint(n.left + n.width / 2, n.top + n.height / 2);
const controls = 'button,a[href],input,label,[role=button],[role=switch],[role=checkbox]';
const covered = [];
for (const c of document.querySelectorAll(controls)) {
  const r = c.getBoundingClientRect();
  if (!r.width || !r.height) continue;
  if (r.left < n.right && n.left < r.right && r.top < n.bottom && n.top < r.bottom) {
    covered.push(c.id || c.tagName);
  }
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const top = document.elementFromPoint(x, y);
  const name = c.id || c.tagName;
  if (c.matches('button') && top !== c && !c.contains(top)) covered.push('hit:' + name);
}
return {
  covered,
  shows: n.width > 0 && n.height > 40 && n.top >= 0 && n.left >= 0
    && n.bottom <= innerHeight + 1 && n.right <= innerWidth + 1 && hit === notice,
};
"""


def resize(driver, width: int, height: int) -> None:
    if isinstance(driver, ChromiumDriver):
        driver.page.set_viewport_size({"width": width, "height": height})
    else:
        driver.marionette.set_window_rect(width=width, height=height)


@pytest.fixture
def sized(driver):
    """The session's browser; its window size is put back afterwards."""
    size = driver.evaluate("return [outerWidth, outerHeight, innerWidth, innerHeight]")
    yield driver
    if isinstance(driver, ChromiumDriver):
        driver.page.set_viewport_size({"width": size[2], "height": size[3]})
    else:
        driver.marionette.set_window_rect(width=size[0], height=size[1])


def settle(driver, ms: int) -> None:
    driver.evaluate(f"return new Promise((resolve) => setTimeout(resolve, {ms}))")


@pytest.mark.parametrize("layout", ["transform", "flex", "full"])
def test_the_notice_covers_no_control_of_the_popup(sized, layout):
    """Pinned to the window's corner, the notice landed on the popup's Accept and
    "Not now" (a transform-centred dialog is the box its fixed children are placed in)
    and swallowed the click: it goes where no control is, at every window size."""
    driver = sized
    resize(driver, 1366, 657)
    driver.open(f"{NEW}?layout={layout}&switch=contradiction", FIXTURE)
    driver.wait_for(READY, timeout=15)
    driver.wait_for(NOTICE, timeout=5)
    assert driver.evaluate(UI_KINDS) == ["notice"]
    for width, height in [(1366, 657), (800, 600), (480, 700), (1920, 1080)]:
        resize(driver, width, height)
        settle(driver, 400)  # a resize is looked at again
        seen = driver.evaluate(COVERED)
        assert seen == {"covered": [], "shows": True}, f"{width}x{height}"
    # A person's click on Accept reaches the page.
    resize(driver, 1366, 657)
    settle(driver, 400)
    driver.click("#accept")
    assert driver.evaluate("return window.__clicked") == ["accept"]


@pytest.mark.parametrize("form", ["missing", "pressed", "checkbox"])
def test_a_popup_without_a_readable_switch_gets_the_notice(driver, form):
    """The consent popup must hold the training switch: one missing, or drawn in a form the
    extension does not read, got no mark, no callout and no notice. Nothing is saved on the
    popup until Accept, so nothing is recorded: only the notice shows."""
    stored = "async () => (await chrome.storage.local.get('last')).last ?? null"
    chromium = isinstance(driver, ChromiumDriver)
    # The browser is shared with earlier tests: what they stored stays, and must stay.
    driver.open(f"{NEW}?switch={form}", FIXTURE)
    before = driver.context.service_workers[0].evaluate(stored) if chromium else None
    driver.wait_for(READY, timeout=15)
    driver.wait_for(NOTICE, timeout=14)
    assert driver.evaluate(UI_KINDS) == ["notice"]
    assert driver.evaluate("return document.querySelectorAll('[data-privacy-guard]').length") == 0
    assert driver.evaluate(COVERED) == {"covered": [], "shows": True}
    if chromium:
        last = driver.context.service_workers[0].evaluate(stored)
        assert last == before, f"recorded {last}"
