"""Bad policy data is refused with one clear line per problem, exit 2, output untouched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from builder_support import copy_policy, policy_version, run_builder, snapshot

VERSION = f"policy_version: {policy_version()}"


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / rel
        text = path.read_text("utf-8")
        assert old in text, f"test setup: {old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), "utf-8")

    return edit


def write(rel: str, content: str | bytes) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / rel
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8")

    return edit


def delete(rel: str) -> Callable[[Path], None]:
    return lambda root: (root / rel).unlink()


def strings_file_in_every_locale(name: str, content: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        for locale in (root / "strings").iterdir():
            (locale / name).write_text(content, "utf-8")

    return edit


def together(*edits: Callable[[Path], None]) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        for one in edits:
            one(root)

    return edit


def spot(root: Path, rel: str, needle: str) -> str:
    """'line:column' (1-based) where `needle` is written in one file of a policy folder."""
    for number, line in enumerate((root / rel).read_text("utf-8").splitlines(), 1):
        if needle in line:
            return f"{number}:{line.index(needle) + 1}"
    raise AssertionError(f"test setup: {needle!r} not in {rel}")


# A French label the cases below replace with a pattern of their own.
FR_LABEL = "- 'aider à améliorer claude'"


def fr_label(pattern: str) -> Callable[[Path], None]:
    return replace("detection.yaml", FR_LABEL, f"- '{pattern}'")


BILLION_LAUGHS = "".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n',
        *(
            f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n"
            for i in range(8)
        ),
    ]
)

# (id, how to break the data, file the message must name, words the message must contain)
BAD_INPUTS = [
    ("missing-file", delete("detection.yaml"), "detection.yaml", "is missing"),
    (
        "yaml-syntax",
        replace("policy.yaml", VERSION, "policy_version: [1"),
        "policy.yaml",
        "YAML error",
    ),
    ("empty-file", write("locales.yaml", "# nothing here\n\n"), "locales.yaml", "is empty"),
    (
        "wrong-type",
        replace("policy.yaml", VERSION, 'policy_version: "one"'),
        "policy.yaml",
        "policy_version: expected a whole number",
    ),
    (
        "list-instead-of-mapping",
        write("detection.yaml", "- switch_selectors\n- ignore_inside\n"),
        "detection.yaml",
        "expected a mapping, got a list",
    ),
    (
        "unknown-key",
        replace("policy.yaml", "    value: 5\n", "    value: 5\n    vlaue: 6\n"),
        "policy.yaml",
        "facts.retention_on_years.vlaue: unknown key",
    ),
    (
        "fact-without-source",
        replace(
            "policy.yaml",
            "    value: 30\n    sources: [anthropic-announcement]",
            "    value: 30\n    sources: []",
        ),
        "policy.yaml",
        "facts.retention_off_days.sources: needs at least 1",
    ),
    (
        "unknown-source",
        replace("policy.yaml", "sources: [macrumors-opt-out]", "sources: [macrumours]"),
        "policy.yaml",
        "unknown source 'macrumours'",
    ),
    (
        "invalid-date",
        replace("policy.yaml", "value: 2025-10-08", "value: 2025-13-40"),
        "policy.yaml",
        "facts.deadline_extended_to.value: expected a date",
    ),
    (
        "extension-before-deadline",
        replace("policy.yaml", "value: 2025-10-08", "value: 2025-09-20"),
        "policy.yaml",
        "facts.deadline_extended_to.value: 2025-09-20 is before facts.decision_deadline.value",
    ),
    (
        "deadline-before-announcement",
        replace("policy.yaml", "value: 2025-09-28", "value: 2025-08-01"),
        "policy.yaml",
        "facts.decision_deadline.value: 2025-08-01 is before facts.announced.value",
    ),
    (
        "extension-before-announcement-when-deadline-is-broken",
        together(
            replace("policy.yaml", "value: 2025-09-28", "value: soon"),
            replace("policy.yaml", "value: 2025-10-08", "value: 2025-08-01"),
        ),
        "policy.yaml",
        "facts.deadline_extended_to.value: 2025-08-01 is before facts.announced.value",
    ),
    (
        "invalid-url",
        replace(
            "policy.yaml",
            "url: https://www.anthropic.com/legal/terms",
            "url: ftp://anthropic.com/terms",
        ),
        "policy.yaml",
        "sources.anthropic-consumer-terms.url: expected an https:// URL",
    ),
    (
        "invalid-regex",
        fr_label("aider (à améliorer claude"),
        "detection.yaml",
        "training_switch.labels.fr[0]",
    ),
    (
        "catastrophic-regex",
        fr_label("(a+)+$"),
        "detection.yaml",
        "exponential time",
    ),
    # Python's re accepts these; JavaScript's u mode, which the content script uses, does not.
    *(
        (
            f"regex-not-javascript-{i}",
            fr_label(pattern),
            "detection.yaml",
            "training_switch.labels.fr[0]: " + repr(pattern) + " is not a valid JavaScript",
        )
        for i, pattern in enumerate([r"\!", r"help\ improve", r"standort\-metadaten", "a{,5}b"])
    ),
    # The content script matches lower-cased text without the "i" flag (content/text.js).
    (
        "regex-with-upper-case",
        fr_label("aider à améliorer Claude"),
        "detection.yaml",
        "training_switch.labels.fr[0]: 'aider à améliorer Claude' has the upper-case letter \"C\"",
    ),
    (
        "polynomial-regex",
        fr_label("help.*improve.*claude"),
        "detection.yaml",
        "training_switch.labels.fr[0]: 'help.*improve.*claude' can take 3rd degree polynomial",
    ),
    (
        # Every language's wording says where it comes from, the Privacy tab's name too.
        "tab-name-without-evidence",
        replace(
            "detection.yaml",
            '    ko: "SRC: claude.ai web app catalogs (build 2026-08-11, facts §5): '
            "the settings nav's Privacy entry\"\n",
            "",
        ),
        "detection.yaml",
        "privacy_settings.evidence.ko: is missing: say where the 'ko' tab_names come from",
    ),
    (
        "lock-note-in-an-unlisted-language",
        replace("detection.yaml", "  lock_notes:\n", "  lock_notes:\n    nl: ['uit voor alle']\n"),
        "detection.yaml",
        "consent_popup.lock_notes.nl: unknown key (expected one of the page_languages",
    ),
    (
        "selector-missing-bracket",
        replace("detection.yaml", "- '[data-is-streaming]'", "- '[data-is-streaming'"),
        "detection.yaml",
        "ignore_inside[1]: '[data-is-streaming' is not a valid CSS selector",
    ),
    (
        "selector-with-comment",
        replace(
            "detection.yaml",
            "row_selectors: ['[data-settings-row]',",
            "row_selectors: ['[data-settings-row] /* rows',",
        ),
        "detection.yaml",
        "privacy_settings.row_selectors[0]: '[data-settings-row] /* rows' contains \"/*\"",
    ),
    (
        "selector-list-in-one-item",
        replace("detection.yaml", "- '[role=\"switch\"]'", "- '[role=\"switch\"], input'"),
        "detection.yaml",
        "switch_selectors[0]",
    ),
    (
        "strings-file-name-not-a-message-name",
        strings_file_in_every_locale("foo-bar.yaml", "title: Foo\n"),
        "en/foo-bar.yaml",
        "message names",
    ),
    ("alias-bomb", write("policy.yaml", BILLION_LAUGHS), "policy.yaml", "aliases"),
    (
        "huge-file",
        write("detection.yaml", "# padding\n" + "x: " + "y" * (10 * 1024 * 1024) + "\n"),
        "detection.yaml",
        "bytes; policy files must be under",
    ),
    (
        "binary-garbage",
        write("locales.yaml", bytes(range(256)) * 8),
        "locales.yaml",
        "not UTF-8 text",
    ),
    (
        "duplicate-key",
        replace("strings/de/content.yaml", "turn_off: Ausschalten", "turn_off: Aus\nturn_off: An"),
        "content.yaml",
        "duplicate key 'turn_off'",
    ),
    (
        "missing-translation",
        replace("strings/ja/content.yaml", "turn_off: オフにする\n", ""),
        "ja/content.yaml",
        "turn_off: is missing (present in en)",
    ),
    (
        "unknown-placeholder",
        replace(
            "strings/fr/content.yaml", "{retention_off_days} jours.", "{retention_days} jours."
        ),
        "fr/content.yaml",
        "unknown placeholder {retention_days}",
    ),
    (
        # Chrome reads "$2$1" as a named placeholder "$2$" and refuses to load the build.
        "runtime-arguments-side-by-side",
        replace("strings/ja/popup.yaml", "checked_ago: '{2}、{1}", "checked_ago: '{2}{1}"),
        "ja/popup.yaml",
        "checked_ago: {2}{1} side by side",
    ),
    (
        "list-pattern-without-both-sides",
        replace("locales.yaml", "list_end: '{0} und {1}'", "list_end: 'und {1}'"),
        "locales.yaml",
        "locales.de.list_end: 'und {1}' is not a pattern like '{0} and {1}'",
    ),
    (
        "name-too-long-for-stores",
        replace("strings/es/manifest.yaml", "Privacy Guard para Claude", "Privacy Guard " * 8),
        "es/manifest.yaml",
        "stores allow 75",
    ),
]


@pytest.fixture(scope="module")
def previous_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A good build whose folder every bad build below must leave byte-for-byte alone."""
    out = tmp_path_factory.mktemp("previous") / "dist"
    result = run_builder("build", "--out", out)
    assert result.returncode == 0, result.stderr
    return out, snapshot(out)


