// The content script's timing rules (extension/content/machine.js) with a fake clock: the
// pending choice of the consent popup and the onboarding step (facts §1, §2), the notice,
// the lock and unknown settles, and how often the page is looked at (the re-looks at a
// switch set aside, the sweep and its sentinel probe, the URL poll, the repair). The
// browser tier (tests/test_pending.py, test_rerender.py) keeps one case of each for the
// wiring; every timing edge is here.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "./paths.mjs";

const source = readFileSync(join(ROOT, "extension", "content", "machine.js"), "utf8");
const machine = await import(`data:text/javascript,${encodeURIComponent(source)}`);
const { CHOICE_SETTLE_MS, CONFIRM_CLOSE_MS, NO_CHOICE, lockSettled, stepChoice } = machine;

/** Runs events at times on one choice; returns what was reported and when, and the end. */
function run(steps) {
  let state = NO_CHOICE;
  let wakeAt = null;
  const reports = [];
  for (const [now, event] of steps) {
    // A timer due before this event fires first, as setTimeout would.
    if (wakeAt !== null && wakeAt <= now && event.type !== "wake") {
      const woken = stepChoice(state, { type: "wake", showing: false }, wakeAt);
      for (const e of woken.effects) reports.push({ at: wakeAt, ...e });
      ({ state, wakeAt } = woken);
    }
    const next = stepChoice(state, event, now);
    for (const e of next.effects) reports.push({ at: now, ...e });
    ({ state, wakeAt } = next);
  }
  return { reports, state, wakeAt };
}

const OFF = { state: "off", locked: false };
const ON = { state: "on", locked: false };
const shown = { type: "shown" };
const gone = { type: "gone" };
const confirm = (choice) => ({ type: "confirm", choice });
const wake = (showing = false) => ({ type: "wake", showing });

test("Accept, then the step closes and stays closed: the choice counts after the settle time", () => {
  const { reports, state } = run([
    [0, shown],
    [1000, confirm(OFF)],
    [1200, gone],
    [1200 + CHOICE_SETTLE_MS - 1, wake()],
    [1200 + CHOICE_SETTLE_MS, wake()],
  ]);
  assert.deepEqual(reports, [{ at: 1200 + CHOICE_SETTLE_MS, type: "report", ...OFF }]);
  assert.equal(state.phase, "absent");
});

test("a wake-up asked for is the end of the settle time", () => {
  const after = run([[0, shown], [10, confirm(ON)], [20, gone]]);
  assert.equal(after.wakeAt, 20 + CHOICE_SETTLE_MS);
  assert.deepEqual(after.reports, []);
});

test("the step closing later than the confirm time saved nothing", () => {
  const { reports, state } = run([
    [0, shown],
    [0, confirm(OFF)],
    [CONFIRM_CLOSE_MS + 1, gone],
    [CONFIRM_CLOSE_MS + 1 + CHOICE_SETTLE_MS, wake()],
  ]);
  assert.deepEqual(reports, []);
  assert.equal(state.phase, "absent");
});

test("closing exactly at the confirm time still counts", () => {
  const { reports } = run([
    [0, shown],
    [0, confirm(OFF)],
    [CONFIRM_CLOSE_MS, gone],
    [CONFIRM_CLOSE_MS + CHOICE_SETTLE_MS, wake()],
  ]);
  assert.equal(reports.length, 1);
});

test("the step coming back within the settle time drops the choice", () => {
  const { reports, state } = run([
    [0, shown],
    [100, confirm(OFF)],
    [200, gone],
    [200 + CHOICE_SETTLE_MS - 500, shown],
    [200 + CHOICE_SETTLE_MS, wake()],
  ]);
  assert.deepEqual(reports, []);
  assert.equal(state.phase, "showing");
});

test("still showing at the wake-up (words not rendered yet, onboarding step) drops it", () => {
  const { reports, state } = run([
    [0, shown],
    [100, confirm(OFF)],
    [200, gone],
    [200 + CHOICE_SETTLE_MS, wake(true)],
  ]);
  assert.deepEqual(reports, []);
  assert.equal(state.phase, "showing");
});

