// Storage layout shared by the background, popup, options page and content script.
// Everything lives in storage.local: nothing leaves the browser, and it survives
// browser restarts and extension updates.
(() => {
  const PG = (globalThis.PrivacyGuard ??= {});
  if (PG.store) return;
  const api = globalThis.browser ?? globalThis.chrome;

  const DEFAULT_SETTINGS = Object.freeze({
    warnOnPopup: true,
    warnOnSettings: true,
    keepReceipts: true,
  });
  // Enough for years of daily checks; the oldest are dropped beyond it.
  const MAX_RECEIPTS = 1000;

  async function settings() {
    const { settings: saved } = await api.storage.local.get("settings");
    return { ...DEFAULT_SETTINGS, ...(saved ?? {}) };
  }

  async function receipts() {
    const { receipts: list } = await api.storage.local.get("receipts");
    return Array.isArray(list) ? list : [];
  }

  PG.store = { DEFAULT_SETTINGS, MAX_RECEIPTS, settings, receipts };
})();
