"""Editors check policy_data/ as you type: committed JSON Schemas that match the builder."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from builder_support import POLICY_DATA, copy_policy, run_builder

from builder.json_schema import SCHEMA_FOLDER, schema_texts
from builder.yaml_files import load_yaml

SCHEMAS = POLICY_DATA / SCHEMA_FOLDER
MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")


def policy_files(root: Path = POLICY_DATA) -> list[Path]:
    return sorted(p for p in root.rglob("*.yaml") if SCHEMA_FOLDER not in p.parts)


def schema_for(path: Path) -> Path:
    """The schema a file's first line names, resolved as the YAML language server does."""
    match = MODELINE.match(path.read_text("utf-8"))
    assert match, f"{path} does not start with '# yaml-language-server: $schema=...'"
    return (path.parent / match.group(1)).resolve()


def schema_errors(path: Path) -> list[str]:
    """What a standard JSON Schema validator says about one YAML file, as an editor would."""
    data, _, problems = load_yaml(path)
    assert not problems, problems
    schema = json.loads(schema_for(path).read_text("utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(data)]


def test_committed_schemas_match_the_builder():
    """Changed validation without `python -m builder schema` fails here, so they cannot drift."""
    expected = schema_texts()
    committed = {p.name: p.read_text("utf-8") for p in SCHEMAS.iterdir()}
    assert committed == expected, "run `python -m builder schema` and commit policy_data/schema/"


def test_every_policy_file_names_its_schema():
    kinds = {
        "policy.yaml": "policy",
        "detection.yaml": "detection",
        "locales.yaml": "locales",
        "store.yaml": "store",
    }
    files = policy_files()
    assert len(files) > 3
    for path in files:
        kind = kinds.get(path.name, "strings")
        assert schema_for(path) == (SCHEMAS / f"{kind}.schema.json").resolve(), path


def test_shipped_policy_data_passes_its_schema():
    """No false alarm in the editor on data the build accepts."""
    for path in policy_files():
        assert schema_errors(path) == [], path


def test_schemas_are_valid_draft_07():
    for path in SCHEMAS.iterdir():
        jsonschema.Draft7Validator.check_schema(json.loads(path.read_text("utf-8")))


def test_schema_patterns_are_javascript_regular_expressions():
    """The YAML language server runs `pattern` as a JavaScript RegExp with the u flag."""
    patterns: set[str] = set()

    def collect(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "pattern" and isinstance(value, str):
                    patterns.add(value)
                collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    for path in SCHEMAS.iterdir():
        collect(json.loads(path.read_text("utf-8")))
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    script = "for (const p of JSON.parse(process.argv[1])) new RegExp(p, 'u');"
    result = subprocess.run(
        [node, "-e", script, json.dumps(sorted(patterns))], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


# (file, text to replace, replacement, JSON path the validator must name, words in its message)
VIOLATIONS = [
    ("policy.yaml", "policy_version: 3", 'policy_version: "one"', "$.policy_version", "integer"),
    ("policy.yaml", "    value: 5\n", "    value: 5\n    vlaue: 6\n", "$.facts", "vlaue"),
    (
        "policy.yaml",
        "url: https://www.anthropic.com/legal/terms",
        "url: ftp://anthropic.com/terms",
        "['anthropic-consumer-terms'].url",
        "does not match",
    ),
    ("policy.yaml", "value: 2025-10-08", "value: 2025-13-40", "value", "does not match"),
    ("locales.yaml", "list_end: '{0} und {1}'", "list_end: 'und {1}'", "list_end", "match"),
    (
        "detection.yaml",
        "- '[data-is-streaming]'",
        "- '[data-is-{streaming]'",
        "ignore_inside[1]",
        "",
    ),
    ("strings/de/content.yaml", "turn_off: Ausschalten", "turn-off: Aus", "$", "turn-off"),
    ("strings/fr/content.yaml", "dismiss: ", "dismiss: \ndismissed: ", "dismiss", "None"),
]


@pytest.mark.parametrize(("rel", "old", "new", "where", "words"), VIOLATIONS)
def test_a_mistake_is_caught_by_a_standard_validator(tmp_path, rel, old, new, where, words):
    """The editor path works: python-jsonschema, given the file's schema, finds the mistake."""
    root = copy_policy(tmp_path / "policy_data")
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, f"test setup: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")

    errors = schema_errors(path)

    assert any(where in e and words in e for e in errors), errors


def test_schema_command_writes_the_committed_files(tmp_path):
    result = run_builder("schema", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {
        p.name: p.read_bytes() for p in SCHEMAS.iterdir()
    }
