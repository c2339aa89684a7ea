"""Checks detection patterns and CSS selectors with JavaScript's own rules, in one Node run."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from builder.errors import Problem

CHECKER = Path(__file__).resolve().parent / "js" / "check.mjs"
# The extension runs the patterns and selectors in browsers, so a JavaScript engine is the
# only faithful judge of them; Python's re and a Python CSS parser accept things it refuses.
KINDS = ("patterns", "selectors")
# recheck stops at 10 s a pattern; this only guards against a Node run that never ends.
NODE_TIMEOUT_S = 120


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
    node = shutil.which("node")
    if node is None:
        problems.append(
            _setup_problem(
                "Node.js 20 or later is needed to check detection patterns and selectors "
                "with JavaScript's rules, and was not found on PATH; install it (apt-get "
                "install nodejs npm), then run `npm ci`"
            )
        )
        return None
    try:
        result = subprocess.run(
            [node, str(CHECKER)],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            timeout=NODE_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        problems.append(_setup_problem(f"checking the patterns took over {NODE_TIMEOUT_S} s"))
        return None
    try:
        verdicts = json.loads(result.stdout) if result.returncode == 0 else None
    except ValueError:
        verdicts = None
    if verdicts is None:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        problems.append(_setup_problem(f"{CHECKER.name} failed: {last}"))
        return None
    if "setup" in verdicts:
        problems.append(
            _setup_problem(
                f"the checker's packages are missing ({verdicts['setup']}); "
                "run `make build`, or `npm ci --omit=dev --omit=optional`"
            )
        )
        return None
    return verdicts
