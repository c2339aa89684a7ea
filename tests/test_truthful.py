"""Only what a person sees counts, and what the extension shows stays true on a busy page."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsers.chromium import ChromiumDriver
from cases import CHAT, MARK, MARKS_AS_EXPECTED, READY, SWITCH_STATE, UI_KINDS, click_training
from conftest import start_driver
from extension_pages import callout_shadow_html

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
# A copy of the training switch's settings row, off, in `wrapper` (not yet in the page).
COPY_ROW = """
const wrapper = document.createElement('div');
wrapper.innerHTML = '<div data-settings-row role="group" aria-labelledby="hc-t"'
  + ' aria-describedby="hc-d">'
  + '<div id="hc-t">Help improve our AI models</div><div id="hc-d">Allow the use of your chats and '
  + 'coding sessions to train and improve Anthropic AI models.</div>'
  + '<button type="button" role="switch" data-cds="Switch" aria-checked="false" data-unchecked'
  + ' id="hidden-copy" style="width:36px;height:20px"><span></span></button></div>';
"""
ADD_HIDDEN_COPY = (
    COPY_ROW
    + """%s
document.querySelector('[data-perf-screen="data-privacy-controls"]').append(wrapper);
"""
)


# Copies only layout or a hit test shows to be out of sight. `row` is the copy's settings
# row inside `wrapper` (hostile round 3: each was marked, and, present before the real
# switch rendered, reported as the setting: a false "off").
CLIPPED_COPIES = {
    "clip-path": "wrapper.style.clipPath = 'inset(50%)';",
    "clip-rect": "wrapper.style.cssText = 'position:absolute;clip:rect(0 0 0 0)';",
    "outside-its-clipping-box": (
        "wrapper.style.cssText = 'overflow:hidden;height:60px';"
        "row.style.cssText = 'position:relative;left:3000px';"
    ),
    "zero-box-40-levels-up": (
        "let inner = row; for (let i = 0; i < 40; i += 1) {"
        " const level = document.createElement('div'); level.append(inner); inner = level; }"
        "wrapper.append(inner); wrapper.style.cssText = 'width:0;height:0;overflow:hidden';"
    ),
}
# The real row leaves, the copy (off) comes, and the real row (on) comes back 1.5 s later:
# the copy is there first, as a stale copy is while the live panel loads.
COPY_BEFORE_THE_SWITCH = (
    """
const real = document.querySelector('[data-fixture-expect]').closest('[data-settings-row]');
const section = real.parentElement; // its next sibling may be the extension's callout
real.remove();
"""
    + COPY_ROW
    + """
const row = wrapper.firstElementChild;
%s
window.__copyMarked = false;
const copy = wrapper.querySelector('#hidden-copy');
new MutationObserver(() => {
  if (copy.hasAttribute('data-privacy-guard')) window.__copyMarked = true;
}).observe(copy, { attributes: true });
document.querySelector('[data-perf-screen="data-privacy-controls"]').append(wrapper);
setTimeout(() => section.append(real), 1500);
"""
)


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


@pytest.mark.parametrize("how", CLIPPED_COPIES.values(), ids=CLIPPED_COPIES.keys())
def test_a_clipped_copy_there_before_the_switch_never_speaks_for_it(driver, how):
    open_page(driver, SETTINGS_2026)
    driver.evaluate(COPY_BEFORE_THE_SWITCH % how)
    # The copy alone for 1.5 s (sweep, poll and re-checks all look), then the real switch.
    settle(driver, 3500)
    assert driver.evaluate("return window.__copyMarked") is False
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


def test_after_an_update_open_tabs_show_no_stale_state(driver, dist_dir):
    """Updated under an open tab: no duplicate callouts, and nothing that no longer holds.

    Either a fresh copy of the script runs in the tab (its marks follow the switch) or
    the old copy stood down and left only the neutral "reload this tab" note. A browser of
    its own: after an in-place reload, Chromium under automation injects no content script
    into pages opened later, which would spoil the shared session for the tests after.
    """
    session = driver
    if session.name == "chromium":
        driver = ChromiumDriver(dist_dir / "chrome", playwright=session.playwright)
    else:
        driver = start_driver(session.name, dist_dir)
    try:
        open_page(driver, SETTINGS_2026)
        driver.reload_extension()
        driver.evaluate("return new Promise((resolve) => setTimeout(resolve, 1500))")
        assert driver.evaluate(UI_KINDS) in (["callout"], ["updated"])

        click_training(driver)
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


# The two switch rows of the Privacy settings trade their words, the switches untouched: a
# framework that keeps the elements and changes the text (a list re-keyed by position).
SWAP_ROW_WORDS = """
const [location, training] = [...document.querySelectorAll('[data-settings-row]')]
  .filter((row) => row.querySelector('[role=switch]'));
