"""Writes what the store forms ask for: listing texts, privacy-tab answers, reviewer notes
and the privacy-policy page, from policy_data/, the built manifests and SECURITY.md."""

from __future__ import annotations

import html
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from builder.errors import BuildError, Problem, display_path
from builder.messages import LISTING_LIMITS, fill_facts
from builder.policy import LISTING_PART, Policy, load_policy
from builder.release.checks import REVIEWED_WARNINGS
from builder.render import target_manifest
from builder.targets import TARGETS, extension_version

REPO = Path(__file__).resolve().parent.parent
EXTENSION_SOURCE = REPO / "extension"
SECURITY_MD = REPO / "SECURITY.md"
# Where the answers below live, for the message that asks for a missing one.
HERE = "builder/listing.py"

# Why the extension asks for each permission of its manifests (the Chrome Web Store asks
# for one justification per permission). A permission the manifest asks for without an
# entry here is refused: a new permission needs a reason written down before it ships.
PERMISSION_REASONS = {
    "storage": (
        "Keeps, only in this browser (storage.local), what the user needs to see where they "
        "stand: their options, the last state of Claude's “Help improve our AI models” switch "
        "that the extension saw, and, unless the user turns it off, a history of those states "
        "and of the choices they confirmed. Nothing of it leaves the browser; the user can "
        "export, clear or reset it from the extension's pages."
    ),
}
# The same for each site the extension can run on (host permissions and content-script
# matches; the Chrome Web Store asks for these as "host permission" justifications).
HOST_REASONS = {
    "https://claude.ai/*": (
        "The content script runs on claude.ai only, because that is where the setting is "
        "shown: it finds the “Help improve our AI models” switch on the consent popup, the "
        "sign-up step “Before your first chat” and Settings › Privacy, outlines it while it "
        "is on and explains, with sources, what that means ({retention_on_years} years of "
        "retention instead of {retention_off_days} days); in the thumbs-feedback dialog it "
        "adds one warning that submitting sends the whole conversation to Anthropic. It "
        "reads the labels and states of switches, never chat text, and sends nothing."
    ),
}

SINGLE_PURPOSE = (
    "Privacy Guard for Claude has one purpose: to show people who use claude.ai whether "
    "Claude's “Help improve our AI models” setting lets Anthropic train its AI models on "
    "their chats, and what that means, with sources. It highlights the switch while it is "
    "on (on the consent popup, the sign-up step and Settings › Privacy), confirms when it "
    "is off, and warns in the feedback dialog that rating a reply sends the whole "
    "conversation to Anthropic, usable for training even with the setting off. It never "
    "changes the setting by itself and sends nothing anywhere."
)

# The Chrome Web Store's data categories (Privacy practices › Data usage).
DATA_CATEGORIES = (
    "Personally identifiable information",
    "Health information",
    "Financial and payment information",
    "Authentication information",
    "Personal communications",
    "Location",
    "Web history",
    "User activity",
    "Website content",
)
# The three statements the Chrome Web Store asks developers to certify.
CERTIFICATIONS = (
    "I do not sell or transfer user data to third parties, outside of the approved use cases",
    "I do not use or transfer user data for purposes that are unrelated to my item's single "
    "purpose",
    "I do not use or transfer user data to determine creditworthiness or for lending purposes",
)

_LABELS = {"name": "NAME", "summary": "SUMMARY", "description": "DESCRIPTION"}


def listing_problems(policy_dir: Path, *, source: Path = EXTENSION_SOURCE) -> list[str]:
    """One line per problem that keeps the store texts from being written, empty when fine.

    Takes the policy_data folder (and the extension source whose manifests are read). The
    lines name file, line and key as the build's do: any problem of policy_data/ (the
    store.yaml files are checked with the UI strings: keys, lengths once the facts are
    filled in, placeholders, the independence statement), a UI locale of locales.yaml
    without strings/<locale>/store.yaml, and a permission or site of a manifest with no
    justification here. Never raises for bad input."""
    try:
        policy = load_policy(policy_dir)
        return [str(p) for p in _problems(policy, _manifests(policy, source), source)]
    except BuildError as err:
        return [str(p) for p in err.problems]


