"""Launch Chromium with and without the extension, alternating, and measure both."""

from __future__ import annotations

import base64
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import BrowserContext, CDPSession, Page, Playwright, sync_playwright

from bench.chat_page import FIRST_POPUP_TIMEOUT_MS, Size, build_page
from bench.trace import CATEGORIES, ScriptTime, attribute, load_events

CHAT_URL = "https://claude.ai/chat/0b5e1c1e-bench"
BLANK_URL = "https://claude.ai/blank"
# The page the extension opens on a fresh install (extension/background/background.js).
WELCOME_PATH = "/welcome/welcome.html"
# The parts of a run, in the order they run; `--only` picks some.
PARTS = ("pairs", "control", "latency", "cold", "startup", "loadscript")
# Every browser run gets these; with the extension two more load it.
BASE_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# Hang guards, not speed targets: a broken build must fail the run, not stall it.
LOAD_TIMEOUT_MS = 60_000
STREAM_TIMEOUT_MS = 300_000
MARK_TIMEOUT_MS = 1_000
# CPU time of the renderer's main thread, not wall time: on 2 cores the browser, its GPU
# process and the driver preempt the renderer, and wall time would count that too.
TIME_DOMAIN = "threadTicks"


@dataclass
class StreamRun:
    """One browser's side of a pair: CDP Performance metrics, in ms and bytes."""

    with_extension: bool
    script_load_ms: float  # navigation until the page settled (includes content-script start)
    task_load_ms: float
    script_stream_ms: float  # the streamed answer only, summed over its bursts
    task_stream_ms: float
    heap_loaded: float  # JSHeapUsedSize after a forced GC, before the stream
    heap_end: float  # the same after the stream
    stream_s: float  # wall time of the bursts
    nodes: int


@dataclass
class Latency:
    """Insert->mark and flip->mark samples in ms; None where no mark came in time."""

    popup_insert: list[float | None] = field(default_factory=list)
    popup_flip: list[float | None] = field(default_factory=list)
    settings_insert: list[float | None] = field(default_factory=list)
    settings_flip: list[float | None] = field(default_factory=list)


@dataclass
class Cold:
    """The first popup of a fresh page: insert->mark and insert->callout ms per sample."""

    mark: list[float | None] = field(default_factory=list)
    callout: list[float | None] = field(default_factory=list)


@dataclass
class Startup:
    """A first popup while the answer streams, ms insert->mark per fresh page load.

    `busy`: the page was never idle before the popup came; `idle`, the control: the same
    popup into the same streaming page after it had been idle; `page_layout`: as `busy`
    with an empty content script, ms insert->the popup's style and layout forced at once
    (the page's own share of `busy`, which a check of what a person sees must wait for).
    """

    busy: list[float | None] = field(default_factory=list)
    idle: list[float | None] = field(default_factory=list)
    page_layout: list[float | None] = field(default_factory=list)


@dataclass
class LoadScript:
    """Script time attributed to the content script per page load: (with, empty control)."""

    pairs: list[tuple[ScriptTime, ScriptTime]] = field(default_factory=list)
    window_s: float = 0.0  # traced from navigation until this long after `load`


@dataclass
class Machine:
    """What the numbers were measured on."""

    cpu: str
    cores: int
    chromium: str
    os: str
    date: str
    # 1-minute load averages at the start and the end: another job on a shared machine
    # slows every number here, the first-popup ones most.
    load: tuple[float, float] = (0.0, 0.0)