for (const part of ['.font-medium', '.text-sm']) {
  const a = location.querySelector(part), b = training.querySelector(part);
  [a.textContent, b.textContent] = [b.textContent, a.textContent];
}
training.querySelector('[role=switch]').id = 'now-location';
location.querySelector('[role=switch]').id = 'now-training';
"""


def test_a_switch_whose_row_now_names_another_setting_is_let_go(driver):
    """Only the words change (hostile review 4, 1): the old training switch, now "Location
    metadata", must lose its mark and callout (its "Opted out" or "Turn it off" would speak
    for, or turn off, another setting), and the switch now named for training gets them."""
    open_page(driver, SETTINGS_2026)
    driver.evaluate(
        "const sw = document.querySelector('[data-fixture-expect]');"
        "sw.setAttribute('aria-checked', 'false');"
        "sw.removeAttribute('data-checked'); sw.setAttribute('data-unchecked', '');"
    )
    driver.wait_for(f"{MARK} === 'off'", timeout=2)
    driver.evaluate(SWAP_ROW_WORDS)
    settle(driver, 1500)
    marks = "return document.getElementById('%s').getAttribute('data-privacy-guard')"
    assert driver.evaluate(marks % "now-location") is None
    assert driver.evaluate(marks % "now-training") == "on"
    assert driver.evaluate(UI_KINDS) == ["callout"]


# The settings overlay opened by the shortcut (no URL change), without the screen marker,
# its nav's current entry not reading exactly "Privacy": the training switch is known by
# its words, the screen not (hostile review 4, 2).
UNCLEAR_SETTINGS = """
const d = document.createElement('div');
d.setAttribute('role', 'dialog');
d.setAttribute('aria-label', 'Settings');
d.setAttribute('aria-modal', 'true');
d.style.cssText = 'position:fixed;inset:40px;background:#fff;padding:16px;z-index:10';
d.innerHTML = '<nav aria-label="Settings"><button type="button">General</button>'
  + '<button type="button" aria-current="page">Privacy <small>New</small></button></nav>'
  + '<h2>Privacy</h2><div data-settings-row role="group" aria-labelledby="u-t"'
  + ' aria-describedby="u-d"><div><div id="u-t">Help improve our AI models</div>'
  + '<div id="u-d">Allow the use of your chats and coding sessions to train and improve'
  + ' Anthropic AI models.</div></div><button type="button" role="switch" id="u-sw"'
  + ' aria-checked="true" data-checked style="width:36px;height:20px"></button></div>';
