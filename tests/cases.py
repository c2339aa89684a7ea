"""Fixture cases shared by the Chromium and Firefox detection tests, and how every browser
test reads a fixture page and acts on it as a person would."""

from __future__ import annotations

from dataclasses import dataclass

# --- Reading a fixture page ---------------------------------------------------------------
READY = "return document.documentElement.getAttribute('data-fixture-ready') === '1'"
# Marks agree with the fixture's expectations: same elements, same initial states.
MARKS_AS_EXPECTED = """
const marked = [...document.querySelectorAll('[data-privacy-guard]')];
const expected = [...document.querySelectorAll('[data-fixture-expect]')];
return marked.length === expected.length && expected.every(
  (e) => e.getAttribute('data-privacy-guard') === e.getAttribute('data-fixture-expect'));
"""
# The training switch: the element that carries its state (and the extension's mark).
TRAINING = "[data-fixture-expect]"
# What a person clicks to flip it, where that is another element: the visible track of a
# switch drawn as a visually hidden checkbox (claude-ui-facts.md §0.1), which no click
# reaches (Playwright refuses to click it, a hit test passes through it).
CONTROL = "[data-fixture-control]"
SWITCH_STATE = """
const s = document.querySelector('[data-fixture-expect]');
if (s instanceof HTMLInputElement) return s.checked ? 'on' : 'off';
return s.getAttribute('aria-checked') === 'true' ? 'on' : 'off';
"""
MARK = "return document.querySelector('[data-fixture-expect]').getAttribute('data-privacy-guard')"
UI_KINDS = """
return [...document.querySelectorAll('[data-privacy-guard-ui]')]
  .map((e) => e.getAttribute('data-privacy-guard-ui')).sort();
"""


def click_training(driver) -> None:
    """Flip the training switch the way a person does: a trusted click on what they see."""
    has_control = driver.evaluate(f"return document.querySelector('{CONTROL}') !== null")
    driver.click(CONTROL if has_control else TRAINING)


@dataclass(frozen=True)
class Case:
    """One fixture page, where it is served, and what the extension must do there."""

    id: str
    fixture: str  # file name under tests/fixtures/
    url: str  # where it is served
    marked: int  # training switches the extension must mark (0: a negative case)
    surface: str | None  # "popup", "onboarding" or "settings"; None for negatives
    flippable: bool  # the user can flip the training switch (not locked, not negative)
    note: str


CHAT = "https://claude.ai/chat/0b4c7f6e-3f2a-4c1e-9d4a-5a8f2e1c9b70"
NEW = "https://claude.ai/new"
PRIVACY_2025 = "https://claude.ai/settings/data-privacy-controls"
PRIVACY_2026 = "https://claude.ai/new#settings/data-privacy-controls"
CHAT_PRIVACY_2026 = f"{CHAT}#settings/data-privacy-controls"
EXPORT_2026 = "https://claude.ai/new#settings/data-privacy-controls/export-data"
ONBOARDING = "https://claude.ai/onboarding"

