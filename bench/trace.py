"""Script time a Chrome trace attributes to an extension's content script, by kind of work."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

# What the trace must record for `attribute` (given to CDP `Tracing.start`): the timeline's
# EvaluateScript / FunctionCall events carry the script's URL; their callers (idle
# callback, event, timer) say why the script ran.
CATEGORIES = [
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "v8",
    "v8.execute",
    "__metadata",
]
# Events whose args.data.url names the script that ran: EvaluateScript is a script's
# top level (parse, compile, run), FunctionCall a callback into it, v8.compile a
# compilation (nested in one of the others, counted only where it stands alone). The
# module the content script imports (content/core.js) is compiled off the main thread;
# what is left on it is finishing that compile, or compiling from the code cache, and
# once writing the cache (the loader imports it under a URL of its own each time, so
# Chrome keeps no cache of it: content/content.js): the v8.*Module and streaming events
# name its URL.
ATTRIBUTED = {
    "EvaluateScript",
    "FunctionCall",
    "v8.compile",
    "v8.compileModule",
    "v8.produceModuleCache",
    "v8.streamingCompile.start",
    "v8.streamingCompile.complete",
}
# Running a module's top level names no URL, only the world it runs in: the extension's
# isolated world is named after the extension (Chrome: the extension's name).
IN_WORLD = {"v8.evaluateModule"}
# The caller that says what a callback was, nearest first (a FunctionCall sits in
# v8.callFunction inside one of these).
CALLERS = {
    "FireIdleCallback": "idle",
    "EventDispatch": "events",
    "TimerFire": "timers",
    "FireAnimationFrame": "frames",
}
KINDS = ("evaluate", "events", "idle", "timers", "frames", "other")
# The browser's style and layout, run inside a script's event when the script reads a box
# or a computed style before the next frame: kept apart, not script time. A forced layout
# is often work the next frame would have done anyway (warming up at DOMContentLoaded
# moved the 20k-node page's first layout, ~100 ms, into the content script's event).
RENDERING = {"UpdateLayoutTree", "Layout"}


@dataclass
class ScriptTime:
    """Main-thread CPU time (ms) in one renderer spent running one origin's scripts."""

    by_kind: dict[str, float] = field(default_factory=lambda: dict.fromkeys(KINDS, 0.0))
    events: int = 0
    forced_rendering: float = 0.0  # ms of RENDERING inside the counted events, not in by_kind
    # Names of other events that carry the script's URL outside the counted ones (a
    # module's compile, say): time this count misses, for the caller to report.
    uncounted: set[str] = field(default_factory=set)

    @property
    def total(self) -> float:
        return sum(self.by_kind.values())


def _url(event: dict) -> str:
    args = event.get("args")
    if not isinstance(args, dict):
        return ""
    data = args.get("data")
    if isinstance(data, dict) and (data.get("url") or data.get("fileName")):
        return str(data.get("url") or data.get("fileName"))
    return str(args.get("fileName") or args.get("url") or "")


def _world(event: dict) -> str:
    args = event.get("args")
    return str(args.get("worldName") or "") if isinstance(args, dict) else ""


def _ms(event: dict) -> float:
    # Thread time where the trace has it: on a shared 2-core machine wall time would
    # count the time the renderer waited for a core.
    return event.get("tdur", event.get("dur", 0)) / 1000


def renderer_main_thread(events: Iterable[dict], page_url: str) -> tuple[int, int]:
    """(pid, tid) of the thread that ran the page at `page_url`'s own scripts.

    Raises ValueError when the trace has none (the page did not load while tracing).
    """
    for event in events:
        if event.get("ph") == "X" and _url(event).startswith(page_url):
            return event["pid"], event["tid"]
    raise ValueError(f"the trace has no script of {page_url}: did the page load while tracing?")


def attribute(events: list[dict], page_url: str, script_prefix: str, world: str = "") -> ScriptTime:
    """Thread time of the page's renderer main thread in scripts whose URL starts with
    `script_prefix` (e.g. "chrome-extension://"), or modules run in the isolated world
    named `world` (the extension's name), by what made them run.

    `events` is a trace's `traceEvents` recorded with CATEGORIES. An event nested in one
    already counted is not counted again; style and layout nested in one are taken out
    (see RENDERING) and summed in `forced_rendering`. Raises ValueError as
    renderer_main_thread.
    """
    pid, tid = renderer_main_thread(events, page_url)
    thread = sorted(
        (e for e in events if e.get("pid") == pid and e.get("tid") == tid and e.get("ph") == "X"),
        key=lambda e: (e["ts"], -e.get("dur", 0)),
    )
    out = ScriptTime()
    open_events: list[dict] = []  # enclosing events, outermost first
    counted_until = -1.0
    rendering_until = -1.0
    kind = "other"
    for event in thread:
        start = event["ts"]
        while open_events and open_events[-1]["ts"] + open_events[-1].get("dur", 0) <= start:
            open_events.pop()
        ours = _url(event).startswith(script_prefix) or bool(
            world and event["name"] in IN_WORLD and _world(event) == world
        )
        counted = event["name"] in ATTRIBUTED or event["name"] in IN_WORLD
        if ours and not counted and start >= counted_until:
            out.uncounted.add(event["name"])  # not inside a counted event either
        inside = start < counted_until
        if event["name"] in RENDERING and inside and start >= rendering_until:
            out.by_kind[kind] -= _ms(event)
            out.forced_rendering += _ms(event)
            rendering_until = start + event.get("dur", 0)
        if ours and counted and not inside:
            kind = "evaluate" if event["name"] != "FunctionCall" else "other"
            if kind == "other":
                for caller in reversed(open_events):
                    if caller["name"] in CALLERS:
                        kind = CALLERS[caller["name"]]
                        break
            out.by_kind[kind] += _ms(event)
            out.events += 1
            counted_until = start + event.get("dur", 0)
        open_events.append(event)
    return out


def load_events(text: str) -> list[dict]:
    """The events of a trace as CDP's IO stream returns it (an object or a bare list)."""
    data = json.loads(text)
    return data["traceEvents"] if isinstance(data, dict) else data
