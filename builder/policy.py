"""Loads policy_data/, validates every file against its schema, and returns one Policy."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.errors import BuildError, Problem, display_path
from builder.javascript import JavaScriptChecks
from builder.messages import LISTING_LIMITS, MESSAGE_NAME_PART, render_listings, render_messages
from builder.positions import Positions, locate
from builder.schema import (
    Boolean,
    Date,
    Field,
    Integer,
    ListOf,
    MapOf,
    Pattern,
    Record,
    Selector,
    Shape,
    Text,
    Url,
)
from builder.yaml_files import load_yaml

# The facts the extension knows how to explain, and the type of each one's value
# (None: the fact is a statement with no value). A new fact needs UI that uses it,
# so it is added here and in the strings together.
FACT_VALUES: dict[str, Shape | None] = {
    "announced": Date(),
    "decision_deadline": Date(),
    "deadline_extended_to": Date(),
    "default_on": Boolean(),
    "training_scope": None,
    "retention_on_years": Integer(minimum=1, maximum=100),
    "retention_off_days": Integer(minimum=1, maximum=3650),
    "plans_affected": ListOf(Text(max_len=120), unique=True),
    "plans_not_affected": ListOf(Text(max_len=120), unique=True),
    "deleted_chats_not_trained": None,
    "opt_out_not_retroactive": None,
    "incognito_not_trained": None,
    "incognito_retention_days": Integer(minimum=1, maximum=3650),
    "flagged_kept_longer": None,
    "flagged_trains_even_off": None,
    "feedback_trains_even_off": None,
    "feedback_retention_years": Integer(minimum=1, maximum=100),
    "keep_proof": None,
}

SOURCE = Record(
    {
        "title": Field(Text(max_len=300)),
        "publisher": Field(Text(max_len=120)),
        "url": Field(Url(), required=False, doc="Where to read it; or give a date"),
        "date": Field(Date(), required=False, doc="Publication date, to find it by title"),
    }
)


def _fact_shape(value_shape: Shape | None) -> Record:
    fields = {
        "summary": Field(Text(max_len=400)),
        "sources": Field(
            ListOf(Text(max_len=80), unique=True), doc="Ids from `sources:` in policy.yaml"
        ),
    }
    if value_shape is not None:
        fields["value"] = Field(value_shape)
    return Record(fields)


POLICY_FILE = Record(
    {
        "policy_version": Field(
            Integer(minimum=1, maximum=65535),
            doc="Raise it whenever a fact or source changes; last part of the extension version",
        ),
        "sources": Field(MapOf(SOURCE), doc="Source id -> title, publisher, url and/or date"),
        "facts": Field(
            Record({name: Field(_fact_shape(shape)) for name, shape in FACT_VALUES.items()}),
            doc="The facts the extension explains (a new one also goes into FACT_VALUES)",
        ),
    }
)

# Detection wording is grouped by the language of the page it appears on; the languages
# are listed once, as `page_languages` in locales.yaml (claude.ai's, not the extension's),
# and _check_page_languages holds the wording to that list.
PAGE_LANGUAGE = Text(max_len=2, regex=r"[a-z]{2}", regex_hint="a two-letter language code")


def _by_language(value: Shape) -> MapOf:
    """A mapping from a page language (two letters) to `value`."""
    return MapOf(value, key_regex=r"[a-z]{2}", key_hint="a two-letter language code")


PATTERNS = ListOf(Pattern(), unique=True)
PATTERNS_BY_LANGUAGE = _by_language(PATTERNS)
# Where each language's wording comes from: "SRC: …" (Anthropic's own shipped app code
# or translation catalogs), "C: …", "C-: …" or "inferred: <reasoning>".
EVIDENCE_BY_LANGUAGE = _by_language(Text(max_len=400))
EVIDENCE_DOC = "Per language with wording: 'SRC: …', 'C: …', 'C-: …' or 'inferred: <reasoning>'"
SELECTOR = Selector()
SELECTORS = ListOf(SELECTOR, unique=True)
SOURCE_IDS = ListOf(Text(max_len=80), unique=True)
# Blocks of detection.yaml that name sources and per-language wording.
SOURCED_BLOCKS = (
    "training_switch",
    "consent_popup",
    "onboarding",
    "privacy_settings",
    "feedback_dialog",
)
# Per block, the keys whose languages must each have an `evidence` line.
WORDING_KEYS = {
    "training_switch": ("labels", "not_labels"),
    "consent_popup": ("titles", "accept_buttons", "lock_notes"),
    "onboarding": ("headings", "continue_buttons"),
    "privacy_settings": ("tab_names",),
}

DETECTION_FILE = Record(
    {
        "switch_selectors": Field(SELECTORS, doc="Elements that can be the training switch"),
        "ignore_inside": Field(SELECTORS, doc="Switches inside these are never the setting"),
        "not_dialogs": Field(SELECTORS),
        "training_switch": Field(
            Record(
                {
                    "sources": Field(SOURCE_IDS),
                    "labels": Field(
                        PATTERNS_BY_LANGUAGE, doc="The switch's name, per page language"
                    ),
                    "not_labels": Field(
                        PATTERNS_BY_LANGUAGE, doc="Other switches never taken for it"
                    ),
                    "signals": Field(Record({"row_mentions": Field(PATTERNS)})),
                    "evidence": Field(EVIDENCE_BY_LANGUAGE, doc=EVIDENCE_DOC),
                }
            )
        ),
        "consent_popup": Field(
            Record(
                {
                    "sources": Field(SOURCE_IDS),
                    "titles": Field(PATTERNS_BY_LANGUAGE),
                    "link_patterns": Field(PATTERNS),
                    "accept_buttons": Field(PATTERNS_BY_LANGUAGE),
                    "lock_notes": Field(
                        PATTERNS_BY_LANGUAGE,
                        doc="The note under a switch the account's email domain keeps off",
                    ),
                    "evidence": Field(EVIDENCE_BY_LANGUAGE, doc=EVIDENCE_DOC),
                }
            )
        ),
        "onboarding": Field(
            Record(
                {
                    "sources": Field(SOURCE_IDS),
                    "path_patterns": Field(PATTERNS),
                    "headings": Field(PATTERNS_BY_LANGUAGE),
                    "continue_buttons": Field(PATTERNS_BY_LANGUAGE),
                    "evidence": Field(EVIDENCE_BY_LANGUAGE, doc=EVIDENCE_DOC),
                }
            )
        ),
        "privacy_settings": Field(
            Record(
                {
                    "sources": Field(SOURCE_IDS),
                    "tab_names": Field(
                        PATTERNS_BY_LANGUAGE,
                        doc="The whole name of the Privacy screen in the settings nav and heading",
                    ),
                    "urls": Field(ListOf(Url(), unique=True)),
                    "path_patterns": Field(PATTERNS),
                    "hash_patterns": Field(PATTERNS),
                    "sub_screen_hash_patterns": Field(PATTERNS),
                    "panel_selectors": Field(SELECTORS),
                    "screen_selectors": Field(SELECTORS),
                    "sub_screen_selectors": Field(SELECTORS),
                    "overlay_selectors": Field(SELECTORS),
                    "current_tab_selectors": Field(
                        SELECTORS, doc="The settings nav's entry for the screen that shows"
                    ),
                    "row_selectors": Field(SELECTORS),
                    "not_found_after_ms": Field(Integer(minimum=1000, maximum=120_000)),
                    "evidence": Field(EVIDENCE_BY_LANGUAGE, doc=EVIDENCE_DOC),
                }
            )
        ),
        "feedback_dialog": Field(
            Record(
                {
                    "sources": Field(SOURCE_IDS),
                    "field_selectors": Field(SELECTORS, doc="What a feedback form holds"),
                    "note_selectors": Field(SELECTORS, doc="Small print that may be its note"),
                }
            )
        ),
    }
)

# How two parts of a list are joined, e.g. "{0}, {1}" or "{0} and {1}" (as in CLDR).
LIST_PATTERN = Text(
    max_len=40,
    regex=r"\{0\}[^{}]+\{1\}",
    regex_hint="a pattern like '{0} and {1}': {0}, the words between, then {1}",
)
LOCALE = Record(
    {
        "name": Field(Text(max_len=40)),
        "date": Field(
            Text(
                max_len=40,
                regex=r"(?=.*\{day\})(?=.*\{month\})(?=.*\{year\})[^{}]*(\{(day|month|year)\}[^{}]*)+",
                regex_hint="a pattern using {day}, {month} and {year}",
            )
        ),
        "months": Field(ListOf(Text(max_len=20), min_len=12, max_len=12)),
        "list_middle": Field(LIST_PATTERN),
        "list_end": Field(LIST_PATTERN),
    }
)
# Chrome's folder names for the locales it supports look like en, es, pt_BR, zh_CN.
LOCALES_FILE = Record(
    {
        "default": Field(Text(regex=r"[a-z]{2}(_[A-Z]{2})?", regex_hint="a locale like en")),
        "locales": Field(
            MapOf(LOCALE, key_regex=r"[a-z]{2}(_[A-Z]{2})?", key_hint="a locale like en or zh_CN")
        ),
        "page_languages": Field(ListOf(PAGE_LANGUAGE, unique=True)),
    }
)
STRINGS_FILE = MapOf(
    Text(max_len=1000),
    key_regex=MESSAGE_NAME_PART,
    key_hint="lower-case letters, digits or '_' (used in message names)",
)

# strings/<locale>/store.yaml: the store listing of one locale. Validated with the UI
# strings (its facts filled in the same way) but never shipped: builder/listing.py writes
# it out for the stores' forms. A locale without one is a problem for a release only
# (builder/listing.py listing_problems), not for a build.
LISTING_PART = "store"
_LISTING_DOCS = {
    "name": "The extension's name in the store",
    "summary": "One line under the name",
    "description": "The detailed description: paragraphs split by a blank line, list "
    "items starting with '- '; must keep the independence statement",
}
STORE_FILE = Record(
    {
        key: Field(
            # Counted exactly once the facts are filled in (builder/messages.py); the raw
            # text may hold a placeholder longer or shorter than its value.
            Text(max_len=2 * limit),
            doc=f"{_LISTING_DOCS[key]}; at most {limit:,} characters with the facts filled in",
        )
        for key, limit in LISTING_LIMITS.items()
    }
)


@dataclass(frozen=True)
class Policy:
    """Everything the builder renders, validated."""

    root: Path
    version: int
    sources: dict[str, dict[str, Any]]
    facts: dict[str, dict[str, Any]]
    detection: dict[str, Any]
    default_locale: str
    locales: dict[str, dict[str, Any]]
    # claude.ai's page languages, which detection wording is grouped by
    page_languages: tuple[str, ...]
    # locale -> message name -> text in the browsers' messages.json syntax
    messages: dict[str, dict[str, str]]
    # file as shown in messages -> where its keys are written, for later problems
    positions: dict[str, Positions]
    # locale -> name, summary, description of its store listing (facts filled in), for
    # the locales that have a strings/<locale>/store.yaml; never shipped
    listings: dict[str, dict[str, str]]


class _Collector:
    """Gathers problems for one file; values for Node to judge go to the shared batch."""

    def __init__(self, problems: list[Problem], path: Path, js: JavaScriptChecks | None = None):
        self.problems = problems
        self.name = display_path(path)
        self.js = js

    def __call__(self, key: str, message: str, on_key: bool = False) -> None:
        self.problems.append(Problem(self.name, key, message, on_key=on_key))

    def defer(self, kind: str, text: str, key: str) -> None:
        assert self.js is not None, "this file has no patterns or selectors"
        self.js.add(kind, text, lambda message: self(key, message))


def _load(
    path: Path,
    shape: Shape,
    problems: list[Problem],
    positions: dict[str, Positions],
    js: JavaScriptChecks | None = None,
) -> Any:
    data, where, load_problems = load_yaml(path)
    problems.extend(load_problems)
    if where is not None:
        positions[display_path(path)] = where
    if data is None:
        return None
    return shape.check(data, "", _Collector(problems, path, js))


# Dates that must not go backwards: a deadline cannot come before the announcement,
# nor be "extended" to an earlier day. Equal days are allowed.
DATE_ORDER = ("announced", "decision_deadline", "deadline_extended_to")


def _fact_value(facts: dict, name: str) -> Any:
    fact = facts.get(name)
    return fact.get("value") if isinstance(fact, dict) else None


def _check_dates_in_order(facts: dict, report: _Collector) -> None:
    # Each date is compared with the nearest earlier valid date only, so one wrong date is
    # one problem; a date that failed its own check is skipped, not compared.
    previous = None
    for name in DATE_ORDER:
        value = _fact_value(facts, name)
        if not isinstance(value, dt.date):
            continue
        if previous is not None and value < previous[1]:
            report(
                f"facts.{name}.value",
                f"{value.isoformat()} is before facts.{previous[0]}.value "
                f"({previous[1].isoformat()}); the dates must come in the order "
                + ", ".join(DATE_ORDER),
            )
            continue
        previous = (name, value)


def _check_source_refs(refs: list | None, sources: dict, report: _Collector, key: str) -> None:
    for i, ref in enumerate(refs or []):
        if ref is not None and ref not in sources:
            report(f"{key}[{i}]", f"unknown source {ref!r} (sources are defined in policy.yaml)")


def _check_sources_complete(sources: dict, report: _Collector) -> None:
    for sid, source in sources.items():
        if source and "url" not in source and "date" not in source:
            report(f"sources.{sid}", "needs a url, or a date to find the article by title and date")


def _check_evidence(detection: dict, report: _Collector) -> None:
    """Every language that has wording in a block says where that wording comes from."""
    for block, keys in WORDING_KEYS.items():
        section = detection.get(block) or {}
        evidence = section.get("evidence") or {}
        for key in keys:
            for language in section.get(key) or {}:
                if language not in evidence:
                    report(
                        f"{block}.evidence.{language}",
                        f"is missing: say where the {language!r} {key} come from "
                        "('SRC: …', 'C: …', 'C-: …' or 'inferred: <reasoning>')",
                    )


def _check_page_languages(detection: dict, languages: list, report: _Collector) -> None:
    """Wording and evidence only under a page language that locales.yaml lists."""
    listed = ", ".join(languages)
    for block, keys in WORDING_KEYS.items():
        section = detection.get(block) or {}
        for key in (*keys, "evidence"):
            for language in section.get(key) or {}:
                if language not in languages:
                    report(
                        f"{block}.{key}.{language}",
                        f"unknown key (expected one of the page_languages in locales.yaml: "
                        f"{listed})",
                    )


def load_policy(root: Path) -> Policy:
    """Load and validate the policy folder; raise BuildError listing every problem."""
    problems: list[Problem] = []
    if not root.is_dir():
        raise BuildError([Problem(display_path(root), "", "policy data folder is missing")])

    js = JavaScriptChecks()
    positions: dict[str, Positions] = {}
    policy = _load(root / "policy.yaml", POLICY_FILE, problems, positions)
    detection = _load(root / "detection.yaml", DETECTION_FILE, problems, positions, js)
    # One Node run judges every pattern and selector: starting Node costs more than checking.
    js.run(problems)
    locales_file = _load(root / "locales.yaml", LOCALES_FILE, problems, positions)

    sources = (policy or {}).get("sources") or {}
    if policy:
        report = _Collector(problems, root / "policy.yaml")
        _check_sources_complete(sources, report)
        for name, fact in (policy.get("facts") or {}).items():
            if fact:
                _check_source_refs(fact.get("sources"), sources, report, f"facts.{name}.sources")
        _check_dates_in_order(policy.get("facts") or {}, report)
    if detection and policy:
        report = _Collector(problems, root / "detection.yaml")
        for block in SOURCED_BLOCKS:
            if detection.get(block):
                _check_source_refs(
                    detection[block].get("sources"), sources, report, f"{block}.sources"
                )
    if detection:
        _check_evidence(detection, _Collector(problems, root / "detection.yaml"))
    page_languages = (locales_file or {}).get("page_languages")
    # Without a valid list (its own problem is reported) nothing is compared with it.
    if detection and page_languages and all(page_languages):
        report = _Collector(problems, root / "detection.yaml")
        _check_page_languages(detection, page_languages, report)

    locales = (locales_file or {}).get("locales") or {}
    default = (locales_file or {}).get("default")
    if locales_file and default and locales and default not in locales:
        _Collector(problems, root / "locales.yaml")("default", f"{default!r} is not in locales")

    listings: dict[str, dict[str, str]] = {}
    strings = _load_strings(root / "strings", locales, default, problems, positions, listings)

    if problems:
        raise BuildError(locate(problems, positions))

    facts = policy["facts"]
    messages = render_messages(strings, facts, locales, default, root / "strings", problems)
    listings = render_listings(
        listings, facts, locales, root / "strings", f"{LISTING_PART}.yaml", problems
    )
    if problems:
        raise BuildError(locate(problems, positions))
    return Policy(
        root=root,
        version=policy["policy_version"],
        sources=sources,
        facts=facts,
        detection=detection,
        default_locale=default,
        locales=locales,
        page_languages=tuple(page_languages),
        messages=messages,
        positions=positions,
        listings=listings,
    )


def _load_strings(
    folder: Path,
    locales: dict,
    default: str | None,
    problems: list[Problem],
    positions: dict[str, Positions],
    listings: dict[str, dict[str, str]],
) -> dict[str, dict[str, dict[str, str]]]:
    """Return locale -> part (file stem) -> key -> template; check every locale matches default.

    store.yaml (LISTING_PART) is not a part: its templates go into `listings` by locale."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    if not folder.is_dir():
        problems.append(Problem(display_path(folder), "", "strings folder is missing"))
        return out
    present = sorted(p.name for p in folder.iterdir() if p.is_dir())
    # Without a valid locales.yaml every folder would look unexpected; that file's own
    # problem is already reported.
    for extra in sorted(set(present) - set(locales)) if locales else []:
        problems.append(
            Problem(display_path(folder / extra), "", "locale folder not listed in locales.yaml")
        )
    for code in locales:
        locale_dir = folder / code
        if not locale_dir.is_dir():
            problems.append(
                Problem(display_path(locale_dir), "", "is missing (listed in locales.yaml)")
            )
            continue
        parts = {}
        for path in sorted(locale_dir.iterdir()):
            if path.suffix not in (".yaml", ".yml"):
                problems.append(Problem(display_path(path), "", "is not a .yaml file"))
                continue
            if not re.fullmatch(MESSAGE_NAME_PART, path.stem):
                # The file name starts every message name made from it (content.yaml's
                # turn_off is content_turn_off); browsers refuse the whole build otherwise.
                problems.append(
                    Problem(
                        display_path(path),
                        "",
                        f"file name {path.stem!r} would start message names like "
                        f"'{path.stem}_title', which browsers refuse; use lower-case "
                        "letters, digits or '_'",
                    )
                )
                continue
            if path.stem == LISTING_PART:
                listing = _load(path, STORE_FILE, problems, positions)
                if listing and all(listing.values()):
                    listings[code] = listing
                continue
            data = _load(path, STRINGS_FILE, problems, positions)
            # A file that failed to load is already reported; None keeps it out of the
            # comparisons below so it is not reported a second time as "missing".
            parts[path.stem] = None if data is None else {k: v for k, v in data.items() if v}
        out[code] = parts
    if default in out:
        reference = {k: v for k, v in out[default].items() if v is not None}
        for code, parts in out.items():
            if code == default:
                continue
            for part in sorted(set(reference) - set(parts)):
                problems.append(
                    Problem(display_path(folder / code / f"{part}.yaml"), "", "is missing")
                )
            for part in sorted(set(parts) & set(reference)):
                if parts[part] is None:
                    continue
                path = display_path(folder / code / f"{part}.yaml")
                for key in sorted(set(reference[part]) - set(parts[part])):
                    problems.append(Problem(path, key, f"is missing (present in {default})"))
                for key in sorted(set(parts[part]) - set(reference[part])):
                    problems.append(
                        Problem(path, key, f"unknown key (not in {default})", on_key=True)
                    )
            for part in sorted(set(parts) - set(reference)):
                problems.append(
                    Problem(
                        display_path(folder / code / f"{part}.yaml"),
                        "",
                        f"has no counterpart in {default}",
                    )
                )
    return out


def fact_json(value: Any) -> Any:
    """A fact value as JSON (dates as ISO text)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
