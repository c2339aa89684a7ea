"""`make release` and builds from a source archive: each refusal on a doctored input, and the
source archive building byte-identical packages in fresh folders without `.git`."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import types
import zipfile
from pathlib import Path

import pytest
from builder_support import REPO, policy_version, run_builder, snapshot, ui_locales

from builder.release import checks
from builder.release.run import ReleaseRefused, asset_problems, expected_files, make_release
from builder.release.source import export_source, rebuild_twice, unpack
from builder.sources import SOURCE_FILES

VERSION = f"0.1.{policy_version()}"
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "tag.gpgSign=false"]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        [*GIT, "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def tracked_copy(dest: Path, tag: str | None = None) -> Path:
    """The repository's tracked files (as they are in the work tree) in a new git repository
    with one commit, tagged `tag`; node_modules linked in and ignored, as in a checkout."""
    names = git(REPO, "ls-files", "-z").split("\0")
    for name in filter(None, names):
        source = REPO / name
        if source.is_file() and not source.is_symlink():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    git(dest, "init", "-q")
    (dest / ".git" / "info" / "exclude").write_text("node_modules\n")
    (dest / "node_modules").symlink_to(REPO / "node_modules")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "copy")
    if tag:
        git(dest, "tag", tag)
    return dest


# --- builds without .git ---------------------------------------------------------------------


def test_source_archive_builds_the_same_packages_without_git(tmp_path):
    """Export the tag, build it twice in fresh folders with no .git, compare with the checkout."""
    repo = tracked_copy(tmp_path / "repo", f"v{VERSION}")
    archive = tmp_path / "source.zip"
    export_source(repo, f"v{VERSION}", VERSION, archive)
    with zipfile.ZipFile(archive) as zf:
        names = set(zf.namelist())
        listed = zf.read(SOURCE_FILES).decode().splitlines()
    assert {"SOURCE-README", SOURCE_FILES, "package.json", "extension/manifest/base.json"} <= names
    assert not any(name.startswith(".git/") for name in names)
    assert set(listed) == names - {"SOURCE-README", SOURCE_FILES}

    packages, problems = rebuild_twice(archive, VERSION, reuse_tools=REPO)

    assert problems == []
    checkout = tmp_path / "dist"
    result = run_builder("build", "--out", checkout, cwd=repo)
    assert result.returncode == 0, result.stderr
    assert sorted(packages) == [
        f"privacy-guard-{VERSION}-chrome.zip",
        f"privacy-guard-{VERSION}-firefox.xpi",
    ]
    for name, data in packages.items():
        assert data == (checkout / name).read_bytes(), name


def test_export_is_reproducible(tmp_path):
    repo = tracked_copy(tmp_path / "repo", f"v{VERSION}")
    export_source(repo, f"v{VERSION}", VERSION, tmp_path / "a.zip")
    export_source(repo, f"v{VERSION}", VERSION, tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def unpacked_extension(dest: Path) -> Path:
    """extension/ in a folder with no .git and a SOURCE-FILES listing every file of it."""
    shutil.copytree(REPO / "extension", dest / "extension")
    names = sorted(
        p.relative_to(dest).as_posix() for p in (dest / "extension").rglob("*") if p.is_file()
    )
    (dest / SOURCE_FILES).write_text("\n".join(names) + "\n")
    return dest / "extension"


def test_without_git_only_listed_files_ship(tmp_path):
    source = unpacked_extension(tmp_path / "src")
    (source / "shared" / "notes-to-self.txt").write_text("not listed, never shipped")
    out = tmp_path / "dist"

    result = run_builder("build", "--source", source, "--out", out)

    assert result.returncode == 0, result.stderr
    shipped = set(snapshot(out / "chrome"))
    assert "popup/popup.js" in shipped
    assert "shared/notes-to-self.txt" not in shipped


@pytest.mark.parametrize(
    ("doctor", "expected"),
    [
        (lambda src: (src / "shared" / "store.js").unlink(), "but missing"),
        (
            lambda src: (
                (src / "shared" / "store.js").unlink(),
                (src / "shared" / "store.js").symlink_to(src.parent / SOURCE_FILES),
            ),
            "symbolic link",
        ),
        (
            lambda src: (src.parent / SOURCE_FILES).write_text(
                (src.parent / SOURCE_FILES).read_text() + "extension/../../etc/passwd\n"
            ),
            "not a relative path inside it",
        ),
    ],
    ids=["listed-but-missing", "symlink", "path-outside"],
)
def test_without_git_bad_list_is_refused(tmp_path, doctor, expected):
    source = unpacked_extension(tmp_path / "src")
    doctor(source)
    out = tmp_path / "dist"

    result = run_builder("build", "--source", source, "--out", out)

    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and expected in errors[0], errors
    assert not out.exists()


def test_without_git_or_list_the_build_says_what_is_missing(tmp_path):
    shutil.copytree(REPO / "extension", tmp_path / "extension")
    result = run_builder("build", "--source", tmp_path / "extension", "--out", tmp_path / "d")
    assert result.returncode == 2
    assert SOURCE_FILES in result.stderr and "Traceback" not in result.stderr


def test_package_json_has_build_for_amo_and_engines():
    package = json.loads((REPO / "package.json").read_text("utf-8"))
    assert package["scripts"]["build-for-amo"] == "make build"
    assert set(package["engines"]) == {"node", "npm"}


# --- refusals ---------------------------------------------------------------------------------


def test_dirty_tree_is_refused(tmp_path):
    repo = tracked_copy(tmp_path / "repo", f"v{VERSION}")
    assert checks.tree_problems(repo) == []
    (repo / "README.md").write_text("changed after the tag")
    (repo / "stray.txt").write_text("untracked")

    problems = checks.tree_problems(repo)

    assert len(problems) == 2, problems
    assert any("README.md" in p for p in problems) and any("stray.txt" in p for p in problems)


def test_missing_or_other_tag_is_refused(tmp_path):
    repo = tracked_copy(tmp_path / "repo")
    assert checks.tag_problems(repo, VERSION) == [
        f"HEAD has no version tag; tag it first: git tag v{VERSION}"
    ]
    git(repo, "tag", "v9.9.9")
    (problem,) = checks.tag_problems(repo, VERSION)
    assert "v9.9.9" in problem and VERSION in problem
    git(repo, "tag", f"v{VERSION}")
    assert checks.tag_problems(repo, VERSION) == []


def test_release_of_a_dirty_untagged_tree_writes_nothing(tmp_path):
    repo = tracked_copy(tmp_path / "repo")
    (repo / "CHANGELOG.md").unlink(missing_ok=True)
    (repo / "stray.txt").write_text("untracked")
    out = tmp_path / "release"

    with pytest.raises(ReleaseRefused) as refused:
        make_release(repo, out, reuse_tools=True, log=lambda _: None)

    text = "\n".join(refused.value.problems)
    assert "stray.txt" in text and f"git tag v{VERSION}" in text and "CHANGELOG.md" in text
    assert not out.exists() or not any(out.iterdir())


def png(path: Path, size: tuple[int, int], mode: str = "RGB") -> None:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new(mode, size, "white").save(path)


def good_images(store: Path, locales: list[str]) -> None:
    for locale in locales:
        for name, size in checks.IMAGE_SIZES.items():
            png(store / locale / name, size)


def test_wrong_size_alpha_or_missing_image_is_refused(tmp_path):
    store = tmp_path / "store"
    good_images(store, ["en", "fr"])
    assert checks.image_problems(store, ["en", "fr"]) == []
    png(store / "fr" / checks.SCREENSHOTS[0], (1280, 720))
    png(store / "en" / "promo-tile-440x280.png", (440, 280), "RGBA")
    (store / "en" / "marquee-1400x560.png").unlink()

    problems = checks.image_problems(store, ["en", "fr"])

    assert sorted(problems) == [
        "store/en/marquee-1400x560.png: missing",
        "store/en/promo-tile-440x280.png: is PNG RGBA; the stores need PNG or JPEG in RGB, "
        "no alpha",
        f"store/fr/{checks.SCREENSHOTS[0]}: is 1280x720, the stores need 1280x800",
    ]


def test_missing_listing_file_is_refused(tmp_path):
    folder = tmp_path / VERSION
    locales = ui_locales()
    for name in expected_files(VERSION, locales):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"x")
    good_images(folder / "store", locales)
    assert asset_problems(folder, VERSION, locales) == []
    (folder / "listing" / f"{locales[-1]}.txt").unlink()

    assert asset_problems(folder, VERSION, locales) == [f"listing/{locales[-1]}.txt: missing"]


def test_locale_without_listing_text_is_refused(tmp_path, monkeypatch):
    """The release asks builder.listing; whatever it finds missing refuses the release."""
    fake = types.ModuleType("builder.listing")
    fake.listing_problems = lambda policy_dir: [f"{policy_dir}/strings/ko/store.yaml: missing"]
    monkeypatch.setitem(sys.modules, "builder.listing", fake)
    assert checks.listing_text_problems(REPO / "policy_data") == [
        f"{REPO / 'policy_data'}/strings/ko/store.yaml: missing"
    ]


def test_real_listing_check_finds_a_missing_store_text(tmp_path):
    listing = pytest.importorskip("builder.listing")
    policy = tmp_path / "policy_data"
    shutil.copytree(REPO / "policy_data", policy)
    assert listing.listing_problems(policy) == []
    (policy / "strings" / "fr" / "store.yaml").unlink()
    problems = checks.listing_text_problems(policy)
    assert problems and any("fr" in p for p in problems), problems


@pytest.mark.parametrize("target", ["chrome", "firefox"])
def test_extra_permission_or_host_is_refused(tmp_path, dist_dir, target):
    golden = REPO / "tests" / "golden" / f"{target}.manifest.json"
    built = tmp_path / "manifest.json"
    shutil.copy(dist_dir / target / "manifest.json", built)
    assert checks.permission_problems(built, golden) == []
    manifest = json.loads(built.read_text())
    manifest["permissions"].append("tabs")
    manifest["host_permissions"] = ["https://*.anthropic.com/*"]
    manifest["content_scripts"][0]["matches"].append("https://example.com/*")
    built.write_text(json.dumps(manifest))

    problems = checks.permission_problems(built, golden)

    assert [p.split("asks for ")[1].split(",")[0] for p in problems] == [
        "'content_scripts matches: https://example.com/*'",
        "'host_permissions: https://*.anthropic.com/*'",
        "'permissions: tabs'",
    ]


def test_web_ext_lint_warning_is_refused(tmp_path, dist_dir):
    web_ext = REPO / "node_modules" / ".bin" / "web-ext"
    if not web_ext.is_file():
        pytest.skip("web-ext is not installed (npm ci)")
    firefox = tmp_path / "firefox"
    shutil.copytree(dist_dir / "firefox", firefox)
    assert checks.lint_problems(firefox, web_ext) == []
    manifest = json.loads((firefox / "manifest.json").read_text())
    manifest["browser_specific_settings"]["gecko"]["strict_min_version"] = "48.0"
    (firefox / "manifest.json").write_text(json.dumps(manifest))

    problems = checks.lint_problems(firefox, web_ext)

    assert problems and all(p.startswith("web-ext lint: ") for p in problems), problems


def test_only_the_reviewed_import_warnings_are_let_through(tmp_path, dist_dir):
    """The loader's and the module's import(runtime.getURL(...)) are reviewed
    (checks.REVIEWED_WARNINGS); another unsafe call in the same file is not."""
    web_ext = REPO / "node_modules" / ".bin" / "web-ext"
    if not web_ext.is_file():
        pytest.skip("web-ext is not installed (npm ci)")
    firefox = tmp_path / "firefox"
    shutil.copytree(dist_dir / "firefox", firefox)
    with (firefox / "content" / "core.js").open("a", encoding="utf-8") as file:
        file.write("\ndocument.body.insertAdjacentHTML('beforeend', location.hash);\n")

    problems = checks.lint_problems(firefox, web_ext)

    assert len(problems) == 1 and "content/core.js" in problems[0], problems
    assert "import" not in problems[0], problems


def test_sums_cover_every_file(tmp_path):
    from builder.release.run import write_sums

    (tmp_path / "store" / "en").mkdir(parents=True)
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "store" / "en" / "b.png").write_bytes(b"b")
    write_sums(tmp_path)
    result = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": OK") == 2


def test_unpack_keeps_executable_bits(tmp_path):
    repo = tracked_copy(tmp_path / "repo", "v0.0.1")
    export_source(repo, "v0.0.1", "0.0.1", tmp_path / "s.zip")
    unpack(tmp_path / "s.zip", tmp_path / "out")
    tracked_executable = [
        line.split("\t")[1]
        for line in git(repo, "ls-files", "-s").splitlines()
        if line.startswith("100755")
    ]
    for name in tracked_executable:
        assert (tmp_path / "out" / name).stat().st_mode & 0o111, name


def test_release_notes_start_with_the_changelog_section(tmp_path):
    from builder.release.notes import release_notes

    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(
        "# Changelog\n\n## 1.2.3 (2027-01-02)\n\n- New thing.\n\n## 1.2.2\n\n- Old.\n"
    )

    first = release_notes("1.2.3", changelog, None, None)
    later = release_notes("1.2.3", changelog, "v1.2.2", ["fact.x: 1 -> 2"])

    assert "- New thing." in first and "- Old." not in first
    assert "No earlier version tag" in first
    assert "Since v1.2.2" in later and "- fact.x: 1 -> 2" in later
    assert checks.changelog_problems(changelog, "1.2.4") == [
        "CHANGELOG.md: has no '## 1.2.4' section; write what this version changes"
    ]


def test_notes_compare_key_by_key_when_the_old_policy_no_longer_loads(tmp_path):
    from builder.release.notes import policy_changes

    repo = tracked_copy(tmp_path / "repo")
    policy = repo / "policy_data" / "policy.yaml"
    text = policy.read_text("utf-8")
    # An older policy.yaml: one fact less, which today's builder requires.
    older = re.sub(r"\n  retention_on_years:\n(    .*\n)+", "\n", text)
    assert older != text
    policy.write_text(older, "utf-8")
    git(repo, "commit", "-qam", "old facts")
    git(repo, "tag", "v0.0.1")
    policy.write_text(text, "utf-8")
    git(repo, "commit", "-qam", "new facts")

    lines = policy_changes(repo, "v0.0.1", repo / "policy_data")

    assert "does not pass this builder's checks" in lines[0]
    assert any(line.startswith("added   policy.yaml: facts.retention_on_years") for line in lines)


def test_make_release_refuses_in_one_line_per_problem_and_writes_nothing(tmp_path):
    """The command as `make release` runs it, in a checkout tagged for another version with
    a file changed since: exit code 2, a line per problem, no release folder."""
    repo = tracked_copy(tmp_path / "repo", "v0.0.1")
    (repo / "README.md").write_text("changed after the tag")

    result = subprocess.run(
        [sys.executable, "-m", "builder", "release"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(repo), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )

    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert any("README.md" in line for line in errors), errors
    assert any(f"tagged v0.0.1 but the version it builds is {VERSION}" in line for line in errors)
    assert not (repo / "release").exists()


def test_packages_do_not_depend_on_where_they_are_written(tmp_path):
    """`make build` writes dist/ inside the checkout, the tests and `make release` elsewhere,
    the source archive's builds inside the unpacked folder: all must be the same bytes."""
    repo = tracked_copy(tmp_path / "repo")
    inside, outside = repo / "dist", tmp_path / "elsewhere"
    for out in (inside, outside):
        result = run_builder("build", "--out", out, cwd=repo)
        assert result.returncode == 0, result.stderr
    for target in ("chrome", "firefox"):
        assert snapshot(inside / target) == snapshot(outside / target), target
