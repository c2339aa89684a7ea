"""Store texts (builder/listing.py): filled from the facts, every permission justified, bad
listings refused one line each, and strings/<locale>/store.yaml never shipped."""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from builder_support import POLICY_DATA, REPO, copy_policy, run_builder, snapshot, ui_locales

from builder.errors import BuildError
from builder.listing import listing_problems, privacy_policy_html, write_listing_texts
from builder.release.checks import REVIEWED_WARNINGS

EN_LISTING = "strings/en/store.yaml"
FR_LISTING = "strings/fr/store.yaml"


def facts(root: Path = POLICY_DATA) -> dict:
    return yaml.safe_load((root / "policy.yaml").read_text("utf-8"))["facts"]


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, f"test setup: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real build: its manifests are what the stores see."""
    out = tmp_path_factory.mktemp("built") / "dist"
    result = run_builder("build", "--out", out, "--allow-same-version")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("store") / "store"
    write_listing_texts(POLICY_DATA, out)
    return out


def test_the_shipped_policy_data_has_a_listing_for_every_ui_locale():
    assert listing_problems(POLICY_DATA) == []


def test_a_listing_is_written_for_every_ui_locale_with_the_facts_filled_in(written):
    years = facts()["retention_on_years"]["value"]
    assert sorted(p.stem for p in (written / "listing").iterdir()) == ui_locales()
    for locale in ui_locales():
        text = (written / "listing" / f"{locale}.txt").read_text("utf-8")
        for heading in ("=== NAME", "=== SUMMARY", "=== DESCRIPTION"):
            assert heading in text, (locale, heading)
        assert "{" not in text, f"{locale}: a placeholder was left unfilled"
        # The number alone, not part of another one; "5년" (Korean) has no \b between them.
        assert re.search(rf"(?<!\d){years}(?!\d)", text), f"{locale}: retention years missing"
        assert "Anthropic, PBC" in text, f"{locale}: no independence statement"
    english = (written / "listing" / "en.txt").read_text("utf-8")
    assert f"keeps them {years} years instead of" in english
    assert "Claude Free, Claude Pro and Claude Max" in english  # the list fact, joined
    # Paragraphs and list items survive; lines inside a paragraph are joined.
    assert "\n\nPrivacy Guard shows you where you stand:\n- On the consent popup" in english


def test_a_changed_fact_changes_every_listing(tmp_path):
    """The listings take the value from policy.yaml; none writes it by hand."""
    policy = copy_policy(tmp_path / "policy_data")
    path = policy / "policy.yaml"
    text = path.read_text("utf-8")
    changed = re.sub(r"(\n  retention_on_years:\n(?:    .*\n)*?    value: )5\n", r"\g<1>7\n", text)
    assert changed != text, "test setup: retention_on_years not found"
    path.write_text(changed, "utf-8")
    out = tmp_path / "store"

    write_listing_texts(policy, out)

    assert "keeps them 7 years instead of 30 days" in (out / "listing/en.txt").read_text("utf-8")
    assert "7 Jahre statt 30 Tage" in (out / "listing/de.txt").read_text("utf-8")
    assert "(7 years of retention" in (out / "privacy-tab.txt").read_text("utf-8")


def asked_for(manifest: dict) -> list[str]:
    """Every permission and site a built manifest asks for."""
    return [
        *manifest.get("permissions", []),
        *manifest.get("optional_permissions", []),
        *manifest.get("host_permissions", []),
        *manifest.get("optional_host_permissions", []),
        *(m for script in manifest.get("content_scripts", []) for m in script["matches"]),
    ]


def test_every_permission_of_the_built_manifests_is_justified(built, written):
    tab = (written / "privacy-tab.txt").read_text("utf-8")
    lines = tab.splitlines()
    for target in ("chrome", "firefox"):
        manifest = json.loads((built / target / "manifest.json").read_text("utf-8"))
        asked = asked_for(manifest)
        assert "storage" in asked and "https://claude.ai/*" in asked, target
        for name in asked:
            # "<name> (asked for by …)", then the justification on the next line.
            at = next((i for i, line in enumerate(lines) if line.startswith(f"{name} (")), None)
            assert at is not None, f"{target}: {name} has no justification"
            assert target in lines[at], f"{name}: {target} not named"
            assert len(lines[at + 1]) > 80, f"{name}: justification too short"
    assert "=== Single purpose ===" in tab
    assert "No, I am not using remote code" in tab
    assert "required: none" in tab  # read from the Firefox manifest


