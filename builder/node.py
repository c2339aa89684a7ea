"""Runs one of the builder's Node scripts (js/*.mjs): JSON request on stdin, JSON answer out."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

# The scripts finish in seconds (recheck stops at 10 s a pattern); this only guards
# against a Node run that never ends.
NODE_TIMEOUT_S = 120


class NodeError(Exception):
    """Node could not give an answer; the message says why and what to do, in one line."""


def run_json(script: Path, request: dict[str, Any], purpose: str) -> dict[str, Any]:
    """`script`'s JSON answer to `request`.

    `purpose` completes "Node.js 20 or later is needed to …" and "… took over N s".
    Raises NodeError when Node is missing, times out, fails or answers with something
    other than a JSON object, or when the script reports a missing npm package
    (`{"setup": "<what>"}`).
    """
    node = shutil.which("node")
    if node is None:
        raise NodeError(
            f"Node.js 20 or later is needed to {purpose}, and was not found on PATH; "
            "install it (apt-get install nodejs npm), then run `npm ci`"
        )
    try:
        result = subprocess.run(
            [node, str(script)],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            timeout=NODE_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise NodeError(f"{purpose} took over {NODE_TIMEOUT_S} s") from None
    try:
        answer = json.loads(result.stdout) if result.returncode == 0 else None
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise NodeError(f"{script.name} failed: {last}")
    if "setup" in answer:
        raise NodeError(
            f"the npm packages {script.name} needs are missing ({answer['setup']}); "
            "run `make build`, or `npm ci --omit=dev`"
        )
    return answer
