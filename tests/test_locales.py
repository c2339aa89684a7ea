"""Languages are listed once, in locales.yaml: adding one needs no change to code or tests."""

from __future__ import annotations

import json
import re
import shutil

import yaml
from builder_support import copy_policy, page_languages, run_builder, ui_locales

# A locale the extension does not ship, in Chrome's folder naming.
NEW_LOCALE = "nl"
NEW_LOCALE_ENTRY = {
    "name": "Nederlands",
    "date": "{day} {month} {year}",
    "months": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "list_middle": "{0}, {1}",
    "list_end": "{0} en {1}",
}


def edit_yaml(path, change) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def test_a_new_ui_locale_is_locales_yaml_plus_its_strings(tmp_path):
    """The how-to in CONTRIBUTING.md: an entry in locales.yaml and strings/<locale>/, no code."""
    policy = copy_policy(tmp_path / "policy_data")
    assert NEW_LOCALE not in ui_locales(policy)
    edit_yaml(
        policy / "locales.yaml", lambda d: d["locales"].update({NEW_LOCALE: NEW_LOCALE_ENTRY})
    )
    # Stand-in text: the builder checks that every key is there, not the translation.
    shutil.copytree(policy / "strings" / "en", policy / "strings" / NEW_LOCALE)
    out = tmp_path / "dist"

    result = run_builder("build", "--policy-data", policy, "--out", out)

    assert result.returncode == 0, result.stderr
    assert NEW_LOCALE in ui_locales(policy)  # what the tests read, too
    for target in ("chrome", "firefox"):
        shipped = sorted(p.name for p in (out / target / "_locales").iterdir())
        assert shipped == ui_locales(policy)
    messages = json.loads(
        (out / "chrome/_locales" / NEW_LOCALE / "messages.json").read_text("utf-8")
    )
    # Facts are written with the new locale's date pattern.
    assert "8 oktober 2025" in json.dumps(messages, ensure_ascii=False)


def test_a_locale_listed_without_strings_is_refused(tmp_path):
    policy = copy_policy(tmp_path / "policy_data")
    edit_yaml(
        policy / "locales.yaml", lambda d: d["locales"].update({NEW_LOCALE: NEW_LOCALE_ENTRY})
    )

    result = run_builder("check", "--policy-data", policy)

    assert result.returncode == 2
    assert f"strings/{NEW_LOCALE}: is missing (listed in locales.yaml)" in result.stderr


def add_dutch_label(data) -> None:
    data["training_switch"]["labels"]["nl"] = ["\\bhelp onze ai-modellen verbeteren\\b"]
    data["training_switch"]["evidence"]["nl"] = "inferred: a test of the language list"


def test_detection_wording_only_in_a_listed_page_language(tmp_path):
    policy = copy_policy(tmp_path / "policy_data")
    assert "nl" not in page_languages(policy)
    edit_yaml(policy / "detection.yaml", add_dutch_label)

    refused = run_builder("check", "--policy-data", policy)

    assert refused.returncode == 2
    # file:line:column, then the key path (builder/errors.py).
    assert re.search(
        r"detection\.yaml:\d+:\d+: training_switch\.labels\.nl: unknown key \(expected one of "
        r"the page_languages in locales\.yaml: en, fr, de",
        refused.stderr,
    ), refused.stderr
    assert "Traceback" not in refused.stderr

    edit_yaml(policy / "locales.yaml", lambda d: d["page_languages"].append("nl"))
    accepted = run_builder("check", "--policy-data", policy)
    assert accepted.returncode == 0, accepted.stderr