@pytest.mark.parametrize(
    ("breakage", "file", "words"),
    [pytest.param(b, f, w, id=i) for i, b, f, w in BAD_INPUTS],
)
def test_bad_input_is_refused_clearly(tmp_path, previous_build, breakage, file, words):
    out, before = previous_build
    policy = copy_policy(tmp_path / "policy_data")
    breakage(policy)

    result = run_builder("build", "--policy-data", policy, "--out", out)

    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    problem_lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert problem_lines, result.stderr
    assert any(file in line and words in line for line in problem_lines), result.stderr
    assert "nothing was written" in result.stderr
    assert snapshot(out) == before, "a failed build changed the previous output"
    assert not list(out.parent.glob(".privacy-guard-staging-*")), "staging folder left behind"


def test_check_reports_every_problem_at_once(tmp_path):
    policy = copy_policy(tmp_path / "policy_data")
    replace("policy.yaml", VERSION, "policy_version: 0")(policy)
    replace("policy.yaml", "value: 2025-09-28", "value: soon")(policy)
    delete("strings/de/manifest.yaml")(policy)

    result = run_builder("check", "--policy-data", policy)

    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 3, result.stderr
    assert "3 problems found" in result.stderr


def test_dates_in_order_are_one_problem_per_mistake(tmp_path):
    """A deadline extended to before the announcement is one mistake, reported once."""
    policy = copy_policy(tmp_path / "policy_data")
    replace("policy.yaml", "value: 2025-10-08", "value: 2025-08-01")(policy)

    result = run_builder("check", "--policy-data", policy)

    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    assert errors[0].endswith(
        f"policy.yaml:{spot(policy, 'policy.yaml', '2025-08-01')}: "
        "facts.deadline_extended_to.value: 2025-08-01 is before "
        "facts.decision_deadline.value (2025-09-28); the dates must come in the order "
        "announced, decision_deadline, deadline_extended_to"
    ), result.stderr


