// Background: the only writer of storage. Turns what content scripts observe into the
// toolbar badge, the last known state and the opt-out receipts, and carries out the
// popup's and options page's "clear" and "reset". Every write goes through one queue.
// This entry only wires: what a report does to storage is background/receipts.js, which
// badge says what is background/badges.js. The build bundles the three (with
// shared/store.js and shared/messages.js) into one classic script, background/background.js.
import {
  BADGES,
  globalBadgeKind as globalKindOf,
  rebadgeOnAge,
  tabBadgeKind as tabKindOf,
  titleOf,
} from "./badges.js";
import {
  anyDue,
  applyReport,
  clearedReceipts,
  commitDue,
  nextDue,
  stateOf,
  tabReceiptsOf,
} from "./receipts.js";
import {
  CLEAR_RECEIPTS,
  HELLO,
  OBSERVED,
  REFRESH_BADGES,
  RESET,
  SAVE_SETTINGS,
} from "../shared/messages.js";
import * as store from "../shared/store.js";

const api = globalThis.browser ?? globalThis.chrome;
const msg = (key) => api.i18n.getMessage(`background_${key}`);
// The policy version is the last part of the manifest version (see builder/targets.py).
// Read it from the manifest, not from policy-data.js: Chrome can keep running a
// service worker's previously imported scripts after an update (seen with Chromium 156
// relaunching an unpacked build whose version changed).
const POLICY_VERSION = Number(api.runtime.getManifest().version.split(".").pop());
const EXTENSION_ORIGIN = api.runtime.getURL("");
const SITE = "https://claude.ai/";

// --- one writer ------------------------------------------------------------------------
// Handlers run one at a time, each reading storage, deciding and writing with one
// set(): without this, two tabs reporting at once read the same list and the second
// write drops the first one's receipt (1,200 changes kept 254 in the old build).
let queue = Promise.resolve();
function serial(task) {
  const run = queue.then(task);
  queue = run.catch((error) => console.error("Privacy Guard:", error));
  return run;
}

async function showBadge(tabId, kind) {
  const badge = BADGES[kind];
  const target = tabId === undefined ? {} : { tabId };
  const title = badge ? titleOf(badge, msg) : api.i18n.getMessage("manifest_extension_name");
  await Promise.all([
    api.action.setBadgeText({ ...target, text: badge ? badge.text : "" }),
    api.action.setTitle({ ...target, title }),
    badge ? api.action.setBadgeBackgroundColor({ ...target, color: badge.color }) : null,
  ]).catch(() => {}); // the tab may have closed meanwhile
}

const tabBadgeKind = (last, seenPolicyVersion, settings) =>
  tabKindOf(last, seenPolicyVersion, settings, POLICY_VERSION);

// Every start of the worker (and onInstalled after an update) re-derives the "!" from
// storage, so it survives the worker being stopped and restarted.
async function refreshPolicyBadge() {
  await showBadge(undefined, await globalBadgeKind());
}

// --- receipts waiting to be stable -------------------------------------------------------
let timer = 0;
/** Wake up when the next waiting observation is due (storage keeps it if we are stopped). */
function schedule(tabs) {
  clearTimeout(timer);
  const next = nextDue(tabs);
  if (Number.isFinite(next)) {
    timer = setTimeout(() => serial(flush), Math.max(0, next - Date.now()) + 20);
  }
}

async function readForCommit() {
  const raw = await api.storage.local.get(["settings", "tabReceipts"]);
  const tabs = tabReceiptsOf(raw.tabReceipts);
  // The list is read (and re-validated) only when a receipt may be written.
  const { receipts } = anyDue(tabs, Date.now()) ? await api.storage.local.get("receipts") : {};
  return { tabs, settings: store.settingsOf(raw.settings), receiptsRaw: receipts };
}

async function flush() {
  const { tabs, settings, receiptsRaw } = await readForCommit();
  const before = JSON.stringify(tabs);
  const update = commitDue(tabs, settings, receiptsRaw, Date.now());
  // Most calls (a hello, a timer after a burst) have nothing to write.
  if (update.receipts || JSON.stringify(update.tabReceipts) !== before) {
    await api.storage.local.set(update);
  }
  schedule(update.tabReceipts);
}

// --- messages from content scripts --------------------------------------------------------
async function observed(message, tabId) {
  const stored = await readForCommit();
  const update = applyReport(stored, message, tabId, Date.now(), POLICY_VERSION);
  await api.storage.local.set(update); // last, the receipts and the waiting entry at once
  schedule(update.tabReceipts);
  await refreshPolicyBadge();
  await showBadge(tabId, update.last.state);
  scheduleAgeing(update.last, stored.settings);
}

