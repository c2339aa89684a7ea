// Which toolbar badge says what (extension/background/badges.js): the text, colour and
// tooltip per state, which state a claude.ai tab and the toolbar show, and which tabs the
// ageing re-badges. The browser tier (tests/test_popup.py, test_site_access.py) keeps the
// wiring: the badges a real browser shows.
import assert from "node:assert/strict";
import { test } from "node:test";
import { importModule } from "./modules.mjs";

const badges = await importModule("background/badges.js");
const store = await importModule("shared/store.js");
const { BADGES, titleOf, tabBadgeKind, globalBadgeKind, rebadgeOnAge } = badges;

const POLICY = 3;
const NOW = Date.parse("2026-11-02T10:00:00.000Z");
const settings = store.settingsOf({ checkAgainDays: 30 });
const seen = (state, daysAgo) => ({
  state,
  time: new Date(NOW - daysAgo * store.DAY_MS).toISOString(),
});
// The tooltips' words: the message name, so a test can tell them apart.
const msg = (key) => `<${key}>`;

test("each state has its own badge; stale and unknown differ by colour and tooltip", () => {
  assert.deepEqual(
    Object.fromEntries(Object.entries(BADGES).map(([kind, b]) => [kind, b.text])),
    { on: "ON", off: "✓", unknown: "?", policy: "!", stale: "?", noaccess: "⊘" },
  );
  assert.notEqual(BADGES.stale.color, BADGES.unknown.color);
  const titles = Object.values(BADGES).map((b) => titleOf(b, msg));
  assert.equal(new Set(titles).size, titles.length);
});

test("the off badge's tooltip says what the setting does not cover", () => {
  assert.equal(titleOf(BADGES.off, msg), "<title_off>\n<title_off_still>");
  assert.equal(titleOf(BADGES.on, msg), "<title_on>");
});

test("a tab shows the last state seen while it is current", () => {
  assert.equal(tabBadgeKind(seen("off", 1), POLICY, settings, POLICY, NOW), "off");
  assert.equal(tabBadgeKind(seen("on", 29), POLICY, settings, POLICY, NOW), "on");
  assert.equal(tabBadgeKind(null, POLICY, settings, POLICY, NOW), undefined);
});

test("after checkAgainDays the tab asks to check again", () => {
  assert.equal(tabBadgeKind(seen("off", 31), POLICY, settings, POLICY, NOW), "stale");
  const weekly = store.settingsOf({ checkAgainDays: 7 });
  assert.equal(tabBadgeKind(seen("off", 8), POLICY, weekly, POLICY, NOW), "stale");
});

test("a time in the future beyond clock drift has no knowable age: stale", () => {
  assert.equal(tabBadgeKind(seen("off", -1), POLICY, settings, POLICY, NOW), "stale");
});

test("a new policy version shows the ! until the switch is seen under it", () => {
  assert.equal(tabBadgeKind(seen("off", 1), POLICY - 1, settings, POLICY, NOW), "policy");
  // A fresh install has nothing to compare with.
  assert.equal(tabBadgeKind(seen("off", 1), undefined, settings, POLICY, NOW), "off");
  assert.equal(globalBadgeKind(true, POLICY - 1, POLICY), "policy");
  assert.equal(globalBadgeKind(true, POLICY, POLICY), undefined);
});

test("without site access the toolbar says so, before anything else", () => {
  assert.equal(globalBadgeKind(false, POLICY - 1, POLICY), "noaccess");
  assert.equal(globalBadgeKind(false, POLICY, POLICY), "noaccess");
});

test("ageing re-badges the tabs showing a state whose age changed, and no other", () => {
  const showing = (kind) => titleOf(BADGES[kind], msg);
  // The state turned stale: every tab that shows a state asks to check again.
  for (const kind of ["on", "off", "unknown"]) assert.equal(rebadgeOnAge(showing(kind), "stale", msg), true);
  // A newer report made it current again (or a longer checkAgainDays).
  assert.equal(rebadgeOnAge(showing("stale"), "off", msg), true);
  // A tab showing its own current state keeps it: only the age changes a badge here.
  assert.equal(rebadgeOnAge(showing("on"), "off", msg), false);
  assert.equal(rebadgeOnAge(showing("stale"), "stale", msg), false);
  // Not a tab this background badged with a state: another site, the !, no access.
  for (const title of ["", "<manifest_extension_name>", showing("policy"), showing("noaccess")]) {
    assert.equal(rebadgeOnAge(title, "stale", msg), false, title);
  }
});
