"""Checks detection patterns and CSS selectors with JavaScript's own rules, in one Node run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from builder.errors import Problem
from builder.node import NodeError, run_json

CHECKER = Path(__file__).resolve().parent / "js" / "check.mjs"
# The extension runs the patterns and selectors in browsers, so a JavaScript engine is the
# only faithful judge of them; Python's re and a Python CSS parser accept things it refuses.
KINDS = ("patterns", "selectors")


@dataclass
class JavaScriptChecks:
    """Patterns and selectors waiting to be checked, each with the place to report it."""

    pending: list[tuple[str, str, Callable[[str], None]]] = field(default_factory=list)

    def add(self, kind: str, text: str, report: Callable[[str], None]) -> None:
        """Queue one value; `report(message)` is called if Node refuses it."""
        assert kind in KINDS
        self.pending.append((kind, text, report))

    def run(self, problems: list[Problem]) -> None:
        """Check everything queued in one Node process; report refusals or a setup problem."""
        if not self.pending:
            return
        verdicts = _run_node(
            {kind: sorted({t for k, t, _ in self.pending if k == kind}) for kind in KINDS},
            problems,
        )
        if verdicts is None:
            return
        for kind, text, report in self.pending:
            problem = verdicts[kind].get(text)
            if problem:
                report(f"{text!r} {problem}")


def _setup_problem(message: str) -> Problem:
    return Problem("node", "", message)


def _run_node(request: dict[str, list[str]], problems: list[Problem]) -> dict | None:
    try:
        return run_json(CHECKER, request, "check detection patterns and selectors")
    except NodeError as error:
        problems.append(_setup_problem(str(error)))
        return None