/**
 * A report from a private (Firefox) or incognito (Chrome) tab: AMO's policy forbids
 * storing anything seen in private windows, so only that tab's badge changes (the
 * browser keeps it with the tab and drops it with it). No `last`, no history entry, no
 * waiting entry, and the "!" stays until the switch is seen in a normal window.
 */
async function observedPrivately(message, tabId) {
  await showBadge(tabId, stateOf(message));
}

async function hello(tabId) {
  await flush();
  const { last, seenPolicyVersion, settings } = await store.read([
    "last",
    "seenPolicyVersion",
    "settings",
  ]);
  await showBadge(tabId, tabBadgeKind(last, seenPolicyVersion, settings));
  scheduleAgeing(last, settings);
}

// --- commands from the extension's own pages ------------------------------------------------
async function clearReceipts() {
  const { tabs } = await readForCommit();
  // Keeps the last state seen and the options, as the confirm step says.
  await api.storage.local.set(clearedReceipts(tabs));
}

async function resetEverything() {
  await api.storage.local.remove(["settings", "receipts", "last", "tabReceipts"]);
  // As after a fresh install: nothing to compare a later policy version with.
  await api.storage.local.set({ schemaVersion: store.SCHEMA_VERSION, seenPolicyVersion: POLICY_VERSION });
  await refreshPolicyBadge();
}

async function saveSettings(message) {
  await api.storage.local.set({ settings: store.settingsOf(message.settings) });
  await ageBadges(); // a shorter or longer checkAgainDays changes what the badge says
}

// The newest observation from each tab that is still waiting in the queue.
const newest = new Map();
let observations = 0;

const COMMANDS = {
  [CLEAR_RECEIPTS]: clearReceipts,
  [RESET]: resetEverything,
  [SAVE_SETTINGS]: saveSettings,
  [REFRESH_BADGES]: () => ageBadges(), // the popup opened: look at the badge's age
};

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (!message || sender.id !== api.runtime.id) return undefined;
  const fromPage = String(sender.url ?? "").startsWith(EXTENSION_ORIGIN);
  const command = Object.hasOwn(COMMANDS, message.type) ? COMMANDS[message.type] : undefined;
  if (fromPage && command) {
    serial(() => command(message)).then(
      () => sendResponse({ ok: true }),
      (error) => sendResponse({ ok: false, error: String(error) }),
    );
    return true; // answers asynchronously
  }
  const tabId = sender.tab?.id;
  if (fromPage || tabId === undefined || !String(sender.url ?? "").startsWith(SITE)) return undefined;
  // Decided here from what the browser says of the sending tab, never from the message:
  // a page cannot make its report count as one from a normal window, or the reverse.
  const inPrivate = sender.tab.incognito !== false;
  if (message.type === OBSERVED) {
    const mine = ++observations;
    newest.set(tabId, mine);
    serial(() => {
      // Superseded by a newer report from the same tab, still in the queue: it would
      // only set the badge, `last` and the waiting receipt that the newer one replaces.
      if (newest.get(tabId) !== mine) return undefined;
      newest.delete(tabId);
      return inPrivate ? observedPrivately(message, tabId) : observed(message, tabId);
    });
  }
  else if (message.type === HELLO) serial(() => hello(tabId));
  return undefined;
});

// The browser itself resets a tab's badge when the tab loads another document; in-app
// navigation (history.pushState, hash changes), which Chromium also reports as
// "loading", keeps it. A URL is only visible to us on claude.ai (no "tabs" permission),
// so a visible URL elsewhere means the tab left.
api.tabs.onUpdated.addListener((tabId, change) => {
  if (change.url && !change.url.startsWith(SITE)) showBadge(tabId, undefined);
  // In-app navigation on claude.ai wakes us too: a good moment to age the badge.
  else if (change.url) serial(ageBadges);
});

// --- ageing -------------------------------------------------------------------------------
// A state seen long ago is not shown as current: the setting can be changed from the
// desktop or mobile app, which no browser extension sees. After the user's
// checkAgainDays (default 30) a claude.ai tab's badge asks to check again. Without the
// "alarms" permission, the age is looked at whenever the background wakes: a hello
// from a tab, in-app navigation, the popup opening, a change of the option, and a
// timer while the background stays awake.

let ageingTimer = 0;
/** Wake up when the last state turns stale, if the background is still running then. */
function scheduleAgeing(last, settings) {
  clearTimeout(ageingTimer);
  if (!last) return;
  const wait = store.staleAt(last.time, settings) - Date.now();
  // setTimeout holds at most 2^31-1 ms (24.8 days); a longer wait wakes early, harmlessly.
  if (wait >= 0) ageingTimer = setTimeout(() => serial(ageBadges), Math.min(wait + 50, 2 ** 31 - 1));
}