def copy_source(dest: Path) -> Path:
    """The manifests of extension/: all the store texts read of the source."""
    shutil.copytree(REPO / "extension" / "manifest", dest / "manifest")
    return dest


def test_a_permission_without_justification_is_refused(tmp_path):
    source = copy_source(tmp_path / "extension")
    base = source / "manifest/base.json"
    manifest = json.loads(base.read_text("utf-8"))
    manifest["permissions"].append("alarms")
    manifest["host_permissions"] = ["https://example.com/*"]
    base.write_text(json.dumps(manifest), "utf-8")
    out = tmp_path / "store"

    problems = listing_problems(POLICY_DATA, source=source)
    with pytest.raises(BuildError) as refused:
        write_listing_texts(POLICY_DATA, out, source=source)

    assert any(
        "manifest: alarms: is asked for by the chrome and firefox manifests" in line
        and "builder/listing.py" in line
        for line in problems
    ), problems
    assert any("https://example.com/*: is asked for" in line for line in problems), problems
    assert [str(p) for p in refused.value.problems] == problems
    assert not out.exists(), "refused, yet something was written"


BadListing = Callable[[Path], None]
BAD_LISTINGS: list[tuple[str, BadListing, str]] = [
    (
        "missing-locale-listing",
        lambda root: (root / FR_LISTING).unlink(),
        "strings/fr/store.yaml: is missing: every UI locale in locales.yaml needs its store "
        "listing",
    ),
    (
        "name-too-long",
        lambda root: edit(root, FR_LISTING, "name: Privacy Guard pour Claude", "name: " + "x" * 76),
        r"strings/fr/store.yaml:\d+:\d+: name: is 76 characters with the facts filled in; "
        "the stores allow 75",
    ),
    (
        # Counted with the facts filled in: the list fact makes the text longer than written.
        "summary-too-long-once-filled",
        lambda root: edit(
            root,
            EN_LISTING,
            "summary: Shows whether",
            "summary: For {plans_not_affected} too. Shows whether",
        ),
        r"strings/en/store.yaml:\d+:\d+: summary: is \d+ characters with the facts filled in; "
        "the stores allow 132",
    ),
    (
        "unknown-placeholder",
        lambda root: edit(root, FR_LISTING, "{retention_on_years} ans", "{retention_years} ans"),
        r"strings/fr/store.yaml:\d+:\d+: description: unknown placeholder \{retention_years\} "
        r"\(facts with values: ",
    ),
    (
        "run-time-value",
        lambda root: edit(
            root, EN_LISTING, "name: Privacy Guard for Claude", "name: Privacy Guard {1}"
        ),
        r"strings/en/store.yaml:\d+:\d+: name: \{1\} is a run-time value",
    ),
    (
        "missing-key",
        lambda root: edit(root, FR_LISTING, "name: Privacy Guard pour Claude\n", ""),
        r"strings/fr/store.yaml:\d+:\d+: name: is missing",
    ),
    (
        "unknown-key",
        lambda root: edit(root, FR_LISTING, "name: ", "title: X\nname: "),
        r"strings/fr/store.yaml:\d+:\d+: title: unknown key \(expected one of: name, summary, "
        "description\\)",
    ),
    (
        "no-independence-statement",
        lambda root: edit(root, FR_LISTING, "Anthropic, PBC.", "Anthropic."),
        r"strings/fr/store.yaml:\d+:\d+: description: lacks the independence statement",
    ),
]


@pytest.mark.parametrize(
    ("breakage", "expected"), [pytest.param(b, e, id=i) for i, b, e in BAD_LISTINGS]
)
def test_a_bad_listing_is_refused_with_one_clear_line(tmp_path, breakage, expected):
    policy = copy_policy(tmp_path / "policy_data")
    breakage(policy)
    out = tmp_path / "release"
    out.mkdir()
    (out / "kept.txt").write_text("made by someone else", "utf-8")
    before = snapshot(out)

    problems = listing_problems(policy)
    with pytest.raises(BuildError):
        write_listing_texts(policy, out)

    assert len(problems) == 1, problems
    assert re.search(expected, problems[0]), problems
    assert snapshot(out) == before, "a refused listing changed the output folder"
    assert [p.name for p in out.iterdir()] == ["kept.txt"], "staging left behind"


