// Background: turns what content scripts observe into the toolbar badge, the last known
// state and the opt-out receipts. Nothing is kept in globals: Chrome stops the service
// worker when idle, so every handler reads and writes storage.local.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const { store } = globalThis.PrivacyGuard;
  const msg = (key) => api.i18n.getMessage(`background_${key}`);
  // The policy version is the last part of the manifest version (see builder/targets.py).
  // Read it from the manifest, not from policy-data.js: Chrome can keep running a
  // service worker's previously imported scripts after an update (seen with Chromium 156
  // relaunching an unpacked build whose version changed).
  const POLICY_VERSION = Number(api.runtime.getManifest().version.split(".").pop());

  const BADGES = {
    on: { text: "ON", color: "#b91c1c", title: "title_on" },
    off: { text: "✓", color: "#15803d", title: "title_off" },
    unknown: { text: "?", color: "#6b7280", title: "title_unknown" },
    policy: { text: "!", color: "#b45309", title: "title_policy" },
  };
  const STATES = new Set(["on", "off", "unknown"]);
  const SURFACES = new Set(["popup", "settings"]);

  async function showBadge(tabId, kind) {
    const badge = BADGES[kind];
    const target = tabId === undefined ? {} : { tabId };
    const title = badge ? msg(badge.title) : api.i18n.getMessage("manifest_extension_name");
    await Promise.all([
      api.action.setBadgeText({ ...target, text: badge ? badge.text : "" }),
      api.action.setTitle({ ...target, title }),
      badge ? api.action.setBadgeBackgroundColor({ ...target, color: badge.color }) : null,
    ]);
  }

  /** "!" until the user has seen the switch under the current policy version. */
  async function policyPending() {
    const { seenPolicyVersion } = await api.storage.local.get("seenPolicyVersion");
    return typeof seenPolicyVersion === "number" && seenPolicyVersion < POLICY_VERSION;
  }

  // Every start of the worker (and onInstalled after an update) re-derives the "!" from
  // storage, so it survives the worker being stopped and restarted.
  async function refreshPolicyBadge() {
    await showBadge(undefined, (await policyPending()) ? "policy" : undefined);
  }

  async function badgeFor(tabId) {
    if (await policyPending()) return showBadge(tabId, "policy");
    const { last } = await api.storage.local.get("last");
    return showBadge(tabId, last?.state);
  }

  const dayOf = (iso) => iso.slice(0, 10);

  /**
   * Where the switch was seen, without identifying a conversation: a chat's path names
   * it (/chat/<id>), so only the first path segment is kept, plus a #settings/... screen.
   */
  function placeOf(path) {
    const [pathname, hash = ""] = String(path ?? "").split("#", 2);
    const first = pathname.split("/").filter(Boolean)[0];
    const screen = hash.match(/^settings\/[\w-]+/)?.[0];
    const place = pathname.startsWith("/settings/") ? pathname : `/${first ?? ""}`;
    return (screen ? `${place}#${screen}` : place).slice(0, 100);
  }

  /** Append a receipt for a change of state, or for the first observation of the day. */
  async function recordReceipt(observation) {
    const settings = await store.settings();
    if (!settings.keepReceipts) return;
    const list = await store.receipts();
    const previous = list[list.length - 1];
    const changed = !previous || previous.state !== observation.state;
    const newDay = !previous || dayOf(previous.time) !== dayOf(observation.time);
    if (!changed && !newDay) return;
    list.push(observation);
    await api.storage.local.set({ receipts: list.slice(-store.MAX_RECEIPTS) });
  }

  async function observed(message, tabId) {
    const state = STATES.has(message.state) ? message.state : "unknown";
    const observation = {
      time: new Date().toISOString(),
      state,
      surface: SURFACES.has(message.surface) ? message.surface : "settings",
      locked: message.locked === true,
      policyVersion: POLICY_VERSION,
      path: placeOf(message.path),
    };
    const update = { last: observation };
    // Seeing the switch (on or off) under this policy version clears the "!".
    if (state !== "unknown") update.seenPolicyVersion = POLICY_VERSION;
    await api.storage.local.set(update);
    await recordReceipt(observation);
    await refreshPolicyBadge();
    await showBadge(tabId, state);
  }

  api.runtime.onMessage.addListener((message, sender) => {
    const tabId = sender.tab?.id;
    if (!message || tabId === undefined || sender.id !== api.runtime.id) return;
    if (message.type === "privacy-guard/observed") observed(message, tabId);
    else if (message.type === "privacy-guard/hello") badgeFor(tabId);
  });

  // A tab that starts loading a new page loses its badge; a claude.ai page says hello
  // again from its content script and gets it back.
  api.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === "loading") showBadge(tabId, undefined);
  });

  refreshPolicyBadge();
  api.runtime.onInstalled.addListener(async () => {
    // Decided by storage, not by `reason`: Chromium reports "install" when it relaunches
    // an unpacked build whose version changed, although storage (and the receipts) stayed.
    const { seenPolicyVersion } = await api.storage.local.get("seenPolicyVersion");
    if (typeof seenPolicyVersion !== "number") {
      // A fresh install: nothing to compare with yet.
      await api.storage.local.set({ seenPolicyVersion: POLICY_VERSION });
    }
    await refreshPolicyBadge();
  });
})();
