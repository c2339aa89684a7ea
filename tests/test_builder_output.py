"""What a good build writes: manifests, packages, versions, atomic swaps and policy diffs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from builder_support import (
    REPO,
    copy_policy,
    policy_version,
    run_builder,
    snapshot,
    ui_locales,
)

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def dist(dist_dir: Path) -> Path:
    """The session's real build (conftest.py)."""
    return dist_dir


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text("utf-8"))


@pytest.mark.parametrize("target", ["chrome", "firefox"])
def test_manifest_matches_golden_file(dist, target):
    """A reviewed snapshot: any change to permissions, matches or keys shows up here.

    Regenerate deliberately after a reviewed change:
    python -m builder build --out /tmp/d && cp /tmp/d/<target>/manifest.json tests/golden/
    """
    built = manifest(dist / target)
    golden = json.loads((GOLDEN / f"{target}.manifest.json").read_text("utf-8"))
    built["version"] = golden["version"] = "(policy version)"
    assert built == golden


def test_builds_written_with_packages(dist):
    version = manifest(dist / "chrome")["version"]
    assert sorted(p.name for p in dist.iterdir() if not p.name.startswith(".")) == [
        "chrome",
        "firefox",
        f"privacy-guard-{version}-chrome.zip",
        f"privacy-guard-{version}-firefox.xpi",
    ]


@pytest.mark.parametrize(("target", "suffix"), [("chrome", "zip"), ("firefox", "xpi")])
def test_package_holds_exactly_the_unpacked_build(dist, target, suffix):
    version = manifest(dist / target)["version"]
    with zipfile.ZipFile(dist / f"privacy-guard-{version}-{target}.{suffix}") as archive:
        names = archive.namelist()
        packed = {name: archive.read(name) for name in names}
    assert names[0] == "manifest.json"
    assert packed == snapshot(dist / target)


def test_firefox_build_has_no_chrome_only_worker(dist):
    assert not (dist / "firefox" / "background" / "service-worker.js").exists()
    assert (dist / "chrome" / "background" / "service-worker.js").is_file()
    worker = manifest(dist / "chrome")["background"]
    assert worker == {"service_worker": "background/service-worker.js"}


def test_every_locale_is_generated(dist):
    locales = sorted(p.name for p in (dist / "chrome" / "_locales").iterdir())
    assert locales == ui_locales()
    en = json.loads((dist / "chrome/_locales/en/messages.json").read_text("utf-8"))
    assert en["manifest_extension_name"] == {"message": "Privacy Guard for Claude"}
    # Facts are written into the text, so a policy edit reaches every sentence.
    assert "5 years instead of 30 days" in en["content_on_body"]["message"]


def test_policy_data_reaches_the_extension_as_one_data_file(dist):
    text = (dist / "firefox/generated/policy-data.js").read_text("utf-8")
    prefix = "globalThis.PRIVACY_GUARD_DATA = Object.freeze("
    body = next(line for line in text.splitlines() if line.startswith(prefix))
    data = json.loads(body[len(prefix) : -2])
    assert data["facts"]["retention_on_years"]["value"] == 5
    assert data["facts"]["deadline_extended_to"]["value"] == "2025-10-08"
    assert "\\bhelp improve our ai models\\b" in data["detection"]["trainingLabels"]


