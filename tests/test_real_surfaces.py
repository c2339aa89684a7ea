"""The surfaces as claude.ai draws them (claude-ui-facts.md §0-§5, issue 19): the consent
popup's and the onboarding step's switch is a visually hidden checkbox a person flips by its
track; copies of it kept out of sight; surfaces that show late; settings overlays without
markers. Marks and UI in both browsers; what is recorded in Chromium (its storage)."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsers.chromium import ChromiumDriver
from cases import (
    CHAT,
    MARK,
    MARKS_AS_EXPECTED,
    NEW,
    ONBOARDING,
    PRIVACY_2026,
    READY,
    SWITCH_STATE,
    UI_KINDS,
    click_training,
)
from conftest import _require, selected_browsers

FIXTURES = Path(__file__).parent / "fixtures"
GRACE = (NEW, "popup_2026_grace_hidden_input.html")
POPUPS = {
    "2025": (NEW, "popup_2025_hidden_input.html"),
    "grace": GRACE,
    "post-deadline": (NEW, "popup_2026_post_deadline_hidden_input.html"),
}
STEP = (ONBOARDING, "onboarding_2026_hidden_input.html")
# The same popup with the design-system button switch, which today's build reads: where a
# test also runs on it, a failure on the hidden checkbox alone is issue 19, on both another.
CDS_POPUP = (NEW, "popup_2026_cds.html")
# A 2026-10 chat with no surface on it, for tests that mount one when they choose.
CHAT_PAGE = (CHAT, "chat_2026_transcript_quotes.html")
GENERAL_FIRST = (CHAT, "settings_2026_general_tab_first.html")
PRIVACY_BUTTON = 'li[data-testid="data-privacy-controls"] > button'
ACCEPT = "button.btn-primary"
MARKED_COUNT = "return document.querySelectorAll('[data-privacy-guard]').length"
NOTICE = "return document.querySelector('[data-privacy-guard-ui=notice]') !== null"
# Longer than the extension looks at a switch it could not take yet (detection.yaml
# not_found_after_ms, 10 s), which is what F4, F5 and C1 are about.
PAST_THE_RECHECKS_MS = 11000


def settle(driver, ms: int = 1500) -> None:
    driver.evaluate(f"return new Promise((resolve) => setTimeout(resolve, {ms}))")


def open_page(driver, where, marked: bool = True) -> None:
    url, fixture = where
    driver.open(url, FIXTURES / fixture)
    driver.wait_for(READY, timeout=15)
    if marked:
        driver.wait_for(MARKS_AS_EXPECTED, timeout=5)


@pytest.fixture(autouse=True)
def no_extension_errors(request):
    """After every test in the session's browser: nothing the extension ran logged an error."""
    yield
    if "driver" in request.fixturenames:
        assert request.getfixturevalue("driver").extension_errors() == []


@pytest.fixture
def fresh(request, dist_dir: Path, tmp_path: Path):
    """Chromium with a profile of its own, so that what is recorded starts empty."""
    if "chromium" not in selected_browsers(request.config):
        pytest.skip("reads the extension's storage in Chromium")
    _require("chromium")
    driver = ChromiumDriver(dist_dir / "chrome", tmp_path / "profile")
    yield driver
    errors = driver.extension_errors()
    driver.close()
    assert errors == []


def last(driver: ChromiumDriver):
    return driver.context.service_workers[0].evaluate(
        "async () => (await chrome.storage.local.get('last')).last ?? null"
    )


def receipts(driver: ChromiumDriver) -> list[dict]:
    return driver.context.service_workers[0].evaluate(
        "async () => (await chrome.storage.local.get('receipts')).receipts ?? []"
    )