def test_equal_dates_are_accepted(tmp_path):
    """A deadline that was never extended may be written as extended to the same day."""
    policy = copy_policy(tmp_path / "policy_data")
    replace("policy.yaml", "value: 2025-10-08", "value: 2025-09-28")(policy)
    result = run_builder("check", "--policy-data", policy)
    assert result.returncode == 0, result.stderr


def test_check_accepts_the_shipped_policy_data():
    result = run_builder("check")
    assert result.returncode == 0, result.stderr
    assert "policy_data is valid" in result.stdout


def test_missing_policy_folder_is_named(tmp_path):
    result = run_builder("check", "--policy-data", tmp_path / "nowhere")
    assert result.returncode == 2
    assert "nowhere: policy data folder is missing" in result.stderr


def test_refuses_to_replace_a_folder_it_did_not_make(tmp_path):
    precious = tmp_path / "my-notes"
    precious.mkdir()
    (precious / "todo.txt").write_text("keep me")

    result = run_builder("build", "--out", precious)

    assert result.returncode == 2
    assert "did not create" in result.stderr
    assert (precious / "todo.txt").read_text() == "keep me"


def test_missing_node_is_named_in_one_line(tmp_path):
    # A PATH holding no `node`: the patterns cannot be judged, so nothing is built.
    (tmp_path / "bin").mkdir()
    result = run_builder("check", path=str(tmp_path / "bin"))

    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    assert "Node.js" in errors[0] and "not found" in errors[0]


