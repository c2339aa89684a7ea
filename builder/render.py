"""Renders one browser build from extension/ and a validated Policy into a folder."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import jinja2

from builder.bundle import CONTENT_DATA, bundle_scripts
from builder.errors import BuildError, Problem, display_path
from builder.icons import SIZES, icon_png
from builder.minify import minify_content_scripts
from builder.policy import Policy, fact_json
from builder.sources import shipped_sources
from builder.targets import Target, extension_version, merge_manifest

TEMPLATE_SUFFIX = ".j2"
# ARIA and HTML markup of dialogs, whatever the site's design system.
DIALOG_SELECTORS = ['[role="dialog"]', '[role="alertdialog"]', "dialog", '[aria-modal="true"]']
# Folders of extension/ that hold builder inputs rather than files to ship.
NOT_SHIPPED = ("manifest",)


def extension_data(policy: Policy) -> dict[str, Any]:
    """The one JSON blob the extension reads: facts, sources and detection rules."""
    d = policy.detection
    # Every language's patterns in one list, each once (two languages may share a word:
    # "continuar", "metadata"); the content script's data counts against its 50 KB.
    languages = lambda block: list(dict.fromkeys(p for pats in block.values() for p in pats))  # noqa: E731
    settings = d["privacy_settings"]
    popup = d["consent_popup"]
    onboarding = d["onboarding"]
    watched = [*DIALOG_SELECTORS, *settings["panel_selectors"], *settings["row_selectors"]]
    return {
        "version": extension_version(policy.version),
        "policyVersion": policy.version,
        "facts": {
            name: {"value": fact_json(fact.get("value")), "sources": fact["sources"]}
            for name, fact in policy.facts.items()
        },
        "sources": {
            sid: {k: fact_json(v) for k, v in source.items()}
            for sid, source in policy.sources.items()
        },
        "detection": {
            "switchSelectors": d["switch_selectors"],
            # Where a training switch can appear: in any dialog (the consent popup, the
            # 2026 settings modal) and in the Privacy settings panel and rows. Matching
            # these first and the switches inside them second keeps a whole-document query
            # cheap (a list of descendant selectors costs about 30% script time on a
            # streaming chat, measured); content.css animates switches inside them.
            "watchedContainers": watched,
            "dialogSelectors": DIALOG_SELECTORS,
            "notDialogs": d["not_dialogs"],
            "ignoreInside": d["ignore_inside"],
            "trainingLabels": languages(d["training_switch"]["labels"]),
            "notLabels": languages(d["training_switch"]["not_labels"]),
            "rowMentions": d["training_switch"]["signals"]["row_mentions"],
            "popupTitles": languages(popup["titles"]),
            "popupLinks": popup["link_patterns"],
            "acceptButtons": languages(popup["accept_buttons"]),
            "lockNotes": languages(popup["lock_notes"]),
            "onboardingPaths": onboarding["path_patterns"],
            "onboardingHeadings": languages(onboarding["headings"]),
            "continueButtons": languages(onboarding["continue_buttons"]),
            "privacyTabNames": languages(settings["tab_names"]),
            "settingsUrls": settings["urls"],
            "settingsPaths": settings["path_patterns"],
            "settingsHashes": settings["hash_patterns"],
            "settingsSubScreens": settings["sub_screen_hash_patterns"],
            "settingsPanels": settings["panel_selectors"],
            "settingsScreens": settings["screen_selectors"],
            "settingsSubScreenMarks": settings["sub_screen_selectors"],
            "settingsOverlays": settings["overlay_selectors"],
            "settingsCurrentTabs": settings["current_tab_selectors"],
            "settingsRows": settings["row_selectors"],
            "notFoundAfterMs": settings["not_found_after_ms"],
            "feedbackFields": d["feedback_dialog"]["field_selectors"],
            "feedbackNotes": d["feedback_dialog"]["note_selectors"],
        },
    }


# The facts each part of the UI on claude.ai states (its strings, policy_data/strings/*/
# content.yaml): their sources are the ones its "Why?" links to (content/callout.js).
PAGE_FACTS = {
    "callout": ("training_scope", "retention_on_years", "plans_affected"),
    "feedback": ("feedback_trains_even_off", "feedback_retention_years", "incognito_not_trained"),
}
# Detection data no content script reads: lockNotes document the locked row's words for
# the fast tier, while the page's `disabled` input is what reads as locked.
NOT_IN_PAGE = ("lockNotes",)


def content_data(data: dict[str, Any]) -> dict[str, Any]:
    """What the content scripts read of extension_data(), for generated/content-data.js.

    That file is injected into every claude.ai page and counts against the 50 KB
    content-script budget (bench/), so it holds only what they use: the detection rules,
    the policy version, and per part of the UI (PAGE_FACTS) the ids of the sources of the
    facts it states, with those sources. Fact values reach the page through the strings
    (builder/messages.py), not this file.
    """
    explains = {
        part: list(dict.fromkeys(s for name in names for s in data["facts"][name]["sources"]))
        for part, names in PAGE_FACTS.items()
    }
    cited = sorted({sid for ids in explains.values() for sid in ids})
    detection = {k: v for k, v in data["detection"].items() if k not in NOT_IN_PAGE}
    return {
        "detection": detection,
        "explains": explains,
        "policyVersion": data["policyVersion"],
        "sources": {sid: data["sources"][sid] for sid in cited},
    }


def write_json(path: Path, data: Any) -> None:
    """JSON as the project writes it everywhere: sorted keys, two-space indent, final newline."""
    path.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")


def _environment(source: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(source)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=jinja2.select_autoescape(["html.j2"], default_for_string=False),
    )
    env.filters["compact_json"] = compact_json
    return env


def compact_json(data: Any) -> str:
    """JSON for a script the browser injects into every page: sorted keys, no spaces, and
    characters as UTF-8 rather than 6-byte escapes (a UTF-8 file, as Chromium requires of
    content scripts). Not for HTML: nothing is escaped for an HTML parser.

    The data file counts against the 50 KB content-script budget (bench/); Jinja's
    `tojson` wrote ~0.8 KB more of the same data.
    """
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def target_manifest(policy: Policy, target: Target, source: Path) -> dict[str, Any]:
    """The manifest.json the build writes for `target`: extension/manifest/base.json with the
    target's overlay, the version and the default locale. Raises BuildError when unreadable."""
    problems = []
    parts = []
    for name in ("manifest/base.json", target.overlay_file):
        path = source / name
        try:
            parts.append(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError) as err:
            problems.append(Problem(display_path(path), "", f"cannot be read as JSON: {err}"))
    if problems:
        raise BuildError(problems)
    manifest = merge_manifest(*parts)
    manifest["version"] = extension_version(policy.version)
    manifest["default_locale"] = policy.default_locale
    return manifest