test("Not now or Escape after an Accept whose save failed: nothing is saved (hostile round 4, F2)", () => {
  const { reports } = run([
    [0, shown],
    [100, confirm(OFF)],
    [2000, { type: "leave" }],
    [2100, gone],
    [2100 + CHOICE_SETTLE_MS, wake()],
  ]);
  assert.deepEqual(reports, []);
});

test("the last Accept counts, with the switch as it stood then", () => {
  const { reports } = run([
    [0, shown],
    [100, confirm(ON)],
    [4000, confirm(OFF)],
    [8000, gone], // within the second press's confirm time, not the first's
    [8000 + CHOICE_SETTLE_MS, wake()],
  ]);
  assert.deepEqual(reports, [{ at: 8000 + CHOICE_SETTLE_MS, type: "report", ...OFF }]);
});

test("a step closed without Accept records nothing", () => {
  const { reports, state } = run([[0, shown], [500, gone], [10_000, wake()]]);
  assert.deepEqual(reports, []);
  assert.equal(state.phase, "absent");
});

test("gone is one event whoever notices it: a switch on another surface being tracked first does not drop the choice", () => {
  // Issue 22: the popup closed a moment after Accept while a settings switch was tracked
  // before the 400 ms poll; the old code forgot the popup's switch without counting it.
  // Here the popup's choice only hears "gone", from whichever path noticed.
  const { reports } = run([
    [0, shown],
    [100, confirm(OFF)],
    [150, gone],
    [150 + CHOICE_SETTLE_MS, wake()],
  ]);
  assert.deepEqual(reports, [{ at: 150 + CHOICE_SETTLE_MS, type: "report", ...OFF }]);
});

test("a locked choice is reported as locked", () => {
  const locked = { state: "off", locked: true };
  const { reports } = run([[0, shown], [1, confirm(locked)], [2, gone], [2 + CHOICE_SETTLE_MS, wake()]]);
  assert.deepEqual(reports, [{ at: 2 + CHOICE_SETTLE_MS, type: "report", ...locked }]);
});

test("an early wake-up changes nothing", () => {
  const { reports, state, wakeAt } = run([[0, shown], [1, confirm(OFF)], [2, gone], [3, wake()]]);
  assert.deepEqual(reports, []);
  assert.equal(state.phase, "closed");
  assert.equal(wakeAt, 2 + CHOICE_SETTLE_MS);
});

test("a locked switch is said only once it held the wait; unlocked at once", () => {
  const WAIT = 10_000;
  assert.deepEqual(lockSettled({ locked: false, since: 0 }, 1, WAIT), { sayable: true, wakeAt: null });
  assert.deepEqual(lockSettled({ locked: true, since: 1000 }, 1000 + WAIT - 1, WAIT), {
    sayable: false,
    wakeAt: 1000 + WAIT,
  });
  assert.deepEqual(lockSettled({ locked: true, since: 1000 }, 1000 + WAIT, WAIT), {
    sayable: true,
    wakeAt: null,
  });
});

// --- The notice: "couldn't find it, please check yourself" ---------------------------
const { NO_NOTICE, stepNotice } = machine;
const WAIT = 10_000;

/** Runs looks at times; returns the notice's effects with their times, and the end. */
function notice(steps) {
  let state = NO_NOTICE;
  const effects = [];
  for (const [now, event] of steps) {
    const next = stepNotice(state, event, now, WAIT);
    for (const e of next.effects) effects.push(`${now}:${e.type}`);
    state = next.state;
  }
  return { effects, state };
}
const look = (found, { shows = true, required = true } = {}) => ({ type: "look", shows, required, found });

test("a surface with no switch gets the notice once the wait is over, not before", () => {
  const { effects, state } = notice([
    [0, look("none")],
    [WAIT - 1, look("none")],
    [WAIT, look("none")],
    [WAIT + 250, look("none")],
  ]);
  assert.deepEqual(effects, [`${WAIT}:show`]);
  assert.equal(state.phase, "missing");
});

