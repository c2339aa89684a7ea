// What a content script's report does to stored state (extension/background/receipts.js),
// with the clock passed in: the last state, the receipts a settled state leaves, the rate
// limit per tab, and what a receipt may say of the page. The browser tier
// (tests/test_storage.py) keeps the wiring: storage, the queue, the timer.
import assert from "node:assert/strict";
import { test } from "node:test";
import { importModule } from "./modules.mjs";

const receipts = await importModule("background/receipts.js");
const store = await importModule("shared/store.js");
const { OBSERVED } = await importModule("shared/messages.js");
const { STABLE_MS, RATE_WINDOW_MS, RATE_MAX } = receipts;

const POLICY = 3;
const T0 = Date.parse("2026-11-02T10:00:00.000Z");
const SETTINGS_PATH = "/settings/data-privacy-controls";
const settings = (extra = {}) => store.settingsOf({ ...extra });
const report = (state, extra = {}) => ({
  type: OBSERVED,
  state,
  surface: "settings",
  path: SETTINGS_PATH,
  ...extra,
});

/** Storage as the background keeps it, and the reports of one or more tabs over time. */
function storage(keep = {}) {
  let stored = { tabReceipts: {}, receipts: [], settings: settings(keep) };
  const write = (update) => (stored = { ...stored, ...structuredClone(update) });
  return {
    get: () => stored,
    /** Tab `tab` reports `message` at `now`; returns the update written. */
    report(tab, message, now) {
      const tabs = receipts.tabReceiptsOf(stored.tabReceipts);
      const input = { tabs, settings: stored.settings, receiptsRaw: stored.receipts };
      const update = receipts.applyReport(input, message, tab, now, POLICY);
      write(update);
      return update;
    },
    /** The background wakes at `now` (its timer, a hello) and writes what is due. */
    flush(now) {
      const tabs = receipts.tabReceiptsOf(stored.tabReceipts);
      write(receipts.commitDue(tabs, stored.settings, stored.receipts, now));
    },
    states: () => stored.receipts.map((r) => r.state),
  };
}

test("a report sets the last state at once and waits before it becomes a receipt", () => {
  const s = storage();
  const update = s.report(7, report("on"), T0);
  assert.equal(update.last.state, "on");
  assert.equal(update.last.time, new Date(T0).toISOString());
  assert.equal(update.seenPolicyVersion, POLICY);
  assert.equal(update.receipts, undefined);
  s.flush(T0 + STABLE_MS - 1);
  assert.deepEqual(s.states(), []);
  s.flush(T0 + STABLE_MS);
  assert.deepEqual(s.states(), ["on"]);
  assert.equal(s.get().receipts[0].time, new Date(T0).toISOString());
});

test("a burst of flips leaves one receipt, for the state the switch settled on", () => {
  const s = storage();
  s.report(7, report("on"), T0);
  s.report(7, report("off"), T0 + 500);
  s.report(7, report("on"), T0 + 1000);
  s.report(7, report("off"), T0 + 1500);
  s.flush(T0 + 1500 + STABLE_MS);
  assert.deepEqual(s.states(), ["off"]);
});

test("a flip the server refused (the switch springs back) leaves no new receipt", () => {
  const s = storage();
  s.report(7, report("off"), T0);
  s.flush(T0 + STABLE_MS);
  s.report(7, report("on"), T0 + 10_000);
  s.report(7, report("off"), T0 + 10_800);
  s.flush(T0 + 10_800 + STABLE_MS);
  // Off again on the same day: nothing new to say.
  assert.deepEqual(s.states(), ["off"]);
});

test("the same state on a new day is a new receipt", () => {
  const s = storage();
  s.report(7, report("off"), T0);
  s.flush(T0 + STABLE_MS);
  const tomorrow = T0 + store.DAY_MS;
  s.report(7, report("off"), tomorrow);
  s.flush(tomorrow + STABLE_MS);
  assert.deepEqual(s.states(), ["off", "off"]);
});

test(`one tab writes at most ${RATE_MAX} receipts a minute; a state held back comes later`, () => {
  const s = storage();
  let now = T0;
  for (const state of ["on", "off", "on", "off"]) {
    s.report(7, report(state), now);
    now += STABLE_MS;
    s.flush(now);
  }
  assert.deepEqual(s.states(), ["on", "off", "on"]);
  const held = s.get().tabReceipts["7"];
  assert.equal(held.pending.state, "off");
  assert.equal(receipts.dueAt(held), T0 + STABLE_MS + RATE_WINDOW_MS);
  s.flush(T0 + STABLE_MS + RATE_WINDOW_MS - 1);
  assert.equal(s.states().length, RATE_MAX);
  s.flush(T0 + STABLE_MS + RATE_WINDOW_MS);
  assert.deepEqual(s.states(), ["on", "off", "on", "off"]);
});

