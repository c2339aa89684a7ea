// Storage layout shared by the background, popup, options page and content script, and
// the validated readers every one of them uses. Everything lives in storage.local: nothing
// leaves the browser, and it survives browser restarts and extension updates. Only the
// background writes (see background/main.js); the pages ask it to.

const api = globalThis.browser ?? globalThis.chrome;

// 1: unversioned data of 0.1.x. 2: schemaVersion, validated entries, `confirmed`.
const SCHEMA_VERSION = 2;
const DEFAULT_SETTINGS = Object.freeze({
  warnOnPopup: true,
  warnOnSettings: true,
  // The warning in claude.ai's thumbs-feedback dialog (content/main.js, feedback).
  warnOnFeedback: true,
  keepReceipts: true,
  // Days after which a state seen no longer counts as current: the setting can be changed
  // from the desktop or mobile app, which this extension cannot see.
  checkAgainDays: 30,
});
// The options page offers whole days in this range; anything else stored is not ours.
const CHECK_AGAIN_DAYS = Object.freeze({ min: 1, max: 365 });
// How far ahead a recorded time may be and still count as "now": clocks of one computer
// drift by seconds to minutes between network time syncs.
const CLOCK_SKEW_MS = 10 * 60 * 1000;
const DAY_MS = 86_400_000;
// Enough for years of daily checks; the oldest are dropped beyond it.
const MAX_RECEIPTS = 1000;
const STATES = Object.freeze(["on", "off", "unknown"]);
const SURFACES = Object.freeze(["popup", "settings", "onboarding"]);
// What toISOString() writes; anything else was not written by this extension.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const isRecord = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
const isVersion = (value) => Number.isSafeInteger(value) && value > 0;
// Absent booleans come from older versions (false); present ones must be booleans.
const flag = (value) => (value === undefined ? false : typeof value === "boolean" ? value : null);

/** One observation (the last state or a receipt) in its stored shape, or null if malformed. */
function observation(raw) {
  if (!isRecord(raw)) return null;
  const { time, state, surface, policyVersion, path } = raw;
  if (typeof time !== "string" || !ISO_TIME.test(time) || Number.isNaN(Date.parse(time))) {
    return null;
  }
  if (!STATES.includes(state) || !SURFACES.includes(surface) || !isVersion(policyVersion)) {
    return null;
  }
  if (typeof path !== "string" || !path.startsWith("/") || path.length > 100) return null;
  const locked = flag(raw.locked);
  const confirmed = flag(raw.confirmed);
  if (locked === null || confirmed === null) return null;
  return { time, state, surface, locked, confirmed, policyVersion, path };
}

/** Receipts oldest first; malformed entries dropped, never fatal. */
function receiptList(raw) {
  const list = (Array.isArray(raw) ? raw : []).map(observation).filter(Boolean);
  // Same-format ISO times sort as text; a stable sort keeps ties in written order.
  list.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return list.slice(-MAX_RECEIPTS);
}

/** A stored option of the default's type (and range, for days), or null. */
function optionValue(key, value) {
  if (typeof DEFAULT_SETTINGS[key] === "boolean") return typeof value === "boolean" ? value : null;
  const { min, max } = CHECK_AGAIN_DAYS;
  return Number.isSafeInteger(value) && value >= min && value <= max ? value : null;
}

/** The options: known keys with valid values, defaults for the rest. */
function settingsOf(raw) {
  const saved = isRecord(raw) ? raw : {};
  const settings = Object.fromEntries(
    Object.entries(DEFAULT_SETTINGS).map(([key, fallback]) => [
      key,
      optionValue(key, saved[key]) ?? fallback,
    ]),
  );
  // Every key of DEFAULT_SETTINGS: the settings' shape, which tsc cannot see through
  // Object.fromEntries.
  return /** @type {PrivacyGuardSettings} */ (/** @type {unknown} */ (settings));
}

/**
 * How current a state seen at `iso` is: "current", or "stale" once more than the
 * user's checkAgainDays have passed since. A time further in the future than clocks
 * drift (recorded while the clock was ahead, or the clock set back since) has no
 * knowable age: stale too, so the user is asked to look again.
 */
function freshness(iso, settings, now = Date.now()) {
  const age = now - Date.parse(iso);
  return age > settings.checkAgainDays * DAY_MS || age < -CLOCK_SKEW_MS ? "stale" : "current";
}

/** When a state seen at `iso` turns stale (ms since the epoch). */
const staleAt = (iso, settings) => Date.parse(iso) + settings.checkAgainDays * DAY_MS;

/** Everything the pages and the background read, validated, from raw storage. */
function normalise(raw) {
  return {
    schemaVersion: SCHEMA_VERSION,
    settings: settingsOf(raw.settings),
    last: observation(raw.last),
    receipts: receiptList(raw.receipts),
    seenPolicyVersion: isVersion(raw.seenPolicyVersion) ? raw.seenPolicyVersion : undefined,
  };
}

async function read(keys) {
  return normalise(await api.storage.local.get(keys));
}

const settings = async () => (await read("settings")).settings;
const receipts = async () => (await read("receipts")).receipts;

/**
 * Ask the background, the only writer, to change storage; resolves when it is done.
 * `type` is one of the page commands of shared/messages.js (tsc checks which); `extra`
 * its fields. Not checked here: the content script bundles this module, and its size
 * is budgeted.
 * @param {PrivacyGuardCommand} type
 * @param {object} [extra]
 */
async function command(type, extra = {}) {
  const answer = await api.runtime.sendMessage({ type, ...extra });
  if (!answer?.ok) throw new Error(`Privacy Guard: ${type} failed: ${answer?.error ?? "no answer"}`);
}

export {
  SCHEMA_VERSION,
  DEFAULT_SETTINGS,
  CHECK_AGAIN_DAYS,
  DAY_MS,
  MAX_RECEIPTS,
  STATES,
  SURFACES,
  observation,
  receiptList,
  settingsOf,
  freshness,
  staleAt,
  normalise,
  read,
  settings,
  receipts,
  command,
};