def test_the_build_checks_store_yaml_but_does_not_need_one(tmp_path):
    """A bad listing fails `check` like any strings file (no traceback); a missing one is a
    release problem only, so a new UI locale can be built before its listing is written."""
    policy = copy_policy(tmp_path / "policy_data")
    edit(policy, FR_LISTING, "name: Privacy Guard pour Claude", "name: " + "x" * 76)
    refused = run_builder("check", "--policy-data", policy)
    assert refused.returncode == 2
    assert "Traceback" not in refused.stderr
    assert re.search(r"error: .*strings/fr/store\.yaml:\d+:\d+: name: is 76", refused.stderr)

    (policy / FR_LISTING).unlink()
    accepted = run_builder("check", "--policy-data", policy)
    assert accepted.returncode == 0, accepted.stderr


def test_store_yaml_is_never_shipped_in_locales(built):
    english = yaml.safe_load((POLICY_DATA / EN_LISTING).read_text("utf-8"))
    opening = english["description"].split(".")[0].split("\n")[0]
    for target in ("chrome", "firefox"):
        for locale in ui_locales():
            path = built / target / "_locales" / locale / "messages.json"
            messages = json.loads(path.read_text("utf-8"))
            assert not [k for k in messages if k.startswith("store_")], path
            assert opening not in path.read_text("utf-8"), path
        shipped = [p.name for p in (built / target).rglob("store.yaml")]
        assert shipped == [], target


def test_writing_again_replaces_only_its_own_files(tmp_path):
    out = tmp_path / "release"
    (out / "listing").mkdir(parents=True)
    (out / "listing" / "xx.txt").write_text("a locale no longer listed", "utf-8")
    (out / "privacy-guard.zip").write_bytes(b"someone else's")

    write_listing_texts(POLICY_DATA, out)

    assert (out / "privacy-guard.zip").read_bytes() == b"someone else's"
    assert sorted(p.stem for p in (out / "listing").iterdir()) == ui_locales()
    assert sorted(p.name for p in out.iterdir()) == [
        "listing",
        "privacy-guard.zip",
        "privacy-policy.html",
        "privacy-tab.txt",
        "reviewer-notes.txt",
    ]


def test_reviewer_notes_say_how_to_reach_each_surface_and_rebuild(written):
    notes = (written / "reviewer-notes.txt").read_text("utf-8")
    for words in (
        "https://claude.ai/new#settings/data-privacy-controls",
        "https://claude.ai/onboarding",
        "Updates to Consumer Terms and Policies",
        "thumbs up or down",
        "tests/fixtures/",
        "No network requests of any kind",
        "make build",
        "SOURCE-README",
    ):
        assert words in notes, words
    assert "{" not in notes
    assert (REPO / "tests" / "fixtures").is_dir()


def test_reviewer_notes_explain_every_linter_warning_the_release_lets_through(written):
    """AMO's reviewers see each warning builder/release/checks.py lets through: each named."""
    notes = " ".join((written / "reviewer-notes.txt").read_text("utf-8").split())
    assert REVIEWED_WARNINGS
    for code, message, file in REVIEWED_WARNINGS:
        assert code in notes and f'"{message}"' in notes and file in notes, (code, file)


def test_privacy_policy_page_is_security_md_self_contained(written):
    page = (written / "privacy-policy.html").read_text("utf-8")
    security = (REPO / "SECURITY.md").read_text("utf-8")
    first_heading = re.search(r"^# (.+)$", security, re.MULTILINE).group(1)
    assert page.startswith("<!doctype html>")
    assert f"<h1>{first_heading}</h1>" in page
    assert "<title>Privacy Guard for Claude: " in page
    # Every section of SECURITY.md is there, in order (inline code becomes <code>).
    sections = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2>(.*?)</h2>", page)]
    expected = re.findall(r"^## (.+)$", security, re.MULTILINE)
    assert [html.unescape(s) for s in sections] == [h.replace("`", "") for h in expected]
    # Nothing loads from elsewhere or runs.
    assert "<script" not in page and "<link" not in page and " src=" not in page


def test_html_written_in_the_markdown_is_shown_as_text():
    page = privacy_policy_html("# Title\n\n<script>alert(1)</script> and `code` | x\n")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<code>code</code>" in page