def write_listing_texts(
    policy_dir: Path,
    out: Path,
    *,
    source: Path = EXTENSION_SOURCE,
    security: Path = SECURITY_MD,
) -> None:
    """Write the store texts into the folder `out` (made if missing); other files there stay.

    Writes listing/<locale>.txt for every UI locale (name, summary and description, facts
    filled in from policy.yaml), privacy-tab.txt (the Chrome Web Store's privacy practices:
    single purpose, a justification for every permission and site the chrome and firefox
    manifests ask for, data use), reviewer-notes.txt (for both stores) and
    privacy-policy.html (SECURITY.md as one self-contained page). Everything is rendered
    first, then moved into `out`, so a problem leaves `out` as it was. Raises BuildError
    listing every problem (those of listing_problems) for bad input, OSError when writing
    fails."""
    policy = load_policy(policy_dir)
    manifests = _manifests(policy, source)
    problems = _problems(policy, manifests, source)
    try:
        security_text = security.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        problems.append(Problem(display_path(security), "", f"cannot be read: {err}"))
    if out.exists() and not out.is_dir():
        problems.append(Problem(display_path(out), "", "exists and is not a folder"))
    if problems:
        raise BuildError(problems)
    files = {f"listing/{code}.txt": _listing_text(policy, code) for code in sorted(policy.locales)}
    files["privacy-tab.txt"] = _privacy_tab(policy, manifests)
    files["reviewer-notes.txt"] = _reviewer_notes(policy, manifests)
    files["privacy-policy.html"] = privacy_policy_html(security_text)
    _write_into(out, files)


def _manifests(policy: Policy, source: Path) -> dict[str, dict[str, Any]]:
    """Target name -> the manifest the build writes for it (builder/render.py)."""
    return {name: target_manifest(policy, target, source) for name, target in TARGETS.items()}


def requested_access(manifests: dict[str, dict[str, Any]]) -> dict[str, dict[str, list[str]]]:
    """What the manifests ask for: {"permissions": {name: [targets]}, "hosts": {...}}.

    Permissions and optional permissions; sites from host permissions (optional too) and
    the content scripts' matches, which give the same access."""
    found: dict[str, dict[str, list[str]]] = {"permissions": {}, "hosts": {}}
    for target, manifest in manifests.items():
        asked = {
            "permissions": [
                *manifest.get("permissions", []),
                *manifest.get("optional_permissions", []),
            ],
            "hosts": [
                *manifest.get("host_permissions", []),
                *manifest.get("optional_host_permissions", []),
                *(m for script in manifest.get("content_scripts", []) for m in script["matches"]),
            ],
        }
        for kind, names in asked.items():
            for name in names:
                targets = found[kind].setdefault(name, [])
                if target not in targets:
                    targets.append(target)
    return found


def _asked_by(targets: list[str]) -> str:
    """'the chrome manifest' or 'the chrome and firefox manifests'."""
    return f"the {' and '.join(targets)} manifest{'s' if len(targets) > 1 else ''}"


def _problems(policy: Policy, manifests: dict[str, dict[str, Any]], source: Path) -> list[Problem]:
    strings = policy.root / "strings"
    problems = [
        Problem(
            display_path(strings / code / f"{LISTING_PART}.yaml"),
            "",
            "is missing: every UI locale in locales.yaml needs its store listing "
            f"({', '.join(LISTING_LIMITS)}; see strings/{policy.default_locale}/"
            f"{LISTING_PART}.yaml)",
        )
        for code in policy.locales
        if code not in policy.listings
    ]
    access = requested_access(manifests)
    where = display_path(source / "manifest")
    for kind, reasons, table in (
        ("permissions", PERMISSION_REASONS, "PERMISSION_REASONS"),
        ("hosts", HOST_REASONS, "HOST_REASONS"),
    ):
        for name, targets in access[kind].items():
            if name not in reasons:
                problems.append(
                    Problem(
                        where,
                        name,
                        f"is asked for by {_asked_by(targets)} but has no "
                        f"justification for the stores; write one in {HERE} ({table})",
                    )
                )
    return problems


