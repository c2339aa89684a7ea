// The welcome page, opened once on install (background.js, welcomeOnce): what the
// extension does and does not do, what it can see, and a way to check the setting now.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const data = globalThis.PRIVACY_GUARD_DATA;
  const { i18n } = globalThis.PrivacyGuard;
  const $ = (id) => document.getElementById(id);

  // The overlay address (/new#settings/...) opens the Privacy settings in the 2026 layout
  // and over any page; the older /settings/... address is the fallback.
  const urls = data.detection.settingsUrls;
  const settingsUrl = urls.find((url) => url.includes("#settings/")) ?? urls[0];

  i18n.localize();
  $("check-now").addEventListener("click", () => api.tabs.create({ url: settingsUrl }));
  $("options").addEventListener("click", () => api.runtime.openOptionsPage());
})();