@dataclass
class Results:
    """Everything the report needs."""

    size_name: str
    size: Size
    parts: tuple[str, ...]  # which of PARTS ran
    pairs: list[tuple[StreamRun, StreamRun]]  # (with, without) whatever order they ran in
    control: list[tuple[StreamRun, StreamRun]]  # the same with an empty content script
    latency: Latency
    cold: Cold
    startup: Startup
    load_script: LoadScript
    content_bytes: int
    content_files: list[tuple[str, int]]  # (path in the build, bytes)
    machine: Machine
    elapsed_s: float


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def find_chromium(explicit: str | None) -> str:
    for candidate in (explicit, os.environ.get("CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    found = shutil.which("chromium")
    if not found:
        raise SystemExit("bench: no Chromium found; install Debian's chromium or pass --chromium")
    return found


def content_script_files(dist: Path) -> list[Path]:
    """The files every claude.ai page loads: the manifest's content scripts and styles, and
    the modules those scripts import as they load (the loader's content/core.js; not the
    report describer, which core.js imports only when a report is copied)."""
    manifest = json.loads((dist / "manifest.json").read_text("utf-8"))
    files: list[Path] = []
    for entry in manifest.get("content_scripts", []):
        files += [dist / name for name in entry.get("js", []) + entry.get("css", [])]
    for script in [f for f in files if f.suffix == ".js"]:
        found = re.findall(r'runtime\.getURL\("([^"]+\.js)"\)', script.read_text("utf-8"))
        files += [dist / name for name in found]
    return files


def make_control(dist: Path, where: Path) -> Path:
    """A copy of the build whose content script is empty: the noise floor of the ratio.

    Loading any content script creates an isolated world; what this copy costs is what
    no implementation can avoid, and how far its ratio strays from 1 is the noise.
    """
    control = where / "control"
    shutil.copytree(dist, control)
    (control / "content" / "bench-empty.js").write_text("// intentionally empty\n")
    manifest = json.loads((control / "manifest.json").read_text("utf-8"))
    for entry in manifest["content_scripts"]:
        entry["js"] = ["content/bench-empty.js"]
        entry.pop("css", None)
    (control / "manifest.json").write_text(json.dumps(manifest, indent=2), "utf-8")
    return control


def load_average() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return 0.0


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def launch(pw: Playwright, chromium: str, profile: str, dist: Path | None) -> BrowserContext:
    args = list(BASE_ARGS)
    if dist is not None:
        args = [f"--disable-extensions-except={dist}", f"--load-extension={dist}", *args]
    context = pw.chromium.launch_persistent_context(
        profile, executable_path=chromium, headless=True, args=args
    )
    if dist is not None:
        try:
            close_welcome_page(context, dist)
        except BaseException:
            context.close()
            raise
    return context


def close_welcome_page(context: BrowserContext, dist: Path) -> None:
    """Close the tab a fresh install opens, as its user would.

    Left open, the welcome page takes over: some seconds into a run headless Chromium
    stops drawing the chat page (1 animation frame in 500 ms instead of 32), while
    `document.visibilityState` still says "visible". At 23feca0 that cut the "with"
    side's task time to a quarter and moved the control's script-time ratio from
    1.008 to 1.040 (issue #12). Waits up to 5 s for the tab to open.
    """
    manifest = json.loads((dist / "manifest.json").read_text("utf-8"))
    if "background" not in manifest:
        return  # no background, nothing opens a welcome page
    # Waiting through a page, not time.sleep: Playwright's sync API learns of new tabs
    # only while it dispatches events.
    waiter = context.pages[0] if context.pages else context.new_page()
    for _ in range(100):
        welcome = [p for p in context.pages if p.url.endswith(WELCOME_PATH)]
        if welcome:
            for page in welcome:
                page.close()
            return
        waiter.wait_for_timeout(50)
    log(f"no welcome page opened within 5 s of launching {dist.name}")


# Animation frames the page gets in 200 ms (a timer answers if none comes at all).
FRAMES_JS = """() => new Promise((resolve) => {
  let frames = 0;
  const began = performance.now();
  setTimeout(() => resolve(frames), 250);
  const frame = () => {
    frames += 1;
    if (performance.now() - began < 200) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})"""
# At 60 Hz 200 ms hold 12 frames; a page Chromium stopped drawing gets 0 or 1.
MIN_FRAMES = 4


def require_drawn(page: Page, what: str) -> None:
    """Stop the run unless Chromium is drawing the measured page (see close_welcome_page).

    Asked outside the measured windows: a page that is not drawn has no frames, no
    style or layout work, and numbers that mean nothing. `visibilityState` cannot tell.
    """
    frames = page.evaluate(FRAMES_JS)
    if frames < MIN_FRAMES:
        raise SystemExit(
            f"bench: {what}: the measured page got {frames} animation frames in 200 ms "
            f"(at least {MIN_FRAMES} expected): Chromium is not drawing it, so its numbers "
            "would not be comparable; is another tab in front?"
        )


def serve(context: BrowserContext, html: str) -> None:
    """Answer every claude.ai request locally: the chat page, an empty page, no network."""

    def handle(route):
        url = route.request.url
        if url.startswith(CHAT_URL):
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
        elif url.startswith(BLANK_URL):
            route.fulfill(status=200, content_type="text/html", body="<!doctype html><p>")
        else:
            route.fulfill(status=404, body="")

    context.route("https://claude.ai/**", handle)


class Tabs:
    """One browser serving the chat, for runs that load it afresh each time in a new tab.

    A new tab is a new renderer process: nothing compiled or cached by an earlier load
    of the page is reused. The tab before is closed only once the new one exists, so
    the browser never has no tab open.
    """

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self._last: Page | None = context.pages[0] if context.pages else None

    def new(self) -> Page:
        page = self.context.new_page()
        if self._last is not None:
            self._last.close()
        self._last = page
        return page


@contextmanager
def browsers(
    pw: Playwright, chromium: str, html: str, dists: list[Path | None]
) -> Iterator[list[Tabs]]:
    """A browser per build in `dists` (None: no extension), each with a fresh profile
    and serving `html` as the chat; closed, and their profiles removed, on leaving."""
    with ExitStack() as stack:
        out = []
        for dist in dists:
            profile = stack.enter_context(tempfile.TemporaryDirectory(prefix="pg-bench-"))
            context = launch(pw, chromium, profile, dist)
            stack.callback(context.close)
            serve(context, html)
            out.append(Tabs(context))
        yield out


def metrics(cdp: CDPSession) -> dict[str, float]:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


def collect_garbage(cdp: CDPSession) -> None:
    # Twice: the first pass can leave objects that only the second finds unreachable.
    cdp.send("HeapProfiler.collectGarbage")
    cdp.send("HeapProfiler.collectGarbage")


def settle(page: Page) -> None:
    """Let style, the sentinel animations and their handlers run out after load."""
    page.evaluate(
        "new Promise(r => requestAnimationFrame(() => requestAnimationFrame("
        "() => setTimeout(r, 300))))"
    )


def load_chat(context: BrowserContext) -> tuple[Page, CDPSession]:
    page = context.pages[0] if context.pages else context.new_page()
    # Same site first, so the CDP session and its counters live in the chat's renderer.
    page.goto(BLANK_URL)
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable", {"timeDomain": TIME_DOMAIN})
    page.goto(CHAT_URL, wait_until="load", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_function("document.documentElement.dataset.benchReady === '1'")
    page.bring_to_front()
    require_drawn(page, "after load")
    settle(page)
    return page, cdp


@dataclass
class Side:
    """One browser of a pair, loaded and ready to stream, and its running totals."""

    dist: Path | None
    page: Page
    cdp: CDPSession
    loaded: dict[str, float]
    script_ms: float = 0.0
    task_ms: float = 0.0
    stream_s: float = 0.0
    heap_loaded: float = 0.0


def open_side(tabs: Tabs, dist: Path | None) -> Side:
    """The chat loaded in the browser of `tabs` (one of browsers()), ready to stream."""
    page, cdp = load_chat(tabs.context)
    return Side(dist, page, cdp, metrics(cdp))


def burst(side: Side, chunks: int) -> None:
    """Stream `chunks` more chunks on this side and add what they cost to its totals."""
    before = metrics(side.cdp)
    began = time.monotonic()
    with side.page.expect_console_message(
        lambda m: m.text == "bench:burst", timeout=STREAM_TIMEOUT_MS
    ):
        side.page.evaluate("n => __bench.burst(n)", chunks)
    side.stream_s += time.monotonic() - began
    after = metrics(side.cdp)
    side.script_ms += (after["ScriptDuration"] - before["ScriptDuration"]) * 1000
    side.task_ms += (after["TaskDuration"] - before["TaskDuration"]) * 1000


def close_side(side: Side) -> StreamRun:
    side.page.evaluate("__bench.finish()")
    # Still drawn at the end: nothing took the page's frames away during the stream.
    require_drawn(side.page, "after the stream")
    collect_garbage(side.cdp)
    end = metrics(side.cdp)
    return StreamRun(
        with_extension=side.dist is not None,
        script_load_ms=side.loaded["ScriptDuration"] * 1000,
        task_load_ms=side.loaded["TaskDuration"] * 1000,
        script_stream_ms=side.script_ms,
        task_stream_ms=side.task_ms,
        heap_loaded=side.heap_loaded,
        heap_end=end["JSHeapUsedSize"],
        stream_s=side.stream_s,
        nodes=int(side.loaded["Nodes"]),
    )


def pair_run(
    pw: Playwright, chromium: str, html: str, dist: Path, size: Size, with_first: bool
) -> tuple[StreamRun, StreamRun]:
    """Two fresh browsers, with and without the extension, streaming the same answer.

    Both stay open and take turns: the answer streams in `size.bursts` bursts per side,
    in the order A B B A A B ..., so that the host's speed, which drifts by tens of
    percent over tens of seconds on a shared VM, is the same for both sides to within
    a burst.
    """
    per_burst = max(1, size.chunks // size.bursts)
    first, second = (dist, None) if with_first else (None, dist)
    with browsers(pw, chromium, html, [first, second]) as pair:
        sides = [open_side(tabs, d) for tabs, d in zip(pair, (first, second), strict=True)]
        for side in sides:
            # Before the stream, after a forced GC: the heap baseline.
            collect_garbage(side.cdp)
            side.heap_loaded = metrics(side.cdp)["JSHeapUsedSize"]
        for k in range(size.bursts):
            for side in sides if k % 2 == 0 else reversed(sides):
                burst(side, per_burst)
        runs = [close_side(side) for side in sides]
    with_run = next(r for r in runs if r.with_extension)
    without_run = next(r for r in runs if not r.with_extension)
    return with_run, without_run


def latency_run(pw: Playwright, chromium: str, html: str, dist: Path, samples: int) -> Latency:
    """Insert the popup (and the settings panel) again and again while the answer streams."""
    out = Latency()
    with browsers(pw, chromium, html, [dist]) as (tabs,):
        page, _ = load_chat(tabs.context)
        # A busy page is the hard case: the answer streams for as long as this takes.
        page.evaluate("__bench.burst(1e9)")
        for i in range(samples):
            for kind, inserts, flips in (
                ("popup", out.popup_insert, out.popup_flip),
                ("settings", out.settings_insert, out.settings_flip),
            ):
                inserts.append(
                    page.evaluate("([k, t]) => __bench.insert(k, t)", [kind, MARK_TIMEOUT_MS])
                )
                flips.append(flip(page))
            # Vary where in the frame the next insert lands.
            page.wait_for_timeout(17 + (i * 7) % 23)
        page.evaluate("__bench.remove()")
    return out


def cold_run(pw: Playwright, chromium: str, html: str, dist: Path, samples: int) -> Cold:
    """The first consent popup after a page load, each time in a new tab.

    A new tab (the previous one closed) is a new document in a new renderer process, so
    whatever the extension or the browser keeps after first use (compiled patterns and
    functions, i18n strings, parsed styles, fonts) is cold. The popup comes once the
    page has loaded and settled, as claude.ai shows it after its app has started.
    """
    out = Cold()
    with browsers(pw, chromium, html, [dist]) as (tabs,):
        for _ in range(samples):
            page = tabs.new()
            page.goto(CHAT_URL, wait_until="load", timeout=LOAD_TIMEOUT_MS)
            page.wait_for_function("document.documentElement.dataset.benchReady === '1'")
            require_drawn(page, "first popup, after load")
            settle(page)
            result = page.evaluate("t => __bench.firstPopup(t)", MARK_TIMEOUT_MS)
            out.mark.append(result["mark"])
            out.callout.append(result["callout"])
    return out


def startup_run(
    pw: Playwright, chromium: str, html: str, dist: Path, control_dist: Path, samples: int
) -> Startup:
    """The grace-period popup (hidden checkbox) while the answer streams, in fresh tabs.

    Alternates the two kinds of load, so that the machine's drift hits both alike: "busy",
    where the page's start-up keeps its main thread busy from DOMContentLoaded until the
    popup comes 300 ms later (no idle callback has run: the content script has not warmed
    up), and "idle", the control, where the popup comes once the page has been idle. A
    second browser with an empty content script (`control_dist`, make_control) takes its
    turn between them: the "busy" load again, timing the popup's forced style and layout.
    """
    out = Startup()
    with browsers(pw, chromium, html, [dist, control_dist]) as (extension, control):
        for i in range(samples):
            kinds = ("busy", "idle") if i % 2 == 0 else ("idle", "busy")
            for mode in (*kinds, "layout"):
                page = (control if mode == "layout" else extension).new()
                page.goto(
                    f"{CHAT_URL}?first={mode}",
                    wait_until="domcontentloaded",
                    timeout=LOAD_TIMEOUT_MS,
                )
                result = page.evaluate("() => window.__firstPopup")
                if mode == "idle":
                    out.idle.append(result["mark"])
                    continue
                if result["wasIdle"] or result["at"] >= FIRST_POPUP_TIMEOUT_MS:
                    # Then the content script may have warmed up: not the case measured.
                    raise SystemExit(
                        "bench: startup: the page had been idle (or the popup came "
                        f"{result['at']:.0f} ms after DOMContentLoaded, past the content "
                        "script's 1 s idle timeout) before the popup was inserted"
                    )
                (out.page_layout if mode == "layout" else out.busy).append(result["mark"])
    return out


# Traced from navigation until this long after the load event: the content script's first
# sweep tick comes 1 s after its start-up.
LOAD_TRACE_AFTER_MS = 1_500


def extension_name(dist: Path) -> str:
    """The extension's name as Chrome shows it (the manifest's, in the default locale):
    Chrome names the extension's isolated world after it in the trace."""
    manifest = json.loads((dist / "manifest.json").read_text("utf-8"))
    name = manifest["name"]
    key = re.fullmatch(r"__MSG_(\w+)__", name)
    if key:
        locale = manifest.get("default_locale", "en")
        messages = json.loads((dist / "_locales" / locale / "messages.json").read_text("utf-8"))
        name = messages[key.group(1)]["message"]
    return name


def traced_load(tabs: Tabs, world: str) -> ScriptTime:
    """Load the chat in a new tab under a trace; the extension's script time there
    (`world`: the extension's name, see extension_name)."""
    page = tabs.new()
    cdp = tabs.context.new_cdp_session(page)
    done: dict = {}
    cdp.on("Tracing.tracingComplete", lambda event: done.update(event))
    cdp.send(
        "Tracing.start",
        {
            "transferMode": "ReturnAsStream",
            "traceConfig": {
                "includedCategories": CATEGORIES,
                "recordMode": "recordAsMuchAsPossible",
            },
        },
    )
    page.goto(CHAT_URL, wait_until="load", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_timeout(LOAD_TRACE_AFTER_MS)
    cdp.send("Tracing.end")
    # Waiting through the page, not time.sleep: the sync API dispatches events only then.
    for _ in range(LOAD_TIMEOUT_MS // 50):
        if "stream" in done:
            break
        page.wait_for_timeout(50)
    else:
        raise SystemExit("bench: loadscript: the trace did not complete within 60 s")
    chunks = []
    while True:
        read = cdp.send("IO.read", {"handle": done["stream"], "size": 1 << 20})
        data = read["data"]
        chunks.append(base64.b64decode(data).decode() if read.get("base64Encoded") else data)
        if read.get("eof"):
            break
    cdp.send("IO.close", {"handle": done["stream"]})
    cdp.detach()
    events = load_events("".join(chunks))
    try:
        return attribute(events, CHAT_URL, "chrome-extension://", world)
    except ValueError as error:
        raise SystemExit(f"bench: loadscript: {error}") from None


def load_script_run(
    pw: Playwright, chromium: str, html: str, dist: Path, control_dist: Path, samples: int
) -> LoadScript:
    """Page loads with the extension and with an empty content script, side by side.

    Both browsers stay open and take turns (with, control, control, with, ...), each load
    in a new tab, so that the machine's drift hits both alike.
    """
    out = LoadScript(window_s=LOAD_TRACE_AFTER_MS / 1000)
    with browsers(pw, chromium, html, [dist, control_dist]) as sides:
        worlds = [extension_name(dist), extension_name(control_dist)]
        for i in range(samples):
            times: list[ScriptTime | None] = [None, None]
            for side in (0, 1) if i % 2 == 0 else (1, 0):
                times[side] = traced_load(sides[side], worlds[side])
            with_time, control_time = times
            assert with_time is not None and control_time is not None
            if with_time.uncounted:
                log(
                    "load script time: the trace has uncounted events with the "
                    f"extension's URL ({', '.join(sorted(with_time.uncounted))}): "
                    "add them to bench/trace.py or the budget reads low"
                )
            out.pairs.append((with_time, control_time))
            log(
                f"load script time {i + 1}/{samples}: {with_time.total:.1f} ms with, "
                f"{control_time.total:.1f} ms empty content script"
            )
    return out


def flip(page: Page) -> float | None:
    """A trusted click on the current switch; ms from the click until the mark changed."""
    box = page.evaluate("__bench.switchBox()")
    if box["mark"] is None:
        return None  # never detected: nothing to flip
    page.evaluate("t => __bench.armFlip(t)", MARK_TIMEOUT_MS)
    page.mouse.click(box["x"], box["y"])
    return page.evaluate("window.__flip")


def chromium_version(pw: Playwright, chromium: str) -> str:
    with browsers(pw, chromium, "", [None]) as (tabs,):
        cdp = tabs.context.new_cdp_session(tabs.context.pages[0])
        return cdp.send("Browser.getVersion")["product"].replace("/", " ") + " (headless)"


def run_pairs(
    pw: Playwright, chromium: str, html: str, dist: Path, size: Size, count: int, name: str
) -> list[tuple[StreamRun, StreamRun]]:
    done = []
    for i in range(count):
        # Pairs alternate which side starts, so neither always streams first.
        with_run, without_run = pair_run(pw, chromium, html, dist, size, i % 2 == 0)
        done.append((with_run, without_run))
        ratio = with_run.script_stream_ms / max(without_run.script_stream_ms, 1e-9)
        log(f"{name} pair {i + 1}/{count}: script-time ratio {ratio:.3f}")
    return done


def run(
    size_name: str,
    size: Size,
    pairs: int,
    control_pairs: int,
    dist: Path,
    chromium: str,
    parts: tuple[str, ...] = PARTS,
) -> Results:
    """The benchmark: alternating pairs, control pairs, latency, cold popups, sizes.

    `parts` leaves some out (a quick look at one budget); what did not run is empty.
    """
    began = time.monotonic()
    dist = dist.resolve()
    if not (dist / "manifest.json").exists():
        raise SystemExit(f"bench: {dist} has no manifest.json; run `make build` first")
    html = build_page(size)
    files = content_script_files(dist)
    with sync_playwright() as pw, tempfile.TemporaryDirectory(prefix="pg-bench-") as tmp:
        machine = Machine(
            cpu=cpu_model(),
            cores=os.cpu_count() or 0,
            chromium=chromium_version(pw, chromium),
            os=f"{platform.system()} {platform.release()}",
            date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            load=(load_average(), 0.0),
        )
        done, control, latency, cold = [], [], Latency(), Cold()
        startup, load_script = Startup(), LoadScript()
        if "pairs" in parts:
            done = run_pairs(pw, chromium, html, dist, size, pairs, "extension")
        if "control" in parts:
            control_dist = make_control(dist, Path(tmp))
            control = run_pairs(pw, chromium, html, control_dist, size, control_pairs, "control")
        if "latency" in parts:
            log(f"latency: {size.latency_samples} samples of each kind")
            latency = latency_run(pw, chromium, html, dist, size.latency_samples)
        if "cold" in parts:
            log(f"first popup after a page load: {size.cold_samples} new tabs")
            cold = cold_run(pw, chromium, html, dist, size.cold_samples)
        if "startup" in parts:
            log(f"first popup while streaming, before idle: {size.startup_samples} loads of each")
            control_dist = make_control(dist, Path(tmp) / "startup")
            startup = startup_run(pw, chromium, html, dist, control_dist, size.startup_samples)
        if "loadscript" in parts:
            log(f"script time of a page load: {size.load_samples} traced loads of each")
            control_dist = make_control(dist, Path(tmp) / "loadscript")
            load_script = load_script_run(pw, chromium, html, dist, control_dist, size.load_samples)
    return Results(
        size_name=size_name,
        size=size,
        parts=parts,
        pairs=done,
        control=control,
        latency=latency,
        cold=cold,
        startup=startup,
        load_script=load_script,
        content_bytes=sum(f.stat().st_size for f in files),
        content_files=[(f.relative_to(dist).as_posix(), f.stat().st_size) for f in files],
        machine=replace(machine, load=(machine.load[0], load_average())),
        elapsed_s=time.monotonic() - began,
    )
