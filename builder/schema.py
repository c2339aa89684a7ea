"""A small validator: describes expected shapes and collects every mismatch with its key path."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit


class Report(Protocol):
    """Where a checker reports: report(path, message), or report.defer(...) for Node's verdict."""

    def __call__(self, path: str, message: str) -> None: ...

    def defer(self, kind: str, text: str, path: str) -> None:
        """Queue text to be judged by JavaScript (builder/javascript.py), reported at `path`."""


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        dt.date: "a date",
    }.get(type(value), type(value).__name__)


class Shape:
    """Base class: subclasses check one kind of value."""

    expected = "a value"

    def check(self, value: Any, path: str, report: Report) -> Any:
        raise NotImplementedError

    def wrong_type(self, value: Any, path: str, report: Report) -> None:
        report(path, f"expected {self.expected}, got {_type_name(value)}")


@dataclass
class Text(Shape):
    """Non-empty text, optionally limited in length or matched against a regex."""

    max_len: int = 2000
    regex: str | None = None
    regex_hint: str = ""
    expected: str = "text"

    def check(self, value, path, report):
        if not isinstance(value, str):
            self.wrong_type(value, path, report)
            return None
        if not value.strip():
            report(path, "must not be empty")
            return None
        if len(value) > self.max_len:
            report(path, f"is {len(value)} characters; at most {self.max_len} allowed")
            return None
        if self.regex and not re.fullmatch(self.regex, value):
            report(path, f"{value!r} is not {self.regex_hint or 'valid'}")
            return None
        return value


@dataclass
class Integer(Shape):
    """A whole number within bounds (true/false is not a number here)."""

    minimum: int = 0
    maximum: int = 1_000_000
    expected: str = "a whole number"

    def check(self, value, path, report):
        if isinstance(value, bool) or not isinstance(value, int):
            self.wrong_type(value, path, report)
            return None
        if not self.minimum <= value <= self.maximum:
            report(path, f"{value} is out of range ({self.minimum} to {self.maximum})")
            return None
        return value


@dataclass
class Boolean(Shape):
    """true or false."""

    expected: str = "true or false"

    def check(self, value, path, report):
        if not isinstance(value, bool):
            self.wrong_type(value, path, report)
            return None
        return value


@dataclass
class Date(Shape):
    """A calendar date written as YYYY-MM-DD."""

    expected: str = "a date like 2025-08-28"

    def check(self, value, path, report):
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            if not 2000 <= value.year <= 2100:
                report(path, f"{value.isoformat()} is not a plausible date")
                return None
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
            report(path, f"expected {self.expected}, got {value!r}")
            return None
        self.wrong_type(value, path, report)
        return None


@dataclass
class Url(Shape):
    """An absolute https URL with a host."""

    expected: str = "an https:// URL"

    def check(self, value, path, report):
        text = Text(expected=self.expected).check(value, path, report)
        if text is None:
            return None
        parts = urlsplit(text)
        if parts.scheme != "https" or not parts.hostname or any(c.isspace() for c in text):
            report(path, f"expected {self.expected}, got {text!r}")
            return None
        return text


@dataclass
class Pattern(Shape):
    """A regular expression valid in JavaScript's u mode that cannot backtrack badly.

    Judged later, all patterns in one Node run (builder/javascript.py)."""

    expected: str = "a regular expression"

    def check(self, value, path, report):
        text = Text(max_len=300, expected=self.expected).check(value, path, report)
        if text is not None:
            report.defer("patterns", text, path)
        return text


@dataclass
class Selector(Shape):
    """One CSS selector, parsed by a real CSS selector parser in the same Node run."""

    expected: str = "a CSS selector"

    def check(self, value, path, report):
        # Braces, < > and ; are refused before parsing: the selectors are written into a
        # stylesheet and a script, where they must not end a rule or a tag.
        text = Text(
            max_len=200,
            regex=r"[^{}<>;]+",
            regex_hint="a CSS selector (no braces, <, > or ;)",
            expected=self.expected,
        ).check(value, path, report)
        if text is not None:
            report.defer("selectors", text, path)
        return text


@dataclass
class ListOf(Shape):
    """A list whose items all have one shape."""

    item: Shape
    min_len: int = 1
    max_len: int = 200
    unique: bool = False
    expected: str = "a list"

    def check(self, value, path, report):
        if not isinstance(value, list):
            self.wrong_type(value, path, report)
            return None
        if len(value) < self.min_len:
            report(path, f"needs at least {self.min_len} item(s)")
            return None
        if len(value) > self.max_len:
            report(path, f"has {len(value)} items; at most {self.max_len} allowed")
            return None
        out = [self.item.check(v, _join(path, i), report) for i, v in enumerate(value)]
        if self.unique:
            seen = set()
            for i, v in enumerate(out):
                if v is not None and v in seen:
                    report(_join(path, i), f"{v!r} is listed twice")
                seen.add(v)
        return out


@dataclass
class Field:
    """One key of a Record."""

    shape: Shape
    required: bool = True


@dataclass
class Record(Shape):
    """A mapping with known keys; unknown keys and missing required keys are reported."""

    fields: dict[str, Field]
    expected: str = "a mapping"

    def check(self, value, path, report):
        if not isinstance(value, dict):
            self.wrong_type(value, path, report)
            return None
        out = {}
        for key in value:
            if key not in self.fields:
                known = ", ".join(self.fields)
                report(_join(path, str(key)), f"unknown key (expected one of: {known})")
        for key, spec in self.fields.items():
            if key in value:
                out[key] = spec.shape.check(value[key], _join(path, key), report)
            elif spec.required:
                report(_join(path, key), "is missing")
        return out


@dataclass
class MapOf(Shape):
    """A mapping from names (matching key_regex) to values of one shape."""

    value: Shape
    key_regex: str = r"[a-z][a-z0-9_-]*"
    key_hint: str = "lower-case letters, digits, '-' or '_'"
    allowed_keys: tuple[str, ...] | None = None
    min_len: int = 1
    max_len: int = 500
    expected: str = "a mapping"

    def check(self, value, path, report):
        if not isinstance(value, dict):
            self.wrong_type(value, path, report)
            return None
        if len(value) < self.min_len:
            report(path, f"needs at least {self.min_len} entr{'y' if self.min_len == 1 else 'ies'}")
            return None
        if len(value) > self.max_len:
            report(path, f"has {len(value)} entries; at most {self.max_len} allowed")
            return None
        out = {}
        for key, item in value.items():
            sub = _join(path, str(key))
            if not isinstance(key, str) or not re.fullmatch(self.key_regex, key):
                report(sub, f"key {key!r} must be {self.key_hint}")
                continue
            if self.allowed_keys is not None and key not in self.allowed_keys:
                report(sub, f"unknown key (expected one of: {', '.join(self.allowed_keys)})")
                continue
            out[key] = self.value.check(item, sub, report)
        return out
