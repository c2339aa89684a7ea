"""Every string the user sees comes from _locales, complete in every language listed."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from builder_support import POLICY_DATA, REPO, copy_policy, ui_locales

from builder.messages import render_template
from builder.policy import load_policy

EXTENSION = REPO / "extension"
# Read from locales.yaml, the one list: a new locale is tested with no change here.
LOCALES = ui_locales()
# The JS helpers that take a message name; each adds its part's prefix.
PREFIXED_CALLS = {
    "content/callout.js": (r"\bmsg\(\s*\"(\w+)\"", "content_"),
    "popup/popup.js": (r"\bmsg\(\s*\"(\w+)\"", "popup_"),
    "background/badges.js": (r"\bmsg\(\s*\"(\w+)\"", "background_"),
    "history/history.js": (r"\bmsg\(\s*\"(\w+)\"", "history_"),
}
# Names built at run time from a fixed set of values (`state_${state}` and the like).
DYNAMIC = {
    "popup/popup.js": [
        f"popup_{kind}_{value}"
        for kind, values in {
            "state": ["on", "off", "unknown", "never", "stale", "noaccess"],
            "meaning": ["on", "off", "unknown"],
            "surface": ["popup", "settings", "onboarding"],
        }.items()
        for value in values
    ],
    "background/badges.js": [
        f"background_title_{k}" for k in ("on", "off", "unknown", "policy", "stale", "noaccess")
    ],
    "content/callout.js": [
        "content_locked_body",
        "content_off_body",
        *(f"content_feedback_{state}" for state in ("on", "off", "unknown")),
    ],
    "history/history.js": [
        *(
            f"history_{how}_{surface}"
            for how in ("seen", "confirmed")
            for surface in ("popup", "onboarding")
        ),
        *(f"history_state_{state}" for state in ("on", "off", "unknown")),
    ],
}


@pytest.fixture(scope="module")
def built(dist_dir: Path) -> Path:
    return dist_dir / "chrome"


def messages(built: Path, locale: str) -> dict[str, str]:
    data = json.loads((built / "_locales" / locale / "messages.json").read_text("utf-8"))
    return {key: value["message"] for key, value in data.items()}


def test_every_listed_locale_is_shipped(built):
    assert sorted(p.name for p in (built / "_locales").iterdir()) == LOCALES


@pytest.mark.parametrize("locale", LOCALES)
def test_locale_has_every_message_and_none_empty(built, locale):
    english = messages(built, "en")
    translated = messages(built, locale)
    assert sorted(translated) == sorted(english)
    assert [k for k, v in translated.items() if not v.strip()] == []


def used_keys() -> dict[str, set[str]]:
    """Every message name the extension's sources ask for, by file."""
    used: dict[str, set[str]] = {}
    for path in sorted(EXTENSION.rglob("*")):
        if path.suffix not in (".js", ".html", ".json", ".j2"):
            continue
        rel = path.relative_to(EXTENSION).as_posix()
        text = path.read_text("utf-8")
        keys = set(re.findall(r"__MSG_(\w+?)__", text))
        keys |= set(re.findall(r"data-i18n=\"(\w+)\"", text))
        keys |= set(re.findall(r"getMessage\(\s*\"(\w+)\"", text))
        keys |= set(re.findall(r"i18n\.message\(\s*\"(\w+)\"", text))
        if rel in PREFIXED_CALLS:
            pattern, prefix = PREFIXED_CALLS[rel]
            keys |= {prefix + k for k in re.findall(pattern, text)}
        keys |= set(DYNAMIC.get(rel, []))
        if keys:
            used[rel] = keys
    return used


def test_every_message_the_code_asks_for_exists(built):
    english = messages(built, "en")
    used = used_keys()
    # The scan must see the parts that show text, or this test proves nothing.
    assert {"manifest/base.json", "content/callout.js", "popup/popup.html"} <= used.keys()
    missing = {f: sorted(k - english.keys()) for f, k in used.items() if k - english.keys()}
    assert missing == {}


def test_every_shipped_message_is_used(built):
    english = messages(built, "en")
    used = set().union(*used_keys().values())
    assert sorted(english.keys() - used) == []


# A list fact and one item of it whose name appears in no other text.
LIST_FACT_ITEMS = [
    ("plans_affected", "Claude Max", "Max"),
    ("plans_not_affected", "Claude Gov", "Gov"),
]