document.body.append(d);
"""


# The same overlay in Chinese (a UI behind a flag, its wording not public): the nav names
# the Privacy screen 隐私, and the training row names Anthropic (facts §5).
CHINESE_SETTINGS = (
    UNCLEAR_SETTINGS.replace("Privacy <small>New</small>", "隐私")
    .replace("Help improve our AI models", "帮助改进我们的 AI 模型")
    .replace(
        "Allow the use of your chats and coding sessions to train and improve",
        "允许使用您的聊天和编码会话来训练和改进",
    )
    .replace("Anthropic AI models.", "Anthropic AI 模型。")
)


def test_a_chinese_settings_overlay_opened_by_the_shortcut_is_not_passed_over(driver):
    """No URL, no marker: the nav's 隐私 says it is the Privacy screen, so the one switch
    whose row names Anthropic is the training switch (hostile review 4, 3: silence)."""
    assert "隐私" in CHINESE_SETTINGS and "Anthropic AI 模型" in CHINESE_SETTINGS
    driver.open(CHAT, FIXTURES / "chat_2026_transcript_quotes.html")
    driver.wait_for(READY, timeout=15)
    driver.evaluate(CHINESE_SETTINGS)
    driver.wait_for(
        "return document.getElementById('u-sw').getAttribute('data-privacy-guard') === 'on'",
        timeout=5,
    )


def test_a_settings_overlay_whose_screen_is_unclear_is_not_taken_for_the_popup(driver):
    """Its saved state is said as saved: never "AI training will be ON when you press
    “Accept”" or "Off — not saved yet" in a settings dialog, which has no Accept."""
    if driver.name != "chromium":
        pytest.skip("reads the callout's closed shadow root over CDP (Chromium)")
    driver.open(CHAT, FIXTURES / "chat_2026_transcript_quotes.html")
    driver.wait_for(READY, timeout=15)
    driver.evaluate(UNCLEAR_SETTINGS)
    driver.wait_for("return document.getElementById('u-sw').getAttribute('data-privacy-guard')")
    driver.wait_for("return document.querySelector('[data-privacy-guard-ui=callout]')", timeout=5)
    callout = callout_shadow_html(driver)
    assert "AI training is ON" in callout, callout
    assert "Accept" not in callout and "not saved yet" not in callout


# A control of the page in the window's bottom right corner, where notes usually go: a
# composer's send button.
CORNER_CONTROLS = """
const send = document.createElement('button');
send.id = 'send'; send.textContent = 'Send';
send.style.cssText = 'position:fixed;right:16px;bottom:16px;width:120px;height:60px;z-index:5';
document.body.append(send);
"""
# The controls the "extension updated" note lies over, by id (its host is the note).
UNDER_NOTE = """
const note = document.querySelector('[data-privacy-guard-ui=updated]').getBoundingClientRect();
return [...document.querySelectorAll('button,a[href],input,[role=switch]')].filter((c) => {
  const r = c.getBoundingClientRect();
  return r.width && r.left < note.right && note.left < r.right && r.top < note.bottom
    && note.top < r.bottom;
}).map((c) => c.id || c.tagName);
"""


def test_the_extension_updated_note_covers_none_of_the_pages_controls(driver, dist_dir):
    """The old copy's note after an update ("reload this tab") goes where no control of the
    page is: pinned bottom right, it lay over a composer's send button. Chromium (an update
    injects no new copy there, so the note stays); a browser of its own, as above."""
    if driver.name != "chromium":
        pytest.skip("Firefox injects a new copy on an update, which removes the old note")
    driver = ChromiumDriver(dist_dir / "chrome", playwright=driver.playwright)
    try:
        open_page(driver, SETTINGS_2026)
        driver.evaluate(CORNER_CONTROLS)
        driver.reload_extension()
        driver.wait_for("return document.querySelector('[data-privacy-guard-ui=updated]')", 5)
        assert driver.evaluate(UNDER_NOTE) == []
    finally:
        driver.close()


# --- Found by a fresh reviewer trying to make the build say something false ---------------
def settle(driver, ms: int = 1500) -> None:
    driver.evaluate(f"return new Promise((resolve) => setTimeout(resolve, {ms}))")


MARKED_COUNT = "return document.querySelectorAll('[data-privacy-guard]').length"