def test_content_scripts_get_only_the_data_they_read(dist):
    """The content script's data module is bundled into the script injected into every
    claude.ai page (50 KB budget): the detection rules, and per part of the page UI the
    sources of the facts it states, nothing more. The build keeps the module it bundled
    beside the builds (for the fast tier), not in them."""

    def load(path, prefix):
        text = path.read_text("utf-8")
        body = next(line for line in text.splitlines() if line.startswith(prefix))
        return json.loads(body[len(prefix) : -2])

    full = load(
        dist / "chrome/generated/policy-data.js", "globalThis.PRIVACY_GUARD_DATA = Object.freeze("
    )
    page = load(dist / ".privacy-guard-content-data.chrome.mjs", "export default Object.freeze(")
    manifest = json.loads((dist / "chrome/manifest.json").read_text("utf-8"))
    assert manifest["content_scripts"][0]["js"] == ["content/content.js"]
    assert not (dist / "chrome/generated/content-data.js").exists()
    # The bundle carries the data: a detection pattern of it is in the shipped script.
    script = (dist / "chrome/content/core.js").read_text("utf-8")
    assert "notFoundAfterMs" in script and "privacy-guard-sentinel" in script
    assert "facts" not in page  # values reach the page through the strings
    states = {
        "callout": ("training_scope", "retention_on_years", "plans_affected"),
        "feedback": (
            "feedback_trains_even_off",
            "feedback_retention_years",
            "incognito_not_trained",
        ),
    }
    for part, facts in states.items():
        wanted = {sid for name in facts for sid in full["facts"][name]["sources"]}
        assert set(page["explains"][part]) == wanted, part
    cited = {sid for ids in page["explains"].values() for sid in ids}
    assert set(page["sources"]) == cited
    assert all(page["sources"][sid] == full["sources"][sid] for sid in cited)
    dropped = {"lockNotes"}
    assert {k: v for k, v in full["detection"].items() if k not in dropped} == page["detection"]
    assert page["policyVersion"] == full["policyVersion"]