def _english(policy: Policy, template: str) -> str:
    """An English text of this module with the facts filled in from policy.yaml."""
    text, errors = fill_facts(template, policy.facts, policy.locales[policy.default_locale])
    if errors:  # a fact renamed in policy.yaml without updating this module
        raise BuildError([Problem(HERE, "", e) for e in errors])
    return " ".join(text.split())


def _listing_text(policy: Policy, code: str) -> str:
    listing = policy.listings[code]
    version = extension_version(policy.version)
    parts = [
        f"Store listing, {policy.locales[code]['name']} ({code}), Privacy Guard {version}.",
        "Written by builder/listing.py from policy_data/strings/"
        f"{code}/{LISTING_PART}.yaml, facts from policy_data/policy.yaml. Paste each part "
        "below its heading. The Chrome Web Store shows the name and summary of the package "
        "(its manifest) and takes only the description; addons.mozilla.org takes all three.",
    ]
    # What the Chrome Web Store will show instead of NAME and SUMMARY, to compare.
    shown = {k: v.replace("$$", "$") for k, v in policy.messages[code].items()}
    manifest_name = shown.get("manifest_extension_name")
    manifest_summary = shown.get("manifest_extension_description")
    if manifest_name and manifest_summary:
        parts.append(f"The package says: “{manifest_name}”, “{manifest_summary}”")
    for key, label in _LABELS.items():
        text = listing[key]
        limit = LISTING_LIMITS[key]
        parts.append(f"=== {label} ({len(text):,} of at most {limit:,} characters) ===\n{text}")
    return "\n\n".join(parts) + "\n"


def _privacy_tab(policy: Policy, manifests: dict[str, dict[str, Any]]) -> str:
    version = extension_version(policy.version)
    access = requested_access(manifests)
    lines = [
        f"Chrome Web Store › Privacy practices, Privacy Guard for Claude {version}",
        "Written by builder/listing.py from the built manifests (extension/manifest/) and "
        "policy_data/policy.yaml; paste each part into the field of the same name.",
        "",
        "=== Single purpose ===",
        _english(policy, SINGLE_PURPOSE),
        "",
        "=== Permission justification ===",
    ]
    for name, targets in access["permissions"].items():
        lines += [f"{name} (asked for by {_asked_by(targets)})"]
        lines += [_english(policy, PERMISSION_REASONS[name]), ""]
    lines += ["=== Host permission justification ==="]
    for name, targets in access["hosts"].items():
        lines += [f"{name} (site access asked for by {_asked_by(targets)})"]
        lines += [_english(policy, HOST_REASONS[name]), ""]
    lines += [
        "=== Are you using remote code? ===",
        "No, I am not using remote code. Every script is in the package; the pages keep the "
        "Manifest V3 default content security policy; nothing is fetched, evaluated or built "
        "from strings.",
        "",
        "=== Data usage: what user data do you plan to collect? ===",
        "None: tick no category. The extension collects and transmits nothing: no analytics, "
        "no telemetry, no requests of any kind. What it keeps (options, the last state of "
        "the switch, an optional history) stays in the browser's local storage.",
        *(f"[ ] {category}" for category in DATA_CATEGORIES),
        "",
        "=== Certifications (all true: tick all three) ===",
        *(f"[x] {statement}" for statement in CERTIFICATIONS),
        "",
        "=== Privacy policy URL ===",
        "The address where privacy-policy.html (from SECURITY.md, in this folder) is "
        "published, e.g. on the project's GitHub Pages.",
    ]
    gecko = manifests.get("firefox", {}).get("browser_specific_settings", {}).get("gecko", {})
    collection = gecko.get("data_collection_permissions")
    if collection is not None:
        required = ", ".join(collection.get("required", [])) or "nothing"
        lines += [
            "",
            "=== addons.mozilla.org ===",
            "The Firefox manifest declares its data collection "
            f"(browser_specific_settings.gecko.data_collection_permissions): required: "
            f"{required}; optional: {', '.join(collection.get('optional', [])) or 'nothing'}.",
        ]
    return "\n".join(lines).rstrip() + "\n"