def test_a_switch_on_another_settings_tab_that_names_anthropic_is_not_the_setting(driver):
    """Notifications tab: "…emails from Anthropic" must not pass for the training switch."""
    open_page(driver, SETTINGS_2026)
    driver.evaluate(
        "const panel = document.querySelector('[data-perf-screen]');"
        "panel.setAttribute('data-perf-screen', 'notifications');"
        "panel.innerHTML = '<h2>Notifications</h2><div data-settings-row>"
        "<div>Product updates</div><div>Receive emails about new features from Anthropic.</div>"
        '<button type="button" role="switch" aria-checked="false" data-unchecked'
        ' style="width:36px;height:20px"></button></div>\';'
    )
    settle(driver)
    assert driver.evaluate(MARKED_COUNT) == 0
    assert driver.evaluate(UI_KINDS) == []


def test_a_switch_element_reused_for_another_row_is_let_go(driver):
    """A tab change that re-renders the same element as another setting, now off."""
    open_page(driver, SETTINGS_2026)
    driver.evaluate(
        "const sw = document.querySelector('[data-fixture-expect]');"
        "document.querySelector('[data-perf-screen]')"
        "  .setAttribute('data-perf-screen', 'notifications');"
        "const row = sw.closest('[data-settings-row]');"
        "row.querySelector('.font-medium').textContent = 'Product updates';"
        "row.querySelector('.text-sm').textContent = 'Emails about new features.';"
        "sw.setAttribute('aria-checked', 'false');"
        "sw.removeAttribute('data-checked'); sw.setAttribute('data-unchecked', '');"
    )
    settle(driver, 1000)
    assert driver.evaluate(MARKED_COUNT) == 0
    assert driver.evaluate(UI_KINDS) == []


def test_a_switch_in_a_popover_that_quotes_the_words_is_not_the_setting(driver):
    open_page(driver, POPUP_2026)
    driver.evaluate(
        "const pop = document.createElement('div');"
        "pop.setAttribute('role', 'dialog'); pop.setAttribute('data-cds', 'Popover');"
        "pop.innerHTML = '<div class=row><span>Don\\'t show tips about Help improve Claude"
        " again</span><button type=button role=switch aria-checked=false id=tip"
        " style=width:36px;height:20px></button></div>';"
        "document.body.append(pop);"
    )
    settle(driver)
    assert (
        driver.evaluate("return document.getElementById('tip').hasAttribute('data-privacy-guard')")
        is False
    )


def test_two_copies_of_the_switch_in_different_states_are_not_trusted(driver):
    """A stale copy of the panel slid off to the right, in the other state, beside the live one."""
    url, fixture = SETTINGS_2026
    driver.open(url, FIXTURES / fixture)
    # The overlay mounts 1.2 s after load: put the copy into its template first.
    driver.evaluate(
        "const dialog = document.getElementById('settings').content.querySelector('[role=dialog]');"
        "const copy = dialog.querySelector('[data-perf-screen]').cloneNode(true);"
        "copy.style.cssText = 'position:fixed;left:110vw;top:0;width:600px';"
        "const sw = copy.querySelector('[data-fixture-expect]');"
        "sw.removeAttribute('data-fixture-expect'); sw.setAttribute('aria-checked', 'false');"
        "sw.removeAttribute('data-checked'); sw.setAttribute('data-unchecked', '');"
        "dialog.append(copy);"
    )
    driver.wait_for(READY, timeout=15)
    settle(driver)
    assert driver.evaluate(MARKED_COUNT) == 0


# A consent popup built in the page: `content` is the switch's own text, `label` the text
# of the element it is labelled by (filled in `late` ms later when given).
NEW_CONSENT_POPUP = """
const [content, label, late] = arguments;
document.querySelector('[data-radix-portal]')?.remove();
for (const n of document.querySelectorAll('[data-privacy-guard-ui]')) n.remove();
const dialog = document.createElement('div');
dialog.setAttribute('role', 'dialog');
dialog.innerHTML = '<h2>Updates to Consumer Terms and Policies</h2><div class="row">'
  + '<span id="late-label"></span><button type="button" role="switch" aria-checked="true"'
  + ' data-checked id="made" style="min-width:36px;min-height:20px"></button></div>'
  + '<button type="button">Accept</button>';
const sw = dialog.querySelector('#made');
if (content) sw.textContent = content;
if (label !== null) sw.setAttribute('aria-labelledby', 'late-label');
const fill = () => { dialog.querySelector('#late-label').textContent = label; };
if (label !== null) (late ? setTimeout(fill, late) : fill());
document.body.append(dialog);
"""
MADE = "return document.getElementById('made')?.getAttribute('data-privacy-guard')"