def test_same_input_gives_identical_packages(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    assert run_builder("build", "--out", first).returncode == 0
    assert run_builder("build", "--out", second).returncode == 0
    packages = sorted(p.name for p in first.glob("privacy-guard-*"))
    assert len(packages) == 2
    for name in packages:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_policy_version_sets_a_higher_extension_version(tmp_path, dist):
    policy = copy_policy(tmp_path / "policy_data")
    path = policy / "policy.yaml"
    version = policy_version()
    path.write_text(
        path.read_text("utf-8").replace(
            f"policy_version: {version}", f"policy_version: {version + 6}"
        )
    )
    out = tmp_path / "dist"

    assert run_builder("build", "--policy-data", policy, "--out", out).returncode == 0

    old = manifest(dist / "chrome")["version"]
    new = manifest(out / "firefox")["version"]
    assert new.endswith(f".{version + 6}")

    def parts(v):
        return tuple(int(x) for x in v.split("."))

    assert parts(new) > parts(old)
    assert (out / f"privacy-guard-{new}-chrome.zip").is_file()


def test_building_twice_without_a_change_succeeds(tmp_path):
    out = tmp_path / "dist"
    assert run_builder("build", "--out", out).returncode == 0
    result = run_builder("build", "--out", out)
    assert result.returncode == 0, result.stderr


def edit_policy(policy: Path, old: str, new: str, rel: str = "policy.yaml") -> None:
    path = policy / rel
    text = path.read_text("utf-8")
    assert old in text, f"test setup: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def policy_version_line(policy: Path) -> int:
    """The line of `policy_version: N` in a policy folder's policy.yaml (1-based)."""
    lines = (policy / "policy.yaml").read_text("utf-8").splitlines()
    return next(i for i, text in enumerate(lines, 1) if text.startswith("policy_version:"))


def raise_version(policy: Path) -> None:
    version = policy_version(policy)
    edit_policy(policy, f"policy_version: {version}\n", f"policy_version: {version + 1}\n")


FACT_CHANGES = [
    pytest.param("    value: 30\n", "    value: 60\n", "facts.retention_off_days", id="fact-value"),
    pytest.param(
        "    publisher: Lifehacker\n",
        "    publisher: Lifehacker.com\n",
        "sources.lifehacker-opt-out",
        id="source",
    ),
]


@pytest.mark.parametrize(("old", "new", "named"), FACT_CHANGES)
def test_facts_changed_without_a_version_bump_are_refused(tmp_path, old, new, named):
    """Browsers only update to a higher version: new facts under the old one would never ship."""
    policy = copy_policy(tmp_path / "policy_data")
    out = tmp_path / "dist"
    assert run_builder("build", "--policy-data", policy, "--out", out).returncode == 0
    before = snapshot(out)
    edit_policy(policy, old, new)

    result = run_builder("build", "--policy-data", policy, "--out", out)

    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    line = policy_version_line(policy)
    assert f"policy.yaml:{line}:17: policy_version: is " in errors[0], errors[0]
    assert named in errors[0] and "--allow-same-version" in errors[0]
    assert snapshot(out) == before

    allowed = run_builder("build", "--policy-data", policy, "--out", out, "--allow-same-version")
    assert allowed.returncode == 0, allowed.stderr
    # The next build compares with what was built last, so it is not refused again.
    assert run_builder("build", "--policy-data", policy, "--out", out).returncode == 0


def test_facts_changed_with_a_version_bump_build(tmp_path):
    policy = copy_policy(tmp_path / "policy_data")
    out = tmp_path / "dist"
    assert run_builder("build", "--policy-data", policy, "--out", out).returncode == 0
    edit_policy(policy, "    value: 30\n", "    value: 60\n")
    raise_version(policy)

    result = run_builder("build", "--policy-data", policy, "--out", out)

    assert result.returncode == 0, result.stderr
    en = json.loads((out / "chrome/_locales/en/messages.json").read_text("utf-8"))
    assert "60 days" in en["content_on_body"]["message"]


def test_wording_changes_need_no_version_bump(tmp_path):
    """Only facts (policy.yaml) are versioned; UI wording ships with the code version."""
    policy = copy_policy(tmp_path / "policy_data")
    out = tmp_path / "dist"
    assert run_builder("build", "--policy-data", policy, "--out", out).returncode == 0
    path = policy / "strings/en/content.yaml"
    path.write_text(
        path.read_text("utf-8").replace("turn_off: Turn it off", "turn_off: Switch off")
    )

    result = run_builder("build", "--policy-data", policy, "--out", out)

    assert result.returncode == 0, result.stderr


def test_one_target_rebuild_keeps_the_other(tmp_path):
    out = tmp_path / "dist"
    assert run_builder("build", "--out", out).returncode == 0
    firefox_before = snapshot(out / "firefox")

    result = run_builder("build", "--out", out, "--target", "chrome")

    assert result.returncode == 0, result.stderr
    assert snapshot(out / "firefox") == firefox_before
    assert (out / "chrome" / "manifest.json").is_file()


def test_crash_mid_build_leaves_previous_output(tmp_path, monkeypatch):
    """Atomic output: render into a temporary folder, swap only when complete."""
    from builder import build as build_module
    from builder.render import render_target

    out = tmp_path / "dist"
    build_module.build(REPO / "policy_data", out, ["chrome", "firefox"], REPO / "extension")
    before = snapshot(out)
    calls = []

    def render_then_fail(*args):
        calls.append(args)
        rendered = render_target(*args)
        if len(calls) == 2:
            raise OSError("disk full")
        return rendered

    monkeypatch.setattr(build_module, "render_target", render_then_fail)
    with pytest.raises(OSError, match="disk full"):
        build_module.build(REPO / "policy_data", out, ["chrome", "firefox"], REPO / "extension")

    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["dist"], "temporary folders left behind"


def test_diff_lists_each_changed_fact(tmp_path):
    old = copy_policy(tmp_path / "old")
    new = copy_policy(tmp_path / "new")
    policy = new / "policy.yaml"
    text = policy.read_text("utf-8")
    version = policy_version()
    text = text.replace(f"policy_version: {version}", f"policy_version: {version + 1}")
    text = text.replace("    value: 5\n", "    value: 6\n")
    policy.write_text(text, "utf-8")
    detection = new / "detection.yaml"
    detection.write_text(
        detection.read_text("utf-8").replace(
            "      - 'aider à améliorer claude'\n",
            "      - 'aider à améliorer claude'\n      - 'contribuer à améliorer claude'\n",
        ),
        "utf-8",
    )

    result = run_builder("diff", old, new)

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"changed policy_version: {version} -> {version + 1}" in lines
    assert "changed fact.retention_on_years.value: 5 -> 6" in lines
    assert "changed detection.training_switch.labels.fr: + 'contribuer à améliorer claude'" in lines
    # The retention fact appears in the UI strings, so their new wording is listed too.
    assert any(
        line.startswith("changed message.en.content_on_body:") and "6 years" in line
        for line in lines
    )


def test_diff_warns_when_version_was_not_raised(tmp_path):
    old = copy_policy(tmp_path / "old")
    new = copy_policy(tmp_path / "new")
    policy = new / "policy.yaml"
    policy.write_text(policy.read_text("utf-8").replace("    value: 30\n", "    value: 60\n"))

    result = run_builder("diff", old, new)

    assert "changed fact.retention_off_days.value: 30 -> 60" in result.stdout
    version = policy_version()
    assert f"warning: policy_version is {version} (was {version})" in result.stdout


def test_diff_of_identical_folders_says_so(tmp_path):
    old = copy_policy(tmp_path / "old")
    result = run_builder("diff", old)
    assert result.returncode == 0
    assert result.stdout.strip() == "No changes."


def test_diff_of_invalid_folder_names_the_problem(tmp_path):
    old = copy_policy(tmp_path / "old")
    (old / "policy.yaml").write_text("policy_version: [\n")
    result = run_builder("diff", old)
    assert result.returncode == 2
    assert "policy.yaml" in result.stderr and "Traceback" not in result.stderr


def tracked_copy_of_extension(dest: Path) -> Path:
    """extension/ copied into a new git repository with every file committed."""
    source = dest / "extension"
    shutil.copytree(REPO / "extension", source)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(dest)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "copy"], check=True)
    return source