REVIEWER_NOTES = """\
Notes for reviewers: Privacy Guard for Claude {version}

WHAT IT DOES
Claude's setting "Help improve our AI models" (formerly "Help improve Claude") decides
whether Anthropic may train its models on a user's chats (kept {retention_on_years} years
when on, {retention_off_days} days when off). Privacy Guard finds that switch where
claude.ai shows it, outlines it while it is on, explains what that means with sources,
and confirms when it is off. It never changes the setting by itself: its "Turn it off"
button clicks the page's own switch only when the user presses it.

NOTHING IS TRANSMITTED
No network requests of any kind: no analytics, no telemetry, no remote code, no server.
The only permission is {permissions}; the content script runs on {hosts} only. What it
keeps (options, the last state seen, an optional history) stays in storage.local. The
project's lint refuses fetch, XMLHttpRequest, WebSocket, EventSource, sendBeacon, eval
and innerHTML, and its browser tests record every request of the extension and expect
none (SECURITY.md).

HOW TO REACH EACH SURFACE ON CLAUDE.AI (a free Claude account is enough)
1. Settings › Privacy: open https://claude.ai/new#settings/data-privacy-controls, or press
   "Open Privacy settings" in the extension's toolbar popup. Turn "Help improve our AI
   models" on: a red outline and a callout with "Turn it off" and "Why?" appear, and the
   toolbar badge shows ON. Turn it off: the badge shows a green check.
2. The sign-up step "Before your first chat" (https://claude.ai/onboarding): shown once
   to a new account right after sign-up, with the switch on by default. Privacy Guard
   outlines it and says what will happen on "Continue"; nothing is recorded before.
3. The consent popup "Updates to Consumer Terms and Policies": shown to an account on
   {plans_affected} that has not yet made its choice, until it does. An account
   that already chose never sees it again; use the fixture pages below.
4. The feedback dialog: in any chat, press the thumbs up or down under a reply. Privacy
   Guard adds one warning above Cancel and Submit (submitting sends the whole
   conversation to Anthropic, usable for training even with the setting off). Press
   Cancel; Privacy Guard never blocks or changes the dialog.
5. The extension's own pages: the toolbar popup (where you stand, the facts with their
   sources), the options and the history (linked from the popup's footer) and the
   welcome page, which opens once after installing.

FIXTURE PAGES (no account needed)
tests/fixtures/ in the source package holds reconstructions of every surface above
(consent popup versions and languages, the sign-up step, Settings › Privacy, the
feedback dialog), listed with what is expected in tests/cases.py. The content script
runs only on https://claude.ai/*, so the tests serve them under that address: Chromium
through Playwright's request routing, Firefox ESR through a local HTTPS server on port
443 of a loopback address with a certificate made at test time (tests/browsers/). With
the source package's dependencies installed (see below):
  .venv/bin/python -m pytest --browser firefox tests/test_detection.py
  make screenshots      # pictures of each surface with the real build, in docs/

LINTER WARNINGS, REVIEWED
addons-linter reports {reviewed_warnings}. Each is an import(runtime.getURL("content/..."))
of a file of this package, never of a remote or computed address: the content script is
a module loaded this way so that the browser compiles it off the page's main thread
(content/content.js says why), and content/core.js and content/describe.js are
web-accessible to https://claude.ai/* only. The build refuses any other warning.

REPRODUCING THE BUILD
The shipped content scripts are minified with terser and the data files are generated
from policy_data/ by the Python builder; the readable source of every shipped file is in
the source package. Its SOURCE-README names the system, tool versions and commands; in
short, with Python 3.11+, Node.js 20+ and npm: `make build` installs the exact versions
pinned in requirements/build.lock and package-lock.json (checked by hash) and writes
dist/privacy-guard-{version}-firefox.xpi and dist/privacy-guard-{version}-chrome.zip.
The same source always gives the same bytes.
"""


