"""Turns the UI string templates into browser i18n messages, filling in policy facts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from builder.errors import Problem, display_path

# {retention_on_years} inserts a fact; {1}..{9} stay for the extension to fill at run time
# ($1..$9 in messages.json); {{ and }} are literal braces.
_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")

# A strings file's name and each key in it make a message name, "<file>_<key>". Browsers
# accept only ASCII letters, digits, '_' and '@' in message names (Chromium refuses to load
# the extension otherwise, "@@" names are reserved); the parts are kept to lower case.
# https://developer.chrome.com/docs/extensions/reference/api/i18n#overview-predefined
MESSAGE_NAME_PART = r"[a-z][a-z0-9_]*"
_MESSAGE_NAME = re.compile(r"[A-Za-z0-9_]+")

# One message the builder adds to every locale: the locale's own language tag (zh_CN ->
# zh-CN). The browser picks the closest locale it ships for the user's UI language, so this
# tells the pages which language the text they show is in, for <html lang> and for dates
# written with Intl in that language (a browser in an unshipped language gets English
# text, and English dates with it). Message names made from files always hold a '_'.
LOCALE_MESSAGE = "locale"

# Limits the stores enforce on the manifest's localised name and description.
# https://developer.chrome.com/docs/extensions/reference/manifest/name
# https://developer.chrome.com/docs/extensions/reference/manifest/description
LENGTH_LIMITS = {"manifest_extension_name": 75, "manifest_extension_description": 132}


def format_date(value: dt.date, locale: dict[str, Any]) -> str:
    """A date in the locale's own words, e.g. 'October 8, 2025' or '2025年10月8日'."""
    return locale["date"].format(
        day=value.day, month=locale["months"][value.month - 1], year=value.year
    )


def format_list(items: list[str], locale: dict[str, Any]) -> str:
    """A list in the locale's own style, e.g. 'A, B and C' or 'A、B、C'."""
    text = items[-1]
    if len(items) > 1:
        text = locale["list_end"].format(items[-2], text)
    for item in reversed(items[:-2]):
        text = locale["list_middle"].format(item, text)
    return text


def _fact_text(value: Any, locale: dict[str, Any]) -> str | None:
    if isinstance(value, dt.date):
        return format_date(value, locale)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return format_list(value, locale)
    return None


def _fact_or_problem(
    name: str, facts: dict[str, Any], locale: dict[str, Any], errors: list[str], run_time: bool
) -> str | None:
    """The text of fact `name` in the locale's style, or None with the problem added."""
    if name in facts:
        value = facts[name].get("value") if facts[name] else None
        text = _fact_text(value, locale)
        if text is None:
            errors.append(f"fact {{{name}}} has no value that can be shown as text")
        return text
    known = ", ".join(sorted(k for k, f in facts.items() if f and "value" in f))
    also = "; or {1}" if run_time else ""
    errors.append(f"unknown placeholder {{{name}}} (facts with values: {known}{also})")
    return None


def fill_facts(
    template: str, facts: dict[str, Any], locale: dict[str, Any]
) -> tuple[str, list[str]]:
    """Return (text, problems) for text read outside the browser (store listings).

    Only facts are filled ({retention_on_years}, ...), the same way as in the messages;
    nothing is filled at run time, so {1} is a problem, and '$' and white space stay as
    written (the caller decides what a line break means)."""
    out: list[str] = []
    errors: list[str] = []
    pos = 0
    for match in _FIELD.finditer(template):
        out.append(template[pos : match.start()])
        pos = match.end()
        token, name = match.group(0), match.group(1)
        if token in ("{{", "}}"):
            out.append(token[0])
        elif name is None:
            errors.append(f"unbalanced {token!r}; write {token * 2} for a literal brace")
        elif re.fullmatch(r"[1-9]", name):
            errors.append(f"{{{name}}} is a run-time value of the extension; this text has none")
        else:
            text = _fact_or_problem(name, facts, locale, errors, run_time=False)
            if text is not None:
                out.append(text)
    out.append(template[pos:])
    return "".join(out), errors


def render_template(
    template: str, facts: dict[str, Any], locale: dict[str, Any]
) -> tuple[str, set[str], list[str]]:
    """Return (message text, runtime argument numbers used, problems)."""
    out: list[str] = []
    args: set[str] = set()
    errors: list[str] = []
    pos = 0
    previous_arg: tuple[str, int] | None = None  # (name, end) of the last {1}..{9}
    for match in _FIELD.finditer(template):
        out.append(template[pos : match.start()].replace("$", "$$"))
        pos = match.end()
        token = match.group(0)
        name = match.group(1)
        if token in ("{{", "}}"):
            out.append(token[0])
        elif name is None:
            errors.append(f"unbalanced {token!r}; write {token * 2} for a literal brace")
        elif re.fullmatch(r"[1-9]", name):
            # "$2$1" is read by Chrome as a named placeholder "$2$", which it then refuses
            # to load the build for ("Variable $2$ used but not defined").
            if previous_arg and previous_arg[1] == match.start():
                errors.append(
                    f"{{{previous_arg[0]}}}{{{name}}} side by side: Chrome cannot read them; "
                    "put a character between them"
                )
            previous_arg = (name, match.end())
            args.add(name)
            out.append(f"${name}")
        else:
            text = _fact_or_problem(name, facts, locale, errors, run_time=True)
            if text is not None:
                out.append(text.replace("$", "$$"))
    out.append(template[pos:].replace("$", "$$"))
    text = " ".join("".join(out).split())
    return text, args, errors