def test_a_switch_named_by_its_own_content_is_recognised(driver):
    """ARIA allows a switch's name from its content: the words inside the button."""
    open_page(driver, POPUP_2026)
    driver.evaluate(NEW_CONSENT_POPUP, "You can help improve Claude", None, 0)
    driver.wait_for(f"{MADE} === 'on'", timeout=3)


def test_a_popup_whose_words_arrive_late_is_still_recognised(driver):
    """The label fills in 4 s after the switch renders (longer than a few re-checks)."""
    open_page(driver, POPUP_2026)
    driver.evaluate(NEW_CONSENT_POPUP, "", "Help improve our AI models", 4000)
    settle(driver, 2000)
    assert driver.evaluate(MADE) is None, "marked before its words arrived"
    driver.wait_for(f"{MADE} === 'on'", timeout=5)


def test_a_switch_scrolled_up_out_of_its_popup_stays_marked(driver):
    """On a phone the user scrolls a long popup down to Accept: the switch leaves the top of
    the screen but is one scroll away, and its mark must stay
    (hostile round 3, F5: it was dropped, with the warning by Accept, for good)."""
    open_page(driver, POPUP_2026)
    driver.evaluate(NEW_CONSENT_POPUP, "", "Help improve our AI models", 0)
    driver.wait_for(f"{MADE} === 'on'", timeout=5)
    driver.evaluate(
        "const dialog = document.getElementById('made').closest('[role=dialog]');"
        "dialog.style.cssText = 'position:fixed;top:10px;left:10px;width:320px;height:300px;"
        "overflow:auto;background:#fff';"
        "const spacer = document.createElement('div'); spacer.style.height = '3000px';"
        "dialog.querySelector('.row').after(spacer);"
        "dialog.scrollTop = dialog.scrollHeight;"
    )
    settle(driver)
    assert driver.evaluate(
        "return document.getElementById('made').getBoundingClientRect().bottom < 0"
    ), "the switch is not above the screen's top: the test does not test anything"
    assert driver.evaluate(MADE) == "on"


def test_no_notice_on_the_export_screen_opened_without_a_url_change(driver):
    """The export sub-screen shown in the Privacy panel itself, the URL left as it was."""
    driver.open("https://claude.ai/new#settings/data-privacy-controls",
                FIXTURES / "settings_2026_export_subscreen.html")  # fmt: skip
    driver.evaluate(
        "document.getElementById('settings').content.querySelector('[data-perf-screen]')"
        "  .setAttribute('data-perf-screen', 'data-privacy-controls');"
    )
    driver.wait_for(READY, timeout=15)
    settle(driver, 11000)
    assert driver.evaluate(UI_KINDS) == []


def test_a_switch_remounted_again_and_again_has_one_callout(driver):
    open_page(driver, SETTINGS_2026)
    driver.evaluate(
        "window.__remounts = setInterval(() => {"
        "  const sw = document.querySelector('[data-fixture-expect]');"
        "  const copy = sw.cloneNode(true); copy.removeAttribute('data-privacy-guard');"
        "  sw.replaceWith(copy);"
        "}, 300);"
    )
    most = 0
    for _ in range(12):
        settle(driver, 250)
        most = max(
            most,
            driver.evaluate(
                "return document.querySelectorAll('[data-privacy-guard-ui=callout]').length"
            ),
        )
    driver.evaluate("clearInterval(window.__remounts)")
    assert most <= 1