def _reviewed_warnings() -> str:
    """The linter warnings the release lets through (builder/release/checks.py), in words."""
    by_warning: dict[tuple[str, str], list[str]] = {}
    for code, message, file in sorted(REVIEWED_WARNINGS):
        by_warning.setdefault((code, message), []).append(file)
    return "; ".join(
        f'"{message}" ({code}) in {" and ".join(files)}'
        for (code, message), files in by_warning.items()
    )


def _reviewer_notes(policy: Policy, manifests: dict[str, dict[str, Any]]) -> str:
    access = requested_access(manifests)
    template = REVIEWER_NOTES.replace("{version}", extension_version(policy.version))
    template = template.replace("{permissions}", ", ".join(access["permissions"]) or "none")
    template = template.replace("{hosts}", ", ".join(access["hosts"]))
    template = template.replace("{reviewed_warnings}", _reviewed_warnings())
    text, errors = fill_facts(template, policy.facts, policy.locales[policy.default_locale])
    if errors:
        raise BuildError([Problem(HERE, "REVIEWER_NOTES", e) for e in errors])
    return text


PAGE_STYLE = """\
body{margin:0;background:#fff;color:#1f1f1f;font:16px/1.55 system-ui,-apple-system,\
"Segoe UI",Roboto,sans-serif}
main{max-width:46rem;margin:0 auto;padding:2rem 1.25rem 4rem}
h1{font-size:1.9rem;line-height:1.2}h2{font-size:1.35rem;margin-top:2.2rem}
code{font:0.92em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;\
background:#f3f3f1;padding:0.05em 0.3em;border-radius:4px}
a{color:#0b57d0}li{margin:0.3rem 0}
@media (prefers-color-scheme:dark){body{background:#1f1e1d;color:#ecebe7}\
code{background:#2e2d2b}a{color:#8ab4f8}}
"""


def privacy_policy_html(markdown: str) -> str:
    """SECURITY.md as one self-contained HTML page (no scripts, no outside resources).

    CommonMark with tables (markdown-it-py); HTML written in the Markdown is shown as
    text, not passed through. The page's title is the document's first heading."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = md.parse(markdown)
    title = next(
        (
            tokens[i + 1].content
            for i, token in enumerate(tokens)
            if token.type == "heading_open" and token.tag == "h1"
        ),
        "Privacy policy",
    )
    body = md.renderer.render(tokens, md.options, {})
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # Nothing on the page may load or run anything: it is text only.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        f"<title>Privacy Guard for Claude: {html.escape(title)}</title>\n"
        f"<style>\n{PAGE_STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n"
        "</body>\n</html>\n"
    )


def _write_into(out: Path, files: dict[str, str]) -> None:
    """Write `files` (relative path -> text) into a temporary folder inside `out`, then
    move each top-level entry into place, replacing the one of the same name."""
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".listing-staging-", dir=out))
    try:
        new = staging / "new"
        for rel, text in files.items():
            path = new / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
        for entry in sorted(new.iterdir()):
            dest = out / entry.name
            if dest.is_dir() and not dest.is_symlink():
                # A folder cannot be replaced in one rename: move the old one aside first.
                dest.rename(staging / f"old-{entry.name}")
            os.replace(entry, dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
