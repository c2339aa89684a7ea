"""The benchmark runs end to end at a tiny size, so it cannot rot; no timing is asserted."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builder_support import REPO, run_builder

# A hang guard, not a speed target: the tiny run takes ~20 s on a 2-core machine.
BENCH_TIMEOUT_S = 180

BUDGET_ROWS = [
    "Script-time ratio while the answer streams (with ÷ without)",
    "Consent popup inserted → switch marked",
    "First consent popup after a page load (new tab) inserted → switch marked",
    "First consent popup while the answer streams, before the page was ever idle, "
    "inserted → switch marked",
    "User's flip (trusted click) → mark updated",
    "Extra JS heap at the end of the run, after GC (with minus without)",
    "Script time the content script adds to a page load, until 1.5 s after load "
    "(with minus empty content script)",
    "Shipped content script + data (the injected files and the module they import)",
]
PAIR_ROWS = [
    "Script time while streaming",
    "Task time while streaming",
    "Script time of page load",
    "Task time of page load",
    "Script time, load + stream",
    "JS heap after GC, end of run",
    "JS heap growth during the stream",
    "Noise floor: script time while streaming, empty content script",
    "Noise floor: task time while streaming, empty content script",
]
LATENCY_ROWS = [
    "Consent popup (native switch): insert → mark",
    "Consent popup (native switch): flip → mark",
    "Settings panel (Radix switch): insert → mark",
    "Settings panel (Radix switch): flip → mark",
    "First popup after a page load (new tab): insert → mark",
    "First popup after a page load (new tab): insert → callout shown",
    "First popup while streaming, before the page was ever idle: insert → mark",
    "Control: the same popup once the page had been idle: insert → mark",
    "The page's own share: the first kind, empty content script: insert → style and layout forced",
]
LOAD_ROWS = [
    "Top level: parse, compile, run (the loader and its module)",
    "Event listeners (DOMContentLoaded start-up, ...)",
    "Idle callbacks",
    "Timers",
    "Animation frames",
    "Other callbacks (observers, messages)",
    "Total in the content script",
    "Not in the total: style and layout forced inside it",
]
MACHINE_ROWS = ["CPU", "Browser", "OS", "Date", "Load", "Page", "Run"]
NUMBER = re.compile(r"^-?\d[\d,]*(?:\.\d+)?(?: (?:ms|KB))?\b")


def find_chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A build's Chrome folder and the browser to run the bench with."""
    pytest.importorskip("playwright")
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (`make test` installs it as root)")
    tmp = tmp_path_factory.mktemp("bench")
    result = run_builder("build", "--out", tmp / "dist")
    assert result.returncode == 0, result.stderr
    return tmp / "dist" / "chrome", chromium