def wait_for_last(driver: ChromiumDriver, state: str, timeout_ms: int = 8000) -> dict:
    """The last observation once it is `state` (a popup's choice counts 3 s after it closed)."""
    for _ in range(timeout_ms // 100):
        seen = last(driver)
        if seen and seen["state"] == state:
            return seen
        driver.page.wait_for_timeout(100)
    raise AssertionError(f"last observation is {last(driver)!r}, expected state {state!r}")


# --- a. The visually hidden checkbox switch ------------------------------------------------
@pytest.mark.parametrize("where", [GRACE, STEP], ids=["popup", "onboarding"])
def test_the_hidden_checkbox_is_marked_follows_its_track_and_turns_off(driver, where):
    open_page(driver, where)
    assert driver.evaluate(MARK) == "on"
    on_ui = "accept-warning,callout" if where == GRACE else "callout"
    driver.wait_for(f"return (() => {{ {UI_KINDS} }})().join() === '{on_ui}'", timeout=2)

    click_training(driver)  # the track, inside the <label>: the checkbox turns off
    assert driver.evaluate(SWITCH_STATE) == "off", "the fixture's switch did not flip"
    driver.wait_for(f"{MARK} === 'off'", timeout=2)
    driver.wait_for(f"return (() => {{ {UI_KINDS} }})().join() === 'callout'", timeout=2)
    click_training(driver)
    driver.wait_for(f"{MARK} === 'on'", timeout=2)

    driver.click_extension_button("turn-off")
    driver.wait_for(f"{MARK} === 'off'", timeout=2)
    assert driver.evaluate(SWITCH_STATE) == "off"
    assert (
        driver.evaluate(
            "return document.querySelector('[data-fixture-expect]').getAttribute('aria-checked')"
        )
        == "false"
    )


@pytest.mark.parametrize("where", POPUPS.values(), ids=POPUPS.keys())
def test_accept_records_the_position_the_track_left(fresh, where):
    open_page(fresh, where)
    click_training(fresh)
    fresh.wait_for(f"{MARK} === 'off'", timeout=2)
    fresh.click(ACCEPT)
    seen = wait_for_last(fresh, "off")
    assert seen["surface"] == "popup"


def test_continue_records_the_position_the_track_left(fresh):
    open_page(fresh, STEP)
    click_training(fresh)
    fresh.wait_for(f"{MARK} === 'off'", timeout=2)
    fresh.click("button[data-continue]")
    seen = wait_for_last(fresh, "off")
    assert seen["surface"] == "onboarding"


def test_turn_it_off_then_accept_records_off(fresh):
    open_page(fresh, GRACE)
    fresh.click_extension_button("turn-off")
    fresh.wait_for(f"{MARK} === 'off'", timeout=2)
    fresh.click(ACCEPT)
    seen = wait_for_last(fresh, "off")
    assert seen["surface"] == "popup"


# --- b. Copies of the hidden checkbox switch kept out of sight ---------------------------
# How a copy's <label> or its drawing (track and knob) is kept out of sight. The checkbox
# itself is always the clipped sr-only one: only what holds or draws it says whether a
# person can see the switch.
COPY_HIDINGS = {
    "label-display-none": "label.style.display = 'none';",
    "label-visibility-hidden": "label.style.visibility = 'hidden';",
    "label-opacity-0": "label.style.opacity = '0';",
    "track-display-none": "for (const d of drawn) d.style.display = 'none';",
    "track-visibility-hidden": "for (const d of drawn) d.style.visibility = 'hidden';",
    "track-opacity-0": "for (const d of drawn) d.style.opacity = '0';",
    "label-clip-path": "label.style.clipPath = 'inset(50%)';",
    "zero-size-wrapper": (
        "const box = document.createElement('div');"
        "box.style.cssText = 'width:0;height:0;overflow:hidden';"
        "label.replaceWith(box); box.append(label);"
    ),
    "off-stage": "label.style.cssText = 'position:absolute;left:-10000px;top:0';",
}
# The grace popup mounted over a chat with a copy of its switch row, off (the live one is
# on), hidden as HIDE_THE_COPY says: `beside` the live row, or `alone` in its place.
MOUNT_WITH_COPY = """
const [mode] = arguments;
const popup = await fixture.load('popup_2026_grace_hidden_input.html', 'popup');
const live = popup.querySelector('[data-fixture-expect]');
const liveRow = live.closest('label').parentElement;
const row = liveRow.cloneNode(true);
for (const el of [row, ...row.querySelectorAll('*')]) {
  for (const name of el.getAttributeNames()) {
    if (name.startsWith('data-fixture')) el.removeAttribute(name);
  }
}
row.querySelector('#_r_2c_').id = 'copy-label';
const input = row.querySelector('input[role=switch]');
input.id = 'hidden-copy';
input.setAttribute('aria-labelledby', 'copy-label');
input.removeAttribute('checked');
input.checked = false;
input.setAttribute('aria-checked', 'false');
const label = input.closest('label');
const drawn = [row.querySelector('.switch-track'), row.querySelector('.switch-knob')];
if (mode === 'alone') liveRow.replaceWith(row);
else liveRow.after(row);
window.__copyMarked = false;
new MutationObserver(() => {
  if (input.hasAttribute('data-privacy-guard')) window.__copyMarked = true;
}).observe(input, { attributes: true });
HIDE_THE_COPY;
fixture.portal(popup);
"""
COPY_MARKED = (
    "return window.__copyMarked"
    " || document.getElementById('hidden-copy').hasAttribute('data-privacy-guard')"
)


def mount_with_copy(driver, how: str, mode: str) -> None:
    open_page(driver, CHAT_PAGE, marked=False)
    mount = MOUNT_WITH_COPY.replace("HIDE_THE_COPY;", how)
    driver.evaluate(f"return (async () => {{ {mount} }})()", mode)


@pytest.mark.parametrize("how", COPY_HIDINGS.values(), ids=COPY_HIDINGS.keys())
def test_a_hidden_copy_beside_the_live_switch_is_never_marked(driver, how):
    mount_with_copy(driver, how, "beside")
    driver.wait_for(f"{MARK} === 'on'", timeout=5)
    settle(driver)  # the sweep, the poll and the re-checks all look
    assert driver.evaluate(COPY_MARKED) is False
    assert driver.evaluate(MARKS_AS_EXPECTED)
    assert driver.evaluate(MARK) == "on"


@pytest.mark.parametrize("how", COPY_HIDINGS.values(), ids=COPY_HIDINGS.keys())
def test_a_hidden_copy_alone_is_never_marked(driver, how):
    mount_with_copy(driver, how, "alone")
    settle(driver, 2000)
    assert driver.evaluate(COPY_MARKED) is False
    assert driver.evaluate(MARKED_COUNT) == 0
    assert driver.evaluate(UI_KINDS) == []


RECORDED_COPIES = ("track-display-none", "label-clip-path", "zero-size-wrapper", "off-stage")


@pytest.mark.parametrize("name", RECORDED_COPIES)
def test_accept_beside_a_hidden_copy_records_the_live_state_only(fresh, name):
    mount_with_copy(fresh, COPY_HIDINGS[name], "beside")
    fresh.wait_for(f"{MARK} === 'on'", timeout=5)
    fresh.click(ACCEPT)
    seen = wait_for_last(fresh, "on")
    assert seen["surface"] == "popup"
    assert [r["state"] for r in receipts(fresh) if r["state"] != "on"] == []


@pytest.mark.parametrize("name", ("track-display-none", "label-clip-path"))
def test_accept_with_only_a_hidden_copy_records_nothing(fresh, name):
    mount_with_copy(fresh, COPY_HIDINGS[name], "alone")
    settle(fresh, 1000)
    fresh.click(ACCEPT)
    settle(fresh, 4500)  # past the choice's settle time (main.js CHOICE_SETTLE_MS)
    assert last(fresh) is None, "a switch nobody could see was recorded"


# --- c. A consent popup mounted hidden, shown more than 10 s later (F4) -------------------
MOUNT_HIDDEN = {
    "display-none": ("holder.style.display = 'none';", "holder.style.display = '';"),
    "hidden-attribute": ("holder.hidden = true;", "holder.hidden = false;"),
    "opacity-0": ("holder.style.opacity = '0';", "holder.style.opacity = '';"),
}
MOUNT = """
const [file] = arguments;
const popup = await fixture.load(file, 'popup');
window.__popup = fixture.portal(popup, document.body, (holder) => { HIDE; });
"""
LATE_POPUPS = [
    pytest.param(GRACE[1], "display-none", id="hidden-input-display-none"),
    pytest.param(GRACE[1], "hidden-attribute", id="hidden-input-hidden"),
    pytest.param(GRACE[1], "opacity-0", id="hidden-input-opacity-0"),
    pytest.param(CDS_POPUP[1], "display-none", id="cds-button-display-none"),
]


@pytest.mark.parametrize(("file", "hiding"), LATE_POPUPS)
def test_a_popup_mounted_hidden_is_marked_when_it_shows_seconds_later(driver, file, hiding):
    hide, show = MOUNT_HIDDEN[hiding]
    open_page(driver, CHAT_PAGE, marked=False)
    mount = MOUNT.replace("HIDE;", hide)
    driver.evaluate(f"return (async () => {{ {mount} }})()", file)
    settle(driver, PAST_THE_RECHECKS_MS)
    assert driver.evaluate(MARKED_COUNT) == 0, "marked while nobody could see it"
    driver.evaluate(f"const holder = window.__popup; {show}")
    driver.wait_for(f"{MARK} === 'on'", timeout=2)


# --- d. Settings opened on General, Privacy mounted hidden, shown > 10 s later (F5, C1) ----
STRIP_MARKERS = """
const template = document.getElementById('settings').content;
for (const el of template.querySelectorAll('*')) {
  for (const name of el.getAttributeNames()) {
    if (name.startsWith('data-perf') || name.startsWith('data-settings')) el.removeAttribute(name);
  }
}
"""


def open_general_first(driver, markers: bool) -> None:
    url, fixture = GENERAL_FIRST
    driver.open(url, FIXTURES / fixture)
    if not markers:  # the overlay mounts 1.2 s after load, from its template
        driver.evaluate(STRIP_MARKERS)
    driver.wait_for(READY, timeout=15)


@pytest.mark.parametrize("markers", [True, False], ids=["markers", "no-markers"])
def test_privacy_shown_long_after_the_general_tab_is_marked_without_a_notice(driver, markers):
    open_general_first(driver, markers)
    settle(driver, PAST_THE_RECHECKS_MS)
    # The General tab shows: nothing to find there, nothing to warn about.
    assert driver.evaluate(NOTICE) is False, "a 'couldn't find it' notice over General"
    assert driver.evaluate(MARKED_COUNT) == 0
    driver.click(PRIVACY_BUTTON)
    driver.wait_for(f"{MARK} === 'on'", timeout=2)
    driver.wait_for(f"return (() => {{ {UI_KINDS} }})().join() === 'callout'", timeout=2)


@pytest.mark.parametrize("markers", [True, False], ids=["markers", "no-markers"])
def test_privacy_shown_long_after_the_general_tab_reports_only_what_it_shows(fresh, markers):
    open_general_first(fresh, markers)
    settle(fresh, PAST_THE_RECHECKS_MS)
    assert last(fresh) is None, f"reported while General showed: {last(fresh)}"
    fresh.click(PRIVACY_BUTTON)
    seen = wait_for_last(fresh, "on", timeout_ms=3000)
    assert seen["surface"] == "settings"


# --- Settings overlays as drawn: a flip counts at once -------------------------------------
SETTINGS = {
    "markers": (PRIVACY_2026, "settings_2026_cds_overlay.html"),
    "no-markers": (PRIVACY_2026, "settings_2026_cds_no_markers.html"),
    "shortcut-no-hash": (CHAT, "settings_2026_shortcut_no_hash.html"),
}


@pytest.mark.parametrize("where", SETTINGS.values(), ids=SETTINGS.keys())
def test_a_flip_in_the_settings_overlay_counts_at_once(fresh, where):
    open_page(fresh, where)
    seen = wait_for_last(fresh, "on", timeout_ms=3000)
    assert seen["surface"] == "settings"
    click_training(fresh)
    seen = wait_for_last(fresh, "off", timeout_ms=3000)
    assert seen["surface"] == "settings"


# --- e. A hidden copy elsewhere while Accept is pressed ------------------------------------
# A copy of the popup's switch row, display: none, in another dialog the app keeps mounted.
ADD_HIDDEN_DIALOG_WITH_COPY = """
const row = document.querySelector('[data-fixture-expect]').closest('.rounded-lg').cloneNode(true);
for (const el of [row, ...row.querySelectorAll('*')]) {
  for (const name of el.getAttributeNames()) {
    if (name.startsWith('data-fixture')) el.removeAttribute(name);
  }
}
const dialog = document.createElement('div');
dialog.setAttribute('role', 'dialog');
dialog.style.display = 'none';
dialog.append(row);
document.body.append(dialog);
"""


@pytest.mark.parametrize("where", [GRACE, CDS_POPUP], ids=["hidden-input", "cds-button"])
def test_accept_counts_with_a_hidden_copy_elsewhere_on_the_page(fresh, where):
    open_page(fresh, where)
    fresh.evaluate(ADD_HIDDEN_DIALOG_WITH_COPY)
    click_training(fresh)
    fresh.wait_for(f"{MARK} === 'off'", timeout=2)
    fresh.click(ACCEPT)
    seen = wait_for_last(fresh, "off")
    assert seen["surface"] == "popup"


# --- f. The popup's words arrive more than 10 s late ---------------------------------------
MOUNT_WORDLESS = """
const [file] = arguments;
const popup = await fixture.load(file, 'popup');
const sw = popup.querySelector('[data-fixture-expect]');
const name = popup.getElementById(sw.getAttribute('aria-labelledby'));
const words = [name, name.nextElementSibling].map((el) => [el, [...el.childNodes]]);
for (const [el] of words) el.replaceChildren();
window.__fillWords = () => { for (const [el, nodes] of words) el.replaceChildren(...nodes); };
fixture.portal(popup);
"""
WORDLESS = {"hidden-input": GRACE[1], "cds-button": CDS_POPUP[1]}


@pytest.mark.parametrize("file", WORDLESS.values(), ids=WORDLESS.keys())
def test_a_popup_whose_words_arrive_seconds_late_is_marked_when_they_do(driver, file):
    open_page(driver, CHAT_PAGE, marked=False)
    driver.evaluate(f"return (async () => {{ {MOUNT_WORDLESS} }})()", file)
    settle(driver, PAST_THE_RECHECKS_MS)
    assert driver.evaluate(MARKED_COUNT) == 0, "marked before its words arrived"
    driver.evaluate("window.__fillWords()")
    driver.wait_for(f"{MARK} === 'on'", timeout=2)


# --- A stale copy of the Privacy panel behind the overlay (review round 4, F1) -------------
# The overlay shows the live switch on; a copy of its panel, off, is left in the page behind
# the overlay (a route that kept its old screen mounted): out of sight behind the backdrop,
# yet by every check a switch that renders. It must never speak for the setting.
ADD_STALE_PANEL_BEHIND = """
const live = document.querySelector('[data-fixture-expect]');
const panel = live.closest('[role=dialog]').cloneNode(true);
panel.removeAttribute('role');
panel.removeAttribute('data-cds');
for (const el of [panel, ...panel.querySelectorAll('*')]) {
  for (const name of el.getAttributeNames()) {
    if (name.startsWith('data-fixture') || name.startsWith('data-privacy-guard')) {
      el.removeAttribute(name);
    }
  }
}
for (const host of panel.querySelectorAll('div:empty')) host.remove();
const sw = panel.querySelectorAll('[role=switch]')[1];
sw.setAttribute('aria-checked', 'false');
sw.removeAttribute('data-checked');
sw.setAttribute('data-unchecked', '');
panel.id = 'stale-panel';
document.body.prepend(panel); // outside #root, which the overlay makes aria-hidden
"""


def test_a_stale_panel_behind_the_overlay_never_speaks_for_the_setting(fresh):
    open_page(fresh, SETTINGS["markers"])
    wait_for_last(fresh, "on", timeout_ms=3000)
    fresh.evaluate(ADD_STALE_PANEL_BEHIND)
    settle(fresh, 4500)  # past the background's receipt settle (3 s)
    assert (
        fresh.evaluate(
            "return document.querySelectorAll('#stale-panel [data-privacy-guard]').length"
        )
        == 0
    ), "the stale copy was marked"
    receipts = fresh.context.service_workers[0].evaluate(
        "async () => (await chrome.storage.local.get('receipts')).receipts ?? []"
    )
    assert [r["state"] for r in receipts if r["state"] == "off"] == [], receipts
    assert last(fresh)["state"] != "off"


def test_animations_switched_off_for_body_descendants_only_still_finds_the_popup(driver):
    """Review round 5, F6: `@layer base { body * { animation: none !important } }` stops the
    sentinel for everything in <body>; the check for switched-off animations must be made
    where the dialogs are, so that the sweep finds a popup mounted in an existing portal."""
    open_page(driver, (NEW, "popup_body_no_animation_nested_portal.html"))


MOUNT_WITHOUT_SWITCH = """
const [file] = arguments;
const popup = await fixture.load(file, 'popup');
window.__popup = fixture.portal(popup, document.body, (holder) => {
  const label = holder.querySelector('input[role=switch]').closest('label');
  window.__row = { label, parent: label.parentNode, next: label.nextSibling };
  label.remove();
});
"""
# The switch rendered into the dialog that already shows: only content.css's sentinel
# animation announces it (no new portal, no URL change). Heard in the page's own world too.
RENDER_SWITCH_INTO_DIALOG = """
return new Promise((resolve) => {
  const heard = [];
  document.addEventListener('animationstart', (event) => {
    if (event.animationName === 'privacy-guard-sentinel') heard.push(event.target.tagName);
  }, true);
  const { label, parent, next } = window.__row;
  parent.insertBefore(label, next);
  setTimeout(() => resolve(heard), 1000);
});
"""


def test_a_switch_rendered_into_an_open_popup_is_announced_and_marked(driver):
    """content.css's sentinel keyframes are empty (no property to resolve on the first popup):
    the animation must still start and announce the switch, in both browsers."""
    open_page(driver, CHAT_PAGE, marked=False)
    driver.evaluate(f"return (async () => {{ {MOUNT_WITHOUT_SWITCH} }})()", GRACE[1])
    settle(driver, 1500)
    assert driver.evaluate(MARKED_COUNT) == 0
    heard = driver.evaluate(RENDER_SWITCH_INTO_DIALOG)
    assert "INPUT" in heard, f"the sentinel announced {heard}, not the switch"
    driver.wait_for(f"{MARK} === 'on'", timeout=2)
