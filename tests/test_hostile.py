"""Hostile and odd pages: the content script throws nothing, marks no negatives, stays cheap."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_pages import OTHER_LABELS as PAGE_LABELS
from hostile_pages import PAGES, HostilePage, switch_page
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

MARKED = "document.querySelectorAll('[data-privacy-guard]').length"
UI_HOSTS = "document.querySelectorAll('[data-privacy-guard-ui]').length"
READY = "return document.documentElement.getAttribute('data-fixture-ready') === '1'"
PAGE_MS = "return Number(document.documentElement.getAttribute('data-fixture-ms'))"
# The same page served where the content script does not run is the baseline.
BASELINE_HOST = "https://example.com"
# Slack for timer and frame jitter on a loaded 2-core machine: the bound is "no page
# takes more than twice its no-extension time", and a 100 ms page must not fail on noise.
JITTER_MS = 250


def _write(tmp_path: Path, name: str, html: str) -> Path:
    path = tmp_path / f"{name}.html"
    path.write_text(html, "utf-8")
    return path


def _settle(driver) -> None:
    driver.wait_for(READY, timeout=60)


@pytest.mark.parametrize("page", PAGES, ids=[p.id for p in PAGES])
def test_hostile_page(driver, tmp_path, page: HostilePage):
    fixture = _write(tmp_path, page.id, page.html)

    driver.open(f"{BASELINE_HOST}/hostile", fixture)
    _settle(driver)
    baseline_ms = driver.evaluate(PAGE_MS)

    driver.open("https://claude.ai/new", fixture)
    _settle(driver)
    # Marks settle within a frame; a removed switch is forgotten at the next state poll.
    driver.wait_for(
        f"return {MARKED} === {page.marked} && {UI_HOSTS} === {page.ui_hosts}", timeout=5
    )
    claude_ms = driver.evaluate(PAGE_MS)

    assert driver.evaluate(f"return {MARKED}") == page.marked
    assert driver.extension_errors() == []
    expected = driver.evaluate(
        "return [...document.querySelectorAll('[data-fixture-expect]')].every("
        "(e) => e.getAttribute('data-privacy-guard') === e.getAttribute('data-fixture-expect'))"
    )
    assert expected, "a training switch carries the wrong mark"
    assert claude_ms <= 2 * baseline_ms + JITTER_MS, (
        f"{page.id}: {claude_ms} ms with the extension vs {baseline_ms} ms without"
    )


TRAINING_LABELS = [
    "You can help improve Claude",
    "Help improve Claude",
    "Help improve our AI models",
    "Ayudar a mejorar Claude",
    "Vous pouvez aider à améliorer Claude",
    "Hilf dabei, Claude zu verbessern",
    "Claudeの改善にご協力ください",
    "帮助改进Claude",
]
OTHER_LABELS = [*PAGE_LABELS, ""]  # and a switch with no label at all
SPACES = st.sampled_from([" ", "\u00a0", "  ", "\n  ", "\u202f"])


@st.composite
def label_parts(draw, text: str) -> list[str]:
    """The label split over several elements, with odd spacing and case."""
    words = text.split(" ")
    case = draw(st.sampled_from([str, str.upper, str.lower]))
    parts, current = [], ""
    for i, word in enumerate(words):
        current += case(word) + (draw(SPACES) if i < len(words) - 1 else "")
        if draw(st.booleans()):
            parts.append(current)
            current = ""
    return [*parts, current] if current else parts or [""]


@st.composite
def switch_spec(draw) -> dict:
    training = draw(st.booleans())
    text = draw(st.sampled_from(TRAINING_LABELS if training else OTHER_LABELS))
    style = draw(st.sampled_from(["aria-label", "labelledby", "label-wrap", "row"]))
    in_chat = draw(st.booleans()) and draw(st.booleans())
    return {
        "native": draw(st.booleans()),
        "on": draw(st.booleans()),
        "parts": draw(label_parts(text)),
        "style": style,
        "depth": draw(st.integers(0, 12)),
        "in_chat": in_chat,
        "expect": training and not in_chat,
    }


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(switches=st.lists(switch_spec(), min_size=1, max_size=6))
def test_generated_pages_mark_exactly_the_training_switches(driver, tmp_path, switches):
    fixture = _write(tmp_path, "generated", switch_page(switches))
    driver.open("https://claude.ai/settings/data-privacy-controls", fixture)
    _settle(driver)
    training = sum(1 for s in switches if s["expect"])
    # Two switches that both carry the setting's words cannot be told apart (one may be a
    # stale copy in the other state): then none is trusted, and none is marked.
    unique = training == 1
    driver.wait_for(f"return {MARKED} === {training if unique else 0}", timeout=5)
    wrong = driver.evaluate(
        "return [...document.querySelectorAll('[role=switch]')]"
        ".filter((e) => e.getAttribute('data-privacy-guard') !== "
        "(e.hasAttribute('data-fixture-expect') && arguments[0]"
        " ? (e.getAttribute('aria-checked') === 'true' || e.checked ? 'on' : 'off') : null))"
        ".map((e) => e.closest('.row')?.textContent || e.getAttribute('aria-label'))",
        unique,
    )
    assert wrong == [], f"wrongly marked or missed: {wrong}"
    assert driver.extension_errors() == []