/** Re-badge the claude.ai tabs whose badge no longer matches the last state's age. */
async function ageBadges() {
  const [{ last, seenPolicyVersion, settings }, access] = await Promise.all([
    store.read(["last", "seenPolicyVersion", "settings"]),
    hasSiteAccess(),
  ]);
  scheduleAgeing(last, settings);
  if (!access || !last) return;
  const kind = tabBadgeKind(last, seenPolicyVersion, settings);
  const tabs = await api.tabs.query({});
  await Promise.all(
    tabs.map(async (tab) => {
      const title = await api.action.getTitle({ tabId: tab.id }).catch(() => "");
      if (rebadgeOnAge(title, kind, msg)) await showBadge(tab.id, kind);
    }),
  );
}

// --- site access ----------------------------------------------------------------------------
// Firefox lets the user withdraw an MV3 extension's host access (about:addons, the
// extensions button); Chrome can withhold it ("on click"). The content script then never
// runs, so the badge must not keep showing a state: every tab and the toolbar say
// Privacy Guard cannot see claude.ai, and the popup offers to allow it again.
const SITE_ACCESS = { origins: [`${SITE}*`] };
// If the browser cannot answer, nothing is claimed about access.
const hasSiteAccess = () => api.permissions.contains(SITE_ACCESS).catch(() => true);

/** The toolbar badge of tabs without one of their own (badges.js globalBadgeKind). */
async function globalBadgeKind() {
  const [{ seenPolicyVersion }, access] = await Promise.all([
    store.read("seenPolicyVersion"),
    hasSiteAccess(),
  ]);
  return globalKindOf(access, seenPolicyVersion, POLICY_VERSION);
}

async function refreshAccessBadges() {
  const kind = await globalBadgeKind();
  await showBadge(undefined, kind);
  // A tab's own badge hides the toolbar's: every tab gets the same one until its page
  // reports again (after access comes back, a reload runs the content script).
  const tabs = await api.tabs.query({});
  await Promise.all(tabs.map((tab) => showBadge(tab.id, kind)));
}

api.permissions.onRemoved.addListener(() => serial(refreshAccessBadges));
api.permissions.onAdded.addListener(() => serial(refreshAccessBadges));

// --- install, update, start --------------------------------------------------------------
/** Rewrite stored data in the current schema: malformed entries dropped, fields added. */
async function migrate() {
  const raw = await api.storage.local.get(null);
  const data = store.normalise(raw);
  const update = { schemaVersion: data.schemaVersion, receipts: data.receipts };
  if (raw.settings !== undefined) update.settings = data.settings;
  if (data.last) update.last = data.last;
  // Decided by storage, not by `reason`: Chromium reports "install" when it relaunches
  // an unpacked build whose version changed, although storage (and the receipts) stayed.
  // Without a seen version this is a fresh install: nothing to compare with yet.
  update.seenPolicyVersion = data.seenPolicyVersion ?? POLICY_VERSION;
  update.tabReceipts = tabReceiptsOf(raw.tabReceipts);
  await api.storage.local.set(update);
  // `welcomed` (see welcomeOnce) is kept as it is.
  const known = new Set([...Object.keys(update), "settings", "last", "welcomed"]);
  const stale = Object.keys(raw).filter((key) => !known.has(key) || (key === "last" && !data.last));
  if (stale.length) await api.storage.local.remove(stale);
}

// --- welcome page --------------------------------------------------------------------------
const WELCOME_PAGE = "welcome/welcome.html";

/**
 * Opens the welcome page on a fresh install, once: never on an update, a browser restart
 * or a reinstall of the same copy. Runs before migrate(), which writes seenPolicyVersion.
 */
async function welcomeOnce(reason) {
  if (reason !== "install") return;
  const { welcomed, seenPolicyVersion } = await api.storage.local.get(["welcomed", "seenPolicyVersion"]);
  // Storage decides, not `reason` alone: Chromium also says "install" when it relaunches
  // an unpacked build whose version changed, with the user's data still there.
  if (welcomed !== undefined || seenPolicyVersion !== undefined) return;
  // Remembered first: a worker stopped after opening the tab must not open it twice.
  await api.storage.local.set({ welcomed: true });
  await api.tabs.create({ url: api.runtime.getURL(WELCOME_PAGE) });
}

api.runtime.onInstalled.addListener((details) => {
  serial(() => welcomeOnce(details?.reason));
  serial(migrate).then(() => serial(flush));
  serial(refreshPolicyBadge);
});
// A worker stopped while an observation waited commits it now.
serial(flush);
serial(refreshPolicyBadge);
serial(ageBadges);