# A consent popup as claude.ai shows it after its app has started, inserted by the page.
SHOW_POPUP_AND_WATCH = """
const dialog = document.createElement('div');
dialog.setAttribute('role', 'dialog');
dialog.setAttribute('aria-modal', 'true');
dialog.setAttribute('aria-labelledby', 'late-title');
dialog.innerHTML = '<h2 id="late-title">Updates to Consumer Terms and Policies</h2>'
  + '<div style="display:flex"><div><div id="late-label">You can help improve Claude</div>'
  + '<div>Allow the use of your chats and coding sessions to train and improve Anthropic AI'
  + ' models.</div></div><input type="checkbox" role="switch" checked'
  + ' aria-labelledby="late-label" style="width:36px;height:20px"></div>'
  + '<div><button type="button">Accept</button> <button type="button">Not now</button></div>';
const sw = dialog.querySelector('[role=switch]');
return new Promise((resolve) => {
  const observer = new MutationObserver(() => {
    observer.disconnect();
    const mark = sw.getAttribute('data-privacy-guard');
    // The first frame that can show the mark: what the person sees of the popup.
    requestAnimationFrame(() => resolve({
      mark,
      ui: [...dialog.querySelectorAll('[data-privacy-guard-ui]')]
        .map((e) => e.getAttribute('data-privacy-guard-ui')).sort(),
    }));
  });
  observer.observe(sw, { attributes: true, attributeFilter: ['data-privacy-guard'] });
  setTimeout(() => resolve(null), 3000);
  document.body.append(dialog);
});
"""


def test_the_callout_shows_in_the_frame_that_first_shows_the_mark(driver):
    """The mark comes first and the callout right after it, never a frame later: no frame
    shows the popup's switch outlined without the words that explain it."""
    driver.open(CHAT, FIXTURES / "chat_quotes_the_words.html")
    driver.wait_for(READY, timeout=15)
    settle(driver, 500)
    seen = driver.evaluate(SHOW_POPUP_AND_WATCH)
    assert seen == {"mark": "on", "ui": ["accept-warning", "callout"]}


# A state the page leaves open or contradicts (hostile round 2, F4). Each is set on the
# live switch, which was on.
UNREADABLE_STATES = {
    "mixed": "sw.setAttribute('aria-checked', 'mixed');",
    "aria-off-data-on": "sw.setAttribute('aria-checked', 'false');",  # data-checked stays
}


@pytest.mark.parametrize("how", UNREADABLE_STATES.values(), ids=UNREADABLE_STATES.keys())
@pytest.mark.parametrize("when", ["from-the-start", "later"])
def test_a_state_the_page_does_not_settle_is_not_called_off(driver, how, when):
    url, fixture = SETTINGS_2026
    driver.open(url, FIXTURES / fixture)
    if when == "from-the-start":  # the overlay mounts 1.2 s after load, from its template
        driver.evaluate(
            "const sw = document.getElementById('settings').content"
            "  .querySelector('[data-fixture-expect]');" + how
        )
    driver.wait_for(READY, timeout=15)
    if when == "later":
        driver.wait_for(MARKS_AS_EXPECTED, timeout=5)
        driver.evaluate("const sw = document.querySelector('[data-fixture-expect]');" + how)
    driver.wait_for(
        f"return document.querySelector('[data-fixture-expect]') && {MARK[7:]}", timeout=5
    )
    settle(driver)
    assert driver.evaluate(MARK) != "off"
    # No callout claiming on or off: the notice says it could not tell.
    assert driver.evaluate(UI_KINDS) == ["notice"]
    if isinstance(driver, ChromiumDriver):  # reads the notice's closed shadow root
        # The switch was found: "couldn't find it" would be untrue (review round 6, 3).
        said = callout_shadow_html(driver)
        assert "Couldn't tell whether" in said and "Couldn't find" not in said, said