test("the limit is per tab: another tab's receipt is not held back", () => {
  const s = storage();
  let now = T0;
  for (const state of ["on", "off", "on"]) {
    s.report(7, report(state), now);
    now += STABLE_MS;
    s.flush(now);
  }
  s.report(8, report("off"), now);
  s.flush(now + STABLE_MS);
  assert.deepEqual(s.states(), ["on", "off", "on", "off"]);
});

test("with receipts turned off a report sets the last state and nothing waits", () => {
  const s = storage({ keepReceipts: false });
  const update = s.report(7, report("on"), T0);
  assert.equal(update.last.state, "on");
  s.flush(T0 + STABLE_MS);
  assert.deepEqual(s.states(), []);
  assert.deepEqual(s.get().tabReceipts, {});
});

test("a report that saw no switch does not clear the policy notice", () => {
  const update = storage().report(7, report("unknown"), T0);
  assert.equal(update.last.state, "unknown");
  assert.equal("seenPolicyVersion" in update, false);
});

test("the log keeps the newest receipts up to its limit", () => {
  const day = store.DAY_MS;
  const old = Array.from({ length: store.MAX_RECEIPTS }, (_, i) =>
    receipts.observationOf(report(i % 2 ? "on" : "off"), T0 - (store.MAX_RECEIPTS - i) * day, 1),
  );
  const s = storage();
  s.get().receipts = old;
  s.report(7, report("on"), T0);
  s.flush(T0 + STABLE_MS);
  const kept = s.get().receipts;
  assert.equal(kept.length, store.MAX_RECEIPTS);
  assert.equal(kept.at(-1).time, new Date(T0).toISOString());
  assert.equal(kept[0].time, old[1].time);
});

test("clearing the receipts also drops what was waiting to become one", () => {
  const s = storage();
  s.report(7, report("on"), T0);
  const tabs = receipts.tabReceiptsOf(s.get().tabReceipts);
  const update = receipts.clearedReceipts(tabs);
  assert.deepEqual(update.receipts, []);
  assert.equal(update.tabReceipts["7"].pending, null);
});

test("a receipt names the screen, never the conversation", () => {
  const place = (path) => receipts.observationOf(report("on", { path }), T0, POLICY).path;
  assert.equal(place("/chat/3f2a-secret-id"), "/chat");
  assert.equal(place("/new#settings/data-privacy-controls"), "/new#settings/data-privacy-controls");
  assert.equal(place("/chat/abc#settings/privacy?x=1"), "/chat#settings/privacy");
  assert.equal(place(SETTINGS_PATH), SETTINGS_PATH);
  assert.equal(place("/settings/" + "x".repeat(200)).length, 100);
  assert.equal(place(undefined), "/");
  assert.equal(place({ toString: () => "/project/42" }), "/project");
});

test("whatever a page sends, the observation is one the store accepts", () => {
  const odd = [
    { state: "maybe", surface: "sidebar", locked: "yes", confirmed: 1, path: 42 },
    { state: "on", surface: "settings", confirmed: true },
    { state: "off", surface: "popup", confirmed: true, locked: true },
    {},
  ];
  const seen = odd.map((fields) => receipts.observationOf({ type: OBSERVED, ...fields }, T0, POLICY));
  for (const observation of seen) assert.deepEqual(store.observation(observation), observation);
  assert.deepEqual(
    seen.map(({ state, surface, locked, confirmed }) => [state, surface, locked, confirmed]),
    [
      ["unknown", "settings", false, false],
      // Confirmed only means something for the popup and onboarding (Accept, Continue).
      ["on", "settings", false, false],
      ["off", "popup", true, true],
      ["unknown", "settings", false, false],
    ],
  );
});

test("malformed waiting entries in storage are dropped, not fatal", () => {
  const good = receipts.observationOf(report("on"), T0, POLICY);
  const tabs = receipts.tabReceiptsOf({
    1: { pending: good, written: [T0, "x", null] },
    2: null,
    3: { pending: { state: "on" } },
    4: "junk",
  });
  assert.deepEqual(tabs, {
    1: { pending: good, written: [T0] },
    3: { pending: null, written: [] },
  });
  assert.deepEqual(receipts.tabReceiptsOf("junk"), {});
  assert.equal(receipts.nextDue({}), Infinity);
});