@pytest.mark.parametrize(("fact", "item", "word"), LIST_FACT_ITEMS)
def test_text_stating_a_list_fact_follows_the_fact_in_every_language(tmp_path, fact, item, word):
    """Drop one plan from the fact: no message in any language may still name it."""
    policy = copy_policy(tmp_path / "policy_data")
    data = yaml.safe_load((policy / "policy.yaml").read_text("utf-8"))
    data["facts"][fact]["value"].remove(item)
    (policy / "policy.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    # Latin letters around the word, not \b: Korean writes a particle right after a name
    # ("Claude Max에"), which \b takes for the same word.
    naming = re.compile(rf"(?<![A-Za-z]){word}(?![A-Za-z])")

    shipped = load_policy(POLICY_DATA).messages
    edited = load_policy(policy).messages

    for locale in LOCALES:
        # The shipped text must name the item, or removing it proves nothing.
        assert [k for k, v in shipped[locale].items() if naming.search(v)], locale
        still = {k: v for k, v in edited[locale].items() if naming.search(v)}
        assert still == {}, f"{locale} still names {item} by hand"
        assert edited[locale] != shipped[locale]


@pytest.mark.parametrize(
    ("locale", "three", "two"),
    [
        ("en", "A, B and C", "A and B"),
        ("es", "A, B y C", "A y B"),
        ("fr", "A, B et C", "A et B"),
        ("de", "A, B und C", "A und B"),
        ("ja", "A、B、C", "A、B"),
        ("zh_CN", "A、B 和 C", "A 和 B"),
        ("pt_BR", "A, B e C", "A e B"),
        ("it", "A, B e C", "A e B"),
        ("ko", "A, B 및 C", "A 및 B"),
        # CLDR: a comma before the last of three or more, none between two.
        ("hi", "A, B, और C", "A और B"),
        ("id", "A, B, dan C", "A dan B"),
    ],
)
def test_list_fact_is_joined_the_way_the_language_writes_lists(locale, three, two):
    locale_data = load_policy(POLICY_DATA).locales[locale]

    def render(items: list[str]) -> str:
        text, _, errors = render_template("{plans}", {"plans": {"value": items}}, locale_data)
        assert errors == []
        return text

    assert render(["A", "B", "C"]) == three
    assert render(["A", "B"]) == two
    assert render(["A"]) == "A"


# Messages that name claude.ai's training setting: each must use the words the user sees
# on the page in that language (detection.yaml's labels, from claude.ai's own catalogs).
NAMES_THE_SETTING = [
    "content_not_found",
    "content_not_readable",
    "content_feedback_off",
    "popup_fact_feedback",
    "history_intro",
    "welcome_intro",
    "welcome_check_body",
]
DETECTION = yaml.safe_load((POLICY_DATA / "detection.yaml").read_text("utf-8"))


def page_words(text: str) -> str:
    """Text as the content script compares it (detection.yaml's header), for the few
    steps these messages need: NFKC, lower case, straight quotes, single spaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text)


def official_locales() -> list[str]:
    """UI locales whose page language has wording from claude.ai's own catalogs ("SRC")."""
    evidence = DETECTION["training_switch"]["evidence"]
    return [locale for locale in LOCALES if "SRC" in evidence.get(locale.split("_")[0], "")]


def matches_any(patterns: list[str], text: str) -> bool:
    return any(re.search(p, page_words(text)) for p in patterns)


def unanchored(patterns: list[str]) -> list[str]:
    """Whole-text patterns (^privacy$) made to find the words inside a sentence."""
    return [p.removeprefix("^").removesuffix("$") for p in patterns]


@pytest.mark.parametrize("locale", official_locales())
def test_the_setting_and_buttons_are_named_as_claude_ai_names_them(built, locale):
    """What Privacy Guard says matches what the user sees on the page, in every language:
    the setting's name, the Privacy screen's name and the buttons that save the choice."""
    language = locale.split("_")[0]
    said = messages(built, locale)
    labels = DETECTION["training_switch"]["labels"][language]
    wrong = {key: said[key] for key in NAMES_THE_SETTING if not matches_any(labels, said[key])}
    assert wrong == {}
    tab = unanchored(DETECTION["privacy_settings"]["tab_names"][language])
    opens = ("content_open_settings", "popup_open_settings", "welcome_check_button")
    assert {key: said[key] for key in opens if not matches_any(tab, said[key])} == {}
    accept, go_on = said["content_button_accept"], said["content_button_continue"]
    assert matches_any(DETECTION["consent_popup"]["accept_buttons"][language], accept)
    assert matches_any(DETECTION["onboarding"]["continue_buttons"][language], go_on)
    assert accept in said["history_confirmed_popup"]
    assert accept in said["popup_fact_default_on"]
    assert go_on in said["history_confirmed_onboarding"]


def test_every_new_claude_ai_language_is_checked():
    """The check above must cover claude.ai's UI languages, or it proves little."""
    assert {"pt_BR", "it", "ko", "hi", "id", "de", "fr", "es", "ja"} <= set(official_locales())


@pytest.mark.parametrize("locale", LOCALES)
def test_independence_statement_keeps_the_names(built, locale):
    """The stores' condition for a trademark in the name: said in every language, with
    "Claude" and "Anthropic, PBC" as the names they are."""
    statement = messages(built, locale)["about_independent"]
    assert "Claude" in statement
    assert "Anthropic, PBC" in statement