# The notice seen at any moment, not only at the end: a page-side record of whether the
# "couldn't read it" notice was ever in the page.
WATCH_FOR_NOTICE = """
window.__noticeSeen = false;
new MutationObserver(() => {
  if (document.querySelector('[data-privacy-guard-ui=notice]')) window.__noticeSeen = true;
}).observe(document, { childList: true, subtree: true });
"""
# The switch contradicts itself (aria-checked false, data-checked still there) for 150 ms,
# eight times: each is shorter than machine.js UNKNOWN_SETTLE_MS (300 ms), and at least one
# overlaps the notice's 250 ms surface scan.
FLICKER = """
const sw = document.querySelector('[data-fixture-expect]');
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
for (let i = 0; i < 8; i += 1) {
  sw.setAttribute('aria-checked', 'false');
  await wait(150);
  sw.setAttribute('aria-checked', 'true');
  await wait(150);
}
"""
# The overlay mounts (1.2 s after load) with the switch contradicting itself, and the page
# writes its aria-checked 100 ms later.
CONTRADICTED_AT_MOUNT = """
document.getElementById('settings').content.querySelector('[data-fixture-expect]')
  .setAttribute('aria-checked', 'false');
const seen = new MutationObserver(() => {
  const sw = document.querySelector('[data-fixture-expect]');
  if (!sw) return;
  seen.disconnect();
  setTimeout(() => sw.setAttribute('aria-checked', 'true'), 100);
});
seen.observe(document, { childList: true, subtree: true });
"""


@pytest.mark.parametrize("when", ["at-mount", "flickering-later"])
def test_a_state_contradicted_only_for_a_moment_gets_no_notice(driver, when):
    """unknownSettled at every depth: what the notice hears (track.found()) counts a
    switch as unreadable only once its contradiction held 300 ms, whoever asks (the end of
    track(), a forget(), the 250 ms scan of the Privacy settings); before, a moment's
    contradiction drew "couldn't read it, check yourself" and recorded "unknown"."""
    url, fixture = SETTINGS_2026
    driver.open(url, FIXTURES / fixture)
    driver.evaluate(WATCH_FOR_NOTICE + (CONTRADICTED_AT_MOUNT if when == "at-mount" else ""))
    driver.wait_for(READY, timeout=15)
    driver.wait_for(MARKS_AS_EXPECTED, timeout=5)
    if when == "flickering-later":
        driver.evaluate(f"return (async () => {{ {FLICKER} }})()")
    settle(driver, 1000)
    assert driver.evaluate(MARK) == "on"
    assert driver.evaluate("return window.__noticeSeen") is False, "a notice for a moment"
    assert driver.evaluate(UI_KINDS) == ["callout"]
    if isinstance(driver, ChromiumDriver):  # what was recorded last is what the page shows
        last = driver.context.service_workers[0].evaluate(
            "async () => (await chrome.storage.local.get('last')).last ?? null"
        )
        assert last and last["state"] == "on", f"recorded {last}"


# Where there is no "Not now": the onboarding step has Continue only (facts §2), and the
# consent popup after the deadline cannot be dismissed (facts §1, buttons).
NO_NOT_NOW = {
    "onboarding": ("https://claude.ai/onboarding", "onboarding_2026_hidden_input.html", "Continue"),
    "post-deadline-popup": (
        "https://claude.ai/new",
        "popup_2026_post_deadline_hidden_input.html",
        "Accept",
    ),
}


@pytest.mark.parametrize("where", NO_NOT_NOW.values(), ids=NO_NOT_NOW.keys())
def test_the_off_callout_names_no_button_the_page_does_not_have(driver, where):
    """Review round 6, 4: "Leaving without it (“Not now”)…" on a step with no Not now."""
    if driver.name != "chromium":
        pytest.skip("reads the callout's closed shadow root over CDP (Chromium)")
    url, fixture, button = where
    driver.open(url, FIXTURES / fixture)
    driver.wait_for(READY, timeout=15)
    driver.wait_for(f"{MARK} === 'on'", timeout=5)
    click_training(driver)
    driver.wait_for(f"{MARK} === 'off'", timeout=5)
    driver.wait_for(
        "return document.querySelector('[data-privacy-guard-ui=callout]') !== null", timeout=5
    )
    callout = callout_shadow_html(driver)
    assert f"Press “{button}”" in callout, callout
    assert "Not now" not in callout, callout
