"""Describes, fact by fact, what changed between two policy_data folders (for release notes)."""

from __future__ import annotations

from typing import Any

from builder.policy import Policy, fact_json


def _flatten(value: Any, prefix: str, out: dict[str, Any]) -> dict[str, Any]:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}" if prefix else str(key), out)
    else:
        out[prefix] = (
            fact_json(value) if not isinstance(value, list) else [fact_json(v) for v in value]
        )
    return out


def _comparable(policy: Policy) -> dict[str, Any]:
    return _flatten(
        {
            "policy_version": policy.version,
            "fact": policy.facts,
            "source": policy.sources,
            "detection": policy.detection,
            "message": policy.messages,
        },
        "",
        {},
    )


def _show(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def describe_changes(old: Policy, new: Policy) -> list[str]:
    """One line per change, in a stable order; empty when nothing differs."""
    before, after = _comparable(old), _comparable(new)
    lines = []
    for key in sorted(before.keys() | after.keys()):
        a, b = before.get(key), after.get(key)
        if a == b:
            continue
        if key not in before:
            lines.append(f"added   {key}: {_show(b)}")
        elif key not in after:
            lines.append(f"removed {key}: {_show(a)}")
        elif isinstance(a, list) and isinstance(b, list):
            gone = [v for v in a if v not in b]
            came = [v for v in b if v not in a]
            parts = [f"+ {_show(v)}" for v in came] + [f"- {_show(v)}" for v in gone]
            lines.append(f"changed {key}: " + (", ".join(parts) if parts else "reordered"))
        else:
            lines.append(f"changed {key}: {_show(a)} -> {_show(b)}")
    if lines and new.version <= old.version:
        lines.append(
            f"warning: policy_version is {new.version} (was {old.version}); raise it so the "
            "new build has a higher version and browsers update to it"
        )
    return lines
