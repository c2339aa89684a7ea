"""The bench's page-load budget counts the content script's trace events, each once."""

from __future__ import annotations

import pytest

from bench.trace import attribute

PAGE = "https://claude.ai/chat/x"
EXT = "chrome-extension://abc/content/content.js"
EMPTY = "chrome-extension://abc/content/bench-empty.js"
MAIN, OTHER = (1, 1), (1, 7)


def event(name, ts, dur, url=None, where=MAIN, tdur=None):
    out = {"name": name, "ph": "X", "pid": where[0], "tid": where[1], "ts": ts, "dur": dur}
    if tdur is not None:
        out["tdur"] = tdur
    if url is not None:
        out["args"] = {"data": {"url": url}}
    return out


def page_load() -> list[dict]:
    """A load as Chrome traces it: the content script's top level, then callbacks."""
    return [
        # The top level: compile nested in it, counted once (thread time where given).
        event("EvaluateScript", 1_000, 5_000, EXT, tdur=4_000),
        event("v8.compile", 1_010, 2_000, EXT, tdur=2_000),
        event("EvaluateScript", 7_000, 900, PAGE, tdur=900),  # the page's own script
        # DOMContentLoaded: EventDispatch > v8.callFunction > FunctionCall.
        event("EventDispatch", 8_000, 3_000),
        event("v8.callFunction", 8_010, 2_900),
        event("FunctionCall", 8_020, 2_800, EXT, tdur=2_500),
        # ... which reads a box: the page's style and layout run inside it, not script time.
        event("UpdateLayoutTree", 8_100, 400, tdur=400),
        event("Layout", 8_600, 700, tdur=600),
        # The warm-up at idle, and a page's own idle callback that is not ours.
        event("FireIdleCallback", 20_000, 6_000),
        event("FunctionCall", 20_010, 5_900, EXT, tdur=5_000),
        event("FireIdleCallback", 30_000, 1_000),
        event("FunctionCall", 30_010, 900, PAGE, tdur=900),
        event("TimerFire", 40_000, 500),
        event("FunctionCall", 40_010, 400, EXT),  # no thread time: wall time instead
        # The extension's service worker, another thread: not the page's cost.
        event("FunctionCall", 9_000, 50_000, EXT, where=OTHER),
    ]


def test_counts_the_content_scripts_time_by_what_ran_it():
    time = attribute(page_load(), PAGE, "chrome-extension://")
    assert time.by_kind == {
        "evaluate": 4.0,
        "events": 1.5,
        "idle": 5.0,
        "timers": 0.4,
        "frames": 0.0,
        "other": 0.0,
    }
    assert time.total == pytest.approx(10.9)
    assert time.forced_rendering == pytest.approx(1.0)
    assert time.events == 4


def test_the_pages_own_layout_is_not_the_content_scripts():
    events = [*page_load(), event("Layout", 12_000, 5_000, tdur=5_000)]
    assert attribute(events, PAGE, "chrome-extension://").forced_rendering == pytest.approx(1.0)


def test_an_empty_content_script_costs_only_its_top_level():
    events = [
        event(
            "EvaluateScript", 1_000, 60, "chrome-extension://abc/content/bench-empty.js", tdur=50
        ),
        event("EvaluateScript", 7_000, 900, PAGE, tdur=900),
    ]
    assert attribute(events, PAGE, "chrome-extension://").total == pytest.approx(0.05)


def test_a_trace_without_the_page_is_an_error_not_zero():
    with pytest.raises(ValueError, match=r"no script of https://claude\.ai/chat/x"):
        attribute([event("EvaluateScript", 0, 10, EXT)], PAGE, "chrome-extension://")


def test_events_it_does_not_count_are_named_not_hidden():
    # An event of V8's this count does not know yet that names the extension's file.
    events = [*page_load(), event("v8.newKindOfWork", 50_000, 800, where=MAIN)]
    events[-1]["args"] = {"fileName": "chrome-extension://abc/content/lazy.js"}
    time = attribute(events, PAGE, "chrome-extension://")
    assert time.uncounted == {"v8.newKindOfWork"}
    assert time.total == pytest.approx(10.9)


def test_the_imported_module_counts_where_it_runs_in_the_extensions_world():
    """content/core.js: compiled off the main thread (not counted), finished and run on it;
    its top level names no URL, only the isolated world, which is the extension's name."""
    core = "chrome-extension://abc/content/core.js"
    events = [
        *page_load(),
        event("v8.parseOnBackground", 45_000, 3_000, core, where=OTHER),
        event("v8.compileModule", 50_000, 300, core, tdur=200),
        event("v8.evaluateModule", 51_000, 2_000, tdur=1_500),
        event("v8.evaluateModule", 54_000, 2_000, tdur=1_000),  # another world's module
        event("v8.produceModuleCache", 60_000, 900, core, tdur=800),
    ]
    events[-3]["args"] = {"worldName": "Privacy Guard"}
    events[-2]["args"] = {"worldName": "Some other extension"}
    time = attribute(events, PAGE, "chrome-extension://", "Privacy Guard")
    assert time.by_kind["evaluate"] == pytest.approx(4.0 + 0.2 + 1.5 + 0.8)
    assert time.uncounted == set()
    # Without the world's name, the module's top level is not the extension's.
    assert attribute(events, PAGE, "chrome-extension://").by_kind["evaluate"] == pytest.approx(5.0)