test("a screen that need not hold the switch (another settings tab) waits, then the Privacy tab shows at once", () => {
  const { effects } = notice([
    [0, look("none", { required: false })],
    [WAIT + 5000, look("none", { required: false })],
    [WAIT + 6000, look("none")],
  ]);
  assert.deepEqual(effects, [`${WAIT + 6000}:show`]);
});

test("a switch whose state the page leaves open gets the notice at once; a readable one clears it", () => {
  const { effects, state } = notice([
    [0, look("unreadable")],
    [100, look("unreadable")],
    [200, look("readable")],
  ]);
  assert.deepEqual(effects, ["0:show", "200:clear"]);
  assert.equal(state.phase, "found");
});

test("found, then lost again: the wait starts anew", () => {
  const { effects } = notice([
    [0, look("readable")],
    [5000, look("none")],
    [5000 + WAIT - 1, look("none")],
    [5000 + WAIT, look("none")],
  ]);
  assert.deepEqual(effects, [`${5000 + WAIT}:show`]);
});

test("dismissed stays dismissed while the surface shows, and ends when it goes", () => {
  const { effects, state } = notice([
    [0, look("none")],
    [WAIT, look("none")],
    [WAIT + 1, { type: "dismiss" }],
    [WAIT + 2, look("unreadable")],
    [WAIT + 3, { type: "restart" }], // a new URL does not bring it back
    [WAIT * 3, look("none")],
    [WAIT * 3 + 1, look("none", { shows: false })],
    [WAIT * 3 + 2, look("none")],
    [WAIT * 4 + 2, look("none")],
  ]);
  assert.deepEqual(effects, [`${WAIT}:show`, `${WAIT + 1}:clear`, `${WAIT * 4 + 2}:show`]);
  assert.equal(state.phase, "missing");
});

test("the surface going clears the notice; a new URL starts the wait again", () => {
  const gone = notice([[0, look("none")], [WAIT, look("none")], [WAIT + 1, look("none", { shows: false })]]);
  assert.deepEqual(gone.effects, [`${WAIT}:show`, `${WAIT + 1}:clear`]);
  const moved = notice([[0, look("none")], [WAIT - 1, { type: "restart" }], [WAIT, look("none")]]);
  assert.deepEqual(moved.effects, []);
  assert.equal(moved.state.phase, "looking");
});

test("unknown is said only once it held a moment (a flip mid-render is not unknown)", () => {
  const { UNKNOWN_SETTLE_MS, unknownSettled } = machine;
  assert.equal(unknownSettled({ since: 1000 }, 1000 + UNKNOWN_SETTLE_MS - 1), false);
  assert.equal(unknownSettled({ since: 1000 }, 1000 + UNKNOWN_SETTLE_MS), true);
});

test("what counts is whether the step was seen after the confirm time, not when it was noticed gone", () => {
  // Noticed gone late (a re-read every 400 ms, a page busy as it closes: review round 6, F8).
  const late = (seen, noticed) =>
    run([[0, shown], [0, confirm(OFF)], [noticed, { type: "gone", seen }], [noticed + CHOICE_SETTLE_MS, wake()]]);
  assert.equal(late(CONFIRM_CLOSE_MS - 400, CONFIRM_CLOSE_MS + 400).reports.length, 1);
  assert.equal(late(CONFIRM_CLOSE_MS, CONFIRM_CLOSE_MS + 400).reports.length, 1);
  assert.deepEqual(late(CONFIRM_CLOSE_MS + 1, CONFIRM_CLOSE_MS + 400).reports, []);
});

// --- How often the page is looked at (find.js, track.js) ------------------------------
const { PROBE_MS, RELOOK_MS, REPAIR_MS, REREAD_MS, SWEEP_MS, URL_POLL_MS, looksAgain, sweepTick } = machine;

/** setInterval on a fake clock: `advance(to)` fires every tick due by then, in order. */
class FakeClock {
  now = 0;
  timers = new Set();
  every(ms, fn) {
    const timer = { at: this.now + ms, ms, fn };
    this.timers.add(timer);
    return timer;
  }
  stop(timer) {
    this.timers.delete(timer);
  }
  advance(to) {
    for (;;) {
      const due = [...this.timers].filter((t) => t.at <= to).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.now = due.at;
      due.at += due.ms;
      due.fn();
    }
    this.now = to;
  }
}