CASES: tuple[Case, ...] = (
    Case("popup-native", "popup_en_native_on.html", NEW, 1, "popup", True,
         "original popup, native checkbox switch named through aria-labelledby"),
    Case("popup-radix", "popup_en_radix_on.html", NEW, 1, "popup", True,
         "original popup, Radix button switch with aria-checked"),
    Case("popup-late-pushstate", "popup_en_late_after_pushstate.html", CHAT, 1, "popup", True,
         "popup inserted 1.3 s after load, after a history.pushState route change"),
    Case("popup-words-late", "popup_en_words_arrive_late.html", NEW, 1, "popup", True,
         "popup mounted before its strings: the switch's label fills in 1.2 s later"),
    Case("popup-october", "popup_en_october_copy.html", NEW, 1, "popup", True,
         "later copy with the October 8 date in bold"),
    Case("popup-post-deadline", "popup_post_deadline.html", NEW, 1, "popup", True,
         "post-deadline variant: 'We've updated…' and 'Help improve Claude'"),
    Case("popup-label-drift", "popup_label_drift.html", NEW, 1, "popup", True,
         "label drift 'Help improve our AI models', named by aria-label only"),
    Case("popup-locked", "popup_locked_org_domain.html", NEW, 1, "popup", False,
         "organisation-domain account: switch off and disabled, reported as off"),
    Case("popup-press-title", "popup_press_title.html", NEW, 1, "popup", True,
         "press title; wrapping <label>, text split over spans with no-break spaces"),
    Case("popup-es", "popup_es.html", NEW, 1, "popup", True, "Spanish popup"),
    Case("popup-fr", "popup_fr.html", NEW, 1, "popup", True, "French popup"),
    Case("popup-de", "popup_de.html", NEW, 1, "popup", True, "German popup"),
    Case("settings-2025-off", "settings_2025_en_off.html", PRIVACY_2025, 1, "settings", True,
         "2025 settings page, <label for>, switch off beside Location metadata on"),
    Case("settings-2026-modal", "settings_2026_modal_on.html", PRIVACY_2026, 1, "settings", True,
         "2026 settings modal rendered late; row text is the only label"),
    Case("settings-2026-hashchange", "settings_2026_after_hashchange.html", CHAT, 1, "settings",
         True, "settings modal opened from a chat by a hash change, native switches"),
    Case("settings-ja", "settings_ja.html", PRIVACY_2025, 1, "settings", True,
         "Japanese settings page"),
    Case("settings-zh", "settings_zh.html", PRIVACY_2025, 1, "settings", True,
         "Chinese settings page, switch off"),
    Case("popup-2026", "popup_2026_cds.html", NEW, 1, "popup", True,
         "2026 popup: 'Help improve our AI models', Base UI dialog, CDS switch with hidden twin"),
    Case("onboarding-2026", "onboarding_2026.html", ONBOARDING, 1, "onboarding", True,
         "new-user step 'Before your first chat': full-screen, not a dialog, Continue saves"),
    Case("settings-2026-en", "settings_2026_en_cds.html", PRIVACY_2026, 1, "settings", True,
         "2026 Privacy overlay: renamed switch, CDS rows and switches, Preferences section"),
    Case("settings-2026-fr", "settings_2026_fr.html", PRIVACY_2026, 1, "settings", True,
         "French 2026 wording, switch off, named through aria-labelledby"),
    Case("settings-2026-de", "settings_2026_de.html", PRIVACY_2026, 1, "settings", True,
         "German 2026 wording with a no-break hyphen"),
    Case("settings-2026-ja", "settings_2026_ja.html", PRIVACY_2026, 1, "settings", True,
         "Japanese 2026 wording split by <wbr> and a zero-width space"),
    Case("settings-2026-ko", "settings_2026_ko.html", PRIVACY_2026, 1, "settings", True,
         "Korean, no public wording (fixture text is ours): recognised by the Anthropic signal"),
    Case("settings-2026-ptbr", "settings_2026_ptbr.html", PRIVACY_2026, 1, "settings", True,
         "Brazilian Portuguese settings wording (press, 2025), switch off"),
    Case("settings-no-url-change", "settings_2026_no_url_change.html", CHAT, 1, "settings", True,
         "overlay opened by the shortcut with no URL change, Privacy screen swapped in by a nav "
         "button without href, over a 2026 chat"),
    Case("settings-over-task-list", "settings_2026_over_chat_task_list.html", CHAT_PRIVACY_2026,
         1, "settings", True,
         "overlay over a chat whose reply's task list quotes the words: only the switch is marked"),
    Case("popup-hostile-elements", "popup_hostile_custom_elements.html", NEW, 1, "popup", True,
         "page squats custom-element names and hides every undefined element"),
    Case("popup-no-animation", "popup_no_animation_nested_portal.html", NEW, 1, "popup", True,
         "animations off by a layered !important rule; dialog mounted in an existing portal root"),
    # The surfaces as the shipped app draws them (claude-ui-facts.md §0-§5, issue 19): the
    # popup's and onboarding's switch is a visually hidden checkbox behind a visible track.
    Case("popup-2025-hidden-input", "popup_2025_hidden_input.html", NEW, 1, "popup", True,
         "Radix popup, 2025 wording, visually hidden checkbox switch named by its wrapping label"),
    Case("popup-grace-hidden-input", "popup_2026_grace_hidden_input.html", NEW, 1, "popup", True,
         "Radix popup of the grace period, 'Help improve our AI models', hidden checkbox switch"),
    Case("popup-post-deadline-hidden-input", "popup_2026_post_deadline_hidden_input.html", NEW, 1,
         "popup", True, "post-deadline popup: 'We have updated…', no 'Not now', hidden checkbox"),
    Case("popup-locked-hidden-input", "popup_2026_locked_hidden_input.html", NEW, 1, "popup",
         False, "organisation-domain lock: the hidden checkbox disabled and off"),
    Case("onboarding-hidden-input", "onboarding_2026_hidden_input.html", ONBOARDING, 1,
         "onboarding", True, "'Before your first chat' as drawn: region, list, hidden checkbox"),
    Case("popup-fr-hidden-input", "popup_2026_fr_hidden_input.html", NEW, 1, "popup", True,
         "French popup, official wording (§5)"),
    Case("popup-de-hidden-input", "popup_2026_de_hidden_input.html", NEW, 1, "popup", True,
         "German popup, official wording (§5)"),
    Case("popup-es419-hidden-input", "popup_2026_es419_hidden_input.html", NEW, 1, "popup", True,
         "Latin American Spanish popup, official wording (§5)"),
    Case("popup-ptbr-hidden-input", "popup_2026_ptbr_hidden_input.html", NEW, 1, "popup", True,
         "Brazilian Portuguese popup, official wording (§5)"),
    Case("popup-it-hidden-input", "popup_2026_it_hidden_input.html", NEW, 1, "popup", True,
         "Italian popup, official wording (§5)"),
    Case("popup-ko-hidden-input", "popup_2026_ko_hidden_input.html", NEW, 1, "popup", True,
         "Korean popup, official wording (§5)"),
    Case("popup-hi-hidden-input", "popup_2026_hi_hidden_input.html", NEW, 1, "popup", True,
         "Hindi popup, official wording (§5)"),
    Case("onboarding-ja-hidden-input", "onboarding_2026_ja_hidden_input.html", ONBOARDING, 1,
         "onboarding", True, "Japanese onboarding step, official wording (§5)"),
    Case("onboarding-id-hidden-input", "onboarding_2026_id_hidden_input.html", ONBOARDING, 1,
         "onboarding", True, "Indonesian onboarding step, official wording (§5)"),
    Case("onboarding-eses-hidden-input", "onboarding_2026_eses_hidden_input.html", ONBOARDING, 1,
         "onboarding", True, "Spanish (Spain) onboarding step, official wording (§5)"),
    Case("settings-cds-markers", "settings_2026_cds_overlay.html", PRIVACY_2026, 1, "settings",
         True, "CDS settings dialog in its portal, nav with aria-current, 2026 markers"),
    Case("settings-cds-no-markers", "settings_2026_cds_no_markers.html", PRIVACY_2026, 1,
         "settings", True, "the same dialog without any data-perf-* or data-settings-* marker"),
    Case("settings-shortcut-no-hash", "settings_2026_shortcut_no_hash.html", CHAT, 1, "settings",
         True, "opened by the shortcut over a chat, no hash, no marker; General, then Privacy"),
    Case("settings-over-chat-2026", "settings_2026_cds_over_chat_2026.html", CHAT_PRIVACY_2026, 1,
         "settings", True, "the CDS overlay over a 2026-10 chat that quotes the setting"),
    Case("chat-2026-quotes", "chat_2026_transcript_quotes.html", CHAT, 0, None, False,
         "2026-10 transcript quoting the setting, with a task list and switch-looking checkboxes"),
    Case("settings-general-privacy-hidden", "settings_2026_general_tab_first.html", CHAT, 0, None,
         False, "settings dialog on General; the Privacy panel mounted but display: none"),
    Case("chat-quotes", "chat_quotes_the_words.html", CHAT, 0, None, False,
         "chat messages quote the words; tools menu with other switches"),
    Case("settings-other", "settings_other_page.html", "https://claude.ai/settings/capabilities",
         0, None, False, "settings page with other switches only"),
    Case("share-dialog", "share_dialog.html", CHAT, 0, None, False,
         "share dialog with a 'make public' switch"),
    Case("other-dialog", "other_dialog_with_switch.html", NEW, 0, None, False,
         "feature announcement dialog that mentions improving Claude's answers"),
    Case("settings-general", "settings_general_modal.html", NEW, 0, None, False,
         "2026 settings modal on another screen: notifications and location switches"),
    Case("settings-export", "settings_2026_export_subscreen.html", EXPORT_2026, 0, None, False,
         "the Privacy tab's export sub-screen: a radiogroup, no switch, no notice"),
    Case("settings-ambiguous", "settings_signal_ambiguous.html", PRIVACY_2026, 0, None, False,
         "unknown wording and two switches the signal cannot tell apart: nothing is marked"),
    Case("other-host", "not_claude_host.html", "https://example.com/new", 0, None, False,
         "the consent popup's markup outside claude.ai"),
)  # fmt: skip

POSITIVE = tuple(c for c in CASES if c.marked)
NEGATIVE = tuple(c for c in CASES if not c.marked)