def render_messages(
    strings: dict[str, dict[str, dict[str, str]]],
    facts: dict[str, Any],
    locales: dict[str, dict[str, Any]],
    default: str,
    folder: Path,
    problems: list[Problem],
) -> dict[str, dict[str, str]]:
    """Render every locale's strings; report bad placeholders and argument mismatches."""
    rendered: dict[str, dict[str, str]] = {}
    arguments: dict[str, dict[str, set[str]]] = {}
    # message name -> (file part, key), to name the file of a later problem
    origin: dict[str, tuple[str, str]] = {}
    for code, parts in strings.items():
        rendered[code] = {}
        arguments[code] = {}
        for part, entries in parts.items():
            if entries is None:
                continue
            path = display_path(folder / code / f"{part}.yaml")
            for key, template in entries.items():
                name = f"{part}_{key}"
                if not _MESSAGE_NAME.fullmatch(name):
                    problems.append(Problem(path, key, f"message name {name!r} is not valid"))
                    continue
                if name in rendered[code]:
                    other = "{}.yaml: {}".format(*origin[name])
                    problems.append(
                        Problem(path, key, f"makes message name {name!r}, as {other} does")
                    )
                    continue
                origin[name] = (part, key)
                text, args, errors = render_template(template, facts, locales[code])
                problems.extend(Problem(path, key, e) for e in errors)
                limit = LENGTH_LIMITS.get(name)
                visible = text.replace("$$", "$")
                if limit and len(visible) > limit:
                    problems.append(
                        Problem(path, key, f"is {len(visible)} characters; stores allow {limit}")
                    )
                rendered[code][name] = text
                arguments[code][name] = args
    for code in rendered:
        rendered[code][LOCALE_MESSAGE] = code.replace("_", "-")
    reference = arguments.get(default, {})
    for code, names in arguments.items():
        for name, args in names.items():
            expected = reference.get(name)
            if expected is not None and args != expected:
                part, key = origin[name]
                problems.append(
                    Problem(
                        display_path(folder / code / f"{part}.yaml"),
                        key,
                        f"uses run-time values {sorted(args)} but the reference locale uses "
                        f"{sorted(expected)}",
                    )
                )
    return rendered


# The store listing's texts and the most characters each store form takes, counted once
# the facts are filled in. Name and summary: the Chrome Web Store's limits (as for the
# manifest's name and description above; addons.mozilla.org allows a 250-character
# summary). Description: the Chrome Web Store's detailed description field.
LISTING_LIMITS = {"name": 75, "summary": 132, "description": 16_000}
# Both stores accept "…for Claude" only with a clear statement that the project is
# independent; every translation of it names the trademark's owner by its legal name.
INDEPENDENCE_MARK = "Anthropic, PBC"
# Keys written on one line; the description keeps its paragraphs.
_ONE_LINE = ("name", "summary")
# A line of the description that starts a list item keeps its own line.
_LIST_ITEM = re.compile(r"[-•] ")


def plain_paragraphs(text: str) -> str:
    """Text as the stores show it: paragraphs (split by a blank line) each on one line,
    list items ('- ' or '• ') each on their own line, runs of spaces folded."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines: list[str] = []
        for raw in block.splitlines():
            line = " ".join(raw.split())
            if not line:
                continue
            if lines and not _LIST_ITEM.match(line):
                lines[-1] = f"{lines[-1]} {line}"
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def render_listings(
    listings: dict[str, dict[str, str]],
    facts: dict[str, Any],
    locales: dict[str, dict[str, Any]],
    folder: Path,
    file_name: str,
    problems: list[Problem],
) -> dict[str, dict[str, str]]:
    """Fill the facts into each locale's store listing; report unknown placeholders and
    texts longer than LISTING_LIMITS allows. Returns locale -> key -> plain text."""
    out: dict[str, dict[str, str]] = {}
    for code, entries in listings.items():
        path = display_path(folder / code / file_name)
        out[code] = {}
        for key, template in entries.items():
            text, errors = fill_facts(template, facts, locales[code])
            problems.extend(Problem(path, key, e) for e in errors)
            text = " ".join(text.split()) if key in _ONE_LINE else plain_paragraphs(text)
            limit = LISTING_LIMITS.get(key)
            if limit and len(text) > limit:
                problems.append(
                    Problem(
                        path,
                        key,
                        f"is {len(text)} characters with the facts filled in; "
                        f"the stores allow {limit}",
                    )
                )
            if key == "description" and INDEPENDENCE_MARK not in text:
                problems.append(
                    Problem(
                        path,
                        key,
                        'lacks the independence statement ("Independent project; not made or '
                        'endorsed by Anthropic. Claude is a trademark of Anthropic, PBC.", '
                        f"translated, keeping {INDEPENDENCE_MARK!r})",
                    )
                )
            out[code][key] = text
    return out