/**
 * One switch set aside at `setAsideAt` as find.js does it: one RELOOK_MS interval for all
 * the switches set aside, here started at 0 (by this switch, or by another one before
 * it); its words render at `knownAt`. Returns what became of it, when, and its looks.
 */
function relooks({ setAsideAt = 0, knownAt = Infinity, waitMs = WAIT, until = 60_000 }) {
  const clock = new FakeClock();
  let looks = null; // null: not set aside yet
  const out = { then: "unsure", at: null, looks: 0 };
  const timer = clock.every(RELOOK_MS, () => {
    if (looks === null) return;
    if (clock.now >= knownAt || !looksAgain(looks, waitMs)) {
      Object.assign(out, { then: clock.now >= knownAt ? "track" : "park", at: clock.now });
      clock.stop(timer);
    } else {
      looks += 1;
    }
    out.looks += 1;
  });
  clock.advance(setAsideAt);
  looks = 0;
  clock.advance(until);
  return out;
}

test("re-looks run out after not_found_after_ms: the switch is parked at the last look, not before", () => {
  assert.deepEqual(relooks({}), { then: "park", at: WAIT, looks: WAIT / RELOOK_MS });
  assert.equal(relooks({ until: WAIT - 1 }).then, "unsure");
  // Set aside between two ticks of an interval already running: as many looks, the last
  // within one RELOOK_MS before the wait is over.
  for (const setAsideAt of [1, 250, RELOOK_MS - 1, RELOOK_MS, 7_777]) {
    const { then, at, looks } = relooks({ setAsideAt });
    assert.equal(then, "park", `${setAsideAt}`);
    assert.equal(looks, Math.ceil(WAIT / RELOOK_MS), `${setAsideAt}`);
    assert.ok(at > setAsideAt + WAIT - RELOOK_MS && at <= setAsideAt + WAIT, `${setAsideAt}: ${at}`);
  }
});

test("words that render while the re-looks last are seen at the next look; the last look counts", () => {
  assert.deepEqual(relooks({ knownAt: 1_200 }), { then: "track", at: 1_500, looks: 3 });
  assert.deepEqual(relooks({ knownAt: WAIT - 1 }), { then: "track", at: WAIT, looks: WAIT / RELOOK_MS });
  assert.deepEqual(relooks({ knownAt: WAIT + 1 }).then, "park"); // the parked switch's observer's
  // Known at the first look: tracked, whatever the wait.
  assert.deepEqual(relooks({ knownAt: 0, waitMs: 0 }), { then: "track", at: RELOOK_MS, looks: 1 });
});

test("the number of re-looks is the wait rounded up to whole RELOOK_MS; no wait, one look", () => {
  assert.equal(relooks({ waitMs: WAIT + 1 }).looks, WAIT / RELOOK_MS + 1);
  assert.equal(relooks({ waitMs: RELOOK_MS }).looks, 1);
  assert.deepEqual(relooks({ waitMs: 0 }), { then: "park", at: RELOOK_MS, looks: 1 });
  assert.equal(looksAgain(0, 0), false);
  assert.equal(looksAgain(18, WAIT), true);
  assert.equal(looksAgain(19, WAIT), false);
});

/**
 * find.js's sweep tick every SWEEP_MS from 0 with the sentinel working as `works(t)` says;
 * the reduced-motion preference changes at the times in `motion`. Returns the ticks that
 * probed and those that swept.
 */
function sweeps({ works, until, motion = [] }) {
  const clock = new FakeClock();
  let probedAt = -Infinity;
  let ok = true;
  const out = { probes: [], sweeps: [] };
  clock.every(SWEEP_MS, () => {
    if (sweepTick(probedAt, ok, clock.now) === "probe") {
      probedAt = clock.now;
      ok = works(clock.now);
      out.probes.push(clock.now);
    }
    if (sweepTick(probedAt, ok, clock.now)) out.sweeps.push(clock.now);
  });
  for (const at of motion) {
    clock.advance(at);
    probedAt = -Infinity;
  }
  clock.advance(until);
  return out;
}
const ticks = (from, to) => Array.from({ length: (to - from) / SWEEP_MS + 1 }, (_, i) => from + i * SWEEP_MS);