def run_bench(built: tuple[Path, str], *args: str) -> subprocess.CompletedProcess:
    dist, chromium = built
    result = subprocess.run(
        [
            *(sys.executable, "-m", "bench", "--size", "tiny", "--pairs", "1"),
            *("--dist", str(dist), "--chromium", chromium, *args),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=BENCH_TIMEOUT_S,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return result


@pytest.fixture(scope="module")
def report(built, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("report") / "perf.md"
    run_bench(built, "--out", str(out))
    return out.read_text("utf-8")


def table_rows(markdown: str) -> dict[str, list[str]]:
    """First cell of every Markdown table row -> the other cells."""
    rows = {}
    for line in markdown.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            rows[cells[0]] = cells[1:]
    return rows


def assert_numeric(cell: str, where: str) -> None:
    assert NUMBER.match(cell), f"{where}: expected a number, got {cell!r}"


def test_machine_is_stated(report):
    rows = table_rows(report)
    for name in MACHINE_ROWS:
        assert name in rows and rows[name][0], f"machine row {name!r} missing"
    assert re.search(r"\d+ cores", rows["CPU"][0])
    assert re.search(r"Chrome \d+\.\d+", rows["Browser"][0])
    assert re.search(r"\d{4}-\d{2}-\d{2}", rows["Date"][0])


def test_every_budget_has_a_measurement_and_a_verdict(report):
    rows = table_rows(report)
    for name in BUDGET_ROWS:
        assert name in rows, f"budget row {name!r} missing"
        limit, measured, result = rows[name]
        assert limit.startswith("≤"), name
        assert_numeric(measured, name)
        # Budgets are judged only at the full size; a tiny run must not claim PASS.
        assert result == "n/a (size tiny)", name


def test_every_pair_metric_has_numbers(report):
    rows = table_rows(report)
    for name in PAIR_ROWS:
        assert name in rows, f"pair row {name!r} missing"
        cells = rows[name]
        assert len(cells) == 4, name
        for cell in cells:
            assert_numeric(cell, name)


def test_every_latency_probe_got_its_mark(report):
    rows = table_rows(report)
    for name in LATENCY_ROWS:
        assert name in rows, f"latency row {name!r} missing"
        median, p90, low, high, marked = rows[name]
        for cell in (median, p90, low, high):
            assert_numeric(cell, name)  # "never" would mean the switch was not marked
        got, total = re.fullmatch(r"(\d+) of (\d+)", marked).groups()
        assert got == total != "0", name


def test_page_load_script_time_is_the_content_scripts(report):
    rows = table_rows(report)
    for name in LOAD_ROWS:
        assert name in rows, f"page-load row {name!r} missing"
        assert len(rows[name]) == 3, name
        for cell in rows[name]:
            assert_numeric(cell, name)
    total = rows["Total in the content script"]
    control, with_, extra = (float(c.split(" ms")[0]) for c in total)
    # The content script does run at load (its loader, its module's top level and
    # start-up); an empty one costs next to nothing: a trace that attributed nothing, or
    # everything, fails here.
    assert with_ > 1.0 > control, total
    top = rows["Top level: parse, compile, run (the loader and its module)"]
    assert float(top[1].split(" ms")[0]) > 1.0, "the module's top level is not counted"
    assert abs(extra - (with_ - control)) < 1.0, total


def test_injected_files_are_listed_with_their_sizes(report):
    rows = table_rows(report)
    injected = [name for name in rows if name.startswith("`") and name.endswith("`")]
    for name in ("content/content.js", "content/core.js", "content/content.css"):
        assert f"`{name}`" in injected, injected
    for name in injected:
        assert_numeric(rows[name][0], name)
    total = int(rows["Total"][0].replace(",", ""))
    assert total == sum(int(rows[n][0].replace(",", "")) for n in injected)


def test_only_runs_the_parts_asked_for_and_writes_no_report_by_default(built, tmp_path):
    result = run_bench(built, "--only", "cold")
    lines = result.stdout.splitlines()
    cold = next(line for line in lines if "First consent popup after a page load" in line)
    assert re.search(r": \d+(\.\d+)? ms \(n = 3;", cold), cold
    ratio = next(line for line in lines if "Script-time ratio" in line)
    assert ratio.startswith("n/a") and "not run" in ratio
    assert "no report written" in lines[-1]
    # Asked for a report, it says what was left out rather than inventing numbers.
    out = tmp_path / "perf.md"
    run_bench(built, "--only", "cold", "--out", str(out))
    rows = table_rows(out.read_text("utf-8"))
    assert rows["Script-time ratio while the answer streams (with ÷ without)"][1:] == [
        "not run",
        "n/a (not run)",
    ]
    assert "Left out of this run: pairs, control, latency, startup, loadscript." in rows["Run"][0]


def test_only_the_start_up_parts(built):
    # What the lead runs after optimising (`make bench-startup`), at the tiny size.
    result = run_bench(built, "--only", "startup,loadscript")
    lines = result.stdout.splitlines()
    busy = next(line for line in lines if "before the page was ever idle" in line)
    assert re.search(r": \d+(\.\d+)? ms \(n = 2; p90 .*control.*: \d+(\.\d+)? ms", busy), busy
    # How much of it is the page's own style and layout, measured without the extension.
    assert re.search(r"page's own share, .* no content script: \d+(\.\d+)? ms\)", busy), busy
    load = next(line for line in lines if "adds to a page load" in line)
    assert re.search(r": -?\d+(\.\d+)? ms \(median of 2 pairs", load), load
    cold = next(line for line in lines if "First consent popup after a page load" in line)
    assert cold.startswith("n/a") and "not run" in cold