# (id, how to break the data, file, text where the error must point, key path and message start)
LOCATED = [
    (
        "value-of-wrong-type",
        replace("policy.yaml", VERSION, 'policy_version: "one"'),
        "policy.yaml",
        '"one"',
        "policy_version: expected a whole number",
    ),
    (
        "unknown-key-points-at-the-key",
        replace("policy.yaml", "    value: 5\n", "    value: 5\n    vlaue: 6\n"),
        "policy.yaml",
        "vlaue",
        "facts.retention_on_years.vlaue: unknown key",
    ),
    (
        "unknown-source-in-a-flow-list",
        replace("policy.yaml", "sources: [macrumors-opt-out]", "sources: [macrumours]"),
        "policy.yaml",
        "macrumours",
        "facts.deadline_extended_to.sources[0]: unknown source 'macrumours'",
    ),
    (
        "empty-list",
        replace(
            "policy.yaml",
            "    value: 30\n    sources: [anthropic-announcement]",
            "    value: 30\n    sources: []",
        ),
        "policy.yaml",
        "[]",
        "facts.retention_off_days.sources: needs at least 1",
    ),
    (
        "source-without-url-or-date-points-at-its-key",
        replace("policy.yaml", "    date: 2025-08-28\n  macrumors", "  macrumors"),
        "policy.yaml",
        "lifehacker-opt-out:",
        "sources.lifehacker-opt-out: needs a url",
    ),
    (
        "pattern-judged-by-javascript",
        fr_label(r"\!"),
        "detection.yaml",
        "'\\!'",
        "training_switch.labels.fr[0]: '\\\\!' is not a valid JavaScript",
    ),
    (
        "selector-judged-by-javascript",
        replace("detection.yaml", "- '[data-is-streaming]'", "- '[data-is-streaming'"),
        "detection.yaml",
        "'[data-is-streaming'",
        "ignore_inside[1]: '[data-is-streaming' is not a valid CSS selector",
    ),
    (
        "default-locale-not-listed",
        replace("locales.yaml", "default: en", "default: pt"),
        "locales.yaml",
        "pt",
        "default: 'pt' is not in locales",
    ),
    (
        "placeholder-in-a-strings-file",
        replace(
            "strings/fr/content.yaml", "{retention_off_days} jours.", "{retention_days} jours."
        ),
        "strings/fr/content.yaml",
        ">-",  # on_body's block scalar starts there
        "on_body: unknown placeholder {retention_days}",
    ),
    (
        "key-not-in-the-reference-locale",
        replace("strings/de/content.yaml", "dismiss: ", "dismis: x\ndismiss: "),
        "strings/de/content.yaml",
        "dismis: x",
        "dismis: unknown key (not in en)",
    ),
    (
        "yaml-syntax",
        replace("policy.yaml", VERSION, "policy_version: [1"),
        "policy.yaml",
        "\nsources:",
        "YAML error: ",
    ),
]


@pytest.mark.parametrize(
    ("breakage", "file", "needle", "words"),
    [pytest.param(b, f, n, w, id=i) for i, b, f, n, w in LOCATED],
)
def test_problem_names_file_line_and_column(tmp_path, breakage, file, needle, words):
    """Each line reads `error: FILE:LINE:COLUMN: KEY: MESSAGE`, the most specific node's place."""
    policy = copy_policy(tmp_path / "policy_data")
    breakage(policy)
    if needle.startswith("\n"):  # PyYAML finds the unclosed [ at the next line's colon
        lines = (policy / file).read_text("utf-8").splitlines()
        where = f"{lines.index(needle[1:]) + 1}:{len(needle) - 1}"
    else:
        where = spot(policy, file, needle)

    result = run_builder("check", "--policy-data", policy)

    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    expected = f"error: {policy / file}:{where}: {words}"
    assert any(line.startswith(expected) for line in result.stderr.splitlines()), (
        expected + "\n" + result.stderr
    )