# Files an editor, a tool or a person leave under extension/ that are not the extension.
STRAY_FILES = [
    ".idea/workspace.xml",
    ".DS_Store",
    "popup/popup.js~",
    "popup/.popup.js.swp",
    "popup/popup.js.bak",
    "popup/#popup.js#",
    "content/__pycache__/detect.cpython-311.pyc",
    "shared/notes-to-self.txt",
]


def test_packages_hold_only_files_git_tracks(tmp_path):
    source = tracked_copy_of_extension(tmp_path / "src")
    for rel in STRAY_FILES:
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_text("not for the store")
    out = tmp_path / "dist"

    result = run_builder("build", "--source", source, "--out", out)

    assert result.returncode == 0, result.stderr
    for target in ("chrome", "firefox"):
        shipped = set(snapshot(out / target))
        for package in out.glob(f"*-{target}.*"):
            with zipfile.ZipFile(package) as archive:
                assert set(archive.namelist()) == shipped
        assert not shipped & set(STRAY_FILES), sorted(shipped & set(STRAY_FILES))
        assert "popup/popup.js" in shipped


def test_symlink_in_extension_is_refused(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("a local file that must never reach a store")
    source = tracked_copy_of_extension(tmp_path / "src")
    out = tmp_path / "dist"
    assert run_builder("build", "--source", source, "--out", out).returncode == 0
    before = snapshot(out)
    (source / "shared" / "local.js").symlink_to(outside)
    subprocess.run(["git", "-C", str(source), "add", "shared/local.js"], check=True)

    result = run_builder("build", "--source", source, "--out", out)

    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert any("shared/local.js" in line and "symbolic link" in line for line in errors), errors
    assert snapshot(out) == before


def _declared(interface: str) -> set[str]:
    """Member names of `interface` in types/privacy-guard.d.ts, as tsc reads them."""
    text = (REPO / "types" / "privacy-guard.d.ts").read_text("utf-8")
    body = re.search(rf"interface {interface} \{{(.*?)\n\}}", text, re.S)
    assert body, interface
    return set(re.findall(r"^\s+readonly (\w+)\??:", body.group(1), re.M))


def test_generated_data_has_exactly_the_keys_the_types_declare(dist):
    """The builder writes the data (render.py) and tsc checks the scripts against
    types/privacy-guard.d.ts: a key renamed on one side only must fail here, not in a
    browser. content-data leaves out what its d.ts comment says it leaves out."""
    prefix = "Object.freeze("

    def load(path):
        line = next(x for x in path.read_text("utf-8").splitlines() if prefix in x)
        return json.loads(line[line.index(prefix) + len(prefix) : -2])

    full = load(dist / "chrome/generated/policy-data.js")
    page = load(dist / ".privacy-guard-content-data.chrome.mjs")
    declared = _declared("PrivacyGuardData")
    assert set(full) == declared - {"explains"}
    assert set(page) == declared - {"version", "facts"}
    detection = _declared("PrivacyGuardDetection")
    assert set(full["detection"]) == detection
    assert set(page["detection"]) == detection - {"lockNotes"}
