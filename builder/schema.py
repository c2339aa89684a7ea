"""A small validator: describes expected shapes, collects every mismatch with its key path,
and writes the same shapes as JSON Schema for editors (builder/json_schema.py)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit


class Report(Protocol):
    """Where a checker reports: report(path, message), or report.defer(...) for Node's verdict."""

    def __call__(self, path: str, message: str, on_key: bool = False) -> None: ...

    def defer(self, kind: str, text: str, path: str) -> None:
        """Queue text to be judged by JavaScript (builder/javascript.py), reported at `path`."""


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def _whole(regex: str) -> str:
    """A Python fullmatch regex as a JSON Schema pattern (ECMA-262, which searches)."""
    return f"^(?:{regex})$"


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

    def json_schema(self) -> dict[str, Any]:
        """The part of this shape a JSON Schema validator can check (draft-07)."""
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

    def json_schema(self):
        # Not only white space: the lookahead; then the regex, if any, over the whole text.
        pattern = r"^(?=[\s\S]*\S)" + (_whole(self.regex)[1:] if self.regex else "")
        out = {"type": "string", "minLength": 1, "maxLength": self.max_len, "pattern": pattern}
        if self.regex_hint:
            out["description"] = self.regex_hint
        return out


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

    def json_schema(self):
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


@dataclass
class Boolean(Shape):
    """true or false."""

    expected: str = "true or false"

    def check(self, value, path, report):
        if not isinstance(value, bool):
            self.wrong_type(value, path, report)
            return None
        return value

    def json_schema(self):
        return {"type": "boolean"}


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

    def json_schema(self):
        # YAML 1.2, which editors use, reads 2025-08-28 as text; so does the builder.
        return {
            "type": "string",
            "format": "date",
            "pattern": r"^(20\d\d|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$",
            "description": self.expected,
        }


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

    def json_schema(self):
        return {
            "type": "string",
            "format": "uri",
            "pattern": r"^https://[^\s/?#]+([/?#]\S*)?$",
            "description": self.expected,
        }


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

    def json_schema(self):
        return {
            **Text(max_len=300).json_schema(),
            "description": "A JavaScript regular expression in lower case, matched against "
            "normalised lower-case text; the build refuses one that can backtrack badly",
        }


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

    def json_schema(self):
        return {
            **Text(max_len=200, regex=r"[^{}<>;]+").json_schema(),
            "description": "One CSS selector (no list, no comment); no braces, <, > or ;",
        }


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

    def json_schema(self):
        out = {
            "type": "array",
            "items": self.item.json_schema(),
            "minItems": self.min_len,
            "maxItems": self.max_len,
        }
        if self.unique:
            out["uniqueItems"] = True
        return out


@dataclass
class Field:
    """One key of a Record."""

    shape: Shape
    required: bool = True
    # Shown by editors on hover and completion.
    doc: str = ""


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
                report(
                    _join(path, str(key)), f"unknown key (expected one of: {known})", on_key=True
                )
        for key, spec in self.fields.items():
            if key in value:
                out[key] = spec.shape.check(value[key], _join(path, key), report)
            elif spec.required:
                report(_join(path, key), "is missing")
        return out

    def json_schema(self):
        properties = {}
        for key, spec in self.fields.items():
            properties[key] = spec.shape.json_schema()
            if spec.doc:
                properties[key]["description"] = spec.doc
        return {
            "type": "object",
            "properties": properties,
            "required": [k for k, spec in self.fields.items() if spec.required],
            "additionalProperties": False,
        }


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
                report(sub, f"key {key!r} must be {self.key_hint}", on_key=True)
                continue
            if self.allowed_keys is not None and key not in self.allowed_keys:
                report(
                    sub,
                    f"unknown key (expected one of: {', '.join(self.allowed_keys)})",
                    on_key=True,
                )
                continue
            out[key] = self.value.check(item, sub, report)
        return out

    def json_schema(self):
        names = (
            {"enum": list(self.allowed_keys)}
            if self.allowed_keys is not None
            else {"pattern": _whole(self.key_regex)}
        )
        return {
            "type": "object",
            "propertyNames": names,
            "additionalProperties": self.value.json_schema(),
            "minProperties": self.min_len,
            "maxProperties": self.max_len,
        }
