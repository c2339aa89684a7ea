// Storage layout shared by the background, popup, options page and content script, and
// the validated readers every one of them uses. Everything lives in storage.local: nothing
// leaves the browser, and it survives browser restarts and extension updates. Only the
// background writes (see background.js); the pages ask it to.
(() => {
  const PG = (globalThis.PrivacyGuard ??= {});
  if (PG.store) return;
  const api = globalThis.browser ?? globalThis.chrome;

  // 1: unversioned data of 0.1.x. 2: schemaVersion, validated entries, `confirmed`.
  const SCHEMA_VERSION = 2;
  const DEFAULT_SETTINGS = Object.freeze({
    warnOnPopup: true,
    warnOnSettings: true,
    keepReceipts: true,
  });
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

  /** The options: known keys with boolean values, defaults for the rest. */
  function settingsOf(raw) {
    const saved = isRecord(raw) ? raw : {};
    const settings = Object.fromEntries(
      Object.entries(DEFAULT_SETTINGS).map(([key, fallback]) => [
        key,
        typeof saved[key] === "boolean" ? saved[key] : fallback,
      ]),
    );
    // Every key of DEFAULT_SETTINGS: the settings' shape, which tsc cannot see through
    // Object.fromEntries.
    return /** @type {PrivacyGuardSettings} */ (/** @type {unknown} */ (settings));
  }

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

  /** Ask the background, the only writer, to change storage; resolves when it is done. */
  async function command(type, extra = {}) {
    const answer = await api.runtime.sendMessage({ type: `privacy-guard/${type}`, ...extra });
    if (!answer?.ok) throw new Error(`Privacy Guard: ${type} failed: ${answer?.error ?? "no answer"}`);
  }

  PG.store = {
    SCHEMA_VERSION,
    DEFAULT_SETTINGS,
    MAX_RECEIPTS,
    STATES,
    SURFACES,
    observation,
    receiptList,
    settingsOf,
    normalise,
    read,
    settings,
    receipts,
    command,
  };
})();
