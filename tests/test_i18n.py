"""Every string the user sees comes from _locales, complete in every language listed."""

from __future__ import annotations

import json
import re
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
    "background/background.js": (r"\bmsg\(\s*\"(\w+)\"", "background_"),
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
    "background/background.js": [
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
    naming = re.compile(rf"\b{word}\b")

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
