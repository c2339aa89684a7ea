"""Checks that a detection pattern works the same in Python and JavaScript and cannot hang."""

from __future__ import annotations

import re

# Python 3.11 keeps its regex parser in re._parser (sre_parse before); it is the only
# way to walk a pattern's structure without writing a parser of our own.
try:
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse as _sre_parse  # type: ignore[no-redef]

# Syntax Python accepts but JavaScript's RegExp does not (or reads differently).
_PYTHON_ONLY = (
    (re.compile(r"\(\?P[<=]"), "named groups (?P<...>) are Python-only; use plain groups"),
    (re.compile(r"\(\?#"), "(?#...) comments are Python-only"),
    (re.compile(r"\(\?[aiLmsux-]+[):]"), "inline flags like (?i) are Python-only"),
    (re.compile(r"\(\?>"), "atomic groups (?>...) are not JavaScript"),
    (re.compile(r"\(\?\("), "conditional groups are not JavaScript"),
    (re.compile(r"\\[AZ]"), r"\A and \Z are Python-only; use ^ and $"),
    (re.compile(r"[*+?}]\+"), "possessive quantifiers (*+, ++) are not JavaScript"),
)

_REPEATS = {_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT}
_POSSESSIVE = getattr(_sre_parse, "POSSESSIVE_REPEAT", None)
if _POSSESSIVE is not None:
    _REPEATS.add(_POSSESSIVE)


def _unbounded_repeat_inside(items, inside_repeat: bool) -> bool:
    """True when a repeat that can match more than once sits inside another such repeat."""
    for op, arg in items:
        if op in _REPEATS:
            _low, high, sub = arg
            repeats = high is _sre_parse.MAXREPEAT or high > 1
            if repeats and inside_repeat:
                return True
            if _unbounded_repeat_inside(sub, inside_repeat or repeats):
                return True
        elif op is _sre_parse.SUBPATTERN:
            if _unbounded_repeat_inside(arg[-1], inside_repeat):
                return True
        elif op is _sre_parse.BRANCH:
            # (a|aa)* backtracks exponentially too; alternation inside a repeat is refused.
            if inside_repeat or any(_unbounded_repeat_inside(b, False) for b in arg[1]):
                return True
        elif op in (_sre_parse.ASSERT, _sre_parse.ASSERT_NOT) and _unbounded_repeat_inside(
            arg[1], inside_repeat
        ):
            return True
    return False


def pattern_problem(pattern: str) -> str | None:
    """Return why the pattern is refused, or None when it is fine."""
    for syntax, why in _PYTHON_ONLY:
        if syntax.search(pattern):
            return f"{pattern!r}: {why}"
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
        tree = _sre_parse.parse(pattern, re.IGNORECASE)
    except re.error as err:
        return f"{pattern!r} is not a valid regular expression: {err}"
    except RecursionError:
        return f"{pattern!r} is nested too deeply"
    if compiled.search("") is not None:
        return f"{pattern!r} matches empty text, so it would match everything"
    if _unbounded_repeat_inside(list(tree), inside_repeat=False):
        return (
            f"{pattern!r} repeats a group that itself repeats or alternates "
            "(like (a+)+ or (a|aa)*); "
            "such patterns can take exponential time on some text"
        )
    return None