def _referenced_files(manifest: dict[str, Any]) -> list[str]:
    files = list(manifest.get("icons", {}).values())
    files += list(manifest.get("action", {}).get("default_icon", {}).values())
    for key in ("default_popup",):
        if key in manifest.get("action", {}):
            files.append(manifest["action"][key])
    if "options_ui" in manifest:
        files.append(manifest["options_ui"]["page"])
    background = manifest.get("background", {})
    files += background.get("scripts", [])
    if "service_worker" in background:
        files.append(background["service_worker"])
    for script in manifest.get("content_scripts", []):
        files += script.get("js", []) + script.get("css", [])
    return files


def _check_output(out: Path, manifest: dict[str, Any], policy: Policy) -> None:
    """Catch a manifest that names a missing file or message before a browser does."""
    problems = [
        Problem("extension/manifest", name, f"names {name!r}, which the build does not contain")
        for name in _referenced_files(manifest)
        if not (out / name).is_file()
    ]
    messages = policy.messages[policy.default_locale]
    for key in re.findall(r"__MSG_(\w+?)__", json.dumps(manifest)):
        if key not in messages:
            problems.append(Problem("extension/manifest", key, "no such message in the strings"))
    if problems:
        raise BuildError(problems)


def render_target(policy: Policy, target: Target, source: Path, out: Path) -> str:
    """Write the unpacked build for one browser into `out` (which must not exist).

    Returns the generated data module the content script was bundled with
    (generated/content-data.js, not shipped on its own), for the fast tier.
    """
    env = _environment(source)
    data = extension_data(policy)
    manifest = target_manifest(policy, target, source)
    context = {
        "data": data,
        "content_data": content_data(data),
        "version": manifest["version"],
        "target": target.name,
    }
    out.mkdir(parents=True)
    for rel in shipped_sources(source):
        if rel.parts[0] in NOT_SHIPPED or rel.as_posix() in target.exclude:
            continue
        path = source / rel
        dest = out / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if path.name.endswith(TEMPLATE_SUFFIX):
            template = env.get_template(rel.as_posix())
            dest = dest.with_name(path.name[: -len(TEMPLATE_SUFFIX)])
            dest.write_text(template.render(context), "utf-8")
        else:
            shutil.copyfile(path, dest)
    for code, messages in policy.messages.items():
        folder = out / "_locales" / code
        folder.mkdir(parents=True)
        write_json(folder / "messages.json", {k: {"message": v} for k, v in messages.items()})
    (out / "icons").mkdir(exist_ok=True)
    for size in SIZES:
        (out / "icons" / f"icon-{size}.png").write_bytes(icon_png(size))
    write_json(out / "manifest.json", manifest)
    content_data_module = (out / CONTENT_DATA).read_text("utf-8")
    bundle_scripts(out)
    _check_output(out, manifest, policy)
    minify_content_scripts(out, manifest)
    return content_data_module