test("the sentinel is probed at the first tick and every 30 s after; no sweep while it works", () => {
  assert.equal(PROBE_MS, 30_000);
  assert.deepEqual(sweeps({ works: () => true, until: 95_000 }), {
    probes: [SWEEP_MS, SWEEP_MS + PROBE_MS, SWEEP_MS + 2 * PROBE_MS, SWEEP_MS + 3 * PROBE_MS],
    sweeps: [],
  });
  assert.equal(sweepTick(0, true, PROBE_MS - 1), "");
  assert.equal(sweepTick(0, true, PROBE_MS), "probe");
  assert.equal(sweepTick(0, false, PROBE_MS), "probe");
});

test("the page is swept each tick only while the last probe found the sentinel not working", () => {
  // Animations off from the start: every tick sweeps, the probes still come every 30 s.
  const off = sweeps({ works: () => false, until: 65_000 });
  assert.deepEqual(off.probes, [1_000, 31_000, 61_000]);
  assert.deepEqual(off.sweeps, ticks(1_000, 65_000));
  // Switched off at 5 s: seen at the next probe (31 s); switched on again at 40 s: the
  // sweep stops at the probe after that (61 s).
  const later = sweeps({ works: (t) => t < 5_000 || t >= 40_000, until: 70_000 });
  assert.deepEqual(later.sweeps, ticks(31_000, 60_000));
});

test("a change of the reduced-motion preference has the next tick probe", () => {
  const { probes, sweeps: swept } = sweeps({ works: (t) => t < 5_500, motion: [5_500], until: 10_000 });
  assert.deepEqual(probes, [1_000, 6_000]);
  assert.deepEqual(swept, ticks(6_000, 10_000));
});

test("a URL change by pushState is seen within URL_POLL_MS, or SWEEP_MS where the Navigation API reports it at once", () => {
  for (const [poll, within] of [[URL_POLL_MS, 500], [SWEEP_MS, 1_000]]) {
    const clock = new FakeClock();
    let url = "/new";
    const seen = [];
    clock.every(poll, () => seen.at(-1)?.url !== url && seen.push({ url, at: clock.now }));
    for (const at of [1, 1_234, 3_999]) {
      clock.advance(at);
      url = `/chat/${at}`;
      clock.advance(at + within);
      assert.equal(seen.at(-1).url, url, `${poll}: ${at}`);
      assert.ok(seen.at(-1).at <= at + within);
    }
  }
});

test("the repair: what a re-render takes out is back within REPAIR_MS, whenever it happens", () => {
  // tests/test_rerender.py morphs the popup three times in a row and waits half a second
  // each time; track.js reads every tracked switch again each REREAD_MS (one interval from
  // when the first was tracked), and a read puts back the mark, the callout and the
  // warning by Accept (drawn in a microtask of the same task).
  assert.equal(REPAIR_MS, 500);
  assert.ok(REREAD_MS < REPAIR_MS);
  let worst = 0;
  for (const trackedAt of [0, 123, 399]) {
    for (let at = trackedAt; at < trackedAt + 3 * REREAD_MS; at += 7) {
      const clock = new FakeClock();
      clock.advance(trackedAt);
      let missingSince = null;
      clock.every(REREAD_MS, () => {
        if (missingSince !== null) worst = Math.max(worst, clock.now - missingSince);
        missingSince = null;
      });
      clock.advance(at);
      missingSince = at; // taken out by a re-render now
      clock.advance(at + REPAIR_MS);
      assert.equal(missingSince, null, `tracked at ${trackedAt}, taken out at ${at}: still missing`);
    }
  }
  assert.equal(worst, REREAD_MS); // taken out just after a read: back at the next one
});
