// What a content script's report does to stored state: the last state seen, the receipts
// and the observations waiting to become receipts. Pure: no browser API, no timers; the
// caller (background/main.js) reads storage, passes the time, and writes what it gets.
import * as store from "../shared/store.js";

// A receipt is written only for a state a tab kept this long: a burst of flips (a page
// toggling a switch, a re-render) leaves one receipt, for the state it settled on, and a
// flip the server refused (the switch springs back a moment later) leaves none.
export const STABLE_MS = 3000;
// And at most this many receipts per tab per window, so that no page can push the
// genuine receipts out of the log. A state held back is written when the window allows.
export const RATE_WINDOW_MS = 60_000;
export const RATE_MAX = 3;

const dayOf = (iso) => iso.slice(0, 10);

/**
 * Where the switch was seen, without identifying a conversation: a chat's path names
 * it (/chat/<id>), so only the first path segment is kept, plus a #settings/... screen.
 * Takes anything (a page sends what it likes); gives a path of at most 100 characters.
 */
export function placeOf(path) {
  const [pathname, hash = ""] = String(path ?? "").split("#", 2);
  const first = pathname.split("/").filter(Boolean)[0];
  const screen = hash.match(/^settings\/[\w-]+/)?.[0];
  const place = pathname.startsWith("/settings/") ? pathname : `/${first ?? ""}`;
  return (screen ? `${place}#${screen}` : place).slice(0, 100);
}

/** A report's state if it is one of store.STATES, else "unknown". */
export const stateOf = (message) => (store.STATES.includes(message?.state) ? message.state : "unknown");

/**
 * The observation an OBSERVED report (shared/messages.js) stands for, in its stored
 * shape: unknown fields dropped, bad values replaced. `now` in ms since the epoch;
 * `policyVersion` from the manifest.
 */
export function observationOf(message, now, policyVersion) {
  const surface = store.SURFACES.includes(message?.surface) ? message.surface : "settings";
  return {
    time: new Date(now).toISOString(),
    state: stateOf(message),
    surface,
    locked: message?.locked === true,
    // The popup and onboarding report only after Accept/Continue was pressed.
    confirmed: surface !== "settings" && message?.confirmed === true,
    policyVersion,
    path: placeOf(message?.path),
  };
}

// `tabReceipts` (in storage, so a stopped service worker loses nothing): per tab, the
// observation waiting to become a receipt and when its last receipts were written.

/** The stored `tabReceipts`, validated: {tabId: {pending: observation|null, written: [ms]}}. */
export function tabReceiptsOf(raw) {
  const tabs = {};
  if (typeof raw !== "object" || raw === null) return tabs;
  for (const [tabId, entry] of Object.entries(raw)) {
    if (typeof entry !== "object" || entry === null) continue;
    const written = Array.isArray(entry.written) ? entry.written.filter(Number.isFinite) : [];
    tabs[tabId] = { pending: store.observation(entry.pending), written };
  }
  return tabs;
}

/** When a tab's waiting observation may become a receipt (ms since the epoch). */
export function dueAt(entry) {
  const stable = Date.parse(entry.pending.time) + STABLE_MS;
  const recent = entry.written.slice(-RATE_MAX);
  const open = recent.length < RATE_MAX ? 0 : recent[0] + RATE_WINDOW_MS;
  return Math.max(stable, open);
}

/** Whether any tab's waiting observation is due at `now`. */
export const anyDue = (tabs, now) => Object.values(tabs).some((e) => e.pending && dueAt(e) <= now);

/** When the next waiting observation is due, or Infinity when none waits. */
export const nextDue = (tabs) => Math.min(...Object.values(tabs).filter((e) => e.pending).map(dueAt));

/**
 * Insert `receipt` into `list` (time order) if it says something new: a change, or the
 * same state on a new day. Returns whether it was inserted.
 */
export function addReceipt(list, receipt) {
  let at = list.length;
  while (at > 0 && list[at - 1].time > receipt.time) at -= 1;
  const previous = list[at - 1];
  if (previous && previous.state === receipt.state && dayOf(previous.time) === dayOf(receipt.time)) {
    return false;
  }
  list.splice(at, 0, receipt);
  return true;
}

/**
 * Turn the waiting observations of `tabs` (tabReceiptsOf, changed in place) that are due
 * at `now` into receipts. `receiptsRaw` is the stored list (read only if anyDue).
 * Returns the storage update: tabReceipts, and receipts if any were written.
 */
export function commitDue(tabs, settings, receiptsRaw, now) {
  const due = Object.values(tabs)
    .filter((entry) => entry.pending && dueAt(entry) <= now)
    .sort((a, b) => (a.pending.time < b.pending.time ? -1 : 1));
  let receipts = null;
  for (const entry of due) {
    if (settings.keepReceipts) {
      receipts ??= store.receiptList(receiptsRaw);
      if (addReceipt(receipts, entry.pending)) entry.written.push(now);
    }
    entry.pending = null;
  }
  for (const [tabId, entry] of Object.entries(tabs)) {
    entry.written = entry.written.filter((t) => t > now - RATE_WINDOW_MS);
    if (!entry.pending && entry.written.length === 0) delete tabs[tabId];
  }
  const update = { tabReceipts: tabs };
  if (receipts) update.receipts = receipts.slice(-store.MAX_RECEIPTS);
  return update;
}

/**
 * What a report from tab `tabId` of a normal window does to storage, given what is stored
 * ({tabs: tabReceiptsOf, settings: store.settingsOf, receiptsRaw}; `tabs` is changed in
 * place). Returns the update to write at once: the last state, the tab's waiting
 * observation (a newer one replaces it: only a settled state is a receipt), receipts that
 * came due, and seenPolicyVersion when the switch was seen (which clears the "!").
 * A report from a private window must not come here: it stores nothing (main.js).
 */
export function applyReport({ tabs, settings, receiptsRaw }, message, tabId, now, policyVersion) {
  const observation = observationOf(message, now, policyVersion);
  const entry = (tabs[tabId] ??= { pending: null, written: [] });
  entry.pending = settings.keepReceipts ? observation : null;
  const update = commitDue(tabs, settings, receiptsRaw, now);
  update.last = observation;
  if (observation.state !== "unknown") update.seenPolicyVersion = policyVersion;
  return update;
}

/** The update for "clear the receipts": none left, and nothing waiting to become one. */
export function clearedReceipts(tabs) {
  for (const entry of Object.values(tabs)) entry.pending = null;
  return { receipts: [], tabReceipts: tabs };
}
